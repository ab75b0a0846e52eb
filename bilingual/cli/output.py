"""What the CLI shows a person: terminal-safe text, and a quiet end when the reader goes away.

:func:`terminal_safe` (from :mod:`bilingual.display`) is the one escaping of
control characters for human-readable output: every text report, listing and
error message goes through it. JSON, JSONL, TSV and ``segment`` output keep
the text exactly and rely on their own escaping.

:func:`silence_stdout` is what the Python documentation recommends after a
``BrokenPipeError`` (``bilingual ... | head``): point the standard output
descriptor at ``/dev/null`` so the interpreter's final flush cannot fail
again and print "Exception ignored ... BrokenPipeError".
"""

from __future__ import annotations

import contextlib
import os
import sys

from bilingual.display import terminal_safe

__all__ = ["one_line", "silence_stdout", "terminal_safe"]


def one_line(text: str) -> str:
    """``text`` escaped for a terminal, line breaks included: an error message stays one line."""
    return terminal_safe(text, newlines=False)


def silence_stdout() -> None:
    """Send whatever standard output still holds to ``/dev/null`` (after a broken pipe)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
