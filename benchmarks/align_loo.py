"""Leave-one-document-out choice of the aligner's constants on MAC-Dev.

For each of the six chapters, the grid point with the best strict F1 on the
other five is chosen and scored on the held-out one; the held-out counts are
pooled. That figure, not the F1 of the constants on all six chapters, is what
to expect on literary text the constants have not seen. The grid depends on
the mode (:data:`GRIDS`: fields of ``AlignConfig`` and the values tried);
max-bead 5. Run it with a warm embedding cache (after ``align_quality.py``):
semantic mode aligns MAC-Dev 27 times. Fast mode needs the table of
``bilingual models build``; its grid also tries the word table's gloss share
(``static.GLOSS_SHARE``), rebuilding the table from the words the build left
in the cache (seconds each).

    .venv/bin/python benchmarks/align_loo.py                # semantic
    .venv/bin/python benchmarks/align_loo.py --mode fast
"""

from __future__ import annotations

import argparse
import functools
import itertools
import time
from collections.abc import Sequence

import align_quality  # benchmarks/align_quality.py

GRIDS: dict[str, dict[str, tuple[float, ...]]] = {
    "semantic": {
        "clause_weight": (0.1, 0.2, 0.3),
        "quote_penalty": (0.5, 1.0, 2.0),
        "clause_length": (1.0, 1.25, 1.4),
    },
    "fast": {
        "gloss_share": (0.3, 0.5, 0.7),  # not an AlignConfig field: the table's (see table_with)
        "fast_lexical_weight": (0.25, 0.3, 0.35, 0.4),
        "fast_clause_weight": (0.05, 0.1, 0.15, 0.2),
    },
}


@functools.cache
def table_with(gloss_share: float) -> object:
    """The default vocabulary's table at another gloss share, from the words cache of the build
    (``bilingual models build`` must have run: otherwise every word goes through e5 again)."""
    from bilingual.align import embed, static
    from bilingual.cli import models_cmd

    zh, en, counts = static.default_vocabulary(models_cmd.SIZE_ZH, models_cmd.SIZE_EN)
    cache = embed.EmbeddingCache(static.table_path().parent / "static-words.sqlite")
    try:
        return static.build(
            zh,
            en,
            lambda texts: embed.embed(texts, cache),
            counts=counts,
            glosses=static.zh_glosses(zh),
            gloss_share=gloss_share,
        )
    finally:
        cache.close()


def loo(mode: str, grid: dict[str, tuple[float, ...]], names: Sequence[str]) -> tuple[float, float]:
    """Print every grid point's in-sample F1 and each held-out pick; return pooled (strict, lax) F1."""
    from bilingual.align import AlignConfig

    scorer = align_quality.reference_scorer()
    fields = list(grid)
    points = list(itertools.product(*grid.values()))
    counts = {}
    for point in points:
        values = dict(zip(fields, point, strict=True))
        if "gloss_share" in values:
            from bilingual.align import static

            table = table_with(values.pop("gloss_share"))
            static.default_table = lambda table=table: table  # type: ignore[assignment,misc]
        config = AlignConfig(similarity=mode, **values)  # type: ignore[arg-type]
        total = scorer.Counts()
        for name, beads in align_quality.mac_beads(config, list(names)).items():
            gold = scorer.read_alignment(str(align_quality.MAC / "gold" / f"{name}.align"))
            counts[(point, name)] = scorer.Counts.for_doc(gold, [(b.zh, b.en) for b in beads])
            total.add(counts[(point, name)])
        label = ", ".join(f"{f} {v}" for f, v in zip(fields, point, strict=True))
        print(f"{label}: strict F1 {total.scores()['f1_strict']:.4f}", flush=True)
    pooled = scorer.Counts()
    for held in names:

        def f1(point: tuple[float, ...], held: str = held) -> float:
            others = scorer.Counts()
            for name in names:
                if name != held:
                    others.add(counts[(point, name)])
            return float(others.scores()["f1_strict"])

        best = max(points, key=f1)
        pooled.add(counts[(best, held)])
        score = counts[(best, held)].scores()["f1_strict"]
        print(f"held out {held}: picked {best}, held-out strict F1 {score:.3f}")
    scores = pooled.scores()
    return float(scores["f1_strict"]), float(scores["f1_lax"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=sorted(GRIDS), default="semantic")
    args = parser.parse_args()
    names = align_quality.mac_names()
    grid = GRIDS[args.mode]
    start = time.perf_counter()
    strict, lax = loo(args.mode, grid, names)
    print(f"\nleave-one-out pooled strict F1 {strict:.4f}, lax {lax:.4f}")
    size = len(list(itertools.product(*grid.values())))
    print(f"({size} grid points x {len(names)} chapters in {time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
