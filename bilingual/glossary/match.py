"""Glossary stage: finding glossary terms in the zh and en views (rules 2, 5-7).

One :class:`Matcher` per glossary, built once and cached by checksum. Its cost
per pair does not grow with the glossary:

- zh: every form is a pattern of one Aho-Corasick automaton (``ahocorasick_rs``,
  the Rust ``aho-corasick`` crate) in leftmost-longest mode, which is rule 2
  itself: the automaton reports the leftmost occurrence, the longest there,
  and moves past it. Offsets are code points, so text beyond the BMP needs
  nothing special.
- en: every rendering key (its lower-case words joined by one space) is a
  pattern too. Plain text (ASCII once folded, single spaces, no hyphen, no
  control character: most sentences) holds a rendering exactly where it holds
  the key, so it is searched for the keys themselves, which gives the offsets.
  Other text is searched through its *token string* (letter-and-digit runs
  joined by one space) for every key spelled the same way, with its
  inflections: a rendering that matches a text matches its token string too,
  so only the keys that hit there are confirmed word by word on the text
  (:func:`_confirm`, the same as matching the words joined by
  :data:`~bilingual.glossary.normalise.SEPARATOR`).
- :meth:`Matcher.prescan` does this for a whole batch of pairs, one C pass a
  language and route, so :func:`bilingual.glossary.check.check` skips the
  pairs with no term on either side (most of them) without building their
  views.

Evasion: both views drop invisible characters (zero-width space, soft
hyphen...) and the en view maps look-alike letters of other scripts to Latin
(:mod:`bilingual.glossary.normalise`), so a rendering hidden that way is found
like any other; an en view that dropped characters has an offset map, so the
prescan never takes it as plain (whose matches are kept in view offsets).

zh (rule 2): leftmost-longest, non-overlapping occurrences over all forms of
all entries, so 基层 inside 基层治理 is an occurrence of 基层治理 only.

en (rules 5-7): every occurrence of a rendering's key on word boundaries, the
end optionally extended by one of ``s``, ``es``, ``'s`` (and nothing else)
when a word boundary follows; then, per entry, leftmost-longest and
non-overlapping. Approved and forbidden renderings match the same way.
This module only finds; :mod:`bilingual.glossary.check` judges.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from typing import NamedTuple

import ahocorasick_rs

from bilingual.glossary.glossary import Glossary
from bilingual.glossary.normalise import (
    en_form,
    en_key,
    en_view,
    lookalikes,
    rendering_key,
    zh_form,
    zh_unsafe,
    zh_view_text,
)
from bilingual.model import Term

SUFFIXES = ("'s", "es", "s")  # longest first: a match takes the longest that fits
_WORD = re.compile(r"\w+")  # a maximal run of letters, digits (and "_")
_ALNUM = re.compile(r"[^\W_]+")  # a token of the token string: letters and digits
_ODD_SEPARATOR = re.compile(r"-|\s\s|[^\S ]")
# The token string of ASCII text in C: letters and digits kept, every other
# byte a space, except NUL, kept as the pairs' separator in a batch.
_TOKEN_BYTES = bytes(c if c < 128 and (chr(c).isalnum() or c == 0) else 0x20 for c in range(256))
# What may follow a key's token string where its rendering matches: -s, -es
# on its last word, or 's (" s"); after a key that ends in punctuation the
# -s or -es is a token of its own.
_TOKEN_SUFFIXES = ("", "s", "es", " s", " es")

# (key, its words, ((entry, forbidden, forms), ...)) for one rendering key.
_EnCandidate = tuple[str, tuple[str, ...], tuple[tuple[int, bool, tuple[str, ...]], ...]]
# (its first \w token, candidate): where _candidates looks for it.
_EnLead = tuple[str, _EnCandidate]
Occurrences = list[tuple[int, int, int]]  # (entry, start, end), in text order


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _plain(text: str) -> bool:
    """Single spaces, no hyphen, no control character: a rendering key
    matches such text exactly where the text holds it, letter for letter.
    (isprintable() is False for tabs, line breaks and other controls; ASCII
    text is tested with str methods: faster.)"""
    if text.isascii():
        return "-" not in text and "  " not in text and text.isprintable()
    return not _ODD_SEPARATOR.search(text)


def _starts_token(key: str, start: int, first_word: str) -> bool:
    """``first_word`` at ``start`` begins on a word boundary and ends on one
    (maybe after -s/-es, see :func:`_ends_word`)."""
    return (start == 0 or not _is_word(key[start - 1])) and _ends_word(key, start + len(first_word))


def _token_string(text: str) -> str:
    """``text``'s letter-and-digit runs, joined and framed by one space."""
    return f" {' '.join(_ALNUM.findall(text))} "


