"""Memory stage: the translation memory file (SQLite, FTS5), its schema, its writes and its queries.

The SQLite implementation of :class:`~bilingual.memory.interface.MemoryStore`:
every SQL statement of the memory is in this module. One file holds every
bead of every document added: the document (its name, the corpus folder or
exchange file it came from, its date, the signature of the run that aligned
it) and per bead its id (``doc:z3-4:e5``), both texts, their search keys
(:mod:`bilingual.memory.text`), the aligner's confidence and whether an editor
verified it (a pin). Two full-text indexes sit beside the beads (schema 3):

- ``zh_bi``: FTS5 over the bigram tokens of the zh key, with positions and a
  one-character prefix index: one character is a token prefix, two a token,
  three or more a phrase of consecutive bigrams (an exact substring). It
  replaced the trigram index and the position-less bigram index of schema 2:
  one index for every length costs a third of the two at ``tm add``;
- ``en_fts``: FTS5 over the stemmed English words.

Bead rowids are ``(days since 1900-01-01 of the document's date) << 32 | n``:
rowid order is date order, so "newest first" is every index's own order
(FTS5 walks rowids backwards) and never a sort of all hits.

Safety: the schema version is ``PRAGMA user_version``, the file is marked with
``PRAGMA application_id``; a file that is not SQLite, another program's SQLite
file or a newer schema is refused before anything is written (not even the
journal mode). Writes are one transaction per batch of whole documents
(``BEGIN IMMEDIATE``; the search keys are computed before it), in WAL mode with
a busy timeout, so a second writer waits and a killed ``tm add`` leaves every
document either as before or as new, never half in.
"""

from __future__ import annotations

import datetime
import logging
import multiprocessing as mp
import os
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from bilingual.errors import BilingualError
from bilingual.memory.interface import BeadRecord, DocumentRecord, Found, Query, StoredBead
from bilingual.memory.text import en_key_of, short_tokens, zh_key

log = logging.getLogger(__name__)

APPLICATION_ID = 0x424C4E47  # "BLNG"
SCHEMA = 3
BUSY_TIMEOUT_MS = 120_000  # a second `tm add` waits this long for the first one's batch
DEFAULT_NAME = Path(".bilingual") / "memory.sqlite"
PROBE_STEP = 3  # fuzzy-match pre-filter: a trigram of the query every 3 characters...
PROBE_CAP = 1_000  # ... unless it is in more beads than this (no filter then)
CHUNK_BEADS = 2_000  # beads whose keys the helper process computes at a time (in rowid order)
PARALLEL_BEADS = 4_000  # a batch this large has its keys computed by the helper, a chunk ahead
# FTS5: index in memory up to 64 MB before writing a segment (default 1 MB: several a transaction),
# merge 8 segments of a level at a time (default 4: fewer merges while adding, a few more
# segments to read per query).
FTS_CONFIG = (("hashsize", 64 << 20), ("automerge", 8))

__all__ = ["BeadRecord", "DocumentRecord", "Memory", "MemoryFileError"]


class MemoryFileError(BilingualError):
    """A memory file that cannot be used: not SQLite, not ours, newer, damaged, missing."""


# Version k of the schema is reached by running MIGRATIONS[k - 1] on version k - 1.
def _v1(db: sqlite3.Connection) -> None:
    # Statement by statement: executescript() would commit the migration's transaction.
    script = """
        CREATE TABLE documents(
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            origin TEXT NOT NULL,
            date TEXT NOT NULL,
            signature TEXT NOT NULL
        );
        CREATE INDEX documents_origin ON documents(origin);
        CREATE TABLE beads(
            id INTEGER PRIMARY KEY,
            doc INTEGER NOT NULL REFERENCES documents(id),
            position INTEGER NOT NULL,
            bead TEXT NOT NULL,
            zh TEXT NOT NULL,
            en TEXT NOT NULL,
            zh_key TEXT NOT NULL,
            en_key TEXT NOT NULL,
            score REAL NOT NULL,
            verified INTEGER NOT NULL
        );
        CREATE INDEX beads_doc ON beads(doc);
        CREATE VIRTUAL TABLE zh_tri USING fts5(
            zh_key, content='beads', content_rowid='id', tokenize='trigram'
        );
        CREATE VIRTUAL TABLE en_fts USING fts5(
            en_key, content='beads', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
        );
        """
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


