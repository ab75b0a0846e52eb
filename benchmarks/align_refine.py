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

The cheap pass's confidence row (``confidence.COEFFICIENTS``), which says which
beads are unsure, is fitted on all six chapters, the held-out one included.
``--nested`` also runs the grid once per fold with that row refitted on the
other five chapters (``align_confidence.py``'s procedure for the mode; six times
the time), so that the held-out chapter takes part in no choice at all.
``--corpus`` prints the sample corpus's figures at every point: an evaluation on
text the choice never sees, not an input to it.

    .venv/bin/python benchmarks/align_refine.py
    .venv/bin/python benchmarks/align_refine.py --unsure 0.2,0.3 --least 0,0.1 --window 0,1 --budget 0.4
    U=0.1,0.15,0.2,0.25,0.3,0.35,0.4,0.45,0.5,0.55,0.6,0.65,0.7
    .venv/bin/python benchmarks/align_refine.py --cheap fast --unsure $U --least 0,0.05 --window 0,1,2
    .venv/bin/python benchmarks/align_refine.py --cheap fast --unsure $U --least 0,0.05 --window 1 --nested
    .venv/bin/python benchmarks/align_refine.py --cheap fast --unsure 0.2,0.4 --least 0,0.05 --corpus

The constants chosen on all six chapters by the same rule are ``refine.CHOSEN[cheap]``.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import time
from collections.abc import Iterator, Sequence
from types import ModuleType

import align_quality  # benchmarks/align_quality.py


def aligned(config: object, name: str, sizes: tuple[int, int]) -> tuple[tuple, tuple[int, int]]:
    """One chapter's beads, and (sentences e5 embedded, sentences) in refine mode."""
    with align_quality.Embedded() as embedded:
        beads = align_quality.mac_beads(config, [name])[name]
    return beads, (embedded.sentences(), sum(sizes))


Point = tuple[float, float, int]
Counts = dict[tuple[float, float, int, str], object]
Shares = dict[tuple[float, float, int, str], tuple[int, int]]


@contextlib.contextmanager
def coefficients(mode: str, beta: Sequence[float] | None) -> Iterator[None]:
    """The cheap pass's confidence row replaced by ``beta`` for a while (None: the shipped one)."""
    from bilingual.align import confidence

    shipped = confidence.COEFFICIENTS[mode]
    if beta is not None:
        confidence.COEFFICIENTS[mode] = tuple(float(b) for b in beta)
    try:
        yield
    finally:
        confidence.COEFFICIENTS[mode] = shipped


def run_grid(
    scorer: ModuleType, grid: list[Point], names: list[str], cheap: str, quiet: bool
) -> tuple[Counts, Shares]:
    """Every grid point on every chapter: the scorer's counts and (sentences embedded, sentences)."""
    from bilingual.align import AlignConfig

    sizes = {name: (len(zh), len(en)) for name, zh, en in align_quality.mac_texts()}
    counts: Counts = {}
    embedded: Shares = {}
    for point in grid:
        unsure, least, window = point
        config = AlignConfig(similarity="refine", unsure=unsure, least=least, window=window, cheap=cheap)
        total = scorer.Counts()
        for name in names:
            beads, embedded[(*point, name)] = aligned(config, name, sizes[name])
            gold = scorer.read_alignment(str(align_quality.MAC / "gold" / f"{name}.align"))
            counts[(*point, name)] = scorer.Counts.for_doc(gold, [(b.zh, b.en) for b in beads])
            total.add(counts[(*point, name)])
        share = sum(embedded[(*point, n)][0] for n in names) / sum(embedded[(*point, n)][1] for n in names)
        f1 = total.scores()["f1_strict"]
        if not quiet:
            print(f"unsure {unsure}, least {least}, window {window}: strict F1 {f1:.4f}, "
                  f"e5 embeds {share:.1%} of the sentences", flush=True)  # fmt: skip
    return counts, embedded


