"""Glossary stage: the verdicts (pure; no I/O, no logging per pair).

Per entry and aligned pair, with k = the number of zh occurrences of the
entry (leftmost-longest, see :mod:`bilingual.glossary.match`):

- k ≥ 1: each occurrence takes one en match of the entry. A forbidden match →
  ``forbidden``; an approved match whose capitalisation differs from the
  rendering, for a case-sensitive entry → ``case`` (only the first letter of
  a match that starts a sentence may be capitalised where the rendering is
  not); otherwise ``ok``. Occurrences left over → ``missing``. Extra en
  matches are not findings. When there are more matches than occurrences,
  the matches that break the glossary are taken first, so a right rendering
  never hides a wrong one; matches and occurrences are then paired in text
  order.
- k = 0: each approved match → ``unexpected``, unless it lies inside a match
  of an entry that does occur (``new era`` inside ``Fengqiao Experience in
  the new era``). A forbidden match with k = 0 is not a finding.
- Look-alikes: a match, approved or forbidden, whose original text holds a
  letter of another script standing in for a Latin one (Cyrillic ``е`` in
  ``Red Ship Spirit``; found because the en view maps it, see
  :func:`~bilingual.glossary.normalise.lookalike_table`) → ``spoofed``,
  whatever k, and the message names each look-alike. It ranks with
  ``forbidden`` (:data:`SEVERITY`), so ``--fail-on forbidden`` fails on it.
  A look-alike that the entry's own renderings hold does not count.
  Invisible characters (zero-width space, soft hyphen...) are dropped by
  both views: the match keeps its ordinary verdict.

Spans are offsets into the original ``pair.zh`` / ``pair.en``; a finding's
``zh``/``en`` fields hold those whole texts, ``found`` the en text matched.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from bilingual.glossary.collector import collector_paused
from bilingual.glossary.glossary import Glossary
from bilingual.glossary.match import EnMatch, Matcher, PreScan, matcher_for
from bilingual.glossary.normalise import IGNORABLE, View, en_key, en_view, lookalikes, words, zh_view
from bilingual.glossary.numbers import Spans, check_pairs, term_spans
from bilingual.model import AlignedPair, Finding, Term, Verdict

# Order for --fail-on and for choosing which en matches the occurrences take.
SEVERITY: dict[Verdict, int] = {
    Verdict.OK: 0,
    Verdict.UNEXPECTED: 1,
    Verdict.CASE: 2,
    Verdict.MISSING: 3,
    Verdict.FORBIDDEN: 4,
    Verdict.SPOOFED: 4,  # a forbidden rendering in disguise, or an evasion: as bad
}
_BATCH = 2000  # pairs per prescan

# What check(then=...) runs on its findings (in its workers): see check.
Then = Callable[[list[Finding]], list[Finding]]
# Told (pairs checked so far, all pairs or None when not known) as a check goes.
PairProgress = Callable[[int, int | None], None]
log = logging.getLogger(__name__)


def batched(items: Iterable[AlignedPair], size: int) -> Iterator[list[AlignedPair]]:
    """``items`` in lists of ``size`` (the last maybe shorter)."""
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


_OPENERS = "\"'([{“‘«"
_SENTENCE_END = ".!?…:"


def starts_sentence(text: str, start: int) -> bool:
    """Whether only opening punctuation lies between ``start`` and the sentence start."""
    before = text[:start].rstrip().rstrip(_OPENERS).rstrip()
    return not before or before[-1] in _SENTENCE_END


def case_matches(text: str, match: EnMatch) -> bool:
    """Whether the matched text has the capitalisation of one of its renderings.

    Compared word by word, so hyphen, space and line break between words are
    interchangeable (rule 5); at a sentence start the first letter may be a
    capital where the rendering has a small letter, and nothing else may differ.
    """
    matched = text[match.start : match.core_end]
    if matched in match.forms:  # the rendering as written (the common case)
        return True
    surface = words(matched)
    initial = starts_sentence(text, match.start)
    for form in match.forms:
        expected = words(form)
        if surface == expected:
            return True
        if initial and surface[1:] == expected[1:] and surface and expected:
            got, want = surface[0], expected[0]
            if got[1:] == want[1:] and got[:1] == want[:1].upper():
                return True
    return False


def _spoofs(original: str, view: View, match: EnMatch, native: frozenset[str]) -> list[str]:
    """The look-alike letters in the original text of ``match`` (``[]``: none)."""
    start, end = view.span(match.start, match.end)
    return [c for c in lookalikes(original[start:end]) if c not in native]


def _verdict(term: Term, text: str, match: EnMatch, spoofed: bool = False) -> Verdict:
    if spoofed:
        return Verdict.SPOOFED
    if match.forbidden:
        return Verdict.FORBIDDEN
    if term.case_sensitive and not case_matches(text, match):
        return Verdict.CASE
    return Verdict.OK


def _quote(values: Iterable[str]) -> str:
    return " or ".join(f'"{v}"' for v in values)


def _character(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"


def _spoof_message(term: Term, zh: str, spelled: str, chars: list[str], forbidden: bool) -> str:
    """Which letters are look-alikes, in which rendering (as the view spells it)."""
    listed = ", ".join(map(_character, chars))
    kind = "a forbidden" if forbidden else "an approved"
    expected = _quote(term.approved)
    return f"look-alike {listed} in '{spelled}' ({kind} rendering of {zh}): write {expected} in Latin letters"


def _message(term: Term, verdict: Verdict, zh: str, found: str | None) -> str:
    expected = _quote(term.approved)
    if verdict is Verdict.OK:
        return f'{zh} rendered as "{found}"'
    if verdict is Verdict.MISSING:
        return f"{zh} is not rendered: expected {expected}"
    if verdict is Verdict.FORBIDDEN:
        return f'"{found}" is a forbidden rendering of {zh}: use {expected}'
    if verdict is Verdict.CASE:
        return f'"{found}" has the wrong capitalisation: write {expected}'
    return f'"{found}" ({term.zh[0]}) appears in the English but not in the Chinese: check the alignment'


def check_pair(pair: AlignedPair, matcher: Matcher, *, include_ok: bool = False) -> list[Finding]:
    """The findings of one aligned pair, in zh order, then unexpected ones in en order."""
    return _check_pair(pair, matcher, include_ok, PreScan(None, None))


def _check_pair(
    pair: AlignedPair, matcher: Matcher, include_ok: bool, pre: PreScan, ok_spans: Spans | None = None
) -> list[Finding]:
    """:func:`check_pair`, with what :meth:`Matcher.prescan` already found.

    ``ok_spans``: receives the zh and en spans of the ``ok`` occurrences left out (the number
    check's exclusions, without building findings that are dropped).
    """
    if pre.zh is None:
        zv = zh_view(pair.zh)
        occurrences = matcher.zh_occurrences(zv.text)
    else:  # the view's offsets are needed only if something occurs in it
        occurrences = pre.zh
        in_view = pre.zh_view_text is not None and occurrences
        zv = zh_view(pair.zh, pre.zh_view_text) if in_view else View(pair.zh)
    if pre.en_matches is not None:  # found whole in a plain text
        matches = pre.en_matches
        ev = View(pair.en if pre.en_view_text is None else pre.en_view_text)
    elif pre.en is None or pre.en:
        ev = en_view(pair.en)
        matches = matcher.en_matches(en_key(ev.text), pre.en)
    else:
        if not occurrences:
            return []
        ev, matches = View(pair.en), {}
    if not occurrences and not matches:
        return []
    by_entry: dict[int, list[tuple[int, int]]] = {}
    for entry, start, end in occurrences:
        if entry in by_entry:
            by_entry[entry].append((start, end))
        else:
            by_entry[entry] = [(start, end)]
    # (zh first, offset, entry: ties in glossary order, whatever the set order of the matcher, finding)
    findings: list[tuple[int, int, int, Finding]] = []
    terms = matcher.terms
    # Look-alike letters are not ASCII: ASCII text (most) is not looked at.
    native = None if pair.en.isascii() else matcher.native
    for entry, spans in by_entry.items():
        term = terms[entry]
        entry_matches = matches.get(entry, ())
        if native is None:
            judged = [(_verdict(term, ev.text, m), m) for m in entry_matches]
        else:
            judged = [
                (_verdict(term, ev.text, m, bool(_spoofs(pair.en, ev, m, native[entry]))), m)
                for m in entry_matches
            ]
        if len(judged) > 1:
            judged.sort(key=lambda vm: (-SEVERITY[vm[0]], vm[1].start))
            judged = sorted(judged[: len(spans)], key=lambda vm: vm[1].start)
        for i, (start, end) in enumerate(spans):
            if i < len(judged):
                verdict, m = judged[i]
                if verdict is Verdict.OK and not include_ok:
                    if ok_spans is not None:
                        zh_spans, en_spans = ok_spans.setdefault((pair.doc_id, pair.id), ([], []))
                        zh_spans.append(zv.span(start, end))
                        en_spans.append(ev.span(m.start, m.end))
                    continue
                en_start, en_end = ev.span(m.start, m.end)
                en_span: tuple[int, int] | None = (en_start, en_end)
                found: str | None = pair.en[en_start:en_end]
            else:
                verdict, m, en_span, found = Verdict.MISSING, None, None, None
            zh_span = zv.span(start, end)
            zh_text = pair.zh[zh_span[0] : zh_span[1]]
            if verdict is Verdict.SPOOFED and m is not None and native is not None:
                chars = _spoofs(pair.en, ev, m, native[entry])
                message = _spoof_message(term, zh_text, ev.text[m.start : m.end], chars, m.forbidden)
            else:
                message = _message(term, verdict, zh_text, found)
            findings.append(
                (0, zh_span[0], entry, _finding(pair, term, verdict, zh_span, en_span, found, message))
            )
    claimed: list[tuple[int, int]] | None = None  # the en spans of entries that occur in the zh
    for entry, found_matches in matches.items():
        if entry in by_entry:
            continue
        if claimed is None:
            claimed = [(m.start, m.end) for e in by_entry for m in matches.get(e, ())]
        term = terms[entry]
        for m in found_matches:
            chars = [] if native is None else _spoofs(pair.en, ev, m, native[entry])
            if (m.forbidden and not chars) or any(s <= m.start and m.end <= e for s, e in claimed):
                continue
            en_span = ev.span(m.start, m.end)
            found = pair.en[en_span[0] : en_span[1]]
            if chars:
                verdict = Verdict.SPOOFED
                message = _spoof_message(term, term.zh[0], ev.text[m.start : m.end], chars, m.forbidden)
            else:
                verdict, message = Verdict.UNEXPECTED, _message(term, Verdict.UNEXPECTED, term.zh[0], found)
            findings.append(
                (1, en_span[0], entry, _finding(pair, term, verdict, None, en_span, found, message))
            )
    if len(findings) > 1:
        findings.sort(key=lambda item: (item[0], item[1], item[2]))
    return [f for _, _, _, f in findings]


def _finding(
    pair: AlignedPair,
    term: Term,
    verdict: Verdict,
    zh_span: tuple[int, int] | None,
    en_span: tuple[int, int] | None,
    found: str | None,
    message: str,
) -> Finding:
    if found is not None and not found.isascii() and IGNORABLE.search(found):
        hidden = ", ".join(map(_character, dict.fromkeys(IGNORABLE.findall(found))))
        message += f" (it holds the invisible {hidden})"
    return Finding(
        segment=pair.id,
        term=term.id,
        verdict=verdict,
        zh=pair.zh,
        en=pair.en,
        zh_span=zh_span,
        en_span=en_span,
        expected=term.approved,
        found=found,
        message=message,
        doc_id=pair.doc_id,
    )


def check(
    pairs: Iterable[AlignedPair],
    glossary: Glossary,
    *,
    include_ok: bool = False,
    jobs: int = 1,
    number_units: tuple[str, ...] | None = None,
    then: Then | None = None,
    progress: PairProgress | None = None,
) -> list[Finding]:
    """Every finding of every pair (``ok`` ones only with ``include_ok``), in pair order.

    ``jobs``: worker processes (0: one per core). They are used only where
    ``fork`` is available and there are enough pairs to repay them
    (:data:`PARALLEL_MIN` a worker); the findings are the same either way.
    ``number_units``: also run the number check
    (:func:`bilingual.glossary.numbers.check_pairs`, with these measure words)
    on each batch, in the same process as its term check, so the workers share
    it too; a pair's number findings follow its term findings.
    ``then``: a function of a list of findings (of whole pairs, in pair order)
    run on the findings before they are returned, in the workers when there
    are some: the pipeline's ids, severities and ignore list
    (:func:`bilingual.glossary.ignore.annotate`) cost as much as the check on a
    large file, and spread across the workers with it.
    ``progress``: told how many pairs are checked, after each batch (here) or
    each range a worker returns, so a long check is not a silent one.
    """
    matcher = matcher_for(glossary)
    if jobs != 1:
        pairs = pairs if isinstance(pairs, list) else list(pairs)
        workers = _workers(jobs, len(pairs))
        if workers > 1:
            return _check_parallel(pairs, matcher, include_ok, workers, number_units, then, progress)
    return _check_serial(pairs, matcher, include_ok, number_units, then, progress)


def _check_serial(
    pairs: Iterable[AlignedPair],
    matcher: Matcher,
    include_ok: bool,
    units: tuple[str, ...] | None = None,
    then: Then | None = None,
    progress: PairProgress | None = None,
) -> list[Finding]:
    findings: list[Finding] = []
    total = len(pairs) if isinstance(pairs, list) else None
    done = 0
    if progress is not None:
        progress(0, total)  # a bar shows the check has begun
    # Batches: the matcher's prescan dismisses most pairs in a few C passes.
    with collector_paused():
        for batch in batched(pairs, _BATCH):
            findings += _check_batch(batch, matcher, include_ok, units)
            done += len(batch)
            if progress is not None:
                progress(done, total)
        return then(findings) if then is not None else findings


def _check_batch(
    batch: list[AlignedPair], matcher: Matcher, include_ok: bool, units: tuple[str, ...] | None
) -> list[Finding]:
    """The term findings of a batch, and with ``units`` its number findings, in pair order."""
    terms: list[Finding] = []
    # The number check needs the ok occurrences' spans too: their figures are the term's.
    ok: Spans | None = {} if units is not None and not include_ok else None
    # Only the pairs with a term on either side come back.
    for i, pre in matcher.prescan([p.zh for p in batch], [p.en for p in batch]):
        terms.extend(_check_pair(batch[i], matcher, include_ok, pre, ok))
    if units is None:
        return terms
    spans = term_spans(terms)
    for key, (zh_spans, en_spans) in (ok or {}).items():
        zh_all, en_all = spans.setdefault(key, ([], []))
        zh_all += zh_spans
        en_all += en_spans
    numbers = check_pairs(batch, units=units, spans=spans)
    return in_pair_order(batch, terms, numbers) if numbers else terms


def in_pair_order(pairs: Iterable[AlignedPair], first: list[Finding], then: list[Finding]) -> list[Finding]:
    """Two lists of findings in pair order merged into one: for each pair, ``first``'s then ``then``'s."""
    order = {(pair.doc_id, pair.id): k for k, pair in enumerate(pairs)}
    return sorted([*first, *then], key=lambda f: order.get((f.doc_id, f.segment), 0))  # stable


# Pairs a worker, at least: below that, starting a worker costs more than it saves.
PARALLEL_MIN = 10_000


def _workers(jobs: int, n: int) -> int:
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1  # a spawned worker would rebuild the matcher: slower than no worker
    if multiprocessing.current_process().daemon:
        return 1  # a daemonic process (a multiprocessing.Pool worker) may not have children
    wanted = jobs if jobs > 0 else (os.cpu_count() or 1)
    return max(1, min(wanted, n // PARALLEL_MIN))


# What forked workers inherit (set only while _check_parallel runs): the pairs
# and the matcher are not pickled, each task is a range of pair indexes.
_SHARED: tuple[list[AlignedPair], Matcher, bool, tuple[str, ...] | None, Then | None] | None = None
_PARALLEL = threading.Lock()


def _check_range(bounds: tuple[int, int]) -> list[Finding]:
    assert _SHARED is not None
    pairs, matcher, include_ok, units, then = _SHARED
    return _check_serial(pairs[bounds[0] : bounds[1]], matcher, include_ok, units, then)


def _check_parallel(
    pairs: list[AlignedPair],
    matcher: Matcher,
    include_ok: bool,
    workers: int,
    units: tuple[str, ...] | None = None,
    then: Then | None = None,
    progress: PairProgress | None = None,
) -> list[Finding]:
    global _SHARED
    n = len(pairs)
    size = max(_BATCH, -(-n // (4 * workers)))  # four tasks a worker: a slow one does not hold up the end
    ranges = [(start, min(start + size, n)) for start in range(0, n, size)]
    if not _PARALLEL.acquire(blocking=False):  # another thread's check holds _SHARED
        return _check_serial(pairs, matcher, include_ok, units, then, progress)
    _SHARED = (pairs, matcher, include_ok, units, then)
    context = multiprocessing.get_context("fork")
    if progress is not None:
        progress(0, n)
    try:
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            findings: list[Finding] = []
            for (_, end), part in zip(ranges, pool.map(_check_range, ranges), strict=True):
                findings += part
                if progress is not None:
                    progress(end, n)  # ranges come back in order
            return findings
    except BrokenProcessPool:  # a worker was killed (out of memory?): no findings lost
        log.warning("a check worker process died; checking %d pairs in this process", n)
        return _check_serial(pairs, matcher, include_ok, units, then, progress)
    finally:
        _SHARED = None
        _PARALLEL.release()


def at_or_above(findings: Iterable[Finding], level: Verdict) -> list[Finding]:
    """The findings whose verdict is at least as severe as ``level``."""
    floor = SEVERITY[level]
    return [f for f in findings if SEVERITY.get(f.verdict, 0) >= floor and f.verdict is not Verdict.OK]
