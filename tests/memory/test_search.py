"""Concordance: every query length, traditional input, English inflections, literal FTS syntax, formats."""

from __future__ import annotations

import json

import pytest
from lxml import html as lxml_html

from bilingual.memory import Memory
from bilingual.memory.search import RENDERERS, plan, search


@pytest.mark.parametrize(
    ("query", "index", "ids"),
    [
        ("红", "bigram", ["b:z0:e0", "a:z1:e1"]),  # one character: a prefix of the bigram tokens
        ("富", "bigram", ["b:z1:e1", "a:z0:e0", "a:z2:e2"]),  # also at the end of a run (a token of one)
        ("共富", "bigram", ["a:z2:e2"]),  # two characters: one token
        ("红船精神", "trigram", ["b:z0:e0", "a:z1:e1"]),
        ("，共", "scan", ["b:z1:e1"]),  # punctuation in a short query: a scan, still found
    ],
)
def test_every_query_length_is_served(small: Memory, query: str, index: str, ids: list[str]) -> None:
    result = search(small, query)
    assert (result.index, [h.id for h in result.hits]) == (index, ids)
    assert result.total == len(ids)


def test_traditional_and_simplified_find_each_other(small: Memory) -> None:
    for query in ("紅船精神", "红船精神", "紅船", "紅"):
        assert {h.id for h in search(small, query).hits} == {"a:z1:e1", "b:z0:e0"}, query
    hit = next(h for h in search(small, "红船精神").hits if h.id == "a:z1:e1")
    assert hit.zh[slice(*hit.zh_spans[0])] == "紅船精神"  # marked in the text as written


def test_quotes_inside_a_term_do_not_hide_it(small: Memory) -> None:
    hit = next(h for h in search(small, "红船精神").hits if h.id == "b:z0:e0")
    assert hit.zh[slice(*hit.zh_spans[0])] == "红船精神"


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("spirits", {"a:z1:e1", "b:z0:e0"}),
        ("RED BOAT", {"a:z1:e1", "b:z0:e0"}),
        ("develops", {"b:z1:e1"}),
        ("study", {"b:z0:e0"}),
        ("workshops opening", {"a:z2:e2"}),  # "workshop opened"
    ],
)
def test_english_is_case_and_inflection_insensitive(small: Memory, query: str, found: set[str]) -> None:
    assert {h.id for h in search(small, query).hits} == found


@pytest.mark.parametrize(
    "query", ['"引号*', "*和:冒号", "冒号 NEAR", '"quotes*', "colons NEAR", "NEAR", "AND", "quotes* AND:"]
)
def test_fts_syntax_is_searched_as_text(small: Memory, query: str) -> None:
    result = search(small, query)
    assert [h.id for h in result.hits] == ["b:z2:e2"], (query, plan(query))


def test_fts_syntax_that_is_not_in_the_text_finds_nothing(small: Memory) -> None:
    assert search(small, "红船*").total == 0  # not a prefix query
    assert search(small, "Red OR Spirit").total == 0  # not an OR


def test_verified_beads_are_marked(small: Memory) -> None:
    """A pinned bead (an editor fixed it) is verified in the memory."""
    assert {h.id: h.verified for h in search(small, "红船精神").hits} == {"b:z0:e0": True, "a:z1:e1": False}


def test_newest_first_limit_and_total(small: Memory) -> None:
    result = search(small, "富", limit=1)
    assert result.total == 3 and [h.id for h in result.hits] == ["b:z1:e1"]
    assert [h.date for h in search(small, "富", limit=0).hits] == ["2024-03-01", "2023-01-05", "2023-01-05"]


def test_formats(small: Memory) -> None:
    result = search(small, "红船精神")
    lines = [json.loads(line) for line in RENDERERS["jsonl"](result).splitlines()]
    assert {"id", "doc_id", "zh", "en", "date", "zh_spans", "en_spans"} <= set(lines[0])
    assert lines[0]["doc_id"] == "b" and lines[0]["zh_spans"] == [[3, 7]]
    assert json.loads(RENDERERS["json"](result))["total"] == 2
    tsv = RENDERERS["tsv"](result).splitlines()
    assert tsv[0].split("\t")[:6] == ["id", "doc_id", "date", "side", "left", "match"]
    assert tsv[1].split("\t")[5] == "红船精神"
    assert "⟦紅船精神⟧" in RENDERERS["text"](result)


def test_html_escapes_everything(small: Memory) -> None:
    page = RENDERERS["html"](search(small, '"quotes* and'))
    assert "<mark>quotes* and</mark>" in page
    assert "&quot;" in page and 'with "quotes' not in page
    tree = lxml_html.fromstring(page)
    assert tree.xpath("//mark/text()") == ["quotes* and"]
