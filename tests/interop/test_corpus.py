"""Real and tool-shaped files (SOURCES.md): each is read right or refused in one line, never misread.

A *pair* is a unit with both a Chinese and an English text; units with one side
empty are read as one-sided pairs and counted apart. ``expected`` is either
``(units, pairs, first zh, first en)`` or the fragment of the refusal message.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.errors import BilingualError
from bilingual.formats import read_pairs
from bilingual.glossary import load
from tests.conftest import ROOT, refusal, require_path

FILES = Path(__file__).parent / "files"
Read = tuple[int, int, str, str]

PAIRS: dict[str, Read | str] = {
    # Tool-shaped files written for this repository.
    "omegat-xliff11-noversion.xlf": (
        3,
        2,
        "嘉兴召开基层安全会议。",
        "Jiaxing holds a grassroots safety meeting.",
    ),
    "po2xliff-xliff11.xliff": (2, 2, "弘扬红船精神。", "Carry forward the Red Boat Spirit."),
    "xliff22-zh-en.xlf": (
        3,
        2,
        "共同富裕示范区建设取得新进展。",
        "New progress in building the common prosperity demonstration zone.",
    ),
    "trados-like.sdlxliff": (
        1,
        1,
        "八八战略实施二十周年。",
        "The 20th anniversary of the Double Eight Strategy.",
    ),
    "variants.tmx": (3, 2, "数字化改革", "digital reform"),
    "zh-fr.tmx": "languages fr-FR, zh-CN:",
    "gnome-zh_CN.po": (5, 3, "打开", "Open"),
    "fr.po": "languages fr:",
    "tbx-min-dct.tbx": "is a glossary (TBX), not a file of pairs",
    "martif-ntig.tbx": "is a glossary (TBX 2008), not a file of pairs",
}

GLOSSARIES: dict[str, list[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] | str] = {
    "tbx-min-dct.tbx": [("c1", ("红船精神",), ("Red Boat Spirit",), ("red ship spirit",))],
    "martif-ntig.tbx": [
        ("t1", ("共同富裕",), ("common prosperity",), ("shared wealth", "collective riches"))
    ],
    "multiterm.xml": [("entry-3", ("枫桥经验",), ("Fengqiao Experience",), ())],
    "source-target.csv": [
        ("g21e581b136", ("最多跑一次",), ("Run at Most Once",), ()),
        ("g40131a3dfe", ("平安嘉兴",), ("Safe Jiaxing",), ()),
    ],
}


def test_every_file_is_in_the_table() -> None:
    assert sorted(p.name for p in FILES.iterdir() if p.is_file()) == sorted(set(PAIRS) | set(GLOSSARIES))


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_pairs_read_or_refused(name: str) -> None:
    path = FILES / name
    expected = PAIRS[name]
    if isinstance(expected, str):
        assert expected in refusal(path).message
        return
    pairs = read_pairs(path)
    units, both, zh, en = expected
    assert (len(pairs), sum(1 for p in pairs if p.zh and p.en)) == (units, both)
    assert (pairs[0].zh, pairs[0].en) == (zh, en)


@pytest.mark.parametrize("name", sorted(GLOSSARIES))
def test_glossaries_read(name: str) -> None:
    terms = load(FILES / name, source_lang="zh").terms
    assert [(t.id, t.zh, t.en, t.forbidden) for t in terms] == GLOSSARIES[name]


SHARED = {
    "tmx14_sample.tmx": 2,
    "xliff12_sample.xlf": 2,
    "xliff20_sample.xlf": 2,
    "xliff21_sample.xlf": 2,
    "tbx_basic_v3_sample.tbx": "is a glossary (TBX)",
    "tbx_v2_martif_sample.tbx": "is a glossary (TBX 2008)",
    "Example_Astronomy_DCA_VALID.tbx": "is a glossary (TBX)",
}


@pytest.mark.parametrize("name", sorted(SHARED))
def test_shared_samples(name: str) -> None:
    samples = require_path(
        ROOT.parent / "shared" / "schemas" / "samples", "the official samples beside the checkout"
    )
    expected = SHARED[name]
    if isinstance(expected, str):
        with pytest.raises(BilingualError, match=expected.replace("(", r"\(").replace(")", r"\)")):
            read_pairs(samples / name)
    else:
        pairs = read_pairs(samples / name)
        assert sum(1 for p in pairs if p.zh and p.en) == expected


def test_ltac_astronomy_sample_has_no_chinese() -> None:
    samples = require_path(
        ROOT.parent / "shared" / "schemas" / "samples", "the official samples beside the checkout"
    )
    with pytest.raises(
        BilingualError, match=r"no entry has both a Chinese and an English term \(languages: en, es, zu\)"
    ):
        load(samples / "Example_Astronomy_DCA_VALID.tbx")
