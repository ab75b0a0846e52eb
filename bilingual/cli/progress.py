"""Progress of a long command on standard error, fed by the pipeline's callback.

On a terminal: one line redrawn in place, a bar per phase (reading, aligning,
checking, writing) with the count and the current document. Elsewhere (a CI
log, a pipe): a plain line every ``interval`` seconds, so a 2-minute run is
not silent and a 1-second one prints nothing. The report itself never goes
here: standard output stays the report's.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from bilingual.cli.output import terminal_safe

PHASES = {"read": "reading", "align": "aligning", "check": "checking", "write": "writing"}
_WIDTH = 24


class Progress:
    """A callable ``(phase, done, total, name)``, as :data:`bilingual.pipeline.Progress` expects."""

    def __init__(
        self, stream: TextIO | None = None, *, tty: bool | None = None, interval: float = 5.0
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.interval = interval
        self.started = time.monotonic()
        self.last = self.started
        self.drawn = False

    def __call__(self, phase: str, done: int, total: int | None, name: str) -> None:
        label = PHASES.get(phase, phase)
        now = time.monotonic()
        count = f"{done}/{total}" if total else str(done)
        if self.tty:
            bar = ""
            if total:
                filled = round(_WIDTH * done / total)
                bar = "[" + "#" * filled + "." * (_WIDTH - filled) + "] "
            line = f"{label:9} {bar}{count} {terminal_safe(name, newlines=False)}"[:100]
            self.stream.write("\r\x1b[2K" + line)
            self.stream.flush()
            self.drawn = True
        elif now - self.last >= self.interval:
            elapsed = now - self.started
            self.stream.write(f"{label} {count} ({elapsed:.0f} s) {terminal_safe(name, newlines=False)}\n")
            self.stream.flush()
            self.last = now

    def done(self) -> None:
        """Clear the bar (on a terminal), so what follows starts on a clean line."""
        if self.tty and self.drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self.drawn = False
