"""Concordance: every query length, traditional input, English inflections, literal FTS syntax, formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import html as lxml_html

from bilingual.memory import Memory, add_checked
from bilingual.memory.search import RENDERERS, query_of, search

from .conftest import checked


@pytest.mark.parametrize(
    ("query", "index", "ids"),
    [
        ("红", "bigram", ["b:z0:e0", "a:z1:e1"]),  # one character: a prefix of the bigram tokens
        ("富", "bigram", ["b:z1:e1", "a:z0:e0", "a:z2:e2"]),  # also at the end of a run (a token of one)
        ("共富", "bigram", ["a:z2:e2"]),  # two characters: one token
        ("红船精神", "bigram", ["b:z0:e0", "a:z1:e1"]),  # more: a phrase of bigrams (红船 船精 精神)
        ("共同富裕示范区", "bigram", ["a:z0:e0"]),
        ("船精神", "bigram", ["b:z0:e0", "a:z1:e1"]),  # three characters: two bigrams
        ("，共", "bigram+instr", ["b:z1:e1"]),  # punctuation: the index on 共, then exact
        ("很快，共同富", "bigram+instr", ["b:z1:e1"]),
        ("快。共", "bigram+instr", []),  # both runs are in b:z1:e1, not with 。 between them
        ("。", "scan", ["b:z0:e0", "b:z1:e1", "a:z0:e0", "a:z1:e1", "a:z2:e2"]),  # no letter: a scan
    ],
)
def test_every_query_length_is_served(small: Memory, query: str, index: str, ids: list[str]) -> None:
    result = search(small, query)
    assert (result.index, [h.id for h in result.hits]) == (index, ids)
    assert result.total == len(ids)


def test_a_phrase_of_bigrams_never_joins_two_runs(tmp_path: Path) -> None:
    """精神 at the end of one run and 学习 at the start of the next are not 神学 (the run's
    last character is a token of its own between them)."""
    with Memory.open(tmp_path / "m.sqlite", create=True) as store:
        add_checked(store, [checked("c", "2024-01-01", [("红船精神，学习。", "Spirit, study.")])], "t")
        assert search(store, "神学").total == 0 and search(store, "精神学").total == 0
        assert search(store, "神，学").total == 1 and search(store, "精神").total == 1


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
    assert [h.id for h in result.hits] == ["b:z2:e2"], (query, query_of(query))


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
