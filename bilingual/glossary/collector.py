"""Glossary stage: the cyclic garbage collector paused while a check runs (no I/O)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while the check runs.

    The check allocates many short-lived tuples and lists but no reference
    cycles, so the collector has nothing to free; yet the allocations trigger
    full collections, each of which walks every object the caller holds (a
    loaded corpus: 100,000 pairs cost about 0.3 s a collection, a third of the
    check's time in ``benchmarks/check_speed.py``). Reference counting still
    frees everything; the collector's previous state is restored.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
