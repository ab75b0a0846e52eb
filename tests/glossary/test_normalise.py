"""The zh view text without offsets (zh_view_text) is the zh view's text, and
zh_unsafe flags every text whose view could match differently from it."""

from __future__ import annotations

import random

import pytest

from bilingual.glossary.normalise import en_view, lookalike_table, zh_unsafe, zh_view, zh_view_text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "弘扬紅船精神",
        "坚持共同\u3000富裕",
        "“十四五”规划",
        "构建人类命运\n共同体",
        "ＡＢ共同富裕，ｆｕｌｌ",
        "e\u0301紅船\u00a0精神",
        "𠀀紅船",
        "\u2f00\u2f06\u3000",  # Kangxi radicals: 一, 二
        "ﬁ⑴㍻",  # NFKC longer than one character
        "「枫桥经验」『新时代』",
    ],
)
def test_zh_view_text_is_the_view_text(text: str) -> None:
    assert zh_view_text(text) == zh_view(text).text


def test_zh_view_text_on_random_bmp_text() -> None:
    rng = random.Random(5)
    for _ in range(2000):
        text = "".join(
            chr(rng.choice((rng.randrange(0x20, 0xD800), rng.randrange(0xE000, 0x10000)))) for _ in range(20)
        )
        assert zh_view_text(text) == zh_view(text).text, ascii(text)


@pytest.mark.parametrize(
    ("text", "unsafe"),
    [
        ("基层治理，加强。", False),  # full-width comma: NFKC "," is in no form
        ("基层\u3000治理", True),
        ("“基层”", True),
        ("基層治理", True),  # traditional
        ("\u2f00基层", False),  # Kangxi radical one: NFKC 一 is in no form here
        ("\u2f08基层", True),  # Kangxi radical 人: NFKC 人 is a form character
        ("𠀀基层", True),
        ("ﬁ基层", True),  # NFKC "fi": longer
    ],
)
def test_zh_unsafe(text: str, unsafe: bool) -> None:
    pattern = zh_unsafe(frozenset("基层治理人"))
    assert bool(pattern.search(text)) is unsafe


@pytest.mark.parametrize(
    ("text", "view", "span"),
    [
        pytest.param("Red Sh\u200bip", "Red Ship", (0, 9), id="zero-width-space"),
        pytest.param("Red\u200d Ship", "Red Ship", (0, 9), id="zero-width-joiner-before-space"),
        pytest.param("Red \u2060 Ship", "Red Ship", (0, 10), id="word-joiner-between-spaces"),
        pytest.param("\ufeffRed Ship\ufeff", "Red Ship", (1, 9), id="bom-around"),
        pytest.param("Red S\u00adhip", "Red Ship", (0, 9), id="soft-hyphen"),
        pytest.param("high-\u200b\nquality", "high-quality", (0, 14), id="hyphen-line-break"),
        pytest.param("R\u0435d \u0405hip", "Red Ship", (0, 8), id="cyrillic-one-for-one"),
        pytest.param("\U0001d411ed\u200b Ship", "Red Ship", (0, 9), id="mathematical-and-invisible"),
    ],
)
def test_en_view_drops_invisible_characters_and_maps_lookalikes(
    text: str, view: str, span: tuple[int, int]
) -> None:
    v = en_view(text)
    assert v.text == view
    assert v.span(0, len(v.text)) == span


def test_lookalike_table_maps_other_scripts_to_single_ascii_letters() -> None:
    table = lookalike_table()
    assert all(not c.isascii() and len(c) == 1 for c in table)
    assert all(len(v) == 1 and v.isascii() and v.isalpha() for v in table.values())
    expected = {
        "\u0435": "e", "\u0430": "a", "\u043e": "o", "\u0440": "p", "\u0441": "c", "\u0443": "y",
        "\u0445": "x", "\u0456": "i", "\u0455": "s", "\u0415": "E", "\u0410": "A", "\u039f": "O",
        "\u03a1": "P", "\u0395": "E", "\u0391": "A", "\u0399": "I", "\u0406": "I", "\u03bf": "o",
    }  # fmt: skip
    assert {c: table[c] for c in expected} == expected
    # No letter with a diacritic, no Han, nothing ASCII.
    for char in "éüñçø红l1rn":
        assert char not in table


@pytest.mark.parametrize(
    "text", ["红船\u200b精神", "紅\ufeff船精神", "红船\u00ad精神", "红\u2060船精\ufe0f神", "𠀀红\u200d船精神"]
)
def test_zh_view_drops_invisible_characters(text: str) -> None:
    assert "红船精神" in zh_view(text).text
    assert zh_view_text(text) == zh_view(text).text
    assert zh_unsafe(frozenset("红船精神")).search(text)
