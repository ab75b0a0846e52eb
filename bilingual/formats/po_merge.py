"""The three-way merge of a PO import, planned: which spans of the English file change.

Pure, no I/O; :mod:`bilingual.formats.po_import` reads the PO, states the
rules (its module docstring) and splices the planned edits into the file.

A PO export records, per entry, the :func:`bilingual.model.fingerprint` of
each English segment it was made from (``#. en-fp``). Together the entries of
a PO give the *base*: export-time segment index → fingerprint. The English
file as it is now gives *current*: the fingerprint of each segment, in order.

:func:`locate` maps base indices to current indices by fingerprint, never by
position: a segment whose fingerprint occurs once in the base and once now is
an *anchor*; a fingerprint found several times (a repeated sentence) goes to
the candidate nearest to where the nearest anchor says it should be, and a tie
leaves it unlocated. Two base segments never map to one current segment (both
are left unlocated). A base segment whose words changed is not found at all.

:func:`region` says which current segments now hold what a range of base
segments held, from the located neighbours on either side: the "ours" text
of a conflict, and what ``--theirs`` replaces. :func:`plan_edits` puts it
together, entry by entry.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bilingual.errors import ExportError
from bilingual.formats.po import po_msgid, po_text, shorten, text_digest
from bilingual.model import Document, fingerprint, parse_bead_id

#: How a conflict is settled: None refuses the import, "theirs" takes the
#: reviewer's text, "ours" keeps the file's.
Resolve = Literal["theirs", "ours"] | None


@dataclass(frozen=True, slots=True)
class Entry:
    """What the import needs of one PO entry."""

    line: int  # 1-based line of the entry in the PO file
    msgctxt: str
    msgid: str
    msgstr: str
    en_fp: tuple[str, ...] | None = None  # fingerprints of the exported en segments; None: no en-fp
    en_digest: str | None = None  # text_digest of the exported msgstr


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``doc.text[start:end]`` of the English document with ``text``.

    ``start == end`` is an insertion, found in the file by the text before it
    (``after``) or, if not, by the text after it; ``order`` keeps insertions at
    one point in PO order.
    """

    bead: str
    start: int
    end: int
    text: str
    order: int
    after: bool = True  # an insertion follows the text before it (else: precedes the text after it)


@dataclass(frozen=True, slots=True)
class Plan:
    """What :func:`plan_edits` found: the edits, and how conflicts were settled."""

    edits: tuple[Edit, ...]
    unchanged: int  # entries not edited by the reviewer (or already as the file has them)
    theirs: tuple[str, ...] = ()  # conflicting bead ids where the reviewer's text was taken
    ours: tuple[str, ...] = ()  # conflicting bead ids where the file's text was kept
    by_position: bool = False  # a PO without en-fp, merged by position (resolve="theirs")


class ImportConflict(ExportError):
    """The PO cannot be merged; ``conflicts`` lists every reason, nothing is written."""

    def __init__(self, summary: str, conflicts: Sequence[str], path: str | Path | None = None) -> None:
        listed = "\n".join(f"  {c}" for c in conflicts)
        super().__init__(f"{summary}; nothing written\n{listed}", path)
        self.conflicts = self.details = tuple(conflicts)


def bead_ranges(bead_id: str) -> tuple[str, tuple[int, ...], tuple[int, ...]] | None:
    """``doc:z3-4:e5`` → ``("doc", (3, 4), (5,))``; None when it is not a bead id or names no segment."""
    parsed = parse_bead_id(bead_id)
    if parsed is None or not (parsed[1].zh or parsed[1].en):
        return None
    return parsed[0], parsed[1].zh, parsed[1].en


Located = Mapping[int, int]  # base segment index → current segment index (both 0-based)


