"""Glossary stage, number check: the value model and the Chinese side (pure, no I/O).

A :class:`Value` is one figure or date written in a text: its kind, its span
[start, end) into the ORIGINAL text (full-width digits are read as digits, one
character for one, so offsets never shift), its value and, for rounding, the
unit of its last written digit. :func:`extract_zh` finds them in Chinese text
following the rules of issue #14 ("Number and date rules"):

- Arabic digits with ``,`` thousands and ``.`` decimals, half- or full-width,
  optionally followed by 万 / 亿 / 千 / 千万 / 万亿 or ``%``/``％``;
- ``百分之`` + numeral or digits (a percentage); ``第`` + numeral (an ordinal);
- a Chinese numeral run only before a unit or measure word of :data:`UNITS`
  (longest unit first: 3千米 is 3 km), after 第 or inside a date; elsewhere
  a numeral is part of a word (统一, 一体化, 四治融合) and is ignored;
- dates (``2023年2月14日``, ``2月14日``, ``2023年2月``, ``2023年``, ``2月``,
  ``2023-02-14``), ranges (``12月13日至14日``: two date values, the second
  taking the first one's year and month; ``1-6月``, ``1至6月``: months 1 and
  6, both taking the year written before them; not yet in numerals, 一至六月,
  where only 六月 is found); four digits before 年 are a year,
  one to three digits or a numeral before 年 are a number of years;
- ``N个百分点`` is the plain number N (个 is a measure word); two numerals
  in a row, the second one more (两三个, 七八家), are two figures, 2 and 3,
  as in "two or three" (not 23);
- times, in minutes since midnight: ``16:18``, ``9时30分``, ``9点30分``,
  ``9点半``, ``上午9时``; after 下午, 晚上 or 傍晚 an hour under 12 is 12
  hours later (``下午3时`` = 15:00), in a range too (``下午3时至5时``: 15:00
  and 17:00); a bare ``3点`` is a count of points (提出3点意见), not a time,
  and hours in numerals (九时) are not read.

Values are looked for only at anchors (:func:`anchors_zh`: a digit, a numeral
before a unit, 第, 百分之), found for a whole batch of texts joined by NUL in
one C pass (:func:`scan_zh`); what a matched text is worth is remembered
(:func:`templates`). What it does not do: compare (see
:mod:`bilingual.glossary.numbers`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache
from itertools import accumulate
from string import ascii_letters, digits
from typing import NamedTuple

import ahocorasick_rs

# Automata are built once and searched on every batch: a DFA searches fastest.
DFA = ahocorasick_rs.Implementation.DFA
LONGEST = ahocorasick_rs.MatchKind.LeftmostLongest

# Kinds of value. number, ordinal and year compare with one another by value;
# a percent only with a percent; a date by its parts; a time (16:18) exactly.
NUMBER = "number"
ORDINAL = "ordinal"
PERCENT = "percent"
DATE = "date"
YEAR = "year"
TIME = "time"

ONE = Decimal(1)


def words(text: str) -> tuple[str, ...]:
    """The space-separated words of ``text``: long word lists written as one string."""
    return tuple(text.split())


class Value(NamedTuple):
    """One figure, percentage, date or time written in a text.

    ``number`` holds the value of a number, ordinal, percent (12 for 12%),
    year, or a time (minutes since midnight); a date holds ``year``/``month``/
    ``day`` for the parts written (None: not written). ``precision`` is the
    unit of the last written digit, times the multiplier (``272.6 million``:
    100,000; ``270 million``: 10,000,000, trailing zeros before a multiplier
    not being significant; ``35,000``: 1).

    A named tuple, not a dataclass: thousands are made a second, and a
    tuple is built several times faster than a frozen dataclass.
    """

    kind: str
    start: int
    end: int
    text: str
    number: Decimal | None = None
    precision: Decimal = ONE
    year: int | None = None
    month: int | None = None
    day: int | None = None

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


# Units and measure words after which a numeral run is a number (issue #14).
# The regex alternation takes them longest first. 周年 is 周 + 年 (the same values),
# listed so that 三十五周年 is found whole.
UNITS: tuple[str, ...] = words(
    "个 所 名 人 家 项 次 户 村 条 件 座 场 届 年 月 日 天 周 周年 小时 分钟 岁 "
    "元 万元 亿元 公里 千米 米 平方米 平方公里 亩 公顷 吨 倍 批 期 轮 支 台 辆 套 篇 部 类 种"
)

# Set phrases whose numerals stand before a measure word yet count nothing.
IDIOMS: tuple[str, ...] = ("千家万户", "千方百计", "万家灯火", "三番五次", "千千万万", "成千上万")

_CN_DIGIT = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_MULTIPLIER = {"万": Decimal(10_000), "亿": Decimal(10**8), "千": Decimal(1000)}
_MULTIPLIER["千万"] = Decimal(10**7)
_MULTIPLIER["万亿"] = Decimal(10**12)

# Full-width digits, point and percent sign to ASCII: one character each, so
# offsets into the translated text are offsets into the original.
_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_FULL_WIDTH = re.compile("[０-９．％]")

_DIGITS = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
_NUMERAL = r"(?:[〇零一二两三四五六七八九十百万亿]|千(?!米))+(?:点[〇零一二三四五六七八九]+)?"
_MULT = r"千万|万亿|万|亿|千(?!米)"
_Y = r"[0-9]{4}|[〇零一二三四五六七八九]{4}"
_M = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_D = r"3[01]|[12][0-9]|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
_NOT_AFTER = r"(?<![A-Za-z0-9.])(?<![A-Za-z]-)"  # COVID-19, G20, 1.2.3 are names
_RANGE = r"至|到|—|–|-|~|～|－"  # between the two ends of a range of dates (or times)
# Times: 9时30分, 9点半, 下午3时 (N点 alone is a count of points: 提出3点意见; not after a part of
# the day). The parts of the day after which an hour under 12 is in the afternoon or evening.
_DAY_PARTS = "上午|下午|晚上|早上|凌晨|傍晚"
_LATE = frozenset({"下午", "晚上", "傍晚"})
_MINUTES = r"(?:(?P<cm>[0-5]?[0-9])分|(?P<half>半))?"


@lru_cache(maxsize=8)
def _pattern(units: tuple[str, ...]) -> re.Pattern[str]:
    unit = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    idioms = "|".join(IDIOMS)
    return re.compile(
        rf"(?P<idiom>{idioms})"
        rf"|{_NOT_AFTER}(?P<iso>(?P<iy>[0-9]{{4}})-(?P<im>[0-9]{{1,2}})-(?P<id>[0-9]{{1,2}}))(?![0-9])"
        rf"|{_NOT_AFTER}(?P<time>(?P<ap>{_DAY_PARTS})?(?P<hh>[01]?[0-9]|2[0-3])"
        rf"(?:[:：](?P<mm>[0-5][0-9])(?![0-9])|(?:时|(?(ap)点|点(?=[0-5]?[0-9]分|半))){_MINUTES})"
        rf"(?:(?P<tsep>{_RANGE})(?P<ap2>{_DAY_PARTS})?(?P<hh2>[01]?[0-9]|2[0-3])"
        rf"(?:[:：](?P<mm2>[0-5][0-9])(?![0-9])|[时点](?:(?P<cm2>[0-5]?[0-9])分|(?P<half2>半))?))?)"
        rf"|(?P<date>(?:(?P<y>{_Y})年)?(?:(?P<m>{_M})月(?:(?P<d>{_D})[日号])?)"
        rf"(?:(?P<sep>{_RANGE})(?:(?P<y2>{_Y})年)?(?:(?P<m2>{_M})月)?(?P<d2>{_D})[日号])?)"
        rf"|(?P<mrange>(?:(?P<ry>{_Y})年)?(?P<r1>{_M})(?P<rsep>{_RANGE})(?P<r2>{_M})月(?!(?:{_D})[日号]))"
        rf"|(?P<yonly>(?P<yy>{_Y})年)"
        rf"|(?P<pct>百分之(?P<pn>{_DIGITS}|{_NUMERAL}))"
        rf"|(?P<ord>第(?P<on>{_DIGITS}|{_NUMERAL}))"
        rf"|{_NOT_AFTER}(?P<dn>{_DIGITS})(?P<dm>{_MULT})?(?P<dp>%)?(?P<du>[余多]?(?:{unit}))?"
        rf"|(?P<cn>{_NUMERAL})(?P<cu>[余多]?(?:{unit}))"
    )


def cn_int(text: str) -> int:
    """The value of a Chinese numeral without a point: 二十 = 20, 八亿七千万 = 870,000,000.

    A run of digit characters only (二〇二三) is read digit by digit.
    """
    if len(text) > 1 and all(c in _CN_DIGIT for c in text):
        return int("".join(str(_CN_DIGIT[c]) for c in text))
    total = wan = section = number = 0
    for c in text:
        if c in _CN_DIGIT:
            number = _CN_DIGIT[c]
        elif c in _CN_SMALL:
            section += (number or 1) * _CN_SMALL[c]
            number = 0
        elif c == "万":
            wan += (section + number or 1) * 10_000
            section = number = 0
        elif c == "亿":
            total += (wan + section + number or 1) * 10**8
            wan = section = number = 0
    return total + wan + section + number


def cn_decimal(text: str) -> Decimal:
    """A Chinese numeral, maybe with 点: 十二点五 = 12.5."""
    whole, _, fraction = text.partition("点")
    value = Decimal(cn_int(whole)) if whole else Decimal(0)
    if fraction:
        value += Decimal("0." + "".join(str(_CN_DIGIT[c]) for c in fraction))
    return value


def _figure(text: str) -> Decimal:
    """Arabic digits (``1,200.5``) or a Chinese numeral."""
    if text[0].isdigit():
        return Decimal(text.replace(",", ""))
    return cn_decimal(text)


def _part(text: str | None) -> int | None:
    if text is None:
        return None
    return int(text) if text.isdigit() else cn_int(text)


_NUMERAL_CHARS = frozenset("〇零一二两三四五六七八九十百千万亿点")
_BEFORE = _NUMERAL_CHARS | {"第", "之", "午", "上", "晨", "晚"}  # before a value's anchor
_PARTS = frozenset(_DAY_PARTS.split("|"))
_DIGIT_RUN = re.compile(r"[0-9０-９][0-9０-９,.]*")  # a run of Arabic digits (found on a batch)


@lru_cache(maxsize=8)
def _anchors(units: tuple[str, ...]) -> ahocorasick_rs.AhoCorasick:
    """What every Chinese value (but a digit run) holds: a numeral before a unit (maybe via
    余/多), 第 before a numeral, 百分之. Found in one C pass over a batch of texts."""
    numerals = "〇零一二两三四五六七八九十百千万亿"
    patterns = {"百分之", *(f"第{c}" for c in numerals)}
    for unit in units:
        for c in numerals:
            patterns.update((c + unit, f"{c}余{unit}", f"{c}多{unit}"))
    return ahocorasick_rs.AhoCorasick(sorted(patterns), matchkind=LONGEST, implementation=DFA)


def anchors_zh(texts: Sequence[str], units: tuple[str, ...] = UNITS) -> dict[int, list[int]]:
    """The offsets where a value may lie (sorted), by text index; a text without any: no entry.

    One pass of the automaton and one of a digit regex over the texts joined by NUL, so a
    batch of texts without figures costs two C scans and no Python per text.
    """
    return positions(texts, _anchors(units), _DIGIT_RUN)


def offsets(
    joined: str, automaton: ahocorasick_rs.AhoCorasick, digits: re.Pattern[str], lead: int = 0
) -> list[int]:
    """Where values may lie in ``joined`` (sorted): the automaton's matches and the digit runs,
    in one C pass each.

    ``lead``: the automaton's patterns begin with that many delimiter characters (English words
    must follow a space or punctuation), so a match's value starts ``lead`` characters after it.
    """
    found = [start + lead for _, start, _ in automaton.find_matches_as_indexes(joined)]
    found += [m.start() for m in digits.finditer(joined)]
    found.sort()  # two sorted runs: one merge
    return found


def joined_texts(texts: Sequence[str], lead: int = 0) -> tuple[str, list[int]]:
    """``texts`` joined by NUL after ``lead`` NULs and before one, and where each starts (then
    the end + 1).

    NUL stands where a text ends for every pattern here (no class holds it; a lookaround or
    ``\\b`` sees it as it sees the end of a text), so a batch is scanned as one string; a
    value is always followed by a character.
    """
    joined = "\0" * lead + "\0".join(texts) + "\0"
    return joined, list(accumulate(map((1).__add__, map(len, texts)), initial=lead))


def positions(
    texts: Sequence[str], automaton: ahocorasick_rs.AhoCorasick, digits: re.Pattern[str], *, lead: int = 0
) -> dict[int, list[int]]:
    """:func:`offsets` by text index (offsets into each text; a text without any: no entry)."""
    joined, starts = joined_texts(texts, lead)
    found: dict[int, list[int]] = {}
    k = 0
    for start in offsets(joined, automaton, digits, lead):
        k = bisect_right(starts, start, k) - 1
        found.setdefault(k, []).append(start - starts[k])
    return found


# What a value compares by with exact matching: its class and value (a date: its parts).
# Number, ordinal and year compare with one another; a percent only with a percent.
CLASS = {NUMBER: "n", ORDINAL: "n", YEAR: "n", PERCENT: "p", DATE: "d", TIME: "t"}
_COUNTS = frozenset({NUMBER, ORDINAL})
Key = tuple[object, ...]
# A value found, and its key (None: the value 1, never checked; see numbers._check).
Found = tuple[Value, Key | None]


def value_key(value: Value) -> Key | None:
    """What ``value`` equals exactly (see :data:`CLASS`); None for the value 1 (一个 / 一项 ↔ "a",
    "an", "one": too loose to judge)."""
    cls = CLASS[value.kind]
    if cls == "d":
        return (cls, value.year, value.month, value.day)
    if value.number == ONE and value.kind in _COUNTS:
        return None
    return (cls, value.number)


# A value as found at offset 0 (kind, start, end, the other fields) and its key: what a
# matched text (and the character after it) always gives, wherever it stands.
Template = tuple[str, int, int, tuple[object, ...], Key | None]
CACHED = 20_000  # matched texts a cache holds (bulletins repeat dates and figures): ~12 MB at most


def templates(values: Sequence[Value]) -> tuple[Template, ...]:
    """``values`` (found at offset 0) as templates. Found at offset ``at``, a template is the
    value ``tuple.__new__(Value, (kind, start + at, end + at, *rest))`` (a named tuple's own
    constructor is twice as slow)."""
    return tuple((v.kind, v.start, v.end, tuple(v[3:]), value_key(v)) for v in values)


# By units, then by the text matched and the character after it (NUL for one the pattern
# cannot tell from any other: see _seen).
_TEMPLATES: dict[tuple[str, ...], dict[str, tuple[Template, ...]]] = {}


@lru_cache(maxsize=8)
def _seen(units: tuple[str, ...]) -> frozenset[str]:
    """The characters a match may look at after its end: every character of the pattern (with
    the whole of its ranges: ASCII letters and digits) and the full-width digits. Any other
    character fails every test there alike, so a value does not depend on which one follows."""
    return frozenset(_pattern(units).pattern) | frozenset(ascii_letters + digits + "０１２３４５６７８９．％")


def scan_zh(texts: Sequence[str], units: tuple[str, ...] = UNITS) -> dict[int, list[Found]]:
    """The values of each text and their keys, by text index (a text without values: no entry),
    for a batch in one pass: the anchors of the texts joined by NUL, then a match at each."""
    joined, starts = joined_texts(texts)
    return _extract(joined, starts, units, offsets(joined, _anchors(units), _DIGIT_RUN))


def extract_zh(
    text: str, units: tuple[str, ...] = UNITS, anchors: Sequence[int] | None = None
) -> list[Value]:
    """Every number, percentage, ordinal, date and time in Chinese ``text``, in text order.

    ``anchors``: what :func:`anchors_zh` found for ``text`` (None: find them now).
    """
    if anchors is None:
        found = scan_zh([text], units).get(0, [])
    else:
        found = _extract(text + "\0", [0, len(text) + 1], units, anchors).get(0, [])
    return [value for value, _ in found]


def _extract(
    joined: str, starts: list[int], units: tuple[str, ...], anchors: Sequence[int]
) -> dict[int, list[Found]]:
    """The values at ``anchors`` (sorted offsets into ``joined``), by text (``starts``: see
    :func:`joined_texts`), with offsets into their text.

    A value depends only on the text matched and the character after it, and on that
    character only if the pattern can tell it apart (:func:`_seen`): a match reads no further
    (its lookaheads look one character ahead; its lookbehinds decide whether a digit matches
    at all, not how). So each matched text is read once and then placed from its templates.
    """
    found: dict[int, list[Found]] = {}
    if not anchors:
        return found
    view = joined.translate(_WIDTH) if _FULL_WIDTH.search(joined) else joined
    match = _pattern(units).match
    cache = _TEMPLATES.get(units)
    if cache is None or len(cache) > CACHED:
        cache = _TEMPLATES[units] = {}
    seen = _seen(units)
    new = tuple.__new__
    done = k = 0
    for anchor in anchors:
        if anchor < done:
            continue  # inside the value (or idiom) found last
        start, m = anchor, None
        if start > done and view[start - 1] in _BEFORE:  # (most digits stand after none of them)
            while start > done and view[start - 1] in _NUMERAL_CHARS:
                start -= 1
            if start > done and view[start - 1] == "第":
                start -= 1
            elif start - 2 >= done and view[start - 2 : start] in _PARTS:  # 下午3时
                m = match(view, start - 2)
                if m is not None:  # (else not a time: 晚上3个小时)
                    start -= 2
            elif start - 3 >= done and view[start - 3 : start] == "百分之":
                start -= 3
        if m is None:
            m = match(view, start)
            if m is None:
                continue
        end = m.end()
        if end <= anchor:
            continue
        done = end
        # The text matched and the character after it (any other than those seen: NUL).
        written = joined[start : end + 1] if joined[end] in seen else joined[start:end] + "\0"
        made = cache.get(written)
        if made is None:
            made = cache[written] = templates(_value(m, joined, view, start))
        if not made:
            continue
        k = bisect_right(starts, start, k) - 1
        at = start - starts[k]
        values = found.get(k)
        if values is None:
            values = found[k] = []
        for kind, s, e, rest, key in made:  # placed at ``at``: see templates()
            values.append((new(Value, (kind, s + at, e + at, *rest)), key))
    return found


def _clock(hour: str, minute: str | None, half: str | None, late: bool) -> int:
    """Minutes since midnight of an hour and minute written (半: 30), ``late``: said in the
    afternoon or evening (下午3时 = 15:00)."""
    hours = int(hour) + (12 if late and int(hour) < 12 else 0)
    return hours * 60 + (int(minute) if minute else 30 if half else 0)


def _value(m: re.Match[str], joined: str, view: str, base: int) -> list[Value]:
    """The value (two for a range of dates; none for an idiom or a name) of one match of
    :func:`_pattern` in ``joined`` (``view``: the same, digits half-width), with offsets from ``base``."""
    if m["idiom"]:
        return []
    start, end = m.span()
    text = joined[start:end]
    if m["iso"]:
        iso = int(m["iy"]), int(m["im"]), int(m["id"])
        if 1 <= iso[1] <= 12 and 1 <= iso[2] <= 31:
            return [Value(DATE, start - base, end - base, text, None, ONE, *iso)]
        return []
    if m["time"]:
        late = m["ap"] in _LATE
        first = _clock(m["hh"], m["mm"] or m["cm"], m["half"], late)
        if m["hh2"] is None:
            return [Value(TIME, start - base, end - base, text, Decimal(first))]
        # 下午3时至5时: the second hour is late too, unless that would put it before the first
        minute2, half2 = m["mm2"] or m["cm2"], m["half2"]
        second = _clock(m["hh2"], minute2, half2, m["ap2"] in _LATE)
        if m["ap2"] is None and late and first <= _clock(m["hh2"], minute2, half2, True):
            second = _clock(m["hh2"], minute2, half2, True)
        first_end, after = m.start("tsep"), m.end("tsep")
        return [
            Value(TIME, start - base, first_end - base, joined[start:first_end], Decimal(first)),
            Value(TIME, after - base, end - base, joined[after:end], Decimal(second)),
        ]
    if m["date"]:
        year, month, day = _part(m["y"]), _part(m["m"]), _part(m["d"])
        if m["d2"] is None:
            return [Value(DATE, start - base, end - base, text, None, ONE, year, month, day)]
        first_end, second = m.start("sep"), m.end("sep")
        year2 = _part(m["y2"]) if m["y2"] else year
        month2 = _part(m["m2"]) if m["m2"] else month
        return [
            Value(DATE, start - base, first_end - base, joined[start:first_end], None, ONE, year, month, day),
            Value(
                DATE, second - base, end - base, joined[second:end], None, ONE, year2, month2, _part(m["d2"])
            ),
        ]
    if m["mrange"]:  # 1-6月: months 1 and 6, both of the year written before them
        year, first_end, second = _part(m["ry"]), m.start("rsep"), m.end("rsep")
        written = joined[start:first_end]
        return [
            Value(DATE, start - base, first_end - base, written, None, ONE, year, _part(m["r1"])),
            Value(DATE, second - base, end - base, joined[second:end], None, ONE, year, _part(m["r2"])),
        ]
    if m["yonly"]:
        return [Value(YEAR, start - base, end - base, text, Decimal(_part(m["yy"]) or 0))]
    if m["pct"]:
        return [Value(PERCENT, start - base, end - base, text, _figure(m["pn"]))]
    if m["ord"]:
        return [Value(ORDINAL, start - base, end - base, text, _figure(m["on"]))]
    if m["dn"]:
        if end < len(view) and view[end].isascii() and view[end].isalpha():
            return []  # 5G, 3D: a name
        number = Decimal(m["dn"].replace(",", ""))
        if m["dm"]:
            number *= _MULTIPLIER[m["dm"]]
        unit = (m["du"] or "").lstrip("余多")
        if unit in ("万元", "亿元"):
            number *= _MULTIPLIER[unit[0]]
        return [Value(PERCENT if m["dp"] else NUMBER, start - base, end - base, text, number)]
    numeral = m["cn"]
    if len(numeral) == 2 and _CN_DIGIT.get(numeral[0], -9) + 1 == _CN_DIGIT.get(numeral[1]):
        # 两三个: "two or three", an approximation (not 23): two figures, as a range is
        low, high = Decimal(_CN_DIGIT[numeral[0]]), Decimal(_CN_DIGIT[numeral[1]])
        return [
            Value(NUMBER, start - base, start + 1 - base, text[0], low),
            Value(NUMBER, start + 1 - base, end - base, text[1:], high),
        ]
    number = cn_decimal(numeral)
    if m["cu"].lstrip("余多") in ("万元", "亿元"):
        number *= _MULTIPLIER[m["cu"][-2]]
    return [Value(NUMBER, start - base, end - base, text, number)]
