"""Align stage, editor's pins: links fixed by hand that every re-run must keep.

A pins file holds one bead per line in the bead format, ``[3,4]:[5]``
(0-based sentence ids; a trailing ``:score`` is allowed and ignored; blank
lines and ``#`` comments are skipped). Errors name the file and the 1-based
line: a malformed line, ids that are not consecutive, two pins that share a
sentence or cross each other, an id past the end of its document.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path

import regex

from bilingual.errors import AlignmentError
from bilingual.model import Bead

_IDS = regex.compile(r"^\[\s*((?:\d+\s*(?:,\s*\d+\s*)*)?)\]$")


def _ids(field: str, path: str | Path | None, line: int) -> tuple[int, ...]:
    match = _IDS.match(field.strip())
    if match is None:
        raise AlignmentError(f"cannot read the id list {field.strip()!r}; expected e.g. [3,4]", path, line)
    body = match.group(1).strip()
    ids = tuple(int(x) for x in body.split(",")) if body else ()
    if any(b != a + 1 for a, b in itertools.pairwise(ids)):
        raise AlignmentError(
            f"ids {list(ids)} are not consecutive; a bead links adjacent sentences", path, line
        )
    return ids


def parse(text: str, path: str | Path | None = None) -> list[tuple[Bead, int]]:
    """Pins in file order, each with its 1-based line number; checks the syntax only."""
    pins: list[tuple[Bead, int]] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        fields = line.split(":")
        if len(fields) not in (2, 3):
            raise AlignmentError(f"expected a pin such as [3,4]:[5], got {raw.strip()!r}", path, number)
        zh, en = _ids(fields[0], path, number), _ids(fields[1], path, number)
        if not zh and not en:
            raise AlignmentError("a pin must link at least one sentence", path, number)
        pins.append((Bead(zh, en, 1.0, pinned=True), number))
    return pins


def check(
    pins: Sequence[tuple[Bead, int | None]], n_zh: int, n_en: int, path: str | Path | None = None
) -> list[Bead]:
    """Pins sorted and proved consistent with each other and with the documents' lengths."""
    for bead, line in pins:
        for side, ids, count in (("zh", bead.zh, n_zh), ("en", bead.en, n_en)):
            if ids and ids[-1] >= count:
                raise AlignmentError(
                    f"pin {_text(bead)} points past the end: "
                    f"{side} sentence {ids[-1]} but the {side} document has {count} (ids 0-{count - 1})",
                    path,
                    line,
                )
    for side in ("zh", "en"):
        seen: dict[int, int | None] = {}
        for bead, line in pins:
            for k in getattr(bead, side):
                if k in seen:
                    raise AlignmentError(
                        f"{side} sentence {k} is pinned twice (also on line {seen[k]})", path, line
                    )
                seen[k] = line
    two_sided = sorted((p for p in pins if p[0].zh and p[0].en), key=lambda p: p[0].zh[0])
    for first, second in itertools.pairwise(two_sided):
        if second[0].en[0] < first[0].en[-1]:
            # Name the pin read last: it is the one that contradicts the file so far.
            (late, late_line), (early, early_line) = sorted([first, second], key=lambda p: -(p[1] or 0))
            raise AlignmentError(
                f"pin {_text(late)} crosses the pin {_text(early)} on line {early_line}: "
                "pins must keep both documents in order",
                path,
                late_line,
            )
    return [bead for bead, _ in sorted(pins, key=lambda p: _order(p[0]))]


def _order(bead: Bead) -> tuple[int, int]:
    return (bead.zh[0] if bead.zh else -1, bead.en[0] if bead.en else -1)


def _text(bead: Bead) -> str:
    return f"[{','.join(map(str, bead.zh))}]:[{','.join(map(str, bead.en))}]"


def load(path: Path, n_zh: int, n_en: int) -> list[Bead]:
    """Read, parse and check a pins file against documents of n_zh and n_en sentences."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AlignmentError(f"pins file is not UTF-8 (byte offset {exc.start})", path) from exc
    return check(parse(text, path), n_zh, n_en, path)