def _ends_word(key: str, stop: int) -> bool:
    """A token may end at ``stop``: a word boundary, or an -s/-es ending and then one.

    Only the last word of a rendering may be inflected; for longer renderings
    the text after the first token is confirmed word by word anyway.
    """
    if stop == len(key) or not _is_word(key[stop]):
        return True
    for suffix in ("es", "s"):
        end = stop + len(suffix)
        if key.startswith(suffix, stop) and (end == len(key) or not _is_word(key[end])):
            return True
    return False


def _confirm(key: str, start: int, words: tuple[str, ...]) -> int:
    """The end of ``words`` matched in ``key`` at ``start``, else -1.

    Between two words (rule 5): a whitespace run, a hyphen, or a hyphen
    followed by whitespace that holds a line break (a word split at the end
    of a line). The same as matching ``SEPARATOR.join(words)`` there.
    """
    n = len(key)
    pos = start
    last = len(words) - 1
    for i, word in enumerate(words):
        if not key.startswith(word, pos):
            return -1
        pos += len(word)
        if i == last:
            return pos
        if pos < n and key[pos] == "-":
            pos += 1
            j = pos
            while j < n and key[j].isspace():
                j += 1
            if "\n" in key[pos:j]:
                pos = j
        else:
            j = pos
            while j < n and key[j].isspace():
                j += 1
            if j == pos:
                return -1
            pos = j
    return pos


class EnMatch(NamedTuple):
    """A rendering found in an en view: [start, core_end) is the rendering
    itself, [core_end, end) the inflection (maybe empty). View offsets.
    (A named tuple: the check makes one per match, and a frozen dataclass
    takes several times as long to build.)"""

    entry: int
    start: int
    core_end: int
    end: int
    forbidden: bool
    forms: tuple[str, ...]  # the glossary renderings (en view) with this key


class PreScan(NamedTuple):
    """What :meth:`Matcher.prescan` found for one pair."""

    zh: Occurrences | None  # the zh occurrences; None: not prescanned
    en: list[_EnLead] | None  # the keys that may match; None: not prescanned
    zh_view_text: str | None = None  # when zh offsets are in the view: its text
    en_matches: dict[int, list[EnMatch]] | None = None  # found whole (a plain text)
    en_view_text: str | None = None  # the en view (one for one) those matches are in


