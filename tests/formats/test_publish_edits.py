"""publish never replaces a PO of OUT/po whose reviewer's edits are not imported (bilingual.publish.edits)."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from bilingual.cli import main
from bilingual.pipeline import Settings, run
from bilingual.publish import edits, write_publish
from bilingual.publish.edits import EditsNotImported
from bilingual.transaction import FolderTransaction
from tests.conftest import tree
from tests.formats.test_publish import CONTEXT, NAMES, corpus, publish_corpus

__all__ = ["corpus"]  # the fixture, imported for the tests below

NAME = NAMES[0]  # 2023-02-14-grassroots-safety
EDIT = "REVIEWER EDIT Release date"


def cli_publish(corpus: Path, out: Path) -> tuple[int, str]:
    args = ["publish", str(corpus), "-o", str(out), "--similarity", "lexical", "-j1", "--no-progress"]
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.output


def review(po: Path, old: str = "Release date", new: str = EDIT) -> None:
    """A reviewer's edit: one msgstr changed in place, as a text editor saves it."""
    text = po.read_text(encoding="utf-8")
    assert f'msgstr "{old}' in text
    po.write_text(text.replace(f'msgstr "{old}', f'msgstr "{new}', 1), encoding="utf-8")


def test_an_edit_not_imported_refuses_the_publish_out_unchanged(corpus: Path, tmp_path: Path) -> None:
    """The QA repro: publish, edit OUT/po/ID.po, publish again: exit 2, the edit survives, OUT untouched."""
    out = tmp_path / "out"
    assert cli_publish(corpus, out)[0] == 0
    po = out / "po" / f"{NAME}.po"
    review(po)
    before = tree(out)
    code, output = cli_publish(corpus, out)
    assert code == 2
    lines = [line for line in output.splitlines() if line.startswith("Error:")]
    assert len(lines) == 1, output
    assert f"{po}: edited since the last publish: 1 msgstr not in the corpus yet" in lines[0]
    assert f"`bilingual po import {po} --corpus {corpus}` first, or delete the file" in lines[0]
    assert tree(out) == before  # byte for byte: the edit is there, nothing replaced
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out"]  # no staging, no lock left


def test_after_po_import_the_publish_goes_through(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    publish_corpus(corpus, out)
    po = out / "po" / f"{NAME}.po"
    review(po)
    imported = CliRunner().invoke(main, ["po", "import", str(po), "--corpus", str(corpus)])
    assert imported.exit_code == 0, imported.output
    code, output = cli_publish(corpus, out)
    assert code == 0, output
    assert EDIT in po.read_text(encoding="utf-8")  # now from the corpus, a fresh export
    state = json.loads((out / "state.json").read_text(encoding="utf-8"))
    assert state["digests"][f"po/{NAME}.po"] == edits.file_digest(po)


def test_an_untouched_or_resaved_out_republishes(corpus: Path, tmp_path: Path) -> None:
    """Digests of every PO in state.json; a PO re-saved with no msgstr changed (Poedit) is no edit."""
    out = tmp_path / "out"
    publish_corpus(corpus, out)
    state = json.loads((out / "state.json").read_text(encoding="utf-8"))
    assert sorted(state["digests"]) == [f"po/{n}.po" for n in NAMES]
    assert publish_corpus(corpus, out).previous
    po = polib.pofile(str(out / "po" / f"{NAME}.po"), wrapwidth=0)
    po.metadata["Last-Translator"] = "A Reviewer <r@example.org>"
    po.save(str(out / "po" / f"{NAME}.po"))  # other wrapping, another header: other bytes
    assert publish_corpus(corpus, out).previous
    assert "A Reviewer" not in (out / "po" / f"{NAME}.po").read_text(encoding="utf-8")


def test_a_state_without_digests_is_judged_by_the_po_files_once(corpus: Path, tmp_path: Path) -> None:
    """An older state.json: untouched PO files do not block, edited ones do; the new state has digests."""
    out = tmp_path / "out"
    publish_corpus(corpus, out)
    state_path = out / "state.json"

    def forget_digests() -> None:
        state = json.loads(state_path.read_text(encoding="utf-8"))
        del state["digests"]
        state_path.write_text(json.dumps(state, ensure_ascii=False, indent=0, sort_keys=True) + "\n")

    forget_digests()
    publish_corpus(corpus, out)
    assert len(json.loads(state_path.read_text(encoding="utf-8"))["digests"]) == len(NAMES)
    forget_digests()
    review(out / "po" / f"{NAME}.po")
    with pytest.raises(EditsNotImported, match="1 msgstr not in the corpus yet"):
        publish_corpus(corpus, out)
    assert EDIT in (out / "po" / f"{NAME}.po").read_text(encoding="utf-8")


def test_an_edited_po_of_a_bulletin_removed_from_the_corpus_refuses(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    publish_corpus(corpus, out)
    review(out / "po" / f"{NAME}.po")
    for path in corpus.glob(f"*/{NAME}.*"):
        path.unlink()
    refused = r"po import cannot merge it as it is \(PO refused: unknown document\)"
    with pytest.raises(EditsNotImported, match=refused):
        publish_corpus(corpus, out)
    (out / "po" / f"{NAME}.po").unlink()  # the way to discard the edits
    publish_corpus(corpus, out)
    assert not list(out.rglob(f"{NAME}*"))


def test_several_edited_files_are_named_on_one_line(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    publish_corpus(corpus, out)
    for name in NAMES[:2]:
        review(out / "po" / f"{name}.po")
    with pytest.raises(EditsNotImported) as caught:
        publish_corpus(corpus, out)
    assert str(caught.value).startswith(f"{out / 'po' / NAMES[0]}.po: ")
    assert str(caught.value).endswith(f"(also edited: {NAMES[1]}.po)") and "\n" not in str(caught.value)


def test_a_po_saved_while_the_publish_runs_refuses_it(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    publish_corpus(corpus, out)
    po = out / "po" / f"{NAME}.po"
    carry_over = FolderTransaction.carry_over

    def saved_meanwhile(self: FolderTransaction, owned: object) -> list[str]:
        review(po)  # the reviewer saves after the check, before the new version is made current
        return carry_over(self, owned)  # type: ignore[arg-type]

    monkeypatch.setattr(FolderTransaction, "carry_over", saved_meanwhile)
    with pytest.raises(EditsNotImported, match="saved while this publish ran"):
        publish_corpus(corpus, out)
    assert EDIT in po.read_text(encoding="utf-8")


def test_write_publish_guards_the_same_way(corpus: Path, tmp_path: Path) -> None:
    """The writing half (benchmarks, tests) checks against the documents it is given."""
    out = tmp_path / "out"
    publish_corpus(corpus, out)
    review(out / "po" / f"{NAME}.po")
    checked = list(run(Settings.resolve([corpus], similarity="lexical")))
    with pytest.raises(EditsNotImported, match="--corpus CORPUS"):
        write_publish(checked, out, context=CONTEXT)


def test_a_po_put_there_by_export_is_guarded_without_a_previous_publish(corpus: Path, tmp_path: Path) -> None:
    """No report.json in OUT, so no file is owned: the PO publish would replace is still checked."""
    out = tmp_path / "out"
    args = ["export", str(corpus), "--to", "po", "-o", str(out / "po"), "--similarity", "lexical"]
    assert CliRunner().invoke(main, args).exit_code == 0
    review(out / "po" / f"{NAME}.po")
    with pytest.raises(EditsNotImported, match="1 msgstr not in the corpus yet"):
        publish_corpus(corpus, out)
    (out / "po" / f"{NAME}.po").unlink()
    assert not publish_corpus(corpus, out).previous
