"""PO import: edits merged byte-exactly in the file's encoding; stale, unknown, broken PO refused."""

from __future__ import annotations

import dataclasses
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from bilingual.cli import main
from bilingual.corpus import pair_corpus, read_document, read_pair
from bilingual.errors import InputError
from bilingual.formats.po import write_po
from bilingual.formats.po_import import (
    Entry,
    ImportConflict,
    apply_edits,
    bead_ranges,
    import_po,
    markdown_escape,
    plan_edits,
    unimported,
)
from bilingual.formats.registry import ExportContext
from bilingual.model import Alignment, Bead, Checked, Document
from tests.conftest import CORPUS

ZH_TEXT = "嘉兴召开会议\n\n发布日期：2023年2月14日\n\n第一句。第二句。第三句。\n\n第四句。\n"
EN_TEXT = "Jiaxing Holds a Meeting\n\nRelease date:2023-02-14\n\nThe first. The second.\n\nThe fourth.\n"


def make_corpus(
    tmp_path: Path, en_bytes: bytes, en_name: str = "bulletin.txt", zh_encoding: str = "utf-8"
) -> Path:
    root = tmp_path / "corpus"
    (root / "zh").mkdir(parents=True)
    (root / "en").mkdir()
    (root / "zh" / "bulletin.txt").write_bytes(ZH_TEXT.encode(zh_encoding))
    (root / "en" / en_name).write_bytes(en_bytes)
    return root


def docs(root: Path, encoding: str | None = None) -> tuple[Alignment, Path]:
    pair = pair_corpus(root).pairs[0]
    zh, en = read_pair(pair, encoding)
    assert len(zh.segments) == 6 and len(en.segments) == 5, (zh.sentences(), en.sentences())
    # title, date, 第一句 ↔ The first, 第二句+第三句 ↔ The second, 第四句 ↔ The fourth
    beads = (
        Bead((0,), (0,)),
        Bead((1,), (1,)),
        Bead((2,), (2,)),
        Bead((3, 4), (3,), 0.3),
        Bead((5,), (4,)),
    )
    return Alignment(zh, en, beads, "align:test"), pair.en


def corpus(root: Path, encoding: str | None = None) -> Callable[[str], tuple[Document, Document] | None]:
    """The documents of ``root`` by id, read as ``bilingual po import`` reads them."""
    pairs = {pair.id: pair for pair in pair_corpus(root).pairs}

    def documents(doc_id: str) -> tuple[Document, Document] | None:
        return read_pair(pairs[doc_id], encoding) if doc_id in pairs else None

    return documents


def export_po(alignment: Alignment, tmp_path: Path) -> Path:
    out = io.BytesIO()
    write_po([Checked(alignment)], ExportContext("sig"), out)
    path = tmp_path / "bulletin.po"
    path.write_bytes(out.getvalue())
    return path


def edit(po_path: Path, changes: dict[str, str], *, msgid: dict[str, str] | None = None) -> None:
    po = polib.pofile(str(po_path))
    for entry in po:
        if entry.msgctxt in changes:
            entry.msgstr = changes[entry.msgctxt]
        if msgid and entry.msgctxt in msgid:
            entry.msgid = msgid[entry.msgctxt]
    po.save(str(po_path))


ENCODINGS = [
    ("utf-8", b""),
    ("utf-8", b"\xef\xbb\xbf"),  # with BOM
    ("utf-16-le", b"\xff\xfe"),
    ("utf-16-be", b"\xfe\xff"),
    ("gb18030", b""),  # English is mostly ASCII: not detected, given with --encoding (both sides)
]


@pytest.mark.parametrize(("encoding", "bom"), ENCODINGS)
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_edit_replaces_exactly_the_segment_bytes(
    tmp_path: Path, encoding: str, bom: bytes, newline: str
) -> None:
    original = EN_TEXT.replace("\n", newline).replace("The first.", "The first — “quoted”.")
    data = bom + original.encode(encoding)
    given = "gb18030" if encoding == "gb18030" else None
    root = make_corpus(tmp_path, data, zh_encoding=given or "utf-8")
    alignment, en_path = docs(root, given)
    po_path = export_po(alignment, tmp_path)
    edit(po_path, {"bulletin:z2:e2": "The very first — 首个."})
    result = import_po(po_path, corpus(root, given))
    assert result.edited == ("bulletin:z2:e2",) and result.written
    expected = bom + original.replace("The first — “quoted”.", "The very first — 首个.").encode(encoding)
    assert en_path.read_bytes() == expected


