"""Plain text, one segment per line: the English side only, as ``score`` and sacrebleu read it.

Reading: lines split on ``"\\n"`` only (a final newline ends the last line, it
does not start another), trailing whitespace stripped, as sacrebleu reads its
files, so scores equal the ``sacrebleu`` command's. Each line is one pair with
the English text, no Chinese, id the 1-based line number ("1", "2", ...) and
no document id; the bead is ``[]:[n]`` (n the 0-based line number).

Writing: per document, the English segments one per line; a line break inside
a segment (which plain text cannot tell from a segment end) is written as a
space. Nothing else is recorded, so this format does not round-trip pairs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from bilingual.formats.registry import ExportContext, Format, register
from bilingual.io import read_lines
from bilingual.model import AlignedPair, Bead, Checked

_BREAKS = re.compile("[\r\n]+")
HINT = "; convert it first, e.g. iconv -f gb18030 -t utf-8"


def read_text(path: Path) -> list[AlignedPair]:
    """One pair per line, English side only (see the module docstring)."""
    return [
        AlignedPair(id=str(n + 1), zh="", en=line.rstrip(), bead=Bead((), (n,)), doc_id="")
        for n, line in enumerate(read_lines(path, HINT))
    ]


def write_text(items: Iterable[Checked], context: ExportContext, out: BinaryIO) -> None:
    """English segments, one per line, per document."""
    for item in items:
        for segment in item.alignment.en.segments:
            out.write(_BREAKS.sub(" ", segment.text).encode("utf-8", "replace") + b"\n")


FORMAT = register(
    Format(
        name="text",
        suffixes=(".txt",),
        per_document=True,
        description="plain text, the English segments one per line (score input)",
        write=write_text,
        read=read_text,
    )
)
