"""Glossary stage: the number and date check (pure; no I/O, no logging per pair).

Issue #14, "Number and date rules". The figures of an aligned pair are two
multisets of :class:`Value` (:func:`extract_zh`, :func:`extract_en`), matched
greedily in text order, exact values first, then rounded ones:

- number, ordinal and year compare by value (三十五周年 = "35th anniversary");
  a percent only with a percent; a date by the parts written on both sides
  (2月14日 = "February 14, 2023"; at least one part in common); a time exactly;
- rounded: equal when they differ by at most half the English figure's
  precision (the unit of its last written digit times its multiplier:
  2.726亿 = "273 million" = "270 million", not "27 million");
- the value 1 (number or ordinal) is never checked, nor is a value that
  overlaps a glossary term's occurrence (``exclude_zh`` / ``exclude_en``: the
  spans the term check found, see :func:`term_spans`);
- a year left over on one side is a finding only when the other side has a
  year left over too (今年 = "in 2023" is not one; 2022年 = "2023" is).

Verdicts: each Chinese value left over is ``missing`` (``zh_span``), each
English one ``unexpected`` (``en_span``); ``32%`` rendered ``23%`` is one of
each. Findings have ``check="number"``, ``term`` "number", "date" or "time",
``found`` the expression's text, ``expected`` the English figure the Chinese
value implies (:func:`suggestion`; for an unexpected value, the one its
Chinese counterpart implies when the leftovers of its kind pair one to one),
and a message naming what the other side has nearby.

Speed: :func:`check_pairs` scans a batch of pairs per side as one string
(the texts joined by NUL): one C pass of an Aho-Corasick automaton of the
words a value holds and one of a digit regex find the anchors, then a
pattern is matched at each anchor. What a matched text is worth (its values
and their keys) is computed once and remembered (bulletins repeat their
dates and figures), so most values cost a dict lookup. Only the pairs with a
value on either side are looked at in Python; those whose keys are the same
on both sides (most) end there, and only the others are matched value by
value and build findings.

Use with the term check (which keeps its own module)::

    terms = check(pairs, glossary, include_ok=True)     # ok terms hold numbers too (二十大)
    numbers = check_pairs(pairs, terms)                   # or check_numbers(pair, zh_spans, en_spans)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from itertools import islice

from bilingual.glossary.collector import collector_paused
from bilingual.glossary.numbers_en import MONTH_NAMES, anchors_en, extract_en, scan_en
from bilingual.glossary.numbers_zh import (
    CLASS,
    DATE,
    NUMBER,
    ORDINAL,
    PERCENT,
    TIME,
    UNITS,
    YEAR,
    Found,
    Key,
    Value,
    anchors_zh,
    extract_zh,
    scan_zh,
)
from bilingual.model import AlignedPair, Finding, Verdict

__all__ = [
    "DATE",
    "NUMBER",
    "ORDINAL",
    "PERCENT",
    "TIME",
    "UNITS",
    "YEAR",
    "Spans",
    "Value",
    "anchors_en",
    "anchors_zh",
    "check_numbers",
    "check_pairs",
    "extract_en",
    "extract_zh",
    "suggestion",
    "term_spans",
]

CHECK = "number"
BATCH = 2000  # pairs a scan


def _kept(found: list[Found], exclude: Sequence[tuple[int, int]]) -> list[Found]:
    """``found`` but the value 1 (一个 / 一项 ↔ "a", "an", "one": too loose to judge; its key is
    None) and the values overlapping a span of ``exclude``."""
    kept = [f for f in found if f[1] is not None]
    if exclude and kept:
        return [f for f in kept if not any(s < f[0].end and f[0].start < e for s, e in exclude)]
    return kept


def _close(zh: Value, en: Value) -> bool:
    """Whether ``en`` renders ``zh`` as written (rounded, or a date's common parts)."""
    cls = CLASS[zh.kind]
    if cls != CLASS[en.kind] or cls == "t":
        return False
    if cls == "d":
        common = 0
        for a, b in ((zh.year, en.year), (zh.month, en.month), (zh.day, en.day)):
            if a is not None and b is not None:
                if a != b:
                    return False
                common += 1
        return common > 0
    assert zh.number is not None and en.number is not None
    return abs(zh.number - en.number) * 2 <= en.precision


def _match(zh: list[Found], en: list[Found]) -> tuple[list[int], list[int]]:
    """Indexes of the zh and en values left unmatched (exact matches first, then close ones)."""
    free: dict[Key | None, list[int]] = {}
    for j, (_, key) in enumerate(en):
        free.setdefault(key, []).append(j)
    taken = [False] * len(en)
    left: list[int] = []
    for i, (_, key) in enumerate(zh):
        same = free.get(key)
        if same:
            taken[same.pop(0)] = True
        else:
            left.append(i)
    zh_left: list[int] = []
    for i in left:
        for j, (value, _) in enumerate(en):
            if not taken[j] and _close(zh[i][0], value):
                taken[j] = True
                break
        else:
            zh_left.append(i)
    en_left = [j for j, t in enumerate(taken) if not t]
    # A year alone is no finding unless the other side has a year left over too.
    if any(zh[i][0].kind == YEAR for i in zh_left) != any(en[j][0].kind == YEAR for j in en_left):
        zh_left = [i for i in zh_left if zh[i][0].kind != YEAR]
        en_left = [j for j in en_left if en[j][0].kind != YEAR]
    return zh_left, en_left


def check_numbers(
    pair: AlignedPair,
    exclude_zh: Sequence[tuple[int, int]] = (),
    exclude_en: Sequence[tuple[int, int]] = (),
    *,
    units: tuple[str, ...] = UNITS,
) -> list[Finding]:
    """The number findings of one pair: ``missing`` in zh order, then ``unexpected`` in en order.

    ``exclude_zh``/``exclude_en``: spans (into ``pair.zh``/``pair.en``) of
    glossary term occurrences, whose numbers are the term check's business.
    ``units``: the measure words after which a Chinese numeral counts
    (default: the issue's list, :data:`UNITS`).
    """
    zh = scan_zh([pair.zh], units).get(0, [])
    en = scan_en([pair.en]).get(0, [])
    return _check(pair, exclude_zh, exclude_en, zh, en)


# The zh and en spans of glossary term occurrences, by document and pair id (see term_spans).
Spans = dict[tuple[str, str], tuple[list[tuple[int, int]], list[tuple[int, int]]]]


def check_pairs(
    pairs: Iterable[AlignedPair],
    term_findings: Iterable[Finding] = (),
    *,
    units: tuple[str, ...] = UNITS,
    spans: Spans | None = None,
    progress: Callable[[int, int | None], None] | None = None,
) -> list[Finding]:
    """The number findings of every pair, in pair order, excluding the term findings' spans.

    ``term_findings`` should be the term check's findings with ``include_ok=True``:
    an ``ok`` term (二十大 rendered "20th CPC National Congress") holds numbers too.
    ``spans``: the exclusions already gathered (:func:`term_spans` and more), instead of
    ``term_findings``. Pairs are scanned in batches, each side as one string
    (:func:`~bilingual.glossary.numbers_zh.scan_zh`, :func:`~bilingual.glossary.numbers_en.scan_en`):
    a pair without an anchor on either side costs no Python at all. ``progress``: told the
    pairs checked so far (and in all, when ``pairs`` is a list) after each batch.
    """
    findings: list[Finding] = []
    with collector_paused():  # many small objects, no cycles: see collector_paused
        if spans is None:
            spans = term_spans(term_findings)
        it, done, total = iter(pairs), 0, len(pairs) if isinstance(pairs, list) else None
        if progress is not None:
            progress(0, total)
        while batch := list(islice(it, BATCH)):
            done += len(batch)
            zh_found = scan_zh([p.zh for p in batch], units)
            en_found = scan_en([p.en for p in batch])
            for k in sorted(zh_found.keys() | en_found.keys()):
                pair = batch[k]
                zh, en = spans.get((pair.doc_id, pair.id), _NONE) if spans else _NONE
                zh_values, en_values = zh_found.get(k, _EMPTY), en_found.get(k, _EMPTY)
                if not zh and not en and _same(zh_values, en_values):
                    continue  # the common case: every figure rendered exactly, nothing excluded
                left = _check(pair, zh, en, zh_values, en_values)
                if left:
                    findings += left
            if progress is not None:
                progress(done, total)
    return findings


_NONE: tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]] = ((), ())
_EMPTY: list[Found] = []


