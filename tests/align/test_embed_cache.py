"""The embedding cache shared by worker processes: WAL, a locked cache, a corrupt one, wrong sizes."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from bilingual.align import embed
from bilingual.align.embed import DIM, EmbeddingCache


def vector(seed: int) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal(DIM).astype(np.float32)


def test_round_trip_in_wal_mode(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path / "e.sqlite")
    cache.put_many({"一": vector(1), "one": vector(2)})
    cache.close()
    again = EmbeddingCache(tmp_path / "e.sqlite")
    found = again.get_many(["一", "one", "two"])
    assert set(found) == {"一", "one"}
    assert np.array_equal(found["一"], vector(1))
    assert again._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    again.close()


def test_two_connections_read_while_one_writes(tmp_path: Path) -> None:
    path = tmp_path / "e.sqlite"
    writer, reader = EmbeddingCache(path), EmbeddingCache(path)
    writer.put_many({"a": vector(1)})
    writer._db.execute("BEGIN IMMEDIATE")  # another worker in the middle of a write
    writer._db.execute("INSERT OR REPLACE INTO vec VALUES (?, ?)", (b"k", vector(2).tobytes()))
    assert set(reader.get_many(["a"])) == {"a"}  # WAL: readers do not wait
    writer._db.rollback()
    writer.close()
    reader.close()


def test_a_locked_cache_is_not_written_and_the_run_goes_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "e.sqlite"
    holder = EmbeddingCache(path)
    holder._db.execute("BEGIN IMMEDIATE")  # holds the write lock
    waiting = EmbeddingCache(path, wait=0.2)
    with caplog.at_level(logging.WARNING):
        waiting.put_many({"b": vector(3)})  # waits 0.2 s, then gives up without raising
    assert "locked" in caplog.text and "not stored" in caplog.text
    holder._db.rollback()
    assert waiting.get_many(["b"]) == {}
    holder.close()
    waiting.close()


def test_a_corrupt_cache_is_set_aside_and_rebuilt(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "e.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with caplog.at_level(logging.WARNING):
        cache = EmbeddingCache(path)
    assert "set aside" in caplog.text
    assert (tmp_path / "e.sqlite.corrupt-1").read_bytes().startswith(b"this is not")
    cache.put_many({"c": vector(4)})
    assert np.array_equal(cache.get_many(["c"])["c"], vector(4))
    cache.close()


def test_a_vector_of_the_wrong_size_is_a_miss(tmp_path: Path) -> None:
    path = tmp_path / "e.sqlite"
    cache = EmbeddingCache(path)
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO vec VALUES (?, ?)", (embed._key("short"), np.zeros(3, np.float32).tobytes()))
    assert cache.get_many(["short"]) == {}
    cache.close()


def test_the_key_holds_the_model_and_the_exact_text() -> None:
    assert embed._key("a") != embed._key("a ")
    assert embed._key("a") == embed._key("a")
    assert len(embed._key("a")) == 32
