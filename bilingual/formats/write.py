"""The I/O edge of writing: run one format's writer over a stream of checked alignments into files.

What ``bilingual export`` (and anything else that writes one format) needs
besides the writer itself: the choice of output files (one file for corpus
formats, one file per bulletin in a directory for per-document formats), every
file written atomically. Items stream through, so memory stays flat; each
carries its own findings (:class:`~bilingual.model.Checked`).

A PO file already at a target that holds a reviewer's edits the corpus does
not (:func:`bilingual.formats.po_import.unimported`: the PO's ``en-digest``
comments tell the edits, the bulletin just read whether they are imported) is
not overwritten: the other files are written, then an
:class:`~bilingual.errors.ExportError` names it (exit 2) and says what to do.
Export keeps no state, and needs none for this: every PO it writes says what
it was written with.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import BinaryIO

from bilingual.errors import ExportError
from bilingual.formats.po_import import import_hint, not_imported
from bilingual.formats.registry import ExportContext, Format, Writer
from bilingual.io import ensure_dir, write_atomic
from bilingual.model import Checked

log = logging.getLogger(__name__)


def _write_bytes(data: bytes, out: BinaryIO) -> None:
    out.write(data)


def _writer(write: Writer, items: Iterable[Checked], context: ExportContext) -> Callable[[BinaryIO], None]:
    return lambda out: write(items, context, out)


def export(
    fmt: Format,
    items: Iterable[Checked],
    context: ExportContext,
    output: Path | None,
    *,
    stdout: BinaryIO | None = None,
    name: str = "corpus",
) -> list[Path]:
    """Write the checked ``items`` in ``fmt``; return the files written.

    - corpus formats: ``output`` is the file (an existing directory gets
      ``NAME + suffix`` inside it); without ``output``, ``stdout``;
    - per-document formats: ``output`` is a directory that receives one
      ``DOC-ID + suffix`` per bulletin; without ``output``, ``stdout`` when
      there is exactly one bulletin.
    """
    write = fmt.write
    if write is None:
        raise ExportError(f"{fmt.name} can be read but not written")
    if not fmt.per_document:
        if output is None:
            if stdout is None:
                raise ExportError(f"{fmt.name}: no output given; pass -o FILE")
            write(items, context, stdout)
            return []
        target = output / f"{name}{fmt.suffix}" if output.is_dir() else output
        write_atomic(target, _writer(write, items, context))
        return [target]
    if output is None:
        items = list(items)
        if len(items) != 1 or stdout is None:
            raise ExportError(
                f"{fmt.name} writes one file per bulletin ({len(items)} here); pass -o DIRECTORY"
            )
        write(items, context, stdout)
        return []
    directory = ensure_dir(output)
    written: list[Path] = []
    kept: list[tuple[Path, str, Checked]] = []  # POs holding edits not imported: not overwritten
    for item in items:
        target = directory / f"{item.id}{fmt.suffix}"
        why = _edits_not_imported(fmt, target, item)
        if why is not None:
            kept.append((target, why, item))
            continue
        write_atomic(target, _writer(write, [item], context))
        written.append(target)
    for asset, data in (fmt.assets() if fmt.assets else {}).items():
        target = directory / asset
        write_atomic(target, partial(_write_bytes, data))
        written.append(target)
    if kept:
        _refuse(kept, len(written))
    return written


def write_file(fmt: Format, items: Iterable[Checked], context: ExportContext, target: Path) -> list[Path]:
    """Write the one bulletin of ``items`` to ``target`` in a per-document format (two bulletins, -o FILE)."""
    write = fmt.write
    if write is None:
        raise ExportError(f"{fmt.name} can be read but not written")
    single = list(items)
    why = _edits_not_imported(fmt, target, single[0]) if len(single) == 1 else None
    if why is not None:
        _refuse([(target, why, single[0])], 0)
    write_atomic(target, _writer(write, single, context))
    return [target]


def _edits_not_imported(fmt: Format, target: Path, item: Checked) -> str | None:
    """Why ``target`` must not be overwritten: a PO holding a reviewer's edits that the corpus does not.

    Export keeps no state: the PO tells its own edits (its ``en-digest`` comments) and the
    bulletin just read tells whether they are imported (:func:`~bilingual.formats.po_import.unimported`).
    """
    if fmt.name != "po" or not target.is_file():
        return None
    alignment = item.alignment
    return not_imported(target, {item.id: (alignment.zh, alignment.en)})


def _refuse(kept: list[tuple[Path, str, Checked]], written: int) -> None:
    """One line: the first PO kept, why, what to do; the files written and the other POs kept."""
    target, why, item = kept[0]
    en = item.alignment.en.path
    corpus = Path(en).parent.parent if en is not None and Path(en).parent.name == "en" else None
    names = ", ".join(p.name for p, _, _ in kept[1:4]) + (", ..." if len(kept) > 4 else "")
    others = f"; {len(kept) - 1} more kept: {names}" if len(kept) > 1 else ""
    tail = f" ({written} other files written{others})" if written or others else ""
    raise ExportError(
        f"holds a reviewer's edits: {why}; not overwritten, {import_hint(target, corpus)}{tail}", target
    )
