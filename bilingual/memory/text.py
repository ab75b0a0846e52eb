"""Memory stage: the search keys of a bead's text, and where a match lies in the original.

zh key: the glossary's zh view (:func:`bilingual.glossary.normalise.zh_view`:
NFKC, traditional → simplified by OpenCC ``t2s``, whitespace and quotation
marks dropped) lower-cased, with the view's offset map back to the original,
so 紅船精神 finds 红船精神 and a match is marked in the text as written.

en key: words (letters and digits) lower-cased and stemmed by a deliberately
simple rule: one of ``-ing``, ``-ed``, ``-es``, ``-s`` (``-ies``/``-ied`` → ``-y``)
is dropped (leaving three letters or more), then a final ``e``, then a doubled
final consonant. So develops, developed and developing meet develop
(development does not: derivation is not inflection), planned and plans meet
plan, cities meets city. It is not Porter: "agreed" and "agree" differ.

zh index tokens: each letter or digit of the zh key with the one after it (a
bigram token; a character at the end of a run stands alone), so a two-character
query is one token, a one-character query a prefix of tokens and a longer one a
phrase of consecutive bigrams (the lone last character of a run keeps a phrase
from reaching into the next run).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from bilingual.glossary.normalise import View, en_key, zh_view

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_VOWELS = frozenset("aeiouy")


def has_han(text: str) -> bool:
    """Whether ``text`` holds a Han character (then it is searched on the zh side)."""
    return _HAN.search(text) is not None


def zh_key_view(text: str) -> View:
    """The zh key of ``text`` with its offset map (the zh view, lower-cased, same length)."""
    view = zh_view(text)
    return View(en_key(view.text), view.starts, view.ends)


def zh_key(text: str) -> str:
    return zh_key_view(text).text


_ALNUM_RUN = re.compile(r"[^\W_]+")


def short_tokens(key: str) -> str:
    """The bigram tokens of a zh key, space-separated (see the module docstring)."""
    # Each character with the next one of its run; the last of a run with a space (a token of one).
    if key.isalnum():
        return " ".join(map(str.__add__, key, key[1:] + " "))
    return " ".join(" ".join(map(str.__add__, run, run[1:] + " ")) for run in _ALNUM_RUN.findall(key))


def stem(word: str) -> str:
    """The simple stem of one lower-case word (see the module docstring)."""
    if len(word) <= 2 or not word.isalpha():
        return word
    base = word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        base = word[:-3] + "y"
    elif word.endswith("ing") and len(word) > 5:
        base = word[:-3]
    elif (word.endswith("ed") and not word.endswith("eed") and len(word) > 4) or word.endswith(
        ("sses", "xes", "ches", "shes", "zes")
    ):
        base = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        base = word[:-1]
    if base.endswith("e") and len(base) > 2:
        base = base[:-1]
    if len(base) > 3 and base[-1] == base[-2] and base[-1] not in _VOWELS and base[-1] not in "ls":
        base = base[:-1]
    return base


class Word(NamedTuple):
    stem: str
    start: int
    end: int


def en_words(text: str) -> list[Word]:
    """The words of an English text with their stems and offsets."""
    return [
        Word(stem(m.group().lower().replace("’", "'").split("'")[0]), m.start(), m.end())
        for m in WORD.finditer(text)
    ]


class _Stems(dict[str, str]):
    """word -> stem, filled on first sight: text is Zipfian, so nearly every word is a lookup."""

    def __missing__(self, word: str) -> str:
        if len(self) > 500_000:
            self.clear()
        found = self[word] = stem(word.replace("’", "'").split("'")[0])
        return found


_STEMS = _Stems()


def en_key_of(text: str) -> str:
    """The en key: stems joined by spaces (what the English full-text index holds)."""
    return " ".join(map(_STEMS.__getitem__, WORD.findall(text.lower())))


def zh_spans(text: str, query_key: str) -> list[tuple[int, int]]:
    """Where ``query_key`` (a zh key) occurs in ``text``, as [start, end) offsets of the original."""
    if not query_key:
        return []
    view = zh_key_view(text)
    spans: list[tuple[int, int]] = []
    at = view.text.find(query_key)
    while at >= 0:
        spans.append(view.span(at, at + len(query_key)))
        at = view.text.find(query_key, at + len(query_key))
    return spans


def en_spans(text: str, stems: list[str]) -> list[tuple[int, int]]:
    """Where the word sequence ``stems`` occurs in ``text``, as [start, end) offsets."""
    if not stems:
        return []
    words = en_words(text)
    n = len(stems)
    spans = []
    i = 0
    while i + n <= len(words):
        if all(words[i + k].stem == stems[k] for k in range(n)):
            spans.append((words[i].start, words[i + n - 1].end))
            i += n
        else:
            i += 1
    return spans


def en_ngrams(text: str, max_n: int, stop: frozenset[str]) -> Iterator[tuple[str, int, int]]:
    """Word n-grams (lower-case surface form) of ``text`` not starting or ending with a stop word."""
    words = [(m.group().lower(), m.start(), m.end()) for m in WORD.finditer(text)]
    for n in range(1, max_n + 1):
        for i in range(len(words) - n + 1):
            first, last = words[i][0], words[i + n - 1][0]
            if first in stop or last in stop:
                continue
            yield " ".join(w for w, _, _ in words[i : i + n]), words[i][1], words[i + n - 1][2]
