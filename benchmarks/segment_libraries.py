"""Compare sentence splitters on the case tables of tests/corpus/test_segment.py.

Runs pysbd (the well-kept rule-based splitter, ``language="en"`` and
``language="zh"``, ``clean=False``, ``char_span=True``) and our rules
(:func:`bilingual.corpus.segment.split_sentences`) over the same cases and
prints, per language, how many cases each gets exactly right, the ids of the
cases it misses, its boundary precision/recall/F1 on MAC dev and its speed.
pysbd's spans are trimmed of whitespace and the sentences read from the
original text through them, as ours are.

Outcome when written (pysbd 0.3.4; 75 en and 58 zh cases including our
known limits; MAC dev boundaries P/R/F1): en ours 71/75 and .997/.986/.991,
pysbd 63/75 and .980/.793/.877; zh ours 57/58 and .972/.974/.973, pysbd 33/58
and .795/.777/.786. pysbd measures well only on English abbreviations; it
fails where our bulletins need it (Chinese closing quotes and brackets go to
the next sentence, "？！" is cut in two, "10 a.m. Beijing time", "Co. Ltd.",
line breaks) and is slow and quadratic in paragraph length (~30 s for 100 KB
against our ~1-5 M chars/s), so :mod:`bilingual.corpus.segment` does not
depend on it. It is measured here so the decision can be revisited with each
release.

The MAC dev corpus (literary, one sentence per line) is read from
``../shared/eval/mac-dev`` at run time and skipped when absent; each file's
lines are joined into paragraphs of 25 lines and the line ends are the gold
sentence ends.

Usage: ``.venv/bin/python benchmarks/segment_libraries.py [--speed-mb 10]``
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from bilingual.corpus.segment import split_sentences

ROOT = Path(__file__).resolve().parents[1]
Splitter = Callable[[str], list[tuple[int, int]]]
Case = tuple[str, str, list[str]]


def load_cases() -> ModuleType:
    """The test module, imported by path (tests/ is not a package)."""
    path = ROOT / "tests" / "corpus" / "test_segment.py"
    spec = importlib.util.spec_from_file_location("segment_cases", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ours(lang: str) -> Splitter:
    return lambda text: split_sentences(text, lang)


def pysbd_splitter(lang: str) -> Splitter | None:
    try:
        import pysbd
    except ImportError:
        return None
    segmenter = pysbd.Segmenter(language=lang, clean=False, char_span=True)

    def split(text: str) -> list[tuple[int, int]]:
        spans = []
        for span in segmenter.segment(text):
            start, end = span.start, span.end
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                spans.append((start, end))
        return spans

    return split


def score(split: Splitter, cases: list[Case]) -> list[str]:
    """The ids of the cases ``split`` gets wrong (an exception counts as wrong)."""
    failed = []
    for case_id, text, expected in cases:
        try:
            got = [text[s:e] for s, e in split(text)]
        except Exception:  # a library bug is a failed case, not a crashed benchmark
            got = None
        if got != expected:
            failed.append(case_id)
    return failed


def speed(split: Splitter, text: str) -> float:
    """Characters per second on one long paragraph."""
    started = time.perf_counter()
    split(text)
    return len(text) / max(time.perf_counter() - started, 1e-9)


def speed_text(lang: str, chars: int) -> str:
    """One long paragraph without line breaks, dense in the cases of the tables."""
    if lang == "zh":
        unit = "他说：“我们要努力工作，增长3.5%。”会议于10:30开始！真的吗？！"
    else:
        unit = (
            "Mr. Li met Dr. Wang at 10 a.m. Beijing time.\u00a0 GDP grew 3.5%, etc. The U.S. Embassy agreed. "
        )
    return unit * (chars // len(unit) + 1)


def mac_chunks(lang: str, lines_per_chunk: int = 25) -> list[tuple[str, set[int]]]:
    """MAC dev (../shared/eval, read at run time): lines joined into paragraphs, gold cut offsets.

    Chunks of 25 lines keep pysbd (quadratic) fast; zh lines are joined with "",
    en lines with " ", as in running text.
    """
    root = ROOT.parent / "shared" / "eval" / "mac-dev" / lang
    joiner = "" if lang == "zh" else " "
    chunks = []
    for path in sorted(root.glob(f"*.{lang}")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for first in range(0, len(lines), lines_per_chunk):
            part = lines[first : first + lines_per_chunk]
            cuts, offset = set(), 0
            for line in part[:-1]:
                offset += len(line)
                cuts.add(offset)
                offset += len(joiner)
            chunks.append((joiner.join(part), cuts))
    return chunks


def boundary_f1(split: Splitter, chunks: list[tuple[str, set[int]]]) -> tuple[float, float, float]:
    """Precision, recall and F1 of the sentence ends found inside each chunk."""
    found = gold = hits = 0
    for text, cuts in chunks:
        ends = {end for _, end in split(text)[:-1]}
        found, gold, hits = found + len(ends), gold + len(cuts), hits + len(ends & cuts)
    precision, recall = hits / max(found, 1), hits / max(gold, 1)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-9)


def report(lang: str, cases: list[Case], speed_chars: int) -> None:
    splitters: dict[str, Splitter | None] = {"bilingual": ours(lang), "pysbd": pysbd_splitter(lang)}
    chunks = mac_chunks(lang)
    mac = f"; MAC dev: {sum(len(c) + 1 for _, c in chunks)} sentences" if chunks else " (no MAC dev)"
    print(f"== {lang}: {len(cases)} table cases{mac}")
    for name, split in splitters.items():
        if split is None:
            print(f"  {name:10} not installed")
            continue
        failed = score(split, cases)
        passed = len(cases) - len(failed)
        # pysbd is slow (and quadratic): time it on a hundredth of the text
        chars = speed_chars if name == "bilingual" else max(speed_chars // 100, 10_000)
        rate = speed(split, speed_text(lang, chars))
        line = f"  {name:10} cases {passed:3}/{len(cases)} = {passed / len(cases):6.1%}"
        if chunks:
            line += "   MAC P/R/F1 {:.3f}/{:.3f}/{:.3f}".format(*boundary_f1(split, chunks))
        print(f"{line}   {rate / 1e6:6.3f} M chars/s on {chars / 1e6:g} MB")
        if failed:
            print(f"  {'':10} misses: {', '.join(failed)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed-mb", type=float, default=1.0, help="size of the speed test text (MB)")
    args = parser.parse_args(argv)
    module = load_cases()
    chars = int(args.speed_mb * 1_000_000)
    report("en", module.EN_CASES + module.EN_KNOWN_LIMITS, chars)
    report("zh", module.ZH_CASES + module.ZH_KNOWN_LIMITS, chars)
    return 0


if __name__ == "__main__":
    sys.exit(main())
