"""The matcher: leftmost-longest zh scan (cross-checked against pyahocorasick),
word-by-word en confirmation (cross-checked against the SEPARATOR regex)."""

from __future__ import annotations

import random
import re

import ahocorasick
import pytest

from bilingual.glossary import Glossary
from bilingual.glossary.match import Matcher, _confirm, matcher_for
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


def test_zh_scan_agrees_with_pyahocorasick_on_generated_text() -> None:
    rng = random.Random(7)
    alphabet = "基层治理共同富裕数字经济改革新时代枫桥经验红船精神"
    forms = sorted({"".join(rng.choices(alphabet, k=rng.randint(1, 5))) for _ in range(300)})
    matcher = zh_matcher(*forms)
    automaton = ahocorasick.Automaton()
    for form in forms:
        automaton.add_word(form, form)
    automaton.make_automaton()
    for _ in range(300):
        text = "".join(rng.choices(alphabet + "的和在", k=rng.randint(0, 60)))
        ours = [text[s:e] for _, s, e in matcher.zh_occurrences(text)]
        theirs = [form for _, form in automaton.iter_long(text)] if text else []
        assert ours == theirs, text


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


@pytest.mark.parametrize("extra", ["", "𠀀", "a", "\u3000"])
def test_zh_automaton_agrees_with_the_position_scan(extra: str) -> None:
    """The UTF-16 automaton and the position-by-position scan find the same
    occurrences (odd offsets never match; text beyond the BMP falls back)."""
    rng = random.Random(11)
    alphabet = "基层治理共同富裕数字经济改革县域" + extra
    forms = sorted({"".join(rng.choices(alphabet, k=rng.randint(1, 4))) for _ in range(200)})
    matcher = zh_matcher(*forms)
    for _ in range(300):
        text = "".join(rng.choices(alphabet + "的和在𠀁", k=rng.randint(0, 50)))
        assert matcher.zh_occurrences(text) == matcher._zh_scan(text), text


@pytest.mark.parametrize(
    ("forms", "text", "expected"),
    [
        # U+4E2D is "N-" in UTF-16 units: a form must not match across characters.
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
