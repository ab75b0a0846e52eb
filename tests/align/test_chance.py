"""costs.chance: the random-pair baseline is computed in blocks, and is the same as in one gather."""

from __future__ import annotations

import numpy as np
import pytest

from bilingual.align.costs import chance


def one_gather(zh: np.ndarray, en: np.ndarray, samples: int = 2000) -> tuple[float, float]:
    """The formula as it was: every sampled pair gathered at once."""
    rng = np.random.default_rng(0)
    i = rng.integers(0, len(zh), samples)
    j = rng.integers(0, len(en), samples)
    pairs, inverse = np.unique(i * len(en) + j, return_inverse=True)
    cos = np.einsum("kd,kd->k", zh[pairs // len(en)], en[pairs % len(en)])[inverse]
    sd = float(np.std(cos))
    return float(np.mean(cos)), (sd if sd > 1e-6 else 1.0)


@pytest.mark.parametrize(("n", "m", "dim", "dtype"), [(300, 280, 2048, np.float32), (7, 5, 384, np.float64)])
def test_blocks_give_the_same_baseline_to_the_bit(n: int, m: int, dim: int, dtype: type) -> None:
    rng = np.random.default_rng(3)
    zh = (rng.random((n, dim)) * (rng.random((n, dim)) < 0.05)).astype(dtype)
    en = (rng.random((m, dim)) * (rng.random((m, dim)) < 0.05)).astype(dtype)
    assert chance(zh, en) == one_gather(zh, en)