# A scale word with no numeral may match a Chinese value (千村 = "Thousand Villages"), but one
# left over is never reported: it is part of a name or vague (千万工程 is "the Thousand Villages
# Demonstration and Ten Thousand Villages Renovation Project"; "hundreds of volunteers").
VAGUE = frozenset({"hundred", "thousand", "million", "billion", "trillion"})


def _same(zh: list[Found], en: list[Found]) -> bool:
    """Whether the two sides hold the same keys (as multisets; value 1 included): then no
    value is left over, nothing being excluded."""
    if len(zh) != len(en):
        return False
    if len(zh) == 1:
        return zh[0][1] == en[0][1]
    keys = [key for _, key in en]
    for _, key in zh:
        if key not in keys:
            return False
        keys.remove(key)
    return True


def _check(
    pair: AlignedPair,
    exclude_zh: Sequence[tuple[int, int]],
    exclude_en: Sequence[tuple[int, int]],
    zh_found: list[Found],
    en_found: list[Found],
) -> list[Finding]:
    zh_kept = _kept(zh_found, exclude_zh)
    en_kept = _kept(en_found, exclude_en)
    if _same(zh_kept, en_kept):  # the common case: every figure rendered exactly
        return []
    zh_left, en_left = _match(zh_kept, en_kept)
    if not zh_left and not en_left:
        return []
    zh = [value for value, _ in zh_kept]
    en = [value for value, _ in en_kept]
    findings: list[Finding] = []
    for i in zh_left:
        findings.append(_missing(pair, zh[i], [en[j] for j in en_left], en))
    # An unexpected value takes its counterpart's figure when its kind's leftovers pair one to one.
    counterpart: dict[int, Value] = {}
    for cls in {CLASS[en[j].kind] for j in en_left}:
        zs = [zh[i] for i in zh_left if CLASS[zh[i].kind] == cls]
        es = [j for j in en_left if CLASS[en[j].kind] == cls]
        if len(zs) == len(es):
            counterpart.update(zip(es, zs, strict=True))
    for j in en_left:
        if en[j].text.lower() in VAGUE:
            continue  # a bare scale word left over is a name or vague ("the Thousand Villages project")
        findings.append(_unexpected(pair, en[j], counterpart.get(j), [zh[i] for i in zh_left]))
    return findings


