"""How fast this machine is right now, for reading benchmark figures on a shared VM.

The same pure-Python loop takes about 1.0 s here when the machine is quiet and
up to 3 s when it is not; each benchmark prints it, before and after its runs.
"""

from __future__ import annotations

import time


def reference_loop() -> float:
    """Seconds for a fixed pure-Python loop (20 million additions)."""
    start = time.perf_counter()
    total = 0
    for i in range(20_000_000):
        total += i
    return time.perf_counter() - start
