"""``--similarity fast``: alignment in the static space with a fixture table (a fake embedder, no
model), and the one-line refusal when the table has not been built."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from bilingual.align import AlignConfig, align, confidence, embed, explain, static
from bilingual.cli import main
from bilingual.pipeline import Settings, run
from tests.conftest import pair_files

# Each word's fake meaning; a sentence and its translation share theirs.
MEANING = {
    "农民": "farmer", "farmer": "farmer", "收入": "income", "income": "income", "增长": "grow",
    "grew": "grow", "学校": "school", "school": "school", "修建": "build", "built": "build",
    "医院": "hospital", "hospital": "hospital", "开放": "open", "opened": "open", "河流": "river",
    "river": "river", "治理": "govern", "cleaned": "govern", "新": "new", "new": "new",
}  # fmt: skip
ZH = [
    "农民收入增长。",
    "修建学校。",
    "新医院开放。",
    "治理河流。",
]
EN = [
    "Farmer income grew.",
    "A school was built.",
    "A new hospital opened.",
    "The river was cleaned.",
]


def fake_embed(texts: Sequence[str], cache: object = None) -> np.ndarray:
    rows = []
    for text in texts:
        seed = int.from_bytes(hashlib.sha256(MEANING.get(text, text).encode()).digest()[:4], "big")
        vector = np.random.default_rng(seed).standard_normal(embed.DIM)
        rows.append(vector / np.linalg.norm(vector))
    return np.array(rows, dtype=np.float32)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No table until a test builds one (the rest of the user's cache, the lexicon's, is kept)."""
    path = tmp_path / "cache" / "static.npz"
    monkeypatch.setattr(static, "table_path", lambda: path)
    return path.parent


@pytest.fixture
def table(cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The table `bilingual models build` writes to the user cache, from the fixture vocabulary."""
    monkeypatch.setattr(embed, "available", lambda: True)
    monkeypatch.setattr(embed, "embed", fake_embed)
    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    zh.write_text("".join(f"{w}\n" for w in MEANING if not w.isascii()), encoding="utf-8")
    en.write_text("".join(f"{w}\n" for w in MEANING if w.isascii()), encoding="utf-8")
    result = CliRunner().invoke(main, ["models", "build", "--zh", str(zh), "--en", str(en), "--dims", "16"])
    assert result.exit_code == 0, result.output
    assert static.table_path().exists()
    return static.table_path()


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    return pair_files(tmp_path, ZH, EN)


def test_the_static_space_alone_aligns_the_document(table: Path) -> None:
    # Lexical share 0: the beads come from the word vectors only.
    beads = align(ZH, EN, AlignConfig(similarity="fast", fast_lexical_weight=0.0, learn=False))
    assert [(b.zh, b.en) for b in beads] == [((k,), (k,)) for k in range(4)]


def test_fast_mode_from_the_command_line(table: Path, pair: tuple[Path, Path]) -> None:
    result = CliRunner().invoke(main, ["align", "--segmented", "--similarity", "fast", *map(str, pair)])
    assert result.exit_code == 0, result.output
    assert [line.rsplit(":", 1)[0] for line in result.stdout.splitlines()] == [
        f"[{k}]:[{k}]" for k in range(4)
    ]


def test_similarity_matrix_for_a_cheap_first_pass(table: Path) -> None:
    sims = static.similarity(ZH, EN)
    assert sims.shape == (4, 4)
    assert (sims.argmax(axis=1) == np.arange(4)).all()


def test_fast_mode_without_a_table_says_what_to_run(cache: Path, pair: tuple[Path, Path]) -> None:
    result = CliRunner().invoke(main, ["align", "--segmented", "--similarity", "fast", *map(str, pair)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "bilingual models build" in lines[0]
    assert not static.table_path().exists()


def test_the_library_refuses_too(cache: Path) -> None:
    with pytest.raises(static.MissingTable, match="bilingual models build"):
        align(ZH, EN, AlignConfig(similarity="fast"))


def test_a_damaged_table_is_refused_in_one_line(cache: Path, pair: tuple[Path, Path]) -> None:
    cache.mkdir(parents=True)
    static.table_path().write_bytes(b"not a table")
    result = CliRunner().invoke(main, ["align", "--segmented", "--similarity", "fast", *map(str, pair)])
    assert result.exit_code == 2 and "models build" in result.stderr and "Traceback" not in result.output


def test_fast_mode_has_its_own_confidence_model(table: Path) -> None:
    # Its scores mean something else than semantic mode's: its own row of confidence.COEFFICIENTS.
    beads, raw = explain(ZH, EN, AlignConfig(similarity="fast"))
    assert [b.score for b in beads] == pytest.approx(list(confidence.predict(raw, "fast")))
    assert confidence.COEFFICIENTS["fast"] != confidence.COEFFICIENTS["semantic"]
    assert not np.allclose(confidence.predict(raw, "fast"), confidence.predict(raw, "semantic"))


def test_auto_is_refine_over_fast_once_the_table_is_built(table: Path, pair: tuple[Path, Path]) -> None:
    # The default: the fast pass, then e5 (here the fake embedder) only where it is unsure.
    assert AlignConfig().settled() == AlignConfig(similarity="refine", cheap="fast")
    settings = Settings.resolve(list(pair), segmented=True, use_glossary=False)
    assert settings.config.similarity == "refine" and settings.config.cheap == "fast"
    assert "|align:refine|" in settings.signature and "|table:" in settings.signature
    beads = next(iter(run(settings))).alignment.beads
    assert beads == tuple(align(ZH, EN, AlignConfig(similarity="refine", cheap="fast")))
    assert tuple(align(ZH, EN)) == beads  # the library settles auto the same way


def test_auto_without_the_table_embeds_everything_and_says_how_to_go_faster(
    cache: Path, pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(embed, "available", lambda: True)
    assert AlignConfig().settled().similarity == "semantic"
    settings = Settings.resolve(list(pair), segmented=True, use_glossary=False)
    assert settings.config.similarity == "semantic"
    assert "bilingual models build" in caplog.text
