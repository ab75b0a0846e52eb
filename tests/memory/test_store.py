"""The memory file: schema and migrations, idempotent adds, pruning, refusals, two writers at once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bilingual.memory import SCHEMA, Memory, MemoryFileError, add_checked
from bilingual.memory import store as storing
from bilingual.memory.search import search

from .conftest import SMALL, checked


def test_readding_replaces_a_documents_beads(small: Memory) -> None:
    before = small.stats()
    add_checked(small, SMALL, "test")
    assert small.stats()["beads"] == before["beads"] == 6
    changed = checked("a", "2023-01-05", [("推动共同富裕。", "Promote common prosperity.")])
    add_checked(small, [changed], "test-2")
    stats = small.stats()
    assert stats["documents"] == 2 and stats["beads"] == 4
    assert search(small, "示范区").total == 0  # the old bead is gone from every index
    assert search(small, "共同富裕").total == 2
    assert search(small, "共富").total == 0  # 共富工坊 was in the replaced bead
    assert search(small, "prosperity demonstration").total == 0


def test_batches_of_documents_store_the_same(small: Memory, tmp_path: Path) -> None:
    """``small`` is written in one transaction (the default batch); one a document stores the same."""
    with Memory.open(tmp_path / "batched.sqlite", create=True) as batched:
        add_checked(batched, SMALL, "test", batch=1)
        rows = "SELECT id, bead, zh, en, zh_key, en_key, score, verified FROM beads ORDER BY id"
        assert batched.db.execute(rows).fetchall() == small.db.execute(rows).fetchall()
        assert search(batched, "富").total == search(small, "富").total == 3


def test_prune_removes_what_the_source_no_longer_holds(small: Memory) -> None:
    assert small.prune("", ["b"]) == ["a"]
    assert small.stats()["documents"] == 1
    assert search(small, "紅船").total == 1  # b's bead only


def test_a_failed_document_leaves_the_memory_as_before(
    small: Memory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure while the keys are computed (before the transaction) changes nothing."""
    calls = []

    def broken(key: str) -> str:
        calls.append(key)
        if len(calls) > 1:
            raise KeyboardInterrupt
        return key

    monkeypatch.setattr(storing, "short_tokens", broken)
    replaced = checked("a", "2023-01-05", [("新的一句。", "A new sentence."), ("又一句。", "Another.")])
    with pytest.raises(KeyboardInterrupt):
        add_checked(small, [replaced], "test")
    monkeypatch.undo()
    assert small.stats()["beads"] == 6
    assert search(small, "示范区").total == 1


