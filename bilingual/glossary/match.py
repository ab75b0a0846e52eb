"""Glossary stage: finding glossary terms in the zh and en views (rules 2, 5-7).

One :class:`Matcher` per glossary, built once and cached by checksum. Its cost
per pair does not grow with the glossary:

- zh: every form is in a pyahocorasick automaton over the text's UTF-16 code
  units spelled as Latin-1 characters (two per BMP character). pyahocorasick
  searches a trie node's children linearly; on raw Chinese the root of a
  10,000-entry glossary has thousands of children (measured here: 25-85 µs
  per sentence), over code units no node has more than 256 (about 5 µs).
  An occurrence that starts inside a character (odd code unit) is dropped;
  text beyond the BMP takes the position scan (:meth:`Matcher._zh_scan`:
  forms filed under their first two characters, one regular expression pass
  for candidate positions). ``tests/glossary/test_match.py`` cross-checks the
  two, and both against pyahocorasick's ``iter_long`` on raw text.
- en: every rendering key (its lower-case words joined by one space) is filed
  under its *head*, its first two tokens (or its only one); the text's tokens
  and token pairs are intersected with the heads in C, and only the hits are
  confirmed, word by word at their first token's occurrences
  (:func:`_confirm`, the same as matching the words joined by
  :data:`~bilingual.glossary.normalise.SEPARATOR`).
- :meth:`Matcher.prescan` does both for a whole batch of pairs in a few C
  passes, so :func:`bilingual.glossary.check.check` skips the pairs with no
  term on either side (most of them) without building their views.

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
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import compress, count, pairwise
from typing import NamedTuple

import ahocorasick

from bilingual.glossary.glossary import Glossary
from bilingual.glossary.normalise import en_form, rendering_key, zh_form, zh_unsafe, zh_view_text
from bilingual.model import Term

_SUFFIXES = ("'s", "es", "s")  # longest first: a match takes the longest that fits
_WORD = re.compile(r"\w+")  # a maximal run of letters, digits (and "_")


_ODD_SEPARATOR = re.compile(r"-|\s\s|[^\S ]")
# Every ASCII character that is not a word character (\w) becomes a space:
# then bytes.split gives the same tokens as _WORD.findall, several times faster.
_ASCII_BATCH = bytes(c if c < 128 and (chr(c).isalnum() or c in (0, 0x5F)) else 0x20 for c in range(256))
_ASCII_NON_WORD_BYTES = bytes(c if c < 128 and (chr(c).isalnum() or c == 0x5F) else 0x20 for c in range(256))


def _leftmost_longest(spans: list[tuple[int, int, tuple[int, ...]]]) -> list[tuple[int, int, int]]:
    """(entry, start, end) from (start, -length, entries) of every occurrence:
    leftmost, then longest, then past it (non-overlapping), the same choice
    as :meth:`Matcher._zh_scan` makes position by position."""
    spans.sort()
    found: list[tuple[int, int, int]] = []
    cursor = 0
    for start, negative, entries in spans:
        if start < cursor:
            continue
        cursor = start - negative
        found.extend((entry, start, cursor) for entry in entries)
    return found


class PreScan(NamedTuple):
    """What :meth:`Matcher.prescan` found for one pair."""

    zh: list[tuple[int, int, int]] | None  # the zh occurrences; None: use the view
    en: bool  # False: the en text certainly matches no rendering
    heads: AbstractSet[bytes] | None = None  # when en: the heads found in the ASCII en text


def _utf16_units(text: str) -> str:
    """``text`` as UTF-16 code units, each spelled as two Latin-1 characters."""
    return text.encode("utf-16-be").decode("latin-1")


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


# (key, its words, ((entry, forbidden, forms), ...)) for one rendering key.
_EnCandidate = tuple[str, tuple[str, ...], tuple[tuple[int, bool, tuple[str, ...]], ...]]


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
    """The look-up tables of one glossary. Immutable once built."""

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
                    key = rendering_key(form)
                    if not key:
                        continue
                    slot = en_entries.setdefault(key, {})
                    # Validation guarantees one key is never both approved and
                    # forbidden within an entry; keep the first kind seen.
                    slot.setdefault(index, (forbidden, []))[1].append(form)
        # zh: forms of one character by themselves, longer ones by their first
        # two characters, longest first (so the first that fits is the longest).
        self._zh_single: dict[str, tuple[int, ...]] = {}
        by_prefix: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
        for key, entries in zh_entries.items():
            if len(key) == 1:
                self._zh_single[key] = tuple(entries)
            else:
                by_prefix.setdefault(key[:2], []).append((key, tuple(entries)))
        self._zh_prefix = {p: sorted(c, key=lambda kv: -len(kv[0])) for p, c in by_prefix.items()}
        # The first characters of all forms, as one character class: the
        # regular expression engine skips every other position in C.
        # With no one-character form, the second character must fit too.
        firsts = "".join(sorted({key[0] for key in zh_entries}))
        seconds = "".join(sorted({key[1] for key in zh_entries if len(key) > 1}))
        # _zh_bigrams lists those candidate bigrams (overlapping), so a text
        # with none of the forms' first bigrams is dismissed in C.
        self._zh_bigrams: re.Pattern[str] | None = None
        if not firsts:
            self._zh_first: re.Pattern[str] | None = None
        elif self._zh_single or not seconds:
            self._zh_first = re.compile(f"[{re.escape(firsts)}]")
        else:
            self._zh_first = re.compile(f"[{re.escape(firsts)}](?=[{re.escape(seconds)}])")
            self._zh_bigrams = re.compile(f"(?=([{re.escape(firsts)}][{re.escape(seconds)}]))")
        # The same forms in an Aho-Corasick automaton over UTF-16 code units
        # spelled as Latin-1 characters (two per BMP character): every trie
        # node has at most 256 children, so pyahocorasick's linear child
        # search stays short (on raw Chinese its root has thousands).
        self._zh_automaton: ahocorasick.Automaton | None = None
        if zh_entries:
            automaton = ahocorasick.Automaton()
            for key, entries in zh_entries.items():
                automaton.add_word(_utf16_units(key), (len(key), tuple(entries)))
            automaton.make_automaton()
            self._zh_automaton = automaton
        # en: keys by their first word; keys that start with a non-word
        # character (rare) are searched for directly.
        by_word: dict[str, list[_EnCandidate]] = {}
        self._en_odd: list[_EnCandidate] = []
        for key, by_entry in en_entries.items():
            candidate = (
                key,
                tuple(key.split(" ")),
                tuple((e, f, tuple(forms)) for e, (f, forms) in by_entry.items()),
            )
            first = _WORD.match(key)
            if first:
                by_word.setdefault(first.group(), []).append(candidate)
            else:
                self._en_odd.append(candidate)
        self._en_first = by_word
        # A key's *head*: its first two tokens (maximal \w runs) joined by a
        # space, or its only token. Where a key matches, its first token is a
        # token of the text and its second the next one, maybe inflected with
        # -s/-es when it is the last (rule 6); so a key whose head (or an
        # inflected head) is not among the text's tokens and token pairs
        # cannot match, and is not looked at. Heads map to (first token,
        # candidate) for the word-by-word scan below.
        heads: dict[str, list[tuple[str, _EnCandidate]]] = {}
        for first_word, candidates in by_word.items():
            for candidate in candidates:
                tokens = _WORD.findall(candidate[0])
                if len(tokens) == 1:  # an inflected single word is its own token (rule 6)
                    variants = [tokens[0], tokens[0] + "s", tokens[0] + "es"]
                else:
                    head = f"{tokens[0]} {tokens[1]}"
                    variants = [head, head + "s", head + "es"] if len(tokens) == 2 else [head]
                for variant in variants:
                    heads.setdefault(variant, []).append((first_word, candidate))
        self._en_heads = heads
        self._en_singles = frozenset(h for h in heads if " " not in h)
        self._en_pairs = frozenset(h for h in heads if " " in h)
        # The same for ASCII text, as bytes: bytes.translate and bytes.split
        # tokenise several times faster than their str counterparts.
        # prescan: the NUL separator must stay a token of its own.
        self._zh_chars = frozenset("".join(zh_entries))
        self._zh_unsafe: re.Pattern[str] | None = None
        self._en_bheads = {h.encode("ascii"): c for h, c in heads.items() if h.isascii()}
        self._en_bsingles = frozenset(h for h in self._en_bheads if b" " not in h)
        self._en_bpairs = frozenset(h for h in self._en_bheads if b" " in h)

    def prescan(
        self, zh_texts: list[str], en_texts: list[str]
    ) -> tuple[list[list[tuple[int, int, int]] | None], list[bool], dict[int, set[bytes]]]:
        """What a batch of pairs needs, found in a few C passes over the whole batch.

        Per pair (three lists, the fields of :class:`PreScan`): its zh
        occurrences when its original text is as good as its view (no
        character of :func:`~bilingual.glossary.normalise.zh_unsafe`: same
        occurrences, same offsets) or when its view holds no form (``[]``),
        else ``None``; whether its en may match (``False`` only for ASCII text
        none of whose token heads starts a rendering: :meth:`en_matches` would
        be empty); and, by pair index, the heads found in ASCII en texts.
        """
        n = len(zh_texts)
        zh: list[list[tuple[int, int, int]] | None] = [None] * n
        automaton = self._zh_automaton
        if automaton is None:
            zh = [[] for _ in range(n)]
        elif "\0" not in self._zh_chars:
            unsafe = self._zh_unsafe_re()
            # The text each pair is matched on: the original when it is as
            # good as its view ("safe"), else the view text without its offset
            # map (lazily: the map is built later only if a form occurs).
            texts: list[str] = []
            safe = [True] * n
            for i, text in enumerate(zh_texts):
                if not unsafe.search(text):
                    texts.append(text)
                    zh[i] = []
                    continue
                safe[i] = False
                if max(text) > "\uffff":  # the automaton's offsets need BMP text
                    texts.append("")
                else:
                    texts.append(zh_view_text(text))
                    zh[i] = []
            # One text, all joined by NUL (in no form); a hit is mapped back
            # to its pair by its offset.
            units = _utf16_units("\0".join(texts))
            hits = [(end, value) for end, value in automaton.iter(units) if end & 1]
            if hits:
                starts = [0]
                for text in texts:
                    starts.append(starts[-1] + len(text) + 1)
                per_pair: dict[int, list[tuple[int, int, tuple[int, ...]]]] = {}
                for end, (length, entries) in hits:
                    stop = (end + 1) // 2
                    k = bisect_right(starts, stop - length) - 1
                    per_pair.setdefault(k, []).append((stop - length - starts[k], -length, entries))
                for k, spans in per_pair.items():
                    # An unsafe text: its view (with offsets) is built by check.
                    zh[k] = _leftmost_longest(spans) if safe[k] else None
        en = [True] * n
        heads_found: dict[int, set[bytes]] = {}
        if not self._en_odd:
            ascii_pairs = [i for i, text in enumerate(en_texts) if text.isascii()]
            for i in ascii_pairs:
                en[i] = False
            joined_b = "\n\0\n".join(en_texts[i] for i in ascii_pairs).encode("ascii")
            tokens = joined_b.lower().translate(_ASCII_BATCH).split()
            hit_tokens: list[int] = []
            if self._en_bsingles:
                hit_tokens += compress(range(len(tokens)), map(self._en_bsingles.__contains__, tokens))
            heads = map(b" ".join, pairwise(tokens))
            hit_tokens += compress(count(), map(self._en_bpairs.__contains__, heads))
            if hit_tokens:
                bounds = list(compress(range(len(tokens)), map(b"\0".__eq__, tokens)))
                singles = self._en_bsingles
                for t in hit_tokens:
                    i = ascii_pairs[bisect_right(bounds, t)]
                    en[i] = True
                    found = heads_found.setdefault(i, set())
                    if tokens[t] in singles:
                        found.add(tokens[t])
                    if t + 1 < len(tokens):
                        pair = tokens[t] + b" " + tokens[t + 1]
                        if pair in self._en_bpairs:
                            found.add(pair)
        return zh, en, heads_found

    def _zh_unsafe_re(self) -> re.Pattern[str]:
        if self._zh_unsafe is None:
            self._zh_unsafe = zh_unsafe(self._zh_chars)
        return self._zh_unsafe

    def zh_occurrences(self, view_text: str) -> list[tuple[int, int, int]]:
        """(entry, start, end) in view offsets, leftmost-longest, non-overlapping, in order.

        An occurrence of a form shared by two entries counts for both.
        """
        automaton = self._zh_automaton
        if automaton is None:
            return []
        units = _utf16_units(view_text)
        if len(units) != 2 * len(view_text):  # characters beyond the BMP: offsets differ
            return self._zh_scan(view_text)
        # Every occurrence of every form (in C); an odd last unit means the
        # occurrence starts on a character, not inside one.
        hits = [(end, value) for end, value in automaton.iter(units) if end & 1]
        if not hits:
            return []
        return _leftmost_longest(
            [((end + 1) // 2 - length, -length, entries) for end, (length, entries) in hits]
        )

    def _zh_scan(self, view_text: str) -> list[tuple[int, int, int]]:
        """:meth:`zh_occurrences` position by position (any text)."""
        prefix, single = self._zh_prefix, self._zh_single
        found: list[tuple[int, int, int]] = []
        if self._zh_first is None:
            return found
        if self._zh_bigrams is not None and prefix.keys().isdisjoint(self._zh_bigrams.findall(view_text)):
            return found
        # Candidate starts in text order; the loop keeps the leftmost, then
        # the longest, then moves past it (non-overlapping).
        cursor = 0
        for candidate in self._zh_first.finditer(view_text):
            i = candidate.start()
            if i < cursor:
                continue
            hit: tuple[str, tuple[int, ...]] | None = None
            for key, entries in prefix.get(view_text[i : i + 2], ()):
                if view_text.startswith(key, i):
                    hit = (key, entries)
                    break
            if hit is None and single and view_text[i] in single:
                hit = (view_text[i], single[view_text[i]])
            if hit is None:
                continue
            key, entries = hit
            cursor = i + len(key)
            found.extend((entry, i, cursor) for entry in entries)
        return found

    def _candidates(
        self, key: str, heads: AbstractSet[bytes] | None = None
    ) -> list[tuple[int, int, _EnCandidate]]:
        """(start, end, candidate) for every rendering found in ``key``, starting a word."""
        out: list[tuple[int, int, _EnCandidate]] = []
        # Without hyphens and with single spaces only, a rendering key matches
        # exactly or not at all: no need for the word-by-word confirmation.
        # (ASCII text, the common case, is tested with str methods: faster.)
        # The heads of the key's tokens and token pairs that start some
        # rendering, found in C (set intersections); only the renderings with
        # those heads are looked at in Python, at their first token's occurrences.
        found: list[list[tuple[str, _EnCandidate]]]
        if key.isascii():
            if heads is not None:  # found by prescan
                bhits = heads
            else:
                btokens = key.encode("ascii").translate(_ASCII_NON_WORD_BYTES).split()
                bhits = self._en_bsingles.intersection(btokens) if self._en_bsingles else frozenset()
                if len(btokens) > 1:
                    bhits |= self._en_bpairs.intersection(map(b" ".join, pairwise(btokens)))
            if not bhits and not self._en_odd:
                return out
            bheads = self._en_bheads
            found = [bheads[h] for h in bhits]
            # isprintable() is False for tabs, line breaks and other controls.
            plain = "-" not in key and "  " not in key and key.isprintable()
        else:
            plain = not _ODD_SEPARATOR.search(key)
            tokens = _WORD.findall(key)
            hits = self._en_singles.intersection(tokens)
            if len(tokens) > 1:
                hits |= self._en_pairs.intersection(map(" ".join, pairwise(tokens)))
            str_heads = self._en_heads
            found = [str_heads[h] for h in hits]
        by_first: dict[str, list[_EnCandidate]] = {}
        for pairs in found:
            for first_word, candidate in pairs:
                by_first.setdefault(first_word, []).append(candidate)
        for token, candidates in by_first.items():
            length = len(token)
            start = key.find(token)
            while start >= 0:
                stop = start + length
                if (start == 0 or not _is_word(key[start - 1])) and _ends_word(key, stop):
                    for candidate in candidates:
                        if plain:
                            end = start + len(candidate[0]) if key.startswith(candidate[0], start) else -1
                        else:
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

    def en_matches(self, key: str, heads: AbstractSet[bytes] | None = None) -> dict[int, list[EnMatch]]:
        """Matches in an en key (:func:`~bilingual.glossary.normalise.en_key`), per
        entry, leftmost-longest and non-overlapping within each entry.

        ``heads``: the rendering heads in an ASCII key, when :meth:`prescan`
        found them already."""
        if not key:
            return {}
        n = len(key)
        raw: dict[int, list[EnMatch]] = {}
        for start, core_end, (_, _, entries) in self._candidates(key, heads):
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
