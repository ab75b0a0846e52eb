"""Lexical features: the cached, Aho-Corasick implementation equals the plain one.

:mod:`bilingual.align.lexicon` caches words and features per sentence and
per token, and finds glossary terms with one automaton scan. The plain
versions below are the straightforward loops it replaced (a loop over every
term testing ``form in text``); both must give
the same features, in the same order, so alignments do not change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pytest

from bilingual.align import lexicon
from bilingual.model import Term

TERMS = (
    Term("rbs", ("红船精神",), ("Red Boat Spirit",), forbidden=("Red Ship Spirit",)),
    Term("red-boat", ("红船",), ("Red Boat",)),  # a form inside another term's form
    Term("cp", ("共同富裕",), ("common prosperity",), en_ok=("shared prosperity",)),
    Term("empty", ("",), ("",)),  # empty forms match nothing
    Term("fq", ("枫桥经验", "枫桥式经验"), ("Fengqiao Experience",)),
    Term("cp-again", ("共同富裕",), ("Common Prosperity",)),  # two terms, one form
)

ZH = [
    "二〇二二年十二月十三日，嘉兴召开会议。",
    "党的二十大以来，平湖市完成率最高，处置各类事件三万五千余件。",
    "黄建发指出，要弘扬红船精神，推进共同富裕。",
    "嘉兴第12项工作推进枫桥经验，完成项目345个，群众满意度持续提升。",
    "发布日期：2023-01-01 abc 12.5% a-b#c\r\n测试  再来",
    "红船红船精神枫桥式经验",
    "",
    "   ",
    "𠀀字与Extension B混合123号",
]
EN = [
    "On December 13, 2022, Jiaxing held a meeting.",
    "Since the 20th National Congress, Pinghu had the highest rate; 35,000 incidents were handled.",
    "Huang Jianfa said the red boat spirit and Common Prosperity must go on.",
    "Jiaxing advanced the Fengqiao Experience in task 12, completing 345 projects & raising welfare.",
    "It is one of the first twelve; the 3rd and the twenty-first, 1.5 and 2,000.5.",
    "Jiaxing’s shared prosperity — the city’s.",
    "",
    "RED BOAT SPIRIT, Red Ship Spirit",
]


def plain_terms(text: str, terms: Sequence[Term], side: str) -> list[str]:
    found = []
    lowered = text.lower()
    for term in terms:
        forms = term.zh if side == "zh" else term.approved
        if any(
            f and (f if side == "zh" else f.lower()) in (text if side == "zh" else lowered) for f in forms
        ):
            found.append(f"=term:{term.id}")
    return found


def plain_zh(
    sentence: str, terms: Sequence[Term] = (), learned: Mapping[str, tuple[str, ...]] | None = None
) -> list[tuple[str, ...]]:
    groups: list[tuple[str, ...]] = []
    for month in lexicon._ZH_MONTH.findall(sentence):
        value = lexicon.zh_number(month)
        if value and 1 <= value <= 12:
            groups.append((f"#m{value}",))
    for numeral in lexicon._ZH_NUMERAL.findall(sentence):
        value = lexicon.zh_number(numeral) if "." not in numeral else None
        if value is not None and not (value == 1 and not numeral.isdigit()):
            groups.append((f"#{value}",))
    for word in lexicon._jieba().cut(sentence):
        if learned and word in learned:
            groups.append(learned[word])
        groups += lexicon._word_groups(word)
    return groups + [(f,) for f in plain_terms(sentence, terms, "zh")]


def plain_en(sentence: str, terms: Sequence[Term] = ()) -> list[tuple[str, ...]]:
    feats: list[str] = []
    for token in lexicon._WORD.findall(sentence):
        low = token.lower().replace("’", "'")
        if token[0].isdigit():
            feats.append(f"#{int(float(token.replace(',', '')))}" if "." not in token else f"#{token}")
        elif (ordinal := lexicon._ORDINAL.match(low)) is not None:
            feats.append(f"#{int(ordinal.group(1))}")
        elif low in lexicon._MONTHS:
            feats.append(f"#m{lexicon._MONTHS[low]}")
        elif low in lexicon._EN_NUMBERS:
            if lexicon._EN_NUMBERS[low] != 1:
                feats.append(f"#{lexicon._EN_NUMBERS[low]}")
        elif low not in lexicon.STOPWORDS:
            feats.append(lexicon.stem(low))
            if token[0].isupper() and lexicon.stem(low) != low:
                feats.append(low)
    out: list[tuple[str, ...]] = [(lexicon._prefix(f),) for f in feats]
    return out + [(f,) for f in plain_terms(sentence, terms, "en")]


@pytest.mark.parametrize("terms", [(), TERMS, list(TERMS)], ids=["no-terms", "tuple", "list"])
@pytest.mark.parametrize("sentence", ZH)
def test_zh_features_equal_the_plain_loop(sentence: str, terms: Sequence[Term]) -> None:
    learned = {"嘉兴": ("jiaxi",), "会议": ("meeti", "sessi"), "红船": ("boat",)}
    for _ in range(2):  # the second call is served from the caches
        assert lexicon.zh_features(sentence, terms) == plain_zh(sentence, terms)
        assert lexicon.zh_features(sentence, terms, learned) == plain_zh(sentence, terms, learned)
        assert lexicon.zh_words(sentence) == [
            w for w in lexicon._jieba().cut(sentence) if lexicon._HAN.search(w)
        ]


@pytest.mark.parametrize("terms", [(), TERMS, list(TERMS)], ids=["no-terms", "tuple", "list"])
@pytest.mark.parametrize("sentence", EN)
def test_en_features_equal_the_plain_loop(sentence: str, terms: Sequence[Term]) -> None:
    for _ in range(2):
        assert lexicon.en_features(sentence, terms) == plain_en(sentence, terms)
        assert lexicon.en_words(sentence) == [
            lexicon._prefix(lexicon.stem(t))
            for t in lexicon._WORD.findall(sentence)
            if not t[0].isdigit() and t.lower() not in lexicon.STOPWORDS
        ]


@pytest.mark.parametrize(
    ("text", "side", "expected"),
    [
        ("红船精神", "zh", ["=term:rbs", "=term:red-boat"]),  # overlapping forms: both terms
        ("共同富裕", "zh", ["=term:cp", "=term:cp-again"]),  # one form, two terms, in glossary order
        ("枫桥式经验", "zh", ["=term:fq"]),  # the second form of a term
        ("the RED BOAT spirit", "en", ["=term:rbs", "=term:red-boat"]),  # en is case-insensitive
        ("Red Ship Spirit", "en", []),  # forbidden renderings are not approved forms
        ("", "zh", []),
    ],
)
def test_term_features(text: str, side: str, expected: list[str]) -> None:
    assert lexicon._term_features(text, TERMS, side) == expected == plain_terms(text, TERMS, side)


def test_a_changed_term_list_is_not_served_from_the_cache() -> None:
    terms = list(TERMS[:1])
    assert lexicon._term_features("共同富裕", terms, "zh") == []
    terms.append(TERMS[2])  # a mutable list: matched by value, never by identity
    assert lexicon._term_features("共同富裕", terms, "zh") == ["=term:cp"]
