"""Fuzzing the pins parser (``align/pins.parse``) and its consistency check (``check``).

Inputs: pin-shaped lines (bead text, v2 fingerprints, comments, hostile
characters and digits of other scripts spliced in) and byte-mutated pins
files. Properties: ``parse`` and ``check`` raise nothing but an
AlignmentError (a BilingualError naming the line); what ``check`` accepts is
sorted, in range, uses each sentence at most once and never crosses.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from hypothesis import event, given
from hypothesis import strategies as st

from bilingual.align import pins
from bilingual.errors import AlignmentError, BilingualError
from bilingual.model import Bead
from tests.fuzz import hostile

numbers = st.one_of(
    st.integers(0, 12).map(str),
    st.sampled_from(["-1", "007", "٣", "３", "1_0", "9" * 40, "1e3", " 2 ", ""]),
)


@st.composite
def id_lists(draw: st.DrawFn) -> str:
    ids = draw(st.lists(numbers, max_size=4))
    return (
        "[" + draw(st.sampled_from([",", ", ", ";", ",,"])).join(ids) + draw(st.sampled_from(["]", "", "]]"]))
    )


@st.composite
def pin_lines(draw: st.DrawFn) -> str:
    """A line that looks like a pin (v1 or v2), with hostile pieces spliced in."""
    line = draw(id_lists()) + draw(st.sampled_from([":", "::", ""])) + draw(id_lists())
    tail = draw(
        st.sampled_from(
            ["", ":0.93", ":x", " zh=0123456789abcdef en=", " zh=,, en=zz verified", " # note", " verified"]
        )
    )
    extra = draw(st.one_of(st.just(""), hostile.hostile_text))
    return line + tail + extra


@st.composite
def clean_pins(draw: st.DrawFn) -> str:
    """A well-formed v1 pin (consecutive ids in range or just past it), so ``check`` gets work."""
    z0, e0 = draw(st.integers(0, 12)), draw(st.integers(0, 12))
    zh = list(range(z0, z0 + draw(st.integers(0, 2))))
    en = list(range(e0, e0 + draw(st.integers(0 if zh else 1, 2))))
    return f"[{','.join(map(str, zh))}]:[{','.join(map(str, en))}]"


pins_text = st.lists(
    st.one_of(
        clean_pins(),
        clean_pins(),
        pin_lines(),
        st.sampled_from(["# bilingual pins v2", "# pins v9", "", "#"]),
    ),
    max_size=4,
).map("\n".join)


def _accepted(beads: list[Bead], n_zh: int, n_en: int) -> None:
    for bead in beads:
        assert all(0 <= k < n_zh for k in bead.zh) and all(0 <= k < n_en for k in bead.en)
    for side in ("zh", "en"):
        used = [k for bead in beads for k in getattr(bead, side)]
        assert len(used) == len(set(used)), f"a {side} sentence pinned twice was accepted"
    two_sided = [b for b in beads if b.zh and b.en]
    for first, second in itertools.pairwise(two_sided):
        assert first.zh[-1] < second.zh[0] and first.en[-1] < second.en[0], "crossing pins accepted"


@given(text=pins_text, n_zh=st.integers(0, 12), n_en=st.integers(0, 12))
def test_pin_lines_parse_and_check_or_refuse(text: str, n_zh: int, n_en: int) -> None:
    """Property: pin-shaped text parses or raises an AlignmentError; what parses and checks is in
    range, disjoint and in order on both sides."""
    try:
        parsed = pins.parse(text, "pins.txt")
        beads = pins.check(parsed, n_zh, n_en, "pins.txt")
    except AlignmentError as exc:
        assert exc.path == "pins.txt" and exc.message
        event("refused")
        return
    event(f"accepted {len(beads)} pins")
    _accepted(beads, n_zh, n_en)


SAMPLE = b"# bilingual pins v2\n[0]:[0] zh=0123456789abcdef en=fedcba9876543210 verified\n[1,2]:[1]\n[3]:[]\n"


@given(raw=hostile.mutated(SAMPLE + b"[4]:[2,3]:0.5 # moved\n"))
def test_mutated_pins_file_is_read_or_refused(raw: bytes, scratch: Path) -> None:
    """Property: a byte-mutated pins file loads (``pins.load``) or raises a BilingualError."""
    path = scratch / "pins.txt"
    path.write_bytes(raw)
    try:
        beads = pins.load(path, 8, 8)
    except BilingualError:
        return
    _accepted(beads, 8, 8)
