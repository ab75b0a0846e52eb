"""The one data model every stage passes along.

corpus reads files into :class:`Document` (paragraphs, metadata, the original
text kept exactly); segment adds :class:`Segment` objects; align turns two
documents into an :class:`Alignment` of :class:`Bead` objects; the glossary
check returns :class:`Finding` objects about :class:`Term` entries. Every
export format is a view rendered from these objects, never the other way
round: no exporter's data structure is the model.

Invariants:
- all indices (paragraph, segment, bead ids) are 0-based;
- ``Segment.start``/``end`` and ``Paragraph.start``/``end`` are offsets into
  ``Document.text``, which is the decoded text exactly as read (for HTML: the
  text extracted from the body);
- text fields keep the original characters (NBSP, curly quotes, full-width
  spaces); matching code works on normalised *views* with offset maps back to
  the original (:mod:`bilingual.glossary.normalise`), never on a mutated copy
  stored here.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ZH = "zh"
EN = "en"


class Kind(enum.StrEnum):
    """What a paragraph or segment is within a bulletin."""

    TITLE = "title"
    DATE = "date"
    BODY = "body"


@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int
    start: int
    end: int
    text: str
    kind: Kind = Kind.BODY


@dataclass(frozen=True, slots=True)
class Segment:
    """One sentence (or the title, or the date line) of a document."""

    index: int
    paragraph: int
    start: int
    end: int
    text: str
    kind: Kind = Kind.BODY

    @property
    def id(self) -> str:
        return f"s{self.index}"


@dataclass(frozen=True, slots=True)
class Document:
    """A bulletin in one language, as read from one file.

    ``id`` is the pairing key (the file name without its extension, made safe
    for XML ids), identical for the Chinese and the English version.
    ``segments`` is empty until :func:`bilingual.corpus.segment.segment` fills it.
    """

    id: str
    lang: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    title: str | None = None
    date: str | None = None  # ISO 8601 date, "2023-02-14"
    url: str | None = None
    path: Path | None = None
    encoding: str = "utf-8"
    format: str = "txt"  # txt | md | html
    segments: tuple[Segment, ...] = ()
    segmenter: str = ""  # signature of the segmenter that filled ``segments``

    def sentences(self) -> list[str]:
        return [s.text for s in self.segments]


@dataclass(frozen=True, slots=True)
class Bead:
    """A link between consecutive zh segments and consecutive en segments.

    One side may be empty (1-0: untranslated; 0-1: added in translation).
    ``score`` is the aligner's confidence in [0, 1]; pinned beads were fixed
    by an editor and are kept as given.
    """

    zh: tuple[int, ...]
    en: tuple[int, ...]
    score: float = 1.0
    pinned: bool = False

    def __str__(self) -> str:  # Vecalign's text form: [0,1]:[0]:0.930
        zh = ",".join(map(str, self.zh))
        en = ",".join(map(str, self.en))
        return f"[{zh}]:[{en}]:{self.score:.3f}"

    @property
    def type(self) -> str:
        return f"{len(self.zh)}-{len(self.en)}"


def bead_id(doc_id: str, bead: Bead) -> str:
    """The stable id of a bead, used as tuid, unit id, msgctxt and HTML id.

    Built from the segment ranges, so it survives re-runs that give the same
    alignment; an XML NMTOKEN (letters, digits, ``.-_:``). ``doc:z3-4:e5``;
    an empty side is written as nothing: ``doc:z7:e``.
    """

    def span(ids: tuple[int, ...]) -> str:
        if not ids:
            return ""
        return str(ids[0]) if len(ids) == 1 else f"{ids[0]}-{ids[-1]}"

    return f"{doc_id}:z{span(bead.zh)}:e{span(bead.en)}"


@dataclass(frozen=True, slots=True)
class AlignedPair:
    """The text of one bead: zh segments joined with "", en with " "."""

    id: str
    zh: str
    en: str
    bead: Bead
    doc_id: str = ""


@dataclass(frozen=True, slots=True)
class Alignment:
    """Two documents and the beads that link their segments."""

    zh: Document
    en: Document
    beads: tuple[Bead, ...]
    settings: str = ""  # aligner signature, e.g. "align:lexical|max-bead:5"

    @property
    def id(self) -> str:
        return self.zh.id

    def pairs(self) -> Iterator[AlignedPair]:
        zs, es = self.zh.segments, self.en.segments
        for bead in self.beads:
            yield AlignedPair(
                id=bead_id(self.id, bead),
                zh="".join(zs[i].text for i in bead.zh),
                en=" ".join(es[i].text for i in bead.en),
                bead=bead,
                doc_id=self.id,
            )

    @property
    def confidence(self) -> float:
        """Mean bead confidence, weighted by the number of segments linked."""
        weight = sum(len(b.zh) + len(b.en) for b in self.beads)
        if not weight:
            return 0.0
        return sum(b.score * (len(b.zh) + len(b.en)) for b in self.beads) / weight


@dataclass(frozen=True, slots=True)
class Term:
    """One glossary concept: its Chinese forms and its English renderings.

    ``en`` holds the preferred renderings, ``en_ok`` the admitted ones
    (approved in every respect), ``forbidden`` the deprecated or superseded
    ones. ``source`` is "file:line" for messages.
    """

    id: str
    zh: tuple[str, ...]
    en: tuple[str, ...]
    en_ok: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    case_sensitive: bool = True
    note: str = ""
    source: str = ""

    @property
    def approved(self) -> tuple[str, ...]:
        return self.en + self.en_ok


class Verdict(enum.StrEnum):
    OK = "ok"
    MISSING = "missing"
    FORBIDDEN = "forbidden"
    CASE = "case"
    UNEXPECTED = "unexpected"
    # Not a glossary verdict: text an output format cannot hold (XML 1.0 and
    # control characters), reported by exporters instead of dropped silently.
    CONTROL_CHAR = "control-char"


@dataclass(frozen=True, slots=True)
class Finding:
    """One verdict about one term (or one text problem) in one aligned pair.

    Spans are [start, end) offsets into the original, un-normalised zh and en
    text of the pair (``AlignedPair.zh`` / ``.en``).
    """

    segment: str
    term: str
    verdict: Verdict
    zh: str = ""
    en: str = ""
    zh_span: tuple[int, int] | None = None
    en_span: tuple[int, int] | None = None
    expected: tuple[str, ...] = ()
    found: str | None = None
    message: str = ""
    doc_id: str = ""


@dataclass(frozen=True, slots=True)
class CorpusPair:
    id: str
    zh: Path
    en: Path
    gold: Path | None = None


@dataclass(frozen=True, slots=True)
class Corpus:
    """The pairs of a corpus directory and the files that have no partner."""

    root: Path
    pairs: tuple[CorpusPair, ...]
    unpaired: tuple[Path, ...] = field(default=())
