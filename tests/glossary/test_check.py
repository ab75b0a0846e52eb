"""The matching rules and verdicts of issue 4, one table per rule."""

from __future__ import annotations

import pytest

from bilingual.glossary import Glossary, check
from bilingual.model import AlignedPair, Bead, Term, Verdict

TERMS = (
    Term("red-boat", ("红船精神",), ("Red Boat Spirit",), forbidden=("Red Ship Spirit",)),
    Term(
        "prosperity",
        ("共同富裕", "共富"),
        ("common prosperity",),
        ("shared prosperity",),
        ("common wealth",),
        False,
    ),
    Term("fengqiao", ("枫桥经验",), ("Fengqiao Experience",)),
    Term(
        "grassroots-gov",
        ("基层治理",),
        ("grassroots governance",),
        ("community-level governance",),
        (),
        False,
    ),
    Term("grassroots", ("基层",), ("grassroots",), (), (), False),
    Term("hq-dev", ("高质量发展",), ("high-quality development",), case_sensitive=False),
    Term("democracy", ("全过程人民民主",), ("whole-process people's democracy",), case_sensitive=False),
    Term(
        "congress", ("党的二十大",), ("20th CPC National Congress",), ("20th National Congress of the CPC",)
    ),
    Term("fyp", ("十四五规划",), ("14th Five-Year Plan",)),
    Term(
        "shared-future",
        ("人类命运共同体",),
        ("community with a shared future for mankind",),
        case_sensitive=False,
    ),
    Term("new-era", ("新时代",), ("new era",), case_sensitive=False),
    Term("fengqiao-new-era", ("新时代枫桥经验",), ("Fengqiao Experience in the new era",)),
    Term("future-community", ("未来社区",), ("future community",), case_sensitive=False),
    Term("villagers", ("村委会",), ("villagers' committee",), case_sensitive=False),
    Term("rural", ("乡村振兴",), ("rural revitalization",), case_sensitive=False),
    Term("urban-rural", ("城乡融合",), ("urban-rural integration",), case_sensitive=False),
)
GLOSSARY = Glossary.from_terms(TERMS)


def run(zh: str, en: str, include_ok: bool = True) -> list[tuple[str, str, str | None]]:
    pair = AlignedPair("doc:z0:e0", zh, en, Bead((0,), (0,)), "doc")
    return [(f.term, f.verdict.value, f.found) for f in check([pair], GLOSSARY, include_ok=include_ok)]


# Rule 1: zh normalisation (NFKC, traditional → simplified, whitespace, quotes).
@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        ("弘扬紅船精神", "Carry forward the Red Boat Spirit.", [("red-boat", "ok", "Red Boat Spirit")]),
        ("坚持共同\u3000富裕", "Pursue common prosperity.", [("prosperity", "ok", "common prosperity")]),
        ("坚持共同 富裕", "Pursue common prosperity.", [("prosperity", "ok", "common prosperity")]),
        ("坚持共同\u00a0富裕", "Pursue common prosperity.", [("prosperity", "ok", "common prosperity")]),
        ("“十四五”规划", "The 14th Five-Year Plan", [("fyp", "ok", "14th Five-Year Plan")]),
        (
            "构建人类命运\n共同体",
            "a community with a shared future for mankind",
            [("shared-future", "ok", None)],
        ),
        (
            "坚持“枫桥经验”",
            "the \u201cFengqiao Experience\u201d",
            [("fengqiao", "ok", "Fengqiao Experience")],
        ),
        ("坚持「枫桥经验」", "the Fengqiao Experience", [("fengqiao", "ok", "Fengqiao Experience")]),
        ("推动共富", "promote common prosperity", [("prosperity", "ok", "common prosperity")]),
        ("ＡＢ共同富裕", "common prosperity", [("prosperity", "ok", "common prosperity")]),
    ],
)
def test_zh_normalisation(zh: str, en: str, expected: list[tuple[str, str, str | None]]) -> None:
    got = run(zh, en)
    assert [(t, v) for t, v, _ in got] == [(t, v) for t, v, _ in expected]
    for (_, _, want), (_, _, found) in zip(expected, got, strict=True):
        if want is not None:
            assert found == want


