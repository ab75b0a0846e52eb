"""Translation memory and concordance: every aligned bead in one SQLite file, searchable.

A stage above :mod:`bilingual.pipeline` (as ``publish`` is): ``store`` holds the
file, its schema and writes; ``add`` puts checked alignments in it; ``search``
is the concordance; ``match`` the fuzzy match; ``renderings`` how a Chinese
string was rendered; ``mining`` glossary candidates. Nothing here prints.
"""

from __future__ import annotations

from bilingual.memory.add import Added, add_checked, add_inputs
from bilingual.memory.store import DEFAULT_NAME, SCHEMA, Memory, MemoryFileError, find_default

__all__ = [
    "DEFAULT_NAME",
    "SCHEMA",
    "Added",
    "Memory",
    "MemoryFileError",
    "add_checked",
    "add_inputs",
    "find_default",
]
