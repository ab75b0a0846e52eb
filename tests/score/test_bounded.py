"""Scoring in bounded memory: chunked sacrebleu statistics, the TER fallback for long segments."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from bilingual.score import metrics
from bilingual.score.inputs import Unit, Version, match

WORDS = ["the", "meeting", "was", "held", "in", "province", "rural", "revitalization", ".", ","]


def _versions(refs: list[str], hyps: list[str]) -> tuple[Version, Version]:
    ref = Version(Path("ref.txt"), "text", tuple(Unit("", str(i), t) for i, t in enumerate(refs, 1)))
    hyp = Version(Path("hyp.txt"), "text", tuple(Unit("", str(i), t) for i, t in enumerate(hyps, 1)))
    return ref, hyp


def test_chunked_statistics_give_sacrebleus_corpus_scores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(metrics, "STATISTICS_CHUNK", 7)
    rng = random.Random(5)
    refs = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 25))) for _ in range(100)]
    hyps = [" ".join(w if rng.random() > 0.2 else rng.choice(WORDS) for w in r.split()) for r in refs]
    ref, hyp = _versions(refs, hyps)
    report = metrics.score(ref, hyp, match(ref, hyp), lang="en")
    expected = [m.corpus_score(hyps, [refs]) for m in (BLEU(), CHRF(), TER())]
    assert [m.score for m in report.metrics] == pytest.approx([e.score for e in expected])


@pytest.mark.parametrize("seed", range(20))
def test_edit_distance_is_levenshtein(seed: int) -> None:
    rng = random.Random(seed)
    a = [rng.choice("abcd") for _ in range(rng.randint(0, 15))]
    b = [rng.choice("abcde") for _ in range(rng.randint(0, 15))]
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        new = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            new[j] = min(row[j] + 1, new[j - 1] + 1, row[j - 1] + (x != y))
        row = new
    assert metrics.edit_distance(a, b) == row[-1]


def test_a_long_segment_gets_ter_without_shifts_and_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(metrics, "TER_MAX_CELLS", 100)
    short, long = "the meeting was held", " ".join(["rural revitalization"] * 20)
    ref, hyp = _versions([short, long], [short, long.replace("rural", "urban", 3)])
    report = metrics.score(ref, hyp, match(ref, hyp), lang="en")
    assert [s.ter for s in report.segments] == pytest.approx([0.0, 100 * 3 / 40])
    assert any("too long for sacrebleu's TER" in note and ": 2" in note for note in report.notes)
