"""Glossary stage: the zh and en *views* that terms are matched on.

A view is the text after the normalisations of the matching rules, with an
offset map back to the original, so every span the check reports points into
the text exactly as the translator wrote it (NBSP, curly quotes, traditional
characters and all). Nothing here changes the original; nothing here matches.

zh view (rule 1): Unicode NFKC, traditional → simplified (OpenCC ``t2s``),
whitespace of any kind (space, U+3000, NBSP, line breaks), quotation marks
of either width and invisible format characters (:data:`IGNORABLE`) removed, so
“十四五”规划, 共同　富裕, 紅船精神 and 红船\u200b精神 match. Han is never mapped
to anything else (no look-alike folding on this side).

en view (rule 4): curly apostrophes → ``'``, hyphen look-alikes → ``-``,
NBSP and other spaces (not line breaks) → space, curly double quotes →
``"``, and look-alike letters of other scripts → the Latin letter they
imitate (Cyrillic ``е`` → ``e``, Greek ``Ο`` → ``O``: :func:`lookalike_table`,
from Unicode's confusables data): one character for one, so offsets do not
move. Whitespace runs (NBSP and line breaks included) are *not* collapsed here:
the matcher's separator between the words of a rendering accepts any
whitespace run, a hyphen, or a hyphen followed by a line break (rule 5), see
:data:`SEPARATOR`. Only text with an invisible format character (soft hyphen,
zero-width space or joiner, word joiner, BOM...: :data:`IGNORABLE`) takes the
slow path, which drops them and collapses whitespace with an offset map. The
en *key* is the view lower-cased (same length): detection is
case-insensitive; the case check compares the view. Whether a match held
look-alikes is for the check to see in the original text
(:func:`lookalikes`): the view only makes it findable.

Plain ASCII text is its own view on both sides, tested in constant time;
other text is touched only where one precompiled regex finds a character to
fold or drop.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import opencc

# Quotation marks of either width, straight and curly, CJK corner brackets.
_ZH_QUOTES = (
    "\"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u300c\u300d\u300e\u300f\uff02\uff07\u2032\u2033"
)
_ZH_SKIP = frozenset(_ZH_QUOTES)

# Default-ignorable code points (Unicode's Default_Ignorable_Code_Point: soft
# hyphen, zero-width space/non-joiner/joiner, bidi marks, word joiner and the
# invisible operators, variation selectors, BOM/ZWNBSP, Mongolian vowel
# separator, tags...): invisible, so a term with one inside looks unbroken.
# Both views drop them.
# (``re`` tests a class holding characters beyond the BMP several times
# slower, so the hot paths test the BMP part and look beyond only in text
# that has such characters, rare in English.)
_IGNORABLE_BMP = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
)
_IGNORABLE_CLASS = _IGNORABLE_BMP + "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
IGNORABLE = re.compile(f"[{_IGNORABLE_CLASS}]")
_IGNORABLE_IN_BMP = re.compile(f"[{_IGNORABLE_BMP}]")

_APOSTROPHES = "\u2018\u2019\u201b\u02bc\u2032\uff07"
_HYPHENS = "\u2010\u2011"
# Spaces other than line breaks, and curly double quotes: folded one for one
# too, so that most English text is ASCII after folding (the matcher's fast path).
_EN_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_EN_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f"
_EN_FOLD_CHARS = {
    **{c: "'" for c in _APOSTROPHES},
    **{c: "-" for c in _HYPHENS},
    **{c: " " for c in _EN_SPACES},
    **{c: '"' for c in _EN_DOUBLE_QUOTES},
}


def _char_class(chars: Iterable[str]) -> str:
    """A regex character class body holding exactly ``chars``, as ranges of
    consecutive code points: ``re`` tests characters beyond the BMP one item
    of the class after another, and the 800-odd mathematical letters are
    about twenty ranges."""
    points = sorted({ord(c) for c in chars})
    out: list[str] = []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        first, last = re.escape(chr(points[i])), re.escape(chr(points[j]))
        out.append(first if i == j else f"{first}-{last}")
        i = j + 1
    return "".join(out)


@lru_cache(maxsize=1)
def lookalike_table() -> dict[str, str]:
    """Each non-ASCII character that Unicode's confusables data (UTS #39,
    through the ``confusable_homoglyphs`` package) takes for one ASCII letter,
    and that letter: Cyrillic ``е`` → ``e``, Greek ``Ο`` → ``O``, full-width
    and mathematical letters too. Built once per process (about 0.05 s).

    Never ASCII to ASCII (no ``rn`` → ``m``, ``l`` → ``I``), never Han, never
    a letter with a diacritic (its skeleton is two characters). UTS #39 writes
    ``I`` as ``l``: a capital whose skeleton is ``l`` is taken for ``I``.
    """
    data = json.loads(
        resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8")
    )
    table: dict[str, str] = {}
    for char, glyphs in data.items():
        if len(char) != 1 or char.isascii():
            continue
        letters = [g["c"] for g in glyphs if len(g["c"]) == 1 and g["c"].isascii() and g["c"].isalpha()]
        if len(letters) == 1:
            latin = letters[0]
            table[char] = "I" if latin == "l" and char.isupper() else latin
    return table


def lookalikes(text: str) -> list[str]:
    """The characters of ``text`` that :func:`lookalike_table` maps, in order, each once."""
    if text.isascii():
        return []
    table = lookalike_table()
    return list(dict.fromkeys(c for c in text if c in table))


@dataclass(frozen=True, slots=True)
class _EnTables:
    """Built once per process: what the en view folds (one for one) and drops."""

    fold: dict[int, str]  # str.translate table: punctuation, spaces, look-alike letters
    fold_re: re.Pattern[str]  # a character of the BMP that ``fold`` changes
    # One folded character, or a run of whitespace and ignorable characters
    # that is not a single ASCII space (those are left in the stretches copied
    # whole): the tokens of the slow path.
    special: re.Pattern[str]
    folded: frozenset[str]  # the characters ``fold`` changes, minus the spaces


@lru_cache(maxsize=1)
def _en_tables() -> _EnTables:
    one_for_one = {**_EN_FOLD_CHARS, **lookalike_table()}
    bmp = [c for c in one_for_one if ord(c) < 0x10000]
    folded = _char_class(c for c in bmp if c not in _EN_SPACES)
    return _EnTables(
        str.maketrans(one_for_one),
        re.compile(f"[{_char_class(bmp)}]"),
        re.compile(f"[{folded}]|(?: ?(?:[^\\S ]|[{_IGNORABLE_CLASS}])| {{2,}})[\\s{_IGNORABLE_CLASS}]*"),
        frozenset(c for c in one_for_one if c not in _EN_SPACES),
    )


# Between two words of a rendering (rule 5): a whitespace run, a hyphen, or a
# hyphen followed by whitespace that holds a line break.
SEPARATOR = r"(?:\s+|-(?:[^\S\n]*\n\s*)?)"
_SPLIT_WORDS = re.compile(r"[\s-]+")
_LINE_BREAKS = frozenset("\n\r\u2028\u2029\x0b\x0c\x85")


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


_CJK_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # beyond the BMP (faster than max(text))


@dataclass(frozen=True, slots=True)
class _ZhTables:
    """Built once per process (about 0.2 s): what a zh view takes from each character."""

    # str.translate table: the NFKC of each BMP character, whitespace and quotes dropped
    view: dict[int, str | None]
    reshaping: re.Pattern[str]  # characters ``view`` drops or expands: offsets move
    reshaping_chars: frozenset[str]  # the same, as a set
    traditional: re.Pattern[str]  # characters OpenCC t2s changes (convert only when present)
    changed: tuple[tuple[str, str], ...]  # (character, its NFKC) where NFKC changes a BMP character


def _zh_dropped(ch: str) -> bool:
    """Not in the zh view: whitespace, quotation marks, invisible format characters."""
    return ch.isspace() or ch in _ZH_SKIP or IGNORABLE.match(ch) is not None


@lru_cache(maxsize=1)
def _zh_tables() -> _ZhTables:
    changed: list[tuple[str, str]] = []
    view: dict[int, str | None] = {}
    for cp in range(0x10000):
        if 0xD800 <= cp < 0xE000:
            continue
        ch = chr(cp)
        if _zh_dropped(ch):
            view[cp] = None
        nfkc = unicodedata.normalize("NFKC", ch)
        if nfkc != ch:
            changed.append((ch, nfkc))
            if cp not in view:
                view[cp] = "".join(c for c in nfkc if not _zh_dropped(c)) or None
    reshaping = "".join(chr(cp) for cp, out in view.items() if out is None or len(out) != 1)
    chars = [chr(cp) for lo, hi in _CJK_BLOCKS for cp in range(lo, hi)]
    # One call, one character per line, so no phrase rule spans two characters.
    converted = _t2s().convert("\n".join(chars)).split("\n")
    t2s_changed = [a for a, b in zip(chars, converted, strict=True) if a != b]
    return _ZhTables(
        view,
        re.compile("[" + re.escape(reshaping) + "]"),
        frozenset(reshaping),
        # Outside the blocks above nothing is precomputed: always convert.
        re.compile("[" + re.escape("".join(t2s_changed)) + "\U00010000-\U0010ffff]"),
        tuple(changed),
    )


class View(NamedTuple):
    """Normalised text plus where each of its characters came from.

    Invariant: ``starts[i]``/``ends[i]`` bound the original characters that
    produced view character ``i``; ``None`` means the identity map (the
    common case, kept cheap). A named tuple: the check builds two per pair.
    """

    text: str
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) of view characters [start, end), end > start."""
        if self.starts is None or self.ends is None:
            return (start, end)
        return (self.starts[start], self.ends[end - 1])


