"""The number and date rules of issue 14, one table per rule (bilingual/glossary/numbers*.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bilingual.glossary import Glossary, check
from bilingual.glossary.numbers import (
    Value,
    check_numbers,
    check_pairs,
    extract_en,
    extract_zh,
    suggestion,
)
from bilingual.glossary.numbers_zh import cn_int
from bilingual.model import AlignedPair, Bead, Term, Verdict


def pair(zh: str, en: str, pid: str = "doc:z0:e0") -> AlignedPair:
    return AlignedPair(pid, zh, en, Bead((0,), (0,)), "doc")


def show(value: Value) -> tuple[str, str, str]:
    """(kind, text, value): a date as y-m-d with ? for a part not written."""
    if value.kind == "date":
        parts = (value.year, value.month, value.day)
        written = "-".join("?" if p is None else str(p) for p in parts)
        return (value.kind, value.text, written)
    assert value.number is not None
    return (value.kind, value.text, f"{value.number.normalize():f}")


# Rule 1: what counts as a number on the Chinese side.
ZH_CASES = [
    # Arabic digits, separators, full width, multipliers, percent
    ("共有12个", [("number", "12个", "12")]),
    ("收入达到46276元", [("number", "46276元", "46276")]),
    ("共46,276元", [("number", "46,276元", "46276")]),
    ("办结率达99.2%", [("percent", "99.2%", "99.2")]),
    ("增长１２％", [("percent", "１２％", "12")]),
    ("共１２个", [("number", "１２个", "12")]),
    ("达3.5万", [("number", "3.5万", "35000")]),
    ("达2.726亿", [("number", "2.726亿", "272600000")]),
    ("投入3.5亿元", [("number", "3.5亿元", "350000000")]),
    ("超过1200万人次", [("number", "1200万人", "12000000")]),
    ("共5千万元", [("number", "5千万元", "50000000")]),
    ("共2万亿元", [("number", "2万亿元", "2000000000000")]),
    ("压缩至0.5个工作日", [("number", "0.5个", "0.5")]),
    ("比为1.56∶1", [("number", "1.56", "1.56"), ("number", "1", "1")]),
    # 百分之 + numeral; N个百分点 is a plain number
    ("增长百分之十二", [("percent", "百分之十二", "12")]),
    ("增长百分之十二点五", [("percent", "百分之十二点五", "12.5")]),
    ("下降百分之二十一", [("percent", "百分之二十一", "21")]),
    ("提高5个百分点", [("number", "5个", "5")]),
    # numeral runs: only before a unit, after 第, or in a date
    ("二百一十二个", [("number", "二百一十二个", "212")]),
    ("一百零八个", [("number", "一百零八个", "108")]),
    ("八亿七千万元", [("number", "八亿七千万元", "870000000")]),
    ("一千二百亿元", [("number", "一千二百亿元", "120000000000")]),
    ("三万五千余件", [("number", "三万五千余件", "35000")]),
    ("二十余家三甲医院", [("number", "二十余家", "20")]),
    ("两个维护", [("number", "两个", "2")]),
    ("十八个村", [("number", "十八个", "18")]),
    ("两三个", [("number", "两", "2"), ("number", "三个", "3")]),  # "two or three", not 23
    ("七八家", [("number", "七", "7"), ("number", "八家", "8")]),
    ("二〇个", [("number", "二〇个", "20")]),
    ("三十五周年", [("number", "三十五周年", "35")]),
    ("第二十", [("ordinal", "第二十", "20")]),
    ("第3批", [("ordinal", "第3", "3")]),
    ("统一", []),
    ("一体化", []),
    ("一线", []),
    ("进一步", []),
    ("一带一路", []),
    ("四治融合", []),
    ("党的二十大", []),
    ("十分关心", []),
    ("千家万户", []),
    # units longest first: 3千米 is 3 km
    ("全长3千米", [("number", "3千米", "3")]),
    ("全长三千米", [("number", "三千米", "3")]),
    ("面积5平方公里", [("number", "5平方公里", "5")]),
    ("用时2小时", [("number", "2小时", "2")]),
    # dates, years and numbers of years
    ("2023年2月14日", [("date", "2023年2月14日", "2023-2-14")]),
    ("2月14日", [("date", "2月14日", "?-2-14")]),
    ("2023年2月", [("date", "2023年2月", "2023-2-?")]),
    ("2023年", [("year", "2023年", "2023")]),
    ("2月", [("date", "2月", "?-2-?")]),
    ("二〇二三年三月二十日", [("date", "二〇二三年三月二十日", "2023-3-20")]),
    ("十二月", [("date", "十二月", "?-12-?")]),
    ("12月13日至14日", [("date", "12月13日", "?-12-13"), ("date", "14日", "?-12-14")]),
    ("3月1日—5日", [("date", "3月1日", "?-3-1"), ("date", "5日", "?-3-5")]),
    ("2022年12月13日至14日", [("date", "2022年12月13日", "2022-12-13"), ("date", "14日", "2022-12-14")]),
    ("发布日期：2023-05-10", [("date", "2023-05-10", "2023-5-10")]),
    # month ranges: two months, the year written before the first one taking both
    ("1-6月", [("date", "1", "?-1-?"), ("date", "6月", "?-6-?")]),
    ("1至6月", [("date", "1", "?-1-?"), ("date", "6月", "?-6-?")]),
    ("1—6月份", [("date", "1", "?-1-?"), ("date", "6月", "?-6-?")]),
    ("2023年1-10月", [("date", "2023年1", "2023-1-?"), ("date", "10月", "2023-10-?")]),
    ("1月至6月", [("date", "1月", "?-1-?"), ("date", "6月", "?-6-?")]),
    ("1-6月13日", [("number", "1", "1"), ("date", "6月13日", "?-6-13")]),  # no month range
    # times (minutes since midnight): N时M分, N点M分, N点半; 下午/晚上 shift to 24 hours; a
    # bare N点 is a count of points (提出3点意见), not a time, unless a part of the day is said
    ("上午9时30分", [("time", "上午9时30分", "570")]),
    ("9时30分", [("time", "9时30分", "570")]),
    ("下午3时", [("time", "下午3时", "900")]),
    ("9点30分", [("time", "9点30分", "570")]),
    ("晚上8点", [("time", "晚上8点", "1200")]),
    ("下午4:30", [("time", "下午4:30", "990")]),
    ("10点半", [("time", "10点半", "630")]),
    ("下午3时至5时", [("time", "下午3时", "900"), ("time", "5时", "1020")]),
    ("晚上10时至2时", [("time", "晚上10时", "1320"), ("time", "2时", "120")]),
    ("提出3点意见", [("number", "3", "3")]),
    ("晚上3个小时", [("number", "3个", "3")]),
    ("近5年", [("number", "5年", "5")]),
    ("连续十九年", [("number", "十九年", "19")]),
    ("12个月", [("number", "12个", "12")]),
    # names, not figures
    ("新冠COVID-19疫情", []),
    ("5G网络", []),
]


@pytest.mark.parametrize(("text", "expected"), ZH_CASES, ids=[c[0] for c in ZH_CASES])
def test_extract_zh(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [show(v) for v in extract_zh(text)] == expected


def test_zh_spans_are_into_the_original_text() -> None:
    text = "增长１２％，共3.5万人"
    for value in extract_zh(text):
        assert text[value.start : value.end] == value.text


# Rule 2: the English side.
EN_CASES = [
    ("46,276 yuan", [("number", "46,276", "46276")]),
    ("a rate of 99.2", [("number", "99.2", "99.2")]),
    ("1.2 million yuan", [("number", "1.2 million", "1200000")]),
    ("1.2\u00a0million yuan", [("number", "1.2\u00a0million", "1200000")]),
    ("35 thousand", [("number", "35 thousand", "35000")]),
    ("272.6 million", [("number", "272.6 million", "272600000")]),
    ("120 billion", [("number", "120 billion", "120000000000")]),
    ("2 trillion", [("number", "2 trillion", "2000000000000")]),
    ("twelve", [("number", "twelve", "12")]),
    ("Eighteen villages", [("number", "Eighteen", "18")]),
    ("twenty-one", [("number", "twenty-one", "21")]),
    ("two hundred and twelve", [("number", "two hundred and twelve", "212")]),
    ("Ten Thousand Villages", [("number", "Ten Thousand", "10000")]),
    # "one" starts a number before a scale word; alone it is no value (rule 3: 1 is never checked)
    ("one hundred thousand", [("number", "one hundred thousand", "100000")]),
    ("One hundred and twelve people", [("number", "One hundred and twelve", "112")]),
    ("one hundred and one", [("number", "one hundred and one", "101")]),
    ("One Million Trees", [("number", "One Million", "1000000")]),
    ("ONE\u00a0THOUSAND", [("number", "ONE\u00a0THOUSAND", "1000")]),
    ("one of them", []),
    ("half a million", [("number", "half a million", "500000")]),
    ("Half a billion yuan", [("number", "Half a billion", "500000000")]),
    ("thousands of people", []),
    ("20th", [("ordinal", "20th", "20")]),
    ("102nd anniversary", [("ordinal", "102nd", "102")]),
    ("twentieth", [("ordinal", "twentieth", "20")]),
    ("twenty-first", [("ordinal", "twenty-first", "21")]),
    ("12%", [("percent", "12%", "12")]),
    ("12 percent", [("percent", "12 percent", "12")]),
    ("12 per cent", [("percent", "12 per cent", "12")]),
    ("5 percentage points", [("number", "5", "5")]),
    ("February 14", [("date", "February 14", "?-2-14")]),
    ("14 February", [("date", "14 February", "?-2-14")]),
    ("Feb. 14, 2023", [("date", "Feb. 14, 2023", "2023-2-14")]),
    ("December 13-14, 2022", [("date", "December 13", "2022-12-13"), ("date", "14, 2022", "2022-12-14")]),
    # a range of days with "to" or "and": two dates when the second day is after the first
    # and is not followed by a word it counts ("December 13 and 14 villages")
    ("from December 13 to 14", [("date", "December 13", "?-12-13"), ("date", "14", "?-12-14")]),
    ("December 13 and 14, 2022", [("date", "December 13", "2022-12-13"), ("date", "14, 2022", "2022-12-14")]),
    ("From October 1 to 7", [("date", "October 1", "?-10-1"), ("date", "7", "?-10-7")]),
    ("on October 1 through 7 in Beijing", [("date", "October 1", "?-10-1"), ("date", "7", "?-10-7")]),
    ("from 13 to 14 December", [("date", "13", "?-12-13"), ("date", "14 December", "?-12-14")]),
    ("December 13 and 14 villages", [("date", "December 13", "?-12-13"), ("number", "14", "14")]),
    ("December 13 and 12", [("date", "December 13", "?-12-13"), ("number", "12", "12")]),
    ("from 14 to 13 December", [("number", "14", "14"), ("date", "13 December", "?-12-13")]),
    ("in February 2023", [("date", "February 2023", "2023-2-?")]),
    ("in February", [("date", "February", "?-2-?")]),
    ("in May", [("date", "May", "?-5-?")]),
    ("from January to June", [("date", "January", "?-1-?"), ("date", "June", "?-6-?")]),
    ("January-June", [("date", "January", "?-1-?"), ("date", "June", "?-6-?")]),
    ("January to May", [("date", "January", "?-1-?"), ("date", "May", "?-5-?")]),
    ("May we", []),
    ("2023-02-14", [("date", "2023-02-14", "2023-2-14")]),
    ("in 2023", [("year", "2023", "2023")]),
    ("at 9:30 a.m.", [("time", "9:30 a.m.", "570")]),
    ("at 3 p.m.", [("time", "3 p.m.", "900")]),
    ("9:30 PM", [("time", "9:30 PM", "1290")]),
    ("12 am", [("time", "12 am", "0")]),
    ("at 10 o'clock", [("time", "10 o'clock", "600")]),
    ("from 3 to 5 p.m.", [("time", "3", "900"), ("time", "5 p.m.", "1020")]),
    ("16:18", [("time", "16:18", "978")]),
    ("12 PM2.5 monitors", [("number", "12", "12")]),
    ("covid-19", []),
    ("5G networks", []),
    ("the 1990s", []),
]


@pytest.mark.parametrize(("text", "expected"), EN_CASES, ids=[c[0] for c in EN_CASES])
def test_extract_en(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [show(v) for v in extract_en(text)] == expected


# Precision: the unit of the last written digit times the multiplier (rule 4).
PRECISION = [
    ("272.6 million", "100000"),
    ("273 million", "1000000"),
    ("270 million", "10000000"),
    ("35,000", "1"),
    ("12.5%", "0.1"),
    ("twelve", "1"),
    ("one hundred thousand", "100000"),
    ("half a million", "100000"),  # as 0.5 million
]


@pytest.mark.parametrize(("text", "precision"), PRECISION)
def test_precision(text: str, precision: str) -> None:
    [value] = extract_en(text)
    assert value.precision == Decimal(precision)


# Rules 3-6: the comparison. Findings as (verdict, found).
M, U = Verdict.MISSING, Verdict.UNEXPECTED
CHECK_CASES = [
    # rule 4: values, not strings
    ("3.5万", "35,000", []),
    ("3.5万", "35 thousand", []),
    ("2.726亿", "272.6 million", []),
    ("2.726亿", "272,600,000", []),
    ("两个", "two", []),
    ("两个", "2", []),
    ("第二十", "20th", []),
    ("第二十", "twentieth", []),
    ("三十五周年", "the 35th anniversary", []),
    ("102周年", "the 102nd anniversary", []),
    ("连续十九年", "for the 19th consecutive year", []),
    ("百分之十二", "12%", []),
    ("百分之十二", "12 percent", []),
    ("提高5个百分点", "up 5 percentage points", []),
    ("八亿七千万元", "870 million yuan", []),
    ("１２个", "12", []),
    ("十万人", "one hundred thousand people", []),
    ("一百一十二人", "One hundred and twelve people", []),
    ("50万人", "half a million people", []),
    ("100万人", "half a million people", [(M, "100万人"), (U, "half a million")]),
    # rounding: half a unit of the English figure's last written digit
    ("2.726亿", "273 million", []),
    ("2.726亿", "270 million", []),
    ("2.726亿", "27 million", [(M, "2.726亿"), (U, "27 million")]),
    ("2.75亿", "280 million", []),  # 5 million off, precision 10 million: the boundary holds
    ("2.7501亿", "270 million", [(M, "2.7501亿"), (U, "270 million")]),
    ("12.5%", "13%", []),
    ("12.51%", "12%", [(M, "12.51%"), (U, "12%")]),
    ("34,800", "35,000", [(M, "34,800"), (U, "35,000")]),  # no multiplier: every zero counts
    # a percentage equals only a percentage
    ("12%", "12", [(M, "12%"), (U, "12")]),
    ("12个", "12%", [(M, "12个"), (U, "12%")]),
    # swapped digits: one missing, one unexpected
    ("增长32%", "up 23%", [(M, "32%"), (U, "23%")]),
    # the value 1 is never checked
    ("一个", "a", []),
    ("一项", "one", []),
    ("第一", "second", [(U, "second")]),
    ("一个", "two", [(U, "two")]),
    # numerals that are part of a word
    ("推进统一", "unify", []),
    ("一体化发展", "integrated development", []),
    ("四治融合", "integration of four kinds of governance", [(U, "four")]),
    ("一带一路", "Belt and Road", []),
    # dates: the parts written on both sides
    ("2月14日", "February 14, 2023", []),
    ("2月14日", "14 February", []),
    ("2023年2月14日", "2023-02-14", []),
    ("2023年2月14日", "February 15, 2023", [(M, "2023年2月14日"), (U, "February 15, 2023")]),
    ("2023年3月14日", "February 14, 2023", [(M, "2023年3月14日"), (U, "February 14, 2023")]),
    ("二〇二三年三月二十日", "2023-03-20", []),
    ("2023年2月", "in February 2023", []),
    ("12月13日至14日", "December 13-14, 2022", []),
    ("2022年12月13日至14日", "December 13-14, 2022", []),
    ("12月13日至15日", "December 13-14", [(M, "15日"), (U, "14")]),
    ("3月1日—5日", "March 1-5", []),
    ("12月13日至14日", "from December 13 to 14", []),
    ("12月13日至14日", "on December 13 and 14", []),
    ("10月1日至7日", "From October 1 to 7", []),
    ("12月13日至14日", "from 13 to 14 December 2022", []),
    ("12月13日至15日", "from December 13 to 14", [(M, "15日"), (U, "14")]),
    ("12月13日，14个村", "on December 13 and 14 villages", []),
    ("3月17日", "On March 17", []),
    ("1-6月", "from January to June", []),
    ("今年1至6月", "January-June 2023", []),
    ("2023年1—6月", "from January to June", []),
    ("1-6月", "January to May", [(M, "6月"), (U, "May")]),
    # years: alone on one side is no finding; differing on both sides is
    ("今年", "in 2023", []),
    ("2023年", "this year", []),
    ("2022年", "in 2023", [(M, "2022年"), (U, "2023")]),
    ("2023年2月14日", "February 14", []),
    ("1921年", "in 1921", []),
    # counts of years are numbers
    ("近5年", "in the past five years", []),
    ("四年来", "over the past four years", []),
    # times
    ("2023年2月14日 16:18", "2023-02-14 16:18", []),
    ("2023-05-10", "2023-05-10 09:30", [(U, "09:30")]),
    ("上午9时30分", "at 9:30 a.m.", []),
    ("9时30分", "at 09:30", []),
    ("下午3时", "at 3 p.m.", []),
    ("下午3时", "at 15:00", []),
    ("下午3时", "at 3 a.m.", [(M, "下午3时"), (U, "3 a.m.")]),
    ("下午3时至5时", "from 3 to 5 p.m.", []),
    ("9时30分", "9.30 hours", [(M, "9时30分"), (U, "9.30")]),
    # multisets: each value counts once
    ("12个和12个", "12", [(M, "12个")]),
    ("12个", "12 and 12", [(U, "12")]),
    ("共23个，另有41个", "23 and 41", []),
    ("两三个村", "two or three villages", []),
    ("两三个村", "2-3 villages", []),
    ("3千米", "3 km", []),
    ("3千米", "3,000 metres", [(M, "3千米"), (U, "3,000")]),
]


@pytest.mark.parametrize(("zh", "en", "expected"), CHECK_CASES, ids=[f"{c[0]}|{c[1]}" for c in CHECK_CASES])
def test_check_numbers(zh: str, en: str, expected: list[tuple[Verdict, str]]) -> None:
    findings = check_numbers(pair(zh, en))
    assert [(f.verdict, f.found) for f in findings] == expected
    for f in findings:
        assert f.check == "number"
        if f.verdict is Verdict.MISSING:
            assert f.zh_span is not None and zh[f.zh_span[0] : f.zh_span[1]] == f.found
        else:
            assert f.en_span is not None and en[f.en_span[0] : f.en_span[1]] == f.found


# Rule 3: a number inside a glossary term's occurrence is the term check's business.
EXCLUDE_CASES = [
    ("党的二十大", "the 20th CPC National Congress", [], [(4, 30)], []),
    ("做到两个维护", "the Two Upholds", [(2, 6)], [(4, 15)], []),
    ("做到两个维护", "the Two Upholds", [(2, 6)], [], [(U, "Two")]),
    ("做到两个维护", "the Two Upholds", [], [(4, 15)], [(M, "两个")]),
]


@pytest.mark.parametrize(("zh", "en", "ex_zh", "ex_en", "expected"), EXCLUDE_CASES)
def test_excluded_spans(
    zh: str,
    en: str,
    ex_zh: list[tuple[int, int]],
    ex_en: list[tuple[int, int]],
    expected: list[tuple[Verdict, str]],
) -> None:
    assert [(f.verdict, f.found) for f in check_numbers(pair(zh, en), ex_zh, ex_en)] == expected


def test_check_pairs_excludes_the_term_spans() -> None:
    glossary = Glossary.from_terms([Term("congress", ("二十大",), ("20th CPC National Congress",))])
    pairs = [pair("贯彻党的二十大精神，增长32%", "the 20th CPC National Congress, up 23%")]
    terms = check(pairs, glossary, include_ok=True)
    findings = check_pairs(pairs, terms)
    assert [(f.verdict, f.found) for f in findings] == [(M, "32%"), (U, "23%")]
    # Without the term spans the ordinal would be unexpected.
    assert [f.found for f in check_pairs(pairs)] == ["32%", "20th", "23%"]


def test_term_spans_are_per_document() -> None:
    """Files of pairs may repeat pair ids across documents: one document's term spans never
    hide another's figures."""
    glossary = Glossary.from_terms([Term("congress", ("二十大",), ("20th CPC National Congress",))])
    congress = AlignedPair(
        "1", "党的二十大召开", "the 20th CPC National Congress opened", Bead((0,), (0,)), "a"
    )
    meeting = AlignedPair("1", "会议召开", "the 20th meeting opened", Bead((0,), (0,)), "b")
    terms = check([congress, meeting], glossary, include_ok=True)
    findings = check_pairs([congress, meeting], terms)
    assert [(f.doc_id, f.verdict, f.found) for f in findings] == [("b", U, "20th")]


