"""The I/O edge of writing: run one format's writer over a stream of checked alignments into files.

What ``bilingual export`` (and anything else that writes one format) needs
besides the writer itself: the choice of output files (one file for corpus
formats, one file per bulletin in a directory for per-document formats), every
file written atomically. Items stream through, so memory stays flat; each
carries its own findings (:class:`~bilingual.model.Checked`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import BinaryIO

from bilingual.errors import ExportError
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
    written = []
    for item in items:
        target = directory / f"{item.id}{fmt.suffix}"
        write_atomic(target, _writer(write, [item], context))
        written.append(target)
    for asset, data in (fmt.assets() if fmt.assets else {}).items():
        target = directory / asset
        write_atomic(target, partial(_write_bytes, data))
        written.append(target)
    return written
