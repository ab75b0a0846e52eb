"""The interop table of issue 15: every real or tool-shaped file the tests hold, read or refused.

Walks ``tests/interop`` (tool-shaped files, third-party Chinese-English files,
the OASIS XLIFF 2.1/2.2 suites) and the official samples beside the checkout
(``../shared/schemas/samples``), reads each as pairs (TBX and CSV as
glossaries) and prints, per format, how many files were read with zh-en pairs,
how many were refused in one line naming the file, and how many were read with
no pair at all and no error (a *zero-pair success*, the defect the issue names:
it must be 0). Whether a file read is read *right* is the tests' business
(``tests/interop/test_*.py`` hold each file's expected pairs or message); this
prints the census they check.

    .venv/bin/python benchmarks/interop_census.py
"""

from __future__ import annotations

import logging
import subprocess
import sys
from collections import Counter
from pathlib import Path

from bilingual.errors import BilingualError
from bilingual.formats import format_for, read_pairs
from bilingual.glossary import load

ROOT = Path(__file__).resolve().parent.parent
PLACES = (ROOT / "tests" / "interop", ROOT.parent / "shared" / "schemas" / "samples")
GLOSSARY_SUFFIXES = {".tbx", ".csv", ".tsv"}
SKIP_SUFFIXES = {".md", ".py", ".tsv", ".txt"}


def _kind(path: Path) -> str:
    if path.suffix.lower() in GLOSSARY_SUFFIXES or path.name == "multiterm.xml":
        return "TBX/CSV glossary"
    fmt = format_for(path)
    return fmt.name if fmt is not None else f"unknown ({path.suffix})"


def _outcome(path: Path, kind: str) -> str:
    try:
        if kind == "TBX/CSV glossary":
            return "read" if load(path, source_lang="zh").terms else "zero"
        pairs = read_pairs(path)
    except BilingualError as exc:
        one_line = "\n" not in str(exc) and exc.path is not None
        return "refused" if one_line else "refused badly"
    if any(p.zh and p.en for p in pairs):
        return "read"
    # one-sided units only: read, but `check` must refuse it (exit 2), never report "no findings"
    glossary = ROOT / "glossaries" / "zhejiang.csv"
    check = [str(Path(sys.executable).with_name("bilingual")), "check", str(path), "-g", str(glossary)]
    return "no pair, check exits 2" if subprocess.run(check, capture_output=True).returncode == 2 else "zero"


def main() -> None:
    logging.disable(logging.WARNING)
    table: dict[str, Counter[str]] = {}
    for place in PLACES:
        if not place.is_dir():
            print(f"(missing: {place})")
            continue
        for path in sorted(place.rglob("*")):
            if not path.is_file() or path.suffix.lower() in SKIP_SUFFIXES - GLOSSARY_SUFFIXES:
                continue
            if path.suffix.lower() == ".tsv" and "interop" in path.parts and path.parent.name == "interop":
                continue
            kind = _kind(path)
            table.setdefault(kind, Counter())[_outcome(path, kind)] += 1
    print(
        "| format | files | read (zh-en pairs) | refused in one line | one-sided only, check exits 2 "
        "| zero-pair successes | refused badly |"
    )
    print("|---|---|---|---|---|---|---|")
    total: Counter[str] = Counter()
    for kind, counts in sorted(table.items()):
        total.update(counts)
        print(
            f"| {kind} | {sum(counts.values())} | {counts['read']} | {counts['refused']} "
            f"| {counts['no pair, check exits 2']} | {counts['zero']} | {counts['refused badly']} |"
        )
    print(
        f"| all | {sum(total.values())} | {total['read']} | {total['refused']} "
        f"| {total['no pair, check exits 2']} | {total['zero']} | {total['refused badly']} |"
    )


if __name__ == "__main__":
    main()
