"""Language sanity: swapped sides, or both in one language, are refused; a side in neither warns."""

from __future__ import annotations

import logging

import pytest

from bilingual.corpus.script import check_sides, script_of
from bilingual.errors import InputError

ZH = "嘉兴市召开会议，弘扬红船精神，推进共同富裕示范区建设。2023年2月14日。"
EN = "Jiaxing held a meeting to carry forward the Red Boat Spirit on February 14, 2023."


@pytest.mark.parametrize(
    ("text", "han", "latin"),
    [
        (ZH, 1.0, 0.0),
        (EN, 0.0, 1.0),
        ("123 456, 789!", 0.0, 0.0),  # no letters: no vote
        ("ＲＥＤ 红船", 0.4, 0.6),  # full-width Latin counts as Latin
        ("𠀀𠀁 ab", 0.5, 0.5),  # Extension B is Han
    ],
)
def test_shares(text: str, han: float, latin: float) -> None:
    found = script_of(text)
    assert (round(found.han, 2), round(found.latin, 2)) == (han, latin)


def test_a_right_pair_passes_silently(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        check_sides(ZH, EN, "zh/a.txt", "en/a.txt")
    assert not caplog.records


def test_a_swapped_pair_names_both_files() -> None:
    with pytest.raises(InputError, match=r"\(en/a.txt\).*\(zh/a.txt\).*swapped") as caught:
        check_sides(EN, ZH, "en/a.txt", "zh/a.txt")
    assert caught.value.path == "en/a.txt"


def test_a_side_in_neither_language_warns(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        check_sides(ZH, "Ярославль провёл совещание по безопасности.", "zh/a.txt", "en/a.txt")
    assert "en/a.txt" in caplog.text and "Latin" in caplog.text


def test_mixed_but_mostly_right_sides_pass(caplog: pytest.LogCaptureFixture) -> None:
    """Chinese quoting English names, English quoting 红船精神: still the right way round."""
    with caplog.at_level(logging.WARNING):
        check_sides(ZH + " Red Boat Spirit", EN + " 红船精神", "zh/a.txt", "en/a.txt")
    assert not caplog.records


@pytest.mark.parametrize(
    ("zh", "en", "named", "message"),
    [
        (ZH, ZH, "en/a.txt", r"English side is 100% Han.*\(zh/a.txt\).*Chinese file twice"),
        (EN, EN, "zh/a.txt", r"Chinese side is 100% Latin.*\(en/a.txt\).*English file twice"),
    ],
)
def test_two_sides_in_one_language_are_refused(zh: str, en: str, named: str, message: str) -> None:
    """The Chinese file given twice read zero pairs and passed --fail-on forbidden (every term "missing")."""
    with pytest.raises(InputError, match=message) as caught:
        check_sides(zh, en, "zh/a.txt", "en/a.txt")
    assert caught.value.path == named


def test_a_few_letters_are_no_evidence_of_one_language() -> None:
    """Placeholders ("x", "y") and one-word units say nothing about which language a side is in."""
    check_sides("x", "y", "a.jsonl (zh)", "a.jsonl (en)")
    check_sides("红船", "红船精神", "a.jsonl (zh)", "a.jsonl (en)")


def test_a_catalogue_in_one_language_only_warns(caplog: pytest.LogCaptureFixture) -> None:
    """A software catalogue's Chinese holds placeholders (Django: "%(value)s 百萬"): Latin letters
    on both sides are the warning there, not an error."""
    zh = "%(value)s 百萬 %(value)s 十億 %(count)s minute %(count)s second"
    with caplog.at_level(logging.WARNING):
        check_sides(zh, "%(value)s million %(value)s billion", "a.po (zh)", "a.po (en)", catalogue=True)
    assert "a.po (zh): only" in caplog.text
    with pytest.raises(InputError, match="not a Chinese text"):
        check_sides(zh, "%(value)s million %(value)s billion", "zh/a.txt", "en/a.txt")
