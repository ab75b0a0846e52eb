"""Glossary candidates: the glossary's own terms come back when they are removed from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.glossary import Glossary, load
from bilingual.memory import Memory
from bilingual.memory.mining import llr, suggest, zh_candidates

ROOT = Path(__file__).resolve().parents[2]


def beads_holding(store: Memory, form: str) -> int:
    return sum(form in zh for (zh,) in store.db.execute("SELECT zh FROM beads"))


def test_removed_glossary_terms_come_back_in_the_top_50(corpus_memory: Path) -> None:
    """Remove the first 10 terms (glossary order) that occur in at least two beads; 7 must come back."""
    glossary = load(ROOT / "glossaries" / "zhejiang.tbx")
    with Memory.open(corpus_memory) as store:
        removed = [t for t in glossary.terms if max(beads_holding(store, f) for f in t.zh) >= 2][:10]
        assert len(removed) == 10
        kept = Glossary.from_terms([t for t in glossary.terms if t not in removed])
        proposed = [c.zh for c in suggest(store, kept, top=50)]
    back = [t.id for t in removed if set(t.zh) & set(proposed)]
    print(f"recall {len(back)}/10: {back}")
    assert len(back) >= 7, (back, proposed)


def test_terms_in_the_glossary_are_not_proposed(corpus_memory: Path) -> None:
    glossary = load(ROOT / "glossaries" / "zhejiang.tbx")
    with Memory.open(corpus_memory) as store:
        proposed = suggest(store, glossary, top=200)
    forms = {f for t in glossary.terms for f in t.zh}
    assert not forms & {c.zh for c in proposed}
    top = {c.zh: c for c in suggest_without(corpus_memory, "red-boat-spirit")}
    assert top["红船精神"].en == "red boat spirit" and top["红船精神"].renderings[0][0] == "red boat spirit"


def suggest_without(path: Path, term: str) -> list:
    glossary = load(ROOT / "glossaries" / "zhejiang.tbx")
    with Memory.open(path) as store:
        return suggest(store, Glossary.from_terms([t for t in glossary.terms if t.id != term]), top=200)


def test_candidates_are_words_and_their_compounds() -> None:
    found = zh_candidates("弘扬红船精神，推动共同富裕")
    assert {"红船", "精神", "红船精神", "共同富裕"} <= found
    assert not any(len(c) > 8 or len(c) < 2 for c in found)


@pytest.mark.parametrize(
    ("both", "a", "b", "n", "positive"), [(10, 10, 10, 100, True), (1, 10, 10, 100, False)]
)
def test_log_likelihood(both: int, a: int, b: int, n: int, positive: bool) -> None:
    assert (llr(both, a, b, n) > 5) is positive
