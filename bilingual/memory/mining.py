"""Memory stage: glossary candidates mined from the memory (``bilingual glossary suggest``).

Chinese candidates are jieba words (``rjieba``) and compounds of up to
``MAX_WORDS`` consecutive words, 2-8 Han characters, not starting or ending with
a function word, found in at least ``min_count`` beads, on the zh view with
every glossary occurrence blanked out (so a term already in the glossary, and
the pieces of it, are not proposed). A candidate held only inside a longer one
(same bead count) gives way to it (红船 to 红船精神).

For each candidate the English word n-grams (1-4 words) of its beads are scored
by the Dice coefficient over beads (stop words inside an n-gram cost 10% each,
as in :mod:`bilingual.memory.renderings`); the best is its rendering, and
each bead's own best n-gram gives the shares of the top renderings.
Candidates are ranked by ``count × Dice²`` of their best rendering, frequent and
consistently rendered first, when the pair's log-likelihood (Dunning's G²) is
significant (``G2_MIN``, p < 0.001); the others follow (a frequent word whose
English is merely frequent too, say). The mining lives here, with the memory, and
not in ``glossary/``: the glossary stage never imports the memory or the aligner.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bilingual.glossary import Glossary, matcher_for
from bilingual.glossary.normalise import zh_view
from bilingual.memory.interface import MemoryStore
from bilingual.memory.renderings import STOP, choose
from bilingual.memory.text import en_ngrams
from bilingual.model import Term

MAX_WORDS = 3
G2_MIN = 10.83  # chi-squared, one degree of freedom, p < 0.001
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
# One-character words that rarely start or end a term: particles, conjunctions, prepositions, measure words.
_EDGE = frozenset("的了和是在与及等为对将把被也都就而并或从向以于其这那个着要有各上中下年月日一")


@dataclass(frozen=True, slots=True)
class Candidate:
    zh: str
    count: int  # beads holding it
    en: str  # the best-associated English n-gram ("" when none)
    dice: float
    llr: float
    renderings: tuple[tuple[str, int], ...]  # (n-gram, beads) most frequent first
    score: float


def _words(text: str) -> list[str]:
    import rjieba  # jieba-rs; loaded on first use

    return [w for w in rjieba.cut(text) if w]


def zh_candidates(view_text: str, minimum: int = 2, maximum: int = 8) -> set[str]:
    """Words and compounds of up to MAX_WORDS consecutive words in the Han runs of ``view_text``."""
    found: set[str] = set()
    for run in _HAN_RUN.findall(view_text):
        words = _words(run)
        for i in range(len(words)):
            if words[i] in _EDGE:
                continue
            gram = ""
            for j in range(i, min(i + MAX_WORDS, len(words))):
                gram += words[j]
                if len(gram) > maximum:
                    break
                if len(gram) >= minimum and words[j] not in _EDGE:
                    found.add(gram)
    return found


def masked(text: str, glossary: Glossary | None) -> str:
    """The zh view of ``text`` with the glossary's occurrences blanked out."""
    view = zh_view(text).text
    if glossary is None:
        return view
    chars = list(view)
    for _, start, end in matcher_for(glossary).zh_occurrences(view):
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def llr(both: int, a: int, b: int, n: int) -> float:
    """Dunning's log-likelihood ratio G² of two events over ``n`` beads."""

    def h(*counts: int) -> float:
        total = sum(counts)
        return sum(c * math.log(c / total) for c in counts if c)

    k = (both, a - both, b - both, n - a - b + both)
    return 2 * (h(*k) - h(a, n - a) - h(b, n - b)) if min(k) >= 0 else 0.0


def mine(
    pairs: Sequence[tuple[str, str]],
    glossary: Glossary | None,
    *,
    min_count: int = 2,
    top: int = 100,
) -> list[Candidate]:
    """Candidates from (zh, en) pairs, best first (see the module docstring)."""
    zh_sets = [zh_candidates(masked(zh, glossary)) for zh, _ in pairs]
    df = Counter(g for s in zh_sets for g in s)
    frequent = {g: c for g, c in df.items() if c >= min_count}
    # Held only inside a longer candidate: that one is the term.
    covered = (
        {
            sub
            for g, c in frequent.items()
            for sub in frequent
            if len(sub) < len(g) and sub in g and frequent[sub] == c
        }
        if len(frequent) < 20_000
        else set()
    )
    chosen = [g for g in frequent if g not in covered]
    en_sets = [{g for g, _, _ in en_ngrams(en, 4, STOP)} for _, en in pairs]
    en_df = Counter(g for s in en_sets for g in s)
    n = len(pairs)
    holders: dict[str, list[int]] = {g: [] for g in chosen}
    for k, grams in enumerate(zh_sets):
        for g in grams:
            if g in holders:
                holders[g].append(k)
    result = []
    for gram in chosen:
        beads = holders[gram]
        together = Counter(e for k in beads for e in en_sets[k])
        dice = {e: 2 * c / (len(beads) + en_df[e]) for e, c in together.items() if c >= min(2, len(beads))}
        if not dice:
            result.append(Candidate(gram, len(beads), "", 0.0, 0.0, (), 0.0))
            continue
        best = choose(dice, dice)
        per_bead = Counter(choose(en_sets[k], dice) for k in beads)
        renderings = tuple((e or "(none)", c) for e, c in per_bead.most_common(3))
        g2 = llr(together[best], len(beads), en_df[best], n)
        result.append(
            Candidate(
                gram,
                len(beads),
                best,
                round(dice[best], 3),
                round(g2, 2),
                renderings,
                len(beads) * dice[best] ** 2 if g2 >= G2_MIN else 0.0,
            )
        )
    result.sort(key=lambda c: (-c.score, -c.count, -len(c.zh), c.zh))
    return result[:top]


def suggest(
    store: MemoryStore,
    glossary: Glossary | None,
    *,
    min_count: int = 2,
    top: int = 100,
    limit: int | None = None,
) -> list[Candidate]:
    return mine(store.pairs(limit), glossary, min_count=min_count, top=top)


def as_terms(candidates: Iterable[Candidate]) -> list[Term]:
    """Candidates as glossary entries (``suggested-N``), renderings and counts in the note."""
    terms = []
    for k, c in enumerate(candidates, 1):
        shares = "; ".join(f"{e} {n}/{c.count}" for e, n in c.renderings)
        note = f"suggested from the memory: {c.count} beads, Dice {c.dice}, G2 {c.llr}; renderings: {shares}"
        terms.append(
            Term(id=f"suggested-{k}", zh=(c.zh,), en=(c.en,) if c.en else (), case_sensitive=False, note=note)
        )
    return terms


def to_csv(candidates: Sequence[Candidate]) -> bytes:
    """zh, count, en, dice, llr, renderings (``text n/count; ...``), score."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["zh", "count", "en", "dice", "llr", "renderings", "score"])
    for c in candidates:
        shares = "; ".join(f"{e} {n}/{c.count}" for e, n in c.renderings)
        writer.writerow([c.zh, c.count, c.en, c.dice, c.llr, shares, round(c.score, 3)])
    return out.getvalue().encode("utf-8")
