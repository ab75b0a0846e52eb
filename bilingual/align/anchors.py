"""Align stage, long documents: coarse-to-fine banding so time grows linearly.

As Vecalign does, both sides are downsampled (by ``FACTOR``: a block's vector
is the normalised sum of its sentences' vectors) until one side is short enough
for a full DP; the coarse path is then projected onto the finer level and
widened by ``band`` nodes on each side, and only that band is searched. Every
level costs O(length × band), so the whole costs O(length).

Pins (beads fixed by an editor) cut the problem into independent gaps before
any of this: see :func:`gaps`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bilingual.align import dp
from bilingual.align.costs import Edges, Scorer, Space, normalise_rows
from bilingual.model import Bead

FACTOR = 4  # each coarser level has blocks of this many sentences
FULL_DP = 48  # a side this short (in sentences or blocks) gets the full DP
COARSE_TYPES: list[dp.BeadType] = [(0, 1), (1, 0), (1, 1), (1, 2), (2, 1), (2, 2)]


def downsample(x: np.ndarray, factor: int = FACTOR) -> np.ndarray:
    """Blocks of ``factor`` consecutive rows, summed and normalised (the last block may be short)."""
    n = x.shape[0]
    blocks = -(-n // factor)
    pad = np.zeros((blocks * factor - n, x.shape[1]), dtype=x.dtype)
    y = np.concatenate([x, pad]).reshape(blocks, factor, x.shape[1]).sum(axis=1)
    return normalise_rows(y)


def downsample_len(lengths: Sequence[int], factor: int = FACTOR) -> list[int]:
    return [sum(lengths[k : k + factor]) for k in range(0, len(lengths), factor)]


def project(
    path: Sequence[dp.Span], n: int, m: int, band: int, factor: int = FACTOR
) -> tuple[np.ndarray, np.ndarray]:
    """The fine band (lo, hi per node row) around a path found at 1/factor resolution."""
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    for i0, i1, j0, j1 in path:
        f0, f1 = min(factor * i0, n), min(factor * i1, n)
        g0, g1 = min(factor * j0, m), min(factor * j1, m)
        lo[f0 : f1 + 1] = np.minimum(lo[f0 : f1 + 1], g0)
        hi[f0 : f1 + 1] = np.maximum(hi[f0 : f1 + 1], g1)
    lo = np.clip(lo - band, 0, m)
    hi = np.clip(hi + band, 0, m)
    # Restore the invariants of dp.run: both bounds non-decreasing, lo[0] = 0,
    # hi[n] = m, and each row reachable from the one before.
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    lo[0], hi[n] = 0, m
    lo[1:] = np.minimum(lo[1:], hi[:-1])
    return lo, hi


def solve(
    spaces: Sequence[Space],
    zh_len: Sequence[int],
    en_len: Sequence[int],
    types: Sequence[dp.BeadType],
    skip: float,
    band: int,
    merge_penalty: float = 0.0,
    context: tuple[int, int] = (0, 0),
    edges: Sequence[Edges] = (),
    inside: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
    quote_penalty: float = 0.0,
) -> list[tuple[dp.Span, float]]:
    """The best path for one gap, searched coarse to fine.

    ``spaces`` (and ``edges``) may hold context sentences around the gap
    (``context`` rows before it on the zh and en sides; see
    :class:`.costs.Scorer`); the lengths are those of the gap's own sentences.
    Clause and quotation evidence (``edges``, ``inside``) serve the finest level only:
    blocks have no clauses.
    """
    n, m = len(zh_len), len(en_len)
    zb, eb = context
    if n == 0 or m == 0:
        return [((i, i + 1, 0, 0), skip) for i in range(n)] + [((0, 0, j, j + 1), skip) for j in range(m)]
    if min(n, m) <= FULL_DP:
        lo, hi = dp.full_band(n, m)
    else:
        coarse = [
            Space(downsample(s.zh[zb : zb + n]), downsample(s.en[eb : eb + m]), s.weight, s.chance)
            for s in spaces
        ]
        coarse_len = downsample_len(zh_len), downsample_len(en_len)
        path = solve(coarse, *coarse_len, COARSE_TYPES, skip, band, merge_penalty)
        lo, hi = project([span for span, _ in path], n, m, band)
    max_a = max(a for a, _ in types)
    max_b = max(b for _, b in types)
    scorer = Scorer(
        spaces, zh_len, en_len, max_a, max_b, merge_penalty, context, edges, inside, quote_penalty, (lo, hi)
    )
    return dp.run(n, m, lo, hi, types, skip, scorer)


def gaps(pins: Sequence[Bead], n: int, m: int) -> list[tuple[list[int], list[int], Bead | None]]:
    """Cut the sentences at the two-sided pins: (zh ids, en ids, the pin that follows).

    One-sided pins (``[7]:[]``) do not cut: their sentence is only left out of
    its gap, and the caller puts the pin back in order. Pins must already be
    checked (:func:`bilingual.align.pins.check`): contiguous, non-overlapping
    and monotone on both sides.
    """
    skipped = {i for p in pins if not p.en for i in p.zh}, {j for p in pins if not p.zh for j in p.en}
    out: list[tuple[list[int], list[int], Bead | None]] = []
    i = j = 0
    for pin in [p for p in pins if p.zh and p.en]:
        zh = [k for k in range(i, pin.zh[0]) if k not in skipped[0]]
        en = [k for k in range(j, pin.en[0]) if k not in skipped[1]]
        out.append((zh, en, pin))
        i, j = pin.zh[-1] + 1, pin.en[-1] + 1
    out.append(
        (
            [k for k in range(i, n) if k not in skipped[0]],
            [k for k in range(j, m) if k not in skipped[1]],
            None,
        )
    )
    return out
