"""Align stage, reuse between alignments of the same two texts that differ only in their pins.

``bilingual review`` re-aligns a document after every edit, and an edit
changes pins, never text. Most of an alignment does not depend on the pins:
the embeddings, the evidence spaces of the first pass, the quotation states,
and the search of every gap between two pins (or paragraph starts) that the
edit left as it was. A :class:`Memo` keeps those results for one pair of
texts, so the next alignment recomputes only what the new pins changed; the
beads are the same as without it, because every kept value is the value of a
pure step for the same arguments (the texts, settings and glossary terms the
memo is bound to, and the key that names the rest, e.g. a gap's sentence ids
and the word pairs learned in the first pass).

Bound to other texts, settings or terms, a memo forgets everything. It holds
at most ``limit`` results and ``large`` of the big ones (evidence spaces: a
few megabytes each), the least recently used going first. Not shared between
threads: one per document, used under the caller's lock.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")


class Memo:
    """Results of the aligner's pure steps for one pair of texts (see the module docstring)."""

    def __init__(self, limit: int = 4096, large: int = 8) -> None:
        self._limits = (limit, large)
        self._bound: Hashable = None
        self._kept: tuple[OrderedDict[Hashable, object], ...] = (OrderedDict(), OrderedDict())
        self._names: dict[Hashable, int] = {}
        self.hits = 0
        self.misses = 0

    def bind(self, texts: Hashable) -> None:
        """Forget everything unless ``texts`` (what the results depend on besides their keys) is unchanged."""
        if texts != self._bound or len(self._names) > self._limits[0]:
            for kept in self._kept:
                kept.clear()
            self._names.clear()
            self._bound = texts

    def name(self, key: Hashable) -> int:
        """A number for ``key``, the same for equal keys while the memo is bound: a key holding it
        hashes fast however large ``key`` is (a tuple's hash is computed again at every lookup)."""
        return self._names.setdefault(key, len(self._names))

    def get(self, key: Hashable, compute: Callable[[], T], *, large: bool = False) -> T:
        """The result kept under ``key``, else ``compute()`` (kept)."""
        kept = self._kept[large]
        if key in kept:
            kept.move_to_end(key)
            self.hits += 1
            return kept[key]  # type: ignore[return-value]
        self.misses += 1
        value = compute()
        kept[key] = value
        if len(kept) > self._limits[large]:
            kept.popitem(last=False)
        return value
