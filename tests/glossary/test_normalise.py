"""The zh view text without offsets (zh_view_text) is the zh view's text, and
zh_unsafe flags every text whose view could match differently from it."""

from __future__ import annotations

import random

import pytest

from bilingual.glossary.normalise import zh_unsafe, zh_view, zh_view_text


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