def zh_view(text: str, view_text: str | None = None) -> View:
    """The zh view of ``text`` (rule 1): NFKC character by character, without
    whitespace and quotation marks, then traditional → simplified.

    ``view_text``: :func:`zh_view_text` of ``text``, when already computed;
    then only the offset map is built (no second OpenCC conversion).
    """
    tables = _zh_tables()
    if _ASTRAL.search(text):  # no table beyond the BMP
        return _t2s_view(_zh_view_per_char(text), tables)
    if not tables.reshaping.search(text):  # one character for one: offsets unchanged
        if view_text is not None:
            return View(view_text)
        return _t2s_view(View(text.translate(tables.view)), tables)
    # Stretches between the reshaping characters map one for one.
    table = tables.view
    reshaping = tables.reshaping_chars
    starts: list[int] = []
    pos = 0
    for at in [i for i, ch in enumerate(text) if ch in reshaping]:
        starts.extend(range(pos, at))
        out = table[ord(text[at])]
        if out:
            starts.extend([at] * len(out))
        pos = at + 1
    starts.extend(range(pos, len(text)))
    offsets = (tuple(starts), tuple(map((1).__add__, starts)))
    if view_text is not None:
        return View(view_text, *offsets)
    return _t2s_view(View(text.translate(table), *offsets), tables)