# Rule 2: leftmost-longest, non-overlapping; each occurrence judged separately (rule 3).
@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        ("加强基层治理", "strengthen grassroots governance", [("grassroots-gov", "ok")]),
        (
            "加强基层治理和基层建设",
            "grassroots governance and grassroots building",
            [("grassroots-gov", "ok"), ("grassroots", "ok")],
        ),
        ("基层", "at the grassroots", [("grassroots", "ok")]),
        (
            "发展新时代枫桥经验",
            "develop the Fengqiao Experience in the new era",
            [("fengqiao-new-era", "ok")],
        ),
        ("新时代", "in the new era", [("new-era", "ok")]),
        (
            "红船精神和红船精神",
            "the Red Boat Spirit and the Red Boat Spirit",
            [("red-boat", "ok"), ("red-boat", "ok")],
        ),
        ("红船精神和红船精神", "the Red Boat Spirit", [("red-boat", "ok"), ("red-boat", "missing")]),
    ],
)
def test_leftmost_longest(zh: str, en: str, expected: list[tuple[str, str]]) -> None:
    assert [(t, v) for t, v, _ in run(zh, en)] == expected


# Rules 4 and 5: apostrophes, whitespace, hyphen/space interchange, hyphen + line break.
@pytest.mark.parametrize(
    ("en", "verdict", "found"),
    [
        ("promote high-quality development", "ok", "high-quality development"),
        ("promote high quality development", "ok", "high quality development"),
        ("promote high-\nquality development", "ok", "high-\nquality development"),
        ("promote high-\r\n  quality development", "ok", "high-\r\n  quality development"),
        ("promote high\u00a0quality\u00a0development", "ok", "high\u00a0quality\u00a0development"),
        ("promote high-quality\n development", "ok", "high-quality\n development"),
        ("promote high\u2011quality development", "ok", "high\u2011quality development"),
        ("promote high  -  quality development", "missing", None),
        ("über high quality development—now", "ok", "high quality development"),  # non-ASCII path
        ("über high-\nquality development", "ok", "high-\nquality development"),
        ("über high\u2014quality development", "missing", None),  # an em dash is not a hyphen
        ("promote\thigh\tquality\tdevelopment", "ok", "high\tquality\tdevelopment"),
        ("promote highquality development", "missing", None),
    ],
)
def test_en_spacing_and_hyphens(en: str, verdict: str, found: str | None) -> None:
    assert run("推动高质量发展", en) == [("hq-dev", verdict, found)]


@pytest.mark.parametrize(
    "en",
    [
        "whole-process people's democracy",
        "whole-process people\u2019s democracy",
        "whole process people\u2018s democracy",
        "whole-process people\u02bcs democracy",
    ],
)
def test_curly_apostrophes(en: str) -> None:
    assert run("全过程人民民主", en) == [("democracy", "ok", en)]


# Rule 6: -s, -es, 's at the end only.
@pytest.mark.parametrize(
    ("en", "verdict", "found"),
    [
        ("two future communitys", "ok", "future communitys"),
        ("the future community's centre", "ok", "future community's"),
        ("the future community\u2019s centre", "ok", "future community\u2019s"),
        ("the future communities", "missing", None),  # -ies is not inferred
        ("future-community pilots", "ok", "future-community"),
        ("the futures community", "missing", None),  # inflection inside the rendering
        ("the future communityes", "ok", "future communityes"),
        ("the future communitys'", "ok", "future communitys"),
        ("the future communityness", "missing", None),
    ],
)
def test_inflections(en: str, verdict: str, found: str | None) -> None:
    assert run("未来社区", en) == [("future-community", verdict, found)]


