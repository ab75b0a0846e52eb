"""Memory stage: what the commands need of a translation memory, whatever holds it.

``tm add``, ``tm search``, ``tm match``, ``tm renderings``, ``tm stats`` and
``glossary suggest`` talk to a :class:`MemoryStore`, never to SQL: the SQLite
file (:class:`bilingual.memory.store.Memory`) is one implementation, and a
server (PostgreSQL with ``pg_trgm`` or PGroonga, for an archive shared by
several offices) would be another, answering the same few questions. The
records here are what crosses that line; the store decides how a query is
served (which index) and says so in :class:`Found`.

Bead keys are integers ordered by date (newest = largest), so "newest first"
is a key order in every store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol


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


@dataclass(frozen=True, slots=True)
class StoredBead:
    """A bead read back: its key (date order), ids, date, texts, zh search key, confidence, pin."""

    key: int
    id: str
    doc_id: str
    date: str
    zh: str
    en: str
    zh_key: str
    score: float
    verified: bool
    position: int  # in its document


@dataclass(frozen=True, slots=True)
class Query:
    """A concordance query: the zh key (:func:`~bilingual.memory.text.zh_key`) or the English stems."""

    side: Literal["zh", "en"]
    key: str  # the zh key, or the stems joined by spaces


@dataclass(frozen=True, slots=True)
class Found:
    total: int  # every bead that holds the query, not only the page
    keys: tuple[int, ...]  # the newest ones, newest first
    index: str  # how the store served it (shown to the user: bigram, words, scan...)


class MemoryStore(Protocol):
    """The operations the commands use; everything else is the store's own business."""

    path: Path

    def put_many(self, documents: Sequence[DocumentRecord]) -> None:
        """Add documents, replacing those of the same name; each whole or not at all."""
        ...

    def remove(self, name: str) -> bool: ...

    def prune(self, origin: str, keep: Sequence[str]) -> list[str]:
        """Remove the documents of ``origin`` not named in ``keep``; their names."""
        ...

    def origin_of(self, path: Path) -> str:
        """How a corpus folder or exchange file is recorded (relative to the memory)."""
        ...

    def find(self, query: Query, limit: int | None) -> Found:
        """Beads holding ``query`` (a substring of the zh key, a phrase of stems): count and newest keys."""
        ...

    def beads(self, keys: Sequence[int]) -> list[StoredBead]:
        """Beads by key, newest first (then in document order)."""
        ...

    def similar_candidates(self, zh_key: str, limit: int) -> list[int]:
        """Keys of up to ``limit`` beads sharing most of the rarest n-grams of ``zh_key`` (fuzzy match)."""
        ...

    def pairs(self, limit: int | None) -> list[tuple[str, str]]:
        """(zh, en) of the beads with both sides, newest first (glossary mining)."""
        ...

    def stats(self) -> dict[str, object]: ...

    def close(self) -> None: ...

    def __enter__(self) -> MemoryStore: ...

    def __exit__(self, *exc: object) -> None: ...
