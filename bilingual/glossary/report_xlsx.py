"""Glossary stage, output: the findings as an Excel workbook (``check --format xlsx -o FILE``).

Two sheets, for reviewers and project managers who work in spreadsheets:

- **Findings**: one row a finding (``ok`` ones left out), frozen header and
  an auto-filter; document, segment id, file:line, the Chinese and the English
  with the term's span in bold (rich text), verdict, check, term, suggestion,
  what to do, the glossary note, status (``open``/``accepted``) and reason,
  severity and the finding's id (for ``check --accept``);
- **Counts**: open and accepted findings per term and per document.

Pure: findings in, the workbook's bytes out (the CLI writes them). Cell text
is kept exactly, except what XML 1.0 cannot hold (control characters), which
is shown as ``\\x1b``-style stand-ins; text starting with ``=`` stays text,
never a formula.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Mapping, Sequence

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment as CellAlignment
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from bilingual.glossary.report import VERDICT_ORDER, Locations
from bilingual.model import Finding, Verdict

HEADER = (
    "Document",
    "Segment",
    "Location",
    "Chinese",
    "English",
    "Verdict",
    "Check",
    "Term",
    "Suggestion",
    "What to do",
    "Glossary note",
    "Status",
    "Reason",
    "Severity",
    "ID",
)
_WIDTHS = (24, 14, 30, 50, 60, 11, 8, 12, 24, 50, 40, 10, 30, 9, 18)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_HEAD = Font(name="Calibri", bold=True)
_BOLD = InlineFont(rFont="Calibri", sz=11, b=True)  # the default font, bold (else a serif)


def _clean(text: str) -> str:
    """Text a cell can hold: XML 1.0's forbidden characters as visible ``\\xNN`` stand-ins."""
    return _ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _marked(text: str, span: tuple[int, int] | None) -> str | CellRichText:
    """The sentence, its span in bold (rich text); the plain string when there is no span."""
    if span is None or span[0] >= span[1]:
        return _clean(text)
    start, end = span
    blocks: list[str | TextBlock] = []
    if text[:start]:
        blocks.append(_clean(text[:start]))
    blocks.append(TextBlock(_BOLD, _clean(text[start:end])))
    if text[end:]:
        blocks.append(_clean(text[end:]))
    return CellRichText(blocks)


def _lines(text: str, width: int) -> int:
    """About how many lines ``text`` wraps to in a column ``width`` characters wide (CJK: two each)."""
    wide = sum(1 for ch in text if ord(ch) >= 0x2E80)
    return max(1, -(-(len(text) + wide) // max(width - 2, 1)))


def _suggestion(finding: Finding) -> str:
    if finding.suggestion:
        return finding.suggestion
    return " | ".join(finding.expected) if finding.check == "number" else ""


def _findings_sheet(
    sheet: Worksheet, findings: Sequence[Finding], notes: Mapping[str, str], locations: Locations
) -> None:
    sheet.title = "Findings"
    sheet.append(list(HEADER))
    for cell in sheet[1]:
        cell.font = _HEAD
    wrap = CellAlignment(wrap_text=True, vertical="top")
    for f in findings:
        row = [
            f.doc_id,
            f.segment,
            locations.get((f.doc_id, f.segment), ""),
            _marked(f.zh, f.zh_span),
            _marked(f.en, f.en_span),
            f.verdict.value,
            f.check,
            f.term,
            _suggestion(f),
            f.message,
            notes.get(f.term, "") if f.check == "term" else "",
            f.status,
            f.accepted or "",
            f.severity,
            f.id,
        ]
        sheet.append([value if isinstance(value, CellRichText) else _clean(value) for value in row])
        lines = 1
        for k, cell in enumerate(sheet[sheet.max_row]):
            if isinstance(cell.value, str):
                cell.data_type = "s"  # "=SUM(…)" in a bulletin is text, never a formula
            cell.alignment = wrap
            lines = max(lines, _lines(str(cell.value or ""), _WIDTHS[k]))
        # Row heights written out: spreadsheet programs do not grow a row for wrapped text on
        # opening a file, so long sentences would overlap the next row.
        sheet.row_dimensions[sheet.max_row].height = 15 * lines
    for k, width in enumerate(_WIDTHS):
        sheet.column_dimensions[chr(ord("A") + k)].width = width
    # Printed (or converted to PDF): landscape, every column on one page's width.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{chr(ord('A') + len(HEADER) - 1)}{max(sheet.max_row, 1)}"


def _counts_sheet(sheet: Worksheet, findings: Sequence[Finding]) -> None:
    verdicts = [v.value for v in VERDICT_ORDER if v is not Verdict.OK]
    for title, key in (("Term", lambda f: f.term), ("Document", lambda f: f.doc_id)):
        open_: dict[str, Counter[str]] = {}
        accepted: Counter[str] = Counter()
        for f in findings:
            name = key(f)
            open_.setdefault(name, Counter())
            if f.accepted is None:
                open_[name][f.verdict.value] += 1
            else:
                accepted[name] += 1
        header = sheet.max_row + (2 if sheet.max_row > 1 else 0)
        sheet.cell(header, 1, title).font = _HEAD
        for k, name in enumerate([*verdicts, "open", "accepted"], start=2):
            sheet.cell(header, k, name).font = _HEAD
        for r, name in enumerate(sorted(open_), start=header + 1):
            sheet.cell(r, 1, _clean(name)).data_type = "s"
            for k, verdict in enumerate(verdicts, start=2):
                sheet.cell(r, k, open_[name][verdict])
            sheet.cell(r, len(verdicts) + 2, sum(open_[name].values()))
            sheet.cell(r, len(verdicts) + 3, accepted[name])
    sheet.column_dimensions["A"].width = 36
    for k in range(len(verdicts) + 2):
        sheet.column_dimensions[chr(ord("B") + k)].width = 12
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def render_xlsx(
    findings: Sequence[Finding],
    *,
    signature: str = "",
    notes: Mapping[str, str] | None = None,
    locations: Locations | None = None,
) -> bytes:
    """The workbook's bytes: a Findings sheet and a Counts sheet; the signature in its properties."""
    shown = [f for f in findings if f.verdict is not Verdict.OK]
    book = Workbook()
    _findings_sheet(book.worksheets[0], shown, notes or {}, locations or {})
    counts = book.create_sheet("Counts")
    counts.title = "Counts"
    _counts_sheet(counts, shown)
    book.properties.creator = "bilingual"
    book.properties.description = _clean(signature)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
