"""The DP on small hand-made cases: every bead type, band invariants, ties."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from bilingual.align import dp

# A gold path, as (zh count, en count) per bead. The scorer below rewards
# exactly the beads of the gold path, so the DP must find it whatever its shape.
CASES = {
    "1-1": [(1, 1), (1, 1), (1, 1)],
    "0-1": [(1, 1), (0, 1), (1, 1)],
    "1-0": [(1, 1), (1, 0), (1, 1)],
    "1-2": [(1, 1), (1, 2), (1, 1)],
    "2-1": [(1, 1), (2, 1), (1, 1)],
    "2-2": [(1, 1), (2, 2), (1, 1)],
    "1-3": [(1, 1), (1, 3), (1, 1)],
    "3-1": [(1, 3), (3, 1)],
    "1-4": [(1, 4), (1, 1)],
    "mixed": [(2, 1), (1, 1), (0, 1), (1, 2), (1, 0), (2, 2), (1, 3), (1, 1)],
}


def gold_scorer(path: Sequence[tuple[int, int]]) -> tuple[int, int, dp.RowScorer]:
    ends: dict[tuple[int, int], tuple[int, int]] = {}
    i = j = 0
    for a, b in path:
        i, j = i + a, j + b
        ends[(i, j)] = (a, b)

    def scores(row: int, js: np.ndarray, types: Sequence[dp.BeadType]) -> dict[dp.BeadType, np.ndarray]:
        out = {}
        for t in types:
            out[t] = np.array([1.0 if ends.get((row, int(j))) == t else -1.0 for j in js])
        return out

    return i, j, scores


@pytest.mark.parametrize("name", sorted(CASES))
def test_dp_finds_every_bead_type(name: str) -> None:
    path = CASES[name]
    n, m, scorer = gold_scorer(path)
    lo, hi = dp.full_band(n, m)
    # A skip scores -0.5: a gold 1-0 / 0-1 bead is still better than a wrong pair bead (-1).
    found = dp.run(n, m, lo, hi, dp.bead_types(4), -0.5, scorer)
    assert [(i1 - i0, j1 - j0) for (i0, i1, j0, j1), _ in found] == path


def test_dp_spans_are_contiguous_and_cover_both_sides() -> None:
    n, m, scorer = gold_scorer(CASES["mixed"])
    lo, hi = dp.full_band(n, m)
    found = dp.run(n, m, lo, hi, dp.bead_types(4), -0.5, scorer)
    i = j = 0
    for (i0, i1, j0, j1), _ in found:
        assert (i0, j0) == (i, j)
        i, j = i1, j1
    assert (i, j) == (n, m)


def test_dp_returns_bead_scores() -> None:
    n, m, scorer = gold_scorer(CASES["0-1"])
    lo, hi = dp.full_band(n, m)
    found = dp.run(n, m, lo, hi, dp.bead_types(2), -0.5, scorer)
    assert [score for _, score in found] == [1.0, -0.5, 1.0]


@pytest.mark.parametrize(
    ("max_bead", "expected"),
    [
        (1, {(0, 1), (1, 0), (1, 1)}),
        (2, {(0, 1), (1, 0), (1, 1), (1, 2), (2, 1)}),
        (3, {(0, 1), (1, 0), (1, 1), (1, 2), (2, 1), (1, 3), (2, 2), (3, 1)}),
    ],
)
def test_bead_types(max_bead: int, expected: set[tuple[int, int]]) -> None:
    assert set(dp.bead_types(max_bead)) == expected


def test_bead_types_limit_excludes_larger_beads() -> None:
    n, m, scorer = gold_scorer(CASES["1-4"])
    lo, hi = dp.full_band(n, m)
    found = dp.run(n, m, lo, hi, dp.bead_types(2), -0.5, scorer)  # 1-4 not allowed
    assert all(i1 - i0 + j1 - j0 <= 3 for (i0, i1, j0, j1), _ in found)
    assert found[-1][0][1:4:2] == (n, m)
