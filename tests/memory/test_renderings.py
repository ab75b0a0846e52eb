"""How a Chinese string was rendered, and fuzzy matches, on the sample corpus."""

from __future__ import annotations

from pathlib import Path

from bilingual.memory import Memory
from bilingual.memory.match import match, similarity
from bilingual.memory.renderings import renderings


def test_renderings_group_beads_by_the_english_aligned_with_the_term(corpus_memory: Path) -> None:
    with Memory.open(corpus_memory) as store:
        report = renderings(store, "共同富裕")
        red = renderings(store, "紅船精神")  # traditional input
    texts = {r.text.lower(): r.count for r in report.renderings}
    assert texts["common prosperity"] == 7 and texts["common wealth"] == 1  # the superseded rendering, found
    assert report.beads == 8 and report.renderings[0].text.lower() == "common prosperity"
    first = report.renderings[0]
    assert first.first == "2023-02-14" and first.examples
    example = first.examples[0]
    assert example.span is not None and example.en[slice(*example.span)].lower() == "common prosperity"
    assert {r.text.lower() for r in red.renderings} == {"red boat spirit", "red ship spirit"}


def test_similarity_is_the_cat_percentage() -> None:
    assert similarity("共同富裕示范区", "共同富裕示范区") == 100
    assert similarity("共同富裕示范区", "共同富裕先行区") == 71


def test_fuzzy_match_finds_the_remembered_sentence(corpus_memory: Path) -> None:
    sentence = "学生们在纪念馆里用稚嫩的声音讲述红船精神的内涵。"
    with Memory.open(corpus_memory) as store:
        found = match(store, sentence, minimum=70)
        none = match(store, "今天天气很好。", minimum=70)
    assert found[0].id == "2023-07-01-red-boat-violations:z7:e7" and found[0].score == 83
    assert "Red Ship Spirit" in found[0].en
    assert none == []
