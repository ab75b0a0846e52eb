"""Bugs the fuzz suite found in modules owned by others: one minimal reproducer each, strict xfail.

Each test states the property that should hold and fails today; ``strict=True``
makes it fail the suite once the bug is fixed, so whoever fixes it deletes the
``xfail`` mark here and the matching entry in :data:`tests.fuzz.hostile.KNOWN`,
which keeps the property tests from tripping over the same bug meanwhile.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bilingual.align import pins
from bilingual.errors import BilingualError
from bilingual.formats import FORMATS, ExportContext
from bilingual.formats.po_import import import_po
from bilingual.model import Bead, Checked
from tests.formats.conftest import make_alignment


def _context() -> ExportContext:
    return ExportContext(signature="bilingual:fuzz", date="2023-02-14")


def test_pins_with_a_huge_id_are_an_alignment_error() -> None:
    """A pin id of 4301 digits is refused with an AlignmentError naming the line."""
    with pytest.raises(BilingualError):
        pins.parse("[" + "9" * 4301 + "]:[0]\n", "pins.txt")


def test_po_import_of_a_utf16_header_without_bom_is_an_input_error(tmp_path: Path) -> None:
    """A PO whose header declares UTF-16 but whose bytes have no BOM is refused with an InputError."""
    po = tmp_path / "bulletin.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-16\\n"\n\n'
        'msgctxt "bulletin:z0:e0"\nmsgid "一"\nmsgstr "One"\n',
        encoding="utf-8",
    )
    with pytest.raises(BilingualError):
        import_po(po, {}, dry_run=True)


def test_po_writes_a_lone_surrogate() -> None:
    """The PO writer writes a pair holding a lone surrogate (stand-in and finding, as XML formats do)."""
    alignment = make_alignment("doc", ["一\ud800"], ["One"])
    FORMATS["po"].write(iter([Checked(alignment)]), _context(), io.BytesIO())  # type: ignore[misc]


@pytest.mark.parametrize("name", ["html", "tmx", "xliff", "xliff12"])
def test_a_pinned_bead_reads_back_pinned(name: str, tmp_path: Path) -> None:
    """A pinned bead written by ``name`` reads back pinned."""
    alignment = make_alignment("doc", ["一"], ["One"], [Bead((0,), (0,), 0.5, pinned=True)])
    fmt = FORMATS[name]
    buffer = io.BytesIO()
    fmt.write(iter([Checked(alignment)]), _context(), buffer)  # type: ignore[misc]
    path = tmp_path / f"out{fmt.suffix}"
    path.write_bytes(buffer.getvalue())
    (pair,) = fmt.read(path)  # type: ignore[misc]
    assert pair.bead.pinned
