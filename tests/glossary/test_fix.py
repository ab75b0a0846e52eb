"""Suggested renderings and check --fix: the violations bulletin's round trip, refusals."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from bilingual.cli import main
from bilingual.glossary.fix import plural, suggestion
from bilingual.model import Finding, Term, Verdict

ROOT = Path(__file__).resolve().parents[2]
NAME = "2023-07-01-red-boat-violations.txt"
TERM = Term("rbs", ("红船精神",), ("Red Boat Spirit",), forbidden=("Red Ship Spirit",))
LOWER = Term("cp", ("共同富裕",), ("common prosperity",), forbidden=("common wealth",))
BRANCH = Term("pb", ("党支部",), ("Party branch",))
IDEA = Term("ndp", ("新发展理念",), ("new development philosophy",), forbidden=("new development concept",))
WPD = Term("wpd", ("民主",), ("whole-process people's democracy",), forbidden=("whole-process democracy",))
COURSE = Term("wc", ("全过程",), ("whole course",), forbidden=("whole process",))
FORBIDDEN, CASE, SPOOFED = Verdict.FORBIDDEN, Verdict.CASE, Verdict.SPOOFED


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("term", "en", "found", "verdict", "expected"),
    [
        (
            TERM,
            "We carry forward the Red Ship Spirit.",
            "Red Ship Spirit",
            Verdict.FORBIDDEN,
            "Red Boat Spirit",
        ),
        (TERM, "We study the red boat spirit.", "red boat spirit", Verdict.CASE, "Red Boat Spirit"),
        (LOWER, "It builds common wealth for all.", "common wealth", Verdict.FORBIDDEN, "common prosperity"),
        (LOWER, "Common wealth is the goal.", "Common wealth", Verdict.FORBIDDEN, "Common prosperity"),
        (LOWER, "“Common wealth” is the goal.", "Common wealth", Verdict.FORBIDDEN, "Common prosperity"),
        (LOWER, "Building Common Wealth in Jiaxing", "Common Wealth", Verdict.FORBIDDEN, "Common Prosperity"),
        (LOWER, "BUILDING COMMON WEALTH IN JIAXING", "COMMON WEALTH", Verdict.FORBIDDEN, "COMMON PROSPERITY"),
        (TERM, "Two Red Ship Spirits were named.", "Red Ship Spirits", Verdict.FORBIDDEN, "Red Boat Spirits"),
        (TERM, "They study red boat spirits.", "red boat spirits", Verdict.CASE, "Red Boat Spirits"),
    ],
)
def test_suggestion(term: Term, en: str, found: str, verdict: Verdict, expected: str) -> None:
    start = en.index(found)
    finding = Finding("p", term.id, verdict, en=en, en_span=(start, start + len(found)))
    assert suggestion(finding, term) == expected


@pytest.mark.parametrize(
    ("term", "verdict", "marked", "expected"),
    [
        # A possessive stays a possessive, its apostrophe as written (it is no plural).
        (TERM, FORBIDDEN, "We carry forward the [Red Ship Spirit's] legacy.", "Red Boat Spirit's"),
        (TERM, FORBIDDEN, "We carry forward the [Red Ship Spirit’s] legacy.", "Red Boat Spirit’s"),
        (TERM, CASE, "The [red boat spirit's] legacy.", "Red Boat Spirit's"),
        (WPD, FORBIDDEN, "Its [whole-process democracy’s] roots.", "whole-process people's democracy’s"),
        # Plural or not, by the renderings; the plural by English rules.
        (BRANCH, CASE, "All [party branches] carried out study.", "Party branches"),
        (IDEA, FORBIDDEN, "Apply the [new development concepts].", "new development philosophies"),
        (IDEA, FORBIDDEN, "Apply the [new development concept].", "new development philosophy"),
        (COURSE, FORBIDDEN, "Over the [whole process] it rose.", "whole course"),
        (COURSE, FORBIDDEN, "Over the [whole processes] it rose.", "whole courses"),
        (TERM, SPOOFED, "Two [Red Ship Sрirits] were named.", "Red Boat Spirits"),
        (TERM, SPOOFED, "We carry the [Red Boat Sрirit].", "Red Boat Spirit"),
        # Sentence-initial only after a sentence's end: not after ; or : or an abbreviation.
        (LOWER, FORBIDDEN, "We uphold democracy; [common wealth] is our goal.", "common prosperity"),
        (LOWER, FORBIDDEN, "Our goal: [common wealth] for all.", "common prosperity"),
        (LOWER, FORBIDDEN, "Provinces, e.g. [common wealth] zones, lead.", "common prosperity"),
        (LOWER, FORBIDDEN, "Zones, funds etc. [common wealth] needs them.", "common prosperity"),
        (LOWER, FORBIDDEN, "See Mr. [common wealth] himself.", "common prosperity"),
        (LOWER, FORBIDDEN, "That is our goal. [common wealth] is near.", "Common prosperity"),
        (LOWER, FORBIDDEN, "The answer was no. [common wealth] is near.", "Common prosperity"),
        (LOWER, FORBIDDEN, "Is it near? ([common wealth], that is)", "Common prosperity"),
        (LOWER, FORBIDDEN, "是目标。[common wealth] is near.", "Common prosperity"),
    ],
)
def test_suggestion_in_context(term: Term, verdict: Verdict, marked: str, expected: str) -> None:
    """``marked``: the English with the finding's span in brackets."""
    start, end = marked.index("["), marked.index("]") - 1
    en = marked.replace("[", "").replace("]", "")
    assert suggestion(Finding("p", term.id, verdict, en=en, en_span=(start, end)), term) == expected