def test_a_po_saved_with_a_byte_order_mark_imports(tmp_path: Path) -> None:
    """Some editors save UTF-8 with a BOM; export and check read such a PO, and so does import."""
    root = make_corpus(tmp_path, EN_TEXT.encode())
    alignment, en_path = docs(root)
    po_path = export_po(alignment, tmp_path)
    edit(po_path, {"bulletin:z2:e2": "The very first."})
    po_path.write_bytes(b"\xef\xbb\xbf" + po_path.read_bytes())
    result = import_po(po_path, corpus(root))
    assert result.edited == ("bulletin:z2:e2",) and b"The very first." in en_path.read_bytes()


def test_unedited_po_changes_nothing(tmp_path: Path) -> None:
    root = make_corpus(tmp_path, EN_TEXT.encode())
    alignment, en_path = docs(root)
    po_path = export_po(alignment, tmp_path)
    result = import_po(po_path, corpus(root))
    assert (result.edited, result.unchanged, result.written) == ((), 5, False)
    assert en_path.read_bytes() == EN_TEXT.encode()


def test_empty_msgstr_never_deletes(tmp_path: Path) -> None:
    root = make_corpus(tmp_path, EN_TEXT.encode())
    alignment, en_path = docs(root)
    po_path = export_po(alignment, tmp_path)
    edit(po_path, {"bulletin:z5:e4": ""})
    assert import_po(po_path, corpus(root)).edited == ()
    assert en_path.read_bytes() == EN_TEXT.encode()


def test_several_edits_and_a_fuzzy_entry(tmp_path: Path) -> None:
    root = make_corpus(tmp_path, EN_TEXT.encode())
    alignment, en_path = docs(root)
    po_path = export_po(alignment, tmp_path)
    edit(po_path, {"bulletin:z3-4:e3": "The second and third.", "bulletin:z5:e4": "The 4th."})
    import_po(po_path, corpus(root))
    assert en_path.read_text() == EN_TEXT.replace("The second.", "The second and third.").replace(
        "The fourth.", "The 4th."
    )


def test_untranslated_bead_is_inserted_after_the_previous_english(tmp_path: Path) -> None:
    root = make_corpus(tmp_path, EN_TEXT.encode())
    alignment, en_path = docs(root)
    beads = (*alignment.beads[:3], Bead((3,), (3,)), Bead((4,), ()), alignment.beads[4])
    po_path = export_po(Alignment(alignment.zh, alignment.en, beads), tmp_path)
    edit(po_path, {"bulletin:z4:e": "The third."})
    import_po(po_path, corpus(root))
    assert en_path.read_text() == EN_TEXT.replace("The second.", "The second. The third.")


def test_file_permissions_are_kept(tmp_path: Path) -> None:
    root = make_corpus(tmp_path, EN_TEXT.encode())
    alignment, en_path = docs(root)
    en_path.chmod(0o444)
    po_path = export_po(alignment, tmp_path)
    edit(po_path, {"bulletin:z2:e2": "First."})
    import_po(po_path, corpus(root))
    assert en_path.stat().st_mode & 0o777 == 0o444
    assert "\n\nFirst. The second.\n" in en_path.read_text()


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    root = make_corpus(tmp_path, EN_TEXT.encode())
    alignment, en_path = docs(root)
    po_path = export_po(alignment, tmp_path)
    edit(po_path, {"bulletin:z2:e2": "First."})
    result = import_po(po_path, corpus(root), dry_run=True)
    assert result.edited == ("bulletin:z2:e2",) and not result.written
    assert en_path.read_bytes() == EN_TEXT.encode()


