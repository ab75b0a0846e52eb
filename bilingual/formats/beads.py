"""The aligner's beads in vecalign's text form, one ``[zh ids]:[en ids]:score`` per line (write only).

What ``bilingual align`` writes by default (suffix ``.align``, one file per
document): 0-based segment ids, the score with 3 decimals, as
:meth:`bilingual.model.Bead.__str__` renders it and vecalign's scorer reads it.
There is no reader: a bead file holds no text, so it cannot give pairs back
(:func:`bilingual.model.parse_bead` reads one line).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from bilingual.formats.registry import ExportContext, Format, register
from bilingual.model import Bead, Checked


def bead_lines(beads: Iterable[Bead]) -> str:
    """One ``str(bead)`` per line."""
    return "".join(f"{bead}\n" for bead in beads)


def write_beads(items: Iterable[Checked], context: ExportContext, out: BinaryIO) -> None:
    """Vecalign beads, one per line, per document."""
    for item in items:
        out.write(bead_lines(item.alignment.beads).encode("ascii"))


FORMAT = register(
    Format(
        name="beads",
        suffixes=(".align",),
        per_document=True,
        description="vecalign beads [zh]:[en]:score, one per line (align's default)",
        write=write_beads,
        read=None,
    )
)
