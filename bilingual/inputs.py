"""Glossary stage, input edge: the aligned pairs ``bilingual check`` reads.

- a corpus directory: aligned with :func:`bilingual.pipeline.align_corpus`;
- two bulletin files (zh, en): read, segmented and aligned;
- JSONL: one ``{"id": "...", "zh": "...", "en": "..."}`` object per line
  (optional ``"doc_id"``); blank lines skipped;
- TSV: ``id<TAB>zh<TAB>en`` per line, no header, with ``\\t``, ``\\n`` and
  ``\\\\`` escaped (``\\r`` too);
- TMX, XLIFF and PO: :func:`bilingual.readers.read_pairs`.

Bad input raises :class:`~bilingual.errors.InputError` with path and line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bilingual.errors import InputError
from bilingual.model import AlignedPair, Bead

if TYPE_CHECKING:
    from bilingual.align import AlignConfig

_ESCAPE = re.compile(r"\\(.)")
_UNESCAPE = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}


def _doc_id(pair_id: str) -> str:
    """The document part of a bead id (``doc:z3:e3`` → ``doc``), else ""."""
    head, sep, _ = pair_id.rpartition(":z")
    return head if sep else ""


def _lines(path: Path) -> list[str]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8 (byte 0x{data[exc.start]:02X} at offset {exc.start})", path, line
        ) from exc
    return text.split("\n")


def read_jsonl(path: Path) -> list[AlignedPair]:
    pairs: list[AlignedPair] = []
    for number, line in enumerate(_lines(path), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"column {exc.colno}: not JSON: {exc.msg}", path, number) from exc
        if not isinstance(record, dict):
            raise InputError('expected an object {"id": ..., "zh": ..., "en": ...}', path, number)
        missing = [k for k in ("id", "zh", "en") if not isinstance(record.get(k), str)]
        if missing:
            raise InputError(f"missing or non-string field(s): {', '.join(missing)}", path, number)
        doc = record.get("doc_id")
        n = len(pairs)
        pairs.append(
            AlignedPair(
                id=record["id"],
                zh=record["zh"],
                en=record["en"],
                bead=Bead((n,), (n,)),
                doc_id=doc if isinstance(doc, str) else _doc_id(record["id"]),
            )
        )
    return pairs


def unescape_tsv(field: str) -> str:
    return _ESCAPE.sub(lambda m: _UNESCAPE.get(m.group(1), m.group(0)), field)


def escape_tsv(field: str) -> str:
    return field.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def read_tsv(path: Path) -> list[AlignedPair]:
    pairs: list[AlignedPair] = []
    for number, line in enumerate(_lines(path), 1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            raise InputError(
                f"expected 3 tab-separated fields (id, zh, en), found {len(fields)}", path, number
            )
        pair_id, zh, en = (unescape_tsv(f) for f in fields)
        if not pair_id:
            raise InputError("empty id", path, number)
        n = len(pairs)
        pairs.append(AlignedPair(pair_id, zh, en, Bead((n,), (n,)), _doc_id(pair_id)))
    return pairs


def needs_alignment(paths: Sequence[Path]) -> bool:
    """Whether ``paths`` are a corpus directory or two bulletins (aligned on reading)."""
    from bilingual import readers

    if len(paths) == 1 and paths[0].is_dir():
        return True
    known = {".jsonl", ".tsv"} | set(readers.READERS)
    return len(paths) == 2 and all(p.is_file() and p.suffix.lower() not in known for p in paths)


def read_inputs(
    paths: Sequence[Path], *, encoding: str | None = None, config: AlignConfig | None = None
) -> list[AlignedPair]:
    """The aligned pairs of ``paths`` (see the module docstring for the shapes);
    ``config`` is the aligner's, for a corpus directory or two bulletins."""
    from bilingual import readers

    if len(paths) == 1 and paths[0].is_dir():
        from bilingual.pipeline import align_corpus

        alignments = align_corpus(paths[0], config, encoding=encoding)
        return [pair for alignment in alignments for pair in alignment.pairs()]
    if needs_alignment(paths):
        from bilingual.align import align_documents
        from bilingual.corpus import read_document

        zh = read_document(paths[0], "zh", encoding)
        en = read_document(paths[1], "en", encoding)
        return list(align_documents(zh, en, config).pairs())
    pairs: list[AlignedPair] = []
    for path in paths:
        suffix = path.suffix.lower()
        if path.is_dir():
            raise InputError("a corpus directory must be the only input", path)
        if not path.exists():
            raise InputError("no such file", path)
        if suffix == ".jsonl":
            pairs += read_jsonl(path)
        elif suffix == ".tsv":
            pairs += read_tsv(path)
        elif suffix in readers.READERS:
            pairs += readers.read_pairs(path)
        else:
            raise InputError(
                f"cannot tell what {suffix or 'a file without suffix'} holds; give a corpus directory, "
                "two bulletin files (zh en), or .jsonl, .tsv, " + ", ".join(sorted(readers.READERS)),
                path,
            )
    return pairs
