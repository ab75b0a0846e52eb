"""Translation memory and concordance: every aligned bead in one SQLite file, searchable.

A stage above :mod:`bilingual.pipeline` (as ``publish`` is): ``store`` holds the
file, its schema and writes; ``add`` puts checked alignments in it; ``search``
is the concordance; ``match`` the fuzzy match; ``renderings`` how a Chinese
string was rendered; ``mining`` glossary candidates. Nothing here prints.
Everything above ``store`` talks to a :class:`MemoryStore` (``interface``),
so another store (a database server) could stand in for the SQLite file.
"""

from __future__ import annotations

from pathlib import Path

from bilingual.memory.add import Added, add_checked, add_inputs
from bilingual.memory.interface import MemoryStore
from bilingual.memory.store import DEFAULT_NAME, SCHEMA, Memory, MemoryFileError, find_default


def open_memory(path: Path, *, create: bool = False) -> MemoryStore:
    """The memory at ``path`` (the one place that picks a store: today the SQLite file)."""
    return Memory.open(path, create=create)


__all__ = [
    "DEFAULT_NAME",
    "SCHEMA",
    "Added",
    "Memory",
    "MemoryFileError",
    "MemoryStore",
    "add_checked",
    "add_inputs",
    "find_default",
    "open_memory",
]
