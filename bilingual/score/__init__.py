"""Version scoring: how far a draft (HYP) is from the published text (REF).

Stage: beside the pipeline, after export. Reads two versions (plain text,
TMX, XLIFF, PO or corpus directories, see :mod:`bilingual.score.inputs`),
pairs their segments by id (else by source text), and scores them with sacrebleu (corpus BLEU,
chrF/chrF++ and TER with sacrebleu's signatures; per document; per segment
chrF and TER; the most-edited segments with a word diff, see
:mod:`bilingual.score.metrics`). :mod:`bilingual.score.render` turns the
report into text, JSON or HTML.

    >>> from bilingual.score import chrf
    >>> round(chrf(["The meeting was held."], ["The meeting was held."]), 1)
    100.0
"""

from __future__ import annotations

from pathlib import Path

from bilingual.corpus import MAX_SEGMENT
from bilingual.model import EN
from bilingual.score.inputs import Unit, Version, match, read_version
from bilingual.score.metrics import (
    DiffOp,
    DocumentScore,
    MetricScore,
    ScoreReport,
    SegmentScore,
    chrf,
    detect_lang,
    score,
    word_diff,
)
from bilingual.score.render import RENDERERS

__all__ = [
    "RENDERERS",
    "DiffOp",
    "DocumentScore",
    "MetricScore",
    "ScoreReport",
    "SegmentScore",
    "Unit",
    "Version",
    "chrf",
    "detect_lang",
    "match",
    "read_version",
    "score",
    "score_files",
    "word_diff",
]


def score_files(
    ref: Path,
    hyp: Path,
    *,
    lang: str | None = None,
    chrf_plus: bool = False,
    worst: int = 0,
    max_size: int | None = None,
    max_segment: int | None = MAX_SEGMENT,
    zh_variant: str | None = None,
    en_variant: str | None = None,
) -> ScoreReport:
    """Read REF and HYP and score them: the whole of ``bilingual score`` but the rendering.

    ``lang`` chooses the side of bilingual inputs ("en" unless "zh") and the
    tokenizer; None: the English side, tokenizer from the REF text.
    ``max_size``, ``max_segment``, ``zh_variant`` and ``en_variant``: see :func:`read_version`.
    """
    side = lang or EN
    ref_version, hyp_version = (
        read_version(
            path,
            side,
            max_size=max_size,
            max_segment=max_segment,
            zh_variant=zh_variant,
            en_variant=en_variant,
        )
        for path in (ref, hyp)
    )
    matched = match(ref_version, hyp_version)
    return score(ref_version, hyp_version, matched, lang=lang, chrf_plus=chrf_plus, worst=worst)
