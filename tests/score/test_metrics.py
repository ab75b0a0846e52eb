"""Tests for bilingual.score.metrics: parity with the sacrebleu command, diffs, ranking."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from bilingual.score import Unit, Version, chrf, detect_lang, match, read_version, score, word_diff
from bilingual.score.metrics import han_share

FIXTURES = Path(__file__).parent / "fixtures"
SACREBLEU = Path(sys.executable).parent / "sacrebleu"


def sacrebleu_cli(ref: Path, hyp: Path, *options: str) -> list[dict[str, str]]:
    """The sacrebleu command's JSON report (4 decimals) for HYP against REF."""
    command = [str(SACREBLEU), str(ref), "-i", str(hyp), "-m", "bleu", "chrf", "ter", "-w", "4"]
    command += ["--format", "json", *options]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    result: list[dict[str, str]] = json.loads(done.stdout)
    return result


PARITY = [
    ("en", False, []),
    ("en", True, ["--chrf-word-order", "2"]),
    ("zh", False, ["--tokenize", "zh", "--ter-normalized", "--ter-asian-support"]),
    ("zh", True, ["--tokenize", "zh", "--ter-normalized", "--ter-asian-support", "--chrf-word-order", "2"]),
]


@pytest.mark.parametrize(("lang", "plus", "options"), PARITY, ids=[f"{p[0]}-plus{p[1]}" for p in PARITY])
def test_corpus_scores_equal_sacrebleu_command(lang: str, plus: bool, options: list[str]) -> None:
    ref = FIXTURES / f"bulletin.published.{lang}.txt"
    hyp = FIXTURES / f"bulletin.draft.{lang}.txt"
    expected = sacrebleu_cli(ref, hyp, *options)
    ref_version, hyp_version = read_version(ref), read_version(hyp)
    # No --lang: the language is detected from the text.
    report = score(ref_version, hyp_version, match(ref_version, hyp_version), chrf_plus=plus)
    assert report.lang == lang
    ours = [(m.name, f"{m.score:.4f}", m.signature) for m in report.metrics]
    theirs = [(e["name"], f"{float(e['score']):.4f}", e["signature"]) for e in expected]
    assert ours == theirs
    # The drafts differ from the published text: a score of 100 would mean nothing was read.
    assert 0 < report.metrics[0].score < 100


def test_document_scores_equal_corpus_scores_for_one_document() -> None:
    ref = read_version(FIXTURES / "bulletin.published.en.txt")
    hyp = read_version(FIXTURES / "bulletin.draft.en.txt")
    report = score(ref, hyp, match(ref, hyp))
    (doc,) = report.documents
    assert doc.segments == 12
    assert (doc.bleu, doc.chrf, doc.ter) == tuple(m.score for m in report.metrics)


def test_chrf_function() -> None:
    refs = (FIXTURES / "bulletin.published.en.txt").read_text(encoding="utf-8").splitlines()
    hyps = (FIXTURES / "bulletin.draft.en.txt").read_text(encoding="utf-8").splitlines()
    expected = sacrebleu_cli(FIXTURES / "bulletin.published.en.txt", FIXTURES / "bulletin.draft.en.txt")[1]
    assert f"{chrf(refs, hyps):.4f}" == f"{float(expected['score']):.4f}"
    assert chrf(refs, refs) == pytest.approx(100.0)
    with pytest.raises(ValueError, match="2 references for 1 hypotheses"):
        chrf(["a", "b"], ["a"])


@pytest.mark.parametrize(
    ("texts", "lang"),
    [
        (["嘉兴启动基层治理数字化改革试点"], "zh"),
        (["Jiaxing launches a pilot."], "en"),
        (["2023年GDP增长5.2%"], "zh"),
        (["The 枫桥经验 (Fengqiao Experience) is a model of grassroots governance."], "en"),
        (["𠀀𠀁 abc"], "zh"),  # Extension B counts as Han
        (["", "123 456"], "en"),  # no letters at all
    ],
)
def test_detect_lang(texts: list[str], lang: str) -> None:
    assert detect_lang(texts) == lang


def test_han_share_counts_extension_b() -> None:
    assert han_share(["𠀀a"]) == 0.5