@pytest.mark.parametrize(
    ("rendering", "expected"),
    [
        ("Red Boat Spirit", "Red Boat Spirits"),
        ("Party branch", "Party branches"),
        ("new development philosophy", "new development philosophies"),
        ("holiday", "holidays"),
        ("tax", "taxes"),
        ("bus", "buses"),
        ("buzz", "buzzes"),
        ("dish", "dishes"),
        ("Party-building", "Party-buildings"),
    ],
)
def test_plural(rendering: str, expected: str) -> None:
    assert plural(rendering) == expected


def test_no_suggestion_without_a_span() -> None:
    assert suggestion(Finding("p", "rbs", Verdict.MISSING, en="text"), TERM) is None


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    for side in ("zh", "en"):
        (root / side).mkdir(parents=True)
        shutil.copy(ROOT / "corpus" / side / NAME, root / side / NAME)
    shutil.copytree(ROOT / "glossaries", tmp_path / "glossaries")
    return root


def fixable(findings: list[dict[str, object]]) -> list[dict[str, object]]:
    out = []
    for f in findings:
        span = f["en_span"]
        if f["suggestion"] and isinstance(span, list) and str(f["en"])[span[0] : span[1]] != f["suggestion"]:
            out.append(f)
    return out


def test_round_trip_on_the_violations_bulletin(corpus: Path) -> None:
    english = corpus / "en" / NAME
    before = english.read_bytes()
    _, out, _ = run("check", str(corpus), "--format", "json")
    found = fixable(json.loads(out)["findings"])
    assert {f["verdict"] for f in found} == {"case", "forbidden"} and len(found) == 3
    code, diff, err = run("check", str(corpus), "--fix", "--in-place")
    assert "1 file(s) fixed in place" in err and diff.startswith("---") and "+In recent years" in diff
    after = english.read_bytes()
    # Every byte outside the fixed spans is unchanged: redo the edits independently.
    text = before.decode("utf-8")
    edits = []
    for f in found:
        span = f["en_span"]
        assert isinstance(span, list)
        at = text.index(str(f["en"])) + span[0]
        edits.append((at, at + span[1] - span[0], str(f["suggestion"])))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    assert after == text.encode("utf-8")
    _, out, _ = run("check", str(corpus), "--format", "json")
    left = json.loads(out)["findings"]
    assert fixable(left) == [] and [f["verdict"] for f in left] == ["missing"]  # Fengqiao cannot be placed
    assert code == 1  # the missing finding still fails


def test_fix_writes_copies_outside_the_corpus(corpus: Path, tmp_path: Path) -> None:
    english = corpus / "en" / NAME
    before = english.read_bytes()
    out_dir = tmp_path / "fixed"
    run("check", str(corpus), "--fix", "-o", str(out_dir))
    assert (
        english.read_bytes() == before and b"Red Boat Spirit into classroom" in (out_dir / NAME).read_bytes()
    )
    result = CliRunner().invoke(main, ["check", str(corpus), "--fix", "-o", str(corpus / "fixed")])
    assert result.exit_code == 2 and "inside the corpus" in result.stderr
    assert not (corpus / "fixed").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores permissions")
def test_fix_read_only_writes_nothing(corpus: Path) -> None:
    english = corpus / "en" / NAME
    before = english.read_bytes()
    english.chmod(0o444)
    result = CliRunner().invoke(main, ["check", str(corpus), "--fix", "--in-place"])
    assert result.exit_code == 2 and "read-only" in result.stderr and english.read_bytes() == before


