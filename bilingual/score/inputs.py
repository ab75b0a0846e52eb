"""Reading the two versions that ``score`` compares: plain text, exchange files, or a corpus directory.

Stage: input edge of scoring. Each version becomes a :class:`Version`, an
ordered tuple of :class:`Unit` (document id, unit id, text of the target
side), and :func:`match` pairs the units of REF and HYP by ``(doc_id, id)``.
Nothing here computes a score.

Ids, by input kind:
- plain text (any file whose suffix names no exchange format): one segment per
  line, read by :mod:`bilingual.formats.text`; the id is the 1-based line
  number and the document id is "" (lines are read as sacrebleu reads them:
  split on "\\n", trailing whitespace stripped, so scores equal the
  ``sacrebleu`` command's);
- TMX / XLIFF / PO / JSONL / TSV / bilingual XML: the ids their readers in
  :mod:`bilingual.formats` give;
- corpus directory: the document id of each bulletin and its segment id
  (``s0``, ``s1``... 0-based), as segmented by :func:`bilingual.corpus.read_document`;
- a folder of such exchange files (no ``zh/`` or ``en/`` in it, e.g. the PO
  folder of ``bilingual publish``): every file in it, read as above; a unit
  that names no document belongs to its file (the file stem).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from bilingual.corpus import MAX_SEGMENT, MAX_SIZE, refuse_long_text
from bilingual.errors import InputError, ScoreError
from bilingual.formats import FORMATS, Format, format_for
from bilingual.model import EN, ZH, AlignedPair

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Unit:
    """One scorable segment of one version: the text of the target side."""

    doc_id: str
    id: str
    text: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.doc_id, self.id)


@dataclass(frozen=True, slots=True)
class Version:
    """A version of the translation, as read from one file or corpus directory."""

    path: Path
    kind: str  # text | tmx | xliff | po | corpus | files
    units: tuple[Unit, ...]
    segmenter: str = ""  # for corpus directories: the segmenter signature


@dataclass(frozen=True, slots=True)
class Matched:
    """REF and HYP units paired by key, in REF order, and the keys that have no partner."""

    ref: tuple[Unit, ...]
    hyp: tuple[Unit, ...]
    only_ref: tuple[tuple[str, str], ...]
    only_hyp: tuple[tuple[str, str], ...]


# Formats read as plain text here: a review page or a .txt file is not an exchange file to score.
_NOT_EXCHANGE = frozenset({"text", "html"})


def exchange_format(path: Path) -> Format | None:
    """The exchange format of ``path`` by its suffix; None for plain text (and review pages)."""
    fmt = format_for(path)
    return fmt if fmt is not None and fmt.name not in _NOT_EXCHANGE else None


def exchange_files(folder: Path) -> list[Path]:
    """The exchange files directly in ``folder`` (a ``publish -o`` folder, say), by name."""
    return sorted(p for p in folder.iterdir() if p.is_file() and exchange_format(p) is not None)


def kind_of(path: Path) -> str:
    if path.is_dir():
        if not (path / ZH).is_dir() and not (path / EN).is_dir() and exchange_files(path):
            return "files"
        return "corpus"
    fmt = exchange_format(path)
    if fmt is None:
        return "text"
    return "xliff" if fmt.name.startswith("xliff") else fmt.name


def read_lines(path: Path) -> list[str]:
    """The lines of a UTF-8 text file, as ``sacrebleu`` reads them (:mod:`bilingual.formats.text`)."""
    return [pair.en for pair in _read(FORMATS["text"], path)]


def _read(fmt: Format | None, path: Path) -> list[AlignedPair]:
    if fmt is None or fmt.read is None:
        raise ScoreError("cannot tell what this file holds", path)
    try:
        return fmt.read(path)
    except InputError as exc:
        if exc.message == "no such file":  # score's own wording, kept
            raise ScoreError("no such file or directory", path) from exc
        raise


def _read_corpus(
    root: Path, side: str, max_size: int | None, max_segment: int | None
) -> tuple[list[Unit], str]:
    # Imported here: the corpus reader pulls in the segmenter, which plain-text scoring never needs.
    from bilingual.corpus import pair_corpus, read_document

    if (root / ZH).is_dir() and (root / EN).is_dir():
        corpus = pair_corpus(root)
        files = [pair.zh if side == ZH else pair.en for pair in corpus.pairs]
        files += [path for path in corpus.unpaired if path.parent.name == side]
    elif (root / side).is_dir():
        from bilingual.corpus.read import SUFFIXES

        files = [p for p in sorted((root / side).iterdir()) if p.is_file() and p.suffix.lower() in SUFFIXES]
    else:
        raise ScoreError(f"is a directory without a {side}/ folder (expected a corpus directory)", root)
    units: list[Unit] = []
    segmenter = ""
    for path in sorted(files):
        document = read_document(
            path, side, max_size=max_size if max_size is not None else MAX_SIZE, max_segment=max_segment
        )
        segmenter = segmenter or document.segmenter
        units += [Unit(document.id, segment.id, segment.text) for segment in document.segments]
    return units, segmenter


def read_version(
    path: Path, side: str = EN, *, max_size: int | None = None, max_segment: int | None = MAX_SEGMENT
) -> Version:
    """Read one version; ``side`` ("en" or "zh") chooses the side of TMX/XLIFF/PO and corpus inputs.

    A segment over ``max_segment`` characters is an InputError naming the file
    and the line (plain text) or the unit; ``max_size`` caps a corpus's
    bulletins (None: 2 MB; files of pairs and text versions keep their own cap).
    The length check comes before any scoring: sacrebleu's TER needs memory
    growing with the product of two segments' lengths.
    """
    path = Path(path)
    kind = kind_of(path)
    if kind == "corpus":
        units, segmenter = _read_corpus(path, side, max_size, max_segment)
        return Version(path, kind, tuple(units), segmenter)
    if kind == "text":
        pairs = _read(FORMATS["text"], path)
        if max_segment is not None:
            for p in pairs:
                line = int(p.id) if p.id.isdigit() else None
                refuse_long_text(p.en, max_segment, path, line, f"line {p.id}")
        return Version(path, kind, tuple(Unit(p.doc_id, p.id, p.en) for p in pairs))
    units = []
    for file in exchange_files(path) if kind == "files" else [path]:
        # In a folder of files, a unit that names no document belongs to its file.
        default_doc = file.stem if kind == "files" else ""
        pairs = _read(exchange_format(file), file)
        if max_segment is not None:
            for p in pairs:
                text = p.zh if side == ZH else p.en
                refuse_long_text(text, max_segment, file, None, f"unit {p.id!r} ({side})")
        units += [Unit(p.doc_id or default_doc, p.id, p.zh if side == ZH else p.en) for p in pairs]
    return Version(path, kind, tuple(units))


def match(ref: Version, hyp: Version) -> Matched:
    """Pair units by ``(doc_id, id)``; plain text against plain text must have equal line counts."""
    if ref.kind == "text" and hyp.kind == "text" and len(ref.units) != len(hyp.units):
        raise ScoreError(f"REF has {len(ref.units)} lines, HYP has {len(hyp.units)}", hyp.path)
    by_key = {unit.key: unit for unit in hyp.units}
    ref_keys = {unit.key for unit in ref.units}
    pairs = [(unit, by_key[unit.key]) for unit in ref.units if unit.key in by_key]
    if not pairs and "text" in (ref.kind, hyp.kind) and ref.kind != hyp.kind:
        raise ScoreError(
            f"REF is {ref.kind} and HYP is {hyp.kind}: plain-text ids are line numbers and cannot match "
            "the ids of the other; give both versions in the same form",
            hyp.path,
        )
    if not pairs:
        raise ScoreError(
            f"no segment ids in common with {ref.path} ({len(ref.units)} in REF, {len(hyp.units)} in HYP)",
            hyp.path,
        )
    only_ref = tuple(unit.key for unit in ref.units if unit.key not in by_key)
    only_hyp = tuple(unit.key for unit in hyp.units if unit.key not in ref_keys)
    return Matched(
        ref=tuple(r for r, _ in pairs), hyp=tuple(h for _, h in pairs), only_ref=only_ref, only_hyp=only_hyp
    )