# Rule 6 for a one-word rendering: the word itself is the last word.
@pytest.mark.parametrize(
    ("en", "verdict", "found"),
    [
        ("grassroots officials", "ok", "grassroots"),
        ("two grassrootses", "ok", "grassrootses"),
        ("the grassroots's voice", "ok", "grassroots's"),
        ("grassrootsy towns", "missing", None),
        ("grassrootsss", "missing", None),
    ],
)
def test_inflections_of_one_word(en: str, verdict: str, found: str | None) -> None:
    assert run("基层", en) == [("grassroots", verdict, found)]


# Rule 7: word boundaries, case-insensitive detection, forbidden variants alike.
@pytest.mark.parametrize(
    ("en", "expected"),
    [
        ("the rural revitalization drive", [("rural", "ok")]),
        ("RURAL REVITALIZATION", [("rural", "ok")]),
        ("the neo-rural revitalization", [("rural", "ok")]),
        ("the ruralrevitalization", [("rural", "missing")]),
        ("the rural revitalizationist", [("rural", "missing")]),
        ("pural revitalization", [("rural", "missing")]),
        ("rural revitalisation", [("rural", "missing")]),  # no British spellings
    ],
)
def test_word_boundaries(en: str, expected: list[tuple[str, str]]) -> None:
    assert [(t, v) for t, v, _ in run("乡村振兴", en)] == expected


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        ("弘扬红船精神", "the Red Ship Spirit", [("red-boat", "forbidden")]),
        ("弘扬红船精神", "the red ship spirit", [("red-boat", "forbidden")]),
        ("弘扬红船精神", "the Red-Ship Spirit's legacy", [("red-boat", "forbidden")]),
        ("共同富裕", "common wealth", [("prosperity", "forbidden")]),
        ("共同富裕", "the commonwealth", [("prosperity", "missing")]),
        ("共同富裕", "shared prosperity", [("prosperity", "ok")]),
        ("没有术语", "the Red Ship Spirit", []),  # forbidden with k = 0: no finding
        ("没有术语", "the Red Boat Spirit", [("red-boat", "unexpected")]),
        ("没有术语", "the red boat spirit", [("red-boat", "unexpected")]),
    ],
)
def test_forbidden_and_unexpected(zh: str, en: str, expected: list[tuple[str, str]]) -> None:
    assert [(t, v) for t, v, _ in run(zh, en)] == expected


# Case: case-sensitive entries; a sentence-initial capital excuses only the first letter.
@pytest.mark.parametrize(
    ("zh", "en", "verdict"),
    [
        ("红船精神", "We carry forward the Red Boat Spirit.", "ok"),
        ("红船精神", "We carry forward the red boat spirit.", "case"),
        ("红船精神", "We carry forward the Red boat Spirit.", "case"),
        ("红船精神", "We carry forward the RED BOAT SPIRIT.", "case"),
        ("红船精神", "Red Boat Spirit guides us.", "ok"),
        ("红船精神", "Red boat spirit guides us.", "case"),
        ("共同富裕", "Common prosperity is the goal.", "ok"),  # case-insensitive entry
        ("共同富裕", "COMMON PROSPERITY", "ok"),
        ("党的二十大", "the 20th CPC National Congress", "ok"),
        ("党的二十大", "the 20th cpc national congress", "case"),
        ("党的二十大", "the 20th National Congress of the CPC", "ok"),
        ("党的二十大", "the 20th national congress of the CPC", "case"),
        ("十四五规划", "the 14th Five Year Plan", "ok"),  # space for hyphen is not a case error
        ("枫桥经验", "It works. Fengqiao Experience rules.", "ok"),
        ("枫桥经验", "It works. “Fengqiao experience” rules.", "case"),
    ],
)
def test_case(zh: str, en: str, verdict: str) -> None:
    assert [v for _, v, _ in run(zh, en)] == [verdict]


