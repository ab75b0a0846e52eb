"""Clause and quotation evidence: what they extract, and that each one decides a bead boundary."""

from __future__ import annotations

import numpy as np
import pytest

from bilingual.align import _long, anchors, dp
from bilingual.align.clauses import count, edge_clauses
from bilingual.align.costs import Edges, Space
from bilingual.align.quotes import en_either, en_inside, zh_inside


@pytest.mark.parametrize(
    ("sentence", "opening", "closing"),
    [
        # a bare 道： is too short to be a clause: the closing clause takes in the next one back
        (
            "那男孩见他突然现身，脸上又缠了白布，登时脸现喜色，道：“好，你上来！”",
            "那男孩见他突然现身，",
            "“好，你上来！”",
        ),
        ("韦小宝道：“谁说不会？”", "韦小宝道：", "“谁说不会？”"),
        ("嘉兴市召开基层治理工作会议。", "嘉兴市召开基层治理工作会议。", "嘉兴市召开基层治理工作会议。"),
        ("好，走。", "好，走。", "好，走。"),  # no clause reaches four characters: the sentence itself
    ],
)
def test_edge_clauses(sentence: str, opening: str, closing: str) -> None:
    assert edge_clauses(sentence) == (opening, closing)


@pytest.mark.parametrize(
    ("sentence", "clauses"),
    [
        ("嘉兴市召开基层治理工作会议。", 1),
        ("韦小宝道：“谁说不会？”", 2),  # the closing quote stays with its clause
        ("那男孩见他突然现身，脸上又缠了白布，登时脸现喜色，道：“好，你上来！”", 6),
        ("", 0),
    ],
)
def test_clause_count(sentence: str, clauses: int) -> None:
    assert count(sentence) == clauses


def test_clauses_are_embedded_only_for_long_sentences_of_three_clauses_or_more() -> None:
    # The typical zh length is the median en length (10) scaled by the character ratio
    # (zh 186 / en 80): 23.25, so 1.4 times that is 32.55 (lengths count every character).
    three = "一二三四五六七八九十，一二三四五六七八九十，一二三四五六七八九十。"  # 3 clauses, 33
    two = "一二三四五六七八九十一二三四五六七八九十，一二三四五六七八九十一二三。"  # 2 clauses, 35
    short = "一二三四五，六七八九十，一二三四五。"  # 3 clauses, 18: too short
    plain = "一二三四五六七八九十一二三四五六七八九。"
    zh = [plain, three, two, short, plain, plain, plain, plain]
    en = ["abcdefghi."] * 8
    assert _long(zh, en) == {1}


def test_zh_quotation_state_carries_across_sentences() -> None:
    zh = ["海老公道：“到皇上书房去干什么？", "去玩吗？”", "他走了。", "「好」他说。"]
    assert zh_inside(zh).tolist() == [True, False, False, False]


def test_en_quotation_state_tells_apostrophes_from_quotes() -> None:
    en = [
        "'And why have you got to go?",  # opens
        "Trinket's boots don't fit.",  # apostrophes only: still inside
        "To play?'",  # closes
        '"Yes," he said.',
        '"No',
        "‘Fine’, she said, ‘I’ll go.",
    ]
    assert en_inside(en).tolist() == [True, True, False, False, True, True]


def test_en_quotations_nest() -> None:
    en = [
        "'You know what they say: \"A prince's door is like the deep sea.\"",  # the outer one is open
        "Never mind.'",
        "\"At least mine has nothing to do with these 'tourist attractions.'\"",  # both close
        "He left.",
    ]
    assert en_inside(en).tolist() == [True, False, False, False]


def test_an_english_quotation_interrupted_to_name_the_speaker_agrees_with_either_state() -> None:
    en = ["'Better my arse!' muttered the eunuch.", "'Get a move on!'", "He went in.", "It was late."]
    assert en_inside(en).tolist() == [False, False, False, False]
    assert en_either(en, en_inside(en)).tolist() == [True, False, False, False]


# Two zh and three en sentences with no sentence-level evidence (zero vectors) and equal
# lengths: [0]:[0] + [1]:[1,2] and [0]:[0,1] + [1]:[2] score the same, and only the
# evidence under test can choose.
ZL, EL = [20, 20], [10, 10, 10]
BLANK = Space(np.zeros((2, 8)), np.zeros((3, 8)), 1.0)
TYPES = dp.bead_types(2)
SPLIT_LATE = [((0, 1, 0, 1)), ((1, 2, 1, 3))]  # en 1 goes with zh 1
SPLIT_EARLY = [((0, 1, 0, 2)), ((1, 2, 2, 3))]  # en 1 goes with zh 0


def spans(found: list[tuple[dp.Span, float]]) -> list[dp.Span]:
    return [span for span, _ in found]


@pytest.mark.parametrize(
    ("en_state", "expected"),
    [([True, False, False], SPLIT_LATE), ([True, True, False], SPLIT_EARLY)],
)
def test_quotation_state_decides_the_boundary(en_state: list[bool], expected: list[dp.Span]) -> None:
    inside = (np.array([True, False]), np.array(en_state), np.zeros(3, dtype=bool))  # zh 0 ends inside
    found = anchors.solve([BLANK], ZL, EL, TYPES, -3.0, 8, 0.3, inside=inside, quote_penalty=1.0)
    assert spans(found) == expected


def test_without_quotation_evidence_the_two_paths_tie() -> None:
    inside = (np.array([True, False]), np.array([True, False, False]), np.zeros(3, dtype=bool))
    with_penalty = anchors.solve([BLANK], ZL, EL, TYPES, -3.0, 8, 0.3, inside=inside, quote_penalty=1.0)
    without = anchors.solve([BLANK], ZL, EL, TYPES, -3.0, 8, 0.3)
    assert sum(s for _, s in with_penalty) == pytest.approx(sum(s for _, s in without))


def test_an_interrupted_quotation_is_not_charged() -> None:
    # zh 0 ends inside a quotation, no en sentence does: both boundaries disagree, but en 1
    # closes a quotation and en 2 opens one, so ending after en 1 is free.
    inside = (np.array([True, False]), np.array([False, False, False]), np.array([False, True, False]))
    found = anchors.solve([BLANK], ZL, EL, TYPES, -3.0, 8, 0.3, inside=inside, quote_penalty=1.0)
    without = anchors.solve([BLANK], ZL, EL, TYPES, -3.0, 8, 0.3)
    assert spans(found) == SPLIT_EARLY
    assert sum(s for _, s in found) == pytest.approx(sum(s for _, s in without))


@pytest.mark.parametrize(
    ("matches", "expected"), [("closing of zh 0", SPLIT_EARLY), ("opening of zh 1", SPLIT_LATE)]
)
def test_clause_evidence_decides_the_boundary(matches: str, expected: list[dp.Span]) -> None:
    basis = np.eye(8)
    first = np.stack([basis[0], basis[2]])  # zh 0 opens with clause 0 and closes with 1; zh 1: 2 and 3
    last = np.stack([basis[1], basis[3]])
    middle = basis[1] if matches == "closing of zh 0" else basis[2]
    en = np.stack([basis[0], middle, basis[3]])
    edges = Edges(first, last, en, weight=1.0)
    found = anchors.solve([BLANK], ZL, EL, TYPES, -3.0, 8, 0.3, edges=[edges])
    assert spans(found) == expected
