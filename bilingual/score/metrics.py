"""Scores: corpus BLEU, chrF (chrF++) and TER per version, per document and per segment.

Stage: the pure middle of scoring. Takes matched units, returns a
:class:`ScoreReport`; no files, no printing. sacrebleu does every computation
so our numbers and signatures are the ``sacrebleu`` command's:

- tokenizer ``13a`` for English, ``zh`` for Chinese (BLEU);
- chrF with sacrebleu's defaults (character order 6, beta 2), chrF++ adds
  word bigrams (``nw:2``);
- TER with sacrebleu's defaults; for Chinese with ``normalized`` and
  ``asian_support`` (the command's ``--ter-normalized --ter-asian-support``):
  without them an unsegmented Chinese sentence is a single "word" and TER says
  nothing about the edits in it (sacrebleu applies ``asian_support`` only
  together with ``normalized``).

Bounded work on long segments: sacrebleu's TER keeps an edit-distance matrix
of the two token lists (tens of bytes a cell, and a search over shifts that
recomputes it), so one 20,000-character line took 370 MB and a minute, and
50,000 characters 1.6 GB. Beyond :data:`TER_MAX_CELLS` (hyp tokens times ref
tokens) a segment's TER is the word edit distance without shifts, computed
in linear memory (:func:`edit_distance`; an upper bound of TER's edits), and
the report says which segments. Likewise the word diff of a long Chinese
segment is taken on clauses instead of characters (:data:`DIFF_MAX_CELLS`).

Diff convention: HYP is the draft, REF the published text, so a word-level diff
shows what the editor changed: ``[-draft words-]{+published words+}``.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import regex
from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.metrics.base import Metric

from bilingual import __version__
from bilingual.model import EN, ZH
from bilingual.score.inputs import Matched, Version, summary

_HAN = regex.compile(r"\p{Han}")
_LETTER = regex.compile(r"\p{L}")
# Diff tokens. English: whitespace-separated words. Chinese: one token per Han
# character or punctuation mark, numbers (5.2, 1,000) and Latin words whole, and the
# whitespace between (kept as tokens: joining the tokens with "" gives the text back).
_ZH_TOKENS = regex.compile(r"\s+|\p{Han}|\d+(?:[.,:]\d+)*|[^\s\p{Han}\p{P}\d]+|\p{P}")
_EN_TOKENS = regex.compile(r"\S+")

TOKENIZERS = {EN: "13a", ZH: "zh"}

# sacrebleu's TER on at most 250,000 cells (500 x 500 tokens: ~100 MB and a few
# seconds at worst); a normal sentence is under 100 tokens, so only pasted-together
# paragraphs or pages without punctuation reach the fallback.
TER_MAX_CELLS = 250_000
# difflib is quadratic in time on repetitive tokens (Chinese characters): 20,000
# characters took 20 s. Beyond this, the Chinese diff works on clauses.
DIFF_MAX_CELLS = 4_000_000
# Segments whose reference n-grams sacrebleu holds at once (see _statistics).
STATISTICS_CHUNK = 1000
_ZH_CLAUSES = regex.compile(r"\s+|[^\s\p{P}]+|\p{P}")


def chrf(refs: Sequence[str], hyps: Sequence[str]) -> float:
    """Corpus chrF (sacrebleu defaults) of ``hyps`` against ``refs``, 0–100.

    For "how much changed since last publish": the previous text as ``hyps``
    and the new one as ``refs`` (or the other way round; chrF is nearly symmetric).
    """
    if len(refs) != len(hyps):
        raise ValueError(f"{len(refs)} references for {len(hyps)} hypotheses")
    return float(CHRF().corpus_score(list(hyps), [list(refs)]).score)


def han_share(texts: Sequence[str]) -> float:
    """Share of Han characters among the letters of ``texts`` (Extension B and on included)."""
    letters = han = 0
    for text in texts:
        letters += len(_LETTER.findall(text))
        han += len(_HAN.findall(text))
    return han / letters if letters else 0.0


def detect_lang(texts: Sequence[str]) -> str:
    """ "zh" when at least 30% of the letters are Han characters, else "en"."""
    return ZH if han_share(texts) >= 0.3 else EN


@dataclass(frozen=True, slots=True)
class MetricScore:
    name: str  # sacrebleu's: "BLEU", "chrF2", "chrF2++", "TER"
    score: float
    signature: str  # sacrebleu's, e.g. nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0
    detail: str = ""  # BLEU's n-gram precisions and brevity penalty


@dataclass(frozen=True, slots=True)
class DocumentScore:
    doc_id: str
    segments: int
    bleu: float
    chrf: float
    ter: float


@dataclass(frozen=True, slots=True)
class SegmentScore:
    doc_id: str
    id: str
    ref: str
    hyp: str
    chrf: float
    ter: float


@dataclass(frozen=True, slots=True)
class DiffOp:
    op: str  # equal | delete (in HYP only) | insert (in REF only)
    text: str


@dataclass(frozen=True, slots=True)
class ScoreReport:
    """Everything the renderers show. Segments are in REF order."""

    ref: Version
    hyp: Version
    lang: str
    tokenizer: str
    metrics: tuple[MetricScore, ...]
    documents: tuple[DocumentScore, ...]
    segments: tuple[SegmentScore, ...]
    worst: tuple[tuple[SegmentScore, tuple[DiffOp, ...]], ...] = ()
    only_ref: tuple[tuple[str, str], ...] = ()
    only_hyp: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = field(default=())
    # How the segments were matched (inputs.HOW order): by id, source text, normalised text.
    matched_by: tuple[int, ...] = ()

    @property
    def matching(self) -> str:
        """How the segments were matched, as :func:`bilingual.score.inputs.summary` says it."""
        return summary(self.matched_by, len(self.only_ref), len(self.only_hyp))

    @property
    def signature(self) -> str:
        parts = [
            f"bilingual:{__version__}",
            f"ref:{self.ref.kind}",
            f"hyp:{self.hyp.kind}",
            f"lang:{self.lang}",
        ]
        segmenter = self.ref.segmenter or self.hyp.segmenter
        if segmenter:
            parts.append(segmenter)
        return "|".join(parts)

    @property
    def warnings(self) -> tuple[str, ...]:
        out = list(self.notes)
        for name, keys in (("REF", self.only_ref), ("HYP", self.only_hyp)):
            if keys:
                shown = ", ".join(key_label(key) for key in keys[:10])
                more = f" (+{len(keys) - 10} more)" if len(keys) > 10 else ""
                out.append(f"{len(keys)} segment id(s) only in {name}, not scored: {shown}{more}")
        return tuple(out)


def key_label(key: tuple[str, str]) -> str:
    doc_id, unit_id = key
    # Bead ids already start with their document id.
    return unit_id if not doc_id or unit_id.startswith(f"{doc_id}:") else f"{doc_id}/{unit_id}"


def _metrics(lang: str, chrf_plus: bool) -> tuple[BLEU, CHRF, TER]:
    return (
        BLEU(tokenize=TOKENIZERS[lang]),
        CHRF(word_order=2 if chrf_plus else 0),
        TER(normalized=lang == ZH, asian_support=lang == ZH),
    )


def _statistics(metric: Metric, hyps: list[str], refs: list[str]) -> list[Any]:
    """sacrebleu's per-segment statistics, as its own ``corpus_score`` computes them.

    The only use of sacrebleu internals (``_check_corpus_score_args``,
    ``_extract_corpus_statistics``, ``_aggregate_and_compute``, stable since 2.0);
    the tests compare every resulting number with the public API and the command.
    """
    stats: list[Any] = []
    # In chunks: sacrebleu first caches every reference's n-grams (chrF's character
    # n-gram counters are tens of KB a sentence: 2 GB for a 10 MB corpus); the
    # statistics themselves are a few numbers a segment.
    for start in range(0, len(hyps), STATISTICS_CHUNK):
        end = start + STATISTICS_CHUNK
        chunk_hyps, chunk_refs = hyps[start:end], refs[start:end]
        metric._check_corpus_score_args(chunk_hyps, [chunk_refs])
        stats += metric._extract_corpus_statistics(chunk_hyps, [chunk_refs])
    return stats


def edit_distance(hyp: Sequence[str], ref: Sequence[str]) -> int:
    """Levenshtein distance between two token lists, in O(len(ref)) memory.

    One numpy row per HYP token: substitutions and deletions from the row
    above, then insertions as a running minimum (``row[j] = min_k row[k] + j - k``).
    """
    if not hyp or not ref:
        return len(hyp) + len(ref)
    ids: dict[str, int] = {}
    ref_ids = np.array([ids.setdefault(t, len(ids)) for t in ref], dtype=np.int64)
    offsets = np.arange(len(ref) + 1, dtype=np.int64)
    row = offsets.copy()
    for token in hyp:
        cost = (ref_ids != ids.get(token, -1)).astype(np.int64)
        new = np.empty_like(row)
        new[0] = row[0] + 1
        np.minimum(row[1:] + 1, row[:-1] + cost, out=new[1:])
        row = np.minimum.accumulate(new - offsets) + offsets
    return int(row[-1])


def _ter_statistics(ter: TER, hyps: list[str], refs: list[str]) -> tuple[list[Any], list[int]]:
    """TER's per-segment statistics as sacrebleu computes them, and the segments where the
    product of the lengths exceeds :data:`TER_MAX_CELLS` and TER is taken without shifts."""
    ter._check_corpus_score_args(hyps, [refs])
    stats: list[Any] = []
    long: list[int] = []
    # As sacrebleu's _extract_corpus_statistics: references through its cache (which also
    # records the number of references for the signature), hypotheses preprocessed once.
    cached = (
        ref_kwargs
        for start in range(0, len(refs), STATISTICS_CHUNK)
        for ref_kwargs in ter._cache_references([refs[start : start + STATISTICS_CHUNK]])
    )
    for i, (hyp, ref_kwargs) in enumerate(zip(hyps, cached, strict=True)):
        words_hyp = ter._preprocess_segment(hyp).split()
        words_ref = ref_kwargs["ref_words"][0]
        if len(words_hyp) * len(words_ref) > TER_MAX_CELLS:
            long.append(i)
            stats.append([edit_distance(words_hyp, words_ref), len(words_ref)])
        else:
            stats.append(ter._compute_segment_statistics(" ".join(words_hyp), ref_kwargs))
    return stats, long


def _shift_notes(ref: Version, hyp: Version) -> list[str]:
    """Corpus segments are matched by index: a sentence added or merged shifts every later one."""
    if ref.kind != "corpus" or hyp.kind != "corpus":
        return []
    ref_counts = Counter(unit.doc_id for unit in ref.units)
    hyp_counts = Counter(unit.doc_id for unit in hyp.units)
    return [
        f"{doc_id}: REF has {ref_counts[doc_id]} segments, HYP has {hyp_counts[doc_id]}; segments are "
        "matched by index, so those after the first added or merged sentence are compared with the "
        "wrong partner"
        for doc_id in ref_counts
        if doc_id in hyp_counts and ref_counts[doc_id] != hyp_counts[doc_id]
    ]


def word_diff(hyp: str, ref: str, lang: str) -> tuple[DiffOp, ...]:
    """The edits that turn ``hyp`` into ``ref``, on words (en) or characters (zh)."""
    pattern = _ZH_TOKENS if lang == ZH else _EN_TOKENS
    old, new = pattern.findall(hyp), pattern.findall(ref)
    if lang == ZH and len(old) * len(new) > DIFF_MAX_CELLS:
        old, new = _ZH_CLAUSES.findall(hyp), _ZH_CLAUSES.findall(ref)
    sep = "" if lang == ZH else " "
    ops: list[DiffOp] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(DiffOp("equal", sep.join(old[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            ops.append(DiffOp("delete", sep.join(old[i1:i2])))
        if tag in ("insert", "replace"):
            ops.append(DiffOp("insert", sep.join(new[j1:j2])))
    return tuple(ops)


def score(
    ref: Version,
    hyp: Version,
    matched: Matched,
    *,
    lang: str | None = None,
    chrf_plus: bool = False,
    worst: int = 0,
) -> ScoreReport:
    """Score ``matched`` (HYP against REF). ``lang`` None: detected from the REF text."""
    refs = [unit.text for unit in matched.ref]
    hyps = [unit.text for unit in matched.hyp]
    notes: list[str] = []
    detected = detect_lang(refs)
    if lang is None:
        lang = detected
    elif lang != detected and any(refs):
        notes.append(f"--lang {lang} given, but the REF text looks like {detected}")
    if not any(refs):
        other = "--lang zh" if lang == EN else "--lang en"
        notes.append(
            f"every matched REF segment is empty in {lang}; is the text on the other side ({other})?"
        )
    notes += _shift_notes(ref, hyp)
    bleu, chrf_metric, ter = _metrics(lang, chrf_plus)
    # One pass of sacrebleu per metric: its corpus_score is these per-segment
    # statistics summed, so corpus, document and segment scores all come from them.
    ter_stats, long = _ter_statistics(ter, hyps, refs)
    stats = [_statistics(bleu, hyps, refs), _statistics(chrf_metric, hyps, refs), ter_stats]
    if long:
        shown = ", ".join(key_label(matched.ref[i].key) for i in long[:10])
        more = f" (+{len(long) - 10} more)" if len(long) > 10 else ""
        notes.append(
            f"{len(long)} segment(s) too long for sacrebleu's TER (over {TER_MAX_CELLS:,} token pairs): "
            f"their TER is the word edit distance without shifts, an upper bound: {shown}{more}"
        )
    corpus = []
    for metric, metric_stats in zip((bleu, chrf_metric, ter), stats, strict=True):
        result = metric._aggregate_and_compute(metric_stats)
        detail = str(getattr(result, "_verbose", "")) if metric is bleu else ""
        corpus.append(MetricScore(result.name, float(result.score), str(metric.get_signature()), detail))

    bleu_stats, chrf_stats, ter_stats = stats
    segments = tuple(
        SegmentScore(
            doc_id=r.doc_id,
            id=r.id,
            ref=r.text,
            hyp=h.text,
            chrf=float(chrf_metric._aggregate_and_compute([chrf_stats[i]]).score),
            ter=float(ter._aggregate_and_compute([ter_stats[i]]).score),
        )
        for i, (r, h) in enumerate(zip(matched.ref, matched.hyp, strict=True))
    )

    documents = []
    by_doc: dict[str, list[int]] = {}  # in order of first appearance in REF
    for i, unit in enumerate(matched.ref):
        by_doc.setdefault(unit.doc_id, []).append(i)
    for doc_id, idx in by_doc.items():
        documents.append(
            DocumentScore(
                doc_id=doc_id,
                segments=len(idx),
                bleu=float(bleu._aggregate_and_compute([bleu_stats[i] for i in idx]).score),
                chrf=float(chrf_metric._aggregate_and_compute([chrf_stats[i] for i in idx]).score),
                ter=float(ter._aggregate_and_compute([ter_stats[i] for i in idx]).score),
            )
        )

    # Most edited first: highest TER, then lowest chrF; REF order breaks ties (sorted is stable).
    # Unchanged segments are never listed, however few were edited.
    edited = [s for s in segments if s.hyp != s.ref]
    ranked = sorted(edited, key=lambda s: (-s.ter, s.chrf))[: max(worst, 0)]
    return ScoreReport(
        ref=ref,
        hyp=hyp,
        lang=lang,
        tokenizer=TOKENIZERS[lang],
        metrics=tuple(corpus),
        documents=tuple(documents),
        segments=segments,
        worst=tuple((s, word_diff(s.hyp, s.ref, lang)) for s in ranked),
        only_ref=matched.only_ref,
        only_hyp=matched.only_hyp,
        notes=tuple(notes),
        matched_by=matched.by or (len(matched.ref), 0, 0),
    )