def choose(
    scorer: ModuleType, grid: list[Point], others: list[str], counts: Counts, embedded: Shares, budget: float
) -> Point:
    """The point with the best strict F1 on ``others`` among those embedding at most ``budget`` of
    their sentences (the cheapest if none does); ties go to the first in grid order."""

    def share(point: Point) -> float:
        pairs = [embedded[(*point, name)] for name in others]
        return sum(e for e, _ in pairs) / sum(t for _, t in pairs)

    def f1(point: Point) -> float:
        total = scorer.Counts()
        for name in others:
            total.add(counts[(*point, name)])
        return float(total.scores()["f1_strict"])

    affordable = [point for point in grid if share(point) <= budget] or [min(grid, key=share)]
    return max(affordable, key=f1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unsure", default="0.1,0.15,0.2,0.25")
    parser.add_argument("--least", default="0,0.1,0.2")
    parser.add_argument("--window", default="1,2")
    parser.add_argument("--cheap", default="lexical", help="the first pass's mode (AlignConfig.cheap)")
    parser.add_argument("--budget", type=float, default=0.4, help="largest share of sentences e5 may embed")
    parser.add_argument(
        "--nested",
        action="store_true",
        help="also refit the cheap pass's confidence row on the five chapters of each fold",
    )
    parser.add_argument(
        "--corpus",
        action="store_true",
        help="also the sample corpus's strict F1 at every grid point (an evaluation, never a choice)",
    )
    args = parser.parse_args()

    scorer = align_quality.reference_scorer()
    names = align_quality.mac_names()
    grid = list(
        itertools.product(
            map(float, args.unsure.split(",")),
            map(float, args.least.split(",")),
            map(int, args.window.split(",")),
        )
    )
    start = time.perf_counter()
    counts, embedded = run_grid(scorer, grid, names, args.cheap, quiet=False)
    pooled = scorer.Counts()
    held_share = [0, 0]
    for held in names:
        others = [name for name in names if name != held]
        best = choose(scorer, grid, others, counts, embedded, args.budget)
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
    if args.nested:
        nested(scorer, grid, names, args.cheap, args.budget)
    if args.corpus:
        corpus(scorer, grid, args.cheap)
    print(f"({len(grid)} grid points x {len(names)} chapters in {time.perf_counter() - start:.0f} s)")


def corpus(scorer: ModuleType, grid: list[Point], cheap: str) -> None:
    """The sample corpus's strict F1 and share of sentences through e5 at every grid point."""
    from bilingual.align import AlignConfig

    for unsure, least, window in grid:
        config = AlignConfig(similarity="refine", unsure=unsure, least=least, window=window, cheap=cheap)
        with align_quality.Embedded() as embedded:
            beads = align_quality.corpus_beads(config)
        total = scorer.Counts()
        for name, found in beads.items():
            gold = scorer.read_alignment(str(align_quality.CORPUS / "gold" / f"{name}.align"))
            total.add(scorer.Counts.for_doc(gold, [(b.zh, b.en) for b in found]))
        sentences = sum(len(b.zh) + len(b.en) for found in beads.values() for b in found)
        f1, share = total.scores()["f1_strict"], embedded.sentences() / sentences
        print(f"corpus, unsure {unsure}, least {least}, window {window}: strict F1 {f1:.4f}, "
              f"e5 embeds {share:.1%}")  # fmt: skip


def nested(scorer: ModuleType, grid: list[Point], names: list[str], cheap: str, budget: float) -> None:
    """Leave-one-out with the cheap pass's confidence row fitted on the other five chapters as well
    (``align_confidence.py``'s procedure for the mode): the held-out chapter takes part in no choice."""
    import align_confidence  # benchmarks/align_confidence.py

    features = align_confidence.collect(cheap, "mac-dev")
    pooled = scorer.Counts()
    held_share = [0, 0]
    for held in names:
        others = [name for name in names if name != held]
        beta = align_confidence.train(cheap, {k: v for k, v in features.items() if k != held})
        with coefficients(cheap, beta):
            counts, embedded = run_grid(scorer, grid, names, cheap, quiet=True)
        best = choose(scorer, grid, others, counts, embedded, budget)
        pooled.add(counts[(*best, held)])
        held_share[0] += embedded[(*best, held)][0]
        held_share[1] += embedded[(*best, held)][1]
        score = counts[(*best, held)].scores()["f1_strict"]
        print(f"nested, held out {held}: picked unsure {best[0]}, least {best[1]}, window {best[2]}; "
              f"held-out strict F1 {score:.3f}", flush=True)  # fmt: skip
    scores = pooled.scores()
    print(
        "nested leave-one-out (confidence row refitted per fold) "
        f"pooled strict F1 {scores['f1_strict']:.4f}, "
        f"lax {scores['f1_lax']:.4f}; e5 embeds {held_share[0] / held_share[1]:.1%} of the held-out sentences"
    )


if __name__ == "__main__":
    main()
