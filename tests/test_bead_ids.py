"""doc_of_id's fast path for plain bead ids gives what parse_bead_id gives, on every id."""

from __future__ import annotations

import random

import pytest

from bilingual.model import doc_of_id, parse_bead_id

TRAPS = [
    "d0:z0:e0",
    "x:z:e",
    "a:z1:e2:e3",  # ":e" twice: not an id
    "a\nb:z1:e1",  # a line break in the document part
    ":z1:e1",  # no document part
    "doc:z3-4:e5",  # a range: the slow path
    "doc:z4-3:e1",  # a range written backwards: not an id
    "d:z1:e٣",  # a digit that is not ASCII
    "doc:z1:e1x",
    "a:z:e:z1:e1",
    "doc",
]


def _parsed(text: str) -> str:
    parsed = parse_bead_id(text)
    return parsed[0] if parsed else ""


@pytest.mark.parametrize("text", TRAPS)
def test_traps(text: str) -> None:
    assert doc_of_id(text) == _parsed(text)


def test_random_ids() -> None:
    rng = random.Random(7)
    alphabet = ":ze0129-\n x"
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert doc_of_id(text) == _parsed(text), text
