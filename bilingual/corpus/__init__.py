"""Reading bulletins: decode, strip page chrome, find title, date and paragraphs.

Public API:
- :func:`read_document` reads and segments one file;
- :func:`pair_corpus` pairs ``ROOT/zh/NAME.*`` with ``ROOT/en/NAME.*`` by file stem
  (the suffixes may differ), with an optional gold alignment ``ROOT/gold/NAME.align``;
- :func:`read_pair` reads both sides of a pair.
"""

from __future__ import annotations

from pathlib import Path

from bilingual.corpus.pairing import pair_corpus
from bilingual.corpus.read import doc_id, read_raw
from bilingual.model import EN, ZH, CorpusPair, Document

__all__ = ["doc_id", "pair_corpus", "read_document", "read_pair", "read_raw"]


def read_document(
    path: Path, lang: str | None = None, encoding: str | None = None, *, semicolon: bool = False
) -> Document:
    """Read one bulletin and split it into segments (title, date line, sentences)."""
    from bilingual.corpus.segment import segment

    return segment(read_raw(Path(path), lang, encoding), semicolon=semicolon)


def read_pair(pair: CorpusPair, encoding: str | None = None) -> tuple[Document, Document]:
    return read_document(pair.zh, ZH, encoding), read_document(pair.en, EN, encoding)