def test_sentence_initial_capital_only_excuses_lower_case_rendering() -> None:
    assert run("村委会", "Villagers' committee members met.") == [("villagers", "ok", "Villagers' committee")]
    term = Term("t", ("乡村振兴",), ("rural revitalization",))  # case-sensitive, lower case
    glossary = Glossary.from_terms([term])
    pair = AlignedPair(
        "p", "乡村振兴", "Rural revitalization matters. Rural revitalization too.", Bead((0,), (0,))
    )
    assert [f.verdict for f in check([pair], glossary, include_ok=True)] == [Verdict.OK]
    pair = AlignedPair("p", "乡村振兴", "We push Rural revitalization.", Bead((0,), (0,)))
    assert [f.verdict for f in check([pair], glossary)] == [Verdict.CASE]


# One term twice in a sentence, one right and one wrong rendering.
@pytest.mark.parametrize(
    ("en", "expected"),
    [
        ("the Red Boat Spirit and the Red Ship Spirit", ["ok", "forbidden"]),
        ("the Red Ship Spirit and the Red Boat Spirit", ["forbidden", "ok"]),
        ("the red boat spirit and the Red Boat Spirit", ["case", "ok"]),
        ("the Red Ship Spirit", ["forbidden", "missing"]),
        ("", ["missing", "missing"]),
    ],
)
def test_one_term_twice(en: str, expected: list[str]) -> None:
    assert [v for _, v, _ in run("红船精神与红船精神", en)] == expected


def test_wrong_rendering_is_not_hidden_by_an_extra_right_one() -> None:
    assert [v for _, v, _ in run("红船精神", "the Red Boat Spirit, not the Red Ship Spirit")] == ["forbidden"]


def test_extra_en_matches_are_not_findings() -> None:
    assert run("红船精神", "the Red Boat Spirit, the Red Boat Spirit", include_ok=False) == []


def test_unexpected_inside_a_longer_match_of_an_occurring_entry_is_not_reported() -> None:
    got = run("新时代枫桥经验", "the Fengqiao Experience in the new era")
    assert got == [("fengqiao-new-era", "ok", "Fengqiao Experience in the new era")]
    # ...but it is when the longer entry does not occur in the zh.
    assert ("new-era", "unexpected", "new era") in run("无", "the Fengqiao Experience in the new era")


@pytest.mark.parametrize(
    ("zh", "en", "zh_span", "en_span"),
    [
        ("弘扬紅船精神", "the\u00a0Red\u00a0Boat Spirit", (2, 6), (4, 19)),
        ("“十四五”规划", "14th Five-Year Plan", (1, 7), (0, 19)),
        ("共同\u3000富裕", "common\n  prosperity's", (0, 5), (0, 21)),
        ("人类命运\n共同体", "community with a shared future for mankind", (0, 8), (0, 42)),
    ],
)
def test_spans_point_into_the_original_text(
    zh: str, en: str, zh_span: tuple[int, int], en_span: tuple[int, int]
) -> None:
    pair = AlignedPair("p", zh, en, Bead((0,), (0,)))
    (finding,) = check([pair], GLOSSARY, include_ok=True)
    assert (finding.zh_span, finding.en_span) == (zh_span, en_span)
    assert finding.zh == zh and finding.en == en


def test_finding_fields() -> None:
    pair = AlignedPair("doc:z3:e4", "弘扬红船精神", "the Red Ship Spirit", Bead((3,), (4,)), "doc")
    (f,) = check([pair], GLOSSARY)
    assert (f.segment, f.doc_id, f.term, f.verdict) == ("doc:z3:e4", "doc", "red-boat", Verdict.FORBIDDEN)
    assert f.expected == ("Red Boat Spirit",)
    assert f.found == "Red Ship Spirit"
    assert "Red Boat Spirit" in f.message


def test_missing_has_no_en_span_and_unexpected_no_zh_span() -> None:
    missing = check([AlignedPair("p", "红船精神", "nothing", Bead((0,), (0,)))], GLOSSARY)
    unexpected = check([AlignedPair("p", "无", "Red Boat Spirit", Bead((0,), (0,)))], GLOSSARY)
    assert missing[0].en_span is None and missing[0].zh_span == (0, 4)
    assert unexpected[0].zh_span is None and unexpected[0].en_span == (0, 15)


