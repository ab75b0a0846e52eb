"""The pins parser: syntax, consistency and bounds, each error naming its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.align import pins
from bilingual.errors import AlignmentError
from bilingual.model import Bead


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[3,4]:[5]\n", [((3, 4), (5,))]),
        ("[0]:[0]:0.93\n", [((0,), (0,))]),
        ("# fixed by the editor\n\n[1]:[]\n[]:[2]\n", [((1,), ()), ((), (2,))]),
        ("[ 2 , 3 ]:[ 4 ]  # comment\n", [((2, 3), (4,))]),
    ],
)
def test_parse(text: str, expected: list[tuple[tuple[int, ...], tuple[int, ...]]]) -> None:
    parsed = pins.parse(text)
    assert [(b.zh, b.en) for b, _ in parsed] == expected
    assert all(b.pinned and b.score == 1.0 for b, _ in parsed)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("[0]:[0]\n[1:[1]\n", 2, "id list"),
        ("[0]:[0]\n\n[1]\n", 3, "expected a pin"),
        ("[1,3]:[1]\n", 1, "not consecutive"),
        ("[]:[]\n", 1, "at least one"),
        ("[a]:[1]\n", 1, "id list"),
    ],
)
def test_parse_errors_name_the_line(text: str, line: int, words: str) -> None:
    with pytest.raises(AlignmentError) as info:
        pins.parse(text, "p.pins")
    assert info.value.line == line
    assert words in str(info.value)
    assert str(info.value).startswith(f"p.pins:{line}: ")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("[0]:[0]\n[5]:[1]\n", 2, "past the end"),
        ("[0]:[9]\n", 1, "past the end"),
        ("[0,1]:[0]\n[1]:[1]\n", 2, "pinned twice"),
        ("[0]:[3]\n[2]:[1]\n", 2, "crosses"),
        ("[2]:[1]\n[0]:[3]\n", 2, "crosses"),
        ("[1]:[1]\n[]:[1]\n", 2, "pinned twice"),
    ],
)
def test_check_errors_name_the_line(text: str, line: int, words: str) -> None:
    with pytest.raises(AlignmentError) as info:
        pins.check(pins.parse(text, "p.pins"), 3, 4, "p.pins")
    assert info.value.line == line
    assert words in str(info.value)


def test_check_sorts() -> None:
    checked = pins.check(pins.parse("[2]:[2]\n[0]:[0]\n"), 3, 3)
    assert [b.zh for b in checked] == [(0,), (2,)]


def test_load_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "doc.pins"
    path.write_text("\ufeff[1]:[1,2]\n", encoding="utf-8")
    assert pins.load(path, 3, 3) == [Bead((1,), (1, 2), 1.0, pinned=True)]


def test_load_rejects_non_utf8(tmp_path: Path) -> None:
    path = tmp_path / "doc.pins"
    path.write_bytes(b"[1]:[1]\xff\n")
    with pytest.raises(AlignmentError, match="not UTF-8"):
        pins.load(path, 3, 3)
