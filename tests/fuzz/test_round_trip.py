"""Every writer round-tripped through its own reader, on alignments of hostile text.

Sentences mix control characters, lone surrogates, Extension-B ideographs,
``&<>"'``, RTL marks, line breaks and very long words; beads are 1-1, 1-0,
0-1, 2-1 and 1-2, scored and pinned at random. The rules of what a format may
change are the conformance suite's (``tests/formats/test_conformance.py``): a
character may differ only where the writer reported a CONTROL_CHAR finding at
that offset (with a visible stand-in), and PO writes a placeholder msgid for
an empty Chinese side.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bilingual.errors import BilingualError
from bilingual.formats import FORMATS, ExportContext
from bilingual.model import EN, ZH, Alignment, Checked
from tests.formats.test_conformance import FORMATS as TWO_SIDED
from tests.formats.test_conformance import _assert_same_or_reported
from tests.fuzz import hostile


def _context() -> ExportContext:
    return ExportContext(signature="bilingual:fuzz", date="2023-02-14")


def _write_and_read(name: str, alignment: Alignment, ctx: ExportContext, folder: Path) -> list:
    fmt = FORMATS[name]
    assert fmt.read is not None
    pairs = []
    for number, data in enumerate(hostile.write(name, [Checked(alignment)], ctx)):
        path = folder / f"round{number}{fmt.suffix}"
        path.write_bytes(data)
        pairs += fmt.read(path)
    return pairs


@pytest.mark.parametrize("name", TWO_SIDED)
@given(data=st.data())
def test_pairs_read_back_equal_the_pairs_written(name: str, data: st.DataObject, scratch: Path) -> None:
    """Property: writing hostile pairs raises nothing, and reading the output back gives the same
    ids, document, beads (ranges, score, pinned) and text, except characters the writer reported
    as CONTROL_CHAR."""
    surrogates = name not in hostile.SURROGATE_BUGS
    alignment = data.draw(hostile.alignments(surrogates=surrogates), label="alignment")
    ctx = _context()
    pairs = _write_and_read(name, alignment, ctx, scratch)
    written = list(alignment.pairs())
    assert [p.id for p in pairs] == [p.id for p in written]
    problems = list(ctx.problems)
    for read, original in zip(pairs, written, strict=True):
        assert read.doc_id == alignment.id
        assert (read.bead.zh, read.bead.en) == (original.bead.zh, original.bead.en)
        assert read.bead.score == pytest.approx(original.bead.score, abs=1e-3)
        if name not in hostile.PINNED_LOST:
            assert read.bead.pinned == original.bead.pinned
        _assert_same_or_reported(name, original.id, ZH, original.zh, read.zh, problems)
        _assert_same_or_reported(name, original.id, EN, original.en, read.en, problems)


@given(alignment=hostile.alignments())
def test_plain_text_keeps_one_line_per_english_segment(alignment: Alignment, scratch: Path) -> None:
    """Property: plain text (English only, documented not to round-trip pairs) writes one line per
    English segment, whatever line breaks the text holds, and reads back that many lines."""
    pairs = _write_and_read("text", alignment, _context(), scratch)
    assert len(pairs) == len(alignment.en.segments)


@pytest.mark.parametrize("name", sorted(n for n, f in FORMATS.items() if f.write is not None))
@given(data=st.data())
def test_every_writer_writes_hostile_corpora(name: str, data: st.DataObject) -> None:
    """Property: every writer (write-only ones included) writes several hostile documents, with
    hostile document ids (any file name's stem), raising nothing but a BilingualError."""
    one = hostile.alignments(ids=hostile.doc_ids, max_beads=3, surrogates=name not in hostile.SURROGATE_BUGS)
    alignments = data.draw(st.lists(one, min_size=1, max_size=2), label="alignments")
    fmt = FORMATS[name]
    assert fmt.write is not None
    items = [Checked(a) for a in alignments]
    try:
        for group in [[c] for c in items] if fmt.per_document else [items]:
            fmt.write(iter(group), _context(), io.BytesIO())
    except BilingualError:
        pass
