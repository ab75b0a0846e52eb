"""PO export: entries, flags, comments, header, tricky text, msgfmt -c, translate-toolkit."""

from __future__ import annotations

import io
import subprocess
from dataclasses import replace
from pathlib import Path

import polib
import pytest

from bilingual.errors import ExportError
from bilingual.formats import FORMATS
from bilingual.formats.po import ADDED_MSGID, po_date, render_po, segments_digest, text_digest, write_po
from bilingual.formats.po_import import read_entries
from bilingual.formats.registry import ExportContext
from bilingual.model import (
    Alignment,
    Bead,
    Checked,
    Document,
    Finding,
    Paragraph,
    Segment,
    Verdict,
    fingerprint,
)
from tests.conftest import require_tool


def make_doc(doc_id: str, lang: str, sentences: list[str], sep: str) -> Document:
    """A segmented document, one paragraph per sentence, built by hand."""
    text, segments, paragraphs = "", [], []
    for i, sentence in enumerate(sentences):
        text += sep if i else ""
        segments.append(Segment(i, i, len(text), len(text) + len(sentence), sentence))
        paragraphs.append(Paragraph(i, len(text), len(text) + len(sentence), sentence))
        text += sentence
    return Document(
        doc_id, lang, text, tuple(paragraphs), title=sentences[0], date="2023-02-14",
        path=Path(f"/anywhere/corpus/{lang}/{doc_id}.txt"), segments=tuple(segments),
    )  # fmt: skip


def make_alignment(zh: list[str], en: list[str], beads: list[Bead], doc_id: str = "d1") -> Alignment:
    return Alignment(
        make_doc(doc_id, "zh", zh, "\n"), make_doc(doc_id, "en", en, "\n"), tuple(beads), "align:test"
    )


ZH = ["红船精神永放光芒。", "第二句。", "第三句。", "没有译文的一句。"]
EN = ["The Red Boat Spirit shines.", "Second and third.", "An added sentence."]
BEADS = [
    Bead((0,), (0,), 0.9),
    Bead((1, 2), (1,), 0.3),
    Bead((), (2,), 0.2, pinned=True),
    Bead((3,), (), 0.1),
]
CONTEXT = ExportContext("bilingual:0.1.0|align:test|glossary:none", date="2023-02-14T16:18:00Z")


def export(
    alignment: Alignment, context: ExportContext = CONTEXT, findings: tuple[Finding, ...] = ()
) -> bytes:
    out = io.BytesIO()
    write_po([Checked(alignment, findings)], context, out)
    return out.getvalue()


def parse(data: bytes, tmp_path: Path) -> polib.POFile:
    # From a file: polib splits *strings* with str.splitlines (U+2028, \x1c...), files only on newlines.
    path = tmp_path / "out.po"
    path.write_bytes(data)
    return polib.pofile(str(path))


@pytest.mark.parametrize(
    ("index", "msgctxt", "msgid", "msgstr", "review"),
    [
        (0, "d1:z0:e0", "红船精神永放光芒。", "The Red Boat Spirit shines.", False),
        (1, "d1:z1-2:e1", "第二句。第三句。", "Second and third.", True),  # 2-1, below 0.5
        (2, "d1:z:e2", ADDED_MSGID, "An added sentence.", False),  # 0-1, pinned: never for review
        (3, "d1:z3:e", "没有译文的一句。", "", False),  # 1-0: untranslated, nothing to review
    ],
)
def test_one_entry_per_bead(
    tmp_path: Path, index: int, msgctxt: str, msgid: str, msgstr: str, review: bool
) -> None:
    po = parse(export(make_alignment(ZH, EN, BEADS)), tmp_path)
    entry = po[index]
    assert (entry.msgctxt, entry.msgid, entry.msgstr) == (msgctxt, msgid, msgstr)
    assert not entry.fuzzy  # gettext takes fuzzy as untranslated: never written
    assert ("review" in entry.comment.splitlines()[-1]) is review
    assert len(po) == len(BEADS)


