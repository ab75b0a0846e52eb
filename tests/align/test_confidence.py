"""Bead confidence (bilingual/align/confidence.py): the runner-up margins, the model, the wiring."""

from __future__ import annotations

import math

import numpy as np
import pytest

from bilingual.align import AlignConfig, align, confidence, dp, explain
from bilingual.align.costs import Scorer, Space, normalise_rows
from bilingual.model import Bead

from .test_align import EN, GOLD, LEX, ZH, shape

SKIP = -3.0


def _problem(seed: int, n: int, m: int) -> tuple[list[Space], list[int], list[int]]:
    rng = np.random.default_rng(seed)
    zh = normalise_rows(rng.normal(size=(n, 8)))
    # en sentences near the zh ones, with a few splits, so the best path is not trivial
    en = normalise_rows(np.stack([zh[min(n - 1, k * n // m)] + 0.9 * rng.normal(size=8) for k in range(m)]))
    zl = [int(x) for x in rng.integers(10, 40, n)]
    el = [int(x) for x in rng.integers(10, 40, m)]
    return [Space(zh, en, 1.0, 0.0)], zl, el


def _paths(n: int, m: int, types: list[dp.BeadType]) -> list[list[dp.Span]]:
    """Every monotone path of beads of ``types`` from (0, 0) to (n, m)."""
    out: list[list[dp.Span]] = []

    def walk(i: int, j: int, sofar: list[dp.Span]) -> None:
        if (i, j) == (n, m):
            out.append(list(sofar))
            return
        for a, b in types:
            if i + a <= n and j + b <= m:
                walk(i + a, j + b, [*sofar, (i, i + a, j, j + b)])

    walk(0, 0, [])
    return out


@pytest.mark.parametrize("seed", range(6))
def test_forbidden_margin_is_what_the_best_path_loses_without_the_bead(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Against brute force: every path of a 4 x 5 problem scored with the same Scorer."""
    n, m = 4, 5
    monkeypatch.setattr(confidence, "BAND", 10)  # the band covers the grid: every path is seen
    spaces, zl, el = _problem(seed, n, m)
    types = dp.bead_types(2)
    sqrt_z = np.sqrt(np.array(zl, dtype=float))[:, None]
    sqrt_e = np.sqrt(np.array(el, dtype=float))[:, None]
    scaled = [Space(s.zh * sqrt_z, s.en * sqrt_e, s.weight, s.chance) for s in spaces]
    scorer = Scorer(scaled, zl, el, 2, 2, 0.3)
    linking = [t for t in types if t[0] and t[1]]
    table = {i: scorer(i, np.arange(m + 1), linking) for i in range(1, n + 1)}

    def gain(span: dp.Span) -> float:
        i0, i1, j0, j1 = span
        if i1 == i0 or j1 == j0:
            return SKIP
        return float(table[i1][(i1 - i0, j1 - j0)][j1])

    scored = sorted(((sum(map(gain, p)), p) for p in _paths(n, m, types)), key=lambda sp: -sp[0])
    best_score, best = scored[0]
    path = [(span, gain(span)) for span in best]
    raw = confidence.gap_features(
        scaled, zl, el, types, SKIP, 0.3, (0, 0), [], (np.zeros(n, bool),) * 3, 0.0, path, [(0.0, 1.0)]
    )
    assert raw[:, 0] == pytest.approx([g for _, g in path])
    for k, span in enumerate(best):
        without = max(score for score, p in scored if span not in p)
        expected = max(0.0, best_score - without)
        if any(s[1] == s[0] or s[3] == s[2] for s in best):
            # a 0-1 / 1-0 bead puts two path nodes on one row or column: the margin is then a lower bound
            assert raw[k, confidence.RAW.index("forbidden")] <= expected + 1e-9
        else:
            assert raw[k, confidence.RAW.index("forbidden")] == pytest.approx(expected, abs=1e-9)


def test_fit_recovers_a_separating_direction_and_balances_the_classes() -> None:
    rng = np.random.default_rng(1)
    y = (rng.random(2000) < 0.9).astype(float)  # nine right beads in ten, as on MAC-Dev
    margin = rng.normal(size=2000) + 2.0 * y
    x = np.column_stack([np.ones(2000), margin])
    beta = confidence.fit(x, y)
    assert beta[1] > 1.0
    p = 1.0 / (1.0 + np.exp(-(x @ beta)))
    flagged = p < 0.5
    # balanced: about as many wrong beads flagged as right beads kept, not "everything is right"
    assert flagged[y == 0].mean() > 0.75
    assert flagged[y == 1].mean() < 0.25


@pytest.mark.parametrize("rate", [0.05, 0.15, 0.3])
def test_fit_to_rate_puts_that_share_of_right_beads_under_one_half(rate: float) -> None:
    """The review budget is met on the training beads, and only just (a looser fit flags fewer wrong ones)."""
    rng = np.random.default_rng(3)
    y = (rng.random(3000) < 0.9).astype(float)
    margin = rng.normal(size=3000) + 2.0 * y
    x = np.column_stack([np.ones(3000), margin])
    beta = confidence.fit_to_rate(x, y, rate)
    under = (x @ beta) < 0
    assert rate - 0.01 <= under[y == 1].mean() <= rate
    balanced = (x @ confidence.fit(x, y)) < 0
    # the balanced fit flags 15.5% of right beads here: a smaller budget flags fewer wrong ones
    assert (under[y == 0].mean() < balanced[y == 0].mean()) == (rate < balanced[y == 1].mean())


def test_a_heavier_wrong_bead_moves_where_one_half_falls() -> None:
    rng = np.random.default_rng(2)
    y = (rng.random(2000) < 0.9).astype(float)
    x = np.column_stack([np.ones(2000), rng.normal(size=2000) + 2.0 * y])
    flagged = []
    for weight in (1.0, 9.0, 30.0):
        beta = confidence.fit(x, y, wrong_weight=weight)
        assert beta[1] > 0
        flagged.append(float(np.mean(x @ beta < 0)))
    assert flagged[0] < flagged[1] < flagged[2]
    # the default weight balances the classes: the ratio of right to wrong beads
    ratio = float(y.sum() / (len(y) - y.sum()))
    assert confidence.fit(x, y) == pytest.approx(confidence.fit(x, y, wrong_weight=ratio))


def test_predict_rises_with_the_runner_up_margins() -> None:
    raw = np.zeros((3, len(confidence.RAW)))
    raw[:, confidence.RAW.index("score")] = 1.0
    raw[:, confidence.RAW.index("zh_size")] = 1
    raw[:, confidence.RAW.index("en_size")] = 1
    for name in ("in_margin", "out_margin", "start_margin", "end_margin", "forbidden"):
        raw[:, confidence.RAW.index(name)] = [0.0, 0.5, 2.0]  # in typical scores: the median bead's is 1
    for mode in ("semantic", "lexical", "fast"):
        p = confidence.predict(raw, mode)
        assert np.all(np.diff(p) > 0)
        assert 0.0 < p[0] < 0.5 < p[2] < 1.0
    assert set(confidence.COEFFICIENTS) == {"semantic", "lexical", "fast"}  # every mode with a cheap pass
    for mode in confidence.COEFFICIENTS:
        assert len(confidence.COEFFICIENTS[mode]) == len(confidence.INPUTS)
    # semantic mode reads the forbidden margin alone: the other margins move nothing
    raw[:, confidence.RAW.index("forbidden")] = 0.5
    p = confidence.predict(raw, "semantic")
    assert p == pytest.approx(np.full(3, p[0]))
    assert confidence.predict(np.zeros((0, len(confidence.RAW))), "lexical").shape == (0,)


def test_confidence_never_changes_the_beads() -> None:
    beads, raw = explain(ZH, EN, LEX)
    assert shape(beads) == GOLD == shape(align(ZH, EN, LEX))
    assert raw.shape == (len(beads), len(confidence.RAW))
    assert all(0.0 <= b.score <= 1.0 for b in beads)
    assert np.all(raw[:, 1:6] >= 0)
    assert [b.score for b in beads] == pytest.approx(list(confidence.predict(raw, "lexical")))


def test_pins_keep_their_score_and_have_no_features() -> None:
    pin = Bead((2,), (2, 3), pinned=True)
    one_sided = Bead((), (5,), pinned=True)
    beads, raw = explain(ZH, EN, AlignConfig(similarity="lexical", learn=False), pins=[pin, one_sided])
    assert len(raw) == len(beads)
    for bead, row in zip(beads, raw, strict=True):
        assert bead.pinned == bool(np.isnan(row).all())
        if bead.pinned:
            assert bead.score == 1.0
        else:
            assert math.isfinite(bead.score)


def test_one_empty_side_gives_nan_rows() -> None:
    beads, raw = explain(ZH[:2], [], LEX)
    assert len(beads) == 2 and np.isnan(raw).all()