def test_the_number_check_inside_the_term_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """check(..., number_units=...) gives what the two checks give one after the other (the
    term check with ok findings for the spans, those dropped after), in pair order, with and
    without workers."""
    import sys

    from bilingual.glossary.numbers import UNITS

    glossary = Glossary.from_terms([Term("congress", ("二十大",), ("20th CPC National Congress",))])
    texts = [
        ("贯彻党的二十大精神，增长32%", "the 20th CPC National Congress, up 23%"),
        ("共有12个村", "12 villages"),
        ("二十大", "the 20th Congress"),
        ("近5年", "in the past 6 years"),
    ]
    pairs = [pair(zh, en, f"doc:z{k}:e{k}") for k in range(40) for zh, en in [texts[k % 4]]]
    terms = check(pairs, glossary, include_ok=True)
    numbers = check_pairs(pairs, terms)
    order = {p.id: k for k, p in enumerate(pairs)}
    kept = [f for f in terms if f.verdict is not Verdict.OK]
    expected = sorted([*kept, *numbers], key=lambda f: order[f.segment])
    assert numbers and kept
    assert check(pairs, glossary, number_units=UNITS) == expected
    module = sys.modules["bilingual.glossary.check"]
    monkeypatch.setattr(module, "PARALLEL_MIN", 10)
    assert check(pairs, glossary, number_units=UNITS, jobs=2) == expected
    with_ok = sorted([*terms, *numbers], key=lambda f: order[f.segment])
    assert check(pairs, glossary, include_ok=True, number_units=UNITS) == with_ok


