"""Export stage: JSON Lines, one aligned pair per line, for scripts and the glossary check.

Each line is ``{"id", "doc_id", "zh", "en", "bead", "type", "score", "pinned",
"needs_review", "findings": [...]}`` with the bead id as ``id``, so the file is
also valid input for ``bilingual check`` (which reads ``id``/``zh``/``en``).
JSON escapes control characters (``\\u0004``), so text is kept exactly; a lone
surrogate is written as its ``\\udXXX`` escape, which JSON readers accept.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, BinaryIO

from bilingual.export.registry import ExportContext, register
from bilingual.model import Alignment, Finding


def finding_json(finding: Finding) -> dict[str, Any]:
    """A finding as the glossary check's JSONL writes it (spans as lists or null)."""
    return {
        "segment": finding.segment,
        "term": finding.term,
        "verdict": finding.verdict.value,
        "zh_span": list(finding.zh_span) if finding.zh_span else None,
        "en_span": list(finding.en_span) if finding.en_span else None,
        "expected": list(finding.expected),
        "found": finding.found,
        "message": finding.message,
    }


@register("jsonl", ".jsonl", description="JSON Lines, one aligned pair per line (check input)")
def write_jsonl(alignments: Iterable[Alignment], context: ExportContext, out: BinaryIO) -> None:
    """JSON Lines, one aligned pair per line (check input)."""
    for alignment in alignments:
        for pair in alignment.pairs():
            record = {
                "id": pair.id,
                "doc_id": pair.doc_id,
                "zh": pair.zh,
                "en": pair.en,
                "bead": str(pair.bead),
                "type": pair.bead.type,
                "score": round(pair.bead.score, 3),
                "pinned": pair.bead.pinned,
                "needs_review": pair.bead.score < context.low_confidence and not pair.bead.pinned,
                "findings": [finding_json(f) for f in context.findings.get(pair.id, ())],
            }
            line = json.dumps(record, ensure_ascii=False, sort_keys=False)
            # backslashreplace turns a lone surrogate into its JSON escape \udXXX.
            out.write(line.encode("utf-8", "backslashreplace") + b"\n")
