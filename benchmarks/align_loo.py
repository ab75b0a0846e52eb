"""Leave-one-document-out choice of the aligner's constants on MAC-Dev.

For each of the six chapters, the grid point with the best strict F1 on the
other five is chosen and scored on the held-out one; the held-out counts are
pooled. That figure, not the F1 of the constants on all six chapters, is what
to expect on literary text the constants have not seen. The grid: clause
weight x quotation penalty x clause length (``AlignConfig.clause_length``),
semantic mode, max-bead 5. Run it with a warm embedding cache (after
``align_quality.py``): it aligns MAC-Dev 27 times.

    .venv/bin/python benchmarks/align_loo.py
"""

from __future__ import annotations

import itertools
import time

import align_quality  # benchmarks/align_quality.py

CLAUSE_WEIGHT = (0.1, 0.2, 0.3)
QUOTE_PENALTY = (0.5, 1.0, 2.0)
CLAUSE_LENGTH = (1.0, 1.25, 1.4)


def main() -> None:
    from bilingual.align import AlignConfig

    scorer = align_quality.reference_scorer()
    names = align_quality.mac_names()
    grid = list(itertools.product(CLAUSE_WEIGHT, QUOTE_PENALTY, CLAUSE_LENGTH))
    counts = {}
    start = time.perf_counter()
    for weight, penalty, length in grid:
        config = AlignConfig(
            similarity="semantic", clause_weight=weight, quote_penalty=penalty, clause_length=length
        )
        total = scorer.Counts()
        for name, beads in align_quality.mac_beads(config, names).items():
            gold = scorer.read_alignment(str(align_quality.MAC / "gold" / f"{name}.align"))
            found = [(b.zh, b.en) for b in beads]
            counts[(weight, penalty, length, name)] = scorer.Counts.for_doc(gold, found)
            total.add(counts[(weight, penalty, length, name)])
        print(f"clause weight {weight}, quote penalty {penalty}, clause length {length}: "
              f"strict F1 {total.scores()['f1_strict']:.4f}", flush=True)  # fmt: skip
    pooled = scorer.Counts()
    for held in names:

        def f1(point: tuple[float, float, float], held: str = held) -> float:
            others = scorer.Counts()
            for name in names:
                if name != held:
                    others.add(counts[(*point, name)])
            return float(others.scores()["f1_strict"])

        best = max(grid, key=f1)
        pooled.add(counts[(*best, held)])
        score = counts[(*best, held)].scores()["f1_strict"]
        print(f"held out {held}: picked {best}, held-out strict F1 {score:.3f}")
    scores = pooled.scores()
    print(f"\nleave-one-out pooled strict F1 {scores['f1_strict']:.4f}, lax {scores['f1_lax']:.4f}")
    print(f"({len(grid)} grid points x {len(names)} chapters in {time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
