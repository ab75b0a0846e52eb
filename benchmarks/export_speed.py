"""Benchmark: each corpus export format over N generated bulletins, time and peak memory.

Every format runs in a fresh process (so its peak RSS is its own) and writes
to a file through ``bilingual.formats.write.export``, as ``bilingual export``
does. Bulletins are generated lazily and checked against the project
glossary as they stream past (each becomes a ``Checked`` item carrying its
findings), so a flat peak RSS across
``--docs`` sizes shows the exporter streams rather than holding the corpus.

Usage::

    .venv/bin/python benchmarks/export_speed.py [--docs 1000] [--beads 20] [--formats tmx,xliff]
"""

from __future__ import annotations

import json
import random
import resource
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import children  # benchmarks/children.py

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "glossaries" / "zhejiang.tbx"
TERMS = [
    ("红船精神", "Red Boat Spirit", "red boat spirit"),
    ("共同富裕", "common prosperity", "common wealth"),
    ("枫桥经验", "Fengqiao Experience", "Fengqiao experience"),
    ("乡村振兴", "rural revitalization", "village revival"),
]


def bulletins(docs: int, beads: int) -> Iterator:  # Iterator[Alignment]
    """Generated bulletins, one at a time; 1 bead in 7 low-confidence, 1 in 20 with a control char."""
    from bilingual.model import Alignment, Bead, Document, Kind, Paragraph, Segment

    rng = random.Random(20230214)
    for n in range(docs):
        pairs = [(f"嘉兴公告第{n}号", f"Jiaxing Bulletin No. {n}")]
        for i in range(beads - 1):
            zh_term, en_term, wrong = rng.choice(TERMS)
            rendering = wrong if rng.random() < 0.1 else en_term
            ctrl = "\x04" if rng.random() < 0.05 else ""
            pairs.append(
                (
                    f"嘉兴第{i + 1}项工作推进{zh_term}{ctrl}，完成项目{rng.randint(2, 999)}个。",
                    f"Jiaxing advanced {rendering} in task {i + 1} & <more>.",
                )
            )
        sides = []
        for lang, texts in (("zh", [z for z, _ in pairs]), ("en", [e for _, e in pairs])):
            text = "\n".join(texts)
            segments, paragraphs, pos = [], [], 0
            for i, s in enumerate(texts):
                kind = Kind.TITLE if i == 0 else Kind.BODY
                segments.append(Segment(i, i, pos, pos + len(s), s, kind))
                paragraphs.append(Paragraph(i, pos, pos + len(s), s, kind))
                pos += len(s) + 1
            sides.append(
                Document(f"bulletin-{n:05d}", lang, text, tuple(paragraphs), title=texts[0],
                         date="2023-02-14", segments=tuple(segments), segmenter="seg:generated")
            )  # fmt: skip
        beads_ = tuple(Bead((i,), (i,), 0.3 if i % 7 == 6 else 0.9) for i in range(len(pairs)))
        yield Alignment(sides[0], sides[1], beads_, "align:generated")


def child(name: str, docs: int, beads: int) -> dict[str, float | int | str]:
    from bilingual.formats import FORMATS, ExportContext
    from bilingual.formats.write import export
    from bilingual.glossary import check, load_many
    from bilingual.model import Checked

    glossary = load_many([GLOSSARY])
    context = ExportContext("bilingual:bench")
    with tempfile.TemporaryDirectory(prefix="export-speed-") as tmp:
        target = Path(tmp) / f"out{FORMATS[name].suffix}"
        stream = (
            Checked(a, tuple(check(a.pairs(), glossary, include_ok=True))) for a in bulletins(docs, beads)
        )
        start = time.perf_counter()
        export(FORMATS[name], stream, context, target)
        seconds = time.perf_counter() - start
        size = target.stat().st_size
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "format": name,
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(peak, 1),
        "output_mb": round(size / 2**20, 1),
        "reported": len(context.problems),
    }


def main() -> None:
    parser = children.parser(__doc__)
    parser.add_argument("--formats", default="tmx,xliff,xliff12,bxml,jsonl,tsv")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.docs, args.beads)))
        return
    print(f"export_speed: {args.docs} bulletins x {args.beads} beads, glossary check included")
    print(f"{'format':<8} {'seconds':>8} {'beads/s':>9} {'peak MB':>8} {'out MB':>7} {'ctrl reported':>13}")
    for name in args.formats.split(","):
        r = children.run(__file__, name, args.docs, args.beads)
        if r is None:
            continue
        rate = args.docs * args.beads / max(float(r["seconds"]), 1e-9)
        print(f"{r['format']:<8} {r['seconds']:>8.2f} {rate:>9.0f} {r['peak_rss_mb']:>8.1f} "
              f"{r['output_mb']:>7.1f} {r['reported']:>13}")  # fmt: skip


if __name__ == "__main__":
    main()
