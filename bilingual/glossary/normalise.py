"""Glossary stage: the zh and en *views* that terms are matched on.

A view is the text after the normalisations of the matching rules, with an
offset map back to the original, so every span the check reports points into
the text exactly as the translator wrote it (NBSP, curly quotes, traditional
characters and all). Nothing here changes the original; nothing here matches.

zh view (rule 1): Unicode NFKC, traditional → simplified (OpenCC ``t2s``),
whitespace of any kind (space, U+3000, NBSP, line breaks) and quotation marks
of either width removed, so “十四五”规划, 共同　富裕 and 紅船精神 match.

en view (rules 4, 5): curly apostrophes → ``'``, hyphen look-alikes → ``-``,
soft hyphens dropped, whitespace runs → one space, and a whitespace run that
follows a hyphen and holds a line break dropped (``high-⏎quality`` reads
``high-quality``). The en *key* is the view lower-cased with ``-`` → space,
the same length as the view: detection is case-insensitive and treats space
and hyphen alike; the case check compares the view itself.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import opencc

# Quotation marks of either width, straight and curly, CJK corner brackets.
_ZH_QUOTES = (
    "\"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u300c\u300d\u300e\u300f\uff02\uff07\u2032\u2033"
)
_ZH_SKIP = frozenset(_ZH_QUOTES)
_ZH_NEEDS_WORK = re.compile(f"[\\s{re.escape(_ZH_QUOTES)}]")

_APOSTROPHES = "\u2018\u2019\u201b\u02bc\u2032\uff07"
_HYPHENS = "\u2010\u2011"
_SOFT_HYPHEN = "\u00ad"
_EN_FOLD = str.maketrans({**{c: "'" for c in _APOSTROPHES}, **{c: "-" for c in _HYPHENS}})
# Anything the slow path would change: a folded character, a soft hyphen,
# whitespace other than a single ASCII space, or two spaces in a row.
_EN_NEEDS_WORK = re.compile(f"[{_APOSTROPHES}{_HYPHENS}{_SOFT_HYPHEN}]|[^\\S ]|  ")
_LINE_BREAKS = frozenset("\n\r\u2028\u2029\x0b\x0c\x85")


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@dataclass(frozen=True, slots=True)
class View:
    """Normalised text plus where each of its characters came from.

    Invariant: ``starts[i]``/``ends[i]`` bound the original characters that
    produced view character ``i``; ``None`` means the identity map (the
    common case, kept cheap).
    """

    text: str
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) of view characters [start, end), end > start."""
        if self.starts is None or self.ends is None:
            return (start, end)
        return (self.starts[start], self.ends[end - 1])


def _mapped(chars: list[str], starts: list[int], ends: list[int]) -> View:
    return View("".join(chars), tuple(starts), tuple(ends))


def zh_view(text: str) -> View:
    """The zh view of ``text`` (rule 1)."""
    if unicodedata.is_normalized("NFKC", text) and not _ZH_NEEDS_WORK.search(text):
        converted = _t2s().convert(text)
        if len(converted) == len(text):
            return View(converted)
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, ch in enumerate(text):
        # Per character NFKC is enough for Han, kana, full-width forms and
        # compatibility ideographs; combining sequences do not occur in terms.
        for out in unicodedata.normalize("NFKC", ch):
            if out in _ZH_SKIP or out.isspace():
                continue
            chars.append(out)
            starts.append(i)
            ends.append(i + 1)
    joined = "".join(chars)
    converted = _t2s().convert(joined)
    if len(converted) != len(joined):
        # A phrase conversion changed the length: convert character by
        # character so the offset map stays one-to-one.
        converted = "".join(c2 if len(c2 := _t2s().convert(c)) == 1 else c for c in chars)
    return View(converted, tuple(starts), tuple(ends))


def zh_form(form: str) -> str:
    """A glossary zh form in the same view as the text it is matched against."""
    return zh_view(form).text


def en_view(text: str) -> View:
    """The en view of ``text`` (rules 4 and 5), case preserved."""
    if not _EN_NEEDS_WORK.search(text):
        return View(text)
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == _SOFT_HYPHEN:
            i += 1
            continue
        if ch.isspace():
            j = i
            while j < n and (text[j].isspace() or text[j] == _SOFT_HYPHEN):
                j += 1
            broken = any(c in _LINE_BREAKS for c in text[i:j])
            after_hyphen = bool(chars) and chars[-1] == "-"
            if not (after_hyphen and broken):
                chars.append(" ")
                starts.append(i)
                ends.append(j)
            i = j
            continue
        chars.append(ch.translate(_EN_FOLD))
        starts.append(i)
        ends.append(i + 1)
        i += 1
    return _mapped(chars, starts, ends)


def en_key(view_text: str) -> str:
    """Lower-cased, hyphens as spaces; always ``len(view_text)`` long."""
    lowered = view_text.lower()
    if len(lowered) != len(view_text):  # e.g. "İ": lower each char, keep 1:1
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in view_text)
    return lowered.replace("-", " ")


def en_form(rendering: str) -> str:
    """A glossary rendering in the en view, whitespace trimmed."""
    return en_view(rendering.strip()).text.strip()
