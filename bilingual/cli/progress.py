"""Progress of a long command on standard error, fed by the pipeline's callback.

On a terminal: one line redrawn in place, a bar per phase (reading, aligning,
checking, writing) with the count and the current document. Elsewhere (a CI
log, a pipe): a plain line every ``interval`` seconds, so a 2-minute run is
not silent and a 1-second one prints nothing. The report itself never goes
here: standard output stays the report's (``align``, ``export`` and ``check``
write theirs there).

Every long command (``align``, ``export``, ``publish``, ``check``) builds its
reporter with :func:`reporter`, so they share the ``--progress/--no-progress``
switch and the look. The interval and the clock are injectable (tests set
:data:`INTERVAL` to 0 rather than wait).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

import click

from bilingual.cli.output import terminal_safe

PHASES = {"read": "reading", "align": "aligning", "check": "checking", "write": "writing"}
INTERVAL = 5.0  # seconds between two plain lines (no terminal); read when a Progress is made
_WIDTH = 24


class Progress:
    """A callable ``(phase, done, total, name)``, as :data:`bilingual.pipeline.Progress` expects."""

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        tty: bool | None = None,
        interval: float | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.interval = INTERVAL if interval is None else interval
        self.clock = clock or time.monotonic
        self.started = self.clock()
        self.last = self.started
        self.drawn = False

    def __call__(self, phase: str, done: int, total: int | None, name: str) -> None:
        label = PHASES.get(phase, phase)
        now = self.clock()
        count = f"{done}/{total}" if total else str(done)
        if self.tty:
            bar = ""
            if total:
                filled = round(_WIDTH * min(done, total) / total)
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


def reporter(show: bool) -> Progress | None:
    """The reporter of a command's ``--progress`` (None with ``--no-progress``)."""
    return Progress() if show else None


# ``--progress/--no-progress`` (parameter ``show_progress``), the same on every long command.
progress_option = click.option(
    "--progress/--no-progress",
    "show_progress",
    default=True,
    show_default=True,
    help="Progress on standard error: a bar on a terminal, else a line every few seconds.",
)