def test_fix_refuses_a_file_changed_since_the_check(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bilingual.cli import check_actions

    english = corpus / "en" / NAME
    real = check_actions.run

    def changing(settings: object, progress: object = None) -> Iterator[object]:
        yield from real(settings, progress)  # type: ignore[arg-type]
        english.write_bytes(english.read_bytes() + b"\nAn edit made meanwhile.\n")

    monkeypatch.setattr(check_actions, "run", changing)
    before = english.read_bytes()
    result = CliRunner().invoke(main, ["check", str(corpus), "--fix", "--in-place"])
    assert result.exit_code == 2 and "changed since the check" in result.stderr
    assert english.read_bytes() == before + b"\nAn edit made meanwhile.\n"


def test_fix_html_changes_text_only(tmp_path: Path) -> None:
    name = "2023-05-10-common-prosperity-zone.html"
    root = tmp_path / "corpus"
    for side in ("zh", "en"):
        (root / side).mkdir(parents=True)
        shutil.copy(ROOT / "corpus" / side / name, root / side / name)
    shutil.copytree(ROOT / "glossaries", tmp_path / "glossaries")
    english = root / "en" / name
    good = english.read_bytes()
    sentence = b"the building of a demonstration zone of common prosperity."
    assert good.count(sentence) == 1
    english.write_bytes(good.replace(sentence, sentence.replace(b"common prosperity", b"Common Wealth")))
    _, diff, _ = run("check", str(root), "--fix", "-o", str(tmp_path / "fixed"), "--no-progress")
    assert "+" in diff and (tmp_path / "fixed" / name).read_bytes() == good  # markup, entities untouched


def test_fix_as_po_for_a_reviewer(corpus: Path, tmp_path: Path) -> None:
    import polib

    english = corpus / "en" / NAME
    before = english.read_bytes()
    out = tmp_path / "review" / "suggestions.po"
    code, _, err = run("check", str(corpus), "--fix", "--format", "po", "-o", str(out), "--no-progress")
    assert code == 1 and "3 suggestion(s)" in err and english.read_bytes() == before
    catalog = polib.pofile(str(out))
    assert [e.fuzzy for e in catalog] == [True, True, True]
    assert all("Red Ship Spirit" not in e.msgstr and "common wealth" not in e.msgstr for e in catalog)
    assert "was: " in catalog[0].comment and catalog[0].msgctxt.endswith(":z4:e4")
    result = CliRunner().invoke(main, ["check", str(corpus), "--format", "po"])
    assert result.exit_code == 2 and "--fix" in result.stderr


ZH_PAGE = (
    '<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8"><title>嘉兴召开会议</title></head>\n'
    '<body><article><h1>嘉兴召开会议</h1><p class="date">2023-09-01</p>\n'
    "<p>会议强调，要推进共同富裕。</p>\n<p>全市干部参加了会议。</p></article></body></html>\n"
)
EN_PAGE = (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Jiaxing Meets</title></head>\n'
    '<body><article><h1>Jiaxing Meets</h1><p class="date">2023-09-01</p>\n{decoy}\n'
    "<p>The meeting stressed promoting common wealth.</p>\n"
    "<p>Officials from across the city attended the meeting.</p></article></body></html>\n"
)
ZH_MD = "# 嘉兴召开会议\n\n2023-09-02\n\n会议强调，要推进共同富裕。\n\n全市干部参加了会议。\n"
EN_MD = (
    "# Jiaxing Meets\n\n2023-09-02\n\n{decoy}\n\nThe meeting stressed promoting common wealth.\n\n"
    "Officials from across the city attended the meeting.\n"
)
SAID = "The meeting stressed promoting common wealth."


@pytest.mark.parametrize(
    ("suffix", "decoy"),
    [
        (".html", f'<img src="photo.jpg" alt="{SAID}">'),
        (".html", f'<img src="photo.jpg" alt="a > b: {SAID}">'),
        (".html", f"<!-- {SAID} -->"),
        (".html", f'<script>var said = "{SAID}";</script>'),
        (".html", f"<style>/* {SAID} */</style>"),
        (".md", f"<!-- {SAID} -->"),
        (".md", f"<!--\n{SAID}\n-->"),
        (".md", f'<img src="photo.jpg" alt="{SAID}">'),
    ],
)
def test_fix_skips_copies_in_markup(tmp_path: Path, suffix: str, decoy: str) -> None:
    """A sentence also written in an attribute, a comment or a script: the visible one is fixed."""
    root, name = tmp_path / "corpus", f"2023-09-01-decoy{suffix}"
    zh, en = (ZH_PAGE, EN_PAGE) if suffix == ".html" else (ZH_MD, EN_MD)
    en = en.format(decoy=decoy)
    for side, text in (("zh", zh), ("en", en)):
        (root / side).mkdir(parents=True)
        (root / side / name).write_text(text, encoding="utf-8")
    glossary, out = str(ROOT / "glossaries" / "zhejiang.csv"), tmp_path / "fixed"
    code, _, err = run("check", str(root), "-g", glossary, "--checks", "terms", "--fix", "-o", str(out))
    before, said, after = en.rpartition(SAID)
    expected = before + said.replace("common wealth", "common prosperity") + after
    assert code == 0 and "1 file(s) fixed" in err and (out / name).read_text(encoding="utf-8") == expected
