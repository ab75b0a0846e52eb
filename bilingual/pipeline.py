"""The pipeline glue every command shares: read a corpus pair, segment, align.

Kept here so ``check``, ``export``, ``publish`` and ``score`` pair sentences the
same way; nothing in it writes files.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from pathlib import Path

from bilingual.align import AlignConfig, align_documents
from bilingual.corpus import pair_corpus, read_pair
from bilingual.model import Alignment, Bead, CorpusPair

log = logging.getLogger(__name__)


def align_pair(
    pair: CorpusPair,
    config: AlignConfig | None = None,
    *,
    encoding: str | None = None,
    pins: Sequence[Bead] = (),
) -> Alignment:
    zh, en = read_pair(pair, encoding=encoding)
    return align_documents(zh, en, config, pins=pins)


def align_corpus(
    root: Path, config: AlignConfig | None = None, *, encoding: str | None = None
) -> Iterator[Alignment]:
    """Align every pair of a corpus directory, in file-name order."""
    corpus = pair_corpus(root)
    for path in corpus.unpaired:
        log.warning("%s: no partner in the other language; skipped", path)
    for pair in corpus.pairs:
        yield align_pair(pair, config, encoding=encoding)
