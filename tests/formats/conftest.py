"""Hand-built alignments for the export tests (no corpus reader needed)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from bilingual.model import Alignment, Bead, Document, Kind, Paragraph, Segment


def make_document(doc_id: str, lang: str, sentences: Sequence[str], title: str | None = None) -> Document:
    """A document with one paragraph per sentence, joined by newlines."""
    paragraphs: list[Paragraph] = []
    segments: list[Segment] = []
    pos = 0
    for index, sentence in enumerate(sentences):
        kind = Kind.TITLE if index == 0 and title is not None else Kind.BODY
        end = pos + len(sentence)
        paragraphs.append(Paragraph(index, pos, end, sentence, kind))
        segments.append(Segment(index, index, pos, end, sentence, kind))
        pos = end + 1
    return Document(
        id=doc_id,
        lang=lang,
        text="\n".join(sentences),
        paragraphs=tuple(paragraphs),
        title=title,
        date="2023-02-14",
        segments=tuple(segments),
        segmenter="seg:test",
    )


def make_alignment(
    doc_id: str,
    zh: Sequence[str],
    en: Sequence[str],
    beads: Sequence[Bead] | None = None,
) -> Alignment:
    """An alignment of ``zh`` and ``en``; 1-1 beads by position unless ``beads`` is given."""
    if beads is None:
        beads = [Bead((i,), (i,), 0.9) for i in range(min(len(zh), len(en)))]
    return Alignment(
        zh=make_document(doc_id, "zh", zh, title=zh[0] if zh else None),
        en=make_document(doc_id, "en", en, title=en[0] if en else None),
        beads=tuple(beads),
        settings="align:test",
    )


@pytest.fixture
def alignment_factory() -> Callable[..., Alignment]:
    return make_alignment
