"""Alignment time and peak memory at 1x, 2x and 4x document length, per mode.

The document is the six MAC-Dev chapters concatenated (1x: 1,463 zh x 1,951 en
sentences), repeated for 2x and 4x. Each (mode, length) runs in a fresh
process; the time reported is that of ``align()`` alone (startup, the lexicon
and jieba loading are reported apart), with the embedding cache warm (the 1x
run of a warm-up pass fills it), so the figures show how the aligner itself
scales. Cold embedding costs are in ``align_quality.py``.

This VM's speed drifts by 10-30% within a minute, which is as much as the
differences measured here, so the lengths run in interleaved rounds
(1x, 2x, 4x, 1x, 2x, 4x, ...) and each is reported by its fastest run, as
``timeit`` does: the least disturbed one.

    .venv/bin/python benchmarks/align_speed.py [--modes lexical,semantic] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAC = ROOT.parent / "shared" / "eval" / "mac-dev"
SCALES = (1, 2, 4)


def document() -> tuple[list[str], list[str]]:
    if not MAC.exists():
        sys.exit(f"{MAC} not found: the shared/ folder beside the checkout holds the evaluation data")
    zh: list[str] = []
    en: list[str] = []
    for path in sorted((MAC / "zh").glob("*.zh")):
        zh += path.read_text(encoding="utf-8").splitlines()
        en += (MAC / "en" / f"{path.stem}.en").read_text(encoding="utf-8").splitlines()
    return zh, en


def child(mode: str, scale: int) -> dict[str, float]:
    start = time.perf_counter()
    from bilingual.align import AlignConfig, lexicon
    from bilingual.pipeline import Settings, run

    lexicon._glosses()  # one-time loading, reported apart from the alignment
    lexicon._jieba()
    startup = time.perf_counter() - start
    zh, en = document()
    zh, en = zh * scale, en * scale
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / "mac.zh", Path(folder) / "mac.en"]
        for path, lines in zip(paths, (zh, en), strict=True):
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        settings = Settings.resolve(
            paths, segmented=True, use_glossary=False, config=AlignConfig(similarity=mode)
        )
        wall, cpu = time.perf_counter(), time.process_time()
        beads = next(iter(run(settings))).alignment.beads  # as `bilingual align --segmented` runs it
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"startup": startup, "wall": wall, "cpu": cpu, "rss_mb": rss, "beads": len(beads), "zh": len(zh)}


def run(mode: str, scale: int) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--child", mode, "--scale", str(scale)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"{mode} x{scale} failed:\n{done.stderr}")
    data: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--scale", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--modes", default="lexical,semantic")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each length, interleaved")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.scale)))
        return
    from machine import reference_loop  # benchmarks/machine.py

    loop_before = reference_loop()
    columns = ["mode", "length", "zh x en sentences", "align wall s", "align CPU s", "x of 1x"]
    columns += ["all runs s", "startup s", "peak RSS MB"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    zh, en = document()
    for mode in args.modes.split(","):
        if mode != "lexical":
            run(mode, 1)  # warm-up: fill the embedding cache
        runs: dict[int, list[dict[str, float]]] = {scale: [] for scale in SCALES}
        for _ in range(args.rounds):
            for scale in SCALES:
                runs[scale].append(run(mode, scale))
        base = min(r["wall"] for r in runs[1])
        for scale in SCALES:
            r = min(runs[scale], key=lambda x: x["wall"])
            size = f"{len(zh) * scale} x {len(en) * scale}"
            every = " ".join(f"{x['wall']:.2f}" for x in runs[scale])
            print(
                f"| {mode} | {scale}x | {size} | {r['wall']:.2f} | {r['cpu']:.2f} "
                f"| {r['wall'] / base:.2f} | {every} | {r['startup']:.2f} "
                f"| {max(x['rss_mb'] for x in runs[scale]):.0f} |",
                flush=True,
            )
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"reference loop (machine speed; about 1.0 s when quiet): {loop_before:.2f} s before, "
        f"{reference_loop():.2f} s after"
    )


if __name__ == "__main__":
    main()
