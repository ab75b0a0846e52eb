"""Glossary stage: finding glossary terms in the zh and en views (rules 2, 5-7).

One :class:`Matcher` per glossary, built once and cached by checksum: two
Aho-Corasick automata (pyahocorasick), one over every zh form of every entry,
one over every en rendering's key (lower case, hyphen as space). Matching a
pair is then two linear scans, whatever the glossary's size.

zh (rule 2): leftmost-longest, non-overlapping occurrences over all forms of
all entries, so 基层 inside 基层治理 is an occurrence of 基层治理 only.

en (rules 5-7): every occurrence of a rendering's key on word boundaries, the
end optionally extended by one of ``s``, ``es``, ``'s`` (and nothing else)
when a word boundary follows; then, per entry, leftmost-longest and
non-overlapping. Approved and forbidden renderings match the same way.
This module only finds; :mod:`bilingual.glossary.check` judges.
"""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick

from bilingual.glossary.glossary import Glossary
from bilingual.glossary.normalise import en_form, en_key, zh_form
from bilingual.model import Term

_SUFFIXES = ("'s", "es", "s")  # longest first: a match takes the longest that fits


@dataclass(frozen=True, slots=True)
class EnMatch:
    """A rendering found in an en view: [start, core_end) is the rendering
    itself, [core_end, end) the inflection (maybe empty). View offsets."""

    entry: int
    start: int
    core_end: int
    end: int
    forbidden: bool
    forms: tuple[str, ...]  # the glossary renderings (en view) with this key


class Matcher:
    """Both automata of one glossary. Immutable once built."""

    def __init__(self, terms: tuple[Term, ...]):
        self.terms = terms
        zh_entries: dict[str, list[int]] = {}
        en_entries: dict[str, dict[int, tuple[bool, list[str]]]] = {}
        for index, term in enumerate(terms):
            for form in term.zh:
                key = zh_form(form)
                if key and index not in zh_entries.setdefault(key, []):
                    zh_entries[key].append(index)
            for forbidden, renderings in ((False, term.approved), (True, term.forbidden)):
                for rendering in renderings:
                    form = en_form(rendering)
                    key = en_key(form)
                    if not key.strip():
                        continue
                    slot = en_entries.setdefault(key, {})
                    # Validation guarantees one key is never both approved and
                    # forbidden within an entry; keep the first kind seen.
                    slot.setdefault(index, (forbidden, []))[1].append(form)
        self._zh = ahocorasick.Automaton()
        for key, entries in zh_entries.items():
            self._zh.add_word(key, (len(key), tuple(entries)))
        self._en = ahocorasick.Automaton()
        for key, by_entry in en_entries.items():
            value = (len(key), tuple((e, f, tuple(forms)) for e, (f, forms) in by_entry.items()))
            self._en.add_word(key, value)
        # An empty automaton cannot be searched; make_automaton on none is fine
        # but iter() raises, so remember whether there is anything to find.
        self._has_zh = bool(zh_entries)
        self._has_en = bool(en_entries)
        if self._has_zh:
            self._zh.make_automaton()
        if self._has_en:
            self._en.make_automaton()

    def zh_occurrences(self, view_text: str) -> list[tuple[int, int, int]]:
        """(entry, start, end) in view offsets, leftmost-longest, non-overlapping, in order.

        An occurrence of a form shared by two entries counts for both.
        """
        if not self._has_zh or not view_text:
            return []
        found: list[tuple[int, int, int]] = []
        for end, (length, entries) in self._zh.iter_long(view_text):
            start = end - length + 1
            for entry in entries:
                found.append((entry, start, end + 1))
        return found

    def en_matches(self, view_text: str, key: str) -> dict[int, list[EnMatch]]:
        """Matches per entry, leftmost-longest and non-overlapping within each entry."""
        if not self._has_en or not key:
            return {}
        n = len(key)
        raw: dict[int, list[EnMatch]] = {}
        for last, (length, entries) in self._en.iter(key):
            start = last - length + 1
            if start > 0 and key[start - 1].isalnum():
                continue
            core_end = last + 1
            end = -1
            if core_end == n or not key[core_end].isalnum():
                end = core_end
            for suffix in _SUFFIXES:
                stop = core_end + len(suffix)
                if key.startswith(suffix, core_end) and (stop == n or not key[stop].isalnum()):
                    end = stop
                    break
            if end < 0:
                continue
            for entry, forbidden, forms in entries:
                raw.setdefault(entry, []).append(EnMatch(entry, start, core_end, end, forbidden, forms))
        result: dict[int, list[EnMatch]] = {}
        for entry, matches in raw.items():
            matches.sort(key=lambda m: (m.start, -m.end))
            kept: list[EnMatch] = []
            for m in matches:
                if not kept or m.start >= kept[-1].end:
                    kept.append(m)
            result[entry] = kept
        return result


_CACHE: dict[str, Matcher] = {}
_CACHE_SIZE = 8


def matcher_for(glossary: Glossary) -> Matcher:
    """The matcher of ``glossary``, built on first use and cached by checksum."""
    cached = _CACHE.get(glossary.checksum)
    if cached is not None and (cached.terms is glossary.terms or cached.terms == glossary.terms):
        return cached
    matcher = Matcher(glossary.terms)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[glossary.checksum] = matcher
    return matcher
