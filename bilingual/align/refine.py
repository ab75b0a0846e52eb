"""Align stage, ``refine`` mode: spend e5 embeddings only where they decide something.

Embedding every sentence with e5 is nearly all the cost of semantic mode (MAC-Dev
from a cold cache: 92 s of 110 s), yet the cheap spaces already get most beads
right, and :mod:`.confidence` says which. So:

1. a cheap pass (``AlignConfig.cheap``, :data:`CHEAP` by default) aligns the
   whole document pair and gives every bead its P(right);
2. a bead is *unsure* when that is below ``AlignConfig.unsure``, when it is
   one-sided, or when it is among the ``AlignConfig.least`` share of the
   document's beads with the lowest P(right) (a document the cheap pass finds
   easy, such as a bulletin full of numbers and names, still gets its doubtful
   beads checked); each unsure bead and ``AlignConfig.window`` beads on either
   side of it form a window, and overlapping windows merge;
3. the beads outside every window are kept as the cheap pass found them and
   serve as pins: the stretches between them are re-aligned in semantic mode
   (e5 plus lexical evidence, the same scores, clauses and learned word pairs),
   embedding only the sentences of the stretches and the clauses semantic mode
   would embed among them (a margin neighbour outside a stretch stands as the
   typical sentence: :func:`spread`).
   After each such pass, a window whose beads e5 changed grows by a bead on
   either side and is re-aligned (at most :data:`GROW` passes): where the cheap
   pass was wrong, its neighbours are suspect too.

When every bead is unsure this is semantic mode exactly; when none is, the cheap
pass. The semantic space's random-pair statistics (:func:`.costs.chance`) are
taken over the embedded sentences only. Kept beads keep the cheap pass's
P(right); re-aligned ones get the semantic model's. The three constants were
chosen by leave-one-document-out on MAC-Dev for each cheap pass (:data:`CHOSEN`,
``benchmarks/align_refine.py --cheap MODE``).

This module never imports the package's ``__init__`` (which imports it): the
aligner is handed in as ``aligner``, and the cheap pass is whichever of
:data:`CHEAP_MODES` ``AlignConfig.cheap`` names (its P(right) is what ``unsure`` reads:
each cheap mode has its own constants, and a new one wants them chosen again).
"""

from __future__ import annotations

import dataclasses
import logging
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple, Protocol

import numpy as np

from bilingual.align import anchors
from bilingual.align.costs import normalise_rows
from bilingual.model import Bead, Term

if TYPE_CHECKING:
    from bilingual.align import AlignConfig

log = logging.getLogger(__name__)

CHEAP = "lexical"  # the first pass's mode: a cheap space that needs no e5 at run time
CHEAP_MODES = ("lexical", "fast")


class Constants(NamedTuple):
    """Which beads of a cheap pass are re-aligned (see the module docstring)."""

    unsure: float  # a bead the cheap pass gives P(right) below this is re-aligned
    least: float  # this share of each document's beads, the least sure, is re-aligned
    window: int  # beads on either side of an unsure one re-aligned with it


# Chosen by leave-one-document-out on MAC-Dev with at most 40% of the sentences through e5
# (benchmarks/align_refine.py --cheap MODE): each cheap pass's P(right) means something else.
# Fast: with its own confidence row (confidence.COEFFICIENTS["fast"]), over unsure 0.1-0.7 by
# 0.05, least 0 / 0.05, window 0-2 (README, "Alignment").
CHOSEN = {"lexical": Constants(0.25, 0.05, 1), "fast": Constants(0.25, 0.05, 1)}
GROW = 3  # semantic passes at most: after each, windows whose beads e5 changed grow a bead each side

# What each semantic pass embeds (benchmarks/align_refine.py reads the last one of a document)
_EMBEDS = "refine: %d of %d beads unsure; e5 embeds %d of %d zh and %d of %d en sentences"

Rows = tuple[Sequence[int], Sequence[int]]  # zh and en sentence ids


class Aligner(Protocol):
    """The package's lexical / semantic aligner: beads and their raw confidence features."""

    def __call__(
        self,
        zh: Sequence[str],
        en: Sequence[str],
        config: AlignConfig,
        *,
        pins: Sequence[Bead],
        terms: Sequence[Term],
        paragraphs: tuple[Sequence[int], Sequence[int]] | None,
        only: Rows | None = None,
    ) -> tuple[list[Bead], np.ndarray]: ...


def unsure(beads: Sequence[Bead], threshold: float, least: float = 0.0) -> list[bool]:
    """Which beads the cheap pass is unsure of; never a pin.

    Those with P(right) below ``threshold``, the one-sided ones, and the ``least`` share
    (rounded up) of the document's beads with the lowest P(right), whatever it is: a
    document the cheap pass finds easy still gets its doubtful beads checked.
    """
    free = [k for k, b in enumerate(beads) if not b.pinned]
    lowest = set(sorted(free, key=lambda k: beads[k].score)[: math.ceil(least * len(free))])
    return [
        not b.pinned and (b.score < threshold or not (b.zh and b.en) or k in lowest)
        for k, b in enumerate(beads)
    ]


def windows(flags: Sequence[bool], width: int) -> list[bool]:
    """Which beads are re-aligned: those within ``width`` beads of a flagged one."""
    marked = np.flatnonzero(np.asarray(flags, dtype=bool))
    inside = np.zeros(len(flags) + 1, dtype=int)
    np.add.at(inside, np.maximum(marked - width, 0), 1)
    np.add.at(inside, np.minimum(marked + width + 1, len(flags)), -1)
    return [bool(c) for c in np.cumsum(inside)[: len(flags)]]


