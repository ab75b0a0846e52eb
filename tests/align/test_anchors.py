"""Coarse-to-fine banding: the band keeps the DP's invariants and finds long paths."""

from __future__ import annotations

import numpy as np
import pytest

from bilingual.align import anchors, dp
from bilingual.align.costs import Space
from bilingual.model import Bead


def synthetic(n_beads: int, seed: int = 0) -> tuple[Space, list[int], list[int], list[tuple[int, int]]]:
    """zh / en vectors for a known path of 1-1, 1-2 and 2-1 beads: the split side gets the parts."""
    rng = np.random.default_rng(seed)
    shapes = [(1, 1), (1, 2), (2, 1), (1, 1), (1, 1)]
    path = [shapes[k] for k in rng.integers(0, len(shapes), n_beads)]
    zh, en, zl, el = [], [], [], []
    for a, b in path:
        parts = rng.normal(size=(max(a, b), 64))
        sizes = rng.integers(20, 60, max(a, b))  # characters; English is 3x as long
        zh += list(parts) if a > 1 else [parts.sum(axis=0)]
        en += list(parts) if b > 1 else [parts.sum(axis=0)]
        zl += list(sizes) if a > 1 else [int(sizes.sum())]
        el += list(3 * sizes) if b > 1 else [3 * int(sizes.sum())]
    z = np.array(zh) / np.linalg.norm(zh, axis=1, keepdims=True)
    e = np.array(en) / np.linalg.norm(en, axis=1, keepdims=True)
    return Space(z, e, 1.0 / 0.13, 0.0), zl, el, path


@pytest.mark.parametrize("n_beads", [10, 300])  # 300 beads: several coarse levels
def test_solve_recovers_a_known_path(n_beads: int) -> None:
    space, zl, el, path = synthetic(n_beads)
    found = anchors.solve([space], zl, el, dp.bead_types(2), -3.0, 8, 0.3)
    assert [(i1 - i0, j1 - j0) for (i0, i1, j0, j1), _ in found] == path


def test_project_keeps_the_invariants() -> None:
    coarse = [(0, 1, 0, 1), (1, 2, 1, 3), (2, 3, 3, 4), (3, 5, 4, 5)]
    lo, hi = anchors.project(coarse, 10, 10, 2, factor=2)
    assert lo[0] == 0 and hi[-1] == 10
    assert np.all(np.diff(lo) >= 0) and np.all(np.diff(hi) >= 0)
    assert np.all(lo[1:] <= hi[:-1])
    assert np.all(hi - lo <= 12)  # a band, not the whole matrix


def test_band_width_does_not_grow_with_length() -> None:
    widths = []
    for n_beads in (200, 800):
        space, zl, el, _ = synthetic(n_beads, seed=1)
        coarse_space = Space(anchors.downsample(space.zh), anchors.downsample(space.en), space.weight)
        coarse = anchors.solve(
            [coarse_space],
            anchors.downsample_len(zl),
            anchors.downsample_len(el),
            anchors.COARSE_TYPES,
            -3.0,
            8,
        )
        lo, hi = anchors.project([s for s, _ in coarse], len(zl), len(el), 8)
        widths.append(float(np.mean(hi - lo)))
    assert widths[1] < 1.5 * widths[0]


@pytest.mark.parametrize(
    ("pins", "expected"),
    [
        ([], [([0, 1, 2, 3], [0, 1, 2], None)]),
        ([Bead((1,), (1,))], [([0], [0], Bead((1,), (1,))), ([2, 3], [2], None)]),
        ([Bead((2,), ())], [([0, 1, 3], [0, 1, 2], None)]),
    ],
)
def test_gaps(pins: list[Bead], expected: list[tuple[list[int], list[int], Bead | None]]) -> None:
    assert anchors.gaps(pins, 4, 3) == expected


@pytest.mark.parametrize("n", [1, 2, 5, 9])
def test_window_norms_match_the_direct_sum(n: int) -> None:
    from bilingual.align.costs import window_norms

    x = np.random.default_rng(n).normal(size=(n, 6))
    norms = window_norms(x, 4)
    for size in range(1, 5):
        for end in range(n + 1):
            expected = np.linalg.norm(x[end - size : end].sum(axis=0)) if end >= size else 0.0
            assert norms[size, end] == pytest.approx(expected)