def _v2(db: sqlite3.Connection) -> None:
    """Schema 2: the index of one- and two-character zh queries, built for the beads already there."""
    db.execute(
        "CREATE VIRTUAL TABLE zh_short USING fts5(tokens, content='', detail=none, prefix='1', "
        "tokenize='unicode61 remove_diacritics 0')"
    )
    rows = db.execute("SELECT id, zh_key FROM beads")
    db.executemany(
        "INSERT INTO zh_short(rowid, tokens) VALUES (?, ?)", ((i, short_tokens(k)) for i, k in rows)
    )


def _v3(db: sqlite3.Connection) -> None:
    """Schema 3: one bigram index with positions serves every zh query length (see the docstring)."""
    db.execute(
        "CREATE VIRTUAL TABLE zh_bi USING fts5(tokens, content='', prefix='1', "
        "tokenize='unicode61 remove_diacritics 0')"
    )
    rows = db.execute("SELECT id, zh_key FROM beads")
    db.executemany("INSERT INTO zh_bi(rowid, tokens) VALUES (?, ?)", ((i, short_tokens(k)) for i, k in rows))
    db.execute("DROP TABLE zh_tri")
    db.execute("DROP TABLE zh_short")
    for table in ("zh_bi", "en_fts"):  # kept in the tables' own config: measured 10-15% faster bulk adds
        for option, value in FTS_CONFIG:
            db.execute(f"INSERT INTO {table}({table}, rank) VALUES (?, ?)", (option, value))


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1, _v2, _v3)
# The tables a memory of each schema holds (a file missing one is damaged).
_TABLES = {
    1: {"documents", "beads", "zh_tri", "en_fts"},
    2: {"documents", "beads", "zh_tri", "en_fts", "zh_short"},
    3: {"documents", "beads", "zh_bi", "en_fts"},
}
_EPOCH = datetime.date(1900, 1, 1)


def date_base(date: str) -> int:
    """The first bead rowid of a date: days since 1900-01-01, shifted (undated: 0)."""
    try:
        days = (datetime.date.fromisoformat(date[:10]) - _EPOCH).days if date else 0
    except ValueError:
        days = 0
    return max(days, 0) << 32