def needed(pins: Sequence[Bead], n: int, m: int) -> Rows:
    """The sentences a search between ``pins`` aligns: those of every gap.

    Not their margin neighbours (the sentences just outside a gap, see
    :func:`bilingual.align._search`): :func:`spread` stands the typical sentence
    in for them. Embedding them too cost a quarter more sentences for no
    strict F1 on MAC-Dev (.9050 with them at 52% of the sentences through e5,
    .9047 without at 41%).
    """
    zh: set[int] = set()
    en: set[int] = set()
    for zids, eids, _ in anchors.gaps(pins, n, m):
        zh.update(zids)
        en.update(eids)
    return sorted(zh), sorted(en)


def spread(vectors: np.ndarray, only: Rows, n: int, m: int) -> np.ndarray:
    """Vectors embedded for ``only`` (zh, en, openings, closings) laid out as for every sentence.

    A sentence left out gets its language's mean embedded vector, normalised: as a
    margin neighbour it is then about as similar to a window as a typical sentence
    is, so a bead at the edge of a window is judged neither better nor worse for it.
    """
    zk, ek = np.asarray(only[0], dtype=np.intp), np.asarray(only[1], dtype=np.intp)
    a, b = len(zk), len(ek)
    out = np.empty((3 * n + m, vectors.shape[1]), dtype=vectors.dtype)
    out[:n] = out[n + m :] = normalise_rows(vectors[:a].sum(axis=0, keepdims=True))
    out[n : n + m] = normalise_rows(vectors[a : a + b].sum(axis=0, keepdims=True))
    out[zk] = vectors[:a]
    out[n + ek] = vectors[a : a + b]
    out[n + m + zk] = vectors[a + b : 2 * a + b]
    out[2 * n + m + zk] = vectors[2 * a + b :]
    return out


def constants(config: AlignConfig) -> Constants:
    """``config``'s unsure, least and window; those left at None are the ones chosen for its cheap pass."""
    chosen = CHOSEN[config.cheap]
    return Constants(
        chosen.unsure if config.unsure is None else config.unsure,
        chosen.least if config.least is None else config.least,
        chosen.window if config.window is None else config.window,
    )


def explain(
    zh: Sequence[str],
    en: Sequence[str],
    config: AlignConfig,
    aligner: Aligner,
    *,
    pins: Sequence[Bead],
    terms: Sequence[Term],
    paragraphs: tuple[Sequence[int], Sequence[int]] | None,
) -> tuple[list[Bead], np.ndarray]:
    """Beads and raw confidence features, as :func:`bilingual.align.explain`; see the module docstring."""
    cheap, cheap_raw = aligner(
        zh,
        en,
        dataclasses.replace(config, similarity=config.cheap),
        pins=pins,
        terms=terms,
        paragraphs=paragraphs,
    )
    chosen = constants(config)
    inside = windows(unsure(cheap, chosen.unsure, chosen.least), chosen.window)
    if not any(inside):
        return cheap, cheap_raw
    for attempt in range(1, GROW + 1):
        beads, raw = _realign(zh, en, config, aligner, cheap, cheap_raw, inside, pins, terms, paragraphs)
        found = {(b.zh, b.en) for b in beads}
        overturned = [w and (b.zh, b.en) not in found for b, w in zip(cheap, inside, strict=True)]
        grown = [a or b for a, b in zip(inside, windows(overturned, 1), strict=True)]
        if grown == inside or attempt == GROW:
            break
        inside = grown
    return beads, raw


def _realign(
    zh: Sequence[str],
    en: Sequence[str],
    config: AlignConfig,
    aligner: Aligner,
    cheap: Sequence[Bead],
    cheap_raw: np.ndarray,
    inside: Sequence[bool],
    pins: Sequence[Bead],
    terms: Sequence[Term],
    paragraphs: tuple[Sequence[int], Sequence[int]] | None,
) -> tuple[list[Bead], np.ndarray]:
    """The cheap pass's beads with those ``inside`` windows re-aligned in semantic mode."""
    semantic = dataclasses.replace(config, similarity="semantic")
    if all(b.pinned or w for b, w in zip(cheap, inside, strict=True)):
        log.info(_EMBEDS, len(cheap), len(cheap), len(zh), len(zh), len(en), len(en))
        return aligner(zh, en, semantic, pins=pins, terms=terms, paragraphs=paragraphs)
    # The beads outside every window become pins, in the cheap pass's order (two-sided ones sorted).
    pinned = [dataclasses.replace(b, pinned=True) for b in cheap]
    fixed = [p for b, p, w in zip(cheap, pinned, inside, strict=True) if b.pinned or not w]
    kept = {(b.zh, b.en): (b, row) for b, row, w in zip(cheap, cheap_raw, inside, strict=True) if not w}
    only = needed(fixed, len(zh), len(en))
    log.info(_EMBEDS, sum(inside), len(cheap), len(only[0]), len(zh), len(only[1]), len(en))
    beads, raw = aligner(zh, en, semantic, pins=fixed, terms=terms, paragraphs=paragraphs, only=only)
    out: list[Bead] = []
    rows: list[np.ndarray] = []
    for bead, row in zip(beads, raw, strict=True):
        own = kept.get((bead.zh, bead.en))
        if bead.pinned and own is not None:
            bead, row = own  # as the cheap pass found it: not pinned, its own P(right) and features
        out.append(bead)
        rows.append(row)
    return out, np.array(rows).reshape(len(out), raw.shape[1])
