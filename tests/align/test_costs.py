"""Bead scores (costs.Scorer): rows scaled by sqrt(length) weight windows, not single sentences."""

from __future__ import annotations

import numpy as np
import pytest

from bilingual.align.costs import Scorer, Space, normalise_rows

TYPES = [(1, 1), (1, 2), (2, 1), (2, 2)]


def unit_rows(rows: int, seed: int) -> np.ndarray:
    return normalise_rows(np.random.default_rng(seed).normal(size=(rows, 16)).astype(np.float32))


def scores(space: Space, zl: list[int], el: list[int], node: int) -> dict[tuple[int, int], np.ndarray]:
    scorer = Scorer([space], zl, el, max_a=2, max_b=2)
    return scorer(node, np.arange(2, len(el) + 1), TYPES)


@pytest.mark.parametrize("node", [2, 3, 4])
def test_one_to_one_scores_ignore_row_scaling(node: int) -> None:
    # A 1-1 bead and its margin neighbours are single sentences: scaling rows must not change them.
    zh, en = unit_rows(5, 1), unit_rows(6, 2)
    zl, el = [4, 9, 16, 25, 36], [1, 4, 9, 16, 25, 36]
    plain = scores(Space(zh, en, 1.0), zl, el, node)
    wz, we = np.sqrt(np.array(zl, dtype=np.float32)), np.sqrt(np.array(el, dtype=np.float32))
    scaled = scores(Space(zh * wz[:, None], en * we[:, None], 1.0), zl, el, node)
    np.testing.assert_allclose(scaled[(1, 1)], plain[(1, 1)], rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("weights", [(1.0, 1.0), (2.0, 5.0), (6.0, 1.0)])
def test_window_cosine_is_that_of_the_weighted_sum(weights: tuple[float, float]) -> None:
    # One zh sentence against an en window of two: the similarity part of the 1-2 score
    # is the cosine with w0 * e0 + w1 * e1, whatever the weights.
    zh, en = unit_rows(1, 3), unit_rows(2, 4)
    w = np.array(weights, dtype=np.float32)[:, None]
    space = Space(zh, en * w, 1.0)
    scorer = Scorer([space], [10], [10, 10], max_a=1, max_b=2)
    got = scorer(1, np.array([2]), [(1, 2)])[(1, 2)][0]
    window = (en * w).sum(axis=0)
    cosine = float(zh[0] @ window / np.linalg.norm(window))
    # No neighbours on either side: the margin's baseline is the space's chance (0 here),
    # and equal lengths give a length penalty of log2(2) = 1.
    assert got == pytest.approx(cosine, rel=1e-5)
