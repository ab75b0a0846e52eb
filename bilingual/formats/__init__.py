"""Exports: every format is a view of the aligned model, registered once.

``EXPORTERS`` maps a format name to its :class:`Exporter`; the CLI builds its
``--to`` choices from it and the conformance tests run over all of it.
Exporters receive the alignments and the glossary findings and return or
stream bytes; they never hold state of their own.
"""

from __future__ import annotations

from bilingual.export import bxml, html, jsonl, po, tmx, tsv, xliff2, xliff12  # noqa: F401  (importing registers)
from bilingual.export.registry import EXPORTERS, ExportContext, Exporter, register

__all__ = ["EXPORTERS", "ExportContext", "Exporter", "register"]
