"""Glossary stage: suggested fixes, and applying them to text spans (``check --fix``).

:func:`suggestion` says what a term finding's span should read: the
preferred rendering (for a ``case`` finding, the approved rendering it
miscapitalises), in the case of its position (a sentence-initial occurrence
starts with a capital, and a sentence starts after . ! ? but not after ; or
: or an abbreviation such as "e.g."; a title-case headline capitalises every
word, an all-caps headline stays in capitals), its number (a plural of the found
rendering makes the suggestion plural, by English rules) and its possessive
(an -'s stays, its apostrophe as written).

:func:`place` maps the English spans of a bulletin's findings to offsets in
its original text, and :func:`apply` replaces them. Pure: strings and
offsets in and out; the CLI reads and writes the files. A span is placed
only where its sentence appears verbatim in the original outside markup
(tags with their attributes, comments, script and style: a copy of the
sentence in an ``alt`` text or a comment is passed over, so markup is never
changed) and its text is the finding's; anything else is left alone and said.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bilingual import abbreviations as abbr
from bilingual.glossary.match import SUFFIXES
from bilingual.glossary.normalise import rendering_key
from bilingual.model import AlignedPair, Document, Finding, Term, Verdict

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or", "per"}
    | {"the", "to", "via", "with"}
)


def is_headline(text: str) -> bool:
    """Whether an English line is a headline: all capitals, or title case (every word but the
    small ones capitalised), at least two words either way."""
    words = _WORD.findall(text)
    if len(words) < 2:
        return False
    if all(w.upper() == w for w in words):
        return True
    titled = all(w[0].isupper() for w in words if w.lower() not in _SMALL_WORDS)
    return titled and not text.rstrip().endswith(".")


FIXABLE = frozenset({Verdict.FORBIDDEN, Verdict.CASE, Verdict.SPOOFED})
_SMALL = frozenset({"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"})
_OPENERS = "\"'“‘([「『《"


# Words whose full stop does not end a sentence before a small letter (the
# segmenter's lists: "e.g.", "Mr.", "No. 3", "Jan.", "U.S.", "Co."), and "etc.",
# which ends one only before a capital (abbreviations.py says why).
_ABBREVIATIONS = abbr.NEVER_FINAL | abbr.MONTHS | abbr.WEAK | abbr.COMPANY | {"etc"}


def _abbreviation(before: str) -> bool:
    """Whether ``before`` (text up to a full stop, excluded) ends in an abbreviation or an initial."""
    words = before.split()
    word = words[-1].lstrip(_OPENERS) if words else ""
    low = word.lower()
    if low in abbr.CAPITALISED_ONLY:  # "No. 3", but "the answer was no."
        return word[:1].isupper()
    return low in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _sentence_initial(text: str, start: int) -> bool:
    """Whether a span at ``start`` begins a sentence (only opening punctuation between): at the
    text's start or after . ! ? 。！？ — not after ; or : (the sentence goes on) nor after the
    full stop of an abbreviation ("e.g. common wealth")."""
    before = text[:start].rstrip().rstrip(_OPENERS).rstrip()
    if not before:
        return True
    if before[-1] == ".":
        return not _abbreviation(before[:-1])
    return before[-1] in "!?。！？"


def _title(text: str) -> str:
    words = text.split(" ")
    return " ".join(
        w[:1].upper() + w[1:] if k == 0 or w.lower() not in _SMALL else w for k, w in enumerate(words)
    )


def _renderings(term: Term, verdict: Verdict) -> tuple[str, ...]:
    """The renderings a finding's text may spell: the approved ones for ``case``, the forbidden
    ones for ``forbidden``, any for ``spoofed`` (look-alike letters in either kind)."""
    if verdict is Verdict.CASE:
        return term.approved
    if verdict is Verdict.FORBIDDEN:
        return term.forbidden
    return term.approved + term.forbidden


def _spelled(found: str, renderings: Iterable[str]) -> tuple[str, str] | None:
    """The rendering ``found`` spells (the longest that fits) and the ending the matcher took
    past it (``""`` or one of :data:`~bilingual.glossary.match.SUFFIXES`), compared as
    rendering keys: case, hyphens, look-alike letters and curly apostrophes aside. None: none.

    So "processes" is a plural of "process", and "process" no plural at all: a final "s"
    alone says nothing.
    """
    key = rendering_key(found)
    for rendering in sorted(renderings, key=lambda r: len(rendering_key(r)), reverse=True):
        stem = rendering_key(rendering)
        if key.startswith(stem) and key[len(stem) :] in ("", *SUFFIXES):
            return rendering, key[len(stem) :]
    return None


def plural(rendering: str) -> str:
    """``rendering`` with its last word in the plural, by the regular English rules
    (-s/-x/-z/-ch/-sh take -es, a consonant and -y becomes -ies, anything else takes -s)."""
    low = rendering.lower()
    if low.endswith(("s", "x", "z", "ch", "sh")):
        return rendering + "es"
    if low.endswith("y") and len(low) > 1 and low[-2].isalpha() and low[-2] not in "aeiou":
        return rendering[:-1] + "ies"
    return rendering + "s"


def _base(term: Term, found: str, verdict: Verdict) -> str:
    """The rendering to write, in the number of ``found``: a ``case`` finding keeps the approved
    rendering it spells, others take the preferred one; a plural stays a plural, a possessive a
    possessive (its apostrophe as written, ' or ’)."""
    spelled = _spelled(found, _renderings(term, verdict))
    ending = spelled[1] if spelled else ""
    if verdict is Verdict.CASE and spelled:
        text = spelled[0]
    else:
        text = term.en[0] if term.en else (term.approved[0] if term.approved else found)
    if ending == "'s":
        return text + found[-2:]
    return plural(text) if ending else text


def suggestion(finding: Finding, term: Term | None) -> str | None:
    """What the finding's English span should read, or None (no span, or not a term finding)."""
    if term is None or finding.check != "term" or finding.verdict not in FIXABLE or finding.en_span is None:
        return None
    start, end = finding.en_span
    text = _base(term, finding.en[start:end], finding.verdict)
    if is_headline(finding.en):
        if finding.en.upper() == finding.en:
            return text.upper()
        return _title(text)
    if _sentence_initial(finding.en, start) and text[:1].islower():
        return text[:1].upper() + text[1:]
    return text


def fixable(finding: Finding) -> bool:
    """An open finding whose suggestion would change its English span."""
    if finding.accepted is not None or finding.suggestion is None or finding.en_span is None:
        return False
    start, end = finding.en_span
    return finding.en[start:end] != finding.suggestion


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``original[start:end]`` (offsets into the original text) by ``text``."""

    start: int
    end: int
    text: str
    finding: Finding


@dataclass(frozen=True, slots=True)
class Plan:
    """The edits of one document, and the findings left alone with the reason."""

    edits: tuple[Edit, ...]
    skipped: tuple[tuple[Finding, str], ...]


# Markup in an HTML page, or raw HTML in Markdown: comments, script and style
# elements with their content, declarations (<!DOCTYPE>, <?xml?>), tags with
# their attributes (a quoted value may hold ">"). A tag is told as the Markdown
# reader tells it (corpus/text.py, _MD_HTML): its name is followed by a space,
# "/" or ">", so an autolink (<https://...>), text to the reader, is text here
# too. An unclosed comment or element runs to the end, as in a browser.
_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(script|style)\b.*?(?:</\1\s*>|\Z)"
    r"|<[!?][^>]*>"
    r"""|</?[A-Za-z][A-Za-z0-9-]*(?=[\s/>])(?:[^>"']|"[^"]*"|'[^']*')*>""",
    re.DOTALL | re.IGNORECASE,
)


def _markup(document: Document, original: str) -> tuple[list[int], list[int]]:
    """The starts and ends of ``original``'s markup regions (sorted, disjoint; none in plain text)."""
    if document.format not in ("html", "md"):
        return [], []
    spans = [m.span() for m in _MARKUP.finditer(original)]
    return [s for s, _ in spans], [e for _, e in spans]


def _find_outside(original: str, text: str, cursor: int, markup: tuple[list[int], list[int]]) -> int:
    """The first verbatim ``text`` in ``original`` from ``cursor`` that overlaps no markup, or -1.

    A page may hold its sentence in an ``alt`` attribute, a comment or a
    script before the text a reader sees: those copies are passed over.
    """
    starts, ends = markup
    at = original.find(text, cursor)
    while at >= 0:
        i = bisect_left(starts, at + len(text)) - 1  # the last region that starts before the match ends
        if i < 0 or ends[i] <= at:
            return at
        at = original.find(text, ends[i])  # any match starting inside region i overlaps it
    return at


def _locate_segments(document: Document, original: str) -> dict[int, int]:
    """Where each segment's text starts in ``original`` (verbatim matches outside markup only, in order)."""
    lowered = original.lower()
    cursor = lowered.find("<body") if document.format == "html" else 0
    cursor = max(cursor, 0)
    markup = _markup(document, original)
    found: dict[int, int] = {}
    for segment in document.segments:
        at = _find_outside(original, segment.text, cursor, markup)
        if at >= 0:
            found[segment.index] = at
            cursor = at + len(segment.text)
    return found


def place(
    document: Document, original: str, pairs: Iterable[AlignedPair], findings: Sequence[Finding]
) -> Plan:
    """The edits that apply ``findings``' suggestions to ``original`` (the English file's text).

    A pair with an open ``missing`` term finding is left alone (the rendering
    cannot be placed), as is a span whose sentence is not verbatim in the
    original or whose text there is not the finding's; overlapping spans keep
    the first.
    """
    by_pair = {pair.id: pair for pair in pairs}
    starts = _locate_segments(document, original)
    unplaced = {
        f.segment
        for f in findings
        if f.check == "term" and f.verdict is Verdict.MISSING and f.accepted is None
    }
    edits: list[Edit] = []
    skipped: list[tuple[Finding, str]] = []
    for f in findings:
        if not fixable(f) or f.en_span is None or f.suggestion is None:
            continue
        if f.segment in unplaced:
            skipped.append((f, "its sentence has a missing rendering that cannot be placed"))
            continue
        pair = by_pair.get(f.segment)
        if pair is None:
            skipped.append((f, "its pair is not in the document"))
            continue
        start, end = f.en_span
        offset = 0  # the pair's English is its segments joined with one space
        where: int | None = None
        for index in pair.bead.en:
            segment = document.segments[index]
            if offset <= start and end <= offset + len(segment.text):
                if index in starts:
                    where = starts[index] + start - offset
                break
            offset += len(segment.text) + 1
        if where is None or original[where : where + end - start] != f.en[start:end]:
            skipped.append((f, "its sentence is not verbatim in the file"))
            continue
        edits.append(Edit(where, where + end - start, f.suggestion, f))
    edits.sort(key=lambda e: e.start)
    kept: list[Edit] = []
    for edit in edits:
        if kept and edit.start < kept[-1].end:
            skipped.append((edit.finding, "it overlaps another fix"))
            continue
        kept.append(edit)
    return Plan(tuple(kept), tuple(skipped))


def apply(original: str, edits: Sequence[Edit]) -> str:
    """``original`` with ``edits`` (sorted, not overlapping) applied; every other character kept."""
    pieces: list[str] = []
    cursor = 0
    for edit in edits:
        pieces.append(original[cursor : edit.start])
        pieces.append(edit.text)
        cursor = edit.end
    pieces.append(original[cursor:])
    return "".join(pieces)


def fix_pair_text(text: str, findings: Sequence[Finding]) -> tuple[str, list[Finding]]:
    """A pair's English with its findings' suggestions applied (their spans are offsets into it),
    and the findings applied; overlapping spans keep the first. For a reviewer's PO file."""
    edits = sorted(
        (
            Edit(f.en_span[0], f.en_span[1], f.suggestion, f)
            for f in findings
            if fixable(f) and f.en_span is not None and f.suggestion is not None
        ),
        key=lambda e: e.start,
    )
    kept: list[Edit] = []
    for edit in edits:
        if not kept or edit.start >= kept[-1].end:
            kept.append(edit)
    return apply(text, kept), [e.finding for e in kept]