def locate(base: Mapping[int, str], current: Sequence[str]) -> dict[int, int]:
    """Where each base segment is now (see the module docstring); unlocated ones are absent."""
    if all(j < len(current) and current[j] == f for j, f in base.items()) and len(current) == (
        max(base, default=-1) + 1
    ):
        return {j: j for j in base}  # nothing moved: no guessing among repeated sentences
    positions: defaultdict[str, list[int]] = defaultdict(list)
    for k, f in enumerate(current):
        positions[f].append(k)
    counts = Counter(base.values())
    anchors = sorted(
        (j, positions[f][0] - j) for j, f in base.items() if counts[f] == 1 and len(positions[f]) == 1
    )
    anchor_at = [j for j, _ in anchors]
    found: dict[int, int] = {}
    for j, f in base.items():
        candidates = positions.get(f, [])
        if not candidates:
            continue
        if len(candidates) == 1 and counts[f] == 1:
            found[j] = candidates[0]
            continue
        expected = j + _shift(anchors, anchor_at, j)
        ranked = sorted(candidates, key=lambda k: abs(k - expected))
        if len(ranked) > 1 and abs(ranked[0] - expected) == abs(ranked[1] - expected):
            continue  # two equally near: ambiguous
        found[j] = ranked[0]
    taken = Counter(found.values())
    return {j: k for j, k in found.items() if taken[k] == 1}


def _shift(anchors: Sequence[tuple[int, int]], anchor_at: Sequence[int], j: int) -> int:
    """How far the nearest anchor moved (the preceding one on a tie); 0 without anchors."""
    if not anchors:
        return 0
    i = bisect.bisect_left(anchor_at, j)
    near = [anchors[x] for x in (i - 1, i) if 0 <= x < len(anchors)]
    return min(near, key=lambda a: (abs(a[0] - j), a[0] > j))[1]


def consecutive(located: Located, ids: Sequence[int]) -> tuple[int, int] | None:
    """``[a, b)`` of the current segments holding base segments ``ids``, when all are found in order."""
    if not ids or any(j not in located for j in ids):
        return None
    first = located[ids[0]]
    if any(located[j] != first + n for n, j in enumerate(ids)):
        return None
    return first, first + len(ids)


def region(
    located: Located, first: int, last: int, base_size: int, current_size: int
) -> tuple[int, int] | None:
    """``[a, b)`` of the current segments between the located neighbours of base ``first..last``.

    ``last == first - 1`` asks for the gap after base segment ``first - 1`` (a
    bead without English). None when a neighbour is not located or the
    neighbours are out of order: then nobody can say what replaced them.
    """
    if first > 0:
        if first - 1 not in located:
            return None
        start = located[first - 1] + 1
    else:
        start = 0
    if last + 1 < base_size:
        if last + 1 not in located:
            return None
        end = located[last + 1]
    else:
        end = current_size
    return (start, end) if start <= end else None


def plan_edits(
    entries: Sequence[Entry],
    zh: Document,
    en: Document,
    po_path: str = "",
    *,
    resolve: Resolve = None,
) -> Plan:
    """The edits the PO asks for (a three-way merge, see the module docstring).

    Raises :class:`ImportConflict` listing every stale, unknown, conflicting or
    clashing entry.
    """
    if any(e.en_fp is None for e in entries):
        return _plan_by_position(entries, zh, en, po_path, resolve)
    return _ThreeWay(entries, zh, en, po_path, resolve).plan()


