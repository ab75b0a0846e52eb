"""The aligned pairs ``bilingual check`` reads (temporary home, to be folded into the pipeline).

- a corpus directory: every pair of it read, segmented and aligned;
- two bulletin files (zh, en): read, segmented and aligned;
- one or more exchange files (TMX, XLIFF, PO, JSONL, TSV, bilingual XML, a
  review page): read with the reader :func:`bilingual.formats.format_for`
  picks by suffix (see each format's module for its shape).

Two files are taken for bulletins, and aligned, when neither has the suffix
of an exchange format (``.txt``, ``.md`` and ``.html`` are bulletins here).
Bad input raises :class:`~bilingual.errors.InputError` with path and line.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bilingual.errors import InputError
from bilingual.formats import FORMATS, Format, format_for
from bilingual.model import AlignedPair

if TYPE_CHECKING:
    from bilingual.align import AlignConfig

# Formats whose suffix is also a bulletin's: two such files are aligned, not read as pairs.
_BULLETINS = frozenset({"text", "html"})


def _exchange(path: Path) -> Format | None:
    fmt = format_for(path)
    return fmt if fmt is not None and fmt.name not in _BULLETINS else None


def needs_alignment(paths: Sequence[Path]) -> bool:
    """Whether ``paths`` are a corpus directory or two bulletins (aligned on reading)."""
    if len(paths) == 1 and paths[0].is_dir():
        return True
    return len(paths) == 2 and all(p.is_file() and _exchange(p) is None for p in paths)


def read_inputs(
    paths: Sequence[Path], *, encoding: str | None = None, config: AlignConfig | None = None
) -> list[AlignedPair]:
    """The aligned pairs of ``paths`` (see the module docstring for the shapes);
    ``config`` is the aligner's, for a corpus directory or two bulletins."""
    if len(paths) == 1 and paths[0].is_dir():
        from bilingual.align import align_documents
        from bilingual.corpus import pair_corpus, read_pair

        pairs: list[AlignedPair] = []
        for pair in pair_corpus(paths[0]).pairs:
            pairs += align_documents(*read_pair(pair, encoding=encoding), config).pairs()
        return pairs
    if needs_alignment(paths):
        from bilingual.align import align_documents
        from bilingual.corpus import read_document

        zh = read_document(paths[0], "zh", encoding)
        en = read_document(paths[1], "en", encoding)
        return list(align_documents(zh, en, config).pairs())
    found: list[AlignedPair] = []
    for path in paths:
        if path.is_dir():
            raise InputError("a corpus directory must be the only input", path)
        if not path.exists():
            raise InputError("no such file", path)
        fmt = format_for(path)
        if fmt is None or fmt.read is None or fmt.name == "text":
            known = sorted({s for f in FORMATS.values() if f.read and f.name != "text" for s in f.suffixes})
            suffix = path.suffix.lower()
            raise InputError(
                f"cannot tell what {suffix or 'a file without suffix'} holds; give a corpus directory, "
                "two bulletin files (zh en), or " + ", ".join(known),
                path,
            )
        found += fmt.read(path)
    return found
