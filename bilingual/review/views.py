"""Review stage, views: a document's state as the JSON API's objects and as template rows.

The JSON shapes are the issue's (and the README's): ``GET /api/documents``
gives :func:`summary` per document, ``GET /api/documents/NAME`` and every edit
give :func:`document`. The page's rows (:func:`rows`) carry the same beads, with
each side cut into sentences and each sentence into term-marked runs
(:func:`bilingual.formats.markup.runs`, as the site's review mode marks them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bilingual.formats.html import VERDICT_LABEL
from bilingual.formats.markup import runs
from bilingual.model import EN, ZH, AlignedPair, Finding, Verdict
from bilingual.review.session import Document


def _problem(finding: Finding) -> bool:
    return finding.verdict not in (Verdict.OK, Verdict.CONTROL_CHAR)


def label(finding: Finding) -> str:
    """What a finding says, as the site's tooltips say it."""
    expected = " | ".join(finding.expected)
    if finding.verdict is Verdict.OK:
        return f"approved rendering: {expected}" if expected else finding.term
    text = VERDICT_LABEL.get(finding.verdict, finding.verdict.value)
    text = f"{text}: {finding.message}" if finding.message else text
    return f"{text} (approved: {expected})" if expected else text


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "verdict": finding.verdict.value,
        "term": finding.term,
        "check": finding.check,
        "message": label(finding),
        "zh_span": list(finding.zh_span) if finding.zh_span else None,
        "en_span": list(finding.en_span) if finding.en_span else None,
    }


@dataclass(frozen=True, slots=True)
class Row:
    """One bead as the page shows it."""

    index: int
    pair: AlignedPair
    confidence: float
    pinned: bool
    verified: bool
    uncertain: bool
    findings: tuple[Finding, ...]  # problems only (ok findings mark terms, they are not listed)
    found: tuple[Finding, ...]  # every finding of the pair, ok ones too: they mark the terms
    zh_texts: tuple[str, ...]  # the pair's sentences, in order
    en_texts: tuple[str, ...]

    @property
    def zh(self) -> list[tuple[int, list[tuple[str, Finding | None]]]]:
        """(sentence id, term-marked runs) of the zh side: for the page only, so cut when asked."""
        return _sentences(self.pair.zh, self.pair.bead.zh, self.zh_texts, "", self.found, ZH)

    @property
    def en(self) -> list[tuple[int, list[tuple[str, Finding | None]]]]:
        return _sentences(self.pair.en, self.pair.bead.en, self.en_texts, " ", self.found, EN)

    @property
    def level(self) -> str:
        """The colour: verified, low (under the review threshold), mid, high."""
        if self.verified:
            return "verified"
        if self.uncertain:
            return "low"
        return "mid" if self.confidence < 0.8 else "high"


def _sentences(
    text: str, ids: Sequence[int], texts: Sequence[str], sep: str, found: Sequence[Finding], side: str
) -> list[tuple[int, list[tuple[str, Finding | None]]]]:
    """The term-marked runs of a pair's side, cut at its sentence boundaries."""
    out: list[tuple[int, list[tuple[str, Finding | None]]]] = []
    pieces = runs(text, found, side)
    bounds, pos = [], 0
    for k, sentence in enumerate(texts):
        bounds.append((pos, pos + len(sentence)))
        pos += len(sentence) + (len(sep) if k + 1 < len(texts) else 0)
    start = 0
    cut: list[tuple[int, int, str, Finding | None]] = []
    for piece, finding in pieces:
        cut.append((start, start + len(piece), piece, finding))
        start += len(piece)
    for sid, (lo, hi) in zip(ids, bounds, strict=True):
        mine = []
        for a, b, piece, finding in cut:
            x, y = max(a, lo), min(b, hi)
            if x < y:
                mine.append((piece[x - a : y - a], finding))
        out.append((sid, mine))
    return out


def rows(document: Document, low: float) -> list[Row]:
    if document.checked is None:
        return []
    alignment = document.checked.alignment
    by_pair = document.checked.by_pair()
    verified = document.verified()
    zs, es = alignment.zh.segments, alignment.en.segments
    out = []
    for k, pair in enumerate(alignment.pairs()):
        bead = pair.bead
        found = by_pair.get(pair.id, ())
        out.append(
            Row(
                index=k,
                pair=pair,
                confidence=bead.score,
                pinned=bead.pinned,
                verified=(bead.zh, bead.en) in verified,
                uncertain=bead.score < low and not bead.pinned,
                findings=tuple(f for f in found if _problem(f)),
                found=tuple(found),
                zh_texts=tuple(zs[i].text for i in bead.zh),
                en_texts=tuple(es[j].text for j in bead.en),
            )
        )
    return out


def counts(document: Document, low: float) -> dict[str, Any]:
    """The index's numbers: beads, uncertain, verified, glossary findings."""
    shown = rows(document, low)
    return {
        "beads": len(shown),
        "uncertain": sum(r.uncertain for r in shown),
        "verified": sum(r.verified for r in shown),
        "findings": sum(len(r.findings) for r in shown),
    }


def summary(name: str, document: Document, low: float) -> dict[str, Any]:
    """One entry of ``GET /api/documents``."""
    return {
        "name": name,
        **counts(document, low),
        "stale": len(document.resolved.stale),
        "error": document.error,
    }


def document(name: str, state: Document, low: float) -> dict[str, Any]:
    """``GET /api/documents/NAME`` and the answer to every edit."""
    beads = [
        {
            "zh": list(r.pair.bead.zh),
            "en": list(r.pair.bead.en),
            "zh_text": r.pair.zh,
            "en_text": r.pair.en,
            "confidence": round(r.confidence, 4),
            "pinned": r.pinned,
            "verified": r.verified,
            "uncertain": r.uncertain,
            "findings": [_finding(f) for f in r.findings],
        }
        for r in rows(state, low)
    ]
    return {
        "name": name,
        "version": state.version,
        "beads": beads,
        "stale": [str(s) for s in state.resolved.stale],
        "error": state.error,
        "undo": len(state.undo),
        "redo": len(state.redo),
    }
