"""Align stage, the numeric core: a banded dynamic programme over bead types.

Pure: arrays in, beads out; no files, no logging, no global state.

Nodes are DP *positions*, not sentences: node (i, j) means "the first i zh
sentences and the first j en sentences are aligned". A bead of type (a, b) is
an edge from node (i - a, j - b) to node (i, j) and covers zh sentences
i-a .. i-1 and en sentences j-b .. j-1 (0-based). Row i of the DP holds the
nodes (i, lo[i] .. hi[i]); ``lo`` and ``hi`` are non-decreasing, lo[0] = 0 and
hi[n] = m, so the path from (0, 0) to (n, m) always exists.

The DP maximises the sum of bead scores. 0-1 beads (an added en sentence) are
the only edges inside a row; with a constant score they reduce to a running
maximum, so every row is a handful of vector operations.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

BeadType = tuple[int, int]
# row_scores(i, js, types) -> {type: scores over js}, for the types with a >= 1 and b >= 1
RowScorer = Callable[[int, np.ndarray, Sequence[BeadType]], dict[BeadType, np.ndarray]]
Span = tuple[int, int, int, int]  # zh [i0, i1), en [j0, j1)


def bead_types(max_bead: int) -> list[BeadType]:
    """0-1, 1-0 and every a-b with 1 <= a, b and a + b <= max_bead + 1 (max_bead 4: up to 1-4, 2-3)."""
    types: list[BeadType] = [(0, 1), (1, 0)]
    types += [(a, b) for a in range(1, max_bead + 1) for b in range(1, max_bead + 1) if a + b <= max_bead + 1]
    return types


def full_band(n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    return np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64)


def run(
    n: int,
    m: int,
    lo: np.ndarray,
    hi: np.ndarray,
    types: Sequence[BeadType],
    skip: float,
    row_scores: RowScorer,
) -> list[tuple[Span, float]]:
    """The best path from (0, 0) to (n, m) inside the band, as (span, bead score) in order."""
    best: list[np.ndarray] = []
    back: list[np.ndarray] = []
    gain: list[np.ndarray] = []  # the score of the bead that ends at each node
    t01 = types.index((0, 1))
    # Candidate rows in order of zh size a, then of ``types`` (ties go to the first row, so to
    # the smaller a): the candidates of row i are then a prefix, those with a <= i.
    order = sorted((t for t in range(len(types)) if types[t][0]), key=lambda t: types[t][0])
    ta = np.array([types[t][0] for t in order])
    tb = np.array([types[t][1] for t in order])
    for i in range(n + 1):
        js = np.arange(lo[i], hi[i] + 1)
        cols = np.arange(js.size)
        if i == 0:
            cand = np.where(js == 0, 0.0, -np.inf)  # the start node
            got = np.zeros(js.size)
            choice = np.full(js.size, -1, dtype=np.int8)
        else:
            k = int(np.searchsorted(ta, i, side="right"))
            live, a, b = order[:k], ta[:k], tb[:k]
            scores = row_scores(i, js, [types[t] for t in live if types[t][1]])
            gains = np.stack([scores[types[t]] if types[t][1] else np.full(js.size, skip) for t in live])
            # best[i - a][j - b] for every candidate: the earlier rows side by side in one array
            earlier = [best[i - d] for d in range(1, int(a[-1]) + 1)]
            widths = np.array([row.size for row in earlier])
            offsets = np.concatenate([[0], np.cumsum(widths)[:-1]])
            idx = js[None, :] - b[:, None] - lo[i - a][:, None]
            ok = (idx >= 0) & (idx < widths[a - 1][:, None])
            at = offsets[a - 1][:, None] + np.minimum(np.maximum(idx, 0), widths[a - 1][:, None] - 1)
            vals = np.where(ok, np.concatenate(earlier)[at] + gains, -np.inf)
            pick = np.argmax(vals, axis=0)
            cand = vals[pick, cols]
            got = gains[pick, cols]
            choice = np.array(live, dtype=np.int8)[pick]
        # 0-1 beads: best[j] = max(cand[j], best[j-1] + skip), a running maximum of cand - j*skip.
        v = cand - js * skip
        u = np.maximum.accumulate(v)
        from01 = u > v
        choice[from01], got[from01] = t01, skip
        best.append(u + js * skip)
        back.append(choice)
        gain.append(got)
    path: list[tuple[Span, float]] = []
    i, j = n, m
    while i or j:
        k = j - lo[i]
        a, b = types[back[i][k]]
        path.append(((i - a, i, j - b, j), float(gain[i][k])))
        i, j = i - a, j - b
    path.reverse()
    return path
