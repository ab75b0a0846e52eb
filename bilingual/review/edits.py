"""Review stage, edits: an editor's change to the beads of a document, as a new set of pins.

Pure: the current beads, the pins applied and the fingerprints of today's
sentences in; the pins that make the edit out (or :class:`EditError`, which
the app answers with 422 and nothing written). The beads an edit touches are
pinned as the edit leaves them; pins they overlapped are replaced; every other
pin stays. The pipeline then re-aligns the rest of the document around the
pins, exactly as ``align`` and ``publish`` do.

Operations (``bead`` is the bead's 0-based index in the document):

- ``merge``: bead I and bead I+1 become one;
- ``split``: bead I becomes two; ``zh`` and ``en`` are the sentence ids where
  the second part starts on each side (the first id keeps the whole side in
  the second part, one past the last id keeps it in the first; 1-0 and 0-1
  parts are allowed, an empty part is not);
- ``move``: ``side`` (``zh``|``en``) and ``direction``: ``up`` moves the
  bead's first sentence of that side to the previous bead, ``down`` its last
  sentence to the next bead;
- ``verify`` / ``unverify``: pin the bead with the verified flag / drop the flag
  (the pin stays: undo takes it away).

A verified bead never moves: an edit that would change one is refused.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

from bilingual.align import pins as pinning
from bilingual.align.pins import Pin
from bilingual.errors import BilingualError
from bilingual.model import Bead

OPS = ("merge", "split", "move", "verify", "unverify", "undo", "redo")


class EditError(BilingualError):
    """An edit that cannot be made (out of range, a verified bead, crossing a pin): nothing written."""


def _consecutive(ids: Sequence[int]) -> bool:
    return all(b == a + 1 for a, b in itertools.pairwise(ids))


def _index(op: Mapping[str, Any], beads: Sequence[Bead], name: str = "bead") -> int:
    value = op.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < len(beads):
        raise EditError(f"{name} must be a bead index from 0 to {len(beads) - 1}, got {value!r}")
    return value


def _verified(pins: Sequence[Pin]) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    return {(p.zh, p.en) for p in pins if p.verified}


def _unverified(beads: Sequence[Bead], indices: Sequence[int], pins: Sequence[Pin]) -> None:
    verified = _verified(pins)
    for k in indices:
        if (beads[k].zh, beads[k].en) in verified:
            raise EditError(f"bead {k} is verified and never moves; unverify it first")


def _replace(
    pins: Sequence[Pin], new: Sequence[Bead], zh: Sequence[str], en: Sequence[str], *, verified: bool = False
) -> list[Pin]:
    """``pins`` without those overlapping ``new``, plus ``new`` anchored; 422 when one would cross a pin."""
    made = [pinning.anchor(b, zh, en, verified=verified) for b in new if b.zh or b.en]
    for bead in made:
        if not _consecutive(bead.zh) or not _consecutive(bead.en):
            raise EditError(f"the edit would make {bead}, whose sentences are not adjacent")
    touched = {("zh", k) for b in made for k in b.zh} | {("en", k) for b in made for k in b.en}
    kept = [p for p in pins if not ({("zh", k) for k in p.zh} | {("en", k) for k in p.en}) & touched]
    for k, bead in enumerate(made):
        other = pinning.conflict(bead.bead, [p.bead for p in kept] + [b.bead for b in made[:k]])
        if other is not None:
            raise EditError(
                f"the edit would make {bead}, which crosses the pin {pinning.Pin(other.zh, other.en)}"
            )
    return sorted([*kept, *made], key=lambda p: (p.zh[0] if p.zh else -1, p.en[0] if p.en else -1))


def apply(
    op: Mapping[str, Any],
    beads: Sequence[Bead],
    pins: Sequence[Pin],
    zh: Sequence[str],
    en: Sequence[str],
) -> list[Pin]:
    """The pins after ``op`` (see the module docstring); ``zh``/``en`` are today's fingerprints."""
    kind = op.get("op")
    i = _index(op, beads)
    bead = beads[i]
    if kind == "merge":
        if i + 1 >= len(beads):
            raise EditError(f"bead {i} is the last one: nothing to merge it with")
        _unverified(beads, [i, i + 1], pins)
        after = beads[i + 1]
        return _replace(pins, [Bead(bead.zh + after.zh, bead.en + after.en)], zh, en)
    if kind == "split":
        _unverified(beads, [i], pins)
        cut: dict[str, int] = {}
        for side in ("zh", "en"):
            ids: tuple[int, ...] = getattr(bead, side)
            value = op.get(side, ids[-1] + 1 if ids else 0)
            if not ids:
                value = 0  # an empty side stays empty in both parts
            elif not isinstance(value, int) or isinstance(value, bool) or not ids[0] <= value <= ids[-1] + 1:
                raise EditError(
                    f"split point {side}={value!r} is outside bead {i} (from {ids[0]} to {ids[-1] + 1})"
                )
            cut[side] = value
        first = Bead(tuple(k for k in bead.zh if k < cut["zh"]), tuple(k for k in bead.en if k < cut["en"]))
        second = Bead(
            tuple(k for k in bead.zh if k >= cut["zh"]), tuple(k for k in bead.en if k >= cut["en"])
        )
        if not (first.zh or first.en) or not (second.zh or second.en):
            raise EditError(f"splitting bead {i} there leaves an empty part; choose a point inside it")
        return _replace(pins, [first, second], zh, en)
    if kind == "move":
        side, direction = str(op.get("side")), str(op.get("direction"))
        if side not in ("zh", "en") or direction not in ("up", "down"):
            raise EditError("move needs side (zh or en) and direction (up or down)")
        ids = getattr(bead, side)
        if not ids:
            raise EditError(f"bead {i} has no {side} sentence to move")
        j = i - 1 if direction == "up" else i + 1
        if not 0 <= j < len(beads):
            raise EditError(f"bead {i} has no neighbour {'above' if direction == 'up' else 'below'}")
        _unverified(beads, [i, j], pins)
        moved, rest = (ids[:1], ids[1:]) if direction == "up" else (ids[-1:], ids[:-1])
        other = getattr(beads[j], side)
        joined = tuple(sorted(other + moved))
        if side == "zh":
            source, target = Bead(rest, bead.en), Bead(joined, beads[j].en)
        else:
            source, target = Bead(bead.zh, rest), Bead(beads[j].zh, joined)
        return _replace(pins, [target, source] if direction == "up" else [source, target], zh, en)
    if kind == "unverify" and (bead.zh, bead.en) not in _verified(pins):
        raise EditError(f"bead {i} is not verified")
    if kind in ("verify", "unverify"):
        return _replace(pins, [bead], zh, en, verified=kind == "verify")
    raise EditError(f"unknown op {kind!r}; expected one of {', '.join(OPS)}")