def test_check_is_pure_and_repeatable() -> None:
    pairs = [AlignedPair(f"p{i}", "红船精神", "red boat spirit", Bead((i,), (i,))) for i in range(3)]
    assert check(pairs, GLOSSARY) == check(pairs, GLOSSARY)
    assert len(check(pairs, GLOSSARY)) == 3


_ZH_PARTS = (
    "弘扬紅船精神",
    "坚持共同\u3000富裕",
    "“十四五”规划",
    "构建人类命运\n共同体",
    "坚持「枫桥经验」",
    "推动共富",
    "ＡＢ共同富裕",
    "加强基层治理",
    "基层和基层治理",
    "新时代枫桥经验",
    "高质量发展",
    "𠀀党的二十大",
    "乡村振兴，城乡融合。",
    "今天天气很好。",
    "未来社区",
    "村委会",
    "\u2f00二三",
    "弘扬红船\u200b精神",  # evasion: a zero-width space inside the zh term
    "坚持共同\ufeff富裕\u00ad",
)
_EN_PARTS = (
    "Carry forward the Red Boat Spirit.",
    "Pursue common prosperity.",
    "the 14th Five-Year Plan",
    "a community with a shared\nfuture for mankind",
    "the \u201cFengqiao Experience\u201d",
    "common wealth",
    "grassroots governance",
    "the grassroots",
    "high-\nquality development",
    "the villagers\u2019 committee",
    "rural revitalizations",
    "urban-rural integration",
    "Nothing here.",
    "Future Community",
    "the new era",
    "Red Ship Spirit",
    "devel\u00adopment",
    "new  era",
    "common_prosperity",  # "_": a word character at the start, not at the end
    "Red Boat Spirit's legacy",
    "Red Boat Spirit\u2019s legacy",
    "the Red, Boat Spirit",  # same tokens, not the rendering
    "red boat spirites",
    "NUL\0common prosperity",
    # Evasions: invisible characters and look-alike letters inside renderings.
    "the Red Sh\u200bip Spirit",
    "Red Ship\u2060 Spirit",
    "R\u0435d Ship Spirit",
    "Red B\u043eat Spirit",
    "common pr\u03bfsperity",
    "𝐜𝐨𝐦𝐦𝐨𝐧 prosperity",
    "\u041f\u0440\u0438\u0432\u0435\u0442, Red Boat Spirit",  # Cyrillic word outside the term
)


def random_pairs(seed: int, n: int) -> list[AlignedPair]:
    """``n`` pairs of zero to two zh parts and zero to three en parts, in one document."""
    import random

    rng = random.Random(seed)
    return [
        AlignedPair(
            f"d:z{i}:e{i}",
            "".join(rng.sample(_ZH_PARTS, rng.randint(0, 2))),
            " ".join(rng.sample(_EN_PARTS, rng.randint(0, 3))),
            Bead((i,), (i,)),
            "d",
        )
        for i in range(n)
    ]


@pytest.mark.parametrize("include_ok", [False, True])
def test_batched_check_is_check_pair_one_by_one(monkeypatch: pytest.MonkeyPatch, include_ok: bool) -> None:
    """The prescan (several batches here) dismisses only pairs without findings."""
    import sys

    from bilingual.glossary.check import check_pair
    from bilingual.glossary.match import matcher_for

    # (bilingual.glossary.check is also the name of the function.)
    monkeypatch.setattr(sys.modules["bilingual.glossary.check"], "_BATCH", 7)
    pairs = random_pairs(3, 400)
    matcher = matcher_for(GLOSSARY)
    one_by_one = [f for p in pairs for f in check_pair(p, matcher, include_ok=include_ok)]
    assert one_by_one  # the data has findings
    assert check(pairs, GLOSSARY, include_ok=include_ok) == one_by_one