class _Problems:
    """The reasons an import is refused, by kind, turned into one :class:`ImportConflict`."""

    def __init__(self) -> None:
        self.stale: list[str] = []
        self.unknown: list[str] = []
        self.conflicts: list[str] = []
        self.clashes: list[str] = []

    def check_ids(
        self, entry: Entry, zh: Document, en: Document | None, where: str
    ) -> tuple[int, ...] | None:
        """The en segment ids of ``entry`` when its id and Chinese are sound (``en``: check their range)."""
        parsed = bead_ranges(entry.msgctxt)
        if parsed is None or parsed[0] != zh.id:
            self.unknown.append(f"{where}: not a bead id of bulletin {zh.id}")
            return None
        _, zh_ids, en_ids = parsed
        out_of_range = en is not None and any(j >= len(en.segments) for j in en_ids)
        if any(i >= len(zh.segments) for i in zh_ids) or out_of_range:
            en_count = f" and {len(en.segments)} en" if en is not None else ""
            self.unknown.append(
                f"{where}: no such segments (the corpus has {len(zh.segments)} zh{en_count} segments)"
            )
            return None
        if entry.en_fp is not None and len(entry.en_fp) != len(en_ids):
            self.unknown.append(
                f"{where}: its en-fp comment names {len(entry.en_fp)} segments, its id {len(en_ids)}"
            )
            return None
        corpus_zh = "".join(zh.segments[i].text for i in zh_ids)
        if entry.msgid != po_msgid(corpus_zh):
            self.stale.append(
                f"{where}: msgid {shorten(entry.msgid)} but the corpus zh is {shorten(corpus_zh)}"
            )
            return None
        return en_ids

    def raise_any(self, po_path: str) -> None:
        parts = []
        if self.stale:
            parts.append(f"{len(self.stale)} stale entries (the corpus Chinese changed since the export)")
        if self.unknown:
            parts.append(f"{len(self.unknown)} unknown ids")
        if self.conflicts:
            parts.append(
                f"{len(self.conflicts)} conflicts (edited in the PO and in the English file since the export;"
                " --theirs takes the PO's text, --ours keeps the file's)"
            )
        if self.clashes:
            parts.append(f"{len(self.clashes)} edits that cannot be placed")
        if parts:
            listed = self.stale + self.unknown + self.conflicts + self.clashes
            raise ImportConflict("PO refused: " + ", ".join(parts), listed, po_path or None)


class _ThreeWay:
    """One three-way plan: base from the entries' en-fp, ours from ``en``, theirs from the msgstr."""

    def __init__(
        self, entries: Sequence[Entry], zh: Document, en: Document, po_path: str, resolve: Resolve
    ) -> None:
        self.entries, self.zh, self.en, self.po_path, self.resolve = entries, zh, en, po_path, resolve
        self.problems = _Problems()
        self.edits: list[Edit] = []
        self.claimed: dict[int, str] = {}  # current en segment → bead that edits it
        self.theirs: list[str] = []
        self.ours: list[str] = []

    def plan(self) -> Plan:
        checked: list[tuple[int, Entry, str, tuple[int, ...]]] = []
        base: dict[int, str] = {}
        for order, entry in enumerate(self.entries):
            where = f"{self.po_path}:{entry.line}: {entry.msgctxt or '(no msgctxt)'}"
            en_ids = self.problems.check_ids(entry, self.zh, None, where)
            if en_ids is None:
                continue
            for j, fp in zip(en_ids, entry.en_fp or (), strict=True):
                if base.setdefault(j, fp) != fp:
                    self.problems.unknown.append(
                        f"{where}: en segment {j} has another en-fp in an earlier entry"
                    )
            checked.append((order, entry, where, en_ids))
        self.base_size = max(base, default=-1) + 1
        self.located = locate(base, [fingerprint(s.text) for s in self.en.segments])
        unchanged = 0
        last_en: int | None = None  # largest (export-time) en segment of the entries read so far
        for order, entry, where, en_ids in checked:
            previous_last = last_en
            if en_ids:
                last_en = max(en_ids[-1], last_en if last_en is not None else -1)
            if not entry.msgstr or text_digest(entry.msgstr) == entry.en_digest:
                unchanged += 1  # the reviewer did not touch it: whatever the file says stays
            elif not self._merge(order, entry, where, en_ids, previous_last):
                unchanged += 1
        self.problems.raise_any(self.po_path)
        return Plan(tuple(self.edits), unchanged, tuple(self.theirs), tuple(self.ours))

    def _merge(
        self, order: int, entry: Entry, where: str, en_ids: tuple[int, ...], previous_last: int | None
    ) -> bool:
        """Plan one edited entry; False when it turns out to change nothing."""
        segments = self.en.segments
        if en_ids:
            span = consecutive(self.located, en_ids)
            gap = region(self.located, en_ids[0], en_ids[-1], self.base_size, len(segments))
        elif previous_last is None:
            self.problems.clashes.append(
                f"{where}: untranslated bead before any English; add its English by hand"
            )
            return True
        else:  # a bead without English: the gap after the previous English must still be empty
            gap = region(self.located, previous_last + 1, previous_last, self.base_size, len(segments))
            span = gap if gap is not None and gap[0] == gap[1] else None
        if span is None:  # the English changed in the file too
            ours = None if gap is None else po_text(" ".join(s.text for s in segments[gap[0] : gap[1]]))
            if ours == entry.msgstr:
                return False  # the file already says what the reviewer wrote
            if self.resolve == "ours":
                self.ours.append(entry.msgctxt)
                return False
            if gap is None:
                self.problems.clashes.append(
                    f"{where}: its English and the sentences around it changed in the file since the export; "
                    "edit it by hand"
                )
                return True
            if self.resolve != "theirs":
                shown = repr(ours) if ours else "(deleted in the file)"
                self.problems.conflicts.append(
                    f"{where}: changed in the PO and in the English file since the export\n"
                    f"      PO (theirs):   {entry.msgstr!r}\n      file (ours):   {shown}"
                )
                return True
            self.theirs.append(entry.msgctxt)
            span = gap
        elif en_ids and po_text(" ".join(s.text for s in segments[span[0] : span[1]])) == entry.msgstr:
            return False  # the file already says what the reviewer wrote
        first, end = span
        for k in range(first, end):
            if k in self.claimed:
                self.problems.clashes.append(f"{where}: en segment {k} is also edited by {self.claimed[k]}")
            self.claimed[k] = entry.msgctxt
        if first < end:
            self.edits.append(
                Edit(entry.msgctxt, segments[first].start, segments[end - 1].end, entry.msgstr, order)
            )
        elif en_ids and end < len(segments):  # deleted in the file: back before the English after it
            point = segments[end].start
            self.edits.append(Edit(entry.msgctxt, point, point, entry.msgstr + " ", order, after=False))
        elif first > 0:  # nothing there now: insert after the English before it
            point = segments[first - 1].end
            self.edits.append(Edit(entry.msgctxt, point, point, " " + entry.msgstr, order))
        else:
            self.problems.clashes.append(
                f"{where}: no English before it in the file to insert after; edit it by hand"
            )
        return True