def _zh_view_per_char(text: str) -> View:
    """:func:`zh_view` for any text, with NFKC computed character by character."""
    chars: list[str] = []
    starts: list[int] = []
    for i, ch in enumerate(text):
        # Per character NFKC is enough for Han, kana, full-width forms and
        # compatibility ideographs; combining sequences do not occur in terms.
        for out in unicodedata.normalize("NFKC", ch):
            if not _zh_dropped(out):
                chars.append(out)
                starts.append(i)
    return View("".join(chars), tuple(starts), tuple(i + 1 for i in starts))


def _t2s_view(view: View, tables: _ZhTables) -> View:
    """Traditional → simplified, keeping the offset map one-to-one."""
    if not tables.traditional.search(view.text):
        return view
    converted = _t2s().convert(view.text)
    if len(converted) != len(view.text):
        # A phrase conversion changed the length: convert character by
        # character so the offset map stays one-to-one.
        converted = "".join(c2 if len(c2 := _t2s().convert(c)) == 1 else c for c in view.text)
    return View(converted, view.starts, view.ends)


def zh_unsafe(form_chars: frozenset[str]) -> re.Pattern[str]:
    """The characters that may make a text's zh view differ from the text
    itself where it matters for ``form_chars`` (the characters of the forms).

    A text without any of them has the same occurrences of every form as its
    view, at the same offsets: each of its characters is its own view, or
    (NFKC, one for one) a character no form holds and that is neither dropped
    nor converted by OpenCC. The others: whitespace, quotation marks,
    invisible format characters, characters OpenCC t2s changes, characters beyond the BMP, and characters
    whose NFKC is dropped, longer than one, converted, or a form character.
    """
    tables = _zh_tables()
    unsafe = []
    for ch, nfkc in tables.changed:
        if len(nfkc) != 1 or nfkc in form_chars or _zh_dropped(nfkc) or tables.traditional.match(nfkc):
            unsafe.append(ch)
    return re.compile(
        "[\\s" + re.escape(_ZH_QUOTES + "".join(unsafe)) + _IGNORABLE_BMP + "]|" + tables.traditional.pattern
    )


