"""check --format xlsx, read back with openpyxl; the text and HTML reports' note and file:line."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock

from bilingual.cli import main
from bilingual.glossary.report import as_dict, render_html, render_text
from bilingual.glossary.report_xlsx import HEADER, render_xlsx
from bilingual.model import Finding, Verdict

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "glossaries" / "zhejiang.tbx"
NOTE = {"rbs": "Capitalise every word; never 'ship'."}
WHERE = {("d", "d:z0:e0"): "en/d.txt:3"}


def finding(**changes: object) -> Finding:
    base = Finding(
        segment="d:z0:e0",
        term="rbs",
        verdict=Verdict.FORBIDDEN,
        zh="弘扬红船精神",
        en="Carry forward the Red Ship Spirit.",
        zh_span=(2, 6),
        en_span=(18, 33),
        expected=("Red Boat Spirit",),
        found="Red Ship Spirit",
        message='use "Red Boat Spirit"',
        doc_id="d",
        id="0123456789abcdef",
        suggestion="Red Boat Spirit",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_workbook_reads_back() -> None:
    findings = [
        finding(),
        finding(verdict=Verdict.CASE, accepted="quoted", id="fedcba9876543210"),
        finding(verdict=Verdict.OK),
        finding(en="=SUM(A1) \x1b", en_span=None, term="other", doc_id="e", segment="e:z0:e0"),
    ]
    book = load_workbook(io.BytesIO(render_xlsx(findings, notes=NOTE, locations=WHERE)), rich_text=True)
    assert book.sheetnames == ["Findings", "Counts"]
    sheet = book["Findings"]
    assert [c.value for c in sheet[1]] == list(HEADER)
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:O4"
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 3  # ok findings left out
    first = dict(zip(HEADER, rows[0], strict=True))
    assert first["Location"] == "en/d.txt:3" and first["Glossary note"] == NOTE["rbs"]
    assert first["Suggestion"] == "Red Boat Spirit" and first["Status"] == "open"
    assert first["Verdict"] == "forbidden" and first["ID"] == "0123456789abcdef"
    english = first["English"]
    assert isinstance(english, CellRichText) and str(english) == "Carry forward the Red Ship Spirit."
    bold = [b.text for b in english if isinstance(b, TextBlock) and b.font.b]
    assert bold == ["Red Ship Spirit"]
    chinese = first["Chinese"]
    assert isinstance(chinese, CellRichText) and [b.text for b in chinese if isinstance(b, TextBlock)] == [
        "红船精神"
    ]
    second = dict(zip(HEADER, rows[1], strict=True))
    assert second["Status"] == "accepted" and second["Reason"] == "quoted"
    third = dict(zip(HEADER, rows[2], strict=True))
    assert third["English"] == "=SUM(A1) \\x1b" and sheet["E4"].data_type == "s"  # text, never a formula
    counts = list(book["Counts"].iter_rows(values_only=True))
    assert counts[0][0] == "Term" and ("rbs", 0, 1, 0, 0, 0, 1, 1) in counts
    assert any(row and row[0] == "Document" for row in counts)


def test_check_writes_xlsx(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("a\t弘扬红船精神\tCarry forward the Red Ship Spirit.\n", encoding="utf-8")
    out = tmp_path / "report.xlsx"
    result = CliRunner().invoke(
        main, ["check", str(pairs), "-g", str(GLOSSARY), "--format", "xlsx", "-o", str(out)]
    )
    assert result.exit_code == 1
    sheet = load_workbook(out)["Findings"]
    assert sheet["F2"].value == "forbidden" and "Capitalise" in str(sheet["K2"].value)
    no_file = CliRunner().invoke(main, ["check", str(pairs), "-g", str(GLOSSARY), "--format", "xlsx"])
    assert no_file.exit_code == 2 and "-o FILE" in no_file.stderr


@pytest.mark.parametrize("render", [render_text, render_html])
def test_text_and_html_carry_note_and_location(render: object) -> None:
    text = render([finding(accepted="quoted")], notes=NOTE, locations=WHERE)  # type: ignore[operator]
    assert "en/d.txt:3" in text and "never" in text and "quoted" in text


def test_json_record_carries_id_status_note_location() -> None:
    record = as_dict(finding(), notes=NOTE, locations=WHERE)
    assert record["id"] == "0123456789abcdef" and record["status"] == "open"
    assert record["note"] == NOTE["rbs"] and record["location"] == "en/d.txt:3"
    json.dumps(record)


def test_bulletin_locations(tmp_path: Path) -> None:
    corpus = ROOT / "corpus"
    result = CliRunner().invoke(
        main,
        [
            "check",
            str(corpus / "zh" / "2023-07-01-red-boat-violations.txt"),
            str(corpus / "en" / "2023-07-01-red-boat-violations.txt"),
            "--format",
            "json",
            "--checks",
            "terms",
        ],
    )
    found = json.loads(result.stdout)["findings"]
    lines = (corpus / "en" / "2023-07-01-red-boat-violations.txt").read_text(encoding="utf-8").splitlines()
    for f in found:
        path, line = f["location"].rsplit(":", 1)
        assert path.endswith("2023-07-01-red-boat-violations.txt")
        assert f["en"].split(" ")[0] in lines[int(line) - 1]