@pytest.mark.parametrize(
    ("score", "threshold", "review"), [(0.49, 0.5, True), (0.5, 0.5, False), (0.7, 0.8, True)]
)
def test_review_comment_follows_the_context_threshold(
    tmp_path: Path, score: float, threshold: float, review: bool
) -> None:
    context = ExportContext("sig", low_confidence=threshold)
    po = parse(export(make_alignment(["一。"], ["One."], [Bead((0,), (0,), score)]), context), tmp_path)
    assert not po[0].fuzzy
    assert (f"alignment {score:.2f}: review" in po[0].comment.splitlines()) is review


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("Project-Id-Version", "bilingual d1"),
        ("Language", "en"),
        ("X-Source-Language", "zh_CN"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("X-Generator", "bilingual:0.1.0|align:test|glossary:none"),
        ("POT-Creation-Date", "2023-02-14 16:18+0000"),
        ("PO-Revision-Date", "2023-02-14 16:18+0000"),
        ("X-Bilingual-Document", "d1"),
        ("X-Bilingual-Source", "zh/d1.txt"),
        ("X-Bilingual-Target", "en/d1.txt"),
        ("X-Bilingual-Aligner", "align:test"),
    ],
)
def test_header(tmp_path: Path, field: str, value: str) -> None:
    assert parse(export(make_alignment(ZH, EN, BEADS)), tmp_path).metadata[field] == value


@pytest.mark.parametrize(
    ("date", "expected"),
    [("2023-02-14T16:18:00Z", "2023-02-14 16:18+0000"), ("2023-02-14", "2023-02-14 00:00+0000")],
)
def test_po_date(date: str, expected: str) -> None:
    assert po_date(date) == expected


def test_references_point_at_paragraphs_one_based(tmp_path: Path) -> None:
    po = parse(export(make_alignment(ZH, EN, BEADS)), tmp_path)
    assert po[1].occurrences == [("zh/d1.txt", "2"), ("en/d1.txt", "2")]
    assert po[2].occurrences == [("en/d1.txt", "3")]  # 0-1: only the English side exists


def test_findings_and_bead_become_extracted_comments(tmp_path: Path) -> None:
    ok = Finding("d1:z0:e0", "red-boat-spirit", Verdict.OK, zh="红船精神", found="Red Boat Spirit")
    bad = Finding(
        "d1:z1-2:e1", "t2", Verdict.FORBIDDEN, message="forbidden 'red boat'", expected=("Red Boat",)
    )
    context = ExportContext("sig")
    po = parse(export(make_alignment(ZH, EN, BEADS), context, (ok, bad)), tmp_path)
    assert po[0].comment.splitlines() == [
        "bead 1-1 [0]:[0]:0.900",
        "term red-boat-spirit: 红船精神 = Red Boat Spirit",
        f"en-fp {fingerprint(EN[0])}",
        f"en-digest {text_digest(EN[0])}",
    ]
    assert (
        "FORBIDDEN t2: forbidden 'red boat' (approved: Red Boat) [status: open]" in po[1].comment.splitlines()
    )
    assert "English added in translation" in po[2].comment


