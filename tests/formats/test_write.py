"""bilingual.export.write: findings filled as bulletins stream past, output routing."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from bilingual.errors import ExportError
from bilingual.export import EXPORTERS, ExportContext
from bilingual.export.write import export, with_findings
from bilingual.model import AlignedPair, Alignment, Finding, Verdict

Factory = Callable[..., Alignment]


def checker(pairs: Iterable[AlignedPair]) -> list[Finding]:
    return [Finding(p.id, "t", Verdict.MISSING, message="m") for p in pairs]


@pytest.mark.parametrize("keep", [True, False])
def test_with_findings(alignment_factory: Factory, keep: bool) -> None:
    docs = [alignment_factory(f"d{i}", ["一。", "二。"], ["One.", "Two."]) for i in range(3)]
    into: dict[str, list[Finding]] = {}
    seen = []
    for alignment in with_findings(docs, checker, into, keep=keep):
        # the current bulletin's findings are there when the exporter renders it
        assert all(into[p.id] for p in alignment.pairs())
        seen.append(sorted(into))
    assert seen[-1] == (sorted(p.id for d in docs for p in d.pairs()) if keep else ["d2:z0:e0", "d2:z1:e1"])
    assert list(with_findings(docs, None, into)) == docs


def test_routes(alignment_factory: Factory, tmp_path: Path) -> None:
    docs = [alignment_factory(f"d{i}", ["一。"], ["One."]) for i in range(2)]
    context = ExportContext("sig")
    stdout = io.BytesIO()
    assert export(EXPORTERS["tmx"], docs, context, None, stdout=stdout) == []
    assert b"d1:z0:e0" in stdout.getvalue()
    assert export(EXPORTERS["tmx"], docs, context, tmp_path, name="all") == [tmp_path / "all.tmx"]
    assert export(EXPORTERS["po"], docs, context, tmp_path / "po") == [
        tmp_path / "po" / "d0.po",
        tmp_path / "po" / "d1.po",
    ]
    one = io.BytesIO()
    export(EXPORTERS["po"], docs[:1], context, None, stdout=one)
    assert b'msgctxt "d0:z0:e0"' in one.getvalue()
    with pytest.raises(ExportError, match="pass -o DIRECTORY"):
        export(EXPORTERS["po"], docs, context, None, stdout=io.BytesIO())
    with pytest.raises(ExportError, match="pass -o FILE"):
        export(EXPORTERS["tmx"], docs, context, None)


def test_per_document_assets_are_written_beside_the_files(alignment_factory: Factory, tmp_path: Path) -> None:
    docs = [alignment_factory(f"d{i}", ["一。"], ["One."]) for i in range(2)]
    written = export(EXPORTERS["html"], docs, ExportContext("sig"), tmp_path / "html")
    assert [p.name for p in written] == ["d0.html", "d1.html", "bilingual.css"]
    css = (tmp_path / "html" / "bilingual.css").read_bytes()
    assert b"@media print" in css
    # Every page links the stylesheet that now sits beside it.
    for page in written[:2]:
        assert b'href="bilingual.css"' in page.read_bytes()
