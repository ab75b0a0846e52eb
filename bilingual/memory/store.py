"""Memory stage: the translation memory file (SQLite, FTS5), its schema and its writes.

One file holds every bead of every document added: the document (its name, the
corpus folder or exchange file it came from, its date, the signature of the run
that aligned it) and per bead its id (``doc:z3-4:e5``), both texts, their
search keys (:mod:`bilingual.memory.text`), the aligner's confidence and whether
an editor verified it (a pin). Three full-text indexes sit beside the beads:

- ``zh_tri``: FTS5 ``trigram`` over the zh key (queries of three characters or more);
- ``zh_short``: FTS5 over the bigram tokens of the zh key (one- and two-character
  queries, which trigram cannot serve), contentless and ``detail=none``;
- ``en_fts``: FTS5 over the stemmed English words.

Bead rowids are ``(days since 1900-01-01 of the document's date) << 32 | n``:
rowid order is date order, so "newest first" is every index's own order
(FTS5 walks rowids backwards) and never a sort of all hits.

Safety: the schema version is ``PRAGMA user_version``, the file is marked with
``PRAGMA application_id``; a file that is not SQLite, another program's SQLite
file or a newer schema is refused before anything is written (not even the
journal mode). Writes are one transaction per document (``BEGIN IMMEDIATE``), in
WAL mode with a busy timeout, so a second writer waits and a killed ``tm add``
leaves every document either as before or as new.
"""

from __future__ import annotations

import datetime
import logging
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bilingual.errors import BilingualError
from bilingual.memory.text import en_key_of, short_tokens, zh_key

log = logging.getLogger(__name__)

APPLICATION_ID = 0x424C4E47  # "BLNG"
SCHEMA = 2
BUSY_TIMEOUT_MS = 120_000  # a second `tm add` waits this long for the first one's document
DEFAULT_NAME = Path(".bilingual") / "memory.sqlite"


class MemoryFileError(BilingualError):
    """A memory file that cannot be used: not SQLite, not ours, newer, damaged, missing."""


@dataclass(frozen=True, slots=True)
class BeadRecord:
    """One bead as the memory stores it (and hands it back)."""

    id: str  # the bead id, doc:z3-4:e5 (or the unit id of an exchange file)
    zh: str
    en: str
    score: float = 1.0
    verified: bool = False


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    name: str  # a corpus document's id; for an exchange file "PATH#DOC", PATH relative to the memory
    origin: str  # the corpus folder or the exchange file, relative to the memory's folder
    date: str  # ISO date or ""
    signature: str
    beads: tuple[BeadRecord, ...]


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


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1, _v2)
_TABLES = {"documents", "beads", "zh_tri", "en_fts"}
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
        missing = _TABLES - tables
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
        """Add documents in one transaction (each all or nothing, as with :meth:`put`)."""
        with self.transaction() as db:
            for document in documents:
                self._put(db, document)

    def _put(self, db: sqlite3.Connection, document: DocumentRecord) -> None:
        """One document into an open transaction: its old beads out, the new ones in."""
        self._delete(db, document.name)
        cur = db.execute(
            "INSERT INTO documents(name, origin, date, signature) VALUES (?, ?, ?, ?)",
            (document.name, document.origin, document.date, document.signature),
        )
        doc = cur.lastrowid
        base = date_base(document.date)
        top = db.execute(
            "SELECT max(id) FROM beads WHERE id >= ? AND id < ?", (base, base + (1 << 32))
        ).fetchone()[0]
        first = base if top is None else top + 1
        rows = []
        for k, bead in enumerate(document.beads):
            zk, ek = zh_key(bead.zh), en_key_of(bead.en)
            rows.append((first + k, doc, k, bead.id, bead.zh, bead.en, zk, ek, bead.score, bead.verified))
        db.executemany("INSERT INTO beads VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        db.executemany("INSERT INTO zh_tri(rowid, zh_key) VALUES (?, ?)", ((r[0], r[6]) for r in rows))
        db.executemany("INSERT INTO en_fts(rowid, en_key) VALUES (?, ?)", ((r[0], r[7]) for r in rows))
        db.executemany(
            "INSERT INTO zh_short(rowid, tokens) VALUES (?, ?)",
            ((r[0], short_tokens(r[6])) for r in rows),
        )

    def _delete(self, db: sqlite3.Connection, name: str) -> bool:
        found = db.execute("SELECT id FROM documents WHERE name = ?", (name,)).fetchone()
        if found is None:
            return False
        old = db.execute("SELECT id, zh_key, en_key FROM beads WHERE doc = ?", found).fetchall()
        # External-content and contentless FTS5 tables forget a row only when told its old values.
        db.executemany(
            "INSERT INTO zh_tri(zh_tri, rowid, zh_key) VALUES ('delete', ?, ?)", [r[:2] for r in old]
        )
        db.executemany(
            "INSERT INTO en_fts(en_fts, rowid, en_key) VALUES ('delete', ?, ?)", [(r[0], r[2]) for r in old]
        )
        db.executemany(
            "INSERT INTO zh_short(zh_short, rowid, tokens) VALUES ('delete', ?, ?)",
            [(r[0], short_tokens(r[1])) for r in old],
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


def find_default(start: Path) -> Path | None:
    """The nearest ``.bilingual/memory.sqlite`` walking up from ``start``."""
    start = start.absolute()
    for folder in (start, *start.parents):
        candidate = folder / DEFAULT_NAME
        if candidate.is_file():
            return candidate
    return None