def test_check_pairs_tells_its_progress(monkeypatch: pytest.MonkeyPatch) -> None:
    """The number check alone (no glossary) tells the pairs checked after each batch too."""
    import sys

    monkeypatch.setattr(sys.modules["bilingual.glossary.numbers"], "BATCH", 4)
    pairs = [pair("增长32%", "up 23%", f"doc:z{k}:e{k}") for k in range(10)]
    told: list[tuple[int, int | None]] = []
    found = check_pairs(pairs, progress=lambda done, total: told.append((done, total)))
    assert told == [(0, 10), (4, 10), (8, 10), (10, 10)]
    assert found == check_pairs(pairs)
    told.clear()
    check_pairs(iter(pairs), progress=lambda done, total: told.append((done, total)))
    assert told == [(0, None), (4, None), (8, None), (10, None)]


def test_finding_fields() -> None:
    p = pair("增长32%，共3.5万人", "up 23%, 35,000 people", "bulletin:z3:e3")
    missing, unexpected = check_numbers(p)
    assert missing.segment == unexpected.segment == "bulletin:z3:e3"
    assert missing.doc_id == "doc" and missing.term == "number"
    assert missing.zh_span == (2, 5) and missing.en_span is None
    assert missing.expected == ("32%",)
    assert '"23%"' in missing.message
    assert unexpected.en_span == (3, 6) and unexpected.zh_span is None
    assert unexpected.expected == ("32%",)  # the leftovers pair one to one: the fix is known
    assert "32%" in unexpected.message


