"""Benchmark: ``bilingual align CORPUS -o OUT --similarity lexical`` with --jobs 1 against --jobs N.

Bar (issue 18): 1,000 generated bulletins x 20 sentences a side (publish_speed.py's
generator), ``--jobs 2`` at most 0.6x the time of ``--jobs 1``, and the same beads
(every output file byte-identical). Each run is the whole command in a fresh
process (the venv's ``bilingual``), wall-clock time, so it counts the pool's
start-up and the reading of the corpus. The machine-speed reference loop is
printed before and after (see machine.py): figures on a busy shared VM vary.

``--cluster`` adds a run on a Dask ``LocalCluster`` of ``--jobs`` worker
processes started here (127.0.0.1 only), to measure what shipping the
documents costs.

Usage::

    .venv/bin/python benchmarks/align_jobs.py [--docs 1000] [--beads 20] [--jobs 1,2] [--cluster]
"""

from __future__ import annotations

import argparse
import filecmp
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from machine import reference_loop
from publish_speed import write_corpus


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def align(corpus: Path, out: Path, *extra: str) -> tuple[float, float]:
    """Wall-clock seconds, and CPU seconds of the command and its worker processes (not a cluster's)."""
    command = [str(Path(sys.executable).parent / "bilingual"), "align", str(corpus), "-o", str(out)]
    cpu, start = _children_cpu(), time.perf_counter()
    subprocess.run([*command, "--similarity", "lexical", *extra], check=True, capture_output=True)
    return time.perf_counter() - start, _children_cpu() - cpu


def same(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.iterdir())
    if names != sorted(p.name for p in b.iterdir()):
        return False
    _match, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    return not mismatch and not errors


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--beads", type=int, default=20)
    parser.add_argument("--jobs", default="1,2", help="comma-separated; the first is the baseline")
    parser.add_argument("--cluster", action="store_true", help="also a LocalCluster run")
    args = parser.parse_args()
    jobs = [int(j) for j in args.jobs.split(",")]
    print(f"reference loop: {reference_loop():.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = root / "corpus"
        write_corpus(corpus, args.docs, args.beads)
        print(f"align_jobs: {args.docs} bulletins x {args.beads} sentences a side, --similarity lexical")
        print(f"{'run':<14} {'seconds':>8} {'cpu s':>7} {'docs/s':>7} {'vs first':>8}  same beads")
        base: float | None = None
        first = root / f"out-{jobs[0]}"
        runs = [(f"--jobs {j}", root / f"out-{j}", ("--jobs", str(j))) for j in jobs]
        cluster = None
        if args.cluster:
            from distributed import LocalCluster

            n = max(jobs)
            cluster = LocalCluster(
                n_workers=n,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address="127.0.0.1:0",
            )
            runs.append((f"cluster x{n}", root / "out-cluster", ("--cluster", cluster.scheduler_address)))
        try:
            for label, out, extra in runs:
                seconds, cpu = align(corpus, out, *extra)
                base = base or seconds
                identical = "yes" if out == first or same(first, out) else "NO"
                rate, ratio = args.docs / seconds, seconds / base
                print(f"{label:<14} {seconds:>8.2f} {cpu:>7.2f} {rate:>7.1f} {ratio:>8.2f}  {identical}")
        finally:
            if cluster is not None:
                cluster.close()
    print(
        "bar: --jobs 2 <= 0.60 x --jobs 1, same beads (cpu s: on a busy machine, wall time is not the work)"
    )
    print(f"reference loop: {reference_loop():.2f} s")


if __name__ == "__main__":
    main()
