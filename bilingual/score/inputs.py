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

Matching exchange files (TMX, XLIFF, PO...): by id first (bead id, ``tuid`` or
``x-bead-id``, XLIFF ``id``/``resname``, PO ``msgctxt``); a round trip through
translate-toolkit (``po2tmx`` writes no ``tuid``, ``xliff2po`` no msgctxt)
loses them, and a unit without an id of its own only has its running number,
which names a position, not a segment. Such units, and any left unmatched by
id, are matched by their source text (the other side: the Chinese when English
is scored): exactly, then normalised (NFKC, so full and half width alike; case
folded; whitespace and punctuation dropped), the n-th occurrence of a text in
REF with its n-th in HYP. :class:`Matched` counts how many were matched which
way. Plain text and corpus directories keep their ids (line numbers, segment
indices): they have no source text to match by.
"""

from __future__ import annotations

import logging
import unicodedata
from collections import defaultdict, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import regex

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
    source: str = ""  # the other side's text (exchange files), for matching when ids are gone
    keyed: bool = True  # False: the id is only the unit's running number (the file gave none)

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


#: How units are matched, in the order tried (see the module docstring).
HOW = ("id", "source text", "normalised text")


@dataclass(frozen=True, slots=True)
class Matched:
    """REF and HYP units paired, in REF order, the keys that have no partner, and how many were
    matched which way (``by``: counts in the order of :data:`HOW`)."""

    ref: tuple[Unit, ...]
    hyp: tuple[Unit, ...]
    only_ref: tuple[tuple[str, str], ...]
    only_hyp: tuple[tuple[str, str], ...]
    by: tuple[int, ...] = ()

    @property
    def summary(self) -> str:
        return summary(self.by or (len(self.ref), 0, 0), len(self.only_ref), len(self.only_hyp))


def summary(by: Sequence[int], only_ref: int, only_hyp: int) -> str:
    """``412 matched by id, 30 by source text, 3 by normalised text, 2 unmatched (1 REF, 1 HYP)``."""
    parts = [f"{by[0]} matched by {HOW[0]}"] + [
        f"{n} by {how}" for n, how in zip(by[1:], HOW[1:], strict=True)
    ]
    unmatched = only_ref + only_hyp
    parts.append(f"{unmatched} unmatched ({only_ref} REF, {only_hyp} HYP)" if unmatched else "0 unmatched")
    return ", ".join(parts)


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


def _read(
    fmt: Format | None, path: Path, *, zh_variant: str | None = None, en_variant: str | None = None
) -> list[AlignedPair]:
    if fmt is None or fmt.read is None:
        raise ScoreError("cannot tell what this file holds", path)
    try:
        if fmt.variants and (zh_variant or en_variant):
            return fmt.read(path, zh_variant=zh_variant, en_variant=en_variant)
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
    path: Path,
    side: str = EN,
    *,
    max_size: int | None = None,
    max_segment: int | None = MAX_SEGMENT,
    zh_variant: str | None = None,
    en_variant: str | None = None,
) -> Version:
    """Read one version; ``side`` ("en" or "zh") chooses the side of TMX/XLIFF/PO and corpus inputs.

    ``zh_variant``/``en_variant``: the variant read where a unit holds two of a side (TMX).

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
        pairs = _read(exchange_format(file), file, zh_variant=zh_variant, en_variant=en_variant)
        if max_segment is not None:
            for p in pairs:
                text = p.zh if side == ZH else p.en
                refuse_long_text(text, max_segment, file, None, f"unit {p.id!r} ({side})")
        keyed = not running_numbers(pairs)
        units += [
            Unit(p.doc_id or default_doc, p.id, *((p.zh, p.en) if side == ZH else (p.en, p.zh)), keyed)
            for p in pairs
        ]
    if not any(unit.text or unit.source for unit in units):
        # Reading nothing is never success (check says the same). A file with text on one side
        # only is still scored: the report notes when the scored side is empty (try --lang).
        raise InputError(f"holds no zh-en pair ({len(units)} unit(s), none with text)", path)
    return Version(path, kind, tuple(units))


def running_numbers(pairs: Sequence[AlignedPair]) -> bool:
    """Whether a file's ids are only the readers' running numbers 1, 2, 3... (it gave none of its own).

    A file whose own ids happen to be 1, 2, 3... is taken the same way: matching
    it by source text pairs the same units when the texts agree.
    """
    return bool(pairs) and all(p.id == str(k) and not p.doc_id for k, p in enumerate(pairs, 1))


_DROPPED = regex.compile(r"[\p{P}\s]+")


def normalised(text: str) -> str:
    """``text`` compared loosely: NFKC (full width as half), case folded, no whitespace or punctuation."""
    return _DROPPED.sub("", unicodedata.normalize("NFKC", text).casefold())


def _pair_by(
    key: Callable[[Unit], str],
    ref: list[int],
    hyp: list[int],
    ref_units: Sequence[Unit],
    hyp_units: Sequence[Unit],
) -> dict[int, int]:
    """REF index -> HYP index for units whose ``key`` is equal and not empty, n-th occurrence with n-th."""
    waiting: dict[str, deque[int]] = defaultdict(deque)
    for j in hyp:
        k = key(hyp_units[j])
        if k:
            waiting[k].append(j)
    pairs: dict[int, int] = {}
    for i in ref:
        queue = waiting.get(key(ref_units[i]))
        if queue:
            pairs[i] = queue.popleft()
    return pairs


def match(ref: Version, hyp: Version) -> Matched:
    """Pair units by ``(doc_id, id)``, then (exchange files) by source text; see the module docstring.

    Plain text against plain text must have equal line counts.
    """
    if ref.kind == "text" and hyp.kind == "text" and len(ref.units) != len(hyp.units):
        raise ScoreError(f"REF has {len(ref.units)} lines, HYP has {len(hyp.units)}", hyp.path)
    by_key = {unit.key: j for j, unit in enumerate(hyp.units) if unit.keyed}
    found: dict[int, int] = {}
    for i, unit in enumerate(ref.units):
        j = by_key.get(unit.key) if unit.keyed else None
        if j is not None:
            found[i] = j
    by = [len(found)]
    for key in (lambda u: u.source, lambda u: normalised(u.source)):
        taken = set(found.values())
        left_ref = [i for i in range(len(ref.units)) if i not in found]
        left_hyp = [j for j in range(len(hyp.units)) if j not in taken]
        more = _pair_by(key, left_ref, left_hyp, ref.units, hyp.units)
        found.update(more)
        by.append(len(more))
    if not found and "text" in (ref.kind, hyp.kind) and ref.kind != hyp.kind:
        raise ScoreError(
            f"REF is {ref.kind} and HYP is {hyp.kind}: plain-text ids are line numbers and cannot match "
            "the ids of the other; give both versions in the same form",
            hyp.path,
        )
    if not found:
        raise ScoreError(
            f"no segment in common with {ref.path} by id or source text "
            f"({len(ref.units)} in REF, {len(hyp.units)} in HYP)",
            hyp.path,
        )
    order = sorted(found)
    taken = set(found.values())
    return Matched(
        ref=tuple(ref.units[i] for i in order),
        hyp=tuple(hyp.units[found[i]] for i in order),
        only_ref=tuple(u.key for i, u in enumerate(ref.units) if i not in found),
        only_hyp=tuple(u.key for j, u in enumerate(hyp.units) if j not in taken),
        by=tuple(by),
    )
