"""Bead confidence: does it flag the wrong beads? Fitting and leave-one-document-out figures.

Every MAC-Dev chapter and every sample-corpus document with gold beads is
aligned through the pipeline, as ``align_quality.py`` does; each output bead
gets its raw confidence features (:func:`bilingual.align.explain`) and a label:
right when the gold holds exactly that bead (strict). For each mode, the
logistic model of :mod:`bilingual.align.confidence` is fitted six times, each
time on five chapters and scored on the sixth; the held-out predictions are
pooled. A bead is flagged when its confidence is under the threshold (0.5 is
the default review threshold). The corpus figures use the model fitted on all
six chapters, which is what ``--fit`` prints as the table to paste into
``bilingual/align/confidence.py`` (``COEFFICIENTS``). Needs a warm embedding
cache (after ``align_quality.py``), else ~4 minutes once.

Each mode's procedure (:data:`FEATURES`, :data:`AIMED`) is the same in every
fold and for the final fit. Lexical: every input, classes weighted equally.
Semantic: the forbidden margin alone, and the weight of a wrong bead set so that
0.5 flags :data:`BUDGET` (the review budget of issue 16, 15%) of the right beads
of the chapters it is fitted on (:func:`bilingual.align.confidence.fit_to_rate`).
Fast: every input (as lexical: held out, the forbidden margin alone ranks wrong
beads below right ones far worse in fast mode, area under the curve .821 against
.869), aimed at the same budget (as semantic: 0.5 then means the review budget).
The budget is fixed in advance, not chosen: the held-out chapter never takes part.
``--procedures`` prints, for one mode, the held-out figures of the other
procedures too (the forbidden margin alone or every input, balanced or aimed).

    .venv/bin/python benchmarks/align_confidence.py          # LOO figures and the curve, every mode
    .venv/bin/python benchmarks/align_confidence.py --fit    # also the coefficient table
    .venv/bin/python benchmarks/align_confidence.py --modes fast --procedures
"""

from __future__ import annotations

import argparse
import math
import time

import align_quality  # benchmarks/align_quality.py
import numpy as np

THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
RIDGE = 1.0
# the model's inputs per mode (names of confidence.INPUTS besides the bias; the others get 0)
EVERY = (
    "score", "in_margin", "out_margin", "boundary", "forbidden", "semantic", "lexical",
    "length", "quote", "merge", "one_sided",
)  # fmt: skip
FEATURES = {"semantic": ("forbidden",), "lexical": EVERY, "fast": EVERY}
AIMED = {"semantic": True, "lexical": False, "fast": True}  # the wrong beads' weight aimed at the budget
BUDGET = 0.15  # the bar of issue 16: at most this share of right beads flagged at 0.5


def collect(mode: str, which: str) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """{document: (raw feature rows, right?)} through the pipeline; its beads checked unchanged."""
    from bilingual.align import AlignConfig, explain
    from bilingual.pipeline import Settings, run

    scorer = align_quality.reference_scorer()
    config = AlignConfig(similarity=mode)
    if which == "mac-dev":
        gold_dir = align_quality.MAC / "gold"
        settings_list = [
            Settings.resolve(
                [align_quality.MAC / "zh" / f"{name}.zh", align_quality.MAC / "en" / f"{name}.en"],
                segmented=True,
                use_glossary=False,
                config=config,
            )
            for name in align_quality.mac_names()
        ]
    else:
        gold_dir = align_quality.CORPUS / "gold"
        settings_list = [Settings.resolve([align_quality.CORPUS], config=config)]
    out = {}
    for settings in settings_list:
        terms = settings.glossary.terms if settings.glossary else ()
        for checked in run(settings):
            gold_path = gold_dir / f"{checked.id}.align"
            if not gold_path.exists():
                continue
            zh, en = checked.alignment.zh, checked.alignment.en
            paragraphs = ([s.paragraph for s in zh.segments], [s.paragraph for s in en.segments])
            beads, raw = explain(zh.sentences(), en.sentences(), config, terms=terms, paragraphs=paragraphs)
            if beads != list(checked.alignment.beads):
                raise SystemExit(f"{checked.id}: explain() and the pipeline disagree on the beads")
            gold = {(tuple(z), tuple(e)) for z, e in scorer.read_alignment(str(gold_path))}
            right = np.array([(b.zh, b.en) in gold for b in beads])
            out[checked.id] = (raw, right)
    return out


