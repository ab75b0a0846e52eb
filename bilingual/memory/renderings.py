"""Memory stage: how a Chinese string was rendered across the memory (``tm renderings``).

For the beads whose zh holds the string (the concordance's hits), the English
word n-grams (1-5 words, no stop word at either end) are counted; for the
most frequent, their count over the whole memory comes from the English index.
The association of each n-gram with the string is the Dice coefficient over
beads, ``2·both / (beads with the string + beads with the n-gram)``: the
rendering is the English that comes and goes with the Chinese, not merely
frequent English ("development" occurs everywhere, so its Dice stays low).
Each bead is then credited with the best-associated n-gram it holds (ties: the
longer), and beads are grouped by it, most frequent rendering first, with
examples and dates: the archive-wide version of ``check --consistency``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bilingual.memory.interface import MemoryStore, Query
from bilingual.memory.search import MARK, kwic, query_of
from bilingual.memory.text import WORD, en_key_of, en_ngrams

NONE = "(no rendering found)"
MAX_N = 5
STOP = frozenset(
    {
        *("a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "with", "by", "at", "from", "as"),
        *("is", "are", "was", "were", "be", "been", "this", "that", "its", "their", "it", "we", "our"),
        *("will", "has", "have", "had", "more", "all", "which", "said", "also", "s", "than", "into"),
    }
)


@dataclass(frozen=True, slots=True)
class Example:
    id: str
    date: str
    en: str
    span: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class Rendering:
    text: str  # the most frequent surface form; NONE for beads without one
    count: int
    share: float
    dice: float
    first: str  # dates
    last: str
    examples: tuple[Example, ...]


@dataclass(frozen=True, slots=True)
class Report:
    zh: str
    beads: int  # beads holding the string (all of them, also past the sample)
    sampled: int
    renderings: tuple[Rendering, ...]


def associate(
    sets: Sequence[dict[str, tuple[str, int, int]]], total_of: dict[str, int], top: int
) -> dict[str, float]:
    """Dice of each n-gram (keys of ``sets``) with the string, for the ``top`` most frequent."""
    together = Counter(g for s in sets for g in s)
    frequent = [g for g, c in together.most_common() if c >= min(2, len(sets))][:top]
    return {g: 2 * together[g] / (len(sets) + max(total_of.get(g, 0), together[g])) for g in frequent}


def penalised(gram: str, dice: float) -> float:
    """Stop words inside an n-gram cost 10% each: "Fengqiao Experience in the new" is context."""
    inner = gram.split()[1:-1]
    return dice * 0.9 ** sum(w in STOP for w in inner)


def choose(grams: Iterable[str], dice: dict[str, float]) -> str:
    """The bead's rendering: the longest n-gram within 10% of the best-associated one it holds."""
    present = [(penalised(g, dice[g]), g) for g in grams if g in dice]
    if not present:
        return ""
    best = max(score for score, _ in present)
    near = [(len(g.split()), score, g) for score, g in present if score >= 0.9 * best]
    return max(near)[2]


def widen(
    text: str, place: tuple[str, int, int], best: str, dominant: str
) -> tuple[str, str, int, int] | None:
    """``best`` grown to the dominant rendering's words where it is a part of it, else None.

    Returns (key, surface, start, end) of the words of ``text`` in the dominant rendering's place.
    """
    words, whole = best.split(), dominant.split()
    offsets = [k for k in range(len(whole) - len(words) + 1) if whole[k : k + len(words)] == words]
    if not offsets or len(words) == len(whole):
        return None
    tokens = [(m.group().lower(), m.start(), m.end()) for m in WORD.finditer(text)]
    first = next((i for i, (_, a, _) in enumerate(tokens) if a == place[1]), None)
    if first is None or first - offsets[0] < 0 or first - offsets[0] + len(whole) > len(tokens):
        return None
    span = tokens[first - offsets[0] : first - offsets[0] + len(whole)]
    start, end = span[0][1], span[-1][2]
    return " ".join(w for w, _, _ in span), text[start:end], start, end