def test_stale_po_is_refused_with_every_conflict_listed(tmp_path: Path) -> None:
    root = make_corpus(tmp_path, EN_TEXT.encode())
    alignment, en_path = docs(root)
    po_path = export_po(alignment, tmp_path)
    edit(po_path, {"bulletin:z2:e2": "First."})
    (root / "zh" / "bulletin.txt").write_text(ZH_TEXT.replace("第一句", "第壹句").replace("第四句", "第肆句"))
    with pytest.raises(ImportConflict) as caught:
        import_po(po_path, corpus(root))
    assert len(caught.value.conflicts) == 2
    assert "2 stale entries" in str(caught.value) and "nothing written" in str(caught.value)
    assert all("bulletin.po:" in c for c in caught.value.conflicts)  # file:line of each entry
    assert en_path.read_bytes() == EN_TEXT.encode()


@pytest.mark.parametrize(
    ("msgctxt", "reason"),
    [
        ("bulletin:z2:e2-3", "its en-fp comment names 1 segments, its id 2"),
        ("bulletin:z99:e2", "no such segments"),
        ("other:z2:e2", "not a bead id of bulletin bulletin"),
        ("garbage", "not a bead id"),
    ],
)
def test_unknown_ids_are_refused(tmp_path: Path, msgctxt: str, reason: str) -> None:
    root = make_corpus(tmp_path, EN_TEXT.encode())
    alignment, en_path = docs(root)
    po_path = export_po(alignment, tmp_path)
    po = polib.pofile(str(po_path))
    for entry in po:
        if entry.msgctxt == "bulletin:z2:e2":
            entry.msgctxt = msgctxt
            entry.msgstr = "First."
    po.save(str(po_path))
    with pytest.raises(ImportConflict, match="unknown ids") as caught:
        import_po(po_path, corpus(root))
    assert reason in caught.value.conflicts[0]
    assert en_path.read_bytes() == EN_TEXT.encode()


def test_unknown_document_is_refused(tmp_path: Path) -> None:
    root = make_corpus(tmp_path, EN_TEXT.encode())
    alignment, _ = docs(root)
    po_path = export_po(alignment, tmp_path)
    po = polib.pofile(str(po_path))
    po.metadata["X-Bilingual-Document"] = "missing-bulletin"
    po.save(str(po_path))
    with pytest.raises(ImportConflict, match="unknown document"):
        import_po(po_path, corpus(root))


def test_unimported_edits_until_the_import(tmp_path: Path) -> None:
    """What publish and export ask before replacing a PO: the edits the corpus does not hold yet."""
    root = make_corpus(tmp_path, EN_TEXT.encode())
    alignment, en_path = docs(root)
    po_path = export_po(alignment, tmp_path)

    def unread(doc_id: str) -> None:
        raise AssertionError("an untouched PO is told from its en-digest comments alone")

    assert unimported(po_path, unread) == ()
    edit(po_path, {"bulletin:z2:e2": "First.", "bulletin:z5:e4": ""})  # an empty msgstr is no edit
    assert unimported(po_path, corpus(root)) == ("bulletin:z2:e2",)
    import_po(po_path, corpus(root))
    assert unimported(po_path, corpus(root)) == ()  # the file says what the reviewer wrote
    en_path.write_text(en_path.read_text().replace("First.", "Firstly."))  # and then an editor changed it
    with pytest.raises(ImportConflict, match="conflicts"):
        unimported(po_path, corpus(root))
    with pytest.raises(ImportConflict, match="unknown document"):
        unimported(po_path, {})


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('msgid ""\nmsgstr ""\n\nmsgctxt "a:z0:e0"\nmsgid "x\nmsgstr "y"\n', 5),  # unterminated
        ('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "y"\nbogus "z"\n', 6),  # unknown keyword
        ('msgid ""\nmsgstr ""\n\nmsgid "a" "b" "c"\nmsgstr "y"\n', 4),  # unescaped quote
        ('msgid ""\nmsgstr ""\n\n#. note\nmsgid "a"\n"b\nmsgstr "y"\n', 6),  # broken continuation
    ],
)
def test_broken_syntax_names_the_line(tmp_path: Path, text: str, line: int) -> None:
    path = tmp_path / "broken.po"
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        import_po(path, {})
    assert caught.value.line == line
    assert str(caught.value).startswith(f"{path}:{line}: broken PO syntax")