def inputs(docs: dict[str, tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Model inputs, labels, and today's confidence (before this model), over the documents."""
    from bilingual.align import confidence

    xs, ys, old = [], [], []
    for raw, right in docs.values():
        typical = confidence.typical_score(raw)
        xs.append(confidence.model_inputs(raw, typical))
        ys.append(right.astype(float))
        linked = (raw[:, confidence.RAW.index("zh_size")] > 0) & (raw[:, confidence.RAW.index("en_size")] > 0)
        s = raw[:, 0]
        before = 1.0 - np.power(10.0, -s / typical) if typical > 0 else np.full(len(s), 0.5)
        old.append(np.where(linked, np.clip(before, 0.0, 1.0), 0.3))
    return np.concatenate(xs), np.concatenate(ys), np.concatenate(old)


def train(
    mode: str,
    docs: dict[str, tuple[np.ndarray, np.ndarray]],
    procedure: tuple[tuple[str, ...], bool] | None = None,
) -> np.ndarray:
    """The mode's procedure (or ``procedure``: features, aimed?) on ``docs``: coefficients over
    all of confidence.INPUTS."""
    from bilingual.align import confidence

    features, aimed = procedure or (FEATURES[mode], AIMED[mode])
    cols = [0] + [confidence.INPUTS.index(name) for name in features]
    x, y, _ = inputs(docs)
    x = x[:, cols]
    beta = np.zeros(len(confidence.INPUTS))
    beta[cols] = confidence.fit_to_rate(x, y, BUDGET, RIDGE) if aimed else confidence.fit(x, y, RIDGE)
    return beta


def held_out(
    mode: str,
    mac: dict[str, tuple[np.ndarray, np.ndarray]],
    procedure: tuple[tuple[str, ...], bool] | None = None,
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Each chapter's P(right) and labels from the procedure fitted on the other chapters."""
    ps, ys = {}, {}
    for held in mac:
        beta = train(mode, {k: v for k, v in mac.items() if k != held}, procedure)
        hx, ys[held], _ = inputs({held: mac[held]})
        ps[held] = 1.0 / (1.0 + np.exp(-(hx @ beta)))
    return ps, ys


def area(p: np.ndarray, y: np.ndarray) -> float:
    """Area under the curve: the chance that a right bead has a higher P(right) than a wrong one."""
    right, wrong = p[y > 0], p[y == 0]
    above = (right[:, None] > wrong[None, :]).sum() + 0.5 * (right[:, None] == wrong[None, :]).sum()
    return float(above / max(1, len(right) * len(wrong)))


def rates(p: np.ndarray, y: np.ndarray, threshold: float) -> tuple[int, int, int, int]:
    """(wrong flagged, wrong, right flagged, right)."""
    flagged = p < threshold
    wrong = y == 0
    return int((flagged & wrong).sum()), int(wrong.sum()), int((flagged & ~wrong).sum()), int((~wrong).sum())


def line(label: str, p: np.ndarray, y: np.ndarray, threshold: float = 0.5) -> str:
    fw, w, fr, r = rates(p, y, threshold)
    return (
        f"{label}: flagged {fw}/{w} wrong ({fw / max(w, 1):.1%}), {fr}/{r} right ({fr / max(r, 1):.1%}) "
        f"at {threshold}"
    )


def curve(p: np.ndarray, y: np.ndarray) -> str:
    rows = ["| threshold | wrong flagged | right flagged |", "|---|---|---|"]
    for t in THRESHOLDS:
        fw, w, fr, r = rates(p, y, t)
        rows.append(f"| {t:.1f} | {fw}/{w} = {fw / max(w, 1):.0%} | {fr}/{r} = {fr / max(r, 1):.1%} |")
    return "\n".join(rows)


def best_old(old: np.ndarray, y: np.ndarray, budget: float = 0.15) -> str:
    """Today's score at its best threshold with at most ``budget`` of right beads flagged."""
    best = (0.0, 0.0)
    for t in np.unique(old):
        fw, w, fr, r = rates(old, y, float(t) + 1e-12)
        if fr / max(r, 1) <= budget and fw / max(w, 1) > best[0]:
            best = (fw / max(w, 1), float(t))
    return (
        f"today's score, best threshold ({best[1]:.3f}, <= {budget:.0%} right flagged): {best[0]:.0%} wrong"
    )


def main() -> None:
    from bilingual.align import confidence

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modes", default="semantic,lexical,fast")
    parser.add_argument(
        "--fit", action="store_true", help="print the coefficient table fitted on all of MAC-Dev"
    )
    parser.add_argument(
        "--procedures", action="store_true", help="also the held-out figures of the other procedures"
    )
    args = parser.parse_args()
    for mode in args.modes.split(","):
        start = time.perf_counter()
        mac = collect(mode, "mac-dev")
        corpus = collect(mode, "corpus")
        print(f"\n## {mode} (features of MAC-Dev and the corpus in {time.perf_counter() - start:.1f} s)")
        ps, ys = held_out(mode, mac)
        for held in mac:
            print(line(f"held out {held}", ps[held], ys[held]))
        p, y = np.concatenate(list(ps.values())), np.concatenate(list(ys.values()))
        _, _, old = inputs(mac)
        print(
            line("MAC-Dev leave-one-document-out, pooled", p, y) + f"; area under the curve {area(p, y):.3f}"
        )
        if args.procedures:
            if mode != "semantic":  # what the mode read before it had a row of its own
                x, _, _ = inputs(mac)
                q = 1.0 / (1.0 + np.exp(-(x @ np.asarray(confidence.COEFFICIENTS["semantic"]))))
                print(line("  semantic mode's row as shipped", q, y) + f"; area {area(q, y):.3f}")
            for features in (("forbidden",), EVERY):
                for aimed in (False, True):
                    ps, ys = held_out(mode, mac, (features, aimed))
                    q, z = np.concatenate(list(ps.values())), np.concatenate(list(ys.values()))
                    label = f"{'every input' if features == EVERY else 'forbidden margin alone'}, "
                    label += "aimed at the budget" if aimed else "classes balanced"
                    print(line(f"  procedure {label}", q, z) + f"; area {area(q, z):.3f}")
        print(line("MAC-Dev, today's confidence", old, y))
        print(best_old(old, y))
        print(curve(p, y))
        beta = train(mode, mac)
        cx, cy, cold = inputs(corpus)
        cp = 1.0 / (1.0 + np.exp(-(cx @ beta)))
        print(line("corpus gold, model fitted on all of MAC-Dev", cp, cy))
        print(line("corpus gold, today's confidence", cold, cy))
        shipped = np.concatenate([confidence.predict(raw, mode) for raw, _ in corpus.values()])
        print(line("corpus gold, the shipped coefficients", shipped, cy))
        if args.fit:
            cells = ", ".join(f"{b:.4g}" for b in beta)
            print(f'    "{mode}": ({cells}),  # {", ".join(confidence.INPUTS)}')
        assert all(math.isfinite(b) for b in beta)


if __name__ == "__main__":
    main()
