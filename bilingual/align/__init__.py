"""Sentence alignment (stand-in until the real aligner lands).

``align_documents`` is the interface every later stage uses: two segmented
documents in, an :class:`~bilingual.model.Alignment` out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bilingual.model import Alignment, Bead, Document


@dataclass(frozen=True, slots=True)
class AlignConfig:
    similarity: str = "lexical"
    max_bead: int = 4

    @property
    def signature(self) -> str:
        return f"align:{self.similarity}|max-bead:{self.max_bead}"


def align(zh: Sequence[str], en: Sequence[str], config: AlignConfig | None = None) -> list[Bead]:
    """Positional 1-1 pairing; the remainder of the longer side as 1-0 / 0-1."""
    n = min(len(zh), len(en))
    beads = [Bead((i,), (i,), 0.5) for i in range(n)]
    beads += [Bead((i,), (), 0.5) for i in range(n, len(zh))]
    beads += [Bead((), (j,), 0.5) for j in range(n, len(en))]
    return beads


def align_documents(
    zh: Document, en: Document, config: AlignConfig | None = None, pins: Sequence[Bead] = ()
) -> Alignment:
    config = config or AlignConfig()
    beads = align(zh.sentences(), en.sentences(), config)
    return Alignment(zh=zh, en=en, beads=tuple(beads), settings=config.signature)
