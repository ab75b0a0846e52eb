"""Lexical evidence: numbers across scripts, pinyin names, stems, learned pairs."""

from __future__ import annotations

import pytest

from bilingual.align import lexicon
from bilingual.model import Term


def flat(groups: list[tuple[str, ...]]) -> set[str]:
    return {f for g in groups for f in g}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("二十", 20),
        ("二十三", 23),
        ("十三", 13),
        ("一百零五", 105),
        ("三千五百", 3500),
        ("三万五千", 35000),
        ("二〇二二", 2022),
        ("两", 2),
        ("586", 586),
        ("十亿", 1_000_000_000),
        ("abc", None),
    ],
)
def test_zh_number(text: str, value: int | None) -> None:
    assert lexicon.zh_number(text) == value


@pytest.mark.parametrize(
    ("zh", "en", "shared"),
    [
        ("二〇二二年十二月十三日", "December 13, 2022", {"#2022", "#m12", "#13"}),
        ("党的二十大", "the 20th National Congress", {"#20"}),
        ("处置各类事件三万五千余件", "handled more than 35,000 incidents", {"#35000"}),
        ("黄建发指出", "Huang Jianfa pointed out", {"huang", "jianf"}),
        ("平湖市完成率最高", "Pinghu had the highest rate", {"pingh"}),
        ("学校和医院", "schools and hospitals", {"schoo", "hospi"}),
    ],
)
def test_zh_and_en_features_meet(zh: str, en: str, shared: set[str]) -> None:
    common = flat(lexicon.zh_features(zh)) & flat(lexicon.en_features(en))
    assert shared <= common


@pytest.mark.parametrize(
    ("word", "stem"), [("cities", "city"), ("held", "held"), ("Jiaxing's", "jiax"), ("running", "runn")]
)
def test_stem(word: str, stem: str) -> None:
    assert lexicon.stem(word).startswith(stem)


def test_stopwords_and_one_are_not_features() -> None:
    assert flat(lexicon.en_features("It is one of the")) == set()
    assert "#1" not in flat(lexicon.zh_features("一个"))


def test_glossary_terms_are_shared_features() -> None:
    term = Term("red-boat", ("红船精神",), ("Red Boat Spirit",))
    zh = flat(lexicon.zh_features("弘扬红船精神。", [term]))
    en = flat(lexicon.en_features("Carry forward the Red Boat Spirit.", [term]))
    assert "=term:red-boat" in zh & en


def test_learn_pairs_finds_recurring_names() -> None:
    links = [
        (["韦小宝", "说"], ["trink", "said"]),
        (["韦小宝", "跑"], ["trink", "ran"]),
        (["他", "说"], ["he", "said"]),
    ]
    learned = lexicon.learn_pairs(links)
    assert learned["韦小宝"] == ("trink",)
    assert "跑" not in learned  # seen once: not enough evidence


def test_learned_pairs_become_features() -> None:
    groups = lexicon.zh_features("韦小宝笑了。", learned={"韦小宝": ("trink",)})
    assert "trink" in flat(groups)
