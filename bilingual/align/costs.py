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

Scores do not depend on the DP's values, so :class:`Scorer` computes those of
``CHUNK`` DP rows at once: one matrix product of the zh rows near the chunk
against the en columns of its band, prefix sums along the en axis, and
gathers, so a row costs O(band × dim) however many bead types there are, and
the Python overhead is paid per chunk, not per row (MAC-Dev in lexical mode:
the DP's scoring went from 3.3 s to 0.7 s).
"""

from __future__ import annotations

import functools
import math
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bilingual.align.dp import BeadType, full_band

LEX_DIM = 2048
CHUNK = 128  # DP rows scored together
CELLS = 1 << 18  # at most this many (row, a, b, column) cells per chunk


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

    A feature weighs its IDF divided by the square root of its group's size:
    a group (one zh word and its glosses) spreads its weight over its
    features in the L2 sense, so a word with thirty glosses does not outweigh
    a name with one.
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
        features = [f for sentence in side for group in sentence for f in group]
        group_sizes = np.array([len(group) for sentence in side for group in sentence], dtype=np.intp)
        sentence_sizes = [sum(map(len, sentence)) for sentence in side]
        rows = np.repeat(np.arange(len(side), dtype=np.intp), sentence_sizes)
        shares = np.repeat(1.0 / np.sqrt(group_sizes), group_sizes)
        distinct = {f: k for k, f in enumerate(dict.fromkeys(features))}  # each feature hashed once
        ids = np.fromiter(map(distinct.__getitem__, features), dtype=np.intp, count=len(features))
        cols = np.array([_bucket(f) for f in distinct], dtype=np.intp)[ids]
        vals = np.array([idf.get(f, unseen) for f in distinct])[ids] * shares
        # Sums and norms over the occupied cells only: the dense n x LEX_DIM array is written once.
        cells, cell_of = np.unique(rows * LEX_DIM + cols, return_inverse=True)
        sums = np.bincount(cell_of, weights=vals)  # a feature repeated in a sentence counts twice
        row_of = cells // LEX_DIM
        norms = np.sqrt(np.bincount(row_of, weights=sums * sums, minlength=len(side)))
        out = np.zeros((len(side), LEX_DIM), dtype=np.float32)
        out.reshape(-1)[cells] = sums / norms[row_of]
        return out

    return vectors(zh_groups), vectors(en_groups), vectors(zh_clauses)


@functools.lru_cache(maxsize=1 << 18)
def _bucket(feature: str) -> int:
    return zlib.crc32(feature.encode()) % LEX_DIM  # stable across runs, unlike hash()


_CHANCE_BLOCK = 128


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
    zi, ej = pairs // len(en), pairs % len(en)
    # In blocks of rows: the gathered rows stay in the CPU cache (one gather of every pair made
    # two arrays of 16 MB at 2048 dimensions: 3-5x slower), and each row's dot is the same.
    dots = np.empty(len(pairs), dtype=np.result_type(zh, en))
    for k in range(0, len(pairs), _CHANCE_BLOCK):
        block = slice(k, k + _CHANCE_BLOCK)
        dots[block] = np.einsum("kd,kd->k", zh[zi[block]], en[ej[block]])
    cos = dots[inverse]
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
    """Bead scores for the DP rows of one (sub)problem; see :data:`.dp.RowScorer`.

    Scores do not depend on the DP's values, so they are computed for ``CHUNK``
    rows at a time, each chunk in a few dozen array operations: the DP's own
    row loop then only looks them up.
    """

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
        band: tuple[np.ndarray, np.ndarray] | None = None,
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
        # the DP band (node columns lo[i] .. hi[i] of row i): the whole grid unless given
        n, m = len(zh_len), len(en_len)
        self.lo, self.hi = band if band is not None else full_band(n, m)
        self.width = int(np.max(self.hi - self.lo)) + 1
        # rows per chunk: bounded so that a chunk's arrays stay small even for a full band
        self.chunk = max(1, min(CHUNK, CELLS // (max_a * max_b * self.width)))
        self._table: tuple[int, np.ndarray] = (-1, np.zeros(0))

    def __call__(self, node: int, nodes: np.ndarray, types: Sequence[BeadType]) -> dict[BeadType, np.ndarray]:
        if not types:
            return {}
        first = (node - 1) // self.chunk * self.chunk + 1  # rows are scored from 1: row 0 has no beads
        if self._table[0] != first:
            last = min(first + self.chunk, len(self.lo))
            self._table = (first, self._rows(np.arange(first, last)))
        row = self._table[1][node - first]
        cols = nodes - self.lo[node]
        if cols.size and cols[0] == 0 and cols[-1] == cols.size - 1:
            cols = slice(0, cols.size)
        return {(a, b): row[a - 1, b - 1, cols] for a, b in types}

    def _rows(self, nodes: np.ndarray) -> np.ndarray:
        """Scores of every bead type ending at node columns lo[i] .. lo[i] + width - 1 of rows ``nodes``.

        Shape (rows, a, b, columns); the columns beyond hi[i] are padding. Each
        quantity is indexed [row, a - 1, b - 1, column], broadcast where it does
        not depend on a or b.
        """
        zb, eb = self.context
        n, m = self.n_ext, self.m_ext
        big_a, big_b, width = self.max_a, self.max_b, self.width
        rows = nodes.size
        ie = nodes + zb  # rows in the arrays with context
        sizes = np.arange(1, big_a + 1)
        bs = np.arange(1, big_b + 1)
        # en window [start, end) of every b (axis 1) ending at every node column (axis 2), with context
        end = np.broadcast_to((self.lo[nodes] + eb)[:, None, None] + np.arange(width), (rows, big_b, width))
        start = end - bs[:, None]
        # Prefix sums along the en axis start at column x0 (so every index below is >= 0)
        # and cover zh rows r0 .. r1-1: every window ending at these nodes and its neighbours.
        x0 = int(self.lo[nodes[0]]) + eb - big_b - 1
        x1 = int(self.lo[nodes[-1]]) + eb + width  # the last prefix position used (end + 1)
        r0, r1 = max(0, int(ie[0]) - big_a - 1), min(n, int(ie[-1]) + 1)
        c0, c1 = max(0, x0), min(m, x1)
        ke, ks = end - x0, start - x0
        kb, ka = ks - 1, ke + 1
        ok_before = start - 1 >= 0
        ok_after = end + 1 <= m
        left = ie[:, None] - sizes - 1 >= 0  # (rows, a): the zh sentence before each window exists
        right = ie <= n - 1  # the zh sentence after
        # zh row ie - d for d = 0 (the row after every window) .. max_a + 1, as rows of the prefix sums
        near_rows = np.clip(ie[:, None] - np.arange(big_a + 2) - r0, 0, max(r1 - r0 - 1, 0))
        endc = np.minimum(end, m)
        before_idx, after_idx = np.clip(start - 1, 0, m - 1), np.clip(end, 0, m - 1)
        neighbour = np.clip(ie[:, None] - sizes - 1, 0, n - 1)
        shape = (rows, big_a, big_b, width)
        sims, zh_near, en_near = np.zeros(shape), np.zeros(shape), np.zeros(shape)
        for space, zn, en_norm, zw, ew in zip(self.spaces, self.zn, self.en_, self.zw, self.ew, strict=True):
            p = np.zeros((r1 - r0, x1 - x0 + 1))
            if c1 > c0 and r1 > r0:
                p[:, c0 - x0 + 1 : c1 - x0 + 1] = space.zh[r0:r1] @ space.en[c0:c1].T
            np.cumsum(p, axis=1, out=p)  # p[r, x - x0] = sum over en sentences x0 .. x-1
            by_d = p[near_rows]  # (rows, d, positions)
            q = np.cumsum(by_d[:, 1 : big_a + 1], axis=1)  # q[:, a-1]: the zh window of size a, summed
            # One gather at each window end for the zh windows (q), the zh sentence before each
            # window (row ie - a - 1) and the one after them all (row ie): (rows, 2a + 1, b, columns)
            stacked = np.concatenate([q, by_d[:, 2 : big_a + 2], by_d[:, :1]], axis=1)
            at_end, at_start = _take(stacked, ke), _take(stacked, ks)
            q_end, q_start = at_end[:, :big_a], at_start[:, :big_a]
            outer = at_end[:, big_a : 2 * big_a] - at_start[:, big_a : 2 * big_a]  # the sentence before
            following = at_end[:, 2 * big_a :] - at_start[:, 2 * big_a :]  # the sentence after
            nz = zn[1 : big_a + 1, ie].T[:, :, None, None]
            nz_safe = np.where(nz > 0, nz, np.inf)  # a window without evidence scores 0
            ne = en_norm[bs[:, None], endc][:, None]
            ne_safe = np.where(ne > 0, ne, np.inf)
            w = space.weight
            sims += w * (q_end - q_start) / (nz_safe * ne_safe)
            before = np.where(ok_before[:, None], q_start - _take(q, kb), 0.0) / ew[before_idx][:, None]
            after = np.where(ok_after[:, None], _take(q, ka) - q_end, 0.0) / ew[after_idx][:, None]
            zh_near += w * (before + after) / nz_safe
            neighbours = np.where(left[:, :, None, None], outer, 0.0) / zw[neighbour][:, :, None, None]
            after_row = following / zw[np.minimum(ie, n - 1)][:, None, None, None]
            neighbours = neighbours + np.where(right[:, None, None, None], after_row, 0.0)
            en_near += w * neighbours / ne_safe
        zh_count = (ok_before.astype(float) + ok_after)[:, None]
        en_count = (left.astype(float) + right[:, None])[:, :, None, None]
        zh_mean = np.divide(zh_near, zh_count, out=np.zeros(shape), where=zh_count > 0)
        en_mean = np.divide(en_near, en_count, out=np.zeros(shape), where=en_count > 0)
        sides = (zh_count > 0).astype(float) + (en_count > 0)
        baseline = sum(space.weight * space.chance for space in self.spaces)
        near = np.divide(zh_mean + en_mean, sides, out=np.full(shape, baseline), where=sides > 0)
        lz = (self.zl[nodes][:, None] - self.zl[np.maximum(nodes[:, None] - sizes, 0)])[:, :, None, None]
        m_sub = self.el.size - 1
        le = (self.el[np.clip(end - eb, 0, m_sub)] - self.el[np.clip(start - eb, 0, m_sub)]) * self.ratio
        le = le[:, None]
        short, long = np.minimum(lz, le), np.maximum(lz, le)
        penalty = np.log2(1.0 + np.divide(short, long, out=np.zeros(shape), where=long > 0))
        extra = self.merge_penalty * (sizes[:, None, None] + bs[None, :, None] - 2)  # beyond 1-1
        score = (sims - near) * penalty - extra
        for edges in self.edges:
            score += self._edge_term(edges, ie, sizes, start, end)
        if self.inside is not None:  # the last row ends every path: nothing to decide there
            zh_inside, en_inside, en_either = self.inside
            last = np.clip(end[:, 0] - 1, 0, m - 1)
            differ = (en_inside[last] != zh_inside[np.maximum(ie - 1, 0)][:, None]) & ~en_either[last]
            differ &= (end[:, 0] < m) & (ie < n)[:, None]
            score -= self.quote_penalty * differ[:, None, None]
        # a bead never takes in an en context sentence
        return np.where((start >= eb)[:, None], score, -np.inf)

    def _edge_term(
        self, edges: Edges, ie: np.ndarray, sizes: np.ndarray, start: np.ndarray, end: np.ndarray
    ) -> np.ndarray:
        """The :class:`Edges` score of zh windows ie-a .. ie-1 and en windows [start, end), as in _rows."""
        n, m = self.n_ext, self.m_ext
        base = edges.chance
        first_en = np.clip(start, 0, m - 1)  # invalid windows are masked by the caller
        last_en = np.clip(end[:, :1] - 1, 0, m - 1)  # the same for every b
        lo, hi = int(first_en.min()), int(last_en.max()) + 1
        r0, r1 = max(0, int(ie[0]) - len(sizes) - 1), min(n, int(ie[-1]) + 1)  # every zh row used below
        # one product for both clauses: rows of ``paired`` alternate opening, closing
        products = (edges.paired[2 * r0 : 2 * r1] @ edges.en[lo:hi].T).reshape(r1 - r0, 2, hi - lo)
        opening_all, closing_all = products[:, 0], products[:, 1]
        top = r1 - r0 - 1
        # first zh sentence of each window (too-large windows: masked)
        i0 = np.maximum(ie[:, None] - sizes, 0)
        opening = opening_all[np.clip(i0 - r0, 0, top)]  # (rows, a, columns)
        before = np.where((i0 >= 1)[:, :, None], closing_all[np.clip(i0 - 1 - r0, 0, top)], base)
        begin = _take(opening - before, first_en - lo)  # (rows, a, b, node columns)
        after = np.where((ie < n)[:, None], opening_all[np.clip(ie - r0, 0, top)], base)
        finish = _take((closing_all[np.clip(ie - 1 - r0, 0, top)] - after)[:, None], last_en - lo)
        return edges.weight * (begin + finish)


def _take(x: np.ndarray, index: np.ndarray) -> np.ndarray:
    """x[r, k, index[r, b, t]] for x (rows, k, positions) and index (rows, b, t): shape (rows, k, b, t)."""
    rows, k = x.shape[:2]
    flat = np.take_along_axis(x, index.reshape(rows, 1, -1), axis=2)  # broadcast over k
    return flat.reshape(rows, k, *index.shape[1:])