class Memory:
    """An open memory file. Use :meth:`open`; close it (or use ``with``)."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db = db
        self.path = path
        self._helper: Executor | None = None

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, create: bool = False) -> Memory:
        """Open (``create``: or make) the memory at ``path``; refuse anything not ours, unchanged."""
        path = Path(path)
        if not path.exists():
            if not create:
                raise MemoryFileError("no translation memory here; build one with `bilingual tm add`", path)
            path.parent.mkdir(parents=True, exist_ok=True)
        elif not path.is_file():
            raise MemoryFileError("not a file", path)
        try:
            db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as exc:
            raise MemoryFileError(f"cannot open: {exc}", path) from exc
        try:
            cls._check(db, path)
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            memory = cls(db, path)
            memory._migrate()
        except sqlite3.Error as exc:  # a read-only file or folder, a lock held too long, a damaged page
            db.close()
            raise MemoryFileError(f"cannot open the memory: {exc}", path) from exc
        except BaseException:
            db.close()
            raise
        return memory

    @staticmethod
    def _check(db: sqlite3.Connection, path: Path) -> None:
        """Read-only checks, before any write: SQLite at all, ours, not newer."""
        try:
            app = db.execute("PRAGMA application_id").fetchone()[0]
            version = db.execute("PRAGMA user_version").fetchone()[0]
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        except sqlite3.DatabaseError as exc:
            raise MemoryFileError(f"not a translation memory (not an SQLite file: {exc})", path) from exc
        if app == 0 and version == 0 and not tables:
            return  # a new, empty file: ours to initialise
        if app != APPLICATION_ID:
            raise MemoryFileError(
                "not a translation memory of bilingual (another program's SQLite file); nothing changed",
                path,
            )
        if version > SCHEMA:
            raise MemoryFileError(
                f"written by a newer bilingual (memory schema {version}; this version reads up to "
                f"{SCHEMA}): upgrade bilingual",
                path,
            )
        missing = _TABLES.get(version, set()) - tables
        if missing:
            raise MemoryFileError(f"damaged translation memory (missing {', '.join(sorted(missing))})", path)

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA:
            return
        with self.transaction():
            version = self.db.execute("PRAGMA user_version").fetchone()[0]  # another process may have
            for k in range(version, SCHEMA):
                log.info("%s: memory schema %d -> %d", self.path, k, k + 1)
                MIGRATIONS[k](self.db)
            self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self.db.execute(f"PRAGMA user_version = {SCHEMA}")

    def close(self) -> None:
        if self._helper is not None:
            self._helper.shutdown(wait=False, cancel_futures=True)
            self._helper = None
        self.db.close()

    def __enter__(self) -> Memory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE``: a second writer waits here, not midway)."""
        with self.guard():
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")

    @contextmanager
    def guard(self) -> Iterator[None]:
        """SQLite's errors as one-line :class:`MemoryFileError` naming the file."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise MemoryFileError(
                    f"busy: another process held the memory for over {BUSY_TIMEOUT_MS // 1000} s", self.path
                ) from exc
            raise MemoryFileError(f"cannot use the memory: {exc}", self.path) from exc
        except sqlite3.DatabaseError as exc:
            raise MemoryFileError(f"damaged translation memory: {exc}", self.path) from exc

    # -- writing -------------------------------------------------------------------------------

    def put(self, document: DocumentRecord) -> None:
        """Add one document, replacing its beads if it was there: one transaction."""
        self.put_many([document])

    def put_many(self, documents: Sequence[DocumentRecord]) -> None:
        """Add documents in one transaction: each replaced whole or not at all, never half in.

        Beads are written in rowid order (FTS5 writes its in-memory index out
        as a new segment whenever a rowid is not above the last one written),
        which is (date, document, bead) order and known before ``BEGIN``. The
        search keys are pure Python and about 40% of a bulk add: for a large
        batch a helper process computes them chunk by chunk in that order, so
        this process writes one chunk while the helper keys the next; for a
        small one they are computed before ``BEGIN``, so the write lock is held
        only for the inserts.
        """
        bases = [date_base(document.date) for document in documents]
        order = sorted(range(len(documents)), key=bases.__getitem__)  # stable: document order within a date
        flat = [(i, k) for i in order for k in range(len(documents[i].beads))]
        chunks = [flat[at : at + CHUNK_BEADS] for at in range(0, len(flat), CHUNK_BEADS)]
        pool = self._pool() if len(flat) >= PARALLEL_BEADS else None
        texts = [[(documents[i].beads[k].zh, documents[i].beads[k].en) for i, k in chunk] for chunk in chunks]
        keyed = pool.map(keys_of, texts) if pool is not None else [keys_of(t) for t in texts]
        with self.transaction() as db:
            next_id: dict[int, int] = {}  # date base -> next free rowid (beads of this batch not yet in)
            docs: list[int] = []
            firsts: list[int] = []
            for document, base in zip(documents, bases, strict=True):
                docs.append(self._replace(db, document))
                first = next_id.get(base)
                if first is None:
                    top = db.execute(
                        "SELECT max(id) FROM beads WHERE id >= ? AND id < ?", (base, base + (1 << 32))
                    ).fetchone()[0]
                    first = base if top is None else top + 1
                firsts.append(first)
                next_id[base] = first + len(document.beads)
            for chunk, keys in zip(chunks, keyed, strict=True):
                rows = []
                for (i, k), (zk, ek, _) in zip(chunk, keys, strict=True):
                    bead = documents[i].beads[k]
                    rows.append(
                        (
                            firsts[i] + k,
                            docs[i],
                            k,
                            bead.id,
                            bead.zh,
                            bead.en,
                            zk,
                            ek,
                            bead.score,
                            bead.verified,
                        )
                    )
                db.executemany("INSERT INTO beads VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
                ids = [row[0] for row in rows]
                db.executemany(
                    "INSERT INTO zh_bi(rowid, tokens) VALUES (?, ?)",
                    [(r, t) for r, (_, _, t) in zip(ids, keys, strict=True)],
                )
                db.executemany(
                    "INSERT INTO en_fts(rowid, en_key) VALUES (?, ?)",
                    [(r, e) for r, (_, e, _) in zip(ids, keys, strict=True)],
                )

    def _pool(self) -> Executor | None:
        """The helper process computing search keys (None on one CPU or without fork)."""
        if self._helper is None and (os.cpu_count() or 1) > 1 and "fork" in mp.get_all_start_methods():
            self._helper = ProcessPoolExecutor(1, mp_context=mp.get_context("fork"))
        return self._helper

    def _replace(self, db: sqlite3.Connection, document: DocumentRecord) -> int:
        """The document's old beads out, its row in (inside a transaction); its row id."""
        self._delete(db, document.name)
        cur = db.execute(
            "INSERT INTO documents(name, origin, date, signature) VALUES (?, ?, ?, ?)",
            (document.name, document.origin, document.date, document.signature),
        )
        assert cur.lastrowid is not None
        return cur.lastrowid

    def _delete(self, db: sqlite3.Connection, name: str) -> bool:
        found = db.execute("SELECT id FROM documents WHERE name = ?", (name,)).fetchone()
        if found is None:
            return False
        old = db.execute("SELECT id, zh_key, en_key FROM beads WHERE doc = ?", found).fetchall()
        # External-content and contentless FTS5 tables forget a row only when told its old values.
        db.executemany(
            "INSERT INTO zh_bi(zh_bi, rowid, tokens) VALUES ('delete', ?, ?)",
            [(r[0], short_tokens(r[1])) for r in old],
        )
        db.executemany(
            "INSERT INTO en_fts(en_fts, rowid, en_key) VALUES ('delete', ?, ?)", [(r[0], r[2]) for r in old]
        )
        db.execute("DELETE FROM beads WHERE doc = ?", found)
        db.execute("DELETE FROM documents WHERE id = ?", found)
        return True

    def remove(self, name: str) -> bool:
        """Remove one document and its beads (one transaction); whether it was there."""
        with self.transaction() as db:
            return self._delete(db, name)

    def prune(self, origin: str, keep: Sequence[str]) -> list[str]:
        """Remove the documents of ``origin`` whose names are not in ``keep``; their names."""
        kept = set(keep)
        with self.guard():
            names = [r[0] for r in self.db.execute("SELECT name FROM documents WHERE origin = ?", (origin,))]
        gone = sorted(n for n in names if n not in kept)
        for name in gone:
            self.remove(name)
        return gone

    def origin_of(self, path: Path) -> str:
        """How a corpus folder or file is recorded: its path relative to the memory's folder."""
        return Path(os.path.relpath(Path(path).resolve(), self.path.resolve().parent)).as_posix()

    # -- reading -------------------------------------------------------------------------------

    def find(self, query: Query, limit: int | None) -> Found:
        """The total count and the newest ``limit`` bead keys (None: all) holding ``query``.

        zh: a key of letters and digits only is served by ``zh_bi`` alone (one
        character a token prefix, two a token, more a phrase of bigrams); a key
        with punctuation too by ``zh_bi`` on its runs of letters and digits,
        then ``instr`` on the zh keys of those beads (exact); a key of
        punctuation only by a scan. en: the stems as one phrase of ``en_fts``.
        """
        if not query.key:
            return Found(0, (), "none")
        tail = "" if limit is None else f" LIMIT {int(limit)}"
        if query.side == "en":
            table, match, exact, index = "en_fts", phrase(query.key), None, "words"
        else:
            runs = _ALNUM_RUN.findall(query.key)
            table, match = "zh_bi", " AND ".join(map(_bigram_phrase, runs))
            exact = None if runs == [query.key] else query.key
            index = "bigram" if exact is None else "bigram+instr" if runs else "scan"
        with self.guard():
            if exact is None:
                total = self.db.execute(f"SELECT count(*) FROM {table} WHERE {table} MATCH ?", (match,))
                rows = self.db.execute(
                    f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC{tail}", (match,)
                )
            else:
                where = "instr(zh_key, ?) > 0"
                args: tuple[str, ...] = (exact,)
                if match:
                    where += " AND id IN (SELECT rowid FROM zh_bi WHERE zh_bi MATCH ?)"
                    args += (match,)
                total = self.db.execute(f"SELECT count(*) FROM beads WHERE {where}", args)
                rows = self.db.execute(f"SELECT id FROM beads WHERE {where} ORDER BY id DESC{tail}", args)
            return Found(total.fetchone()[0], tuple(r[0] for r in rows), index)

    def scan(self, zh_key: str, limit: int | None) -> Found:
        """``find`` by ``instr`` over every zh key, no index: what ``zh_bi`` is measured against."""
        tail = "" if limit is None else f" LIMIT {int(limit)}"
        with self.guard():
            total = self.db.execute("SELECT count(*) FROM beads WHERE instr(zh_key, ?) > 0", (zh_key,))
            rows = self.db.execute(
                f"SELECT id FROM beads WHERE instr(zh_key, ?) > 0 ORDER BY id DESC{tail}", (zh_key,)
            )
            return Found(total.fetchone()[0], tuple(r[0] for r in rows), "scan")

    def beads(self, keys: Sequence[int]) -> list[StoredBead]:
        """Beads by key, newest first; then in document order."""
        found: list[StoredBead] = []
        with self.guard():
            for start in range(0, len(keys), 500):
                chunk = list(keys[start : start + 500])
                marks = ",".join("?" * len(chunk))
                rows = self.db.execute(
                    "SELECT b.id, b.bead, d.name, d.date, b.zh, b.en, b.zh_key, b.score, b.verified, "
                    f"b.position FROM beads b JOIN documents d ON d.id = b.doc WHERE b.id IN ({marks})",
                    chunk,
                )
                found += (
                    StoredBead(key, bead, doc, date, zh, en, zk, score, bool(verified), position)
                    for key, bead, doc, date, zh, en, zk, score, verified, position in rows
                )
        found.sort(key=lambda b: (-(b.key >> 32), b.doc_id, b.position))
        return found

    def similar_candidates(self, zh_key: str, limit: int) -> list[int]:
        """Keys of the beads sharing most of the probes of ``zh_key``: its trigrams at every
        ``PROBE_STEP``-th character, each a phrase of two bigrams; a probe in more than
        ``PROBE_CAP`` beads is no filter and is dropped (it is read no further than that)."""
        probes = {zh_key[i : i + 3] for i in range(0, len(zh_key) - 2, PROBE_STEP)}
        shared: Counter[int] = Counter()
        with self.guard():
            for probe in sorted(p for p in probes if p.isalnum()):
                found = self.db.execute(
                    "SELECT rowid FROM zh_bi WHERE zh_bi MATCH ? ORDER BY rowid DESC LIMIT ?",
                    (_bigram_phrase(probe), PROBE_CAP + 1),
                ).fetchall()
                if len(found) <= PROBE_CAP:
                    shared.update(r[0] for r in found)
        return [key for key, _ in shared.most_common(limit)]

    def pairs(self, limit: int | None) -> list[tuple[str, str]]:
        """The (zh, en) of the beads with both sides, newest first (at most ``limit``)."""
        tail = "" if not limit else f" LIMIT {int(limit)}"
        with self.guard():
            return self.db.execute(
                f"SELECT zh, en FROM beads WHERE zh != '' AND en != '' ORDER BY id DESC{tail}"
            ).fetchall()

    def stats(self) -> dict[str, object]:
        """Documents, beads, verified beads, dates, schema, file size, the signatures used."""
        with self.guard():
            docs, first, last = self.db.execute(
                "SELECT count(*), min(date), max(date) FROM documents"
            ).fetchone()
            beads, verified = self.db.execute(
                "SELECT count(*), coalesce(sum(verified), 0) FROM beads"
            ).fetchone()
            origins = self.db.execute(
                "SELECT origin, count(*) FROM documents GROUP BY origin ORDER BY origin"
            )
            signatures = self.db.execute(
                "SELECT signature, count(*) FROM documents GROUP BY signature ORDER BY 2 DESC"
            ).fetchall()
            origin_rows = origins.fetchall()
        size = sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists())
        return {
            "path": str(self.path),
            "schema": SCHEMA,
            "documents": docs,
            "beads": beads,
            "verified": verified,
            "first_date": first or "",
            "last_date": last or "",
            "bytes": size,
            "origins": {o: n for o, n in origin_rows},
            "signatures": {s: n for s, n in signatures},
        }


def phrase(text: str) -> str:
    """``text`` as one FTS5 string: everything inside is literal (``"`` doubled)."""
    return '"' + text.replace('"', '""') + '"'


_ALNUM_RUN = re.compile(r"[^\W_]+")


def _bigram_phrase(run: str) -> str:
    """A run of letters and digits as a ``zh_bi`` query: a token prefix, a token, or a phrase of bigrams."""
    if len(run) == 1:
        return phrase(run) + "*"
    return phrase(" ".join(run[i : i + 2] for i in range(len(run) - 1)))


def keys_of(texts: Sequence[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(zh key, en key, bigram tokens) of each (zh, en): the pure part of a write."""
    out = []
    for zh, en in texts:
        zk = zh_key(zh)
        out.append((zk, en_key_of(en), short_tokens(zk)))
    return out


def find_default(start: Path) -> Path | None:
    """The nearest ``.bilingual/memory.sqlite`` walking up from ``start``."""
    start = start.absolute()
    for folder in (start, *start.parents):
        candidate = folder / DEFAULT_NAME
        if candidate.is_file():
            return candidate
    return None
