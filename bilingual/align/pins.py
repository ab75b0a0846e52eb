"""Align stage, editor's pins: links fixed by hand that every re-run must keep.

Two line formats. Version 2, which ``bilingual review`` writes, anchors each
pin to the text of its sentences::

    # bilingual pins v2
    [3,4]:[5] zh=1f0c9a2b7d4e5f60,9a8b7c6d5e4f3a21 en=0123456789abcdef verified

(0-based sentence ids; ``zh=``/``en=`` the :func:`bilingual.model.fingerprint`
of each sentence, in order, empty for an empty side; ``verified``: an editor
checked the bead). Version 1, today's hand-written files, is one bead a line,
``[3,4]:[5]`` (a trailing ``:score`` allowed and ignored), without the header:
its pins are *unanchored*, applied at their ids as before (the caller warns).
Blank lines and ``#`` comments are skipped in both.

:func:`resolve` holds a file against the two documents as they are now. A v2
pin whose sentences still sit at its ids is applied there; otherwise each side
is searched for its run of fingerprints (the sentences may have moved; the run
nearest to the old position wins among equals). A pin is *stale*, reported and
not applied, when a side's sentences are gone or changed, or when, re-found, it
would share a sentence with or cross a pin already placed (pins in place are
placed first, then moved ones in file order). A stale pin never glues other
sentences. Errors (a corrupt file) name the file and the 1-based line; a v1 file
keeps its strict checks (ids past the end, pinned twice, crossing).

:func:`update_fingerprints` follows a translator's edit (``po import``): the pins
on an edited sentence take its new fingerprint, so the fix does not make them stale.

Pure apart from :func:`load`/:func:`resolve` (read a file), :func:`save` and
:func:`update_fingerprints` (atomic writes); nothing is logged here: the caller
says what is stale.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import regex

from bilingual.errors import AlignmentError
from bilingual.io import write_atomic
from bilingual.model import Bead, Document, fingerprint

HEADER = "# bilingual pins v2"
_HEADER = regex.compile(r"^#\s*bilingual pins v(\d+)\s*$")
# ASCII digits only (regex's \d would take ٣ for 3), at most 9 of them (no bulletin has a
# billion sentences, and int() refuses over 4,300 digits with a ValueError).
_IDS = regex.compile(r"^\[\s*((?:[0-9]{1,9}\s*(?:,\s*[0-9]{1,9}\s*)*)?)\]$")
_TAIL = regex.compile(r"\s+(?=(?:zh|en)=|verified\b)")  # where a v2 line's fields begin
_FP = regex.compile(r"^[0-9a-f]{16}$")


@dataclass(frozen=True, slots=True)
class Pin:
    """One pinned bead: sentence ids, their fingerprints (None: unanchored, v1) and the verified flag."""

    zh: tuple[int, ...]
    en: tuple[int, ...]
    zh_fp: tuple[str, ...] | None = None
    en_fp: tuple[str, ...] | None = None
    verified: bool = False
    line: int | None = None  # 1-based line in the file read; None for pins made in code

    @property
    def bead(self) -> Bead:
        return Bead(self.zh, self.en, 1.0, pinned=True)

    @property
    def anchored(self) -> bool:
        return self.zh_fp is not None and self.en_fp is not None

    def __str__(self) -> str:
        return _text(self.bead)

    def at(self, zh: tuple[int, ...], en: tuple[int, ...]) -> Pin:
        """The same pin (fingerprints, flag, line) at other ids."""
        return Pin(zh, en, self.zh_fp, self.en_fp, self.verified, self.line)

    def line_text(self) -> str:
        """The pin as a v2 line (an unanchored pin cannot be written: anchor it first)."""
        if self.zh_fp is None or self.en_fp is None:
            raise AlignmentError(f"pin {self} has no fingerprints; anchor it to the documents first")
        flag = " verified" if self.verified else ""
        return f"{self} zh={','.join(self.zh_fp)} en={','.join(self.en_fp)}{flag}"


@dataclass(frozen=True, slots=True)
class Stale:
    """A pin that no longer fits the text: why, and where it was read."""

    pin: Pin
    reason: str
    path: Path | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.pin.line}: " if self.path and self.pin.line else ""
        where = where or (f"{self.path}: " if self.path else "")
        return f"{where}stale pin {self.pin}: {self.reason}; not applied"


@dataclass(frozen=True, slots=True)
class Resolved:
    """A pins file held against two documents: the pins applied (sorted, at today's ids) and the stale."""

    applied: tuple[Pin, ...] = ()
    stale: tuple[Stale, ...] = ()
    version: int = 2
    path: Path | None = None
    moved: tuple[Pin, ...] = field(default=())  # applied pins re-found at other ids than the file's

    @property
    def beads(self) -> list[Bead]:
        return [pin.bead for pin in self.applied]


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


def _fingerprints(
    value: str, ids: tuple[int, ...], side: str, path: str | Path | None, line: int
) -> tuple[str, ...]:
    prints = tuple(value.split(",")) if value else ()
    if len(prints) != len(ids) or not all(_FP.match(p) for p in prints):
        raise AlignmentError(
            f"{side}= needs one 16-hex-digit fingerprint per {side} sentence ({len(ids)}), got {value!r}",
            path,
            line,
        )
    return prints


def version_of(text: str, path: str | Path | None = None) -> int:
    """2 when the first non-blank line is the v2 header, else 1 (a newer version is an error)."""
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        match = _HEADER.match(raw.strip())
        if match is None:
            return 1
        if match.group(1) != "2":
            raise AlignmentError(
                f"pins format v{match.group(1)} is newer than this bilingual (reads v1 and v2)", path, number
            )
        return 2
    return 1


def read(text: str, path: str | Path | None = None) -> tuple[int, list[Pin]]:
    """The format version and the pins in file order (syntax checked, each with its line)."""
    version = version_of(text, path)
    found: list[Pin] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        head, tail = line, ""
        if version == 2:
            cut = _TAIL.search(line)
            head, tail = (line[: cut.start()], line[cut.end() :]) if cut else (line, "")
        fields = head.split(":")
        if len(fields) not in (2, 3):
            raise AlignmentError(f"expected a pin such as [3,4]:[5], got {raw.strip()!r}", path, number)
        zh, en = _ids(fields[0], path, number), _ids(fields[1], path, number)
        if not zh and not en:
            raise AlignmentError("a pin must link at least one sentence", path, number)
        if version == 1:
            found.append(Pin(zh, en, line=number))
            continue
        words: dict[str, str] = {}
        verified = False
        for word in tail.split():
            key, eq, value = word.partition("=")
            if word == "verified":
                verified = True
            elif eq and key in ("zh", "en") and key not in words:
                words[key] = value
            else:
                raise AlignmentError(
                    f"unknown field {word!r}; expected zh=…, en=… and 'verified'", path, number
                )
        if set(words) != {"zh", "en"}:
            raise AlignmentError("a v2 pin needs zh=… and en=… fingerprints", path, number)
        zh_fp = _fingerprints(words["zh"], zh, "zh", path, number)
        en_fp = _fingerprints(words["en"], en, "en", path, number)
        found.append(Pin(zh, en, zh_fp, en_fp, verified, number))
    return version, found


def parse(text: str, path: str | Path | None = None) -> list[tuple[Bead, int]]:
    """Pins in file order as beads, each with its 1-based line number; checks the syntax only."""
    return [(pin.bead, pin.line or 0) for pin in read(text, path)[1]]


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


def conflict(pin: Bead, placed: Iterable[Bead]) -> Bead | None:
    """The first of ``placed`` that shares a sentence with ``pin`` or crosses it, else None."""
    for other in placed:
        if set(pin.zh) & set(other.zh) or set(pin.en) & set(other.en):
            return other
        if (
            pin.zh
            and pin.en
            and other.zh
            and other.en
            and (pin.zh[0] < other.zh[0]) != (pin.en[0] < other.en[0])
        ):
            return other
    return None


def _find(prints: tuple[str, ...], doc: Sequence[str], old: int) -> tuple[int, ...] | None:
    """The ids of the run ``prints`` in ``doc`` nearest to ``old`` (the earlier among equals), else None."""
    if not prints:
        return ()
    width = len(prints)
    starts = [
        k for k in range(len(doc) - width + 1) if doc[k] == prints[0] and tuple(doc[k : k + width]) == prints
    ]
    if not starts:
        return None
    best = min(starts, key=lambda k: (abs(k - old), k))
    return tuple(range(best, best + width))


def hold(
    pins: Sequence[Pin], zh: Sequence[str], en: Sequence[str]
) -> tuple[list[Pin], list[Pin], list[tuple[Pin, str]]]:
    """Anchored pins against the fingerprints of today's sentences: (applied, moved, stale with reasons).

    Pure: the core of :func:`resolve`. ``applied`` is sorted and includes ``moved``.
    """
    in_place: list[Pin] = []
    elsewhere: list[tuple[Pin, tuple[int, ...], tuple[int, ...]]] = []
    stale: list[tuple[Pin, str]] = []
    for pin in pins:
        if pin.zh_fp is None or pin.en_fp is None:  # unanchored: only its ids say where it goes
            inside = all(k < len(zh) for k in pin.zh) and all(k < len(en) for k in pin.en)
            if inside:
                in_place.append(pin)
            else:
                stale.append((pin, "it points past the end"))
            continue
        here = (
            tuple(zh[k] for k in pin.zh if k < len(zh)) == pin.zh_fp
            and tuple(en[k] for k in pin.en if k < len(en)) == pin.en_fp
        )
        if here:
            in_place.append(pin)
            continue
        zh_ids = _find(pin.zh_fp, zh, pin.zh[0] if pin.zh else 0)
        en_ids = _find(pin.en_fp, en, pin.en[0] if pin.en else 0)
        gone = [side for side, ids in (("zh", zh_ids), ("en", en_ids)) if ids is None]
        if zh_ids is None or en_ids is None:
            stale.append((pin, f"its {' and '.join(gone)} sentences changed or are gone"))
        else:
            elsewhere.append((pin, zh_ids, en_ids))
    placed: list[Pin] = []
    for pin in in_place:
        other = conflict(pin.bead, (p.bead for p in placed))
        if other is None:
            placed.append(pin)
        else:
            stale.append((pin, f"it shares a sentence with or crosses the pin {_text(other)}"))
    moved: list[Pin] = []
    for pin, zh_ids, en_ids in elsewhere:
        found = pin.at(zh_ids, en_ids)
        other = conflict(found.bead, (p.bead for p in placed))
        if other is None:
            placed.append(found)
            moved.append(found)
        else:
            stale.append((pin, f"re-found at {found}, it would cross or overlap the pin {_text(other)}"))
    placed.sort(key=lambda p: _order(p.bead))
    return placed, moved, stale


def prints_of(doc: Document) -> list[str]:
    """The fingerprint of every sentence of a segmented document."""
    return [fingerprint(segment.text) for segment in doc.segments]


def anchor(bead: Bead, zh: Sequence[str], en: Sequence[str], *, verified: bool = False) -> Pin:
    """A v2 pin for ``bead``, anchored to the sentences' fingerprints ``zh`` / ``en``."""
    return Pin(bead.zh, bead.en, tuple(zh[k] for k in bead.zh), tuple(en[k] for k in bead.en), verified)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AlignmentError(f"pins file is not UTF-8 (byte offset {exc.start})", path) from exc


def load(path: Path, n_zh: int, n_en: int) -> list[Bead]:
    """Read, parse and check a pins file at its ids against documents of n_zh and n_en sentences."""
    return check(parse(_read_text(path), path), n_zh, n_en, path)


def resolve(path: Path, zh: Document, en: Document) -> Resolved:
    """The pins of ``path`` held against today's segmented documents (see the module docstring)."""
    text = _read_text(path)
    version, pins = read(text, path)
    if version == 1:
        beads = check([(p.bead, p.line) for p in pins], len(zh.segments), len(en.segments), path)
        line = {(p.zh, p.en): p.line for p in pins}
        return Resolved(tuple(Pin(b.zh, b.en, line=line[b.zh, b.en]) for b in beads), (), 1, path)
    applied, moved, stale = hold(pins, prints_of(zh), prints_of(en))
    return Resolved(tuple(applied), tuple(Stale(pin, why, path) for pin, why in stale), 2, path, tuple(moved))


def dumps(pins: Iterable[Pin]) -> str:
    """A v2 pins file: the header, then one anchored pin a line in document order."""
    ordered = sorted(pins, key=lambda p: _order(p.bead))
    return "".join([HEADER + "\n", *(pin.line_text() + "\n" for pin in ordered)])


def save(path: Path, pins: Iterable[Pin], kept: Iterable[Pin] = ()) -> None:
    """Write ``pins`` as a v2 file, atomically; ``kept`` (stale pins, as read) follow as they were.

    Stale pins stay in the file, so reverting the text brings them back; they
    are written after the applied ones, under a comment.
    """
    text = dumps(pins)
    rest = [pin.line_text() + "\n" for pin in kept if pin.anchored]
    if rest:
        text += "# stale: no longer match the text; not applied until it does\n" + "".join(rest)
    data = text.encode("utf-8")
    write_atomic(path, lambda out: out.write(data))


def retarget(pins: Sequence[Pin], side: str, changed: Mapping[int, tuple[str, str]]) -> list[Pin]:
    """``pins`` with the fingerprints of edited sentences updated: ``changed[k] = (old, new)`` for
    sentence ``k`` of ``side``. Only a pin that holds ``old`` at ``k`` changes (pure).

    For ``po import``: a translator's fix to a sentence must not make the editor's pin on it stale.
    """
    out: list[Pin] = []
    for pin in pins:
        ids, prints = (pin.zh, pin.zh_fp) if side == "zh" else (pin.en, pin.en_fp)
        if prints is None or not any(k in changed for k in ids):
            out.append(pin)
            continue
        new = tuple(
            changed[k][1] if k in changed and changed[k][0] == fp else fp
            for k, fp in zip(ids, prints, strict=True)
        )
        zh_fp, en_fp = (new, pin.en_fp) if side == "zh" else (pin.zh_fp, new)
        out.append(Pin(pin.zh, pin.en, zh_fp, en_fp, pin.verified, pin.line))
    return out


def update_fingerprints(path: Path, side: str, changed: Mapping[int, tuple[str, str]]) -> int:
    """Rewrite a v2 pins file after sentences of ``side`` were edited (see :func:`retarget`).

    Returns how many pins changed; writes (atomically) only when one did. A v1 file has no
    fingerprints to update and is left alone (0).
    """
    version, pins = read(_read_text(path), path)
    if version == 1:
        return 0
    updated = retarget(pins, side, changed)
    count = sum(a != b for a, b in zip(pins, updated, strict=True))
    if count:
        data = "".join([HEADER + "\n", *(pin.line_text() + "\n" for pin in updated)]).encode("utf-8")
        write_atomic(path, lambda out: out.write(data))
    return count
