"""bilingual.formats.write: output routing of checked alignments into files."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from bilingual.errors import ExportError
from bilingual.formats import FORMATS, ExportContext, Format
from bilingual.formats.write import export
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
