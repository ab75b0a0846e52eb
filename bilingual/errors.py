"""Typed errors. The CLI turns each into one line and an exit code.

Every error that concerns a file carries its path and, where known, the line
(1-based) so the message reads ``path:line: what is wrong; what to do``.
Glossary violations are not errors: they are :class:`~bilingual.model.Finding`
objects returned by the check.
"""

from __future__ import annotations

from pathlib import Path


class BilingualError(Exception):
    """Base of every error the toolkit raises on bad input or usage."""

    exit_code = 2
    # What the message lists after its first line (an import's conflicts): the CLI shows each on
    # lines of its own under the one-line error, where the rest of a message is kept on one line.
    details: tuple[str, ...] = ()

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        return f"{where}{self.message}"

    def __reduce__(self) -> tuple[type[BilingualError], tuple[str, str | None, int | None]]:
        # Pickled whole (path and line too), so an error raised in a worker process reads the same.
        return (type(self), (self.message, self.path, self.line))


class InputError(BilingualError):
    """A file cannot be read as what it claims to be."""


class EncodingError(InputError):
    """Bytes that do not decode; the message suggests ``--encoding``."""


class CorpusError(InputError):
    """A corpus directory that cannot be paired or is empty."""


class GlossaryError(InputError):
    """A glossary file that is malformed or unsafe."""


class AlignmentError(BilingualError):
    """Alignment input that contradicts itself (pins past the end, crossing pins)."""


class ExportError(BilingualError):
    """An output that cannot be written (path is a file, no permission, stale PO)."""


class ScoreError(InputError):
    """Score inputs that do not correspond (different line counts, no common ids)."""
