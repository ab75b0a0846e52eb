"""How well the fast space alone finds a translation: P@1 and MRR on MAC-Dev's gold 1-1 beads.

For each gold 1-1 bead, the zh sentence's cosine with every en sentence of its
chapter in the static space (:func:`bilingual.align.static.similarity`, no
lexical evidence, no DP): P@1 is the share whose translation ranks first, MRR
the mean of 1 / its rank. A quick measure of a word table, before aligning
with it (README, "--similarity fast"). Tables at other gloss shares are
rebuilt from the words cache of ``bilingual models build``.

    .venv/bin/python benchmarks/static_p1.py                      # the user's table
    .venv/bin/python benchmarks/static_p1.py --gloss-shares 0,0.5  # rebuilt at these shares
"""

from __future__ import annotations

import argparse

import align_loo  # benchmarks/align_loo.py
import align_quality  # benchmarks/align_quality.py


def p_at_1(table: object) -> tuple[float, float, int]:
    """(P@1, MRR, number of gold 1-1 beads) of ``table`` on MAC-Dev."""
    from bilingual.align import static

    scorer = align_quality.reference_scorer()
    hits, reciprocal, total = 0, 0.0, 0
    for name, zh, en in align_quality.mac_texts():
        sims = static.similarity(zh, en, table)  # type: ignore[arg-type]
        for zs, es in scorer.read_alignment(str(align_quality.MAC / "gold" / f"{name}.align")):
            if len(zs) == 1 and len(es) == 1:
                row = sims[zs[0]]
                rank = int((row > row[es[0]]).sum())
                hits += rank == 0
                reciprocal += 1 / (rank + 1)
                total += 1
    return hits / total, reciprocal / total, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gloss-shares", help="comma list: rebuild the default table at these shares")
    args = parser.parse_args()
    from bilingual.align import static

    tables = {"the user's table": static.default_table()}
    if args.gloss_shares:
        tables = {f"gloss share {s}": align_loo.table_with(float(s)) for s in args.gloss_shares.split(",")}
    for label, table in tables.items():
        p1, mrr, n = p_at_1(table)
        print(f"{label}: P@1 {p1:.3f}, MRR {mrr:.3f} over {n} gold 1-1 beads", flush=True)


if __name__ == "__main__":
    main()
