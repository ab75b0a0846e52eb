"""Three-way PO import: a reviewer's edit never reverts an editor's; edits land by fingerprint.

base = the English as exported (``#. en-fp`` / ``#. en-digest``), theirs = the
reviewer's msgstr, ours = the English file now. The corpus of
``test_po_import``: segments 0 title, 1 date, 2 "The first.", 3 "The second.",
4 "The fourth.".
"""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from bilingual.cli import main
from bilingual.formats.po_import import Entry, ImportConflict, import_po, plan_edits
from bilingual.formats.po_merge import consecutive, locate, region
from bilingual.model import Alignment, Bead
from tests.formats.test_po_import import EN_TEXT, corpus, docs, edit, export_po, make_corpus


def exported(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A corpus, its English file and a PO exported from it (before anyone edits anything)."""
    root = make_corpus(tmp_path, EN_TEXT.encode())
    alignment, en_path = docs(root)
    return root, en_path, export_po(alignment, tmp_path)


def po_import(po_path: Path, root: Path, *options: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["po", "import", str(po_path), "--corpus", str(root), *options])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


def test_import_does_not_revert_an_english_edit_made_after_export(tmp_path: Path) -> None:
    root, en_path, po_path = exported(tmp_path)
    edited = EN_TEXT.replace("The first.", "The very first.")
    en_path.write_text(edited)  # the editor, after the export
    result = import_po(po_path, corpus(root))  # the reviewer changed nothing
    assert (result.edited, result.written, result.english_changed) == ((), False, True)
    edit(po_path, {"bulletin:z5:e4": "The 4th."})  # the reviewer edits another sentence
    code, output = po_import(po_path, root)
    assert code == 0, output
    assert en_path.read_text() == edited.replace("The fourth.", "The 4th.")
    assert "changed 1 beads" in output and "merged three-way" in output


def conflicting(tmp_path: Path) -> tuple[Path, Path, Path, str]:
    """The editor changed "The first." in the file; the reviewer changed it too, and "The fourth."."""
    root, en_path, po_path = exported(tmp_path)
    ours = EN_TEXT.replace("The first.", "The very first.")
    en_path.write_text(ours)
    edit(po_path, {"bulletin:z2:e2": "The 1st.", "bulletin:z5:e4": "The 4th."})
    return root, en_path, po_path, ours


def test_conflict_lists_both_texts_and_writes_nothing(tmp_path: Path) -> None:
    root, en_path, po_path, ours = conflicting(tmp_path)
    with pytest.raises(ImportConflict, match="1 conflicts") as caught:
        import_po(po_path, corpus(root))
    (conflict,) = caught.value.conflicts
    assert "bulletin.po:" in conflict and "bulletin:z2:e2" in conflict
    assert "'The 1st.'" in conflict and "'The very first.'" in conflict  # theirs and ours
    code, output = po_import(po_path, root)
    assert code == 2 and "nothing written" in output and "--theirs" in output
    assert "'The 1st.'" in output and "'The very first.'" in output
    assert en_path.read_text() == ours  # not even "The 4th."
    # One line for the error, then each conflict on lines of its own (not joined by "\x0a").
    lines = output.strip().splitlines()
    k = next(i for i, line in enumerate(lines) if line.startswith("Error: "))
    assert lines[k].endswith("; nothing written") and "1 conflicts" in lines[k]
    listed = lines[k + 1 :]
    assert listed and all(line.startswith("  ") for line in listed)
    assert "bulletin:z2:e2" in listed[0] and any("PO (theirs)" in line for line in listed)
    assert "\\x0a" not in output


def test_theirs_takes_the_reviewers_text(tmp_path: Path) -> None:
    root, en_path, po_path, _ = conflicting(tmp_path)
    code, output = po_import(po_path, root, "--theirs")
    assert code == 0, output
    assert en_path.read_text() == EN_TEXT.replace("The first.", "The 1st.").replace("The fourth.", "The 4th.")
    assert "bulletin:z2:e2 (conflict, took the reviewer's text: --theirs)" in output


def test_ours_keeps_the_files_text(tmp_path: Path) -> None:
    root, en_path, po_path, ours = conflicting(tmp_path)
    code, output = po_import(po_path, root, "--ours")
    assert code == 0, output
    assert en_path.read_text() == ours.replace("The fourth.", "The 4th.")
    assert "bulletin:z2:e2: conflict, kept the file's text (--ours)" in output
    result = import_po(po_path, corpus(root), resolve="ours")  # again: nothing left to do
    assert (result.edited, result.ours) == ((), ("bulletin:z2:e2",))


def test_inserted_english_sentence_is_kept_and_edits_land_by_fingerprint(tmp_path: Path) -> None:
    root, en_path, po_path = exported(tmp_path)
    inserted = EN_TEXT.replace("The first. ", "The first. An inserted one. ")
    en_path.write_text(inserted)  # en segment 3 is now "An inserted one.", "The second." is 4
    assert import_po(po_path, corpus(root)).edited == ()  # an unedited PO deletes nothing
    edit(po_path, {"bulletin:z3-4:e3": "The 2nd.", "bulletin:z5:e4": "The 4th."})
    result = import_po(po_path, corpus(root))
    assert result.edited == ("bulletin:z3-4:e3", "bulletin:z5:e4")
    assert en_path.read_text() == inserted.replace("The second.", "The 2nd.").replace(
        "The fourth.", "The 4th."
    )


def test_deleted_english_sentence_is_found_by_fingerprint(tmp_path: Path) -> None:
    root, en_path, po_path = exported(tmp_path)
    deleted = EN_TEXT.replace("The first. ", "")
    en_path.write_text(deleted)  # "The second." is now en segment 2, "The fourth." 3
    edit(po_path, {"bulletin:z3-4:e3": "The 2nd.", "bulletin:z5:e4": "The 4th."})
    import_po(po_path, corpus(root))
    expected = deleted.replace("The second.", "The 2nd.").replace("The fourth.", "The 4th.")
    assert en_path.read_text() == expected


def test_a_sentence_the_editor_deleted_and_the_reviewer_edited_is_a_conflict(tmp_path: Path) -> None:
    root, en_path, po_path = exported(tmp_path)
    en_path.write_text(EN_TEXT.replace("The first. ", ""))
    edit(po_path, {"bulletin:z2:e2": "The 1st."})
    with pytest.raises(ImportConflict) as caught:
        import_po(po_path, corpus(root))
    assert "(deleted in the file)" in caught.value.conflicts[0]
    import_po(po_path, corpus(root), resolve="theirs")  # the reviewer's sentence comes back
    assert en_path.read_text() == EN_TEXT.replace("The first.", "The 1st.")  # before what followed it


def test_same_change_in_the_po_and_the_file_is_no_conflict(tmp_path: Path) -> None:
    root, en_path, po_path = exported(tmp_path)
    en_path.write_text(EN_TEXT.replace("The first.", "The 1st."))
    edit(po_path, {"bulletin:z2:e2": "The 1st."})
    assert import_po(po_path, corpus(root)).edited == ()


def test_a_case_only_edit_by_the_reviewer_is_applied(tmp_path: Path) -> None:
    """The fingerprint ignores case; the en-digest does not, so this is still the reviewer's edit."""
    root, en_path, po_path = exported(tmp_path)
    edit(po_path, {"bulletin:z2:e2": "THE first."})
    assert import_po(po_path, corpus(root)).edited == ("bulletin:z2:e2",)
    assert "THE first. The second." in en_path.read_text()


def test_untranslated_bead_conflicts_when_the_file_gained_english_there(tmp_path: Path) -> None:
    root = make_corpus(tmp_path, EN_TEXT.encode())
    alignment, en_path = docs(root)
    beads = (*alignment.beads[:3], Bead((3,), (3,)), Bead((4,), ()), alignment.beads[4])
    po_path = export_po(Alignment(alignment.zh, alignment.en, beads), tmp_path)
    edit(po_path, {"bulletin:z4:e": "The third."})
    en_path.write_text(EN_TEXT.replace("The second.", "The second. The 3rd."))
    with pytest.raises(ImportConflict, match="1 conflicts") as caught:
        import_po(po_path, corpus(root))
    assert "'The 3rd.'" in caught.value.conflicts[0]
    en_path.write_text(EN_TEXT)
    import_po(po_path, corpus(root))
    assert en_path.read_text() == EN_TEXT.replace("The second.", "The second. The third.")


def strip_fingerprints(po_path: Path) -> None:
    po = polib.pofile(str(po_path))
    for entry in po:
        entry.comment = "\n".join(c for c in entry.comment.splitlines() if not c.startswith("en-"))
    del po.metadata["X-Bilingual-Target-Digest"]
    po.save(str(po_path))


def test_po_from_before_three_way_import_is_refused_unless_theirs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root, en_path, po_path = exported(tmp_path)
    strip_fingerprints(po_path)
    assert import_po(po_path, corpus(root)).edited == ()  # no edits: nothing to refuse
    edit(po_path, {"bulletin:z2:e2": "The 1st."})
    with pytest.raises(ImportConflict, match="exported before three-way import") as caught:
        import_po(po_path, corpus(root))
    assert "--theirs" in caught.value.conflicts[0]
    assert en_path.read_text() == EN_TEXT
    with caplog.at_level("WARNING"):
        result = import_po(po_path, corpus(root), resolve="theirs")
    assert result.edited == ("bulletin:z2:e2",)
    assert [r.message.count("before three-way import") for r in caplog.records] == [1]  # warned once
    assert en_path.read_text() == EN_TEXT.replace("The first.", "The 1st.")


def test_old_po_still_refuses_ids_beyond_the_file(tmp_path: Path) -> None:
    root, _, _ = exported(tmp_path)
    entries = [Entry(7, "bulletin:z2:e9", "第一句。", "First.")]
    alignment, _ = docs(root)
    with pytest.raises(ImportConflict, match="unknown ids") as caught:
        plan_edits(entries, alignment.zh, alignment.en, "x.po", resolve="theirs")
    assert "no such segments" in caught.value.conflicts[0]


# locate: base index → fingerprint (here letters), current fingerprints in order.
@pytest.mark.parametrize(
    ("base", "current", "expected"),
    [
        ("ABC", "ABC", {0: 0, 1: 1, 2: 2}),
        ("ABC", "AXBC", {0: 0, 1: 2, 2: 3}),  # inserted
        ("ABC", "AC", {0: 0, 2: 1}),  # deleted: B is not found
        ("ABC", "AB'C", {0: 0, 2: 2}),  # changed (B' is another fingerprint)
        ("AXBXC", "NAXBXC", {0: 1, 1: 2, 2: 3, 3: 4, 4: 5}),  # repeated X: nearest to the anchors' shift
        ("XAX", "XA", {1: 1}),  # both X would land on one: neither is found
        ("ABX", "AXYX", {0: 0}),  # B deleted; X equally near at 1 and 3: ambiguous
        ("XY", "YX", {0: 1, 1: 0}),  # moved
    ],
)
def test_locate(base: str, current: str, expected: dict[int, int]) -> None:
    fingerprints = list(current.replace("B'", "b"))
    assert locate(dict(enumerate(base)), fingerprints) == expected


def test_region_and_consecutive() -> None:
    located = {0: 0, 2: 3, 3: 4}  # base 1 changed into current 1-2
    assert consecutive(located, (2, 3)) == (3, 5)
    assert consecutive(located, (1,)) is None
    assert region(located, 1, 1, base_size=4, current_size=5) == (1, 3)  # what replaced base 1
    assert region(located, 3, 2, base_size=4, current_size=5) == (4, 4)  # the gap after base 2: empty
    assert region({0: 0}, 1, 1, base_size=3, current_size=3) is None  # base 2 not located
