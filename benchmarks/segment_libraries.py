"""Compare sentence splitters on the case tables of tests/corpus/test_segment.py.

Runs pysbd (the well-kept rule-based splitter, ``language="en"`` and
``language="zh"``, ``clean=False``, ``char_span=True``) and our rules
(:func:`bilingual.corpus.segment.split_sentences`) over the same cases and
prints, per language, how many cases each gets exactly right, the ids of the
cases it misses and its speed. pysbd spans are trimmed of whitespace and
checked against the original text, as ours are.

Outcome when written (pysbd 0.3.4): pysbd fails on both languages where our
bulletins need it most (closing Chinese quotes and brackets go to the next
sentence, "？！" is cut in two, "U.S. Embassy", "10 a.m. Beijing time",
"Chen W. Li" and "etc. The ..." go wrong) and is about two orders of
magnitude slower, so :mod:`bilingual.corpus.segment` does not depend on it.
It is measured here so the decision can be revisited with each release.

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
    unit = (
        "他说：“我们要努力工作，增长3.5%。”会议于10:30开始！真的吗？！"
        if lang == "zh"
        else "Mr. Li met Dr. Wang at 10 a.m. Beijing time.\u00a0 GDP grew 3.5%, etc. The U.S. Embassy said so. "
    )
    return unit * (chars // len(unit) + 1)


def report(lang: str, cases: list[Case], speed_chars: int) -> None:
    splitters: dict[str, Splitter | None] = {"bilingual": ours(lang), "pysbd": pysbd_splitter(lang)}
    print(f"== {lang}: {len(cases)} cases")
    for name, split in splitters.items():
        if split is None:
            print(f"  {name:10} not installed")
            continue
        failed = score(split, cases)
        passed = len(cases) - len(failed)
        # pysbd is slow: time it on a tenth of the text
        chars = speed_chars if name == "bilingual" else max(speed_chars // 10, 10_000)
        rate = speed(split, speed_text(lang, chars))
        print(
            f"  {name:10} {passed:3}/{len(cases)} = {passed / len(cases):6.1%}   {rate / 1e6:6.2f} M chars/s"
        )
        if failed:
            print(f"  {'':10} misses: {', '.join(failed)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed-mb", type=float, default=1.0, help="size of the speed test text (MB)")
    args = parser.parse_args(argv)
    module = load_cases()
    chars = int(args.speed_mb * 1_000_000)
    report("en", module.EN_CASES, chars)
    report("zh", module.ZH_CASES, chars)
    return 0


if __name__ == "__main__":
    sys.exit(main())
