"""Translation memory at scale: `tm add`, `tm search`, `tm match` on a generated memory (issue #19).

    .venv/bin/python benchmarks/memory_tm.py                 # 1,000,000 beads (several minutes)
    .venv/bin/python benchmarks/memory_tm.py --beads 100000  # a quicker look

The generator draws words from the sample corpus (jieba words of corpus/zh, the
words of corpus/en and the glossary's terms) with Zipf weights, 8-24 words a
zh segment and 10-30 an English one, 20 beads a document, dates over ten years:
the text is nonsense, its character and word statistics are not. Reported:

- ``tm add``: beads/s through :func:`bilingual.memory.add_checked` (its default
  transactions of 20,000 beads of whole documents, ``--batch``; generating the
  documents is not timed), file size;
- ``tm search``: p50/p95/max over 200 queries each of 1, 2 and 4 Han characters
  and 1-3 English words, taken from random beads, in one warm process, limit 50
  with the total count; also the 1-2 character queries by a plain scan
  (``instr``), the alternative to the bigram index, on 20 queries;
- ``tm match``: per sentence, 100 sentences made by replacing 1-3 words of a
  remembered segment, and how often that segment is among the matches when it
  is still 70% like the sentence (the pre-filter's recall);
- the cold start of ``bilingual tm search`` (a new process), median of 5;
- the reference loop of ``benchmarks/machine.py`` before and after (the
  machine is shared: read the figures against it).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from machine import reference_loop  # noqa: E402

from bilingual.corpus import read_raw  # noqa: E402
from bilingual.memory import Memory, add_checked  # noqa: E402
from bilingual.memory.add import BATCH_BEADS  # noqa: E402
from bilingual.memory.match import match, similarity  # noqa: E402
from bilingual.memory.search import search  # noqa: E402
from bilingual.memory.text import zh_key  # noqa: E402
from bilingual.model import AlignedPair, Alignment, Bead, Checked  # noqa: E402

HAN = re.compile(r"[\u4e00-\u9fff]+")


def vocabulary() -> tuple[list[str], list[str]]:
    import rjieba

    zh: set[str] = set()
    en: set[str] = set()
    for path in sorted((ROOT / "corpus" / "zh").iterdir()):
        for run in HAN.findall(read_raw(path, "zh").text):
            zh.update(w for w in rjieba.cut(run) if w)
    for path in sorted((ROOT / "corpus" / "en").iterdir()):
        en.update(w.lower() for w in re.findall(r"[A-Za-z]+", read_raw(path, "en").text))
    for line in (ROOT / "glossaries" / "zhejiang.csv").read_text(encoding="utf-8").splitlines()[1:]:
        zh.update(HAN.findall(line.split(",")[1]))
    return sorted(zh), sorted(en)


def documents(n_beads: int, seed: int = 19) -> Iterator[Checked]:
    """Checked documents of 20 generated beads each (and the zh of every 1000th bead, for queries)."""
    rnd = random.Random(seed)
    zh_words, en_words = vocabulary()
    rnd.shuffle(zh_words)
    rnd.shuffle(en_words)
    zw = [1 / (k + 1) ** 0.9 for k in range(len(zh_words))]
    ew = [1 / (k + 1) ** 0.9 for k in range(len(en_words))]
    made = 0
    d = 0
    while made < n_beads:
        size = min(20, n_beads - made)
        date = f"{2015 + rnd.randrange(10)}-{1 + rnd.randrange(12):02d}-{1 + rnd.randrange(28):02d}"
        pairs = []
        doc = f"gen-{d:06d}"
        for k in range(size):
            zh = "".join(rnd.choices(zh_words, zw, k=rnd.randint(8, 24))) + "。"
            en = " ".join(rnd.choices(en_words, ew, k=rnd.randint(10, 30))).capitalize() + "."
            pairs.append(AlignedPair(f"{doc}:z{k}:e{k}", zh, en, Bead((0,), (0,), 0.9), doc))
        alignment = Alignment.from_pairs(doc, pairs)
        yield Checked(replace(alignment, zh=replace(alignment.zh, date=date)))
        made += size
        d += 1


class Timed:
    """Documents handed on, the time spent making them counted apart (wall and CPU)."""

    def __init__(self, items: Iterable[Checked]) -> None:
        self.items = iter(items)
        self.wall = self.cpu = 0.0

    def __iter__(self) -> Iterator[Checked]:
        while True:
            start, start_cpu = time.perf_counter(), time.process_time()
            item = next(self.items, None)
            self.wall += time.perf_counter() - start
            self.cpu += time.process_time() - start_cpu
            if item is None:
                return
            yield item


def percentiles(times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
    return f"p50 {statistics.median(ms):6.1f} ms  p95 {p95:6.1f} ms  max {ms[-1]:6.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--beads", type=int, default=1_000_000)
    parser.add_argument("--memory", type=Path, help="Keep the memory here (default: a temporary folder).")
    parser.add_argument("--reuse", action="store_true", help="Skip `tm add` if --memory exists.")
    parser.add_argument("--add-only", action="store_true", help="Stop after `tm add` (no search, match).")
    parser.add_argument(
        "--batch", type=int, default=BATCH_BEADS, help=f"Beads a transaction (default {BATCH_BEADS:,})."
    )
    args = parser.parse_args()
    print(f"reference loop {reference_loop():.2f} s (about 1.0 s on a quiet machine)")
    folder = tempfile.TemporaryDirectory()
    path = args.memory or Path(folder.name) / "memory.sqlite"
    rnd = random.Random(7)
    samples: list[tuple[str, str]] = []
    if not (args.reuse and path.exists()):
        if path.exists():
            path.unlink()
        load = os.getloadavg()[0]

        def sampled(items: Iterable[Checked]) -> Iterator[Checked]:
            for checked in items:
                for pair in checked.alignment.pairs():
                    if rnd.random() < 0.002:
                        samples.append((pair.zh, pair.en))
                yield checked

        made = Timed(sampled(documents(args.beads)))
        with Memory.open(path, create=True) as store:
            start, start_cpu = time.perf_counter(), time.process_time()
            beads = add_checked(store, made, "bench", batch=args.batch).beads
            spent = time.perf_counter() - start - made.wall
            cpu = time.process_time() - start_cpu - made.cpu
            if store._helper is not None:  # the process computing search keys, if batches were large
                store._helper.shutdown(wait=True)  # reaped now, so its CPU time is counted below
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        helper_cpu = usage.ru_utime + usage.ru_stime
        size = sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
        print(
            f"tm add (batch {args.batch}): {beads:,} beads in {spent:.1f} s = {beads / spent:,.0f} beads/s "
            f"(CPU: writer {cpu:.1f} s + key helper {helper_cpu:.1f} s = {beads / (cpu + helper_cpu):,.0f} "
            f"beads/CPU-s; load {load:.1f} -> {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs); "
            f"file {size / 1e6:,.0f} MB"
        )
    if args.add_only:
        print(f"reference loop {reference_loop():.2f} s")
        return
    with Memory.open(path) as store:
        if not samples:
            rows = store.db.execute("SELECT zh, en FROM beads ORDER BY random() LIMIT 2000").fetchall()
            samples = [tuple(r) for r in rows]
        size = sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
        print(f"memory: {store.stats()['beads']:,} beads, {size / 1e6:,.0f} MB")
        queries: dict[str, list[str]] = {
            "zh 1 char": [],
            "zh 2 chars": [],
            "zh 4 chars": [],
            "en 1-3 words": [],
        }
        for k in range(200):
            zh, en = samples[k % len(samples)]
            run = max(HAN.findall(zh), key=len)
            for n, label in ((1, "zh 1 char"), (2, "zh 2 chars"), (4, "zh 4 chars")):
                at = rnd.randrange(len(run) - n + 1)
                queries[label].append(run[at : at + n])
            words = en.rstrip(".").split()
            n = 1 + k % 3
            at = rnd.randrange(len(words) - n + 1)
            queries["en 1-3 words"].append(" ".join(words[at : at + n]))
        search(store, "热身")  # the first query opens the indexes
        for label, qs in queries.items():
            times, totals = [], []
            for q in qs:
                start = time.perf_counter()
                result = search(store, q, 50)
                times.append(time.perf_counter() - start)
                totals.append(result.total)
            print(
                f"tm search {label:13s} {percentiles(times)}  (hits: median {statistics.median(totals):,.0f})"
            )
        for label in ("zh 1 char", "zh 2 chars"):
            times = []
            for q in queries[label][:20]:
                start = time.perf_counter()
                store.scan(q, 50)
                times.append(time.perf_counter() - start)
            print(f"  plain scan  {label:13s} {percentiles(times)}")
        times, found, reachable, kept = [], 0, 0, 0
        for zh, _ in samples[:100]:
            chars = list(zh)
            for _ in range(rnd.randint(1, 3)):  # a word or two rewritten
                at = rnd.randrange(max(1, len(chars) - 3))
                chars[at : at + 2] = "改写了"
            sentence = "".join(chars)
            start = time.perf_counter()
            matches = match(store, sentence, minimum=70)
            times.append(time.perf_counter() - start)
            found += bool(matches)
            if similarity(zh_key(zh), zh_key(sentence)) >= 70:  # the pre-filter's recall
                reachable += 1
                kept += any(m.zh == zh for m in matches)
        print(
            f"tm match per sentence   {percentiles(times)}  ({found}/100 with a match >= 70%; the "
            f"rewritten bead among them for {kept} of the {reachable} still >= 70% like it)"
        )
    cli = [
        str(ROOT / ".venv" / "bin" / "bilingual"),
        "tm",
        "search",
        "共同富裕",
        "--memory",
        str(path),
        "--limit",
        "5",
    ]
    cold = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run(cli, check=True, capture_output=True, env={**os.environ})
        cold.append(time.perf_counter() - start)
    version = [str(ROOT / ".venv" / "bin" / "bilingual"), "--version"]
    start = time.perf_counter()
    subprocess.run(version, check=True, capture_output=True)
    bare = time.perf_counter() - start
    print(
        f"cold start: bilingual tm search {statistics.median(cold):.2f} s (bilingual --version {bare:.2f} s)"
    )
    print(f"reference loop {reference_loop():.2f} s")
    folder.cleanup()


if __name__ == "__main__":
    main()
