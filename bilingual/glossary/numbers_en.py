"""Glossary stage, number check: the English side (pure, no I/O).

:func:`extract_en` finds, following issue #14 ("Number and date rules"):

- digits with ``,`` and ``.`` (``46,276``, ``1.56``), maybe followed by
  hundred / thousand / million / billion / trillion (``1.2 million``,
  ``35 thousand``); number words two … nineteen, twenty … ninety and their
  compounds (``twenty-one``, ``two hundred and twelve``, ``Ten Thousand``);
  "one" and "a" only before a scale word (``one hundred thousand`` is one
  value, 100,000; "one" alone is no value), ``half a million`` (0.5 million);
- ordinals (``20th``, ``twentieth``, ``twenty-first``);
- percentages (``12%``, ``12 percent``, ``12 per cent``); "5 percentage
  points" is the plain number 5;
- dates (``February 14``, ``14 February``, ``Feb. 14, 2023``, ``December
  13-14, 2022`` (two date values; also ``December 13 to 14``, ``December 13
  and 14``, ``13 to 14 December`` when the second day is after the first and,
  after "Month D1 and D2", no word it counts follows: ``December 13 and 14
  villages`` is a date and a figure), ``February 2023``, ``February``,
  ``2023-02-14``), times (``16:18``; ``9:30 a.m.``, ``3 p.m.``, ``3 to 5
  p.m.``, ``10 o'clock`` on a 12-hour clock); a bare four-digit number from
  1000 to 2999 is a year.

Digits glued to letters (``COVID-19``, ``5G``, ``1990s``) are names, not
figures. ``precision`` is the unit of the last written digit times the
multiplier; trailing zeros before a multiplier are not significant
(``270 million``: 10,000,000).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache

import ahocorasick_rs

from bilingual.glossary.numbers_zh import (
    CACHED,
    DATE,
    DFA,
    LONGEST,
    NUMBER,
    ONE,
    ORDINAL,
    PERCENT,
    TIME,
    YEAR,
    Found,
    Template,
    Value,
    joined_texts,
    offsets,
    positions,
    templates,
    words,
)

_SMALL = words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_TENS = words("twenty thirty forty fifty sixty seventy eighty ninety")
_ORD_SMALL = words(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
)
_ORD_TENS = words("twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth")

WORDS: dict[str, int] = {w: i for i, w in enumerate(_SMALL)}
WORDS.update({w: 10 * (i + 2) for i, w in enumerate(_TENS)})
ORDINAL_WORDS: dict[str, int] = {w: i for i, w in enumerate(_ORD_SMALL)}
ORDINAL_WORDS.update({w: 10 * (i + 2) for i, w in enumerate(_ORD_TENS)})
ORDINAL_WORDS.update({"hundredth": 100, "thousandth": 1000, "millionth": 10**6})
SCALES: dict[str, int] = {
    "hundred": 100,
    "thousand": 1000,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
}

MONTH_NAMES = words("January February March April May June July August September October November December")
MONTHS: dict[str, int] = {}
for _i, _name in enumerate(MONTH_NAMES, 1):
    MONTHS[_name] = _i
    MONTHS[_name[:3]] = _i
MONTHS["Sept"] = 9

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_S = r"[ \t\u00a0\u202f]"  # a space inside an expression (NBSP included)
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"[12][0-9]{3}"
_DIGITS = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
_SMALL_RE = "|".join(sorted(_SMALL[2:], key=len, reverse=True))
_TENS_RE = "|".join(_TENS)
_WORD = rf"(?:(?:{_TENS_RE})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|{_SMALL_RE})"
_SCALE = r"(?:hundred|thousand|million|billion|trillion)(?!s)"
_ORD_UNITS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
_ORD_RE = "|".join(sorted(list(ORDINAL_WORDS)[1:], key=len, reverse=True))
_ORD_WORD = rf"(?:(?:{_TENS_RE})-(?:{_ORD_UNITS})|{_ORD_RE})"
_NOT_AFTER = r"(?<![A-Za-z0-9.])(?<![A-Za-z]-)"

# A range of days in words: "December 13 to 14", "13 and 14 December". After "Month D1 and D2"
# the second day must not count what follows ("December 13 and 14 villages"): a lower-case word
# may follow it only if it is one of these.
_TO = rf"{_S}+(?:to|and|through|until){_S}+"
_AFTER_DAYS = (
    "a|an|and|are|as|at|before|after|both|by|during|each|every|for|from|in|inclusive|is|last|next"
    "|of|on|or|respectively|that|the|this|to|until|was|were|when|while|will|with"
)
_DAY_ENDS = rf"(?![0-9A-Za-z])(?!{_S}+(?!(?:{_AFTER_DAYS})\b)[a-z])"

# Times on a 12-hour clock: "9:30 a.m.", "3 p.m.", "from 3 to 5 p.m.", "10 o'clock".
_HOUR = r"1[0-2]|0?[0-9]"

_SCALE_LOW = r"(?:hundred|thousand|million|billion|trillion)(?!s)"
_PCT = rf"(?P<pct>{_S}*%|{_S}+[Pp]er{_S}?cent\b)?"
# Three patterns, chosen by what stands at the anchor (a digit, a month, another word), so
# each tries only the alternatives that can start there. Words are matched on a lower-case
# copy of a window of the text (no IGNORECASE: its literal matching is slow).
_EN_DIGIT = re.compile(
    rf"{_NOT_AFTER}(?:(?P<iso>(?P<iy>{_YEAR})-(?P<im>[0-9]{{1,2}})-(?P<id>[0-9]{{1,2}}))(?![0-9])"
    rf"|(?P<clock>(?P<h1>{_HOUR})(?::(?P<m1>[0-5][0-9]))?(?:(?:{_S}*[-–—]{_S}*|{_TO})(?P<h2>{_HOUR})"
    rf"(?::(?P<m2>[0-5][0-9]))?)?(?:{_S}*(?P<ampm>[AaPp]\.[Mm]\.?|[AaPp][Mm]\b)|{_S}+o['’]clock\b))"
    rf"|(?P<time>(?P<hh>[01]?[0-9]|2[0-3]):(?P<mm>[0-5][0-9]))(?![0-9])"
    rf"|(?P<dm>(?P<e1>{_DAY})(?:{_S}*[-–—]{_S}*(?P<e2>{_DAY})|{_TO}(?P<ew>{_DAY}))?{_S}+(?P<mon2>{_MONTH})"
    rf"(?:,?{_S}+(?P<y2>{_YEAR})(?![0-9]))?)\b"
    rf"|(?P<dord>[0-9]+)(?P<suffix>st|nd|rd|th)\b"
    rf"|(?P<num>(?P<digits>{_DIGITS})(?P<scales>(?i:(?:{_S}+|-){_SCALE}\b)*)){_PCT})"
)
_EN_MONTH = re.compile(
    rf"\b(?P<md>(?P<mon>{_MONTH}){_S}*(?P<d1>{_DAY})"
    rf"(?:{_S}*[-–—]{_S}*(?P<d2>{_DAY})|{_TO}(?P<dw>{_DAY}){_DAY_ENDS})?(?![0-9])"
    rf"(?:,?{_S}+(?P<y>{_YEAR})(?![0-9]))?)"
    rf"|\b(?P<my>(?P<mon3>{_MONTH_FULL}),?{_S}+(?P<y3>{_YEAR}))(?![0-9])"
    rf"|\b(?P<mon4>{_MONTH_FULL})\b"
)
_EN_WORD = re.compile(  # on lower-case text
    rf"\b(?P<word_ord>{_ORD_WORD})\b"
    rf"|(?P<num>\b(?P<lead>{_WORD}|one|(?:half{_S}+)?a(?={_S}+{_SCALE_LOW}))\b"
    rf"(?P<scales>(?:(?:{_S}+|-){_SCALE_LOW}\b)*)"
    rf"(?P<tail>(?<=hundred){_S}+(?:and{_S}+)?(?:{_WORD}|one)\b)?)"
    rf"(?P<pct>{_S}*%|{_S}+per{_S}?cent\b)?"
    rf"|\b(?P<bare>{_SCALE_LOW})\b"
)
_MONTH_START = frozenset("JFMASOND")
_SPACES = re.compile(r"[ \t\u00a0\u202f-]+")
_BEFORE_MAY = re.compile(r"(?:\b(?:in|since|until|by|of|from|to|early|late|mid|end)[ \t\u00a0-]*)$", re.I)


def _word_value(word: str) -> int:
    word = word.lower()
    if word in WORDS:
        return WORDS[word]
    tens, _, unit = word.partition("-")
    return WORDS[tens] + WORDS.get(unit, 0)


def _ordinal_value(word: str) -> int:
    word = word.lower()
    if word in ORDINAL_WORDS:
        return ORDINAL_WORDS[word]
    tens, _, unit = word.partition("-")
    return WORDS[tens] + ORDINAL_WORDS[unit]


def _digits_precision(digits: str, scaled: bool) -> Decimal:
    """The unit of the last written digit (before the multiplier)."""
    whole, _, fraction = digits.replace(",", "").partition(".")
    if fraction:
        return Decimal(1).scaleb(-len(fraction))
    if scaled:  # trailing zeros before a multiplier are not significant
        zeros = len(whole) - len(whole.rstrip("0"))
        return Decimal(1).scaleb(min(zeros, len(whole) - 1))
    return ONE


def _day(text: str) -> int:
    return int(text.rstrip("stndrh"))


def _month(text: str) -> int:
    return MONTHS[text.rstrip(".")]


# Characters after which a word starts (NUL joins the texts of a batch).
_DELIMITERS = "\0 \t\n\u00a0\u202f-(/\"'“‘[—–,;:"
_DIGIT_RUN = re.compile(r"[0-9][0-9,.]*")


@lru_cache(maxsize=1)
def _anchors() -> ahocorasick_rs.AhoCorasick:
    """A word that may start a value, after a delimiter, as written, capitalised or in capitals."""
    leads = [*_SMALL[2:], *_TENS, *SCALES, *_ORD_SMALL[2:], *_ORD_TENS, *ORDINAL_WORDS]
    # "one" and "half a" only before a scale word, so that they start its number ("one hundred
    # thousand", "half a million") and "one" alone is no anchor (a value 1 is never checked).
    leads += [f"one{s}{w}" for w in SCALES for s in (" ", "\u00a0", "-")]
    leads += [f"half{s}a{s}{w}" for w in SCALES for s in (" ", "\u00a0")]
    forms = {f for w in leads for f in (w, w.capitalize(), w.title(), w.upper())}
    forms.update(MONTH_NAMES)
    forms.update(f"{m[:3]}{end}" for m in MONTH_NAMES for end in (".", " ", "\u00a0"))
    forms.add("Sept.")
    patterns = sorted(d + f for f in forms for d in _DELIMITERS)
    return ahocorasick_rs.AhoCorasick(patterns, matchkind=LONGEST, implementation=DFA)


def anchors_en(texts: Sequence[str]) -> dict[int, list[int]]:
    """The offsets where a value may start (sorted), by text index; a text without any: no entry.

    One pass of the automaton and one of a digit regex over the texts joined by NUL.
    """
    return positions(texts, _anchors(), _DIGIT_RUN, lead=1)


def scan_en(texts: Sequence[str]) -> dict[int, list[Found]]:
    """The values of each text and their keys, by text index (a text without values: no entry),
    for a batch in one pass: the anchors of the texts joined by NUL, then a match at each."""
    joined, starts = joined_texts(texts, 1)
    return _extract(joined, starts, offsets(joined, _anchors(), _DIGIT_RUN, 1))


def extract_en(text: str, anchors: Sequence[int] | None = None) -> list[Value]:
    """Every number, percentage, ordinal, date and time in English ``text``, in text order.

    ``anchors``: what :func:`anchors_en` found for ``text`` (None: find them now).
    """
    if anchors is None:
        found = scan_en([text]).get(0, [])
    else:
        found = _extract(text + "\0", [0, len(text) + 1], anchors).get(0, [])
    return [value for value, _ in found]


# By the text matched and the character after it: one dict for the word pattern, one for the
# others (which the first character tells apart).
_TEMPLATES: dict[str, tuple[Template, ...]] = {}
_WORD_TEMPLATES: dict[str, tuple[Template, ...]] = {}


def _extract(joined: str, starts: list[int], anchors: Sequence[int]) -> dict[int, list[Found]]:
    """The values at ``anchors`` (sorted offsets into ``joined``), by text (``starts``: see
    :func:`~bilingual.glossary.numbers_zh.joined_texts`), with offsets into their text.

    A value depends only on the pattern, the text matched and the character after it (but a
    "May" alone, which depends on the words before it), so each matched text is read once
    and then placed from its templates.
    """
    found: dict[int, list[Found]] = {}
    for cache in (_TEMPLATES, _WORD_TEMPLATES):
        if len(cache) > CACHED:
            cache.clear()
    new = tuple.__new__  # a template placed: see templates()
    digit = _EN_DIGIT.match
    done = k = 0
    for anchor in anchors:
        if anchor < done:
            continue  # inside the value found last
        if "0" <= joined[anchor] <= "9":  # a digit run (no "a " before it starts a match)
            m, offset = digit(joined, anchor), 0
        else:
            k = bisect_right(starts, anchor, k) - 1
            last = starts[k + 1] - 1
            m, offset = None, 0
            if anchor >= done + 2 and joined[anchor - 2 : anchor] in ("a ", "A ", "a\u00a0"):
                m, offset = _match_at(joined, anchor - 2, last)  # "a million"
            if m is None:
                m, offset = _match_at(joined, anchor, last)
        if m is None:
            continue
        start, end = m.span()
        start += offset
        end += offset
        if end <= anchor:
            continue
        done = end
        k = bisect_right(starts, start, k) - 1
        first = starts[k]
        written = joined[start : end + 1]  # the text matched and the character after it
        if end - start == 3 and written.startswith("May"):  # alone a month only after "in", "by"...
            made = templates(_values(m, joined, offset, start, first))
        else:
            cache = _WORD_TEMPLATES if m.re is _EN_WORD else _TEMPLATES
            made = cache.get(written)  # type: ignore[assignment]
            if made is None:
                made = cache[written] = templates(_values(m, joined, offset, start, first))
        if made:
            at = start - first
            placed = [(new(Value, (kind, s + at, e + at, *rest)), key) for kind, s, e, rest, key in made]
            if k in found:
                found[k] += placed
            else:
                found[k] = placed
    return found


def _match_at(text: str, start: int, end: int) -> tuple[re.Match[str] | None, int]:
    """The match of the pattern for what stands at ``start`` (in a text that ends at ``end``),
    and the offset of what it matched."""
    first = text[start]
    if first.isdigit():
        return _EN_DIGIT.match(text, start), 0
    if first in _MONTH_START and (m := _EN_MONTH.match(text, start)) is not None:
        return m, 0
    window = text[start : min(start + 80, end)]
    lower = window.lower()
    if len(lower) != len(window):
        return None, 0  # a letter whose lower case is longer (İ): no number word
    return _EN_WORD.match(lower), start


def _group(m: re.Match[str], name: str) -> str | None:
    """Group ``name`` of ``m``, None when its pattern has no such group."""
    return m[name] if name in m.re.groupindex else None


def _values(m: re.Match[str], text: str, offset: int, base: int, first: int) -> list[Value]:
    """The values (two for a range of dates) of one match (``offset``: of its window in ``text``),
    with offsets from ``base``, in the text that starts at ``first``."""
    start, end = m.start() + offset, m.end() + offset
    if m.re is _EN_WORD:
        if m["word_ord"]:
            number = Decimal(_ordinal_value(m["word_ord"]))
            return [Value(ORDINAL, start - base, end - base, text[start:end], number)]
        if m["bare"]:  # "Thousand Villages": one thousand, but see numbers.VAGUE
            number = Decimal(SCALES[m["bare"]])
            return [Value(NUMBER, start - base, end - base, text[start:end], number, number)]
        value = _number(m, text, offset, base)
        return [] if value is None else [value]
    if m.re is _EN_DIGIT and m["num"]:
        value = _number(m, text, offset, base)
        return [] if value is None else [value]
    if m.re is _EN_MONTH:
        if m["md"]:
            return _dates(m, text, base, "mon", "d1", "d2" if m["dw"] is None else "dw", "y")
        if m["my"]:
            year, month = int(m["y3"]), _month(m["mon3"])
            return [Value(DATE, start - base, end - base, text[start:end], None, ONE, year, month)]
        if m["mon4"] != "May" or _BEFORE_MAY.search(text, first, start):  # "May" alone: after "in", ...
            month = _month(m["mon4"])
            return [Value(DATE, start - base, end - base, text[start:end], None, ONE, None, month)]
        return []
    if m["iso"]:
        month, day = int(m["im"]), int(m["id"])
        if 1 <= month <= 12 and 1 <= day <= 31:
            return [
                Value(DATE, start - base, end - base, text[start:end], None, ONE, int(m["iy"]), month, day)
            ]
        return []
    if m["clock"]:
        return _clock(m, text, base)
    if m["time"]:
        minutes = Decimal(int(m["hh"]) * 60 + int(m["mm"]))
        return [Value(TIME, start - base, end - base, text[start:end], minutes)]
    if m["dm"]:
        return _dates(m, text, base, "mon2", "e1", "e2" if m["ew"] is None else "ew", "y2")
    return [Value(ORDINAL, start - base, end - base, text[start:end], Decimal(m["dord"]))]


def _dates(m: re.Match[str], text: str, base: int, mon: str, d1: str, d2: str, y: str) -> list[Value]:
    """A date, or the two dates of a range ("December 13" and "14, 2022").

    A range in words ("to", "and": group ``d2`` is ``dw`` or ``ew``) whose second day is not
    after the first is a date and a figure ("December 13 and 12", "from 14 to 13 December")."""
    start, end = m.span()
    month, year = _month(m[mon]), int(m[y]) if m[y] else None
    if m[d2] is None:
        return [Value(DATE, start - base, end - base, text[start:end], None, ONE, year, month, _day(m[d1]))]
    first_end, second = m.end(d1), m.start(d2)
    day1, day2 = _day(m[d1]), _day(m[d2])
    first = Value(DATE, start - base, first_end - base, text[start:first_end], None, ONE, year, month, day1)
    then = Value(DATE, second - base, end - base, text[second:end], None, ONE, year, month, day2)
    if day2 > day1 or d2 in ("d2", "e2"):
        return [first, then]
    if d2 == "dw":  # "December 13" and the figure 12
        return [first, _figure(m, text, base, d2)]
    return [_figure(m, text, base, d1), then]  # the figure 14 and "13 December"


def _clock(m: re.Match[str], text: str, base: int) -> list[Value]:
    """The time (two for a range: "3 to 5 p.m." is 15:00 and 17:00) of a 12-hour clock, in
    minutes since midnight: p.m. adds 12 hours to an hour under 12, 12 a.m. is midnight."""
    start, end = m.span()
    pm = (m["ampm"] or "a").lower().startswith("p")
    times = []
    for h, minute in (("h1", "m1"), ("h2", "m2")):
        if m[h] is not None:
            hour = int(m[h]) % 12 + (12 if pm or (m["ampm"] is None and int(m[h]) == 12) else 0)
            times.append(Decimal(hour * 60 + int(m[minute] or 0)))
    if len(times) == 1:
        return [Value(TIME, start - base, end - base, text[start:end], times[0])]
    first_end, second = m.end("m1") if m["m1"] else m.end("h1"), m.start("h2")
    return [
        Value(TIME, start - base, first_end - base, text[start:first_end], times[0]),
        Value(TIME, second - base, end - base, text[second:end], times[1]),
    ]


def _figure(m: re.Match[str], text: str, base: int, group: str) -> Value:
    """A day of a range in words read as the figure it is alone: 12 (or 12th, an ordinal)."""
    start, end = m.span(group)
    kind = NUMBER if m[group].isdigit() else ORDINAL
    return Value(kind, start - base, end - base, text[start:end], Decimal(_day(m[group])))


def _number(m: re.Match[str], text: str, offset: int, base: int) -> Value | None:
    start, end = m.start() + offset, m.end() + offset
    written = m["scales"]
    scales = [SCALES[s.lower()] for s in _SPACES.split(written) if s] if written else []
    digits = _group(m, "digits")
    tail = _group(m, "tail")
    if digits:
        if end < len(text) and text[end].isalpha() and not m["scales"] and not m["pct"]:
            return None  # 5G, 1990s: a name
        number = Decimal(digits.replace(",", ""))
        precision = _digits_precision(digits, bool(scales))
    else:
        lead = m["lead"]
        if lead in ("a", "one") and not scales:
            if lead == "a":
                return None
            number, precision = ONE, ONE
        elif lead[0] == "h":  # "half a million": 0.5 million, written to a tenth
            number, precision = Decimal("0.5"), Decimal("0.1")
        else:
            number = Decimal(1 if lead == "a" else _word_value(lead))
            precision = _digits_precision(str(number), bool(scales))
    multiplier = 1
    for scale in scales:
        multiplier *= scale
    number *= multiplier
    precision *= multiplier
    if tail:
        number += _word_value(tail.split()[-1])
        precision = ONE
    written_text = text[start:end]
    if m["pct"]:
        return Value(PERCENT, start - base, end - base, written_text, number, precision)
    if digits and digits.isdigit() and len(digits) == 4 and digits[0] in "12" and not scales:
        return Value(YEAR, start - base, end - base, written_text, number)
    return Value(NUMBER, start - base, end - base, written_text, number, precision)
