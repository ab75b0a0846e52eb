"""Export stage: TSV ``id<TAB>zh<TAB>en``, no header, the glossary check's TSV input.

Escapes, as ``bilingual check`` reads them: backslash as ``\\\\``, TAB as
``\\t``, LF as ``\\n``, CR as ``\\r``. Other control characters are written
as they are (TSV can hold them). A lone surrogate cannot be encoded at all: it
is written as U+FFFD and reported as a CONTROL_CHAR finding.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from bilingual.export.markup import REPLACEMENT, SURROGATE, control_findings
from bilingual.export.registry import ExportContext, register
from bilingual.model import Alignment

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def escape(text: str) -> str:
    """One TSV field: escaped, lone surrogates replaced by U+FFFD."""
    return SURROGATE.sub(REPLACEMENT, text.translate(_ESCAPES))


def unescape(field: str) -> str:
    """The inverse of :func:`escape` (for text without lone surrogates)."""
    out: list[str] = []
    chars = iter(field)
    for char in chars:
        if char != "\\":
            out.append(char)
            continue
        following = next(chars, "")
        out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}.get(following, "\\" + following))
    return "".join(out)


@register("tsv", ".tsv", description="TSV id, zh, en without header (check input)")
def write_tsv(alignments: Iterable[Alignment], context: ExportContext, out: BinaryIO) -> None:
    """TSV id, zh, en without header (check input)."""
    for alignment in alignments:
        for pair in alignment.pairs():
            context.report(control_findings(pair, pattern=SURROGATE))
            line = "\t".join((escape(pair.id), escape(pair.zh), escape(pair.en)))
            out.write(line.encode("utf-8") + b"\n")
