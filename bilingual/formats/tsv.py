"""TSV, one aligned pair per row, for spreadsheets and the glossary check: written and read back.

The one vocabulary of ``align --format tsv`` and ``export --to tsv``: a
header line, then one row per pair::

    id  zh  en  zh_ids  en_ids  confidence  review

``zh_ids``/``en_ids`` are the bead's 0-based segment ids, comma-separated;
``confidence`` its score (4 places); ``review`` is ``pinned``, ``low`` (below
the context's threshold) or empty. Every field goes through :func:`escape`:
backslash as ``\\\\``, TAB as ``\\t``, LF as ``\\n``, CR as ``\\r``; other control
characters are written as they are (TSV can hold them). A lone surrogate
cannot be encoded at all: it is written as U+FFFD and reported as a
CONTROL_CHAR finding. There is no room for the signature: the first line is
the header, so spreadsheets read the file as a table.

The reader skips leading ``#`` comment lines (older ``align`` output) and blank lines, takes columns
by name after that header (``id``, ``zh`` and ``en`` required; ``zh_ids``,
``en_ids``, ``confidence``, ``review`` rebuild the bead), and also accepts
headerless ``id<TAB>zh<TAB>en`` rows (the bead is then the placeholder ``[n]:[n]``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

from bilingual.errors import InputError
from bilingual.formats.markup import REPLACEMENT, SURROGATE, control_findings
from bilingual.formats.reading import refuse_repeated
from bilingual.formats.registry import ExportContext, Format, register
from bilingual.io import read_lines
from bilingual.model import AlignedPair, Bead, Checked, Finding, doc_of_id

COLUMNS = ("id", "zh", "en", "zh_ids", "en_ids", "confidence", "review")

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_UNESCAPES = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}


def escape(text: str) -> str:
    """One TSV field: escaped, lone surrogates replaced by U+FFFD."""
    return SURROGATE.sub(REPLACEMENT, text.translate(_ESCAPES))


def unescape(field: str) -> str:
    """The inverse of :func:`escape` (for text without lone surrogates); unknown escapes kept as written."""
    out: list[str] = []
    chars = iter(field)
    for char in chars:
        if char != "\\":
            out.append(char)
            continue
        following = next(chars, "")
        out.append(_UNESCAPES.get(following, "\\" + following))
    return "".join(out)


def row(pair: AlignedPair, context: ExportContext) -> str:
    """The row of one pair (no line end)."""
    bead = pair.bead
    review = "pinned" if bead.pinned else ("low" if context.is_low(bead.score, bead.pinned) else "")
    cells = (
        escape(pair.id),
        escape(pair.zh),
        escape(pair.en),
        ",".join(map(str, bead.zh)),
        ",".join(map(str, bead.en)),
        f"{bead.score:.4f}",
        review,
    )
    return "\t".join(cells)


def write_pairs(
    pairs: Iterable[tuple[AlignedPair, Sequence[Finding]]], context: ExportContext, out: BinaryIO
) -> None:
    """The header and one row per pair: what the registered writer and ``align`` share.

    TSV has no place for glossary findings; only text problems are reported.
    """
    out.write(("\t".join(COLUMNS) + "\n").encode("ascii"))
    for pair, _findings in pairs:
        context.report(control_findings(pair, pattern=SURROGATE))
        out.write(row(pair, context).encode("utf-8") + b"\n")


def write_tsv(items: Iterable[Checked], context: ExportContext, out: BinaryIO) -> None:
    """TSV with a header: id, zh, en, zh_ids, en_ids, confidence, review (check input)."""
    write_pairs(((p, ()) for item in items for p in item.alignment.pairs()), context, out)


def _ints(field: str, path: Path, line: int) -> tuple[int, ...]:
    try:
        return tuple(int(i) for i in field.split(",") if i.strip())
    except ValueError as exc:
        raise InputError(
            f"segment ids must be integers separated by commas, found {field!r}", path, line
        ) from exc


def _bead(cells: dict[str, str], number: int, path: Path, line: int) -> Bead:
    if "zh_ids" not in cells or "en_ids" not in cells:
        return Bead((number,), (number,))
    try:
        score = float(cells.get("confidence") or 1.0)
    except ValueError as exc:
        raise InputError(f"confidence is not a number: {cells['confidence']!r}", path, line) from exc
    pinned = cells.get("review") == "pinned"
    return Bead(_ints(cells["zh_ids"], path, line), _ints(cells["en_ids"], path, line), score, pinned)


def read_tsv(path: Path) -> list[AlignedPair]:
    """The pairs of a TSV file (see the module docstring for the two shapes)."""
    pairs: list[AlignedPair] = []
    seen: dict[tuple[str, str], int] = {}
    columns: list[str] | None = None
    started = False
    for number, line in enumerate(read_lines(path), 1):
        line = line.removesuffix("\r")
        if not started and line.startswith("#"):
            continue
        if not line.strip():
            continue
        fields = line.split("\t")
        if not started:
            started = True
            if {"id", "zh", "en"} <= set(fields):
                columns = fields
                continue
        if columns is None:
            if len(fields) != 3:
                raise InputError(
                    f"expected 3 tab-separated fields (id, zh, en), found {len(fields)}", path, number
                )
            cells = dict(zip(("id", "zh", "en"), fields, strict=True))
        else:
            if len(fields) != len(columns):
                raise InputError(
                    f"expected {len(columns)} tab-separated fields as in the header, found {len(fields)}",
                    path,
                    number,
                )
            cells = dict(zip(columns, fields, strict=True))
        pair_id, zh, en = (unescape(cells[k]) for k in ("id", "zh", "en"))
        if not pair_id:
            raise InputError("empty id", path, number)
        bead = _bead(cells, len(pairs), path, number)
        doc = doc_of_id(pair_id)
        refuse_repeated(seen, doc, pair_id, path, number)
        pairs.append(AlignedPair(pair_id, zh, en, bead, doc))
    return pairs


FORMAT = register(
    Format(
        name="tsv",
        suffixes=(".tsv",),
        per_document=False,
        description="TSV with a header: id, zh, en, bead ids, confidence, review (check input)",
        write=write_tsv,
        read=read_tsv,
    )
)
