"""The matcher: leftmost-longest zh occurrences (cross-checked against a
brute-force scan), word-by-word en confirmation (cross-checked against the
SEPARATOR regex), the batch prescan (cross-checked against one pair at a time)."""

from __future__ import annotations

import random
import re

import pytest

from bilingual.glossary import Glossary
from bilingual.glossary.match import Matcher, PreScan, _confirm, matcher_for
from bilingual.glossary.normalise import SEPARATOR, en_key, en_view
from bilingual.model import Term


def zh_matcher(*forms: str) -> Matcher:
    return Matcher(tuple(Term(f"t{i}", (f,), (f"r{i}",)) for i, f in enumerate(forms)))


@pytest.mark.parametrize(
    ("forms", "text", "expected"),
    [
        (("基层", "基层治理"), "加强基层治理", ["基层治理"]),
        (("基层", "基层治理"), "基层和基层治理", ["基层", "基层治理"]),
        (("ab", "bcd"), "abcd", ["ab"]),  # leftmost wins over longer later
        (("abcd", "bc"), "abce", ["bc"]),
        (("治理能力", "基层治理"), "基层治理能力", ["基层治理"]),  # non-overlapping
        (("新时代", "新时代枫桥经验", "枫桥经验"), "新时代枫桥经验", ["新时代枫桥经验"]),
        (("县",), "县县域", ["县", "县"]),  # one-character forms
        (("县", "县域经济"), "县域经济和县", ["县域经济", "县"]),
        ((), "任何文字", []),
    ],
)
def test_zh_leftmost_longest(forms: tuple[str, ...], text: str, expected: list[str]) -> None:
    found = zh_matcher(*forms).zh_occurrences(text)
    assert [text[s:e] for _, s, e in found] == expected


def leftmost_longest(forms: list[str], text: str) -> list[tuple[int, int]]:
    """Rule 2 by brute force: at each position the longest form, then past it."""
    found, i = [], 0
    while i < len(text):
        fits = [f for f in forms if text.startswith(f, i)]
        if fits:
            longest = max(fits, key=len)
            found.append((i, i + len(longest)))
            i += len(longest)
        else:
            i += 1
    return found


@pytest.mark.parametrize("extra", ["", "𠀀", "a"])  # zh_occurrences takes view text: no spaces
def test_zh_occurrences_agree_with_brute_force(extra: str) -> None:
    rng = random.Random(7)
    alphabet = "基层治理共同富裕数字经济改革新时代枫桥经验红船精神" + extra
    forms = sorted({"".join(rng.choices(alphabet, k=rng.randint(1, 5))) for _ in range(300)})
    matcher = zh_matcher(*forms)
    for _ in range(300):
        text = "".join(rng.choices(alphabet + "的和在𠀁", k=rng.randint(0, 60)))
        ours = [(s, e) for _, s, e in matcher.zh_occurrences(text)]
        assert ours == leftmost_longest(forms, text), text


@pytest.mark.parametrize(
    "text",
    [
        "high quality development",
        "high-quality development",
        "high-\nquality development",
        "high-\r\n   quality  development",
        "high- quality development",
        "high -quality development",
        "high\u00a0quality\ndevelopment",
        "highquality development",
        "high quality",
        "high\tquality\t\tdevelopments",
    ],
)
def test_confirm_is_the_separator_regex(text: str) -> None:
    words = ("high", "quality", "development")
    key = en_key(en_view(text).text)
    m = re.compile(SEPARATOR.join(map(re.escape, words))).match(key)
    assert _confirm(key, 0, words) == (m.end() if m else -1)


def test_matcher_is_cached_by_checksum() -> None:
    terms = (Term("a", ("红船精神",), ("Red Boat Spirit",)),)
    one, two = Glossary.from_terms(terms), Glossary.from_terms(terms)
    assert matcher_for(one) is matcher_for(two)
    other = Glossary(terms=(Term("b", ("共富",), ("common prosperity",)),), checksum=one.checksum)
    assert matcher_for(other).terms == other.terms  # same checksum, other terms: rebuilt


@pytest.mark.parametrize(
    ("rendering", "text", "found"),
    [
        ("Belt and Road Initiative", "the Belt and Road Initiative", "Belt and Road Initiative"),
        ("Belt and Road", "the Belt and Road forum", "Belt and Road"),
        (
            "joint contribution, shared governance",
            "joint contribution,\nshared governance",
            "joint contribution,\nshared governance",
        ),
        ("“Run at Most Once”", "the “Run at Most Once” reform", "“Run at Most Once”"),
        ("20th CPC National Congress", "the 20th CPC National Congress", "20th CPC National Congress"),
        ("20th CPC National Congress", "the 120th CPC National Congress", ""),
    ],
)
def test_en_renderings_with_punctuation_and_digits(rendering: str, text: str, found: str) -> None:
    matcher = Matcher((Term("t", ("词",), (rendering,)),))
    view = en_view(text)
    matches = matcher.en_matches(en_key(view.text)).get(0, [])
    got = text[matches[0].start : matches[0].end] if matches else ""  # the view is one-to-one here
    assert got == found


