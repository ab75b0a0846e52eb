"""Fuzzy match: the bit-parallel edit distance against the textbook one, and the CAT percentage."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bilingual.memory import Memory, add_checked
from bilingual.memory.match import levenshtein, match, similarity

from .conftest import checked


def textbook(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


@pytest.mark.parametrize("seed", range(5))
def test_bit_parallel_distance_is_the_edit_distance(seed: int) -> None:
    rnd = random.Random(seed)
    for _ in range(400):  # short alphabets make many ties; lengths past 64 bits cross word sizes
        a = "".join(rnd.choices("共同富裕示范", k=rnd.randint(0, 90)))
        b = "".join(rnd.choices("共同富裕示范", k=rnd.randint(0, 90)))
        assert levenshtein(a, b) == textbook(a, b), (a, b)


def test_the_cat_percentage() -> None:
    assert similarity("共同富裕示范区", "共同富裕先行区") == 71
    assert similarity("", "") == 100 and similarity("共", "") == 0


def test_a_rewritten_sentence_finds_its_original(tmp_path: Path) -> None:
    with Memory.open(tmp_path / "m.sqlite", create=True) as store:
        original = "嘉兴召开共同富裕示范区建设推进会，部署下一阶段工作。"
        add_checked(store, [checked("a", "2024-01-01", [(original, "Jiaxing held a meeting.")])], "t")
        found = match(store, "嘉兴召开共同富裕先行区建设推进会，部署下一阶段工作。")
        assert [m.id for m in found] == ["a:z0:e0"] and found[0].score == 92
        assert match(store, "完全不同的句子。") == []
