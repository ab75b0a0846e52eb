"""Benchmark: peak memory of align, check, export, publish and score (issue 13 item 5).

Each command runs as a user runs it, the venv's ``bilingual`` script in a
child process, and its peak RSS is the child's own ``ru_maxrss`` (from
``os.wait4``), on two inputs:

- ``line``: a 20 MB file holding one line without a sentence end (a page
  that lost its punctuation, or not a bulletin at all). Expected: refused in
  one line, exit 2, in little memory (the 2 MB bulletin cap; score's text
  versions by --max-segment);
- ``corpus``: a generated corpus of about ``--corpus-mb`` MB (bulletins as
  :mod:`publish_speed` generates them, 20 beads each), ``--similarity
  lexical``. Expected: memory that does not grow with the corpus for align,
  check and export (they stream one document at a time); publish holds every
  checked alignment until it writes; score reads both versions whole.

Usage::

    .venv/bin/python benchmarks/memory.py                  # 100 MB corpus (long: ~20,000 bulletins)
    .venv/bin/python benchmarks/memory.py --corpus-mb 10   # a quick run
    .venv/bin/python benchmarks/memory.py --cases line
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import publish_speed  # benchmarks/publish_speed.py: the bulletin generator

ROOT = Path(__file__).resolve().parent.parent
BILINGUAL = Path(sys.executable).parent / "bilingual"
GLOSSARY = ROOT / "glossaries" / "zhejiang.tbx"
BEADS = 20


def measure(args: list[str | Path], cwd: Path) -> dict[str, object]:
    """Run ``bilingual ARGS``; its exit status, seconds, peak RSS (MB) and last line on stderr."""
    env = {**os.environ, "NO_COLOR": "1"}
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        child = subprocess.Popen(
            [str(BILINGUAL), *map(str, args)], cwd=cwd, stdout=subprocess.DEVNULL, stderr=err, env=env
        )
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").strip().splitlines()
    return {
        "rc": child.returncode,
        "seconds": time.perf_counter() - start,
        "peak_mb": usage.ru_maxrss / 1024,  # Linux: KB
        "last": lines[-1] if lines else "",
    }


def write_line_case(root: Path) -> None:
    """big.txt (20 MB, one line), a small English side, a corpus whose zh/a.txt is big.txt."""
    rng = random.Random(13)
    clause = "".join(rng.choice("嘉兴推进共同富裕完成项目群众满意度持续提升") for _ in range(60))
    (root / "big.txt").write_text(
        (clause * (20 * 2**20 // len(clause.encode()) + 1)) + "\n", encoding="utf-8"
    )
    en = "Jiaxing Bulletin\n\nJiaxing advanced common prosperity, completing 12 projects.\n"
    (root / "en.txt").write_text(en, encoding="utf-8")
    for lang in ("zh", "en"):
        (root / "line-corpus" / lang).mkdir(parents=True)
    (root / "line-corpus" / "zh" / "a.txt").write_bytes((root / "big.txt").read_bytes())
    (root / "line-corpus" / "en" / "a.txt").write_text(en, encoding="utf-8")


def corpus_docs(megabytes: float) -> int:
    """How many generated bulletins (both sides) make about ``megabytes`` MB."""
    rng = random.Random(1)
    sample = [publish_speed.bulletin(rng, n, BEADS) for n in range(20)]
    per_doc = sum(len(zh.encode()) + len(en.encode()) for _, zh, en in sample) / len(sample)
    return max(1, round(megabytes * 2**20 / per_doc))


def commands(case: str) -> dict[str, list[str | Path]]:
    g = ["-g", GLOSSARY]
    lexical = ["--similarity", "lexical"]
    if case == "line":
        return {
            "align": ["align", "big.txt", "en.txt", *g],
            "check": ["check", "big.txt", "en.txt", *g],
            "export": ["export", "big.txt", "en.txt", "--to", "tmx", *g],
            "publish": ["publish", "line-corpus", "-o", "out-line", *g],
            "score": ["score", "--ref", "big.txt", "--hyp", "big.txt"],
        }
    return {
        "align": ["align", "corpus", "-o", "out/align", *lexical, *g],
        "check": ["check", "corpus", "--format", "jsonl", "-o", "out/check.jsonl", *lexical, *g],
        "export": ["export", "corpus", "--to", "tmx", "-o", "out/corpus.tmx", *lexical, *g],
        "publish": ["publish", "corpus", "-o", "out/publish", "--no-progress", *lexical, *g],
        "score": ["score", "--ref", "corpus", "--hyp", "corpus", "--worst", "0"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus-mb", type=float, default=100.0, help="Size of the generated corpus.")
    parser.add_argument("--cases", default="line,corpus", help="line, corpus or both.")
    parser.add_argument("--commands", default="align,check,export,publish,score")
    args = parser.parse_args()
    wanted = args.commands.split(",")
    print(f"memory: peak RSS of each command (child ru_maxrss); {BILINGUAL}")
    print(f"{'case':<22} {'command':<8} {'exit':>4} {'seconds':>8} {'peak MB':>8}  last line on stderr")
    with tempfile.TemporaryDirectory(prefix="bilingual-memory-") as tmp:
        root = Path(tmp)
        for case in args.cases.split(","):
            label = case
            if case == "line":
                write_line_case(root)
                label = "line (20 MB, 1 line)"
            elif case == "corpus":
                docs = corpus_docs(args.corpus_mb)
                start = time.perf_counter()
                publish_speed.write_corpus(root / "corpus", docs, BEADS)
                size = sum(p.stat().st_size for p in (root / "corpus").rglob("*.txt")) / 2**20
                label = f"corpus ({size:.0f} MB)"
                print(f"# corpus: {docs} bulletins x {BEADS} beads, {size:.1f} MB, written in "
                      f"{time.perf_counter() - start:.1f} s")  # fmt: skip
            else:
                parser.error(f"unknown case {case!r}")
            for name, command in commands(case).items():
                if name not in wanted:
                    continue
                r = measure(command, root)
                print(f"{label:<22} {name:<8} {r['rc']:>4} {r['seconds']:>8.1f} {r['peak_mb']:>8.1f}  "
                      f"{str(r['last'])[:100]}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
