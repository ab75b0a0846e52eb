"""Align stage, confidence: how likely each output bead is to be right.

The DP finds the best path; this module says, for each bead on it, how sure
that choice is. It never changes a bead. Evidence (:func:`gap_features`, per
gap between pins and paragraphs, in the gap's own coordinates):

- the bead's DP score, and how much better the path is than its runner-ups
  near the bead: a forward and a backward pass of the same DP over a narrow
  band around the path (``BAND`` nodes each side) give, at every node, the
  best path through it. A bead's boundary margin is how much the best path
  loses if that boundary moves along its row or its column (the zh boundary
  kept and the en one moved, or the reverse); its local margins are the gap to
  the second-best bead arriving at its end node and leaving its start node;
- its similarity in each evidence space alone (semantic, lexical): where the
  two disagree, one of them is wrong;
- its length ratio against the pair's, and whether both texts are inside or
  outside a quotation where it starts and ends (:mod:`.quotes`);
- its type: sentences beyond 1-1, one side empty.

:func:`predict` turns them into P(right) with a logistic model per mode (in
semantic mode the forbidden margin alone; lexical and fast modes read every
input, fast mode's "semantic" being its static word vectors), whose coefficients
(:data:`COEFFICIENTS`) were fitted by
``benchmarks/align_confidence.py`` on MAC-Dev's gold beads (leave-one-document-out
figures in the README). Scores are divided by the document's median linking
score, so the model reads the same on every document pair.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from bilingual.align import anchors
from bilingual.align.costs import Edges, Scorer, Space
from bilingual.align.dp import BeadType, Span

BAND = 3  # half-width, in nodes, of the band around the path searched for runner-ups

# Raw feature columns of gap_features (scores in DP units; divided by the document's
# typical score in predict).
RAW = (
    "score",
    "in_margin",
    "out_margin",
    "start_margin",
    "end_margin",
    "forbidden",
    "semantic",
    "lexical",
    "length",
    "quote_start",
    "quote_end",
    "zh_size",
    "en_size",
)
_COL = {name: k for k, name in enumerate(RAW)}
CAP = 3.0  # margins and scores beyond this many typical scores say nothing more


def model_inputs(raw: np.ndarray, typical: float) -> np.ndarray:
    """The model's inputs (:data:`INPUTS` order) from raw feature rows and the document's typical score."""
    t = typical if typical > 0 else 1.0
    col = {name: raw[:, k] for name, k in _COL.items()}

    def scaled(x: np.ndarray) -> np.ndarray:
        return np.clip(np.nan_to_num(x / t, nan=0.0, posinf=CAP, neginf=-CAP), -CAP, CAP)

    margins = [np.log1p(np.maximum(scaled(col[k]), 0.0)) for k in ("in_margin", "out_margin")]
    boundary = np.log1p(np.maximum(np.minimum(scaled(col["start_margin"]), scaled(col["end_margin"])), 0.0))
    forbidden = np.log1p(np.maximum(scaled(col["forbidden"]), 0.0))
    linked = (col["zh_size"] > 0) & (col["en_size"] > 0)
    return np.stack(
        [
            np.ones(len(raw)),
            scaled(col["score"]),
            *margins,
            boundary,
            forbidden,
            np.nan_to_num(col["semantic"]),
            np.nan_to_num(col["lexical"]),
            np.minimum(np.nan_to_num(col["length"]), 2.0),
            col["quote_start"] + col["quote_end"],
            np.where(linked, col["zh_size"] + col["en_size"] - 2, 0.0),
            (~linked).astype(float),
        ],
        axis=1,
    )


INPUTS = (
    "bias",
    "score",
    "in_margin",
    "out_margin",
    "boundary",
    "forbidden",
    "semantic",
    "lexical",
    "length",
    "quote",
    "merge",
    "one_sided",
)

# Fitted on all six MAC-Dev chapters by `.venv/bin/python benchmarks/align_confidence.py --fit`
# (2026-12-04; fast: 2026-12-05, with word table v2), one row per mode, in INPUTS order. Semantic:
# the forbidden margin alone, a wrong bead weighted so that 0.5 flags 15% of the right beads
# (:func:`fit_to_rate`; the review budget, fixed in advance); no other input, alone or added,
# scored better held out. Lexical: every input, the classes balanced. Fast (its "semantic" input
# is the static word vectors' similarity): every input, as lexical (held out, the forbidden margin
# alone ranks far worse there: area under the curve .846 against .880), aimed at the review
# budget, as semantic. Its one-sided input is 0: fast mode output no one-sided bead on MAC-Dev
# (refine re-aligns every one-sided bead anyway).
COEFFICIENTS: dict[str, tuple[float, ...]] = {
    "semantic": (-2.382, 0.0, 0.0, 0.0, 0.0, 7.422, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0),
    "lexical": (-0.6232, -1.368, 1.135, 1.231, 0.4782, 3.285, 0.0, 0.1562, -2.558, -2.533, -0.4386, -2.579),
    "fast": (-1.239, -1.135, 1.498, 1.336, 1.533, 2.519, 0.1263, 0.09177, -2.788, -2.92, -0.365, 0.0),
}


def typical_score(raw: np.ndarray) -> float:
    """The document's median score over linking beads with a finite positive score (0 if none)."""
    if not len(raw):
        return 0.0
    score = raw[:, _COL["score"]]
    linked = (raw[:, _COL["zh_size"]] > 0) & (raw[:, _COL["en_size"]] > 0) & np.isfinite(score) & (score > 0)
    return float(np.median(score[linked])) if linked.any() else 0.0


