"""Glossary check speed: generated glossary and pairs, our matcher vs one regex per term.

Generates a glossary of ``--entries`` concepts (written as CSV and loaded
through the real loader) and ``--pairs`` aligned pairs, about 45% of which
hold one or two terms, rendered right (sometimes hyphenated, broken across a
line, or inflected with -s or a curly 's), wrongly (forbidden), in the wrong
case or not at all. Sentences are Zipf-weighted words of shared
vocabularies (see :class:`Text`), so most words start some term, as with a
real glossary of that size. One pair in fifty is in traditional characters,
one in seven has quotation marks and ideographic spaces, one in 23 a line
break; one in ten has NBSP and curly apostrophes in the English, so the
slower normalisation paths are exercised too. The findings digest (sha256
over the sorted findings) shows that an optimisation changed no result.
Then it times:

- loading the glossary and building the matcher (once per glossary);
- ``bilingual.glossary.check`` over every pair in one process (``jobs=1``:
  wall and CPU time) and with one worker process per core (``jobs=0``, what
  ``bilingual check`` does: wall time), each ``--repeat`` times; the best
  run counts, as timeit reports it, and the median is shown beside it;
- the naive loop, one compiled regex per term on each side, over the first
  ``--naive-pairs`` pairs (it is far too slow for all of them), and prints
  the ratio of the two rates (one process each).

The bar (50,000 pairs/s) is judged on the wall time of the check with one
worker per core: the issue's "on this 2-core machine".

Issue #14's bars for the number check (pairs carry figures and dates, see
:func:`figure` and :data:`FIGURES`), both with the default ``--jobs`` (one
worker per core, what a user gets):

- its cost: ``findings_of`` (the checks as ``bilingual check`` runs them,
  ids included) with ``checks`` terms vs terms+numbers, interleaved, best of
  ``--repeat``; and the whole command with ``--checks terms`` vs
  ``--checks terms,numbers``. The bar: numbers add at most 15%;
- the whole command from outside, ``bilingual check pairs.jsonl -g
  glossary.csv --format jsonl -o FILE`` in a subprocess (reading, checking,
  writing), minus the same command on the first 20 pairs (start-up and
  glossary loading): at least 50,000 pairs/s with numbers. CPU seconds
  (with the workers) are printed beside the wall time: on a busy machine
  they are the steadier figure. Memory: the peak of
the summed PSS (proportional set size) of this process and its workers,
sampled every 20 ms in one more (untimed) run, so pages the forked workers share with it are counted
once; and this process's peak RSS (``ru_maxrss``), generation included.

Then where the whole command's time goes (:func:`phases`): reading the file, grouping
its pairs into documents, the checks, the report's lines, in this process, and what
reading, grouping and the report leave of the 50,000 pairs/s bar's budget for the checks.

This machine is a shared VM whose speed varies (a fixed Python loop takes
from 1 to 3 s): the benchmark times that loop before and after and prints
it, so a slow run shows as one.

Deterministic (seeded). Usage::

    .venv/bin/python benchmarks/check_speed.py [--entries 10000] [--pairs 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from itertools import accumulate
from pathlib import Path

import opencc
from machine import reference_loop  # benchmarks/machine.py: this script's own folder

from bilingual.glossary import check, load, matcher_for
from bilingual.glossary.load_csv import write_csv
from bilingual.glossary.numbers_en import MONTH_NAMES
from bilingual.glossary.report import render_jsonl
from bilingual.model import AlignedPair, Bead, Finding, Term
from bilingual.pipeline import Settings, findings_of, run

CONSONANTS = "bcdfghjklmnprstvwz"
VOWELS = "aeiou"


def word(rng: random.Random) -> str:
    return "".join(rng.choice(CONSONANTS) + rng.choice(VOWELS) for _ in range(rng.randint(1, 4)))


class Text:
    """Bulletin-like text: sentences are Zipf-weighted words (weight 1/rank),
    Chinese words are one to three Zipf-weighted characters. Terms are two
    (zh) or two to four (en) words of the same vocabularies, drawn uniformly,
    as real terms are mostly made of mid-frequency words: most words of a
    sentence start some term (the near misses a real 10,000-entry glossary
    meets), while a whole term seldom occurs by chance."""

    def __init__(self, rng: random.Random, chars: int = 5000, vocabulary: int = 8000):
        pool = [chr(cp) for cp in range(0x4E00, 0x9FA6)]
        converted = opencc.OpenCC("t2s").convert("\n".join(pool)).split("\n")
        simplified = [a for a, b in zip(pool, converted, strict=True) if a == b]
        chars_ = rng.sample(simplified, chars)  # rank order: frequent first
        char_weights = list(accumulate(1 / (r + 1) for r in range(chars)))
        zh: set[str] = set()
        while len(zh) < vocabulary:
            k = rng.choices((1, 2, 3), weights=(20, 65, 15))[0]
            zh.add("".join(rng.choices(chars_, cum_weights=char_weights, k=k)))
        en: set[str] = set()
        while len(en) < vocabulary:
            en.add(word(rng))
        self.zh_words = rng.sample(sorted(zh), vocabulary)
        self.en_words = rng.sample(sorted(en), vocabulary)
        self.weights = list(accumulate(1 / (r + 1) for r in range(vocabulary)))

    def han(self, rng: random.Random, n: int) -> str:
        """About ``n`` characters of Zipf-weighted Chinese words."""
        out: list[str] = []
        length = 0
        while length < n:
            w = rng.choices(self.zh_words, cum_weights=self.weights)[0]
            out.append(w)
            length += len(w)
        return "".join(out)

    def english(self, rng: random.Random, n: int) -> list[str]:
        return rng.choices(self.en_words, cum_weights=self.weights, k=n)


def make_terms(rng: random.Random, text: Text, n: int) -> list[Term]:
    terms: list[Term] = []
    zh_seen: set[str] = set()
    en_seen: set[str] = set()
    for i in range(n):
        while True:
            form = "".join(rng.choices(text.zh_words, k=2))
            if form not in zh_seen and len(form) > 1:
                zh_seen.add(form)
                break
        while True:  # unique renderings, words of the common vocabulary
            words = rng.choices(text.en_words, k=rng.randint(2, 4))
            if " ".join(words) not in en_seen:
                en_seen.add(" ".join(words))
                break
        proper = rng.random() < 0.3
        rendering = " ".join(w.capitalize() for w in words) if proper else " ".join(words)
        last = word(rng)
        while last == words[-1]:
            last = word(rng)
        forbidden = (" ".join([*words[:-1], last]),) if rng.random() < 0.5 else ()
        terms.append(Term(f"t{i}", (form,), (rendering,), (), forbidden, proper, "generated"))
    return terms


def _variant(rng: random.Random, rendering: str) -> str:
    """The rendering as translators type it: hyphens, line breaks, inflections."""
    roll = rng.random()
    if roll < 0.1:
        rendering = rendering.replace(" ", "-", 1)
    elif roll < 0.13:
        rendering = rendering.replace(" ", "-\n", 1)
    elif roll < 0.16:
        rendering = rendering.replace(" ", "\n", 1)
    roll = rng.random()
    if roll < 0.1:
        rendering += "s"
    elif roll < 0.15:
        rendering += "\u2019s"
    return rendering


MONTHS = MONTH_NAMES
CN_DIGITS = "〇一二三四五六七八九"


def cn_numeral(n: int) -> str:
    """``n`` (1-99) as a Chinese numeral: 20 = 二十, 35 = 三十五, 12 = 十二."""
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_DIGITS[tens] + "十")
    return head + (CN_DIGITS[units] if units or not tens else "")


def en_ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


EN_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def figure(rng: random.Random) -> tuple[str, str, str]:
    """One figure or date as a bulletin writes it in each language, and a wrong English
    rendering of it (another value, as a slip of the keyboard or of the calendar writes it).

    The forms of issue #14's rules: multipliers (3.5万 = 35,000 = 35 thousand, 2.726亿 =
    272.6 million), 百分之 and %, 第 + numeral, dates and ranges, numbers of years,
    percentage points, numerals before measure words, plain figures with separators.
    """
    kind = rng.randrange(14)
    if kind == 0:  # 3.5万 = 35,000 or 35 thousand
        a, b = rng.randint(1, 99), rng.randint(1, 9)
        right = f"{a * 10_000 + b * 1000:,}" if rng.random() < 0.5 else f"{a}{b} thousand"
        return f"{a}.{b}万人", f"{right} people", f"{a * 10_000 + (b + 1) * 1000:,} people"
    if kind == 1:  # 2.726亿 = 272.6 million (or rounded: 273 million); not 27 million
        x = rng.randint(1001, 9999)
        right = f"{x / 10:.1f} million" if rng.random() < 0.7 else f"{round(x / 10)} million"
        return f"{x / 1000:.3f}".rstrip("0") + "亿元", f"{right} yuan", f"{x // 100} million yuan"
    if kind == 2:  # 百分之十二 = 12%
        n = rng.randint(2, 99)
        right = f"{n}%" if rng.random() < 0.6 else f"{n} percent"
        return f"增长百分之{cn_numeral(n)}", f"up {right}", f"up {n + 10}%"
    if kind == 3:  # 32% = 32% (the classic slip: 23%)
        n = rng.randint(12, 98)
        wrong = int(str(n)[::-1]) if n % 11 and n % 10 else n + 1
        return f"占{n}%", f"{n}%", f"{wrong}%"
    if kind == 4:  # 第二十 = 20th = twentieth
        n = rng.randint(2, 40)
        return f"第{cn_numeral(n)}届", f"the {en_ordinal(n)} session", f"the {en_ordinal(n + 1)} session"
    if kind == 5:  # 2023年2月14日 = February 14, 2023 / 14 February 2023
        y, m, d = rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28)
        right = f"{MONTHS[m - 1]} {d}, {y}" if rng.random() < 0.6 else f"{d} {MONTHS[m - 1]} {y}"
        return f"{y}年{m}月{d}日", f"on {right}", f"on {MONTHS[m - 1]} {d + 1}, {y}"
    if kind == 6:  # 12月13日至14日 = December 13-14
        m, d = rng.randint(1, 12), rng.randint(1, 26)
        return (
            f"{m}月{d}日至{d + 1}日",
            f"from {MONTHS[m - 1]} {d}-{d + 1}",
            f"from {MONTHS[m % 12]} {d}-{d + 1}",
        )
    if kind == 7:  # 近5年 = in the past 5 years
        n = rng.randint(2, 30)
        return f"近{n}年", f"in the past {n} years", f"in the past {n + 1} years"
    if kind == 8:  # N个百分点 = N percentage points
        n = rng.randint(2, 20)
        return f"提高{n}个百分点", f"up {n} percentage points", f"up {n + 1} percentage points"
    if kind == 9:  # 三十五周年 = 35th anniversary
        n = rng.randint(2, 99)
        return (
            f"{cn_numeral(n)}周年",
            f"the {en_ordinal(n)} anniversary",
            f"the {en_ordinal(n + 5)} anniversary",
        )
    if kind == 10:  # a numeral before a measure word: 三个村 = three villages
        n = rng.randint(2, 12)
        return f"{cn_numeral(n)}个村", f"{EN_WORDS[n - 2]} villages", f"{EN_WORDS[(n - 1) % 11]} villages"
    if kind == 11:  # 46,276人 = 46,276 people
        n = rng.randint(1_000, 999_999)
        written = f"{n:,}" if rng.random() < 0.5 else str(n)
        return f"{written}人", f"{n:,} people", f"{n + 9:,} people"
    if kind == 12:  # 2月 = February; 2023年 = 2023
        m, y = rng.randint(1, 12), rng.randint(2015, 2025)
        return f"{y}年{m}月", f"in {MONTHS[m - 1]} {y}", f"in {MONTHS[m % 12]} {y}"
    n = rng.randint(2, 500)  # a plain count with a unit: 120公里 = 120 kilometres
    return f"{n}公里", f"{n} kilometres", f"{n * 10} kilometres"


# How many figures a pair holds (none, one, two, three): 45% of the pairs hold one or more, 0.65
# a pair, as in the sample corpus (corpus/: 45% of the Chinese sentences and 52% of the English
# ones hold a figure or date; 0.72 and 0.84 a sentence). Of the figures, WRONG are rendered as
# another value, DROPPED not at all; EXTRA of the pairs have a figure in the English only.
FIGURES = (55, 30, 10, 5)
WRONG, DROPPED, EXTRA = 0.04, 0.02, 0.01
NUMERAL_WORDS = ("统一", "一体化", "进一步", "一线", "四治融合", "一带一路", "十分")


def make_pairs(rng: random.Random, text: Text, terms: list[Term], n: int) -> list[AlignedPair]:
    s2t = opencc.OpenCC("s2t")
    pairs = []
    for i in range(n):
        zh_parts = [text.han(rng, rng.randint(15, 30))]
        en_parts = [" ".join(text.english(rng, rng.randint(8, 14)))]
        # About 45% of the pairs hold a term (one or two).
        for term in rng.sample(terms, rng.choices((0, 1, 2), weights=(55, 33, 12))[0]):
            zh_parts.append(term.zh[0] + text.han(rng, rng.randint(5, 15)))
            roll = rng.random()
            if roll < 0.7:
                rendering = _variant(rng, term.en[0])
            elif roll < 0.8 and term.forbidden:
                rendering = term.forbidden[0]
            elif roll < 0.9:
                rendering = term.en[0].lower()
            else:
                rendering = ""
            en_parts.append(" ".join([rendering, *text.english(rng, rng.randint(4, 10))]).strip())
        # Figures and dates: as often as in the sample corpus (see FIGURES), mostly rendered right.
        for _ in range(rng.choices((0, 1, 2, 3), weights=FIGURES)[0]):
            zh_figure, en_figure, wrong = figure(rng)
            roll = rng.random()
            if roll < WRONG:
                en_figure = wrong
            elif roll < WRONG + DROPPED:
                en_figure = ""
            k = rng.randint(1, len(zh_parts))
            zh_parts.insert(k, zh_figure + text.han(rng, rng.randint(3, 8)))
            en_parts.insert(k, " ".join([en_figure, *text.english(rng, rng.randint(2, 6))]).strip())
        if rng.random() < EXTRA:  # a figure in the English only
            en_parts.append(figure(rng)[1])
        if rng.random() < 0.1:  # numerals inside words, never figures: 统一, 一体化, 四治融合
            zh_parts.append(rng.choice(NUMERAL_WORDS) + text.han(rng, rng.randint(3, 8)))
        zh = "，".join(zh_parts) + "。"
        if i % 50 == 0:  # now and then a bulletin in traditional characters
            zh = s2t.convert(zh)
        elif i % 7 == 0:  # quotation marks and an ideographic space
            zh = "\u3000\u3000“" + zh[:10] + "”" + zh[10:]
        elif i % 23 == 0:  # a line break inside a sentence
            zh = zh[:12] + "\n" + zh[12:]
        en = " ".join(en_parts)
        en = en[0].upper() + en[1:] + "."
        if i % 10 == 0:  # web text: NBSP and curly apostrophes
            en = en.replace(" ", "\u00a0", 3) + " It\u2019s done."
        pairs.append(
            AlignedPair(f"d{i // 20}:z{i % 20}:e{i % 20}", zh, en, Bead((i % 20,), (i % 20,)), f"d{i // 20}")
        )
    return pairs


def naive_check(pairs: list[AlignedPair], terms: list[Term]) -> int:
    """One regex per term and side, the loop the matcher replaces. Returns the finding count."""
    compiled = []
    for term in terms:
        zh_re = re.compile("|".join(map(re.escape, term.zh)))
        alts = [r"[ -]".join(map(re.escape, r.split())) for r in (*term.approved, *term.forbidden)]
        en_re = re.compile(r"\b(?:" + "|".join(alts) + r")(?:'s|es|s)?\b", re.IGNORECASE)
        compiled.append((term, zh_re, en_re))
    findings = 0
    for pair in pairs:
        for _term, zh_re, en_re in compiled:
            k = len(zh_re.findall(pair.zh))
            matches = en_re.findall(pair.en)
            if k or matches:
                findings += max(k - len(matches), 0) + (0 if k else len(matches))
    return findings


def digest(findings: list[Finding]) -> str:
    """sha256 over the sorted findings (every field a report shows): equal
    digests before and after an optimisation mean unchanged results."""
    rows = sorted(
        repr((f.segment, f.term, f.verdict.value, f.zh_span, f.en_span, f.found, f.message, f.doc_id))
        for f in findings
    )
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:  # the process has ended
        pass
    return 0


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


class PssPeak:
    """The peak of this process's PSS plus its children's, sampled in a thread (Linux)."""

    def __init__(self, every: float = 0.02):
        self.every, self.peak_kb = every, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            total = _pss_kb(me) + sum(_pss_kb(child) for child in _children(me))
            self.peak_kb = max(self.peak_kb, total)
            self._stop.wait(self.every)

    def __enter__(self) -> PssPeak:
        if os.path.exists("/proc/self/smaps_rollup"):
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()


def timed(fn: Callable[[], list[Finding]], repeat: int) -> tuple[list[Finding], list[float], list[float]]:
    """The result of ``fn`` and the wall and CPU seconds of each of ``repeat`` runs."""
    walls, cpus = [], []
    result: list[Finding] = []
    for _ in range(repeat):
        gc.collect()
        start, cpu = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return result, walls, cpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--naive-pairs", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args(argv)

    loop_before = reference_loop()
    rng = random.Random(args.seed)
    text = Text(rng)
    terms = make_terms(rng, text, args.entries)
    pairs = make_pairs(rng, text, terms, args.pairs)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "generated.csv"
        path.write_bytes(write_csv(terms))
        start = time.perf_counter()
        glossary = load(path)
        load_s = time.perf_counter() - start
        # The whole pipeline on a JSONL file, as `bilingual check pairs.jsonl` runs it (reading included).
        jsonl = Path(tmp) / "pairs.jsonl"
        with jsonl.open("w", encoding="utf-8") as out:
            for pair in pairs:
                out.write(
                    json.dumps({"id": pair.id, "zh": pair.zh, "en": pair.en}, ensure_ascii=False) + "\n"
                )
        settings = Settings.resolve([jsonl], glossaries=[path], jobs=0, include_ok=False, checks=["terms"])
        through, pipeline_wall, _ = timed(lambda: [f for c in run(settings) for f in c.findings], args.repeat)
        through_digest = digest(through)
        del through  # the memory bar is the check's, not this script's copies of its findings
        start = time.perf_counter()
        matcher_for(glossary)
        build_s = time.perf_counter() - start

        findings, serial_wall, serial_cpu = timed(lambda: check(pairs, glossary), args.repeat)
        parallel, parallel_wall, _ = timed(lambda: check(pairs, glossary, jobs=0), args.repeat)
        # Memory in a run of its own: reading smaps_rollup walks page tables, and
        # sampling it would slow the timed runs down.
        gc.collect()
        with PssPeak() as pss:
            check(pairs, glossary, jobs=0)
        rss_mb = peak_mb()  # before the number-check runs below, which hold their own copies
        # The number check's cost: the checks as the pipeline runs them, without and with it.
        numbers = number_overhead(jsonl, path, pairs, args.repeat)
        # The whole command, from outside: reading, checking and writing the JSONL report.
        command = whole_command(jsonl, path, pairs, Path(tmp), args.repeat)
        where = phases(jsonl, path, args.repeat)
    if parallel != findings:
        print("error: the parallel check found other findings than the serial one", file=sys.stderr)
        return 2
    if through_digest != digest(findings):
        print("error: the pipeline found other findings than the check", file=sys.stderr)
        return 2

    sample = pairs[: args.naive_pairs]
    start, cpu = time.perf_counter(), time.process_time()
    naive_check(sample, terms)
    naive_s, naive_cpu = time.perf_counter() - start, time.process_time() - cpu
    loop_after = reference_loop()

    tally = Counter(f.verdict.value for f in findings)
    n = len(pairs)
    print(
        f"python {sys.version.split()[0]}, {args.entries:,} entries, {n:,} pairs "
        f"(seed {args.seed}), {args.repeat} runs each, "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print(
        "reference loop (machine speed; about 1.0 s when quiet): "
        f"{loop_before:.2f} s before, {loop_after:.2f} s after"
    )
    print(f"{'step':<44}{'wall s':>8}{'cpu s':>8}{'pairs/s (wall)':>16}{'median':>10}")
    print(f"{'load glossary (CSV, validated)':<44}{load_s:>8.2f}")
    print(f"{'build matcher (automata, tables)':<44}{build_s:>8.2f}")
    rows = (
        ("check, 1 process", serial_wall, min(serial_cpu)),
        (f"check, {os.cpu_count()} workers (bilingual check)", parallel_wall, None),
        ("pipeline: read JSONL + check, workers", pipeline_wall, None),
    )
    for label, walls, cpu_s in rows:
        best, median = min(walls), statistics.median(walls)
        cpu_text = f"{cpu_s:>8.2f}" if cpu_s is not None else f"{'':>8}"
        print(f"{label:<44}{best:>8.2f}{cpu_text}{n / best:>16,.0f}{n / median:>10,.0f}")
    label = f"naive: one regex per term ({len(sample)} pairs)"
    print(f"{label:<44}{naive_s:>8.2f}{naive_cpu:>8.2f}{len(sample) / naive_s:>16,.0f}")
    ratio = (n / min(serial_cpu)) / (len(sample) / naive_cpu)
    print(f"speed-up of the 1-process check over the naive loop (cpu): {ratio:,.0f}x")
    print(f"findings: {dict(sorted(tally.items()))} (the same with workers)")
    print(f"findings digest (sha256, sorted): {digest(findings)}")
    memory = pss.peak_kb / 1024
    print(
        f"peak memory: {memory:.0f} MB PSS, this process and its workers; {rss_mb:.0f} MB RSS, this process"
    )
    rate = n / min(parallel_wall)
    ok = rate >= 50_000 and memory < 500 and rss_mb < 500
    print(f"bars (>= 50,000 pairs/s with the workers, < 500 MB): {'met' if ok else 'NOT met'}")
    numbers_ok = report_numbers(numbers, command, n)
    report_phases(where, n)
    return 0 if ok and numbers_ok else 1


CHECKS = {"terms": ("terms",), "terms+numbers": ("terms", "numbers")}


def number_overhead(jsonl: Path, glossary: Path, pairs: list[AlignedPair], repeat: int) -> dict[str, float]:
    """Best seconds of ``findings_of`` (the checks as ``bilingual check`` runs them, workers as by
    default, ids and all) over every pair, terms only and terms+numbers, runs interleaved."""
    best: dict[str, float] = {}
    settings = {
        name: Settings.resolve([jsonl], glossaries=[glossary], jobs=0, include_ok=False, checks=checks)
        for name, checks in CHECKS.items()
    }
    for _ in range(repeat):
        for name, chosen in settings.items():
            gc.collect()
            start = time.perf_counter()
            findings_of(chosen, pairs, inputs=True)
            best[name] = min(best.get(name, float("inf")), time.perf_counter() - start)
    return best


def whole_command(
    jsonl: Path, glossary: Path, pairs: list[AlignedPair], tmp: Path, repeat: int
) -> dict[tuple[str, str], tuple[float, float]]:
    """Best wall and CPU seconds (with its workers) of ``bilingual check FILE -g GLOSSARY --format
    jsonl --checks ...`` as a user runs it (default --jobs: one worker per core), the report
    written to a file; on every pair and on the first 20 (start-up, glossary loading), runs
    interleaved. Keyed by (file, checks)."""
    tiny = tmp / "tiny.jsonl"
    tiny.write_text(
        "".join(jsonl.read_text(encoding="utf-8").splitlines(keepends=True)[:20]), encoding="utf-8"
    )
    script = Path(sys.executable).with_name("bilingual")
    best: dict[tuple[str, str], tuple[float, float]] = {}
    for _ in range(repeat):
        for name, path in (("tiny", tiny), ("all", jsonl)):
            for checks, chosen in CHECKS.items():
                argv = [str(script), "check", str(path), "-g", str(glossary), "--format", "jsonl"]
                argv += ["--checks", ",".join(chosen), "--no-progress", "-o", str(tmp / "report.jsonl")]
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run(argv, check=False, stderr=subprocess.DEVNULL)
                wall = time.perf_counter() - start
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
                old_wall, old_cpu = best.get((name, checks), (float("inf"), float("inf")))
                best[(name, checks)] = (min(old_wall, wall), min(old_cpu, cpu))
    return best


def phases(jsonl: Path, glossary: Path, repeat: int) -> dict[str, float]:
    """Best seconds of each phase of ``bilingual check pairs.jsonl`` with both checks, in this
    process, workers as by default, told apart by ``pipeline.run``'s progress calls: reading
    (the file's pairs, the language check; until the last "read" call), grouping them into
    documents (until the check's first call), the checks (until its last), and then the JSONL
    report's lines (``render_jsonl``)."""
    settings = Settings.resolve(
        [jsonl], glossaries=[glossary], jobs=0, include_ok=False, checks=CHECKS["terms+numbers"]
    )
    best: dict[str, float] = {}
    first: dict[str, float] = {}
    last: dict[str, float] = {}

    def mark(phase: str, *_: object) -> None:
        last[phase] = time.perf_counter()
        first.setdefault(phase, last[phase])

    for _ in range(repeat):
        gc.collect()
        first.clear()
        start = time.perf_counter()
        checked = list(run(settings, mark))
        findings = [f for item in checked for f in item.findings]
        begun = time.perf_counter()
        render_jsonl(findings)
        seconds = {
            "read": last["read"] - start,
            "group": first["check"] - last["read"],
            "checks": last["check"] - first["check"],
            "report": time.perf_counter() - begun,
        }
        for name, value in seconds.items():
            best[name] = min(best.get(name, float("inf")), value)
        del checked, findings
    return best


def report_phases(best: dict[str, float], n: int) -> None:
    """Print where the time of the whole command goes, against the 50,000 pairs/s bar."""
    budget = n / 50_000
    print("where the whole command's time goes (in process, workers as by default, best of each):")
    rows = (
        ("read the file (pairs, language check)", best["read"]),
        ("group the pairs into documents", best["group"]),
        ("the checks, terms+numbers", best["checks"]),
        ("the report's JSONL lines (render_jsonl)", best["report"]),
    )
    for label, seconds in rows:
        print(f"  {label:<42}{seconds:6.2f} s")
    print(f"  {'sum (the command also writes and exits)':<42}{sum(s for _, s in rows):6.2f} s")
    left = budget - best["read"] - best["group"] - best["report"]
    print(
        f"  at 50,000 pairs/s the command has {budget:.2f} s: reading, grouping and the report "
        f"leave {left:.2f} s for the checks"
    )


def report_numbers(
    numbers: dict[str, float], command: dict[tuple[str, str], tuple[float, float]], n: int
) -> bool:
    """Print the number check's figures and bars; whether both bars are met."""
    terms, both = numbers["terms"], numbers["terms+numbers"]
    overhead = both / terms - 1
    print("number check (issue #14), the checks as bilingual check runs them (findings_of, workers):")
    print(f"  terms only     {terms:6.2f} s {n / terms:>10,.0f} pairs/s")
    print(f"  terms+numbers  {both:6.2f} s {n / both:>10,.0f} pairs/s   overhead {overhead:+.0%}")
    print("whole command from outside (bilingual check pairs.jsonl -g glossary.csv --format jsonl -o FILE),")
    print("  start-up and glossary subtracted (the same command on 20 pairs):")
    rates = {}
    for checks in CHECKS:
        (tiny_wall, tiny_cpu), (wall, cpu) = command[("tiny", checks)], command[("all", checks)]
        rates[checks] = n / max(wall - tiny_wall, 1e-9)
        per_cpu = n / max(cpu - tiny_cpu, 1e-9)
        print(
            f"  {checks:<14} {wall:6.2f} s wall ({tiny_wall:.2f} s on 20 pairs), {cpu:.2f} s CPU "
            f"({tiny_cpu:.2f}): {rates[checks]:>9,.0f} pairs/s, {per_cpu:>9,.0f} pairs/CPU-s"
        )
    command_overhead = rates["terms"] / rates["terms+numbers"] - 1
    print(f"  overhead of the number check, whole command: {command_overhead:+.0%}")
    overhead_ok = overhead <= 0.15 and command_overhead <= 0.15
    rate_ok = rates["terms+numbers"] >= 50_000
    print(f"bar (numbers add <= 15%, in process and whole command): {'met' if overhead_ok else 'NOT met'}")
    print(f"bar (whole command >= 50,000 pairs/s with numbers): {'met' if rate_ok else 'NOT met'}")
    return overhead_ok and rate_ok


if __name__ == "__main__":
    raise SystemExit(main())
