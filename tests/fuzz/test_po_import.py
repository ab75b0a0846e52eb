"""Fuzzing PO import (``formats/po_import.import_po``) on a small generated corpus.

The corpus is one bulletin (Chinese and English text files), read and
segmented once; its PO export is then mutated: byte by byte, and entry by
entry (hostile ``msgstr`` edits, ``msgctxt`` ids naming other, reversed or
missing segments, stale ``msgid``s, a changed document header). Every import
is a dry run, so the corpus never changes. Property: ``import_po`` returns an
ImportResult or raises a BilingualError (an ImportConflict listing every
reason, an InputError with the line), never anything else.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from bilingual.corpus import pair_corpus, read_pair
from bilingual.errors import BilingualError
from bilingual.formats.po import write_po
from bilingual.formats.po_import import ImportResult, import_po
from bilingual.formats.registry import ExportContext
from bilingual.model import Alignment, Bead, Checked, Document
from tests.fuzz import hostile

ZH_TEXT = "嘉兴召开会议\n\n发布日期：2023年2月14日\n\n第一句。第二句。第三句。\n\n第四句。\n"
EN_TEXT = "Jiaxing Holds a Meeting\n\nRelease date:2023-02-14\n\nThe first. The second.\n\nThe fourth.\n"
BEADS = (Bead((0,), (0,)), Bead((1,), (1,)), Bead((2,), (2,)), Bead((3, 4), (3,), 0.3), Bead((5,), (4,)))


Bulletin = tuple[dict[str, tuple[Document, Document]], bytes]


@pytest.fixture(scope="module")
def bulletin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bulletin]:
    """The corpus's documents by id, and their PO export."""
    root = tmp_path_factory.mktemp("po-corpus")
    for lang, text in (("zh", ZH_TEXT), ("en", EN_TEXT)):
        (root / lang).mkdir()
        (root / lang / "bulletin.txt").write_text(text, encoding="utf-8")
    pair = pair_corpus(root).pairs[0]
    zh, en = read_pair(pair)
    out = io.BytesIO()
    write_po([Checked(Alignment(zh, en, BEADS[: min(len(zh.segments), len(BEADS))], "align:test"))],
             ExportContext("bilingual:fuzz"), out)  # fmt: skip
    yield {pair.id: (zh, en)}, out.getvalue()


def import_or_refuse(data: bytes, documents: dict[str, tuple[Document, Document]], folder: Path) -> None:
    path = folder / "bulletin.po"
    path.write_bytes(data)
    try:
        result = import_po(path, documents, where="fuzz", dry_run=True)
    except BilingualError as exc:
        assert str(exc)
        event(f"refused: {type(exc).__name__}")
        return
    event(f"imported, {len(result.edited)} edits")
    assert isinstance(result, ImportResult) and not result.written


@given(data=st.data())
def test_mutated_po_bytes_import_or_refuse(data: st.DataObject, bulletin: Bulletin, scratch: Path) -> None:
    """Property: the bulletin's PO export, byte-mutated, imports (dry run) or raises a BilingualError."""
    documents, po = bulletin
    import_or_refuse(data.draw(hostile.mutated(po), label="bytes"), documents, scratch)


IDS = ["bulletin:z0:e0", "bulletin:z3-4:e3", "bulletin:z4-3:e3", "bulletin:z9:e9", "bulletin:z:e",
       "bulletin:z5:e", "bulletin:z:e4", "other:z0:e0", "bulletin:z0:e0:z1:e1", "", ":z0:e0",
       "bulletin:z00:e0"]  # fmt: skip


@st.composite
def po_edits(draw: st.DrawFn, po: bytes) -> bytes:
    """The PO export with hostile reviewer edits and corrupted ids, msgids and header."""
    catalogue = polib.pofile(po.decode("utf-8"), wrapwidth=0)
    entries = list(catalogue)
    for _ in range(draw(st.integers(1, 5))):
        entry = draw(st.sampled_from(entries))
        op = draw(st.sampled_from(["msgstr", "msgstr", "msgctxt", "msgid", "header", "duplicate", "remove"]))
        if op == "msgstr":
            entry.msgstr = draw(hostile.hostile_text)
        elif op == "msgctxt":
            entry.msgctxt = draw(st.one_of(st.sampled_from(IDS), hostile.hostile_text))
        elif op == "msgid":
            entry.msgid = draw(hostile.hostile_text)
        elif op == "header":
            catalogue.metadata["X-Bilingual-Document"] = draw(st.sampled_from(["bulletin", "other", ""]))
        elif op == "duplicate":
            catalogue.append(polib.POEntry(msgctxt=entry.msgctxt, msgid=entry.msgid, msgstr="edited twice"))
        elif op == "remove":  # by identity: polib entries compare equal by content, not by object
            catalogue[:] = [kept for kept in catalogue if kept is not entry]
    return str(catalogue).encode("utf-8", draw(st.sampled_from(["surrogatepass", "replace"])))


@given(data=st.data())
def test_po_with_hostile_edits_imports_or_refuses(
    data: st.DataObject, bulletin: Bulletin, scratch: Path
) -> None:
    """Property: reviewer edits of hostile text, wrong ids, stale msgids and duplicate entries
    import (dry run) or raise a BilingualError."""
    documents, po = bulletin
    import_or_refuse(data.draw(po_edits(po), label="po"), documents, scratch)
