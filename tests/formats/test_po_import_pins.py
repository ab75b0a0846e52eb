"""A translator's fix through `po import` does not unpin an editor's bead (issue #16 item 4)."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
from click.testing import CliRunner

from bilingual.align import pins
from bilingual.cli import main
from bilingual.corpus import read_pair
from bilingual.corpus.pairing import pair_corpus
from bilingual.model import Bead

ROOT = Path(__file__).resolve().parents[2]
NAME = "2023-06-01-digital-reform"
LEXICAL = ["--similarity", "lexical", "-g", str(ROOT / "glossaries" / "zhejiang.tbx")]


def test_po_import_re_anchors_the_pins_of_the_sentences_it_edits(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for side in ("zh", "en"):
        (corpus / side).mkdir(parents=True)
        for path in (ROOT / "corpus" / side).glob(f"{NAME}.*"):
            shutil.copy(path, corpus / side / path.name)
    zh, en = read_pair(pair_corpus(corpus).pairs[0])
    pinned = pins.anchor(Bead((2,), (2,), 1.0, pinned=True), pins.prints_of(zh), pins.prints_of(en))
    pins.save(corpus / "pins" / f"{NAME}.pins", [pinned])
    out = tmp_path / "po"
    assert (
        CliRunner().invoke(main, ["export", str(corpus), "--to", "po", "-o", str(out), *LEXICAL]).exit_code
        == 0
    )
    catalogue = polib.pofile(str(out / f"{NAME}.po"))
    entry = next(e for e in catalogue if e.msgctxt == f"{NAME}:z2:e2")
    entry.msgstr = entry.msgstr.rstrip(".") + ", as the reviewer wrote."
    catalogue.save()
    result = CliRunner().invoke(main, ["po", "import", str(out / f"{NAME}.po"), "--corpus", str(corpus)])
    assert result.exit_code == 0, result.output
    assert "1 pin(s) follow the edited English" in result.output
    zh, en = read_pair(pair_corpus(corpus).pairs[0])
    resolved = pins.resolve(corpus / "pins" / f"{NAME}.pins", zh, en)
    assert not resolved.stale and [(b.zh, b.en) for b in resolved.applied] == [((2,), (2,))]