def test_parallel_check_is_the_serial_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker processes (forked, each a range of pairs) give the same findings in the same order."""
    import sys

    module = sys.modules["bilingual.glossary.check"]
    if module._workers(2, 10**9) < 2:
        pytest.skip("no fork start method on this platform: the check runs serially")
    monkeypatch.setattr(module, "PARALLEL_MIN", 50)
    monkeypatch.setattr(module, "_BATCH", 13)
    pairs = random_pairs(5, 300)
    serial = check(pairs, GLOSSARY, include_ok=True)
    assert module._workers(2, len(pairs)) == 2
    assert check(iter(pairs), GLOSSARY, include_ok=True, jobs=2) == serial
    assert check(pairs, GLOSSARY, include_ok=True, jobs=0) == serial


def test_progress_counts_pairs_as_the_check_goes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Told after each batch here, each range a worker returns there: a long check is not silent."""
    import sys

    module = sys.modules["bilingual.glossary.check"]
    monkeypatch.setattr(module, "_BATCH", 13)
    pairs = random_pairs(5, 300)
    told: list[tuple[int, int | None]] = []
    serial = check(pairs, GLOSSARY, include_ok=True, progress=lambda done, total: told.append((done, total)))
    assert told == [(min(k, 300), 300) for k in range(0, 300 + 13, 13)]  # 0: begun
    told.clear()
    check(iter(pairs), GLOSSARY, progress=lambda done, total: told.append((done, total)))
    assert told[-1] == (300, None) and len(told) == 25  # an iterator's length is not known
    if module._workers(2, 10**9) < 2:
        return  # no fork start method on this platform: the check runs serially
    monkeypatch.setattr(module, "PARALLEL_MIN", 50)
    told.clear()
    assert check(pairs, GLOSSARY, include_ok=True, jobs=2, progress=lambda *a: told.append(a)) == serial
    size = max(13, -(-300 // 8))  # four ranges a worker
    assert told == [(min(k, 300), 300) for k in range(0, 300 + size, size)]


def test_a_dead_worker_loses_no_finding(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A worker killed mid-check (out of memory, say): the pairs are checked in this process."""
    import os
    import sys

    module = sys.modules["bilingual.glossary.check"]
    if module._workers(2, 10**9) < 2:
        pytest.skip("no fork start method on this platform: the check runs serially")
    monkeypatch.setattr(module, "PARALLEL_MIN", 10)
    pairs = [AlignedPair(f"p{i}", "弘扬红船精神", "the Red Ship Spirit", Bead((i,), (i,))) for i in range(40)]
    serial = check(pairs, GLOSSARY)
    parent, serial_check = os.getpid(), module._check_serial

    def dies_in_a_worker(*args: object) -> object:
        if os.getpid() != parent:
            os._exit(9)
        return serial_check(*args)

    monkeypatch.setattr(module, "_check_serial", dies_in_a_worker)
    assert check(pairs, GLOSSARY, jobs=2) == serial
    assert len(serial) == 40
    assert "worker process died" in caplog.text


# Issue 13, item 5: evasion. Invisible characters inside a rendering do not
# hide it (its verdict is the ordinary one, its span covers them in the
# original text); look-alike letters of other scripts do not either, and the
# verdict says so: spoofed.
@pytest.mark.parametrize(
    ("en", "en_span"),
    [
        pytest.param("the Red Sh\u200bip Spirit", (4, 20), id="zero-width-space"),
        pytest.param("the Red S\u200chip Spirit", (4, 20), id="zero-width-non-joiner"),
        pytest.param("the Red Sh\u200dip Spirit", (4, 20), id="zero-width-joiner"),
        pytest.param("the Red Ship\u2060 Spirit", (4, 20), id="word-joiner"),
        pytest.param("the Red Ship Spi\u00adrit", (4, 20), id="soft-hyphen"),
        pytest.param("the \ufeffRed Ship Spirit\ufeff.", (5, 20), id="bom-around"),
        pytest.param("the R\ufeffed Ship Spirit", (4, 20), id="bom-inside"),
        pytest.param("the Red\u180e Ship Spirit", (4, 20), id="mongolian-vowel-separator"),
        pytest.param("the Red Ship\u2062Spirit", None, id="invisible-times-joins-two-words"),
        pytest.param("the Red\u200b\u200b\u200bShip Spirit", None, id="zero-width-spaces-join-two-words"),
    ],
)
def test_invisible_characters_in_a_forbidden_rendering(en: str, en_span: tuple[int, int] | None) -> None:
    pair = AlignedPair("p", "弘扬红船精神", en, Bead((0,), (0,)))
    (finding,) = check([pair], GLOSSARY)
    if en_span is None:  # no separator left between the words: nothing rendered
        assert finding.verdict is Verdict.MISSING
        return
    assert finding.verdict is Verdict.FORBIDDEN
    assert finding.en_span == en_span
    assert finding.found == en[en_span[0] : en_span[1]]
    # The message names the invisible characters inside the rendering.
    assert ("invisible U+" in finding.message) is (not finding.found.isascii())


@pytest.mark.parametrize(
    ("zh", "zh_span"),
    [
        pytest.param("弘扬红船\u200b精神", (2, 7), id="zero-width-space"),
        pytest.param("弘扬红\u200d船精神", (2, 7), id="zero-width-joiner"),
        pytest.param("弘扬红船\u00ad精神", (2, 7), id="soft-hyphen"),
        pytest.param("\ufeff弘扬紅船\ufeff精神", (3, 8), id="bom-and-traditional"),
        pytest.param("弘扬红船精\ufe00神", (2, 7), id="variation-selector"),
        pytest.param("𠀀红\u2060船精神", (1, 6), id="word-joiner-beyond-bmp-path"),
    ],
)
def test_invisible_characters_in_a_zh_term(zh: str, zh_span: tuple[int, int]) -> None:
    pair = AlignedPair("p", zh, "the Red Boat Spirit", Bead((0,), (0,)))
    (finding,) = check([pair], GLOSSARY, include_ok=True)
    assert (finding.verdict, finding.zh_span) == (Verdict.OK, zh_span)


@pytest.mark.parametrize(
    ("zh", "en", "term", "en_span", "lookalikes"),
    [
        pytest.param(
            "弘扬红船精神",
            "the R\u0435d Ship Spirit",
            "red-boat",
            (4, 19),
            ["U+0435 CYRILLIC SMALL LETTER IE"],
            id="cyrillic-ie-in-forbidden",
        ),
        pytest.param(
            "弘扬红船精神",
            "the Red B\u043e\u0430t Spirit",
            "red-boat",
            (4, 19),
            ["U+043E CYRILLIC SMALL LETTER O", "U+0430 CYRILLIC SMALL LETTER A"],
            id="cyrillic-in-approved",
        ),
        pytest.param(
            "弘扬红船精神",
            "the Red \u0412oat Spirit",
            "red-boat",
            (4, 19),
            ["U+0412 CYRILLIC CAPITAL LETTER VE"],
            id="cyrillic-capital-ve-in-approved",
        ),
        pytest.param(
            "坚持共同富裕",
            "C\u039fMMON PROSPERITY",
            "prosperity",
            (0, 17),
            ["U+039F GREEK CAPITAL LETTER OMICRON"],
            id="greek-capital-omicron-in-common-prosperity",
        ),
        pytest.param(
            "坚持共同富裕",
            "common pr\u03bfsperity",
            "prosperity",
            (0, 17),
            ["U+03BF GREEK SMALL LETTER OMICRON"],
            id="greek-small-omicron-in-common-prosperity",
        ),
        pytest.param(
            "坚持共同富裕",
            "common w\u0435\u200balth",
            "prosperity",
            (0, 14),
            ["U+0435 CYRILLIC SMALL LETTER IE"],
            id="look-alike-and-invisible-in-forbidden",
        ),
        pytest.param(
            "坚持共同富裕",
            "\U0001d41c\U0001d428mmon prosperity",
            "prosperity",
            (0, 17),
            ["U+1D41C MATHEMATICAL BOLD SMALL C", "U+1D428 MATHEMATICAL BOLD SMALL O"],
            id="mathematical-letters-beyond-the-bmp",
        ),
        pytest.param(
            "无",
            "the R\u0435d Ship Spirit",
            "red-boat",
            (4, 19),
            ["U+0435 CYRILLIC SMALL LETTER IE"],
            id="forbidden-in-disguise-without-the-zh-term",
        ),
    ],
)
def test_lookalike_letters_are_spoofed(
    zh: str, en: str, term: str, en_span: tuple[int, int], lookalikes: list[str]
) -> None:
    pair = AlignedPair("p", zh, en, Bead((0,), (0,)))
    (finding,) = check([pair], GLOSSARY, include_ok=True)
    assert (finding.term, finding.verdict, finding.en_span) == (term, Verdict.SPOOFED, en_span)
    assert finding.found == en[en_span[0] : en_span[1]]
    for name in lookalikes:
        assert name in finding.message
    assert finding.message.count("U+") == len(lookalikes) + ("\u200b" in en)


def test_spoofed_ranks_with_forbidden() -> None:
    from bilingual.glossary import SEVERITY, at_or_above

    assert SEVERITY[Verdict.SPOOFED] == SEVERITY[Verdict.FORBIDDEN]
    pair = AlignedPair("p", "弘扬红船精神", "the R\u0435d Boat Spirit", Bead((0,), (0,)))
    findings = check([pair], GLOSSARY)
    assert [f.verdict for f in at_or_above(findings, Verdict.FORBIDDEN)] == [Verdict.SPOOFED]
    # Two renderings, one occurrence: the spoofed one is taken before the right one.
    pair = AlignedPair("p", "弘扬红船精神", "Red Boat Spirit, R\u0435d Boat Spirit", Bead((0,), (0,)))
    assert [f.verdict for f in check([pair], GLOSSARY)] == [Verdict.SPOOFED]


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        pytest.param(
            "弘扬红船精神",
            "\u041f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440, the Red Boat Spirit",
            id="cyrillic-words-before",
        ),
        pytest.param(
            "弘扬红船精神",
            "the Red Boat Spirit (\u0420\u0435\u0434 \u0411\u043e\u0430\u0442)",
            id="cyrillic-words-after",
        ),
        pytest.param(
            "弘扬红船精神",
            "the Red Boat Spirit, \u03b1\u03bd\u03b8\u03c1\u03c9\u03c0\u03bf\u03c2",
            id="greek-word",
        ),
        pytest.param("弘扬红船精神", "the Red Boat Spirit of Ｚhejiang", id="full-width-letter-elsewhere"),
        pytest.param("无", "\u0441\u043e\u0440 \u0430\u0441\u0435", id="cyrillic-only-text"),
        pytest.param("无", "caf\u00e9 na\u00efve r\u00e9sum\u00e9", id="accented-latin"),
    ],
)
def test_lookalikes_outside_a_term_are_not_flagged(zh: str, en: str) -> None:
    pair = AlignedPair("p", zh, en, Bead((0,), (0,)))
    assert all(f.verdict is Verdict.OK for f in check([pair], GLOSSARY, include_ok=True))


def test_a_lookalike_the_rendering_itself_holds_is_no_spoof() -> None:
    glossary = Glossary.from_terms([Term("alpha", ("阿尔法",), ("\u03b1-helix",), case_sensitive=False)])
    pair = AlignedPair("p", "阿尔法", "the \u03b1-helix", Bead((0,), (0,)))
    assert [f.verdict for f in check([pair], glossary, include_ok=True)] == [Verdict.OK]
    pair = AlignedPair("p", "阿尔法", "the a-helix", Bead((0,), (0,)))
    assert [f.verdict for f in check([pair], glossary, include_ok=True)] == [Verdict.OK]
