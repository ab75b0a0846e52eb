"""Review stage, the server's state: each document aligned as every output will carry it.

A :class:`Session` holds, per document of the corpus, the alignment the
pipeline gives (:func:`bilingual.pipeline.align_pair` with the session's one
:class:`~bilingual.pipeline.Settings`, so the beads are those ``align`` and
``publish`` write), its glossary findings, the pins file held against today's
text (applied and stale pins), a version and the undo/redo history (pin sets,
in memory only: pins persist, history does not survive a restart).

Before every answer the files are hashed: a bulletin or pins file changed on
disk is re-read and re-aligned (and its stale pins reported), and the version
changes, so an edit made against the old text gets 409. An edit writes the new
pins with one atomic write into ``CORPUS/pins/NAME.pins`` (the only file the
server writes) and re-aligns. An edit changes pins, never text: the documents
as read and segmented are kept while the bulletins' hashes do not change, and
each document keeps a :class:`~bilingual.align.memo.Memo`, so a re-alignment
recomputes only what the new pins change (the beads are those of ``align``).
A corrupt pins file is reported for its document and left untouched; its
document cannot be edited until it is fixed.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bilingual.align import pins as pinning
from bilingual.align.memo import Memo
from bilingual.align.pins import Pin, Resolved
from bilingual.errors import BilingualError, InputError
from bilingual.model import Alignment, Checked, CorpusPair, Finding
from bilingual.model import Document as Text
from bilingual.pipeline import Settings, align_read, findings_of, prepare
from bilingual.review import edits

log = logging.getLogger(__name__)


FINDINGS_KEPT = 50_000  # pairs' findings kept per document before starting afresh
MEMOS_KEPT = 4  # documents whose aligner memo is kept (see Session._memo)


class Conflict(BilingualError):
    """An edit sent against a version that is no longer current (another tab, a file changed): 409."""


def _digest(path: Path | None) -> str:
    if path is None or not path.is_file():
        return ""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class Document:
    """One document's state; replaced, never mutated in place, except for its history."""

    pair: CorpusPair
    hashes: tuple[str, str, str] = ("", "", "")
    checked: Checked | None = None
    resolved: Resolved = field(default_factory=Resolved)
    error: str = ""  # a corrupt pins file (or an unreadable bulletin): shown, nothing edited
    undo: list[list[Pin]] = field(default_factory=list)
    redo: list[list[Pin]] = field(default_factory=list)

    @property
    def version(self) -> int:
        """Opaque to the client: a digest of the files the beads come from (fits a JSON number)."""
        joined = "\0".join([*self.hashes, self.error])
        return int(hashlib.sha256(joined.encode("utf-8")).hexdigest()[:12], 16)

    def verified(self) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
        return {(p.zh, p.en) for p in self.resolved.applied if p.verified}