def test_characters_that_the_encoding_cannot_hold_are_refused(tmp_path: Path) -> None:
    root = make_corpus(tmp_path, EN_TEXT.encode("gbk"))
    alignment, en_path = docs(root)
    po_path = export_po(alignment, tmp_path)
    edit(po_path, {"bulletin:z2:e2": "First 𠀀."})
    en = alignment.en
    assert en.encoding == "utf-8"  # plain ASCII decodes as UTF-8: any character can be written
    data = en_path.read_bytes()
    forced = dataclasses.replace(en, encoding="ascii")
    entry = Entry(1, "bulletin:z2:e2", "第一句。", "First 𠀀.")  # no en-fp: merged by position
    edits = plan_edits([entry], alignment.zh, forced, resolve="theirs").edits
    with pytest.raises(ImportConflict, match="cannot be written in ascii"):
        apply_edits(data, forced, edits)


def test_clashing_edits_are_refused(tmp_path: Path) -> None:
    root = make_corpus(tmp_path, EN_TEXT.encode())
    alignment, _ = docs(root)
    entries = [
        Entry(10, "bulletin:z2:e2", "第一句。", "One."),
        Entry(20, "bulletin:z3:e2", "第二句。", "Two."),
    ]
    with pytest.raises(ImportConflict, match="cannot be placed"):
        plan_edits(entries, alignment.zh, alignment.en, "x.po")


@pytest.mark.parametrize(
    ("bead_id", "parsed"),
    [
        ("doc:z3-4:e5", ("doc", (3, 4), (5,))),
        ("doc:z7:e", ("doc", (7,), ())),
        ("doc:z:e0-2", ("doc", (), (0, 1, 2))),
        ("a:b:z1:e1", ("a:b", (1,), (1,))),
        ("doc:z:e", None),
        ("doc", None),
    ],
)
def test_bead_ranges(bead_id: str, parsed: tuple[str, tuple[int, ...], tuple[int, ...]] | None) -> None:
    assert bead_ranges(bead_id) == parsed


@pytest.mark.parametrize(
    "name",
    ["2023-05-10-common-prosperity-zone", "2023-03-20-rural-revitalization", "2023-06-01-digital-reform",
     "2023-04-18-fengqiao-experience"],
)  # html, GB18030 zh, markdown, UTF-8 with BOM  # fmt: skip
def test_sample_corpus_round_trip(tmp_path: Path, name: str) -> None:
    """Export a real sample bulletin (HTML, GB18030 zh), edit one bead, import: only that span changes."""
    root = tmp_path / "corpus"
    for lang in ("zh", "en"):
        (root / lang).mkdir(parents=True)
        for path in (CORPUS / lang).glob(f"{name}.*"):
            shutil.copy(path, root / lang / path.name)
    pair = pair_corpus(root).pairs[0]
    zh, en = read_pair(pair)
    beads = tuple(Bead((i,), (i,)) for i in range(min(len(zh.segments), len(en.segments))))
    po_path = export_po(Alignment(zh, en, beads), tmp_path)
    target = beads[3]
    bead = f"{name}:z{target.zh[0]}:e{target.en[0]}"
    edit(po_path, {bead: "Edited & <checked> sentence."})
    before = pair.en.read_bytes()
    import_po(po_path, corpus(root))
    after = pair.en.read_bytes()
    new_doc = read_pair(pair)[1]
    expected = [s.text for s in en.segments]
    expected[target.en[0]] = "Edited & <checked> sentence."
    assert new_doc.sentences() == expected
    # One contiguous region changed, and what replaced it is (part of) the new text.
    prefix = next(i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b)
    suffix = next(i for i, (a, b) in enumerate(zip(before[::-1], after[::-1], strict=False)) if a != b)
    written = "Edited & <checked> sentence."
    if en.format == "html":
        written = "Edited &amp; &lt;checked&gt; sentence."
    elif en.format == "md":
        written = "Edited & \\<checked\\> sentence."
    assert after[prefix : len(after) - suffix] in written.encode(en.encoding)
    assert (
        before[prefix : len(before) - suffix]
        .decode(en.encoding)
        .startswith(en.segments[target.en[0]].text[:10])
    )