DIFFS = [
    (
        "en",
        "The spirit of the red boat should be promoted.",
        "The Red Boat Spirit should be carried forward.",
        [
            ("equal", "The"),
            ("delete", "spirit of the red boat"),
            ("insert", "Red Boat Spirit"),
            ("equal", "should be"),
            ("delete", "promoted."),
            ("insert", "carried forward."),
        ],
    ),
    ("en", "same text", "same text", [("equal", "same text")]),
    ("en", "", "new words", [("insert", "new words")]),
    ("en", "old words", "", [("delete", "old words")]),
    (
        "zh",
        "要在各个社区传承红船精神。",
        "要在每个社区弘扬红船精神。",
        [
            ("equal", "要在"),
            ("delete", "各"),
            ("insert", "每"),
            ("equal", "个社区"),
            ("delete", "传承"),
            ("insert", "弘扬"),
            ("equal", "红船精神。"),
        ],
    ),
    (
        "zh",
        "增长5.2% 以上",
        "增长5.3% 以上",
        [("equal", "增长"), ("delete", "5.2"), ("insert", "5.3"), ("equal", "% 以上")],
    ),
]


@pytest.mark.parametrize(("lang", "hyp", "ref", "expected"), DIFFS)
def test_word_diff(lang: str, hyp: str, ref: str, expected: list[tuple[str, str]]) -> None:
    assert [(op.op, op.text) for op in word_diff(hyp, ref, lang)] == expected


def test_worst_ranks_by_ter_and_skips_unchanged() -> None:
    ref = read_version(FIXTURES / "bulletin.published.en.txt")
    hyp = read_version(FIXTURES / "bulletin.draft.en.txt")
    report = score(ref, hyp, match(ref, hyp), worst=100)
    ters = [s.ter for s, _ in report.worst]
    assert ters == sorted(ters, reverse=True)
    # Lines 2, 4, 9 and 12 are the same in both versions.
    assert {s.id for s, _ in report.worst} == {str(n) for n in range(1, 13)} - {"2", "4", "9", "12"}
    assert report.worst[0][0].id == "10"  # "The spirit of the red boat ..." is the most edited
    top3 = score(ref, hyp, match(ref, hyp), worst=3).worst
    assert [s.id for s, _ in top3] == [s.id for s, _ in report.worst[:3]]
    assert score(ref, hyp, match(ref, hyp), worst=0).worst == ()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_segment_scores_equal_sentence_scores(lang: str) -> None:
    zh = lang == "zh"
    ref = read_version(FIXTURES / f"bulletin.published.{lang}.txt")
    hyp = read_version(FIXTURES / f"bulletin.draft.{lang}.txt")
    report = score(ref, hyp, match(ref, hyp))
    for seg, r, h in zip(report.segments, ref.units, hyp.units, strict=True):
        assert seg.chrf == CHRF().sentence_score(h.text, [r.text]).score
        assert seg.ter == TER(normalized=zh, asian_support=zh).sentence_score(h.text, [r.text]).score


def test_document_scores_equal_corpus_scores_of_their_segments() -> None:
    published = (FIXTURES / "bulletin.published.en.txt").read_text(encoding="utf-8").splitlines()
    draft = (FIXTURES / "bulletin.draft.en.txt").read_text(encoding="utf-8").splitlines()
    # Three documents, interleaved: the table follows their first appearance in REF.
    docs = ["b", "a", "c"]
    owner = [docs[i % 3] for i in range(len(published))]
    ref = Version(Path("ref"), "tmx", tuple(Unit(owner[i], str(i), t) for i, t in enumerate(published)))
    hyp = Version(Path("hyp"), "tmx", tuple(Unit(owner[i], str(i), t) for i, t in enumerate(draft)))
    report = score(ref, hyp, match(ref, hyp))
    assert [d.doc_id for d in report.documents] == docs
    for doc in report.documents:
        refs = [t for d, t in zip(owner, published, strict=True) if d == doc.doc_id]
        hyps = [t for d, t in zip(owner, draft, strict=True) if d == doc.doc_id]
        assert doc.segments == len(refs) == 4
        assert doc.bleu == BLEU().corpus_score(hyps, [refs]).score
        assert doc.chrf == CHRF().corpus_score(hyps, [refs]).score
        assert doc.ter == TER().corpus_score(hyps, [refs]).score


def test_lang_mismatch_is_noted() -> None:
    ref = read_version(FIXTURES / "bulletin.published.en.txt")
    hyp = read_version(FIXTURES / "bulletin.draft.en.txt")
    report = score(ref, hyp, match(ref, hyp), lang="zh")
    assert report.tokenizer == "zh"
    assert any("looks like en" in w for w in report.warnings)
