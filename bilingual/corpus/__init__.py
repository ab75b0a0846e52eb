"""Reading bulletins: decode, strip page chrome, find title, date and paragraphs.

Public API (implemented in the modules of this package):
- ``read_document(path, lang=None, encoding=None, *, segmented=True) -> Document``
- ``pair_corpus(root) -> Corpus``  (``root/zh/NAME.*`` with ``root/en/NAME.*``)
- ``read_pair(pair, encoding=None) -> (zh Document, en Document)``
"""

from __future__ import annotations

from pathlib import Path

from bilingual.model import Corpus, CorpusPair, Document


def read_document(
    path: Path, lang: str | None = None, encoding: str | None = None, *, segmented: bool = True
) -> Document:
    raise NotImplementedError


def pair_corpus(root: Path) -> Corpus:
    raise NotImplementedError


def read_pair(pair: CorpusPair, encoding: str | None = None) -> tuple[Document, Document]:
    raise NotImplementedError
