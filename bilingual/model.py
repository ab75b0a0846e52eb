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
import functools
import hashlib
import operator
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
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


_BEAD_ID = re.compile(
    r"(?P<doc>.+):z(?:(?P<z0>[0-9]+)(?:-(?P<z1>[0-9]+))?)?:e(?:(?P<e0>[0-9]+)(?:-(?P<e1>[0-9]+))?)?"
)
_BEAD_TEXT = re.compile(r"\[([0-9,]*)\]:\[([0-9,]*)\](?::([0-9.]+))?")


@functools.lru_cache(maxsize=1 << 16)  # the review fingerprints every sentence at every edit
def fingerprint(text: str) -> str:
    """A short digest of a sentence's normalised text: what survives re-segmenting and moving.

    NFKC, whitespace removed, case folded, so re-wrapping a line or a
    full-width space does not change it, while any change of words does.
    Used to find a sentence again after its document changed (PO import's
    three-way merge, an editor's pins).
    """
    folded = "".join(unicodedata.normalize("NFKC", text).split()).casefold()
    return hashlib.sha256(folded.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def parse_bead_id(text: str) -> tuple[str, Bead] | None:
    """The inverse of :func:`bead_id`: ``doc:z3-4:e5`` → ``("doc", [3,4]:[5])``, else None.

    The bead's score is 1.0 (an id does not carry it). A range written
    backwards (``z4-3``) is not an id we wrote: None.
    """
    match = _BEAD_ID.fullmatch(text)
    if match is None:
        return None

    def span(first: str | None, last: str | None) -> tuple[int, ...] | None:
        if first is None:
            return ()
        a, b = int(first), int(last if last is not None else first)
        return tuple(range(a, b + 1)) if b >= a else None

    zh, en = span(match["z0"], match["z1"]), span(match["e0"], match["e1"])
    if zh is None or en is None:
        return None
    return match["doc"], Bead(zh, en)


def doc_of_id(text: str) -> str:
    """The document part of a bead id (``doc:z3:e3`` → ``doc``), else "".

    A plain id (no range, the common case) needs none of :func:`parse_bead_id`'s
    checks, which only a range can fail: two ``rpartition`` calls find its
    document, so a reader pays little more than its parsing for each of
    100,000 units.
    """
    head, sep, en = text.rpartition(":e")
    if sep and _digits(en):
        doc, sep, zh = head.rpartition(":z")
        if sep and doc and _digits(zh) and "\n" not in doc:
            return doc
    parsed = parse_bead_id(text)
    return parsed[0] if parsed else ""


def _digits(text: str) -> bool:
    """Whether ``text`` is ASCII digits or nothing (a bead id's segment number)."""
    return not text or (text.isascii() and text.isdigit())


def bead_text(bead: Bead) -> str:
    """``str(bead)`` with `` pinned`` when an editor fixed it: what exchange files record, and
    what :func:`parse_bead` reads back whole."""
    return f"{bead} pinned" if bead.pinned else str(bead)


def parse_bead(text: str | None) -> Bead | None:
    """The inverse of ``str(bead)``, found anywhere in ``text``: ``[0,1]:[2]:0.930``, else None.

    ``pinned`` is true when the text says so (``bead [3]:[4]:1.000 pinned``).
    """
    match = _BEAD_TEXT.search(text or "")
    if match is None:
        return None
    zh, en, score = match.groups()
    try:
        return Bead(
            zh=tuple(int(i) for i in zh.split(",") if i),
            en=tuple(int(i) for i in en.split(",") if i),
            score=float(score) if score else 1.0,
            pinned="pinned" in (text or ""),
        )
    except ValueError:  # "1.2.3" as a score: not a bead we wrote
        return None


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
    # Unit ids read from an exchange file, one per bead (see from_pairs); empty: bead_id().
    ids: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.zh.id

    @classmethod
    def from_pairs(cls, doc_id: str, pairs: Sequence[AlignedPair], path: Path | None = None) -> Alignment:
        """The pairs of an exchange file (TMX, XLIFF, PO, JSONL, TSV) as one alignment.

        Each side of each pair becomes one segment (an empty side, none), so
        bead k links segment k of each side that has text; the file's unit ids
        are kept in ``ids``, and each bead keeps the score and pinned flag the
        file recorded. ``pairs()`` then gives back exactly the pairs read.
        """
        zh_texts: list[str] = []
        en_texts: list[str] = []
        beads: list[Bead] = []
        for pair in pairs:  # a file of 100,000 pairs: kept to the few operations each needs
            zh, en, bead = pair.zh, pair.en, pair.bead
            zh_ids = (len(zh_texts),) if zh else ()
            en_ids = (len(en_texts),) if en else ()
            if zh:
                zh_texts.append(zh)
            if en:
                en_texts.append(en)
            beads.append(Bead(zh_ids, en_ids, bead.score, bead.pinned))
        zh_doc, en_doc = _document_of(doc_id, ZH, zh_texts, path), _document_of(doc_id, EN, en_texts, path)
        return cls(zh_doc, en_doc, tuple(beads), settings="", ids=tuple(p.id for p in pairs))

    def pair_ids(self) -> tuple[str, ...]:
        """The id of each bead's pair, as :meth:`pairs` gives it, without joining any text."""
        return self.ids or tuple(bead_id(self.id, bead) for bead in self.beads)

    def pairs(self) -> Iterator[AlignedPair]:
        zs, es = self.zh.segments, self.en.segments
        for pair_id, bead in zip(self.pair_ids(), self.beads, strict=True):
            yield AlignedPair(
                id=pair_id,
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


def _document_of(doc_id: str, lang: str, texts: Sequence[str], path: Path | None) -> Document:
    """A document whose segments are ``texts``, one paragraph each, joined by blank lines.

    Built with ``map`` rather than a loop: a file of 100,000 pairs makes 400,000 of these objects.
    """
    lengths = list(map(len, texts))
    starts = list(accumulate((n + 2 for n in lengths), initial=0))[: len(texts)]
    ends = list(map(operator.add, starts, lengths))
    ks = range(len(texts))
    return Document(
        id=doc_id,
        lang=lang,
        text="\n\n".join(texts),
        paragraphs=tuple(map(Paragraph, ks, starts, ends, texts)),
        path=path,
        format="pairs",
        segments=tuple(map(Segment, ks, ks, starts, ends, texts)),
        segmenter="seg:units",
    )


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
    severity: str = "error"  # "warning": its findings are reported but never fail a check

    @property
    def approved(self) -> tuple[str, ...]:
        return self.en + self.en_ok


class Verdict(enum.StrEnum):
    OK = "ok"
    MISSING = "missing"
    FORBIDDEN = "forbidden"
    CASE = "case"
    UNEXPECTED = "unexpected"
    SPOOFED = "spoofed"
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
    check: str = "term"  # which check found it: "term" (the glossary), "number" (figures and dates)
    # Set by the pipeline (bilingual.glossary.ignore): a stable digest of the finding's fingerprint,
    # the ignore list's reason when it accepts the finding, the term's severity, and the
    # preferred rendering in the case of its position (term findings).
    id: str = ""
    accepted: str | None = None
    severity: str = "error"
    suggestion: str | None = None

    @property
    def status(self) -> str:
        """``accepted`` (the ignore list waives it: never fails a check) or ``open``."""
        return "open" if self.accepted is None else "accepted"


@dataclass(frozen=True, slots=True)
class Checked:
    """One aligned document and every finding about it: what the pipeline hands to writers.

    Findings travel with their alignment, never in a side channel, so a writer
    may reorder, buffer or filter documents freely. ``findings`` includes
    ``ok`` findings (writers mark every term); reports filter them.
    """

    alignment: Alignment
    findings: tuple[Finding, ...] = ()

    @property
    def id(self) -> str:
        return self.alignment.id

    def by_pair(self) -> Mapping[str, tuple[Finding, ...]]:
        """The findings of each aligned pair, by pair (bead) id, in their order."""
        grouped: dict[str, list[Finding]] = {}
        for finding in self.findings:
            grouped.setdefault(finding.segment, []).append(finding)
        return {key: tuple(value) for key, value in grouped.items()}


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