class Session:
    """Every document of one corpus, aligned on demand and kept while its files do not change."""

    def __init__(self, settings: Settings) -> None:
        if settings.inputs.kind != "corpus" or settings.inputs.root is None:
            raise InputError("bilingual review takes a corpus folder (zh/ and en/)", settings.inputs.paths[0])
        self.settings = settings
        self.root: Path = settings.inputs.root
        self.pairs: dict[str, CorpusPair] = {pair.id: pair for pair in settings.inputs.pairs}
        self.documents: dict[str, Document] = {name: Document(pair) for name, pair in self.pairs.items()}
        self.lock = threading.Lock()  # one edit or refresh at a time: the history and the files agree
        # Per document: the bulletins' hashes and the two documents read from them; the aligner's memo.
        self.texts: dict[str, tuple[tuple[str, str], tuple[Text, Text]]] = {}
        self.memos: dict[str, Memo] = {}  # the MEMOS_KEPT documents aligned last, the oldest first
        self._printed: tuple[Text, Text, list[str], list[str]] | None = None  # the last texts' prints
        # Per document: each pair's findings by its id and texts (all they depend on).
        self.findings: dict[str, dict[tuple[str, str, str], tuple[Finding, ...]]] = {}

    def pins_path(self, name: str) -> Path:
        """Where the document's pins are written: ``CORPUS/pins/NAME.pins``, inside the corpus."""
        path = self.root / "pins" / f"{name}.pins"
        if not path.resolve().is_relative_to(self.root.resolve()):
            raise InputError("a pins file outside the corpus is never written", path)
        return path

    def _hashes(self, pair: CorpusPair) -> tuple[str, str, str]:
        return _digest(pair.zh), _digest(pair.en), _digest(self.pins_path(pair.id))

    def get(self, name: str) -> Document:
        """The document, re-read and re-aligned when one of its files changed on disk."""
        with self.lock:
            return self._fresh(name)

    def _fresh(self, name: str) -> Document:
        document = self.documents[name]
        hashes = self._hashes(document.pair)
        if (document.checked is not None or document.error) and hashes == document.hashes:
            return document
        if document.checked is not None or document.error:
            log.info("%s changed on disk; re-reading it", name)
        fresh = Document(document.pair, hashes, undo=document.undo, redo=document.redo)
        try:
            kept = self.texts.get(name)
            read = kept[1] if kept is not None and kept[0] == hashes[:2] else None
            prepared = prepare(self.settings, document.pair, read)
            self.texts[name] = (hashes[0], hashes[1]), (prepared.zh, prepared.en)
            alignment = align_read(self.settings, prepared, self._memo(name))
            path = self.settings.pins_file(document.pair)
            if path is not None:
                fresh.resolved = pinning.resolve(path, alignment.zh, alignment.en)
            fresh.checked = self._check(name, alignment)
        except BilingualError as exc:
            fresh.error = str(exc)
            log.error("%s", exc)
        self.documents[name] = fresh
        return fresh

    def _memo(self, name: str) -> Memo:
        """The document's memo, kept for the MEMOS_KEPT documents aligned last (tens of MB each
        for a long document: its evidence spaces)."""
        memo = self.memos.pop(name, None) or Memo()
        self.memos[name] = memo
        while len(self.memos) > MEMOS_KEPT:
            del self.memos[next(iter(self.memos))]
        return memo

    def _check(self, name: str, alignment: Alignment) -> Checked:
        """:func:`~bilingual.pipeline.check_alignment`, checking only the pairs not seen before.

        A pair's findings depend on nothing but its id and its two texts (the checks
        go pair by pair, in pair order), so a bead an edit left alone keeps them.
        """
        kept = self.findings.setdefault(name, {})
        if len(kept) > FINDINGS_KEPT:
            kept.clear()
        pairs = list(alignment.pairs())
        missing = [pair for pair in pairs if (pair.id, pair.zh, pair.en) not in kept]
        if missing:
            found: dict[str, list[Finding]] = {}
            for finding in findings_of(self.settings, missing):
                found.setdefault(finding.segment, []).append(finding)
            for pair in missing:
                kept[pair.id, pair.zh, pair.en] = tuple(found.get(pair.id, ()))
        return Checked(alignment, tuple(f for pair in pairs for f in kept[pair.id, pair.zh, pair.en]))

    def edit(self, name: str, request: Mapping[str, Any]) -> Document:
        """Apply one edit (or undo/redo), write the pins atomically, re-align; the new document."""
        with self.lock:
            document = self._fresh(name)
            if request.get("version") != document.version:
                raise Conflict(
                    f"{name} changed since version {request.get('version')!r} (now {document.version}): "
                    "reload and edit again"
                )
            if document.error or document.checked is None:
                raise edits.EditError(f"{name} cannot be edited: {document.error}")
            current = list(document.resolved.applied)
            alignment = document.checked.alignment
            op = request.get("op")
            if op in ("undo", "redo"):
                source, target = (
                    (document.undo, document.redo) if op == "undo" else (document.redo, document.undo)
                )
                if not source:
                    raise edits.EditError(f"nothing to {op}")
                wanted = source[-1]
            else:
                zh, en = self._prints(alignment)
                wanted = edits.apply(request, alignment.beads, current, zh, en)
            kept = [stale.pin for stale in document.resolved.stale]
            pinning.save(self.pins_path(name), self._anchored(wanted, document), kept)
            # The history changes only once the pins are on disk.
            if op in ("undo", "redo"):
                source.pop()
                target.append(current)
            else:
                document.undo.append(current)
                document.redo.clear()
            return self._fresh(name)

    def _prints(self, alignment: Alignment) -> tuple[list[str], list[str]]:
        """The fingerprints of the sentences of both sides (those of the last texts asked for kept)."""
        last = self._printed
        if last is None or last[0] is not alignment.zh or last[1] is not alignment.en:
            last = self._printed = (
                alignment.zh,
                alignment.en,
                pinning.prints_of(alignment.zh),
                pinning.prints_of(alignment.en),
            )
        return last[2], last[3]

    def _anchored(self, pins: list[Pin], document: Document) -> list[Pin]:
        """Pins of a v1 file get today's fingerprints when the review first rewrites the file."""
        if all(pin.anchored for pin in pins) or document.checked is None:
            return pins
        alignment = document.checked.alignment
        zh, en = self._prints(alignment)
        return [
            pin if pin.anchored else pinning.anchor(pin.bead, zh, en, verified=pin.verified) for pin in pins
        ]
