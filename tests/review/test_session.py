"""The session: after any edits, the beads and findings are those every command writes with the same pins."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from bilingual.model import Bead, Checked
from bilingual.pipeline import Settings, process_pair
from bilingual.review.session import MEMOS_KEPT, Document, Session

NAME = "2023-02-14-grassroots-safety"


def expected(corpus: Path) -> Checked:
    """What align, check and publish give for the document now (fresh settings, nothing kept)."""
    settings = Settings.resolve([corpus], similarity="lexical")
    return process_pair(settings, next(p for p in settings.inputs.pairs if p.id == NAME))


def edit(session: Session, document: Document, op: dict[str, Any]) -> Document:
    return session.edit(NAME, {**op, "version": document.version})


def test_after_edits_the_review_shows_what_every_command_writes(corpus: Path) -> None:
    session = Session(Settings.resolve([corpus], similarity="lexical"))
    document = session.get(NAME)

    def split(beads: tuple[Bead, ...]) -> dict[str, Any]:
        """Split the first bead of more than two sentences before its last ones."""
        k = next(k for k, b in enumerate(beads) if len(b.zh) + len(b.en) > 2 and b.zh and b.en and k > 0)
        return {"op": "split", "bead": k, "zh": beads[k].zh[-1], "en": beads[k].en[-1]}

    ops: list[Callable[[tuple[Bead, ...]], dict[str, Any]]] = [
        lambda _: {"op": "merge", "bead": 2},
        split,
        lambda _: {"op": "verify", "bead": 0},
        lambda _: {"op": "move", "bead": 5, "side": "en", "direction": "up"},
        lambda _: {"op": "undo"},
        lambda _: {"op": "merge", "bead": 7},
        lambda _: {"op": "undo"},
        lambda _: {"op": "redo"},
    ]
    for make in ops:
        assert document.checked is not None
        op = make(document.checked.alignment.beads)
        document = edit(session, document, op)
        assert document.checked is not None
        want = expected(corpus)
        got = document.checked
        assert [(b.zh, b.en, b.score, b.pinned) for b in got.alignment.beads] == [
            (b.zh, b.en, b.score, b.pinned) for b in want.alignment.beads
        ], op
        assert got.findings == want.findings, op
    assert session.memos[NAME].hits > 0  # the edits did reuse what they left alone


def test_memos_are_kept_for_the_documents_aligned_last(corpus: Path) -> None:
    session = Session(Settings.resolve([corpus], similarity="lexical"))
    names = list(session.pairs)
    for name in names:
        session.get(name)
    assert list(session.memos) == names[-MEMOS_KEPT:]
