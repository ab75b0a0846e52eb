"""Glossary stage: how each concept is rendered across a corpus (``check --consistency``).

Two parts, both pure:
- for every glossary entry that occurs, the English actually found for its
  occurrences (the matched text, or "(not rendered)") with counts: one term
  rendered several ways across documents shows up here even when every way is
  approved;
- for frequent Chinese n-grams that no glossary entry covers (Han runs of the
  zh view, 2-6 characters, in at least ``min_pairs`` pairs, maximal: an n-gram
  is dropped when a longer one containing it occurs in as many pairs), the
  English word n-grams that co-occur with it most (Dice coefficient over
  pairs): the start of a glossary for new terms, to be reviewed by a person.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from bilingual.display import terminal_safe
from bilingual.glossary.check import check_pair
from bilingual.glossary.glossary import Glossary
from bilingual.glossary.match import matcher_for
from bilingual.glossary.normalise import en_key, en_view, zh_view
from bilingual.model import AlignedPair, Verdict

NOT_RENDERED = "(not rendered)"
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Characters that rarely start or end a term: particles, conjunctions, prepositions.
_ZH_EDGE = frozenset("的了和是在与及等为对将把被也都就而并或从向以于其这那个着要有")
_EN_STOP = frozenset(
    {
        *("a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "with", "by", "at", "from", "as"),
        *("is", "are", "was", "were", "be", "been", "this", "that", "its", "their", "it", "we", "our"),
        *("should", "will", "has", "have", "had", "more", "all"),
    }
)


@dataclass(frozen=True, slots=True)
class Row:
    """One concept: its zh form, glossary id (None for a candidate), how often
    it occurs, and the English renderings found, most frequent first."""

    zh: str
    term: str | None
    occurrences: int
    renderings: tuple[tuple[str, int], ...]


def glossary_renderings(pairs: Sequence[AlignedPair], glossary: Glossary) -> list[Row]:
    matcher = matcher_for(glossary)
    found: dict[str, Counter[str]] = {}
    for pair in pairs:
        for f in check_pair(pair, matcher, include_ok=True):
            if f.zh_span is None:  # unexpected, or spoofed without the zh term
                continue
            text = " ".join(en_view(f.found).text.split()) if f.found else NOT_RENDERED
            if f.verdict is Verdict.SPOOFED:  # the view reads it as Latin: say it is not
                text += " (look-alike letters)"
            found.setdefault(f.term, Counter())[text] += 1
    terms = glossary.by_id()
    rows = [
        Row(terms[t].zh[0], t, sum(c.values()), tuple(sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))))
        for t, c in found.items()
    ]
    return sorted(rows, key=lambda r: (-r.occurrences, r.term or ""))


def _masked_zh(pair: AlignedPair, glossary: Glossary) -> str:
    """The zh view with glossary occurrences blanked out (so no n-gram spans them)."""
    view = zh_view(pair.zh).text
    chars = list(view)
    for _, start, end in matcher_for(glossary).zh_occurrences(view):
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _zh_ngrams(text: str, max_n: int) -> set[str]:
    grams: set[str] = set()
    for run in _HAN_RUN.findall(text):
        for n in range(2, max_n + 1):
            for i in range(len(run) - n + 1):
                gram = run[i : i + n]
                if gram[0] not in _ZH_EDGE and gram[-1] not in _ZH_EDGE:
                    grams.add(gram)
    return grams


def _en_ngrams(text: str, max_n: int = 4) -> set[str]:
    words = _WORD.findall(en_key(en_view(text).text))
    grams: set[str] = set()
    for n in range(1, max_n + 1):
        for i in range(len(words) - n + 1):
            gram = words[i : i + n]
            if gram[0] not in _EN_STOP and gram[-1] not in _EN_STOP:
                grams.add(" ".join(gram))
    return grams


def candidates(
    pairs: Sequence[AlignedPair], glossary: Glossary, *, min_pairs: int = 3, max_n: int = 6, top: int = 30
) -> list[Row]:
    zh_sets = [_zh_ngrams(_masked_zh(p, glossary), max_n) for p in pairs]
    df = Counter(g for s in zh_sets for g in s)
    frequent = {g: c for g, c in df.items() if c >= min_pairs}
    # Not maximal: a one-character-longer n-gram holds it in as many pairs
    # (counts only fall as n-grams grow, so checking n+1 is enough).
    covered = {sub for o, c in frequent.items() for sub in (o[1:], o[:-1]) if frequent.get(sub) == c}
    maximal = [g for g in frequent if g not in covered]
    maximal.sort(key=lambda g: (-frequent[g], -len(g), g))
    chosen = maximal[:top]
    if not chosen:
        return []
    en_sets = [_en_ngrams(p.en) for p in pairs]
    en_df = Counter(g for s in en_sets for g in s)
    rows: list[Row] = []
    for gram in chosen:
        together: Counter[str] = Counter()
        for zs, es in zip(zh_sets, en_sets, strict=True):
            if gram in zs:
                together.update(es)
        scored = sorted(
            ((2 * c / (frequent[gram] + en_df[e]), c, e) for e, c in together.items() if c >= 2),
            key=lambda t: (-t[0], -t[1], -t[2].count(" "), t[2]),  # ties: the longer n-gram
        )
        rows.append(Row(gram, None, frequent[gram], tuple((e, c) for _, c, e in scored[:3])))
    return rows


def render_consistency(glossary_rows: Sequence[Row], candidate_rows: Sequence[Row]) -> str:
    lines = ["Glossary terms: renderings found (count)"]
    for row in glossary_rows:
        flag = "  <- several renderings" if len(row.renderings) > 1 else ""
        shown = "; ".join(f"{text} ({n})" for text, n in row.renderings)
        lines.append(f"  {row.term} {row.zh} x{row.occurrences}: {shown}{flag}")
    lines.append("")
    lines.append("Frequent Chinese n-grams not in the glossary: English that co-occurs (pairs)")
    for row in candidate_rows:
        shown = "; ".join(f"{text} ({n})" for text, n in row.renderings) or "-"
        lines.append(f"  {row.zh} x{row.occurrences}: {shown}")
    # For a person at a terminal: renderings quote the bulletins, whose text may hold ESC.
    return terminal_safe("\n".join(lines) + "\n")


def as_json(glossary_rows: Sequence[Row], candidate_rows: Sequence[Row]) -> dict[str, object]:
    def one(row: Row) -> dict[str, object]:
        return {
            "zh": row.zh,
            "term": row.term,
            "occurrences": row.occurrences,
            "renderings": [{"en": e, "count": c} for e, c in row.renderings],
        }

    return {"glossary": [one(r) for r in glossary_rows], "candidates": [one(r) for r in candidate_rows]}