@pytest.mark.parametrize(
    ("forms", "text", "expected"),
    [
        # U+4E2D is "N-" in UTF-16 units, 0xE4 0xB8 0xAD in UTF-8: a form
        # must not match across characters, whatever the encoding inside.
        (("\u2d4e",), "\u4e4e\u2d4e", [(1, 2)]),
        (("\u2d4e",), "\u4e2d\u4e00", []),  # units 4e [2d 4e] 00: inside two characters
        (("\u4e2d\u4e2d",), "\u4e2d\u4e2d\u4e2d", [(0, 2)]),
        (("𠀀基",), "𠀀基层", [(0, 2)]),
    ],
)
def test_zh_occurrences_on_character_boundaries(
    forms: tuple[str, ...], text: str, expected: list[tuple[int, int]]
) -> None:
    assert [(s, e) for _, s, e in zh_matcher(*forms).zh_occurrences(text)] == expected


def test_prescan_routes_find_every_match() -> None:
    """The keys the token-string automaton proposes (one text, or a batch by
    the prescan) include every key that really matches, and the keys found
    whole in plain texts are exactly the matches: the same as trying every
    key of the glossary on each text."""
    rng = random.Random(13)
    words = ["red", "boat", "spirit", "u.s.", "people's", "co", "_x", "es", "s", "a1"]
    renderings = sorted({" ".join(rng.choices(words, k=rng.randint(1, 3))) for _ in range(60)})
    matcher = Matcher(tuple(Term(f"t{i}", (f"词{i}",), (r,)) for i, r in enumerate(renderings)))
    every = [lead for leads in matcher._en_leads for lead in leads]
    separators = [" ", "  ", "-", "-\n", "\n", ", ", "_", "'", "'s ", "s ", "es ", ".", ""]
    texts = []
    for _ in range(400):
        parts = rng.choices(words, k=rng.randint(1, 8))
        texts.append("".join(p + rng.choice(separators) for p in parts))
    found = dict(matcher.prescan(["" for _ in texts], texts))
    scans = [found.get(i, PreScan([], [])) for i in range(len(texts))]
    matched = plain = 0
    for text, scan in zip(texts, scans, strict=True):
        key = en_key(en_view(text).text)
        expected = matcher.en_matches(key, every)
        matched += bool(expected)
        assert matcher.en_matches(key) == expected, text
        assert scan.en is not None  # ASCII: prescanned
        if scan.en_matches is not None:  # plain text: found whole
            plain += 1
            assert scan.en_matches == expected, text
        else:
            assert matcher.en_matches(key, scan.en) == expected, text
    assert matched > 200  # the texts do hold renderings
    assert 20 < plain < 380  # both routes are taken


def test_keys_with_the_same_token_string_are_all_found_in_plain_text() -> None:
    """ "U.S. dollar" and "U S dollar" share a token string; in plain text
    (found whole by the prescan) and in the single-text path both match."""
    matcher = Matcher((Term("a", ("美元",), ("U.S. dollar",)), Term("b", ("美国",), ("U S dollar",))))
    text = "the u s dollar and the u.s. dollar"
    (_, scan), *_ = matcher.prescan([""], [text])
    assert scan.en_matches is not None  # the plain-text route
    assert scan.en_matches == matcher.en_matches(text)
    assert sorted(scan.en_matches) == [0, 1]


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        pytest.param("the R\u0435d Boat Spirit", True, id="look-alike-one-for-one"),
        pytest.param("the\u00a0Red Boat Spirit", True, id="nbsp-one-for-one"),
        pytest.param("the Red B\u200boat Spirit", False, id="zero-width-space-has-an-offset-map"),
        pytest.param("the Red Boat Spi\u00adrit", False, id="soft-hyphen-has-an-offset-map"),
    ],
)
def test_prescan_takes_only_one_for_one_views_as_plain(text: str, plain: bool) -> None:
    """Matches found whole by the prescan are kept in view offsets without a
    map: a view that dropped invisible characters must take the other route."""
    matcher = Matcher((Term("a", ("红船精神",), ("Red Boat Spirit",)),))
    ((_, scan),) = matcher.prescan([""], [text])
    key = en_key(en_view(text).text)
    assert (scan.en_matches is not None) is plain
    found = scan.en_matches if plain else matcher.en_matches(key, scan.en)
    assert found == matcher.en_matches(key) and found
