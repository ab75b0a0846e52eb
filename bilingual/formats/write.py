"""Export stage, the I/O edge: run one exporter over a stream of alignments into files.

What ``bilingual export`` (and anything else that writes one format) needs
besides the exporter itself: glossary findings computed bulletin by bulletin
as the alignments stream past (so memory stays flat), and the choice of
output files: one file for corpus formats, one file per bulletin in a
directory for per-document formats, every file written atomically.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from functools import partial
from pathlib import Path
from typing import BinaryIO

from bilingual.errors import ExportError
from bilingual.export.registry import ExportContext, Exporter
from bilingual.io import ensure_dir, write_atomic
from bilingual.model import AlignedPair, Alignment, Finding

log = logging.getLogger(__name__)

Checker = Callable[[Iterable[AlignedPair]], list[Finding]]


def with_findings(
    alignments: Iterable[Alignment],
    checker: Checker | None,
    into: MutableMapping[str, list[Finding]],
    *,
    keep: bool = True,
) -> Iterator[Alignment]:
    """Yield ``alignments`` unchanged, filling ``into[pair id]`` with each one's findings first.

    ``into`` is the mapping an :class:`ExportContext` was built with, so the
    exporter sees a bulletin's findings by the time it renders that bulletin.
    With ``keep=False`` a bulletin's findings are dropped once the next one is
    requested (exporters render a bulletin before asking for the next), so
    memory stays flat however long the corpus.
    """
    previous: list[str] = []
    for alignment in alignments:
        if not keep:
            for pair_id in previous:
                into.pop(pair_id, None)
        previous = []
        if checker is not None:
            for finding in checker(alignment.pairs()):
                into.setdefault(finding.segment, []).append(finding)
                previous.append(finding.segment)
        yield alignment


def _write_bytes(data: bytes, out: BinaryIO) -> None:
    out.write(data)


def _writer(
    exporter: Exporter, alignments: Iterable[Alignment], context: ExportContext
) -> Callable[[BinaryIO], None]:
    return lambda out: exporter.write(alignments, context, out)


def export(
    exporter: Exporter,
    alignments: Iterable[Alignment],
    context: ExportContext,
    output: Path | None,
    *,
    stdout: BinaryIO | None = None,
    name: str = "corpus",
) -> list[Path]:
    """Write ``alignments`` in ``exporter``'s format; return the files written.

    - corpus formats: ``output`` is the file (an existing directory gets
      ``NAME + suffix`` inside it); without ``output``, ``stdout``;
    - per-document formats: ``output`` is a directory that receives one
      ``DOC-ID + suffix`` per bulletin; without ``output``, ``stdout`` when
      there is exactly one bulletin.
    """
    if not exporter.per_document:
        if output is None:
            if stdout is None:
                raise ExportError(f"{exporter.name}: no output given; pass -o FILE")
            exporter.write(alignments, context, stdout)
            return []
        target = output / f"{name}{exporter.suffix}" if output.is_dir() else output
        write_atomic(target, _writer(exporter, alignments, context))
        return [target]
    if output is None:
        items = list(alignments)
        if len(items) != 1 or stdout is None:
            raise ExportError(
                f"{exporter.name} writes one file per bulletin ({len(items)} here); pass -o DIRECTORY"
            )
        exporter.write(items, context, stdout)
        return []
    directory = ensure_dir(output)
    written = []
    for alignment in alignments:
        target = directory / f"{alignment.id}{exporter.suffix}"
        write_atomic(target, _writer(exporter, [alignment], context))
        written.append(target)
    for asset, data in (exporter.assets() if exporter.assets else {}).items():
        target = directory / asset
        write_atomic(target, partial(_write_bytes, data))
        written.append(target)
    return written
