"""Memory stage: checked alignments into the memory (``tm add``, ``publish --memory``).

A corpus document is identified by its name; a document read from an exchange
file (TMX, XLIFF, PO...) by ``PATH#DOC``, PATH relative to the memory's folder,
and its beads by the file's unit ids. Re-adding a document replaces its beads;
``prune`` removes the documents of the same corpus folder or file that the
inputs no longer hold.

Documents are written in transactions of whole documents, closed once they
hold ``BATCH_BEADS`` beads or ``BATCH_SECONDS`` after their first document
(so a slow alignment still saves its work as it goes): each document is in
the memory whole or not at all, and a few large transactions instead of one a
document is most of what makes a bulk load fast (FTS5 writes an index segment
a transaction).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from bilingual.memory.interface import BeadRecord, DocumentRecord, MemoryStore
from bilingual.model import Checked
from bilingual.pipeline import Progress, Settings, run

BATCH_BEADS = 20_000  # beads a transaction (whole documents): about a second of writing
BATCH_SECONDS = 5.0  # ... or this long after the transaction's first document was ready


@dataclass(frozen=True, slots=True)
class Added:
    documents: int
    beads: int
    pruned: tuple[str, ...] = ()


def source_of(checked: Checked) -> tuple[Path | None, bool]:
    """Where a checked document came from: (corpus folder or exchange file, is a file)."""
    path = checked.alignment.zh.path or checked.alignment.en.path
    if path is None:
        return None, False
    if checked.alignment.zh.format == "pairs":
        return path, True
    parent = Path(path).absolute().parent
    return (parent.parent if parent.name in ("zh", "en") else parent), False


def record(store: MemoryStore, checked: Checked, signature: str) -> DocumentRecord:
    """One checked document as the memory stores it."""
    alignment = checked.alignment
    source, is_file = source_of(checked)
    origin = store.origin_of(source) if source is not None else ""
    name = f"{origin}#{alignment.id}" if is_file else alignment.id
    beads = tuple(
        BeadRecord(pair.id, pair.zh, pair.en, pair.bead.score, pair.bead.pinned) for pair in alignment.pairs()
    )
    date = alignment.zh.date or alignment.en.date or ""
    return DocumentRecord(name, origin, date, signature, beads)


def add_checked(
    store: MemoryStore,
    checked_items: Iterable[Checked],
    signature: str,
    *,
    on_document: Callable[[DocumentRecord], None] | None = None,
    batch: int = BATCH_BEADS,
) -> Added:
    """Put every checked document in the memory (what ``publish`` calls).

    One transaction per ``batch`` beads of whole documents (``batch=1``: one a
    document), or per ``BATCH_SECONDS``: each document is replaced whole or not
    at all.
    """
    documents = beads = 0
    pending: list[DocumentRecord] = []
    size = 0
    since = 0.0
    for checked in checked_items:
        document = record(store, checked, signature)
        if not pending:
            since = time.monotonic()
        pending.append(document)
        size += len(document.beads)
        if size >= batch or time.monotonic() - since >= BATCH_SECONDS:
            store.put_many(pending)
            pending.clear()
            size = 0
        documents += 1
        beads += len(document.beads)
        if on_document is not None:
            on_document(document)
    if pending:
        store.put_many(pending)
    return Added(documents, beads)


def add_inputs(
    store: MemoryStore,
    settings: Settings,
    *,
    prune: bool = False,
    progress: Progress | None = None,
    batch: int = BATCH_BEADS,
) -> Added:
    """``tm add``: run the pipeline on the inputs and put every document; ``prune`` the rest."""
    seen: dict[str, list[str]] = {}

    def note(document: DocumentRecord) -> None:
        seen.setdefault(document.origin, []).append(document.name)

    added = add_checked(store, run(settings, progress), settings.signature, on_document=note, batch=batch)
    pruned: list[str] = []
    if prune:
        origins = set(seen)
        if settings.inputs.kind == "corpus" and settings.inputs.root is not None:
            origins.add(store.origin_of(settings.inputs.root))  # an emptied corpus prunes everything
        for origin in sorted(origins):
            pruned += store.prune(origin, seen.get(origin, []))
    return Added(added.documents, added.beads, tuple(pruned))
