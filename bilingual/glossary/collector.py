"""Glossary stage: the cyclic garbage collector paused while a check runs (no I/O)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# Whether this process ends when its command does (the ``bilingual`` console script, see
# :func:`one_shot`): then what a pause with ``keep`` made is frozen as it ends.
_ONE_SHOT = False


def one_shot(ends: bool = True) -> None:
    """Declare that this process ends with its one command (``bilingual.cli.entry`` does), or,
    with ``ends=False``, that it serves on (``bilingual review``).

    Then :func:`collector_paused` with ``keep`` freezes what was made while
    paused: no later collection, the interpreter's last one included, walks it
    again. Not in a long-lived process (the review server, a test session, a
    script calling the pipeline in a loop): a frozen cycle is never collected.
    """
    global _ONE_SHOT
    _ONE_SHOT = ends


@contextmanager
def collector_paused(*, keep: bool = False) -> Iterator[None]:
    """The cyclic garbage collector off while the check runs.

    The check allocates many short-lived tuples and lists but no reference
    cycles, so the collector has nothing to free; yet the allocations trigger
    full collections, each of which walks every object the caller holds (a
    loaded corpus: 100,000 pairs cost about 0.3 s a collection, a third of the
    check's time in ``benchmarks/check_speed.py``). Reference counting still
    frees everything; the collector's previous state is restored.

    ``keep``: what was made while paused is kept to the end of a one-shot
    process (the pairs of a file read and checked, their findings): in one
    (:func:`one_shot`), it is moved to the collector's permanent generation
    (:func:`gc.freeze`) as the pause ends; otherwise the first collection after
    it walks every one of those objects (about 0.2 s for 100,000 pairs), the
    interpreter's last one at exit again (0.3 s). Such data holds no cycles;
    reference counting frees it all the same.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep and _ONE_SHOT:
            gc.freeze()
        if enabled:
            gc.enable()
