"""Writing, shared by every format: term markup runs and XML-safe text.

Two things every writer needs and must do the same way, so that a term is
marked identically in TMX, XLIFF, PO, HTML and the bilingual XML, and a
character no format can hold is treated identically everywhere:

1. :func:`runs` cuts one side of an :class:`~bilingual.model.AlignedPair` into
   ``[(text, Finding | None), ...]``: consecutive, non-overlapping pieces whose
   texts concatenate to exactly the side's text. A piece carries the finding
   whose span it is (``ok`` findings mark terms; the others mark problems).
2. :func:`xml_safe` / :func:`split_unsafe` / :func:`control_findings` deal with
   characters XML 1.0 cannot hold (C0 controls except TAB, LF and CR; lone
   surrogates; U+FFFE and U+FFFF). They are never dropped silently: each
   exporter either encodes them losslessly (XLIFF 2.1 ``<cp hex="0004"/>``,
   the bilingual XML's ``<cp>``) or writes the visible placeholder of
   :func:`placeholder`, and in both cases reports one
   ``Finding(verdict=Verdict.CONTROL_CHAR)`` per character through
   :meth:`~bilingual.formats.registry.ExportContext.report`.

Placeholders (documented for users): a C0 control U+00XX becomes its Unicode
"Control Picture" U+24XX (``\\x04`` → ``␄``, ``\\x0b`` → ``␋``, ``\\x00`` →
``␀``); a lone surrogate, U+FFFE or U+FFFF becomes U+FFFD ``�``.

Nothing here does I/O; :func:`add_text` is the one lxml helper (mixed content).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TypeAlias

from lxml import etree

from bilingual.model import EN, ZH, AlignedPair, Finding, Verdict

Run: TypeAlias = tuple[str, Finding | None]

# Exactly the complement of XML 1.0's Char production within the BMP:
# #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Lone surrogates cannot even be encoded as UTF-8: no text format can hold them.
SURROGATE = re.compile("[\ud800-\udfff]")

REPLACEMENT = "\ufffd"


def placeholder(char: str) -> str:
    """The visible stand-in written for a character XML 1.0 cannot hold."""
    code = ord(char)
    return chr(0x2400 + code) if code < 0x20 else REPLACEMENT


def xml_safe(text: str) -> str:
    """``text`` with every XML-unsafe character replaced by its placeholder.

    Length-preserving (one character for one), so offsets stay valid.
    """
    if not UNSAFE.search(text):
        return text
    return UNSAFE.sub(lambda m: placeholder(m.group()), text)


def split_unsafe(text: str) -> list[tuple[str, bool]]:
    """``text`` as pieces ``(chunk, unsafe)``; an unsafe piece is one character.

    For formats that encode unsafe characters losslessly (``<cp hex=.../>``).
    """
    pieces: list[tuple[str, bool]] = []
    pos = 0
    for match in UNSAFE.finditer(text):
        if match.start() > pos:
            pieces.append((text[pos : match.start()], False))
        pieces.append((match.group(), True))
        pos = match.end()
    if pos < len(text):
        pieces.append((text[pos:], False))
    return pieces


def _why(char: str) -> str:
    if SURROGATE.match(char):
        return "is a lone surrogate (not a character; cannot be encoded)"
    return "is not allowed in XML 1.0"


def codepoint(char: str) -> str:
    """``U+0004`` style name of a character."""
    return f"U+{ord(char):04X}"


def control_findings(
    pair: AlignedPair, *, encoded: bool = False, pattern: re.Pattern[str] | None = None
) -> list[Finding]:
    """One CONTROL_CHAR finding per XML-unsafe character of ``pair``, zh side first.

    ``encoded`` says the exporter kept the character losslessly (as ``<cp>``);
    otherwise the message names the placeholder written instead. ``pattern``
    narrows the characters concerned (text formats that can hold controls but
    not lone surrogates pass :data:`SURROGATE`).
    """
    found: list[Finding] = []
    for side, text in ((ZH, pair.zh), (EN, pair.en)):
        for match in (pattern or UNSAFE).finditer(text):
            char, start = match.group(), match.start()
            how = (
                f'encoded as <cp hex="{ord(char):04X}"/>'
                if encoded
                else f"written as {placeholder(char)} ({codepoint(placeholder(char))})"
            )
            found.append(control_finding(pair, side, start, f"{codepoint(char)} {_why(char)}; {how}"))
    return found


# In text read from a file of pairs: C0 controls but TAB, LF and CR, C1 controls, U+FFFE and
# U+FFFF. None belongs in a sentence; each is a finding of the check, not an error.
INPUT_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def input_control_findings(pair: AlignedPair) -> list[Finding]:
    """One CONTROL_CHAR finding per control character in ``pair`` as read (zh side first).

    For the check of files of pairs (JSONL, TSV, TMX, XLIFF, PO): the text is
    kept as written, and each character that does not belong in a sentence is
    reported where it is, so a report can show it (escaped) and a script can
    find it. Lone surrogates never get here: readers turn them into U+FFFD.
    """
    found: list[Finding] = []
    for side, text in ((ZH, pair.zh), (EN, pair.en)):
        for match in INPUT_CONTROL.finditer(text):
            problem = f"{codepoint(match.group())} is a control character; remove it"
            found.append(control_finding(pair, side, match.start(), problem))
    return found


def input_controls(pairs: Iterable[AlignedPair]) -> list[Finding]:
    """:func:`input_control_findings` of every pair, in pair order; a pair without any costs
    two C searches (a file of 100,000 pairs is screened in a few hundredths of a second)."""
    search = INPUT_CONTROL.search
    return [f for pair in pairs if search(pair.zh) or search(pair.en) for f in input_control_findings(pair)]


def control_finding(pair: AlignedPair, side: str, start: int, problem: str) -> Finding:
    """The CONTROL_CHAR finding for the character at ``start`` of one side of ``pair``."""
    text = pair.zh if side == ZH else pair.en
    span = (start, start + 1)
    return Finding(
        segment=pair.id,
        term="",
        verdict=Verdict.CONTROL_CHAR,
        zh=pair.zh,
        en=pair.en,
        zh_span=span if side == ZH else None,
        en_span=span if side == EN else None,
        found=text[start],
        message=f"{side} offset {start}: {problem}",
        doc_id=pair.doc_id,
    )


def _span(finding: Finding, side: str) -> tuple[int, int] | None:
    return finding.zh_span if side == ZH else finding.en_span


def runs(text: str, findings: Iterable[Finding], side: str) -> list[Run]:
    """Cut ``text`` (the ``side`` of a pair, "zh" or "en") into marked runs.

    Invariants of the result: runs are non-empty, consecutive and
    non-overlapping, and ``"".join(t for t, _ in result) == text``. Spans that
    are empty, fall outside ``text`` or overlap an earlier mark are left
    unmarked; among marks starting at the same offset the longest wins, and a
    problem finding wins over an ``ok`` one with the same span. CONTROL_CHAR
    findings are not markup (they describe single characters) and are ignored.
    """
    marks: list[tuple[int, int, Finding]] = []
    for finding in findings:
        span = _span(finding, side)
        if span is None or finding.verdict is Verdict.CONTROL_CHAR:
            continue
        start, end = span
        if 0 <= start < end <= len(text):
            marks.append((start, end, finding))
    marks.sort(key=lambda m: (m[0], m[0] - m[1], m[2].verdict is Verdict.OK))
    out: list[Run] = []
    pos = 0
    for start, end, finding in marks:
        if start < pos:
            continue
        if start > pos:
            out.append((text[pos:start], None))
        out.append((text[start:end], finding))
        pos = end
    if pos < len(text):
        out.append((text[pos:], None))
    return out


def pair_runs(pair: AlignedPair, findings: Sequence[Finding]) -> tuple[list[Run], list[Run]]:
    """The zh runs and the en runs of ``pair``."""
    return runs(pair.zh, findings, ZH), runs(pair.en, findings, EN)


def marked(findings: Sequence[Finding], marks: str) -> list[Finding]:
    """The findings a writer marks inline under ``marks`` (``none``, ``terms``, ``findings``, ``all``;
    see :data:`bilingual.formats.registry.MARKS`)."""
    if marks == "all":
        return list(findings)
    if marks == "terms":
        return [f for f in findings if f.verdict is Verdict.OK]
    if marks == "findings":
        return [f for f in findings if f.verdict is not Verdict.OK]
    return []


def marker_ids(findings: Iterable[Finding]) -> dict[Finding, str]:
    """Stable marker ids ``m1, m2, ...`` in order of first appearance.

    The same finding has the same id on both sides, so a zh term and its en
    rendering are linked (XLIFF ``<mrk id>``, HTML ``data-term``).
    """
    ids: dict[Finding, str] = {}
    for finding in findings:
        ids.setdefault(finding, f"m{len(ids) + 1}")
    return ids


def status_text(finding: Finding) -> str:
    """``status: open; id 3f0c…`` or ``status: accepted (REASON); id …``: where a finding stands
    with the corpus's ignore list, and the id that ``bilingual check --accept`` takes."""
    status = "open" if finding.accepted is None else f"accepted ({finding.accepted})"
    return f"status: {status}" + (f"; id {finding.id}" if finding.id else "")


def note_text(finding: Finding) -> str:
    """``missing t2: message [status: open; id …]`` — the verdict, the term id (``number`` for
    figures and dates), the message and the status (not for control characters: no check's)."""
    label = " ".join(part for part in (finding.verdict.value, finding.term) if part)
    text = f"{label}: {finding.message}" if finding.message else label
    if finding.verdict in (Verdict.OK, Verdict.CONTROL_CHAR):
        return text
    return f"{text} [{status_text(finding)}]"


def add_text(parent: etree._Element, text: str) -> None:
    """Append ``text`` to ``parent``'s mixed content (after its last child)."""
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
