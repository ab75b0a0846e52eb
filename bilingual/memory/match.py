"""Memory stage: fuzzy match, the remembered zh segments closest to a new sentence (``tm match``).

The score is the one CAT tools show: ``100 × (1 − edit distance / longer
length)`` over the zh keys (characters, so 共同富裕示范区 against 共同富裕先行区
is 71%). Computing it against a million beads is out of the question, so a
pre-filter picks candidates first: the store's beads sharing most of the
query's selective n-grams (SQLite: a trigram every third character, each a
phrase of the bigram index, dropped when in over 1,000 beads), at most
``CANDIDATES``, are scored by trigram Dice; the best ``RESCORE`` of those get
the edit distance. A sentence 70% like the query keeps most of its trigrams,
so it shares some probes unless the query is very short or made only of
common phrases: the filter trades that rare miss for speed.
"""

from __future__ import annotations

from dataclasses import dataclass

from bilingual.memory.interface import MemoryStore
from bilingual.memory.text import zh_key

CANDIDATES = 100
RESCORE = 40


@dataclass(frozen=True, slots=True)
class Match:
    score: int  # percent
    id: str
    doc_id: str
    date: str
    zh: str
    en: str
    verified: bool


def levenshtein(a: str, b: str) -> int:
    """Edit distance (insert, delete, substitute) by Myers' bit-parallel algorithm (Hyyrö's form).

    One column of the DP matrix is two bit vectors (Python integers of ``len(a)``
    bits), so a sentence pair costs ``len(b)`` steps of a few integer operations
    instead of ``len(a) × len(b)`` cells: 40 rescored candidates take a
    millisecond, not 40.
    """
    if not a or not b:
        return len(a) + len(b)
    positions: dict[str, int] = {}
    for i, ch in enumerate(a):
        positions[ch] = positions.get(ch, 0) | (1 << i)
    mask = (1 << len(a)) - 1
    last = 1 << (len(a) - 1)
    pv, mv, score = mask, 0, len(a)  # vertical deltas +1 / -1 of the current column; its last cell
    for ch in b:
        eq = positions.get(ch, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | ~(xh | pv)
        mh = pv & xh
        if ph & last:
            score += 1
        elif mh & last:
            score -= 1
        ph = (ph << 1) | 1  # the first row is 0, 1, 2...: every step to the right adds one
        mh <<= 1
        pv = (mh | ~(xv | ph)) & mask
        mv = ph & xv & mask
    return score


def similarity(a: str, b: str) -> int:
    """The CAT percentage of two keys."""
    longest = max(len(a), len(b))
    return 100 if longest == 0 else round(100 * (1 - levenshtein(a, b) / longest))


def trigrams(key: str) -> set[str]:
    return {key[i : i + 3] for i in range(len(key) - 2)} if len(key) >= 3 else {key}


def match(store: MemoryStore, sentence: str, *, minimum: int = 70, limit: int = 5) -> list[Match]:
    """The remembered beads whose zh is at least ``minimum`` percent like ``sentence``, best first."""
    key = zh_key(sentence)
    if not key:
        return []
    query_grams = trigrams(key)
    scored = []
    for bead in store.beads(store.similar_candidates(key, CANDIDATES)):
        grams = trigrams(bead.zh_key)
        dice = 2 * len(query_grams & grams) / (len(query_grams) + len(grams))
        scored.append((dice, bead))
    scored.sort(key=lambda t: -t[0])
    found: list[Match] = []
    for _, b in scored[:RESCORE]:
        score = similarity(key, b.zh_key)
        if score >= minimum:
            found.append(Match(score, b.id, b.doc_id, b.date, b.zh, b.en, b.verified))
    found.sort(key=lambda m: m.date, reverse=True)  # then by score: the newest of equal scores first
    found.sort(key=lambda m: -m.score)
    return found[:limit]


def render_text(sentence: str, matches: list[Match]) -> str:
    lines = [f"{sentence}"]
    if not matches:
        lines.append("  (no match)")
    for m in matches:
        flag = "  verified" if m.verified else ""
        lines.append(f"  {m.score:3d}%  {m.date or '(no date)'}  {m.id}{flag}")
        lines.append(f"        zh: {' '.join(m.zh.split())}")
        lines.append(f"        en: {' '.join(m.en.split())}")
    return "\n".join(lines) + "\n"