def predict(raw: np.ndarray, mode: str, coefficients: Sequence[float] | None = None) -> np.ndarray:
    """P(right) for every bead of one document from its raw feature rows (:func:`gap_features`)."""
    if not len(raw):
        return np.zeros(0)
    beta = np.asarray(coefficients if coefficients is not None else COEFFICIENTS[mode], dtype=float)
    x = model_inputs(raw, typical_score(raw))
    return 1.0 / (1.0 + np.exp(-np.clip(x @ beta, -30.0, 30.0)))


def fit(
    x: np.ndarray, y: np.ndarray, ridge: float = 1.0, steps: int = 50, wrong_weight: float | None = None
) -> np.ndarray:
    """Logistic regression by Newton's method (IRLS), a wrong bead weighing ``wrong_weight`` right ones.

    Wrong beads are about one in ten: unweighted, P(right) would stay above 0.5 for
    nearly every bead. By default the classes are weighted to equal total weight: the
    model then says P(right) for a 1:1 prior (the odds are the likelihood ratio). A
    heavier weight moves where 0.5 falls: more beads under it (:func:`fit_to_rate`). An
    L2 penalty ``ridge`` on all but the first (bias) column.
    """
    right = float(y.sum())
    wrong = float(len(y) - right)
    if wrong_weight is None:
        wrong_weight = right / wrong if wrong else 1.0
    weight = np.where(y > 0, 1.0, wrong_weight)
    beta = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], ridge)
    penalty[0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ beta, -30.0, 30.0)))
        gradient = x.T @ (weight * (y - p)) - penalty * beta
        hessian = (x * (weight * p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        beta += step
        if float(np.max(np.abs(step))) < 1e-8:
            break
    return beta


def fit_to_rate(x: np.ndarray, y: np.ndarray, rate: float, ridge: float = 1.0) -> np.ndarray:
    """:func:`fit` with the heaviest wrong-bead weight putting at most ``rate`` of the right beads under 0.5.

    Where 0.5 falls is then a share of right beads chosen in advance (the review
    budget), not whatever the class balance of the training documents implies.
    The weight is found by bisection on its logarithm, which assumes the share
    flagged grows with the weight (a heavier wrong bead moves 0.5 up the margins).
    """
    lo, hi = -3.0, 6.0  # log of the weight
    for _ in range(40):
        mid = (lo + hi) / 2
        beta = fit(x, y, ridge, wrong_weight=math.exp(mid))
        if float(np.mean((x @ beta)[y > 0] < 0)) > rate:
            hi = mid
        else:
            lo = mid
    return fit(x, y, ridge, wrong_weight=math.exp(lo))


def gap_features(
    spaces: Sequence[Space],
    zh_len: Sequence[int],
    en_len: Sequence[int],
    types: Sequence[BeadType],
    skip: float,
    merge_penalty: float,
    context: tuple[int, int],
    edges: Sequence[Edges],
    inside: tuple[np.ndarray, np.ndarray, np.ndarray],
    quote_penalty: float,
    path: Sequence[tuple[Span, float]],
    chances: Sequence[tuple[float, float]],
) -> np.ndarray:
    """Raw feature rows (:data:`RAW`) of the beads of ``path``, one gap, arguments as :func:`.anchors.solve`.

    ``spaces`` are the scorer's (rows scaled by sqrt(length)); ``chances``: each
    space's random-pair cosine mean and deviation (semantic first, if any).
    """
    n, m = len(zh_len), len(en_len)
    out = np.zeros((len(path), len(RAW)))
    if not path:
        return out
    out[:, 0] = [score for _, score in path]
    if n and m:
        out[:, 1:6] = _margins(spaces, zh_len, en_len, types, skip, merge_penalty, context, edges, inside,
                               quote_penalty, [span for span, _ in path])  # fmt: skip
    zb, eb = context
    ratio = sum(zh_len) / max(1, sum(en_len))
    zl, el = np.concatenate([[0], np.cumsum(zh_len)]), np.concatenate([[0], np.cumsum(en_len)])
    zh_in, en_in, en_either = inside
    for k, ((i0, i1, j0, j1), _) in enumerate(path):
        if i1 > i0 and j1 > j0:
            sims = []
            for space, (mean, sd) in zip(spaces, chances, strict=True):
                z, e = space.zh[zb + i0 : zb + i1].sum(axis=0), space.en[eb + j0 : eb + j1].sum(axis=0)
                norms = float(np.linalg.norm(z) * np.linalg.norm(e))
                sims.append((float(z @ e) / norms - mean) / sd if norms > 0 else 0.0)
            out[k, 6] = sims[0] if len(sims) > 1 else 0.0
            out[k, 7] = sims[-1]
            out[k, 8] = abs(math.log((zl[i1] - zl[i0]) / ((el[j1] - el[j0]) * ratio)))
            out[k, 9] = _differ(zh_in, en_in, en_either, zb + i0 - 1, eb + j0 - 1)
            out[k, 10] = _differ(zh_in, en_in, en_either, zb + i1 - 1, eb + j1 - 1)
        out[k, 11], out[k, 12] = i1 - i0, j1 - j0
    return out


def _differ(zh_in: np.ndarray, en_in: np.ndarray, en_either: np.ndarray, i: int, j: int) -> float:
    """1 when zh sentence i and en sentence j end in different quotation states (0 at a text's edge)."""
    if i < 0 or j < 0 or i >= len(zh_in) or j >= len(en_in):
        return 0.0
    return float(zh_in[i] != en_in[j] and not en_either[j])


def _margins(
    spaces: Sequence[Space],
    zh_len: Sequence[int],
    en_len: Sequence[int],
    types: Sequence[BeadType],
    skip: float,
    merge_penalty: float,
    context: tuple[int, int],
    edges: Sequence[Edges],
    inside: tuple[np.ndarray, np.ndarray, np.ndarray],
    quote_penalty: float,
    path: Sequence[Span],
) -> np.ndarray:
    """(in, out, start, end, forbidden) margins of each bead of ``path``: see the module docstring.

    Forward values F and backward values B over the band around the path; the
    best path through node v scores F[v] + B[v]. The band's nodes are numbered
    row by row (row i holds nodes (i, lo[i] .. hi[i]), as in dp.py), so every
    bead type is a gather from one flat array.
    """
    n, m = len(zh_len), len(en_len)
    lo, hi = anchors.project(path, n, m, BAND, factor=1)
    max_a, max_b = max(a for a, _ in types), max(b for _, b in types)
    scorer = Scorer(
        spaces, zh_len, en_len, max_a, max_b, merge_penalty, context, edges, inside, quote_penalty, (lo, hi)
    )
    moves = [t for t in types if t[0]]  # every bead type but 0-1, which moves along a row
    linking = [t for t in moves if t[1]]
    widths = hi - lo + 1
    offset = np.concatenate([[0], np.cumsum(widths)])
    row = np.repeat(np.arange(n + 1), widths)
    col = np.arange(offset[-1]) - offset[row] + lo[row]

    def node(i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Flat index of nodes (i, j); -1 outside the band."""
        ic = np.clip(i, 0, n)
        ok = (i >= 0) & (i <= n) & (j >= lo[ic]) & (j <= hi[ic])
        return np.where(ok, offset[ic] + j - lo[ic], -1)

    # gain[t, v]: the score of a bead of type moves[t] ending at node v (-inf where it cannot)
    gain = np.full((len(moves), offset[-1]), -np.inf)
    for i in range(1, n + 1):
        got = scorer(i, np.arange(lo[i], hi[i] + 1), linking)
        for t, kind in enumerate(moves):
            if kind[0] <= i:
                gain[t, offset[i] : offset[i + 1]] = got[kind] if kind[1] else skip
    source = np.stack([node(row - a, col - b) for a, b in moves])  # where each bead type starts
    gain = np.where(source >= 0, gain, -np.inf)
    target = np.stack([node(row + a, col + b) for a, b in moves])  # where it ends, leaving node v
    leave = np.where(target >= 0, gain[np.arange(len(moves))[:, None], np.maximum(target, 0)], -np.inf)
    forward = np.full(offset[-1] + 1, -np.inf)  # the last cell: "outside the band"
    backward = np.full(offset[-1] + 1, -np.inf)
    in_second = np.zeros(offset[-1])
    out_second = np.zeros(offset[-1])
    forward[0] = 0.0
    for i in range(1, n + 1):
        s, e = offset[i], offset[i + 1]
        js = col[s:e]
        cands = forward[source[:, s:e]] + gain[:, s:e]
        v = cands.max(axis=0) - js * skip
        forward[s:e] = np.maximum.accumulate(v) + js * skip
        along = np.concatenate([[-np.inf], forward[s : e - 1] + skip])
        in_second[s:e] = np.partition(np.vstack([cands, along]), -2, axis=0)[-2]
    forward[: offset[1]] = np.arange(offset[1]) * skip  # row 0: 0-1 beads only
    in_second[: offset[1]] = forward[: offset[1]]  # reached along the row: no runner-up margin
    in_second[0] = -np.inf
    backward[offset[n + 1] - 1] = 0.0
    for i in range(n, -1, -1):
        s, e = offset[i], offset[i + 1]
        js = col[s:e]
        cands = backward[target[:, s:e]] + leave[:, s:e]
        best = cands.max(axis=0)
        if i == n:
            best[-1] = 0.0
        v = best + js * skip
        backward[s:e] = np.maximum.accumulate(v[::-1])[::-1] - js * skip
        along = np.concatenate([backward[s + 1 : e] + skip, [-np.inf]])
        out_second[s:e] = np.partition(np.vstack([cands, along]), -2, axis=0)[-2]
    through = forward[:-1] + backward[:-1]
    # jump[i]: the best path with no node on row i (a bead of a >= 2 zh sentences jumps over it)
    jump = np.full(n + 1, -np.inf)
    for t, (a, _) in enumerate(moves):
        if a >= 2:
            edge = forward[np.where(source[t] >= 0, source[t], -1)] + gain[t] + backward[:-1]
            per_row = np.maximum.reduceat(edge, offset[:-1])
            for d in range(1, min(a, n + 1)):
                jump[: n + 1 - d] = np.maximum(jump[: n + 1 - d], per_row[d:])

    def avoid(i: int, j: int) -> float:
        """The best path that does not pass node (i, j): through another node of row i, or jumping it."""
        k = offset[i] + j - lo[i]
        rest = np.concatenate([through[offset[i] : k], through[k + 1 : offset[i + 1]], [jump[i]]])
        return float(rest.max())

    def inner(i0: int, i1: int, j0: int, j1: int) -> float:
        """The best route from node (i0, j0) to (i1, j1) other than the one bead between them."""
        best = {(i0, j0): 0.0}
        for i in range(i0, i1 + 1):
            for j in range(j0, j1 + 1):
                if (i, j) == (i0, j0) or not lo[i] <= j <= hi[i]:
                    continue
                value = best.get((i, j - 1), -math.inf) + skip
                k = offset[i] + j - lo[i]
                for t, (a, b) in enumerate(moves):
                    if (a, b) != (i1 - i0, j1 - j0) and (i - a, j - b) in best:
                        value = max(value, best[(i - a, j - b)] + float(gain[t, k]))
                best[(i, j)] = value
        return best.get((i1, j1), -math.inf)

    out = np.zeros((len(path), 5))
    for idx, (i0, i1, j0, j1) in enumerate(path):
        k0, k1 = offset[i0] + j0 - lo[i0], offset[i1] + j1 - lo[i1]
        total = float(through[k1])
        start, end = total - avoid(i0, j0), total - avoid(i1, j1)
        route = -math.inf
        if (i1 - i0) + (j1 - j0) > 2:
            route = forward[k0] + inner(i0, i1, j0, j1) + backward[k1]
        out[idx] = (
            forward[k1] - in_second[k1],
            backward[k0] - out_second[k0],
            start,
            end,
            min(start, end, total - route),
        )
    return np.maximum(np.nan_to_num(out, nan=0.0, posinf=1e9), 0.0)
