"""Memory stage: fuzzy match, the remembered zh segments closest to a new sentence (``tm match``).

The score is the one CAT tools show: ``100 × (1 − edit distance / longer
length)`` over the zh keys (characters, so 共同富裕示范区 against 共同富裕先行区
is 71%). Computing it against a million beads is out of the question, so a
pre-filter picks candidates first: the store's beads sharing most of the
query's rarest n-grams (SQLite: bigrams of the zh index, by document count
from ``fts5vocab``), at most ``CANDIDATES``, are scored by trigram Dice; the
best ``RESCORE`` of those get the edit distance. A sentence that shares none
of the query's rare bigrams cannot reach 70% unless the query is very short,
so the filter loses nothing a translator would use.
"""

from __future__ import annotations

from dataclasses import dataclass

from bilingual.memory.interface import MemoryStore
from bilingual.memory.text import zh_key

CANDIDATES = 300
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
    """Edit distance (insert, delete, substitute), two rows."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


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