def _nearest(value: Value, length: int, others: list[Value], other_length: int) -> Value | None:
    """The value of ``others`` nearest to ``value`` by relative position, same class first."""
    if not others:
        return None
    where = value.start / max(length, 1)
    cls = CLASS[value.kind]
    return min(
        others,
        key=lambda o: (CLASS[o.kind] != cls, abs(o.start / max(other_length, 1) - where)),
    )


def _term(value: Value) -> str:
    return "time" if value.kind == TIME else "date" if value.kind in (DATE, YEAR) else "number"


def _missing(pair: AlignedPair, value: Value, en_left: list[Value], en_all: list[Value]) -> Finding:
    figure = suggestion(value)
    near = _nearest(value, len(pair.zh), en_left, len(pair.en))
    if near is not None:
        nearby = f'the English has "{near.text}" unmatched nearby'
    else:
        seen = _nearest(value, len(pair.zh), en_all, len(pair.en))
        nearby = f'the English figure nearby is "{seen.text}"' if seen else "the English has no figure"
    return Finding(
        segment=pair.id,
        term=_term(value),
        verdict=Verdict.MISSING,
        zh=pair.zh,
        en=pair.en,
        zh_span=value.span,
        expected=(figure,),
        found=value.text,
        message=f'{value.text} is not in the English: expected "{figure}"; {nearby}',
        doc_id=pair.doc_id,
        check=CHECK,
    )


