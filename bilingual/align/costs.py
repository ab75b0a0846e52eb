"""Align stage, scoring: how good is a bead of a zh window and an en window.

Both sides live in one or more shared vector spaces (e5 embeddings, and the
lexical feature space of :mod:`.lexicon` hashed to ``LEX_DIM`` dimensions),
one unit-length row per sentence. A window's vector is the normalised sum of
its sentences' vectors, each scaled by the square root of its length in
characters, so windows are never embedded. Why the square root: a sentence
vector is the normalised mean of its token vectors, and a sum of L roughly
independent token vectors has length about sqrt(L); sqrt(L) times the unit
vector is therefore about the token sum, and the window's sum about what
embedding the concatenated text would pool, where a long sentence outweighs a
short one (+.010 strict F1 on MAC-Dev over equal weights, chosen in every
leave-one-document-out fold over the exponents 0, .25, .5, .75, 1). The score of a bead is
Bertalign's: the margin (window cosine minus the mean cosine of each window
with the sentences just outside the other window) times a length penalty
``log2(1 + short/long)`` on character counts scaled by the document pair's own
zh/en character ratio. Nothing here is tuned per corpus: the ratio and the
lexical weights (IDF) come from the two documents being aligned. Two more
terms judge where a bead ends, which is where nearly every error is: clause
evidence (:class:`Edges`, from :mod:`.clauses`) and a charge for ending
inside a quotation on one side only (:mod:`.quotes`).

Window dot products come from one small matrix product per DP row (the zh
rows near i against the en columns of the band) and prefix sums, so a row
costs O(band × dim) however many bead types there are.
"""

from __future__ import annotations

import functools
import math
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bilingual.align.dp import BeadType

LEX_DIM = 2048


@dataclass(frozen=True)
class Space:
    """One evidence space: a row per sentence (zero rows: no evidence) and its weight.

    Rows are unit vectors, or unit vectors scaled by sqrt(length) when given to
    :class:`Scorer`: it divides single-sentence dot products by the row norms.
    """

    zh: np.ndarray  # n × d
    en: np.ndarray  # m × d
    weight: float
    chance: float = 0.0  # mean cosine of random zh-en pairs: the margin's baseline without neighbours


@dataclass(frozen=True)
class Edges:
    """Clause evidence at bead edges (see :mod:`.clauses`): unit rows, context included as in Space.

    A bead scores ``weight`` times how much closer its first en sentence is to
    its first zh clause than to the previous zh sentence's last clause, plus
    how much closer its last en sentence is to its last zh clause than to the
    next zh sentence's first clause. A missing neighbour counts as ``chance``.
    """

    first: np.ndarray  # n × d: each zh sentence's opening clause (the sentence, if it has one clause)
    last: np.ndarray  # n × d: its closing clause
    en: np.ndarray  # m × d: the en sentences
    weight: float
    chance: float = 0.0

    @functools.cached_property
    def paired(self) -> np.ndarray:
        """2n × d: first[0], last[0], first[1], last[1], …: both clauses of a row range in one slice."""
        return np.stack([self.first, self.last], axis=1).reshape(-1, self.first.shape[1])