def en_count(store: MemoryStore, gram: str) -> int:
    """Beads of the whole memory whose English holds the word n-gram (stemmed)."""
    return store.find(Query("en", en_key_of(gram)), 0).total


def renderings(
    store: MemoryStore, zh: str, *, sample: int = 2000, top: int = 40, examples: int = 3
) -> Report:
    """How ``zh`` was rendered: beads grouped by the English associated with it."""
    found = store.find(query_of(zh), sample or None)
    rows = store.beads(found.keys)
    sets = []
    for row in rows:
        grams: dict[str, tuple[str, int, int]] = {}
        for gram, start, end in en_ngrams(row.en, MAX_N, STOP):
            grams.setdefault(gram, (row.en[start:end], start, end))
        sets.append(grams)
    together = Counter(g for s in sets for g in s)
    candidates = [g for g, c in together.most_common(top)]
    dice = associate(sets, {g: en_count(store, g) for g in candidates}, top)
    chosen = [choose(grams, dice) for grams in sets]
    # A bead holding only part of the dominant rendering ("common" of "common prosperity",
    # where it wrote "common wealth") is credited with the words in the same place.
    dominant = Counter(c for c in chosen if c).most_common(1)
    groups: dict[str, list[tuple[Example, str]]] = {}
    for row, grams, best in zip(rows, sets, chosen, strict=True):
        if not best:
            groups.setdefault(NONE, []).append((Example(row.id, row.date, row.en, None), NONE))
            continue
        key, (surface, start, end) = best, grams[best]
        if dominant and best != dominant[0][0]:
            grown = widen(row.en, grams[best], best, dominant[0][0])
            if grown is not None:
                key, surface, start, end = grown
        groups.setdefault(key, []).append((Example(row.id, row.date, row.en, (start, end)), surface))
    result = []
    for key, items in groups.items():
        surfaces = Counter(surface for _, surface in items)
        dates = sorted(e.date for e, _ in items if e.date)
        result.append(
            Rendering(
                text=surfaces.most_common(1)[0][0],
                count=len(items),
                share=len(items) / len(rows),
                dice=round(dice.get(key, 0.0), 3),
                first=dates[0] if dates else "",
                last=dates[-1] if dates else "",
                examples=tuple(e for e, _ in items[:examples]),
            )
        )
    result.sort(key=lambda r: (r.text == NONE, -r.count, r.text))
    return Report(zh, found.total, len(rows), tuple(result))


def render_text(report: Report) -> str:
    sampled = f" (the newest {report.sampled} read)" if report.sampled < report.beads else ""
    lines = [f"{report.zh}: {report.beads} bead(s){sampled}, {len(report.renderings)} rendering(s)"]
    for r in report.renderings:
        when = f"{r.first} – {r.last}" if r.first != r.last else r.first or "(no date)"
        dice = f"Dice {r.dice:.2f}; " if r.dice else ""  # 0: grown to the dominant rendering's place
        lines.append(f"  {r.count:5d}  {r.share:6.1%}  {r.text}  ({dice}{when})")
        for e in r.examples:
            left, match, right = kwic(e.en, e.span, 40)
            text = f"{left}{MARK[0]}{match}{MARK[1]}{right}" if match else right
            lines.append(f"           {e.date or '(no date)'}  {e.id}: {text.strip()}")
    return "\n".join(lines) + "\n"


def as_dict(report: Report) -> dict[str, object]:
    return {
        "zh": report.zh,
        "beads": report.beads,
        "sampled": report.sampled,
        "renderings": [
            {
                "text": r.text,
                "count": r.count,
                "share": round(r.share, 4),
                "dice": r.dice,
                "first": r.first,
                "last": r.last,
                "examples": [{"id": e.id, "date": e.date, "en": e.en, "span": e.span} for e in r.examples],
            }
            for r in report.renderings
        ],
    }