def _unexpected(pair: AlignedPair, value: Value, counterpart: Value | None, zh_left: list[Value]) -> Finding:
    near = counterpart or _nearest(value, len(pair.en), zh_left, len(pair.zh))
    if near is not None:
        nearby = f"the Chinese has {near.text} unmatched nearby"
        if counterpart is not None:
            nearby += f': write "{suggestion(counterpart)}"'
    else:
        nearby = "the Chinese has no figure left to match it"
    return Finding(
        segment=pair.id,
        term=_term(value),
        verdict=Verdict.UNEXPECTED,
        zh=pair.zh,
        en=pair.en,
        en_span=value.span,
        expected=(suggestion(counterpart),) if counterpart is not None else (),
        found=value.text,
        message=f'"{value.text}" is in the English but not in the Chinese; {nearby}',
        doc_id=pair.doc_id,
        check=CHECK,
    )


def term_spans(findings: Iterable[Finding]) -> Spans:
    """The zh and en spans of the term findings (``include_ok=True``: ok ones too), by document
    and pair id (files of pairs may hold several documents whose pair ids repeat)."""
    spans: Spans = {}
    for f in findings:
        if f.check != "term":
            continue
        zh, en = spans.setdefault((f.doc_id, f.segment), ([], []))
        if f.zh_span is not None:
            zh.append(f.zh_span)
        if f.en_span is not None:
            en.append(f.en_span)
    return spans


# --- The English figure a Chinese value implies -------------------------------------------

_SCALE_NAMES = ((Decimal(10**12), "trillion"), (Decimal(10**9), "billion"), (Decimal(10**6), "million"))


def _plain(number: Decimal) -> str:
    """``35000`` → ``35,000``; ``12.50`` → ``12.5``; no exponent."""
    text = f"{number.normalize():f}"
    whole, _, fraction = text.partition(".")
    return f"{int(whole):,}" + (f".{fraction}" if fraction else "")


def format_number(number: Decimal) -> str:
    """English figure: ``35,000``, ``272.6 million``, ``120 billion``, ``0.5``."""
    for scale, name in _SCALE_NAMES:
        if number >= scale:
            scaled = (number / scale).normalize()
            exponent = scaled.as_tuple().exponent
            if isinstance(exponent, int) and exponent >= -3:
                return f"{_plain(scaled)} {name}"
            break
    return _plain(number)


def ordinal(n: int) -> str:
    """``20`` → ``20th``, ``102`` → ``102nd``, ``11`` → ``11th``."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def suggestion(value: Value) -> str:
    """The English figure a (Chinese) value implies: ``35,000``, ``20th``, ``12%``, ``14 February``."""
    if value.kind == DATE:
        parts = [
            str(value.day) if value.day is not None else "",
            MONTH_NAMES[value.month - 1] if value.month is not None and 1 <= value.month <= 12 else "",
            str(value.year) if value.year is not None else "",
        ]
        return " ".join(p for p in parts if p)
    number = value.number if value.number is not None else Decimal(0)
    if value.kind == TIME:
        hours, minutes = divmod(int(number), 60)
        return f"{hours:02d}:{minutes:02d}"
    if value.kind == YEAR:
        return str(int(number))
    if value.kind == ORDINAL and number == number.to_integral_value():
        return ordinal(int(number))
    if value.kind == PERCENT:
        return f"{_plain(number)}%"
    return format_number(number)
