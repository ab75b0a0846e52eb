"""Sentence segmentation: the corpus stage between reading and aligning.

:func:`segment` takes a :class:`~bilingual.model.Document` whose paragraphs are
known and fills ``Document.segments``: the title and the date line are one
segment each, every body paragraph is cut into sentences by
:func:`split_sentences`. It does not read files, normalise text or align; it
never changes a character: each segment is a ``[start, end)`` span of
``Document.text`` with only the surrounding whitespace left out, so NBSP,
curly quotes and full-width spaces inside a sentence survive.

Why our own rules and not pysbd. ``benchmarks/segment_libraries.py`` runs
pysbd 0.3.4 (the well-kept rule-based splitter) and these rules over the case
tables of ``tests/corpus/test_segment.py`` and over the MAC dev corpus. pysbd
is good at English abbreviations ("U.S. Embassy", "Chen W. Li", "etc. The")
but splits "10 a.m. Beijing time", "Co. Ltd.", "approx. 300", URLs at "?" and
every line break; in Chinese it gives closing quotes and brackets to the next
sentence ("。" | "”然后"), cuts "？！" in two and ignores ellipses. It is also
slow and quadratic in the paragraph length (2.5 s for 40 KB). It loses on
both languages, so nothing here depends on it; the benchmark keeps the
comparison up to date.

The rules, in short (each one is a row of the case tables):

- A candidate end is a run of terminators followed by closing quotes or
  brackets; the closers belong to the sentence before ("……。”", "（……。）").
- zh: 。！？ (and runs such as ？！), ……/⋯⋯/..., and with ``semicolon=True`` ；
  end a sentence unless a comma-like mark follows (or 等/的 after an
  ellipsis). Half-width . ! ? end one only before Chinese text, so 3.5, URLs
  and "U.S.政府" stay whole. A line break inside a paragraph is not a boundary.
- en: a terminator ends a sentence only when whitespace (NBSP included) and a
  sentence start (capital, digit, CJK, possibly after an opening quote)
  follow: that keeps decimals, URLs, e-mail addresses, ellipses and a quoted
  "?" before a lower-case word inside their sentence. A full stop after a word
  of :mod:`bilingual.abbreviations` follows the rule of its list
  ("Mr.", "No." never end; "U.S.", "a.m." and initials end only before a
  sentence-starting word such as "The"; "Jan." never before a number); "etc."
  is an ordinary word, see that module. A list label ("1.", "(a).") after
  the start, a colon or another sentence is not a sentence. With
  ``semicolon=True`` "; " is a boundary too.
- Known limits (strict xfails in the tests): "5 p.m. Li Qiang then spoke"
  and "in the U.S. Chinese students" are not split, nor "2022.We" (no space);
  "……" inside a Chinese sentence is.

Everything is a single left-to-right pass with bounded look-around: linear in
the length of the paragraph, no regex that can backtrack catastrophically.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from bilingual import abbreviations as abbr
from bilingual.errors import BilingualError
from bilingual.model import EN, ZH, Document, Kind, Segment

SIGNATURE = "seg:bilingual-rules-1"

_CLOSERS = "\"'”’)]}»›」』》）】〕〉］｝"
_OPENERS = "\"'“‘([{«‹「『《（【〔〈［｛"
# Han: CJK Unified Ideographs and Extension A, compatibility ideographs, 々 and
# 〇, Extensions B-H (written with \U so that they are one character each).
_HAN = "\u3005\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"

# A candidate end is a terminator run, its closers (possessive: never given
# back) and then, in group "s", the space after it; a cut goes at the start of
# "s". The lookbehinds ("not the second character of a run") stop a failed
# match from being retried inside the same run, so every character is looked
# at a bounded number of times: linear time. They come after the first
# character so that ``re`` can still scan quickly for that character.
_CLOSE = f"[{re.escape(_CLOSERS)}]*+"
_OPEN = f"[{re.escape(_OPENERS)}]*+"
# English: the space is required ("3.5", "www.gov.cn", "e.g" stay whole) and so
# is a sentence start after it, so that mid-sentence stops cost no Python time.
# A start is anything in \w but "_" and a-z (capitals, digits, Han; non-ASCII
# lower case too, rare after a full stop in English) or a word like "iPhone",
# after any opening quotes or brackets.
_EN_START = rf"(?={_OPEN}(?:[^\W_a-z]|[a-z]{{1,3}}[A-Z]))"
_EN_END = re.compile(rf"(?P<t>[.!?…](?<![.!?…]{{2}})[.!?…]*+){_CLOSE}(?P<s>\s++){_EN_START}")
_EN_END_SEMI = re.compile(rf"{_EN_END.pattern}|(?P<semi>;){_CLOSE}(?P<s2>\s++)")
# Chinese: a run starting with a full-width terminator, or half-width . ! ?
# that are followed by Chinese text (3.5, URLs and "OK. Then" stay whole).
_ZH_END = re.compile(
    rf"(?:(?P<t>[。！？｡．…⋯；][。！？｡．!?.…⋯；]*+)"
    rf"|(?P<h>[.!?](?<![.!?]{{2}})[.!?]*+)(?={_CLOSE}\s*+{_OPEN}[{_HAN}]))"
    rf"{_CLOSE}(?P<s>\s*+)"
)
_WORD = re.compile(r"\w{0,40}")
_INITIALS = re.compile(r"[A-Za-z](?:\.[A-Za-z])+")  # "J.K", "P.R.C" (final stop excluded)
_LIST_LABEL = re.compile(r"\(?(?:\d{1,3}|[ivxIVX]{1,4}|[A-Za-z])\)?")
_ZH_STRONG = frozenset("。！？｡")
_ZH_CONTINUE = frozenset("，、,：:；;")  # after these a terminator was not an end
_TERMINATORS = frozenset(".!?…;。！？｡")
_WINDOW = 40  # longest word looked at before a full stop; abbreviations are shorter
# Longer words without a full stop inside are neither abbreviations nor list
# labels nor initials: the full stop after them is an ordinary one (fast path).
_LONGEST = max(len(w) for words in (abbr.NEVER_FINAL, abbr.MONTHS, abbr.WEAK, abbr.COMPANY) for w in words)


def signature(*, semicolon: bool = False) -> str:
    """The segmenter signature stamped on documents and every export."""
    return f"{SIGNATURE}|semicolon" if semicolon else SIGNATURE


def segment(doc: Document, *, semicolon: bool = False) -> Document:
    """Return ``doc`` with its segments filled; indices run 0.. across the document."""
    segments: list[Segment] = []
    for para in doc.paragraphs:
        if para.kind is Kind.BODY:
            inner = split_sentences(doc.text[para.start : para.end], doc.lang, semicolon=semicolon)
            spans = [(para.start + s, para.start + e) for s, e in inner]
        else:  # the title and the date line are never split
            spans = [span] if (span := _trim(doc.text, para.start, para.end)) else []
        for start, end in spans:
            text = doc.text[start:end]
            segments.append(Segment(len(segments), para.index, start, end, text, para.kind))
    return dataclasses.replace(doc, segments=tuple(segments), segmenter=signature(semicolon=semicolon))


def split_sentences(text: str, lang: str, *, semicolon: bool = False) -> list[tuple[int, int]]:
    """The ``[start, end)`` spans of the sentences of one paragraph.

    Spans are in order, do not overlap, have no whitespace at either end and
    together cover every non-space character of ``text``.
    """
    if lang == ZH:
        cuts = _zh_cuts(text, semicolon)
    elif lang == EN:
        cuts = _en_cuts(text, semicolon)
    else:
        raise BilingualError(f"cannot segment language {lang!r}; expected {ZH!r} or {EN!r}")
    return _spans(text, cuts)


def _spans(text: str, cuts: Iterator[int]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*cuts, len(text)]:
        if span := _trim(text, start, cut):
            spans.append(span)
        start = cut
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _skip_openers(text: str, i: int) -> int:
    while i < len(text) and text[i] in _OPENERS:
        i += 1
    return i


# --- Chinese -----------------------------------------------------------------


def _zh_cuts(text: str, semicolon: bool) -> Iterator[int]:
    for m in _ZH_END.finditer(text):
        if m.end() < len(text) and _zh_is_end(text, m, semicolon):
            yield m.start("s")


def _zh_is_end(text: str, m: re.Match[str], semicolon: bool) -> bool:
    run, nxt = m["t"] or m["h"], text[m.end()]
    if nxt in _ZH_CONTINUE:
        return False
    if _ZH_STRONG.intersection(run):
        return True
    if "…" in run or "⋯" in run or "..." in run:
        return nxt not in "等的"  # "苹果、香蕉……等水果" is one sentence
    if run in (".", "．"):
        return not _zh_stop_in_word(text, m.start())
    if "；" in run:
        return semicolon
    return True  # a full-width full stop run, or half-width ! ? before Chinese text


def _zh_stop_in_word(text: str, i: int) -> bool:
    """Whether the lone full stop at ``i`` is part of a number, label or abbreviation.

    "3.5", "3．5", "1.加强领导", "１．完善制度" (list labels) and "U.S.政府" (a
    Latin letter after a full stop, space or the start).
    """
    before = text[i - 1 : i]
    if before.isdigit():
        return True
    return before.isascii() and before.isalpha() and text[i - 2 : i - 1] in ("", ".", " ")


# --- English -----------------------------------------------------------------


def _en_cuts(text: str, semicolon: bool) -> Iterator[int]:
    for m in (_EN_END_SEMI if semicolon else _EN_END).finditer(text):
        if m.end() == len(text):
            continue
        if m["t"] is None:  # "; " with semicolon=True
            yield m.start("s2")
        elif _en_is_end(text, m, m.end()):
            yield m.start("s")


def _en_is_end(text: str, m: re.Match[str], after: int) -> bool:
    """Whether the terminator run ``m``, followed by a space and a sentence start at ``after``, ends one."""
    if m["t"] != ".":  # ? ! and ellipses before a capital
        return True
    word = _word_before(text, m.start())
    if len(word) > _LONGEST and "." not in word and len(word.lstrip(_OPENERS)) > _LONGEST:
        return True
    return _en_full_stop_is_end(text, word, m.start() - len(word), after)


def _en_full_stop_is_end(text: str, raw: str, word_start: int, after: int) -> bool:
    word = raw.lstrip(_OPENERS)
    low = word.lower()
    if low in abbr.NEVER_FINAL and (low not in abbr.CAPITALISED_ONLY or word[:1].isupper()):
        return False
    if _is_list_label(text, raw, word_start):  # "1. Strengthen", "A. The plan"
        return False
    if low in abbr.MONTHS:
        return not text[after].isdigit()  # "Jan. 5"
    if low in abbr.WEAK or _INITIALS.fullmatch(word) or (len(word) == 1 and word.isupper()):
        return _next_word(text, after).lower() in abbr.SENTENCE_STARTERS
    if low in abbr.COMPANY:
        return _next_word(text, after).lower() not in abbr.COMPANY  # "Co. Ltd."
    return True


def _word_before(text: str, end: int) -> str:
    """The whitespace-delimited word ending at ``end`` (at most ``_WINDOW`` characters)."""
    window = text[end - _WINDOW if end > _WINDOW else 0 : end]
    if not window or window[-1].isspace():
        return ""
    return window.rsplit(None, 1)[-1]


def _next_word(text: str, i: int) -> str:
    match = _WORD.match(text, _skip_openers(text, i))
    return match.group() if match else ""


def _is_list_label(text: str, word: str, word_start: int) -> bool:
    """A label ("1.", "(a).") opening the paragraph or following a colon or an earlier sentence."""
    if not _LIST_LABEL.fullmatch(word):
        return False
    i = word_start
    while i > 0 and text[i - 1].isspace():
        i -= 1
    if i == 0 or text[i - 1] == ":":
        return True
    if text[i - 1] not in _TERMINATORS:
        return False
    # "on Sept. 1. The ..." and "No. 3." are numbers after an abbreviation, not labels.
    before = _word_before(text, i - 1).lstrip(_OPENERS).lower()
    return before not in abbr.MONTHS and before not in abbr.NEVER_FINAL