def test_date_findings_are_dates() -> None:
    [missing, unexpected] = check_numbers(pair("2月14日", "February 15"))
    assert missing.term == unexpected.term == "date"
    assert missing.expected == ("14 February",)


def test_time_findings_are_times() -> None:
    [missing, unexpected] = check_numbers(pair("下午3时", "at 3 a.m."))
    assert missing.term == unexpected.term == "time"
    assert missing.expected == ("15:00",)


# suggestion(): the English figure a Chinese value implies.
SUGGESTIONS = [
    ("3.5万", "35,000"),
    ("2.726亿", "272.6 million"),
    ("一千二百亿元", "120 billion"),
    ("46276元", "46,276"),
    ("0.5个", "0.5"),
    ("第二十", "20th"),
    ("第一百零二", "102nd"),
    ("第十一", "11th"),
    ("百分之十二点五", "12.5%"),
    ("2月14日", "14 February"),
    ("2023年2月14日", "14 February 2023"),
    ("2023年2月", "February 2023"),
    ("2023年", "2023"),
    ("16:18", "16:18"),
]


@pytest.mark.parametrize(("zh", "expected"), SUGGESTIONS)
def test_suggestion(zh: str, expected: str) -> None:
    [value] = extract_zh(zh)
    assert suggestion(value) == expected


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("十", 10), ("十二", 12), ("二十", 20), ("一百零八", 108), ("三万五千", 35000), ("二〇二三", 2023)],
)
def test_cn_int(numeral: str, value: int) -> None:
    assert cn_int(numeral) == value