def normalise_rows(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return np.divide(x, norms, out=np.zeros_like(x), where=norms > 0)


def lexical_space(
    zh_groups: Sequence[Sequence[tuple[str, ...]]],
    en_groups: Sequence[Sequence[tuple[str, ...]]],
    zh_clauses: Sequence[Sequence[tuple[str, ...]]] = (),
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hash feature groups into unit vectors, weighted by IDF over both documents' sentences.

    Each group (one zh word and its glosses) carries the IDF weight of its
    rarest feature, spread evenly (in the L2 sense) over its features.
    ``zh_clauses`` (parts of the zh sentences, see :mod:`.clauses`) get vectors
    with the sentences' IDF; they do not count as sentences.
    """
    df: Counter[str] = Counter()
    for sentence in (*zh_groups, *en_groups):
        df.update({f for group in sentence for f in group})
    total = len(zh_groups) + len(en_groups)
    idf = {f: math.log(1.0 + total / count) for f, count in df.items()}
    unseen = math.log(1.0 + total)  # a clause may cut a word differently from its sentence

    def vectors(side: Sequence[Sequence[tuple[str, ...]]]) -> np.ndarray:
        rows: list[int] = []
        features: list[str] = []
        shares: list[float] = []
        for row, sentence in enumerate(side):
            for group in sentence:
                size = len(group)
                features += group
                rows += [row] * size
                shares += [1.0 / math.sqrt(size)] * size
        distinct = {f: k for k, f in enumerate(dict.fromkeys(features))}  # each feature hashed once
        ids = np.fromiter(map(distinct.__getitem__, features), dtype=np.intp, count=len(features))
        cols = np.array([_bucket(f) for f in distinct], dtype=np.intp)[ids]
        vals = np.array([idf.get(f, unseen) for f in distinct])[ids] * np.array(shares)
        flat = np.array(rows, dtype=np.intp) * LEX_DIM + cols
        out = np.bincount(flat, weights=vals, minlength=len(side) * LEX_DIM)  # sums repeated features
        return normalise_rows(out.reshape(len(side), LEX_DIM).astype(np.float32))

    return vectors(zh_groups), vectors(en_groups), vectors(zh_clauses)


@functools.lru_cache(maxsize=1 << 18)
def _bucket(feature: str) -> int:
    return zlib.crc32(feature.encode()) % LEX_DIM  # stable across runs, unlike hash()


def chance(zh: np.ndarray, en: np.ndarray, samples: int = 2000) -> tuple[float, float]:
    """Mean and standard deviation of the cosine of random zh-en sentence pairs.

    Dividing a space's similarities by the deviation puts every space (and
    every document pair) on one scale, as Vecalign normalises by random pairs:
    margins and the constants of :class:`~bilingual.align.AlignConfig` are then
    in units of "how much more similar than chance". The mean is the baseline
    of a window that has no neighbours. Seeded, so runs are reproducible.
    """
    if not len(zh) or not len(en):
        return 0.0, 1.0
    rng = np.random.default_rng(0)
    i = rng.integers(0, len(zh), samples)
    j = rng.integers(0, len(en), samples)
    # Each distinct pair once (short documents have far fewer pairs than samples);
    # a row's dot product does not depend on the other rows, so cos is unchanged.
    pairs, inverse = np.unique(i * len(en) + j, return_inverse=True)
    cos = np.einsum("kd,kd->k", zh[pairs // len(en)], en[pairs % len(en)])[inverse]
    sd = float(np.std(cos))
    return float(np.mean(cos)), (sd if sd > 1e-6 else 1.0)


def window_norms(x: np.ndarray, max_size: int) -> np.ndarray:
    """norms[s, i] = |x[i-s] + ... + x[i-1]| for window size s ending at node i (0 where i < s).

    From the dot products of rows less than ``max_size`` apart, so no
    n x dim temporary is made: |sum|^2 = sum of every pairwise dot product.
    """
    n = x.shape[0]
    norms = np.zeros((max_size + 1, n + 1))
    near = [np.einsum("ij,ij->i", x[: n - d], x[d:], dtype=np.float64) for d in range(min(max_size, n))]
    for s in range(1, min(max_size, n) + 1):
        sq = np.zeros(n - s + 1)
        for d in range(s):  # pairs (k, k+d) inside a window of s rows starting at t
            run = np.concatenate([[0.0], np.cumsum(near[d])])
            inside = run[s - d : n - d + 1] - run[: n - s + 1]  # sum over k = t .. t+s-1-d
            sq += inside if d == 0 else 2 * inside
        norms[s, s:] = np.sqrt(np.maximum(sq, 0.0))
    return norms


def _row_norms(x: np.ndarray) -> np.ndarray:
    """The length of every row; 1 for zero rows (they have no evidence, so their dots are 0 anyway)."""
    norms = np.linalg.norm(x, axis=1).astype(np.float64)
    return np.where(norms > 0, norms, 1.0)


def prefix(lengths: Sequence[int]) -> np.ndarray:
    out = np.zeros(len(lengths) + 1)
    out[1:] = np.cumsum(lengths)
    return out


class Scorer:
    """Bead scores for the DP rows of one (sub)problem; see :data:`.dp.RowScorer`."""

    def __init__(
        self,
        spaces: Sequence[Space],
        zh_len: Sequence[int],
        en_len: Sequence[int],
        max_a: int,
        max_b: int,
        merge_penalty: float = 0.0,
        context: tuple[int, int] = (0, 0),
        edges: Sequence[Edges] = (),
        inside: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
        quote_penalty: float = 0.0,
    ) -> None:
        # The spaces may hold context sentences around the (sub)problem: ``context``
        # rows before it on each side (zh, en), and any number after. Context
        # sentences serve only as margin neighbours, never inside a bead, so a
        # gap between pins or paragraphs is scored as it would be in the document.
        self.spaces = spaces
        self.edges = edges
        # inside: is a quotation open at the end of each zh / en sentence, and may the en
        # one be either (see .quotes)
        self.inside = inside if quote_penalty else None
        self.quote_penalty = quote_penalty
        self.merge_penalty = merge_penalty
        self.context = context
        self.n_ext, self.m_ext = spaces[0].zh.shape[0], spaces[0].en.shape[0]
        self.max_a, self.max_b = max_a, max_b
        self.zl, self.el = prefix(zh_len), prefix(en_len)
        total_en = self.el[-1]
        self.ratio = self.zl[-1] / total_en if total_en else 1.0
        self.zn = [window_norms(s.zh, max_a) for s in spaces]
        self.en_ = [window_norms(s.en, max_b) for s in spaces]
        self.zw = [_row_norms(s.zh) for s in spaces]
        self.ew = [_row_norms(s.en) for s in spaces]

    def __call__(self, node: int, nodes: np.ndarray, types: Sequence[BeadType]) -> dict[BeadType, np.ndarray]:
        # node / nodes are DP positions of the subproblem; i / js the same positions
        # in the arrays with context, n / m the arrays' sizes.
        zb, eb = self.context
        i, js = node + zb, nodes + eb
        n, m = self.n_ext, self.m_ext
        out: dict[BeadType, np.ndarray] = {}
        if not types:
            return out
        max_a = max(a for a, _ in types)
        bs = np.array(sorted({b for _, b in types}))
        sizes = np.arange(1, max_a + 1)  # zh window sizes a (axis 0 below); b sizes on axis 1
        # zh rows r0 .. r1-1 hold every window ending at i and its two neighbours.
        r0, r1 = max(0, i - max_a - 1), min(n, i + 1)
        # P columns are en node positions base .. js[-1] + 1; positions outside
        # [0, m] get zero columns, so every index below is in range.
        base = int(js[0]) - int(bs[-1]) - 1
        c0, c1 = max(0, base), min(m, int(js[-1]) + 1)
        width = int(js[-1]) + 2 - base
        end = js[None, :]  # en window [start, end) for every b (rows) and node j (columns)
        start = end - bs[:, None]
        ke, ks = end - base, start - base
        kb, ka = np.maximum(ks - 1, 0), np.minimum(ke + 1, width)
        ok_before = start - 1 >= 0
        ok_after = end + 1 <= m
        valid = start >= eb  # a bead never takes in an en context sentence
        endc = np.minimum(end, m)
        left = i - sizes - 1 >= 0  # the zh sentence before each window exists
        right = i + 1 <= n
        shape = (max_a, bs.size, js.size)
        sims, zh_near, en_near = np.zeros(shape), np.zeros(shape), np.zeros(shape)
        for space, zn, en_norm, zw, ew in zip(self.spaces, self.zn, self.en_, self.zw, self.ew, strict=True):
            p = np.zeros((r1 - r0, width + 1))
            if c1 > c0:
                p[:, c0 - base + 1 : c1 - base + 1] = space.zh[r0:r1] @ space.en[c0:c1].T
            np.cumsum(p, axis=1, out=p)  # p[r, k - base] = sum over en sentences base .. k-1
            # q[a-1] = the rows of the zh window of size a (i-a .. i-1), summed
            q = np.cumsum(p[i - r0 - max_a : i - r0][::-1], axis=0)
            nz = zn[1 : max_a + 1, i][:, None, None]
            nz_safe = np.where(nz > 0, nz, np.inf)  # a window without evidence scores 0
            ne = en_norm[bs[:, None], endc][None]
            ne_safe = np.where(ne > 0, ne, np.inf)
            w = space.weight
            sims += w * (q[:, ke] - q[:, ks]) / (nz_safe * ne_safe)
            # np.minimum(np.maximum(...)): np.clip without its per-call overhead
            before_idx, after_idx = (
                np.minimum(np.maximum(start - 1, 0), m - 1),
                np.minimum(np.maximum(end, 0), m - 1),
            )
            before = np.where(ok_before, q[:, ks] - q[:, kb], 0.0) / ew[before_idx]
            after = np.where(ok_after, q[:, ka] - q[:, ke], 0.0) / ew[after_idx]
            zh_near += w * (before + after) / nz_safe
            rows = p[np.maximum(i - sizes - 1 - r0, 0)]  # the zh sentence before each window
            neighbours = np.where(left[:, None, None], rows[:, ke] - rows[:, ks], 0.0)
            neighbours = neighbours / zw[np.minimum(np.maximum(i - sizes - 1, 0), n - 1)][:, None, None]
            if right:
                after_row = p[i - r0]
                neighbours = neighbours + (after_row[ke] - after_row[ks])[None] / zw[min(i, n - 1)]
            en_near += w * neighbours / ne_safe
        zh_count = (ok_before.astype(float) + ok_after)[None]
        en_count = (left.astype(float) + right)[:, None, None]
        zh_mean = np.divide(zh_near, zh_count, out=np.zeros(shape), where=zh_count > 0)
        en_mean = np.divide(en_near, en_count, out=np.zeros(shape), where=en_count > 0)
        sides = (zh_count > 0).astype(float) + (en_count > 0)
        baseline = sum(space.weight * space.chance for space in self.spaces)
        near = np.divide(zh_mean + en_mean, sides, out=np.full(shape, baseline), where=sides > 0)
        lz = (self.zl[node] - self.zl[np.maximum(node - sizes, 0)])[:, None, None]
        le = ((self.el[end - eb] - self.el[np.maximum(start - eb, 0)]) * self.ratio)[None]
        short, long = np.minimum(lz, le), np.maximum(lz, le)
        penalty = np.log2(1.0 + np.divide(short, long, out=np.zeros(shape), where=long > 0))
        extra = self.merge_penalty * (sizes[:, None, None] + bs[None, :, None] - 2)  # beyond 1-1
        score = (sims - near) * penalty - extra
        for edges in self.edges:
            score += self._edge_term(edges, i, sizes, start, end)
        if self.inside is not None and i < n:  # the last row ends every path: nothing to decide
            zh_inside, en_inside, en_either = self.inside
            last = np.minimum(np.maximum(js - 1, 0), m - 1)
            differ = (en_inside[last] != zh_inside[i - 1]) & ~en_either[last] & (js < m)
            score -= self.quote_penalty * differ
        score = np.where(valid[None], score, -np.inf)
        row_of = {int(b): k for k, b in enumerate(bs)}
        for a, b in types:
            out[(a, b)] = score[a - 1, row_of[b]]
        return out

    def _edge_term(
        self, edges: Edges, i: int, sizes: np.ndarray, start: np.ndarray, end: np.ndarray
    ) -> np.ndarray:
        """The :class:`Edges` score of zh windows i-a .. i-1 (axis 0) and en windows [start, end)."""
        n, m = self.n_ext, self.m_ext
        base = edges.chance
        first_en = np.minimum(np.maximum(start, 0), m - 1)  # invalid windows are masked by the caller
        last_en = np.minimum(np.maximum(end - 1, 0), m - 1)
        # b grows down the rows and j along them: the corners bound every en index used
        lo, hi = int(first_en[-1, 0]), int(last_en[0, -1]) + 1
        r0, r1 = max(0, i - len(sizes) - 1), min(n, i + 1)  # every zh row used below, in one slice
        # one product for both clauses: rows of ``paired`` alternate opening, closing
        products = (edges.paired[2 * r0 : 2 * r1] @ edges.en[lo:hi].T).reshape(r1 - r0, 2, hi - lo)
        opening_all, closing_all = products[:, 0], products[:, 1]
        i0 = np.maximum(i - sizes, r0)  # first zh sentence of each window (too-large windows: masked)
        opening = opening_all[i0 - r0]  # (a, columns)
        before = np.where((i0 >= 1)[:, None], closing_all[np.maximum(i0 - 1 - r0, 0)], base)
        begin = (opening - before)[:, first_en - lo]  # (a, b, j)
        after = opening_all[i - r0] if i < n else base
        finish = (closing_all[i - 1 - r0] - after)[last_en - lo]  # (b, j): the same for every a
        return edges.weight * (begin + finish[None])
