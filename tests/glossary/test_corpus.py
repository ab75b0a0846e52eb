"""The sample corpus against the project glossary, on the hand-made gold
alignments (so the result does not depend on the aligner's mistakes), and
once through `bilingual check corpus/` with the real aligner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bilingual.cli import main
from bilingual.corpus import pair_corpus, read_pair
from bilingual.glossary import check, load
from bilingual.model import Alignment, Bead, Finding

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
GLOSSARY = ROOT / "glossaries" / "zhejiang.tbx"

# Every deliberate violation of the violations pair (see corpus/README.md).
DELIBERATE = {
    ("red-boat-spirit", "case", "red boat spirit"),
    ("red-boat-spirit", "forbidden", "Red Ship Spirit"),
    ("common-prosperity", "forbidden", "common wealth"),
    ("fengqiao-experience", "missing", None),
}


def gold_beads(path: Path) -> tuple[Bead, ...]:
    def ids(text: str) -> tuple[int, ...]:
        return tuple(int(x) for x in text.strip().strip("[]").split(",") if x.strip())

    beads = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            zh, en = line.split(":")[:2]
            beads.append(Bead(ids(zh), ids(en)))
    return tuple(beads)


def gold_findings() -> dict[str, list[Finding]]:
    if not CORPUS.is_dir():
        pytest.skip("no sample corpus")
    glossary = load(GLOSSARY)
    out = {}
    for pair in pair_corpus(CORPUS).pairs:
        assert pair.gold is not None
        zh, en = read_pair(pair)
        out[pair.id] = check(Alignment(zh, en, gold_beads(pair.gold)).pairs(), glossary)
    return out


def test_deliberate_violations_are_all_found() -> None:
    findings = gold_findings()
    (violations,) = [k for k in findings if k.endswith("-red-boat-violations")]
    got = {(f.term, f.verdict.value, f.found) for f in findings[violations]}
    assert got == DELIBERATE


def test_other_pairs_are_clean() -> None:
    findings = gold_findings()
    others = {k: v for k, v in findings.items() if not k.endswith("-red-boat-violations")}
    assert len(others) >= 5
    noisy = {k: [(f.segment, f.term, f.verdict.value) for f in v] for k, v in others.items() if v}
    assert noisy == {}


def test_check_corpus_command_finds_the_violations() -> None:
    if not CORPUS.is_dir():
        pytest.skip("no sample corpus")
    result = CliRunner().invoke(main, ["check", str(CORPUS), "-g", str(GLOSSARY), "--format", "jsonl"])
    assert result.exit_code == 1, result.output
    assert '"Red Ship Spirit"' in result.stdout and '"common wealth"' in result.stdout
    assert '"red boat spirit"' in result.stdout and '"fengqiao-experience"' in result.stdout