def zh_view_text(text: str) -> str:
    """``zh_view(text).text`` without the offset map (cheaper, for a first look)."""
    if _ASTRAL.search(text):
        return zh_view(text).text
    tables = _zh_tables()
    return _t2s_view(View(text.translate(tables.view)), tables).text


def zh_form(form: str) -> str:
    """A glossary zh form in the same view as the text it is matched against."""
    return zh_view(form).text


def en_view(text: str) -> View:
    """The en view of ``text`` (rule 4), case preserved."""
    if text.isascii():  # nothing to fold: the common case, tested in constant time
        return View(text)
    tables = _en_tables()
    astral = _ASTRAL.search(text) is not None  # then mathematical letters, tags... may occur
    if not (IGNORABLE if astral else _IGNORABLE_IN_BMP).search(text):
        if astral:
            return View(text.translate(tables.fold))
        if not tables.fold_re.search(text):
            return View(text)
        # A few replacements: cheaper than str.translate over the whole text.
        return View(tables.fold_re.sub(lambda m: m.group().translate(tables.fold), text))
    # Slow path (an invisible character): stretches between special characters are copied whole.
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in tables.special.finditer(text):
        a, b = m.span()
        if a > pos:
            parts.append(text[pos:a])
            starts.extend(range(pos, a))
            ends.extend(range(pos + 1, a + 1))
        token = m.group()
        if token[0] in tables.folded:
            parts.append(token.translate(tables.fold))
            starts.append(a)
            ends.append(b)
        elif any(c.isspace() for c in token):  # else: invisible characters only, dropped
            broken = any(c in _LINE_BREAKS for c in token)
            after_hyphen = bool(parts) and parts[-1].endswith("-")
            if not (after_hyphen and broken):
                parts.append(" ")
                starts.append(a)
                ends.append(b)
        pos = b
    if pos < len(text):
        parts.append(text[pos:])
        starts.extend(range(pos, len(text)))
        ends.extend(range(pos + 1, len(text) + 1))
    view = "".join(parts)
    # The tokens fold only the BMP: the rest one for one here.
    return View(view.translate(tables.fold) if astral else view, tuple(starts), tuple(ends))


def en_key(view_text: str) -> str:
    """Lower-cased; always ``len(view_text)`` long, so view offsets apply."""
    lowered = view_text.lower()
    if len(lowered) != len(view_text):  # e.g. "İ": lower each char, keep 1:1
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in view_text)
    return lowered


def en_form(rendering: str) -> str:
    """A glossary rendering in the en view, whitespace runs as one space, trimmed."""
    return " ".join(en_view(rendering).text.split())


def words(text: str) -> list[str]:
    """The words of a rendering or of matched text: split on whitespace and hyphens."""
    return [w for w in _SPLIT_WORDS.split(text) if w]


def rendering_key(rendering: str) -> str:
    """What two renderings share when they match the same text: lower-case
    words joined by one space ("Party-building" and "party building" agree)."""
    return " ".join(words(en_key(en_form(rendering))))
