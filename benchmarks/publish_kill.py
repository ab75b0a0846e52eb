"""Kill loop: `bilingual publish` killed with SIGKILL at random points never leaves a mixed OUT.

Two corpora that differ (the sample corpus, and a copy with one English file
edited) give two known-good publishes: A (corpus a over a publish of b) and B
(b over a). The output folder starts as A; each round publishes the other
corpus in a subprocess, kills it with SIGKILL after a random delay within the
measured duration of a run, and checks that OUT is entirely the old or entirely
the new output (a manifest of every file's sha256, symbolic links and folders
included). Then the same publish is run to the end, as an editor would retry:
OUT must be the new output, and no staging, old or temporary folder or file of
the killed run may survive it.

    .venv/bin/python benchmarks/publish_kill.py            # 20 kills
    .venv/bin/python benchmarks/publish_kill.py --kills 3 --seed 7 --scale 4

``--scale K`` publishes K copies of every bulletin (a longer write phase).
Exit status 1 when a round found a mixed folder or a leftover.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
EDITED = Path("en") / "2023-02-14-grassroots-safety.txt"
EPOCH = "1700000000"


def make_corpus(target: Path, *, edited: bool, scale: int) -> Path:
    shutil.copytree(CORPUS, target)
    if edited:
        path = target / EDITED
        text = path.read_bytes()
        assert b"Huang Jianfa" in text, "the sample corpus changed: pick another edit"
        path.write_bytes(text.replace(b"Huang Jianfa", b"Mr Huang"))
    for copy in range(2, scale + 1):
        for lang in ("zh", "en"):
            for path in sorted((target / lang).iterdir()):
                if path.is_file() and "-k" not in path.stem:
                    shutil.copy(path, path.with_name(f"{path.stem}-k{copy}{path.suffix}"))
    return target


def command(corpus: Path, out: Path) -> list[str]:
    code = "from bilingual.cli import main; main(prog_name='bilingual')"
    return [sys.executable, "-c", code, "publish", str(corpus), "-o", str(out), "--similarity", "lexical",
            "--no-progress"]  # fmt: skip


def environment() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(ROOT)}


def publish(corpus: Path, out: Path) -> float:
    """One complete publish; its wall time in seconds."""
    start = time.perf_counter()
    done = subprocess.run(
        command(corpus, out), env=environment(), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"publish failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}")
    return time.perf_counter() - start


def manifest(out: Path) -> dict[str, str]:
    """Every entry under ``out``: sha256 of a file, the target of a link, "dir" for a folder."""
    entries: dict[str, str] = {}
    for top, dirs, files in os.walk(out):
        for name in [*dirs, *files]:
            path = Path(top) / name
            relative = path.relative_to(out).as_posix()
            if path.is_symlink():
                entries[relative] = "link:" + os.readlink(path)
            elif path.is_dir():
                entries[relative] = "dir"
            else:
                entries[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return entries


def leftovers(out: Path) -> list[str]:
    """Staging or old folders beside ``out`` and temporary files inside it."""
    beside = [p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.") and not
              p.name.endswith(".lock")]  # fmt: skip
    inside = [p.relative_to(out).as_posix() for p in out.rglob("*.tmp")]
    return sorted(beside + inside)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=20, help="rounds (one SIGKILL each); default 20")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: from the clock)")
    parser.add_argument("--scale", type=int, default=1, help="copies of every bulletin; default 1")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else int(time.time())
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="publish-kill-") as tmp:
        work = Path(tmp)
        corpora = {
            "A": make_corpus(work / "a", edited=False, scale=args.scale),
            "B": make_corpus(work / "b", edited=True, scale=args.scale),
        }
        reference = work / "reference" / "out"
        durations = [publish(corpora["B"], reference), publish(corpora["A"], reference)]
        known = {"A": manifest(reference)}
        shutil.copytree(reference, work / "reference" / "a-state", symlinks=True)  # OUT starts as A
        durations.append(publish(corpora["B"], reference))
        known["B"] = manifest(reference)
        shutil.copytree(reference, work / "reference" / "b-state", symlinks=True)
        again: dict[str, dict[str, str]] = {}  # X published over X: the retry after a kill that finished

        def republished(name: str) -> dict[str, str]:
            if name not in again:
                folder = work / "reference" / f"{name}-again"
                shutil.copytree(work / "reference" / f"{name.lower()}-state", folder, symlinks=True)
                publish(corpora[name], folder)
                again[name] = manifest(folder)
            return again[name]

        assert known["A"] != known["B"], "the two corpora publish the same output"
        duration = statistics.median(durations)
        out = work / "site" / "out"
        out.parent.mkdir()
        shutil.copytree(work / "reference" / "a-state", out, symlinks=True)
        state, current = "A", known["A"]
        counts = {
            "old": 0,
            "new": 0,
            "mixed": 0,
            "finished before the kill": 0,
            "staging left by the kill": 0,
        }
        failures: list[str] = []
        for round_ in range(1, args.kills + 1):
            target = "B" if state == "A" else "A"
            delay = rng.uniform(0, duration)
            process = subprocess.Popen(
                command(corpora[target], out),
                env=environment(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(delay)
            process.send_signal(signal.SIGKILL)
            status = process.wait()
            if status == 0:
                counts["finished before the kill"] += 1
            found = manifest(out) if out.is_dir() else {}
            expected = known[target]  # after the retry
            if found == current:
                counts["old"] += 1
            elif found == known[target]:
                counts["new"] += 1
                expected = republished(target)  # the retry compares with the killed run's publish
            else:
                counts["mixed"] += 1
                failures.append(f"round {round_}: killed after {delay:.2f} s, OUT is neither A nor B")
            if [p for p in out.parent.iterdir() if ".staging-" in p.name]:
                counts["staging left by the kill"] += 1
            publish(corpora[target], out)  # the editor's retry
            state, current = target, manifest(out)
            if current != expected:
                failures.append(f"round {round_}: the publish after the kill is not the known-good output")
            left = leftovers(out)
            if left:
                failures.append(f"round {round_}: left after the next publish: {', '.join(left)}")
        print(
            f"kills: {args.kills} (seed {seed}, scale {args.scale}, run {duration:.2f} s): "
            f"old {counts['old']}, new {counts['new']}, mixed {counts['mixed']}; "
            f"finished before the kill {counts['finished before the kill']}, "
            f"staging left by the kill {counts['staging left by the kill']}"
        )
        print("never mixed; nothing left after the next run" if not failures else "\n".join(failures))
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
