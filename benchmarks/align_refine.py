"""Leave-one-document-out choice of ``refine`` mode's three constants on MAC-Dev.

``AlignConfig.unsure`` (a cheap-pass bead under this P(right) is re-aligned with
e5), ``AlignConfig.least`` (the share of each document's least sure beads re-aligned
whatever their P(right)) and ``AlignConfig.window`` (beads re-aligned on either side) trade
accuracy for embeddings. For each grid point this prints MAC-Dev's strict F1
and the share of sentences e5 embeds (those of the re-aligned stretches, clauses
not counted). For each of the six chapters, the point with
the best strict F1 on the other five among those embedding at most ``--budget``
of the other five's sentences is chosen and scored on the held-out one; the
held-out counts are pooled. Run it with a warm embedding cache (after
``align_quality.py``): no sentence is embedded here that semantic mode has not.

    .venv/bin/python benchmarks/align_refine.py
    .venv/bin/python benchmarks/align_refine.py --unsure 0.2,0.3 --least 0,0.1 --window 0,1 --budget 0.4
    .venv/bin/python benchmarks/align_refine.py --cheap fast --unsure 0.3,0.35,0.4,0.45,0.5 --least 0,0.05,0.1

The constants chosen on all six chapters by the same rule are ``refine.CHOSEN[cheap]``.
"""

from __future__ import annotations

import argparse
import itertools
import time

import align_quality  # benchmarks/align_quality.py


def aligned(config: object, name: str, sizes: tuple[int, int]) -> tuple[tuple, tuple[int, int]]:
    """One chapter's beads, and (sentences e5 embedded, sentences) in refine mode."""
    with align_quality.Embedded() as embedded:
        beads = align_quality.mac_beads(config, [name])[name]
    return beads, (embedded.sentences(), sum(sizes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unsure", default="0.1,0.15,0.2,0.25")
    parser.add_argument("--least", default="0,0.1,0.2")
    parser.add_argument("--window", default="1,2")
    parser.add_argument("--cheap", default="lexical", help="the first pass's mode (AlignConfig.cheap)")
    parser.add_argument("--budget", type=float, default=0.4, help="largest share of sentences e5 may embed")
    args = parser.parse_args()
    from bilingual.align import AlignConfig

    scorer = align_quality.reference_scorer()
    names = align_quality.mac_names()
    sizes = {name: (len(zh), len(en)) for name, zh, en in align_quality.mac_texts()}
    grid = list(
        itertools.product(
            map(float, args.unsure.split(",")),
            map(float, args.least.split(",")),
            map(int, args.window.split(",")),
        )
    )
    counts, embedded = {}, {}
    start = time.perf_counter()
    for point in grid:
        unsure, least, window = point
        config = AlignConfig(similarity="refine", unsure=unsure, least=least, window=window, cheap=args.cheap)
        total = scorer.Counts()
        for name in names:
            beads, embedded[(*point, name)] = aligned(config, name, sizes[name])
            gold = scorer.read_alignment(str(align_quality.MAC / "gold" / f"{name}.align"))
            counts[(*point, name)] = scorer.Counts.for_doc(gold, [(b.zh, b.en) for b in beads])
            total.add(counts[(*point, name)])
        share = sum(embedded[(*point, n)][0] for n in names) / sum(embedded[(*point, n)][1] for n in names)
        f1 = total.scores()["f1_strict"]
        print(f"unsure {unsure}, least {least}, window {window}: strict F1 {f1:.4f}, "
              f"e5 embeds {share:.1%} of the sentences", flush=True)  # fmt: skip
    pooled = scorer.Counts()
    held_share = [0, 0]
    for held in names:
        others = [name for name in names if name != held]

        def share(point: tuple[float, float, int], others: list[str] = others) -> float:
            pairs = [embedded[(*point, name)] for name in others]
            return sum(e for e, _ in pairs) / sum(t for _, t in pairs)

        def f1(point: tuple[float, float, int], others: list[str] = others) -> float:
            total = scorer.Counts()
            for name in others:
                total.add(counts[(*point, name)])
            return float(total.scores()["f1_strict"])

        affordable = [point for point in grid if share(point) <= args.budget] or [min(grid, key=share)]
        best = max(affordable, key=f1)
        pooled.add(counts[(*best, held)])
        held_share[0] += embedded[(*best, held)][0]
        held_share[1] += embedded[(*best, held)][1]
        score = counts[(*best, held)].scores()["f1_strict"]
        print(f"held out {held}: picked unsure {best[0]}, least {best[1]}, window {best[2]}; "
              f"held-out strict F1 {score:.3f}")  # fmt: skip
    scores = pooled.scores()
    print(
        f"\nleave-one-out pooled strict F1 {scores['f1_strict']:.4f}, lax {scores['f1_lax']:.4f}; "
        f"e5 embeds {held_share[0] / held_share[1]:.1%} of the held-out sentences"
    )
    print(f"({len(grid)} grid points x {len(names)} chapters in {time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
