"""Hand-built alignments for the export tests (no corpus reader needed)."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

import pytest

from bilingual.formats import FORMATS, ExportContext
from bilingual.model import Alignment, Bead, Checked, Document, Kind, Paragraph, Segment


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


def write_outputs(name: str, items: Sequence[Checked], ctx: ExportContext) -> list[bytes]:
    """The output(s) of format ``name`` for ``items``: one per item for per-document formats
    (what ``bilingual export`` would write into files), as bytes."""
    fmt = FORMATS[name]
    assert fmt.write is not None, f"{name} is read-only"
    groups = [[item] for item in items] if fmt.per_document else [list(items)]
    outputs = []
    for group in groups:
        buffer = io.BytesIO()
        fmt.write(iter(group), ctx, buffer)
        outputs.append(buffer.getvalue())
    return outputs
