"""Renderings across a corpus, and candidate terms not in the glossary."""

from __future__ import annotations

from bilingual.glossary import Glossary
from bilingual.glossary.consistency import (
    NOT_RENDERED,
    as_json,
    candidates,
    glossary_renderings,
    render_consistency,
)
from bilingual.model import AlignedPair, Bead, Term

GLOSSARY = Glossary.from_terms(
    [
        Term("red-boat", ("红船精神",), ("Red Boat Spirit",), forbidden=("Red Ship Spirit",)),
        Term("grassroots", ("基层治理",), ("grassroots governance",), ("community-level governance",)),
    ]
)


def pair(i: int, zh: str, en: str) -> AlignedPair:
    return AlignedPair(f"d{i}:z0:e0", zh, en, Bead((0,), (0,)), f"d{i}")


PAIRS = [
    pair(
        0, "弘扬红船精神，推进未来乡村建设。", "Carry forward the Red Boat Spirit and build future villages."
    ),
    pair(
        1,
        "红船精神代代相传，未来乡村建设提速。",
        "The Red Ship Spirit lives on; future villages are built faster.",
    ),
    pair(
        2,
        "加强基层治理，未来乡村建设成效明显。",
        "Community-level governance improves; future villages thrive.",
    ),
    pair(3, "基层治理现代化，未来乡村建设。", "Modern grassroots governance and future villages."),
    pair(4, "红船精神", "Spirit of the boat"),
]


def test_glossary_renderings_count_each_way() -> None:
    rows = {r.term: r for r in glossary_renderings(PAIRS, GLOSSARY)}
    assert dict(rows["red-boat"].renderings) == {"Red Boat Spirit": 1, "Red Ship Spirit": 1, NOT_RENDERED: 1}
    assert rows["red-boat"].occurrences == 3
    assert dict(rows["grassroots"].renderings) == {
        "Community-level governance": 1,
        "grassroots governance": 1,
    }


def test_candidates_find_frequent_ngrams_outside_the_glossary() -> None:
    rows = candidates(PAIRS, GLOSSARY, min_pairs=3)
    top = rows[0]
    assert top.zh == "未来乡村建设" and top.term is None and top.occurrences == 4
    assert top.renderings[0] == ("future villages", 4)
    assert all("红船" not in r.zh and "基层治理" not in r.zh for r in rows)  # glossary terms are masked


def test_render_and_json() -> None:
    rows, new = glossary_renderings(PAIRS, GLOSSARY), candidates(PAIRS, GLOSSARY)
    text = render_consistency(rows, new)
    assert "red-boat 红船精神 x3" in text and "several renderings" in text and "未来乡村建设 x4" in text
    doc = as_json(rows, new)
    assert doc["candidates"][0]["renderings"][0] == {"en": "future villages", "count": 4}


def test_spoofed_renderings_are_marked() -> None:
    from bilingual.glossary import Glossary
    from bilingual.glossary.consistency import glossary_renderings
    from bilingual.model import AlignedPair, Bead, Term

    glossary = Glossary.from_terms([Term("red-boat", ("红船精神",), ("Red Boat Spirit",))])
    pairs = [
        AlignedPair("p0", "红船精神", "Red Boat Spirit", Bead((0,), (0,))),
        AlignedPair("p1", "红船精神", "R\u0435d Boat Spirit", Bead((1,), (1,))),
        AlignedPair("p2", "无", "R\u0435d Boat Spirit", Bead((2,), (2,))),
    ]
    (row,) = glossary_renderings(pairs, glossary)
    assert row.occurrences == 2
    assert dict(row.renderings) == {"Red Boat Spirit": 1, "Red Boat Spirit (look-alike letters)": 1}
