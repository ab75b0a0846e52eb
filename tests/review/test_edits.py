"""Edits as pins (pure): each operation, verified beads never moving, and the refusals (422)."""

from __future__ import annotations

from typing import Any

import pytest

from bilingual.align.pins import Pin, anchor
from bilingual.model import Bead
from bilingual.review.edits import EditError, apply

ZH = [f"z{k}" for k in range(8)]  # stand-ins for fingerprints
EN = [f"e{k}" for k in range(8)]
BEADS = [Bead((0,), (0,)), Bead((1, 2), (1,)), Bead((3,), (2, 3)), Bead((4,), ()), Bead((5,), (4,))]


def move(bead: int, side: str, direction: str) -> dict[str, Any]:
    return {"op": "move", "bead": bead, "side": side, "direction": direction}


def pinned(pins: list[Pin]) -> list[tuple[tuple[int, ...], tuple[int, ...], bool]]:
    return [(p.zh, p.en, p.verified) for p in pins]


def edit(op: dict[str, Any], pins: list[Pin] | None = None) -> list[Pin]:
    return apply(op, BEADS, pins or [], ZH, EN)


@pytest.mark.parametrize(
    ("op", "expected"),
    [
        ({"op": "merge", "bead": 1}, [((1, 2, 3), (1, 2, 3), False)]),
        ({"op": "merge", "bead": 2}, [((3, 4), (2, 3), False)]),
        ({"op": "split", "bead": 1, "zh": 2, "en": 2}, [((1,), (1,), False), ((2,), (), False)]),
        ({"op": "split", "bead": 1, "zh": 2, "en": 1}, [((1,), (), False), ((2,), (1,), False)]),
        # a 0-1 pin sorts first
        ({"op": "split", "bead": 2, "zh": 4, "en": 3}, [((), (3,), False), ((3,), (2,), False)]),
        (move(1, "zh", "up"), [((0, 1), (0,), False), ((2,), (1,), False)]),
        (move(1, "zh", "down"), [((1,), (1,), False), ((2, 3), (2, 3), False)]),
        (move(2, "en", "up"), [((1, 2), (1, 2), False), ((3,), (3,), False)]),
        (move(3, "zh", "down"), [((4, 5), (4,), False)]),
        ({"op": "verify", "bead": 2}, [((3,), (2, 3), True)]),
    ],
)  # fmt: skip
def test_each_edit_pins_the_beads_it_leaves(op: dict[str, Any], expected: list[object]) -> None:
    assert pinned(edit(op)) == expected


def test_pins_are_anchored_to_the_sentences() -> None:
    (pin,) = edit({"op": "merge", "bead": 0})
    assert (pin.zh_fp, pin.en_fp) == (("z0", "z1", "z2"), ("e0", "e1"))


def test_an_edit_replaces_the_pins_it_overlaps_and_keeps_the_others() -> None:
    pins = [anchor(BEADS[1], ZH, EN), anchor(BEADS[4], ZH, EN)]
    assert pinned(edit({"op": "merge", "bead": 0}, pins)) == [((0, 1, 2), (0, 1), False), ((5,), (4,), False)]


def test_unverify_keeps_the_pin_without_the_flag() -> None:
    pins = [anchor(BEADS[2], ZH, EN, verified=True)]
    assert pinned(edit({"op": "unverify", "bead": 2}, pins)) == [((3,), (2, 3), False)]


@pytest.mark.parametrize(
    ("op", "words"),
    [
        ({"op": "merge", "bead": 4}, "last one"),
        ({"op": "merge", "bead": 9}, "bead index"),
        ({"op": "merge", "bead": "1"}, "bead index"),
        ({"op": "split", "bead": 0, "zh": 0, "en": 0}, "empty part"),
        ({"op": "split", "bead": 0, "zh": 1, "en": 1}, "empty part"),
        ({"op": "split", "bead": 1, "zh": 7, "en": 1}, "outside bead 1"),
        ({"op": "move", "bead": 0, "side": "zh", "direction": "up"}, "no neighbour above"),
        ({"op": "move", "bead": 3, "side": "en", "direction": "up"}, "no en sentence"),
        ({"op": "move", "bead": 1, "side": "fr", "direction": "up"}, r"side \(zh or en\)"),
        ({"op": "unverify", "bead": 1}, "not verified"),
        ({"op": "rotate", "bead": 1}, "unknown op"),
    ],
)
def test_refused_edits(op: dict[str, Any], words: str) -> None:
    with pytest.raises(EditError, match=words):
        edit(op)


@pytest.mark.parametrize(
    "op",
    [
        {"op": "merge", "bead": 1},
        {"op": "merge", "bead": 2},
        {"op": "split", "bead": 2, "zh": 3, "en": 3},
        {"op": "move", "bead": 1, "side": "en", "direction": "down"},
        {"op": "move", "bead": 3, "side": "zh", "direction": "up"},
    ],
)
def test_a_verified_bead_never_moves(op: dict[str, Any]) -> None:
    with pytest.raises(EditError, match="bead 2 is verified"):
        edit(op, [anchor(BEADS[2], ZH, EN, verified=True)])


def test_an_edit_that_would_cross_another_pin_is_refused() -> None:
    # A pin the beads do not show (the pins file edited by hand since): merging 0 and 1 would cross it.
    crossing = Pin((6,), (0,), ("z6",), ("e0",))
    with pytest.raises(EditError, match="crosses the pin"):
        edit({"op": "merge", "bead": 1}, [crossing, anchor(BEADS[4], ZH, EN)])