def test_units_are_a_parameter() -> None:
    # 级 is not in the list: "three" has no counterpart unless a caller adds it.
    p = pair("三级体系", "a three-level system")
    assert [f.found for f in check_numbers(p)] == ["three"]
    assert check_numbers(p, units=("级",)) == []


def test_a_pair_without_figures_is_skipped() -> None:
    assert check_numbers(pair("推进统一", "unify")) == []
    assert check_numbers(pair("", "")) == []


# Anchors: one scan of a batch finds where values may lie; a batch finds what one text does.
def test_a_batch_finds_what_each_pair_does() -> None:
    pairs = [pair(zh, en, f"doc:z{k}:e{k}") for k, (zh, en, _) in enumerate(CHECK_CASES)]
    one_by_one = [f for p in pairs for f in check_numbers(p)]
    assert check_pairs(pairs) == one_by_one
    assert len(one_by_one) == sum(len(expected) for _, _, expected in CHECK_CASES)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Two districts", ["Two"]),  # at the start of the text
        ("“Two Upholds”", ["Two"]),
        ("(twelve)", ["twelve"]),
        ("TWELVE", ["TWELVE"]),
        ("often, attention, content, weight", []),  # number words inside other words
        ("a million", ["a million"]),
        ("in 2022,twelve", ["2022", "twelve"]),
    ],
)
def test_english_words_start_after_a_delimiter(text: str, found: list[str]) -> None:
    assert [v.text for v in extract_en(text)] == found