def test_markup_inside_the_segment_is_refused_not_guessed(tmp_path: Path) -> None:
    md = EN_TEXT.replace("Jiaxing", "# Jiaxing").replace("The first.", "The **first** one.")
    root = make_corpus(tmp_path, md.encode(), en_name="bulletin.md")
    alignment, en_path = docs(root)
    assert alignment.en.segments[2].text == "The first one."  # the reader removed the markup
    po_path = export_po(alignment, tmp_path)
    edit(po_path, {"bulletin:z2:e2": "The 1st one."})
    with pytest.raises(ImportConflict, match="cannot be found verbatim"):
        import_po(po_path, corpus(root))
    assert en_path.read_bytes() == md.encode()


@pytest.mark.parametrize(
    "msgstr",
    [
        "See **x** and [link](url) now.",
        "<b>bold</b>, `code`, a_b_c, #1 and C:\\path\\*.",
        "# 1 is not a heading.",
        "- Not a list item.",
        "2) Not a list either.",
        "+ Nor this, \\* or \\\\.",
    ],
)
def test_markdown_in_msgstr_is_escaped_in_md_files(tmp_path: Path, msgstr: str) -> None:
    root = make_corpus(tmp_path, EN_TEXT.encode(), en_name="bulletin.md")
    alignment, en_path = docs(root)
    po_path = export_po(alignment, tmp_path)
    edit(po_path, {"bulletin:z2:e2": msgstr})  # "The first." starts a paragraph: a line start
    import_po(po_path, corpus(root))
    written = en_path.read_text()
    assert markdown_escape(msgstr) in written and "\\" in markdown_escape(msgstr)  # escaped
    again = read_document(en_path)
    assert [s.text for s in again.segments] == [
        msgstr if s.text == "The first." else s.text for s in alignment.en.segments
    ]
    # The escaped sentence is found again by the next import.
    po_path = export_po(Alignment(alignment.zh, again, alignment.beads), tmp_path)
    edit(po_path, {"bulletin:z2:e2": "Plain again."})
    import_po(po_path, corpus(root))
    assert en_path.read_text() == EN_TEXT.replace("The first.", "Plain again.")


def test_export_edit_import_round_trip_changes_exactly_that_span(tmp_path: Path) -> None:
    """The user's path: `export --to po`, edit one msgstr, `po import`: only that sentence's bytes change."""
    name = "2023-02-14-grassroots-safety"
    root = tmp_path / "corpus"
    for lang in ("zh", "en"):
        (root / lang).mkdir(parents=True)
        shutil.copy(CORPUS / lang / f"{name}.txt", root / lang / f"{name}.txt")
    out = tmp_path / "po"
    runner = CliRunner()
    done = runner.invoke(main, ["export", str(root), "--to", "po", "-o", str(out), "--similarity", "lexical"])
    assert done.exit_code == 0, done.output
    po_path = out / f"{name}.po"
    en_path = root / "en" / f"{name}.txt"
    en = read_document(en_path)
    entry = next(
        e
        for e in polib.pofile(str(po_path))
        if (r := bead_ranges(e.msgctxt)) and len(r[2]) == 1 and r[2][0] > 3
    )
    ranges = bead_ranges(entry.msgctxt)
    assert ranges is not None
    segment = en.segments[ranges[2][0]]
    edit(po_path, {entry.msgctxt: "A reviewer's sentence — “edited”."})
    before = en_path.read_bytes()
    done = runner.invoke(main, ["po", "import", str(po_path), "--corpus", str(root)])
    assert done.exit_code == 0 and "changed 1 beads" in done.output, done.output
    text = before.decode(en.encoding)
    expected = text[: segment.start] + "A reviewer's sentence — “edited”." + text[segment.end :]
    assert en_path.read_bytes() == expected.encode(en.encoding)
