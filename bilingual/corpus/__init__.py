"""Reading bulletins: decode, strip page chrome, find title, date and paragraphs.

Public API:
- :func:`read_document` reads and segments one file;
- :func:`pair_corpus` pairs ``ROOT/zh/NAME.*`` with ``ROOT/en/NAME.*`` by file stem
  (the suffixes may differ), with an optional gold alignment ``ROOT/gold/NAME.align``;
- :func:`read_pair` reads both sides of a pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from bilingual.corpus.pairing import pair_corpus
from bilingual.corpus.read import doc_id, read_raw
from bilingual.errors import InputError
from bilingual.io import MAX_SIZE
from bilingual.model import EN, ZH, AlignedPair, CorpusPair, Document

__all__ = [
    "MAX_SEGMENT",
    "MAX_SIZE",
    "doc_id",
    "pair_corpus",
    "read_document",
    "read_pair",
    "read_raw",
    "refuse_long_text",
    "refuse_long_units",
]

# A sentence is rarely over 300 characters; 20,000 without a sentence end is
# a page that lost its punctuation (or not a bulletin), and would make the
# aligner's cost matrix and every exchange format unusable.
MAX_SEGMENT = 20_000


def read_document(
    path: Path,
    lang: str | None = None,
    encoding: str | None = None,
    *,
    semicolon: bool = False,
    max_size: int | None = MAX_SIZE,
    max_segment: int | None = MAX_SEGMENT,
) -> Document:
    """Read one bulletin and split it into segments (title, date line, sentences).

    A file over ``max_size`` bytes, or a segment over ``max_segment``
    characters, is an :class:`~bilingual.errors.InputError` naming the file
    (and, for the segment, its line); None lifts either cap.
    """
    from bilingual.corpus.segment import segment

    doc = segment(read_raw(Path(path), lang, encoding, max_size=max_size), semicolon=semicolon)
    if max_segment is not None:
        _refuse_long_segment(doc, max_segment)
    return doc


def read_pair(
    pair: CorpusPair,
    encoding: str | None = None,
    *,
    max_size: int | None = MAX_SIZE,
    max_segment: int | None = MAX_SEGMENT,
) -> tuple[Document, Document]:
    return (
        read_document(pair.zh, ZH, encoding, max_size=max_size, max_segment=max_segment),
        read_document(pair.en, EN, encoding, max_size=max_size, max_segment=max_segment),
    )


def refuse_long_text(text: str, max_segment: int, path: Path | None, line: int | None, what: str) -> None:
    """The one length check for text read from a file of pairs or a version to score.

    ``what`` names the text for a person ("unit 'a:3' (en)", "line 7"); over
    ``max_segment`` characters is an :class:`~bilingual.errors.InputError`
    naming the file (and the line, when known).
    """
    if len(text) > max_segment:
        start = " ".join(text[:24].split())
        raise InputError(
            f"{what} ({start!r}…) is {len(text):,} characters long (the cap is {max_segment:,}; "
            "--max-segment): is the punctuation missing, or is this the wrong file?",
            path,
            line,
        )


def _refuse_long_segment(doc: Document, max_segment: int) -> None:
    for seg in doc.segments:
        if len(seg.text) > max_segment:
            # Plain text keeps the file's characters, so its lines are the file's;
            # Markdown and HTML text is extracted, so there the line is unknown.
            line = doc.text.count("\n", 0, seg.start) + 1 if doc.format == "txt" else None
            start = " ".join(seg.text[:24].split())
            raise InputError(
                f"segment {seg.index + 1} ({start!r}…) is {len(seg.text):,} characters long without "
                f"a sentence end (the cap is {max_segment:,}; --max-segment): is the punctuation missing?",
                doc.path,
                line,
            )


def refuse_long_units(path: Path, pairs: Sequence[AlignedPair], max_segment: int) -> None:
    """An InputError naming the file and the unit when a unit's text is over ``max_segment`` characters.

    Files of pairs, every format's reader: a 20 MB unit would otherwise reach
    the glossary check and every writer (bulletins are checked as they are read).
    """
    if max((max(len(pair.zh), len(pair.en)) for pair in pairs), default=0) <= max_segment:
        return
    for pair in pairs:
        refuse_long_text(pair.zh, max_segment, path, None, f"unit {pair.id!r} (zh)")
        refuse_long_text(pair.en, max_segment, path, None, f"unit {pair.id!r} (en)")