def test_a_bare_scale_word_matches_but_is_never_reported_left_over() -> None:
    """千村 = "Thousand Villages" (matched); 千万工程 = "the Thousand Villages ... Project" (silent)."""
    matched = AlignedPair("d:z0:e0", "千村示范", "the Thousand Villages Demonstration", Bead((0,), (0,)), "d")
    assert check_numbers(matched) == []
    name = AlignedPair("d:z1:e1", "千万工程", "the Thousand Villages project", Bead((1,), (1,)), "d")
    assert check_numbers(name) == []
    vague = AlignedPair("d:z2:e2", "志愿者参加", "hundreds of volunteers took part", Bead((2,), (2,)), "d")
    assert check_numbers(vague) == []


# What a matched text is worth is remembered (numbers_zh.templates) with the character after it,
# or without it where the pattern cannot tell that character apart: the same text matched where
# what follows (or, for "May", what precedes) changes its value must not reuse the other's.
SAME_TEXT = [
    ("zh", "有5，", [("number", "5", "5")], "5G网络", []),  # "5" before a Latin letter is a name
    ("zh", "3千，", [("number", "3千", "3000")], "3千米", [("number", "3千米", "3")]),
    ("en", "5 villages", [("number", "5", "5")], "5G networks", []),
    ("en", "in May", [("date", "May", "?-5-?")], "May we", []),  # "May" alone: after "in", "by"...
]


@pytest.mark.parametrize("reverse", [False, True])
@pytest.mark.parametrize(("side", "first", "found_first", "second", "found_second"), SAME_TEXT)
def test_a_remembered_match_is_placed_only_where_it_means_the_same(
    side: str,
    first: str,
    found_first: list[tuple[str, str, str]],
    second: str,
    found_second: list[tuple[str, str, str]],
    reverse: bool,
) -> None:
    extract = extract_zh if side == "zh" else extract_en
    cases = [(first, found_first), (second, found_second)]
    for text, expected in (cases[::-1] if reverse else cases) * 2:  # read, then remembered
        assert [show(v) for v in extract(text)] == expected
