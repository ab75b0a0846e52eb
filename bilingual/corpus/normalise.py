"""Normalised *views* of text for matching; the original is never changed.

Bulletins scraped from the web mix NBSP, full-width spaces and curly quotes
with ordinary ones. Comparisons (pairing, lexical evidence, glossary matching)
use these views; exports always show the original characters.
"""

from __future__ import annotations

import unicodedata

# One-to-one replacements: same length, so offsets into the view are offsets
# into the original. NFC is applied separately because it can change length.
_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t"
_TABLE = str.maketrans(
    {
        **{ch: " " for ch in _SPACES},
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
    }
)


def fold(text: str) -> str:
    """Spaces and quotes folded one-to-one: ``len(fold(t)) == len(t)``."""
    return text.translate(_TABLE)


def normalise(text: str) -> str:
    """NFC, then spaces and curly quotes folded, then whitespace runs collapsed."""
    return " ".join(fold(unicodedata.normalize("NFC", text)).split())
