"""costs.Scorer against a plain per-bead computation of the score its docstrings define.

The scorer computes every bead of many DP rows at once from prefix sums and
gathers; the reference below scores one bead at a time from the window sums,
so that a wrong index in the vectorised code (a neighbour off by one, a
context row inside a bead, a chunk boundary) shows up as a different number.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from bilingual.align import costs, dp
from bilingual.align.costs import Edges, Scorer, Space, normalise_rows

N, M = 7, 9  # the subproblem's own sentences


def rows(count: int, seed: int, zero: int | None = None) -> np.ndarray:
    x = normalise_rows(np.random.default_rng(seed).normal(size=(count, 8)).astype(np.float32))
    x *= np.sqrt(np.random.default_rng(seed + 100).integers(1, 30, size=(count, 1))).astype(np.float32)
    if zero is not None:
        x[zero] = 0.0  # a sentence without evidence
    return x


def cos(x: np.ndarray, y: np.ndarray) -> float:
    nx, ny = float(np.linalg.norm(x)), float(np.linalg.norm(y))
    return float(x @ y) / (nx * ny) if nx > 0 and ny > 0 else 0.0


def reference(
    context: int,
    spaces: list[Space],
    zl: list[int],
    el: list[int],
    edges: Edges,
    inside: tuple[np.ndarray, np.ndarray, np.ndarray],
    merge: float,
    quote: float,
    i: int,
    j: int,
    a: int,
    b: int,
) -> float:
    """The score of the bead of zh sentences i-a .. i-1 and en j-b .. j-1 (subproblem ids)."""
    n, m = spaces[0].zh.shape[0], spaces[0].en.shape[0]
    z0, z1, e0, e1 = i - a + context, i + context, j - b + context, j + context  # in the arrays
    if e0 < context:
        return -math.inf
    sims = zh_near = en_near = 0.0
    en_neighbours = [k for k in (e0 - 1, e1) if 0 <= k < m]
    zh_neighbours = [k for k in (z0 - 1, z1) if 0 <= k < n]
    for s in spaces:
        wz, we = s.zh[z0:z1].sum(axis=0), s.en[e0:e1].sum(axis=0)
        sims += s.weight * cos(wz, we)
        if en_neighbours:
            zh_near += s.weight * sum(cos(wz, s.en[k]) for k in en_neighbours) / len(en_neighbours)
        if zh_neighbours:
            en_near += s.weight * sum(cos(s.zh[k], we) for k in zh_neighbours) / len(zh_neighbours)
    sides = bool(en_neighbours) + bool(zh_neighbours)
    near = (zh_near + en_near) / sides if sides else sum(s.weight * s.chance for s in spaces)
    lz, le = sum(zl[i - a : i]), sum(el[j - b : j]) * sum(zl) / sum(el)
    score = (sims - near) * math.log2(1 + min(lz, le) / max(lz, le)) - merge * (a + b - 2)
    before = float(edges.last[z0 - 1] @ edges.en[e0]) if z0 >= 1 else edges.chance
    after = float(edges.first[z1] @ edges.en[e1 - 1]) if z1 < n else edges.chance
    begin = float(edges.first[z0] @ edges.en[e0]) - before
    finish = float(edges.last[z1 - 1] @ edges.en[e1 - 1]) - after
    score += edges.weight * (begin + finish)
    zh_inside, en_inside, en_either = inside
    if z1 < n and e1 < m and en_inside[e1 - 1] != zh_inside[z1 - 1] and not en_either[e1 - 1]:
        score -= quote
    return score


@pytest.mark.parametrize("chunk", [1, 3, 128])
@pytest.mark.parametrize("banded", [False, True])
@pytest.mark.parametrize("context", [0, 1], ids=["document", "gap-with-context"])
def test_every_bead_scores_as_the_plain_computation(
    monkeypatch: pytest.MonkeyPatch, chunk: int, banded: bool, context: int
) -> None:
    # context 1: one sentence before and after the subproblem on each side, as between pins
    monkeypatch.setattr(costs, "CHUNK", chunk)
    n, m = N + 2 * context, M + 2 * context
    spaces = [
        Space(rows(n, 1, zero=3), rows(m, 2), 1.5, 0.1),
        Space(rows(n, 3), rows(m, 4, zero=5), 0.5, -0.05),
    ]
    edges = Edges(
        normalise_rows(rows(n, 5)), normalise_rows(rows(n, 6)), normalise_rows(rows(m, 7)), 0.3, 0.02
    )
    k, q = np.arange(n), np.arange(m)
    inside = (k % 3 == 1, q % 2 == 0, q % 4 == 1)  # the last en sentence (8 or 10) may not be either
    rng = np.random.default_rng(8)
    zl = [int(v) for v in rng.integers(5, 60, N)]
    el = [int(v) for v in rng.integers(5, 60, M)]
    lo, hi = dp.full_band(N, M)
    if banded:  # a diagonal band, as anchors.project makes one
        diagonal = np.arange(N + 1) * M // N
        lo, hi = np.clip(diagonal - 2, 0, M), np.clip(diagonal + 2, 0, M)
        lo[0], hi[N] = 0, M
    types = [t for t in dp.bead_types(3) if t[0] and t[1]]
    scorer = Scorer(spaces, zl, el, 3, 3, 0.2, (context, context), [edges], inside, 0.7, (lo, hi))
    checked = 0
    for i in range(1, N + 1):
        js = np.arange(lo[i], hi[i] + 1)
        live = [(a, b) for a, b in types if a <= i]
        got = scorer(i, js, live)
        for a, b in live:
            for col, j in enumerate(js):
                if j < b:  # the window would take in an en context sentence, or start before 0
                    assert got[(a, b)][col] == -math.inf
                    continue
                want = reference(context, spaces, zl, el, edges, inside, 0.2, 0.7, i, int(j), a, b)
                assert got[(a, b)][col] == pytest.approx(want, rel=1e-5, abs=1e-5), (i, int(j), a, b)
                checked += 1
    assert checked == (156 if banded else 315)  # every bead of the band was compared