def _plan_by_position(
    entries: Sequence[Entry], zh: Document, en: Document, po_path: str, resolve: Resolve
) -> Plan:
    """A PO without en-fp comments: the bead ids taken as positions in the English file as it is now."""
    problems = _Problems()
    edits: list[Edit] = []
    unchanged = 0
    claimed: dict[int, str] = {}  # en segment → bead that edits it
    last_en: int | None = None  # largest en segment of the entries read so far
    for order, entry in enumerate(entries):
        where = f"{po_path}:{entry.line}: {entry.msgctxt or '(no msgctxt)'}"
        en_ids = problems.check_ids(entry, zh, en, where)
        if en_ids is None:
            continue
        current = po_text(" ".join(en.segments[j].text for j in en_ids))
        previous_last = last_en
        if en_ids:
            last_en = max(en_ids[-1], last_en if last_en is not None else -1)
        if not entry.msgstr or entry.msgstr == current:
            unchanged += 1
            continue
        if en_ids:
            for j in en_ids:
                if j in claimed:
                    problems.clashes.append(f"{where}: en segment {j} is also edited by {claimed[j]}")
                claimed[j] = entry.msgctxt
            start, end = en.segments[en_ids[0]].start, en.segments[en_ids[-1]].end
            edits.append(Edit(entry.msgctxt, start, end, entry.msgstr, order))
        elif previous_last is not None:
            point = en.segments[previous_last].end
            edits.append(Edit(entry.msgctxt, point, point, " " + entry.msgstr, order))
        else:
            problems.clashes.append(f"{where}: untranslated bead before any English; add its English by hand")
    problems.raise_any(po_path)
    if edits and resolve != "theirs":
        raise ImportConflict(
            "PO refused: exported before three-way import (no en-fp comments)",
            [
                f"{po_path or 'the PO'}: {len(edits)} edited entries cannot be told from changes made to the "
                "English file since the export; export the PO again, or run with --theirs to merge them by "
                "position as before (the reviewer's text wins)"
            ],
            po_path or None,
        )
    return Plan(tuple(edits), unchanged, by_position=True)