class Matcher:
    """The look-up tables of one glossary. Immutable once built."""

    def __init__(self, terms: tuple[Term, ...]):
        self.terms = terms
        # Per entry, the look-alike letters its own renderings hold (a Greek
        # letter in a rendering is no spoof where the rendering has it).
        self.native = tuple(frozenset(lookalikes("".join((*t.approved, *t.forbidden)))) for t in terms)
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
                    key = rendering_key(form)
                    if not key:
                        continue
                    slot = en_entries.setdefault(key, {})
                    # Validation guarantees one key is never both approved and
                    # forbidden within an entry; keep the first kind seen.
                    slot.setdefault(index, (forbidden, []))[1].append(form)
        # zh: one automaton, leftmost-longest; pattern i occurs for _zh_entries[i].
        self._zh_entries = [tuple(entries) for entries in zh_entries.values()]
        self._zh_automaton = (
            ahocorasick_rs.AhoCorasick(list(zh_entries), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
            if zh_entries
            else None
        )
        self._zh_chars = frozenset("".join(zh_entries))
        # (Also builds the process-wide tables of the zh views: paid when the
        # matcher is built, not on the first text.)
        self._zh_unsafe = zh_unsafe(self._zh_chars)
        en_view("\u00a0")  # the same for the en views' tables (look-alike letters)
        # en: each key's token string with its inflections, in one automaton;
        # a hit names the keys to confirm. Keys that start with a non-word character or have no
        # letter or digit (rare) are searched for directly.
        self._en_odd: list[_EnCandidate] = []
        leads: dict[str, list[_EnLead]] = {}
        literal: list[_EnLead] = []  # every ASCII key, searched for whole in plain text
        for key, by_entry in en_entries.items():
            candidate = (
                key,
                tuple(key.split(" ")),
                tuple((e, f, tuple(forms)) for e, (f, forms) in by_entry.items()),
            )
            first = _WORD.match(key)
            tokens = _token_string(key).strip()
            if not first or not tokens:
                self._en_odd.append(candidate)
                continue
            lead = (first.group(), candidate)
            for suffix in _TOKEN_SUFFIXES:
                pattern = f" {tokens}{suffix} "
                if lead not in leads.setdefault(pattern, []):
                    leads[pattern].append(lead)
            # Plain text (single spaces, no hyphen, no control character)
            # holds a rendering exactly where it holds its key, letter for
            # letter: those texts are searched for the keys themselves, which
            # gives the offsets.
            if key.isascii():
                literal.append(lead)
        self._en_leads = list(leads.values())
        self._en_literal_leads = literal
        self._en_literal = (
            ahocorasick_rs.BytesAhoCorasick([c[0].encode() for _, c in literal]) if literal else None
        )
        # In UTF-8, for one text or a batch (UTF-8 is self-synchronising: a
        # pattern matches the bytes exactly where it matches the text).
        self._en_tokens = ahocorasick_rs.BytesAhoCorasick([p.encode() for p in leads]) if leads else None

    def prescan(self, zh_texts: list[str], en_texts: list[str]) -> list[tuple[int, PreScan]]:
        """What the pairs of a batch need, found in one C pass per side (and
        route): (index, :class:`PreScan`) for each pair that may have a
        finding, in order; the others (no term on either side) are left out.

        zh: the pair's occurrences, in offsets of its original text when that
        is as good as its view (no character of
        :func:`~bilingual.glossary.normalise.zh_unsafe`: same occurrences,
        same offsets), else of its view (whose text is ``zh_view_text``).
        en: see :meth:`_prescan_en`.
        """
        zh, zh_views = self._prescan_zh(zh_texts)
        en, en_found, en_views = self._prescan_en(en_texts)
        return [
            (i, PreScan(zh[i], en[i], zh_views[i], en_found[i], en_views[i]))
            for i in range(len(zh_texts))
            if zh[i] or en[i] is None or en[i] or en_found[i]
        ]

    def _prescan_zh(self, texts: list[str]) -> tuple[list[Occurrences | None], list[str | None]]:
        n = len(texts)
        zh: list[Occurrences | None] = [[] for _ in range(n)]
        in_view: list[str | None] = [None] * n
        if self._zh_automaton is None:
            return zh, in_view
        if "\0" in self._zh_chars:
            return [None] * n, in_view
        unsafe = self._zh_unsafe.search
        # The text each pair is matched on: the original when it is as good
        # as its view ("safe"), else the view text without its offset map
        # (built later only if a form occurs).
        in_view = [zh_view_text(text) if unsafe(text) else None for text in texts]
        matched = [text if view is None else view for text, view in zip(texts, in_view, strict=True)]
        # One text, all joined by NUL (in no form); a hit is mapped back to
        # its pair by its offset.
        starts = [0, *accumulate(len(text) + 1 for text in matched)]
        entries = self._zh_entries
        for pattern, start, end in self._zh_automaton.find_matches_as_indexes("\0".join(matched)):
            k = bisect_right(starts, start) - 1
            found, offset = zh[k], starts[k]
            assert found is not None
            for entry in entries[pattern]:
                found.append((entry, start - offset, end - offset))
        return zh, in_view

    def _prescan_en(
        self, texts: list[str]
    ) -> tuple[list[list[_EnLead] | None], list[dict[int, list[EnMatch]] | None], list[str | None]]:
        """Per text: when its view is ASCII but not plain, the keys that may
        match (``[]``: none), found on the batch's token string; when its view
        is plain ASCII (one for one, single spaces, no hyphen, no control
        character), its matches and its view text, found on the text itself
        (and no keys); ``None`` where not prescanned (other text:
        :meth:`en_matches` does it)."""
        n = len(texts)
        leads_of: list[list[_EnLead] | None] = [None] * n
        found_of: list[dict[int, list[EnMatch]] | None] = [None] * n
        views: list[str | None] = [None] * n
        if self._en_odd:
            return leads_of, found_of, views
        plain: list[int] = []
        tokened: list[int] = []
        for i, text in enumerate(texts):
            # en_view folds NBSP, curly quotes and look-alike letters one for
            # one: most web text is then ASCII.
            if text.isascii():
                view, one_for_one = text, True
            else:
                folded = en_view(text)
                view, one_for_one = folded.text, folded.starts is None
            if not view.isascii() or "\0" in view:
                continue
            views[i] = view
            # Matches found here are taken in view offsets as they are: only
            # a view without an offset map (nothing dropped) qualifies.
            if one_for_one and _plain(view):
                plain.append(i)
                found_of[i] = {}
            else:
                tokened.append(i)
            leads_of[i] = []
        if self._en_literal is not None and plain:
            plain_views = [views[i] or "" for i in plain]
            starts = [0, *accumulate(len(view) + 1 for view in plain_views)]
            hits: dict[int, list[tuple[int, int, int]]] = {}
            # ASCII: bytes.lower() is en_key; no key holds a line break.
            joined = "\n".join(plain_views).encode("ascii").lower()
            for pattern, start, end in self._en_literal.find_matches_as_indexes(joined, overlapping=True):
                k = bisect_right(starts, start) - 1
                hits.setdefault(k, []).append((pattern, start - starts[k], end - starts[k]))
            literal = self._en_literal_leads
            for k, found in hits.items():
                key = en_key(plain_views[k])
                candidates = []
                for pattern, start, end in found:
                    first_word, candidate = literal[pattern]
                    if _starts_token(key, start, first_word):
                        candidates.append((start, end, candidate))
                found_of[plain[k]] = self._matches(key, candidates)
        if self._en_tokens is not None and tokened:
            joined = "\n\0\n".join([views[i] or "" for i in tokened]).encode("ascii")
            tokens = b" " + b" ".join(joined.lower().translate(_TOKEN_BYTES).split()) + b" "
            bounds = []
            at = tokens.find(b"\0")
            while at >= 0:
                bounds.append(at)
                at = tokens.find(b"\0", at + 1)
            patterns: dict[int, set[int]] = {}
            for pattern, start, _ in self._en_tokens.find_matches_as_indexes(tokens, overlapping=True):
                k = bisect_right(bounds, start)
                if k in patterns:
                    patterns[k].add(pattern)
                else:
                    patterns[k] = {pattern}
            leads = self._en_leads
            for k, found_patterns in patterns.items():
                leads_of[tokened[k]] = [lead for p in found_patterns for lead in leads[p]]
        return leads_of, found_of, [v if found_of[i] else None for i, v in enumerate(views)]

    def zh_occurrences(self, view_text: str) -> Occurrences:
        """(entry, start, end) in view offsets, leftmost-longest, non-overlapping, in order.

        An occurrence of a form shared by two entries counts for both.
        """
        if self._zh_automaton is None:
            return []
        entries = self._zh_entries
        return [
            (entry, start, end)
            for pattern, start, end in self._zh_automaton.find_matches_as_indexes(view_text)
            for entry in entries[pattern]
        ]

    def _leads(self, key: str) -> list[_EnLead]:
        """The keys whose token string (inflected or not) occurs in ``key``'s."""
        if self._en_tokens is None:
            return []
        leads = self._en_leads
        found = self._en_tokens.find_matches_as_indexes(_token_string(key).encode(), overlapping=True)
        hits = {p for p, _, _ in found}
        return [lead for p in hits for lead in leads[p]]

    def _candidates(
        self, key: str, leads: list[_EnLead] | None = None
    ) -> list[tuple[int, int, _EnCandidate]]:
        """(start, end, candidate) for every rendering found in ``key``, starting a word."""
        out: list[tuple[int, int, _EnCandidate]] = []
        if leads is None:
            leads = self._leads(key)
        if leads:
            if _plain(key):  # each key looked for whole, no word-by-word confirmation
                for first_word, candidate in leads:
                    whole = candidate[0]
                    start = key.find(whole)
                    while start >= 0:
                        if _starts_token(key, start, first_word):
                            out.append((start, start + len(whole), candidate))
                        start = key.find(whole, start + 1)
            else:
                by_first: dict[str, list[_EnCandidate]] = {}
                for first_word, candidate in leads:
                    by_first.setdefault(first_word, []).append(candidate)
                for token, candidates in by_first.items():
                    start = key.find(token)
                    while start >= 0:
                        if _starts_token(key, start, token):
                            for candidate in candidates:
                                end = _confirm(key, start, candidate[1])
                                if end >= 0:
                                    out.append((start, end, candidate))
                        start = key.find(token, start + 1)
        for candidate in self._en_odd:
            start = key.find(candidate[1][0])
            while start >= 0:
                end = _confirm(key, start, candidate[1])
                if end >= 0 and (start == 0 or not key[start - 1].isalnum()):
                    out.append((start, end, candidate))
                start = key.find(candidate[1][0], start + 1)
        return out

    def en_matches(self, key: str, leads: list[_EnLead] | None = None) -> dict[int, list[EnMatch]]:
        """Matches in an en key (:func:`~bilingual.glossary.normalise.en_key`), per
        entry, leftmost-longest and non-overlapping within each entry.

        ``leads``: the keys that may match, when :meth:`prescan` found them already."""
        if not key:
            return {}
        return self._matches(key, self._candidates(key, leads))

    @staticmethod
    def _matches(key: str, candidates: list[tuple[int, int, _EnCandidate]]) -> dict[int, list[EnMatch]]:
        """:meth:`en_matches` from the renderings found: the end (inflection,
        word boundary), then per entry leftmost-longest and non-overlapping."""
        n = len(key)
        raw: dict[int, list[EnMatch]] = {}
        for start, core_end, (_, _, entries) in candidates:
            end = core_end if core_end == n or not key[core_end].isalnum() else -1
            if core_end < n and key[core_end] in "'es":  # maybe inflected
                for suffix in SUFFIXES:
                    stop = core_end + len(suffix)
                    if key.startswith(suffix, core_end) and (stop == n or not key[stop].isalnum()):
                        end = stop
                        break
            if end < 0:
                continue
            for entry, forbidden, forms in entries:
                raw.setdefault(entry, []).append(EnMatch(entry, start, core_end, end, forbidden, forms))
        for entry, matches in raw.items():
            if len(matches) > 1:
                matches.sort(key=lambda m: (m.start, -m.end))
                kept: list[EnMatch] = []
                for m in matches:
                    if not kept or m.start >= kept[-1].end:
                        kept.append(m)
                raw[entry] = kept
        return raw


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