TRICKY = [
    "Extension B 𠀀 character",
    "markup & < > \" ' and <script>alert(1)</script>",
    "tab\tand newline\nand CR\r inside",
    "file separator \x1c and U+2028 \u2028 line separator",
    "backslash \\ and \\n literally",
    "long " + "很长的句子，" * 2000,
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_text_round_trips_through_polib(tmp_path: Path, text: str) -> None:
    po = parse(export(make_alignment([text], [text], [Bead((0,), (0,), 1.0)])), tmp_path)
    assert (po[0].msgid, po[0].msgstr) == (text, text)


@pytest.mark.parametrize(
    ("char", "picture"),
    [("\x04", "\u2404"), ("\x00", "\u2400"), ("\x08", "\u2408"), ("\x0b", "\u240b"), ("\x0c", "\u240c")],
)
def test_characters_po_cannot_hold_are_made_visible_and_reported(
    tmp_path: Path, char: str, picture: str
) -> None:
    context = ExportContext("sig")
    po = parse(
        export(make_alignment([f"甲{char}乙"], [f"a{char}b"], [Bead((0,), (0,), 1.0)]), context), tmp_path
    )
    assert (po[0].msgid, po[0].msgstr) == (f"甲{picture}乙", f"a{picture}b")
    reported = list(context.problems)
    assert [(f.verdict, f.found, f.zh_span, f.en_span) for f in reported] == [
        (Verdict.CONTROL_CHAR, char, (1, 2), None),
        (Verdict.CONTROL_CHAR, char, None, (1, 2)),
    ]
    assert "CONTROL-CHAR" in po[0].comment


def test_deterministic() -> None:
    alignment = make_alignment(ZH, EN, BEADS)
    assert export(alignment) == export(alignment)


def test_several_bulletins_in_one_po_is_an_error() -> None:
    alignment = make_alignment(ZH, EN, BEADS)
    with pytest.raises(ExportError, match="exactly one bulletin"):
        write_po([Checked(alignment), Checked(alignment)], CONTEXT, io.BytesIO())


def test_registered_per_document() -> None:
    exporter = FORMATS["po"]
    assert (exporter.suffix, exporter.per_document) == (".po", True)


@pytest.mark.parametrize("text", ["普通的一句。", *TRICKY, "\x04 and \x00"])
def test_msgfmt_check_passes(tmp_path: Path, text: str) -> None:
    msgfmt = require_tool("msgfmt", "gettext's msgfmt -c is the reference PO checker")
    path = tmp_path / "d1.po"
    path.write_bytes(
        export(make_alignment([text, "二。"], [text], [Bead((0,), (0,), 0.2), Bead((1,), (), 1.0)]))
    )
    result = subprocess.run(
        [msgfmt, "-c", "-o", str(tmp_path / "d1.mo"), str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_translate_toolkit_reads_the_same_text(tmp_path: Path) -> None:
    pypo = pytest.importorskip("translate.storage.pypo")
    alignment = make_alignment(ZH, EN, BEADS)
    store = pypo.pofile(export(alignment))
    units = [u for u in store.units if not u.isheader()]
    assert [(u.getcontext(), u.source, u.target) for u in units] == [
        (p.id, p.zh or ADDED_MSGID, p.en) for p in alignment.pairs()
    ]


def test_render_po_is_pure() -> None:
    alignment = make_alignment(ZH, EN, BEADS)
    assert str(render_po(Checked(alignment), CONTEXT)) == str(render_po(Checked(alignment), CONTEXT))


def test_en_fingerprints_and_the_english_digest_are_written(tmp_path: Path) -> None:
    """What the three-way import needs: per entry the exported English, in the header its digest."""
    alignment = make_alignment(ZH, EN, BEADS)
    po = parse(export(alignment), tmp_path)
    comments = [
        dict(line.split(" ", 1) for line in e.comment.splitlines() if line.startswith("en-")) for e in po
    ]
    assert [c["en-fp"] for c in comments] == [fingerprint(EN[0]), fingerprint(EN[1]), fingerprint(EN[2]), "-"]
    assert [c["en-digest"] for c in comments] == [text_digest(e) for e in (*EN, "")]
    assert po.metadata["X-Bilingual-Target-Digest"] == segments_digest(alignment.en)


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("my bulletin.txt", "\u2068en/my bulletin.txt\u2069:1"),
        ("tab\there.txt", "\u2068en/tab\there.txt\u2069:1"),
        ("new\nline.txt", "en/new\u2424line.txt:1"),
        ("both \n and \r\n.txt", "\u2068en/both \u2424 and \u2424.txt\u2069:1"),
        ("a*b-c.txt", "en/a*b-c.txt:1"),  # polib, wrapping a line, turns * into -
        ("very long name " * 6 + ".txt", "\u2068en/" + "very long name " * 6 + ".txt\u2069:1"),
    ],
)
def test_file_name_with_newline_or_space_is_quoted_in_references(
    tmp_path: Path, name: str, written: str
) -> None:
    """GNU gettext isolates a name with spaces (U+2068 … U+2069); a line break cannot be written."""
    msgfmt = require_tool("msgfmt", "gettext's msgfmt -c is the reference PO checker")
    alignment = make_alignment(ZH, EN, BEADS)
    en = replace(alignment.en, path=Path("/anywhere/corpus/en") / name)
    path = tmp_path / "d1.po"
    path.write_bytes(export(replace(alignment, en=en)))
    text = path.read_text("utf-8")
    references = [line for line in text.splitlines() if line.startswith("#:")]
    assert any(written in line for line in references), references
    # One reference is never split across lines (a long name is alone on its line).
    assert all(line.count("\u2068") == line.count("\u2069") for line in references)
    result = subprocess.run(
        [msgfmt, "--check-format", "-c", "-o", str(tmp_path / "d1.mo"), str(path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    metadata, entries = read_entries(path)  # our own import reads it
    assert "\n" not in metadata["X-Bilingual-Target"] and len(entries) == len(BEADS)
