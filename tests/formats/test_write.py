"""bilingual.formats.write: output routing of checked alignments into files."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from bilingual.errors import ExportError
from bilingual.formats import FORMATS, ExportContext, Format
from bilingual.formats.write import export, write_file
from bilingual.model import Alignment, Checked

Factory = Callable[..., Alignment]


def test_a_read_only_format_cannot_be_written(alignment_factory: Factory, tmp_path: Path) -> None:
    read_only = Format("ro", (".ro",), False, "read only", None, lambda path: [])
    item = Checked(alignment_factory("d", ["一。"], ["One."]))
    with pytest.raises(ExportError, match="can be read but not written"):
        export(read_only, [item], ExportContext("sig"), tmp_path)


def test_routes(alignment_factory: Factory, tmp_path: Path) -> None:
    docs = [Checked(alignment_factory(f"d{i}", ["一。"], ["One."])) for i in range(2)]
    context = ExportContext("sig")
    stdout = io.BytesIO()
    assert export(FORMATS["tmx"], docs, context, None, stdout=stdout) == []
    assert b"d1:z0:e0" in stdout.getvalue()
    assert export(FORMATS["tmx"], docs, context, tmp_path, name="all") == [tmp_path / "all.tmx"]
    assert export(FORMATS["po"], docs, context, tmp_path / "po") == [
        tmp_path / "po" / "d0.po",
        tmp_path / "po" / "d1.po",
    ]
    one = io.BytesIO()
    export(FORMATS["po"], docs[:1], context, None, stdout=one)
    assert b'msgctxt "d0:z0:e0"' in one.getvalue()
    with pytest.raises(ExportError, match="pass -o DIRECTORY"):
        export(FORMATS["po"], docs, context, None, stdout=io.BytesIO())
    with pytest.raises(ExportError, match="pass -o FILE"):
        export(FORMATS["tmx"], docs, context, None)


def test_per_document_assets_are_written_beside_the_files(alignment_factory: Factory, tmp_path: Path) -> None:
    docs = [Checked(alignment_factory(f"d{i}", ["一。"], ["One."])) for i in range(2)]
    written = export(FORMATS["html"], docs, ExportContext("sig"), tmp_path / "html")
    assert [p.name for p in written] == ["d0.html", "d1.html", "bilingual.css"]
    css = (tmp_path / "html" / "bilingual.css").read_bytes()
    assert b"@media print" in css
    # Every page links the stylesheet that now sits beside it.
    for page in written[:2]:
        assert b'href="bilingual.css"' in page.read_bytes()


def review(po: Path, msgstr: str) -> None:
    """A reviewer's edit of the PO's first entry."""
    catalogue = polib.pofile(str(po))
    catalogue[0].msgstr = msgstr
    catalogue.save()


def test_a_po_with_edits_not_imported_is_not_overwritten(alignment_factory: Factory, tmp_path: Path) -> None:
    """No state: the PO's en-digest comments tell its edits, the bulletin read tells if they are imported."""
    docs = [Checked(alignment_factory(f"d{i}", ["一。"], ["One."])) for i in range(3)]
    context, out = ExportContext("sig"), tmp_path / "po"
    export(FORMATS["po"], docs, context, out)
    assert len(export(FORMATS["po"], docs, context, out)) == 3  # untouched: written again
    review(out / "d0.po", "Uno.")
    review(out / "d2.po", "Tres.")
    edited = (out / "d0.po").read_bytes()
    (out / "d1.po").unlink()
    with pytest.raises(ExportError) as caught:
        export(FORMATS["po"], docs, context, out)
    message = str(caught.value)
    assert message.startswith(f"{out / 'd0.po'}: holds a reviewer's edits: 1 msgstr not in the corpus yet;")
    assert "`bilingual po import" in message and "delete the file to discard the edits" in message
    assert message.endswith("(1 other files written; 1 more kept: d2.po)")
    assert (out / "d0.po").read_bytes() == edited and (out / "d1.po").is_file()
    imported = [
        Checked(alignment_factory(f"d{i}", ["一。"], [t])) for i, t in enumerate(["Uno.", "Two.", "Tres."])
    ]
    assert len(export(FORMATS["po"], imported, context, out)) == 3  # the corpus holds the edits now


def test_one_file_of_two_bulletins_is_guarded_too(alignment_factory: Factory, tmp_path: Path) -> None:
    item = Checked(alignment_factory("d", ["一。"], ["One."]))
    target = tmp_path / "d.po"
    write_file(FORMATS["po"], [item], ExportContext("sig"), target)
    review(target, "Uno.")
    with pytest.raises(
        ExportError, match=r"not overwritten, run `bilingual po import .*d\.po --corpus CORPUS`"
    ):
        write_file(FORMATS["po"], [item], ExportContext("sig"), target)
    assert polib.pofile(str(target))[0].msgstr == "Uno."
