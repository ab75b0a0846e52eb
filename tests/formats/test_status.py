"""A finding's status travels (issue 14): a corpus whose ignore list accepts one number finding and
one term finding, exported to XLIFF 2, XLIFF 1.2, TMX and PO and reported as text, HTML and
xlsx, shows each as accepted with its reason, and the findings left open as open."""

from __future__ import annotations

import io
import json
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from lxml import etree
from openpyxl import load_workbook

from bilingual.cli import main

# Three findings in one sentence pair: 32 rendered as 23 (number: missing 32, unexpected 23) and
# a forbidden rendering of a term; the ignore list accepts "missing 32" and the term finding.
ZH = "嘉兴市召开会议。\n\n全市共有32个村参加弘扬红船精神活动。\n"
EN = "Jiaxing held a meeting.\n\nA total of 23 villages joined the Red Ship Spirit campaign.\n"
GLOSSARY = "id,zh,en,forbidden\nrbs,红船精神,Red Boat Spirit,Red Ship Spirit\n"
NUMBER_REASON = "the source's 32 is a typo & the English is right"
TERM_REASON = "quoting the <old> name"


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args], env={"SOURCE_DATE_EPOCH": "1700000000"})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def accepted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, str]]]:
    """The corpus (its ignore list accepting two findings) and the findings by id, from the JSON."""
    root = tmp_path_factory.mktemp("status")
    corpus = root / "corpus"
    for lang, text in (("zh", ZH), ("en", EN)):
        (corpus / lang).mkdir(parents=True)
        (corpus / lang / "2023-02-14-demo.txt").write_text(text, encoding="utf-8")
    (corpus / "glossaries").mkdir()
    (corpus / "glossaries" / "terms.csv").write_text(GLOSSARY, encoding="utf-8")
    base = ("check", corpus, "--similarity", "lexical", "--no-progress")
    _, out, err = run(*base, "--format", "json")
    findings = {f["id"]: f for f in json.loads(out)["findings"]}
    number = next(i for i, f in findings.items() if f["check"] == "number" and f["verdict"] == "missing")
    term = next(i for i, f in findings.items() if f["check"] == "term")
    assert len(findings) == 3, findings
    for finding_id, reason in ((number, NUMBER_REASON), (term, TERM_REASON)):
        code, _, err = run(*base, "--accept", finding_id, "--reason", reason)
        assert code == 0, err
    findings[number]["reason"], findings[term]["reason"] = NUMBER_REASON, TERM_REASON
    return corpus, findings


def export(corpus: Path, fmt: str, target: Path) -> bytes:
    code, _, err = run(
        "export", corpus, "--to", fmt, "-o", target, "--similarity", "lexical", "--no-progress"
    )
    assert code == 0, err
    return b"" if target.is_dir() else target.read_bytes()


def expected_notes(findings: dict[str, dict[str, str]]) -> dict[str, str]:
    """The status part every format writes, by finding id."""
    return {
        i: f"status: accepted ({f['reason']}); id {i}" if "reason" in f else f"status: open; id {i}"
        for i, f in findings.items()
    }


def test_the_check_reads_the_ignore_list(accepted: tuple[Path, dict[str, dict[str, str]]]) -> None:
    corpus, findings = accepted
    _, out, _ = run("check", corpus, "--similarity", "lexical", "--no-progress", "--format", "json")
    status = {f["id"]: (f["status"], f.get("reason")) for f in json.loads(out)["findings"]}
    assert status == {
        i: ("accepted" if "reason" in f else "open", f.get("reason")) for i, f in findings.items()
    }


@pytest.mark.parametrize(("fmt", "note"), [("xliff", "{*}note"), ("xliff12", "{*}note"), ("tmx", "note")])
def test_xml_formats_carry_the_status_in_notes(
    accepted: tuple[Path, dict[str, dict[str, str]]], tmp_path: Path, fmt: str, note: str
) -> None:
    corpus, findings = accepted
    root = etree.fromstring(export(corpus, fmt, tmp_path / f"out.{fmt}"))
    notes = [n.text or "" for n in root.iter(note)]
    for finding_id, status in expected_notes(findings).items():
        (text,) = [t for t in notes if f"id {finding_id}]" in t]
        assert text.endswith(f"[{status}]"), text
    if fmt == "xliff":
        categories = {n.get("category") for n in root.iter("{*}note") if "status:" in (n.text or "")}
        assert categories == {"glossary", "number"}
    if fmt == "tmx":
        (unit,) = [tu for tu in root.iter("tu") if tu.find("note") is not None]
        assert [p.text for p in unit.findall("prop[@type='x-findings-status']")] == ["open"]


def test_po_comments_carry_the_status(
    accepted: tuple[Path, dict[str, dict[str, str]]], tmp_path: Path
) -> None:
    corpus, findings = accepted
    export(corpus, "po", tmp_path / "po")
    (path,) = (tmp_path / "po").glob("*.po")
    # polib wraps long comment lines: read them back as one text a comment.
    comments = " ".join(" ".join((e.comment or "").splitlines()) for e in polib.pofile(str(path)))
    for status in expected_notes(findings).values():
        assert f"[{status}]" in comments, status
    assert comments.count("[status: ") == 3


def test_reports_show_accepted_with_the_reason(
    accepted: tuple[Path, dict[str, dict[str, str]]], tmp_path: Path
) -> None:
    corpus, findings = accepted
    base = ("check", corpus, "--similarity", "lexical", "--no-progress")
    _, text, _ = run(*base, "--format", "text")
    assert f"accepted: {NUMBER_REASON}" in text and f"accepted: {TERM_REASON}" in text
    _, html, _ = run(*base, "--format", "html")
    assert "Accepted: the source&#x27;s 32 is a typo &amp; the English is right" in html or (
        "Accepted: the source's 32 is a typo &amp; the English is right" in html
    )
    assert "&lt;old&gt;" in html and "<old>" not in html
    book = tmp_path / "findings.xlsx"
    code, _, err = run(*base, "--format", "xlsx", "-o", book)
    assert code == 1, err  # the open finding still fails the check
    sheet = load_workbook(io.BytesIO(book.read_bytes()))["Findings"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    got = {(r["Check"], r["Verdict"]): (r["Status"], r["Reason"] or None) for r in rows}
    assert got == {
        ("number", "missing"): ("accepted", NUMBER_REASON),
        ("number", "unexpected"): ("open", None),
        ("term", "forbidden"): ("accepted", TERM_REASON),
    }
    assert len(findings) == len(rows)