def test_a_failure_midway_through_a_batch_leaves_every_document_as_before(
    small: Memory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch is one transaction: killed at its third document, the first two (one of them a
    replacement, one new) are not half in either."""
    delete = Memory._delete
    calls = []

    def dying(self: Memory, db: sqlite3.Connection, name: str) -> bool:
        calls.append(name)
        if len(calls) == 3:
            raise KeyboardInterrupt  # stands for a kill, inside the transaction
        return delete(self, db, name)

    monkeypatch.setattr(Memory, "_delete", dying)
    before = small.db.execute("SELECT * FROM beads ORDER BY id").fetchall()
    batch = [
        checked("a", "2023-01-05", [("新的一句。", "A new sentence.")]),
        checked("c", "2023-02-01", [("另一个文件。", "Another document.")]),
        checked("d", "2023-02-02", [("第三个。", "The third.")]),
    ]
    with pytest.raises(KeyboardInterrupt):
        add_checked(small, batch, "test")
    monkeypatch.undo()
    assert calls == ["a", "c", "d"]
    assert small.db.execute("SELECT * FROM beads ORDER BY id").fetchall() == before
    assert small.stats()["documents"] == 2
    assert search(small, "示范区").total == 1 and search(small, "新的").total == 0
    assert search(small, "文件").total == 0 and search(small, "document").total == 0


def test_schema_version_and_application_id(small: Memory) -> None:
    assert small.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA
    assert small.db.execute("PRAGMA application_id").fetchone()[0] == storing.APPLICATION_ID


def test_migration_from_schema_1_builds_the_short_index(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path, isolation_level=None)
    storing.MIGRATIONS[0](db)  # a memory written by schema 1 (no index of 1-2 character queries)
    db.execute(f"PRAGMA application_id = {storing.APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")
    db.execute("INSERT INTO documents VALUES (1, 'old', '', '2020-01-01', 'sig')")
    db.execute(
        "INSERT INTO beads VALUES "
        "(5, 1, 0, 'old:z0:e0', '共富', 'Common prosperity.', '共富', 'common prosper', 1, 0)"
    )
    db.execute("INSERT INTO zh_tri(rowid, zh_key) VALUES (5, '共富')")
    db.close()
    with Memory.open(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA
        assert search(store, "共富").total == 1
        assert search(store, "富").total == 1


def test_migration_from_schema_2_replaces_the_trigram_index(tmp_path: Path) -> None:
    """Schema 2 had a trigram index and a bigram index without positions; 3 has one bigram index."""
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path, isolation_level=None)
    storing.MIGRATIONS[0](db)
    storing.MIGRATIONS[1](db)
    db.execute(f"PRAGMA application_id = {storing.APPLICATION_ID}")
    db.execute("PRAGMA user_version = 2")
    db.execute("INSERT INTO documents VALUES (1, 'old', '', '2020-01-01', 'sig')")
    zh, en = "推动共同富裕示范区建设。", "Common prosperity."
    row = (zh, en, storing.zh_key(zh), storing.en_key_of(en))
    db.execute("INSERT INTO beads VALUES (7, 1, 0, 'old:z0:e0', ?, ?, ?, ?, 1, 0)", row)
    db.execute("INSERT INTO zh_tri(rowid, zh_key) VALUES (7, ?)", (row[2],))
    db.execute("INSERT INTO zh_short(rowid, tokens) VALUES (7, ?)", (storing.short_tokens(row[2]),))
    db.execute("INSERT INTO en_fts(rowid, en_key) VALUES (7, ?)", (row[3],))
    db.close()
    with Memory.open(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA == 3
        tables = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "zh_bi" in tables and not {"zh_tri", "zh_short"} & tables
        for query in ("富", "共同", "共同富裕", "富裕示范区建设", "，", "prosperity"):
            assert search(store, query).total == (0 if query == "，" else 1), query
        store.remove("old")  # the migrated index forgets a bead as a new one does
        assert search(store, "共同富裕").total == 0 and search(store, "富").total == 0


def test_a_newer_schema_is_refused_with_its_version(small: Memory) -> None:
    small.db.execute(f"PRAGMA user_version = {SCHEMA + 1}")
    path = small.path
    small.close()
    with pytest.raises(MemoryFileError, match=rf"newer bilingual \(memory schema {SCHEMA + 1}"):
        Memory.open(path)


def test_a_foreign_sqlite_file_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes(text)")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(MemoryFileError, match="another program's SQLite file"):
        Memory.open(path, create=True)
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists()


@pytest.mark.parametrize(
    "content", [b"not a database at all\n" * 100, b"SQLite format 3\x00" + b"\xff" * 2000]
)
def test_a_corrupt_file_is_refused_in_one_line(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.sqlite"
    path.write_bytes(content)
    with pytest.raises(MemoryFileError) as caught:
        Memory.open(path, create=True)
    assert "\n" not in str(caught.value) and str(path) in str(caught.value)
    assert path.read_bytes() == content


def test_a_read_only_memory_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "memory.sqlite"
    with Memory.open(path, create=True):
        pass
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = DELETE")  # so that opening it must write (WAL)
    db.close()
    connect = sqlite3.connect

    def read_only(*args: object, **kwargs: object) -> sqlite3.Connection:  # stands for a read-only mount
        return connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)

    monkeypatch.setattr(storing.sqlite3, "connect", read_only)
    with pytest.raises(MemoryFileError, match="cannot open the memory"):
        Memory.open(path)


def test_a_missing_memory_is_not_created_by_a_reader(tmp_path: Path) -> None:
    with pytest.raises(MemoryFileError, match="tm add"):
        Memory.open(tmp_path / "none.sqlite")
    assert not (tmp_path / "none.sqlite").exists()


_WRITER = """
import sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from memory.conftest import checked
from bilingual.memory import Memory, add_checked
name = sys.argv[1]
pairs = [("共同富裕。", "Common prosperity.")] * 30
docs = [checked(f"{{name}}-{{k}}", "2024-01-01", pairs) for k in range(40)]
with Memory.open(Path(sys.argv[2]), create=True) as store:
    add_checked(store, docs, name)
"""


def test_two_adds_at_once_lose_nothing(tmp_path: Path) -> None:
    """WAL and a busy timeout: the second writer waits for the first one's document."""
    path = tmp_path / "memory.sqlite"
    with Memory.open(path, create=True):
        pass  # created once, so both writers open an existing memory
    script = _WRITER.format(tests=str(Path(__file__).resolve().parents[1]))
    writers = [
        subprocess.Popen([sys.executable, "-c", script, name, str(path)], stderr=subprocess.PIPE)
        for name in ("one", "two")
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err.decode()
    with Memory.open(path) as store:
        stats = store.stats()
        assert stats["documents"] == 80 and stats["beads"] == 80 * 30
        assert search(store, "共同富裕").total == 2400


_KILLED = """
import sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from memory.conftest import checked
from bilingual.memory import Memory, add_checked
docs = (checked(f"doc-{{k}}", "2024-01-01", [(f"共同富裕第{{k}}句。", "Common prosperity.")] * 25)
        for k in range(100_000))
with Memory.open(Path(sys.argv[1]), create=True) as store:
    add_checked(store, docs, "bulk", batch=500)
"""


def test_a_killed_add_leaves_no_document_half_in(tmp_path: Path) -> None:
    """SIGKILL during a bulk load: every document in the memory holds all of its beads."""
    path = tmp_path / "memory.sqlite"
    with Memory.open(path, create=True):
        pass
    script = _KILLED.format(tests=str(Path(__file__).resolve().parents[1]))
    writer = subprocess.Popen([sys.executable, "-c", script, str(path)], stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        with Memory.open(path) as store:
            while store.stats()["documents"] < 60 and time.monotonic() < deadline:
                time.sleep(0.05)  # a few batches committed, and more being written
    finally:
        writer.kill()
        writer.wait()
    with Memory.open(path) as store:
        docs, beads = store.stats()["documents"], store.stats()["beads"]
        assert isinstance(docs, int) and docs >= 60 and beads == 25 * docs
        per_doc = store.db.execute("SELECT count(*) FROM beads GROUP BY doc").fetchall()
        assert {n for (n,) in per_doc} == {25}
        assert search(store, "富").total == search(store, "共同富裕").total == beads


def test_the_helper_process_stores_the_same(
    small: Memory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large batch has its keys computed by a helper process, a chunk ahead: same rows, same hits."""
    monkeypatch.setattr(storing, "PARALLEL_BEADS", 1)
    monkeypatch.setattr(storing, "CHUNK_BEADS", 2)  # chunks of 2 beads in rowid order (across documents)
    with Memory.open(tmp_path / "helped.sqlite", create=True) as helped:
        add_checked(helped, SMALL, "test")
        assert helped._helper is not None
        rows = "SELECT id, bead, zh, en, zh_key, en_key, score, verified FROM beads ORDER BY id"
        assert helped.db.execute(rows).fetchall() == small.db.execute(rows).fetchall()
        for query in ("富", "共富", "红船精神", "，共", "Red Boat"):
            assert search(helped, query) == search(small, query), query


def test_a_failure_in_the_helper_leaves_the_batch_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The helper fails on the second chunk, after the first was written: the whole batch rolls back."""
    monkeypatch.setattr(storing, "PARALLEL_BEADS", 1)
    monkeypatch.setattr(storing, "CHUNK_BEADS", 1)
    real = storing.short_tokens

    def failing(key: str) -> str:
        if "坏" in key:
            raise ValueError("a key that cannot be made")
        return real(key)

    monkeypatch.setattr(storing, "short_tokens", failing)  # before the helper is forked: it inherits it
    with Memory.open(tmp_path / "m.sqlite", create=True) as store:
        add_checked(store, SMALL[:1], "test")
        before = store.db.execute("SELECT * FROM beads ORDER BY id").fetchall()
        batch = [
            checked("a", "2023-01-05", [("新的一句。", "A new sentence.")]),
            checked("c", "2023-02-01", [("坏的一句。", "A bad sentence.")]),
        ]
        with pytest.raises(ValueError, match="cannot be made"):
            add_checked(store, batch, "test")
        assert store.db.execute("SELECT * FROM beads ORDER BY id").fetchall() == before
        assert search(store, "示范区").total == 1 and search(store, "新的").total == 0


def test_a_batch_of_mixed_dates_is_keyed_by_date_then_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chunks cut across documents in rowid order: each bead gets its document's rowid and keys."""
    monkeypatch.setattr(storing, "PARALLEL_BEADS", 1)
    monkeypatch.setattr(storing, "CHUNK_BEADS", 3)
    docs = [
        checked("late", "2024-05-01", [("后来一", "Later one"), ("后来二", "Later two")]),
        checked("early", "2020-01-01", [("早先一", "Earlier one"), ("早先二", "Earlier two")]),
        checked("late-too", "2024-05-01", [("后来三", "Later three")]),
    ]
    with Memory.open(tmp_path / "m.sqlite", create=True) as store:
        add_checked(store, docs, "test")
        rows = store.db.execute(
            "SELECT documents.name, beads.zh, beads.en FROM beads JOIN documents "
            "ON documents.id = beads.doc ORDER BY beads.id"
        ).fetchall()
        assert rows == [
            ("early", "早先一", "Earlier one"),
            ("early", "早先二", "Earlier two"),
            ("late", "后来一", "Later one"),
            ("late", "后来二", "Later two"),
            ("late-too", "后来三", "Later three"),
        ]
        assert search(store, "后来").total == 3 and search(store, "earlier").total == 2
