"""Formats: every file format the toolkit reads or writes, one module each, registered once.

A format module holds both directions of its format (polib's shape: a file is
a list of entries, parsed and saved side by side): ``tmx``, ``xliff2`` and
``xliff12`` (their reading shared in ``xliff``), ``po`` (and ``po_import``,
merging a reviewer's edits), ``bxml``, ``html`` (the review page; ``site``
builds the editors' site from it), ``jsonl``, ``tsv``, ``text`` (one English
segment per line) and ``beads`` (the aligner's bead lines, write only).
:data:`FORMATS` maps a name to its :class:`Format`; the CLI builds its
choices from it, :func:`format_for` and :func:`read_pairs` pick a reader by
suffix, and the conformance tests run over all of it.

Layering: this package imports only the model, errors, xmlsafe, signature,
io and the glossary's term markup, never the corpus reader, the aligner, the
pipeline, scoring or publishing.
"""

from __future__ import annotations

from bilingual.formats import (  # noqa: F401  (importing registers)
    beads,
    bxml,
    html,
    jsonl,
    po,
    text,
    tmx,
    tsv,
    xliff2,
    xliff12,
)
from bilingual.formats.registry import (
    FORMATS,
    ExportContext,
    Format,
    ProblemLog,
    Reader,
    Writer,
    format_for,
    read_pairs,
    register,
    writers,
)

__all__ = [
    "FORMATS",
    "ExportContext",
    "Format",
    "ProblemLog",
    "Reader",
    "Writer",
    "format_for",
    "read_pairs",
    "register",
    "writers",
]
