"""Regression tests for probes of issue #13 not covered in a module's own tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from bilingual.cli import main

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "glossaries" / "zhejiang.tbx"
TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t"
 adminlang="en" srclang="{src}" datatype="plaintext"/><body>{units}</body></tmx>
"""


@pytest.mark.parametrize(
    ("src", "units"),
    [
        (
            "fr",
            '<tu><tuv xml:lang="fr"><seg>Bonjour</seg></tuv><tuv xml:lang="de"><seg>Hallo</seg></tuv></tu>',
        ),
        ("zh", ""),
    ],
    ids=["only-fr-de", "no-units"],
)
def test_a_tmx_without_a_zh_en_pair_is_an_error_not_zero_findings(
    tmp_path: Path, src: str, units: str
) -> None:
    path = tmp_path / "memory.tmx"
    path.write_text(TMX.format(src=src, units=units), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "-g", str(GLOSSARY)])
    assert result.exit_code == 2, result.output
    assert str(path) in result.stderr and "Traceback" not in result.output


def test_po_import_edits_the_target_of_a_symlinked_english_file(tmp_path: Path) -> None:
    """The link stays a link; its target gets the edit (it used to be replaced by a regular file)."""
    name = "2023-06-01-digital-reform"
    corpus, elsewhere = tmp_path / "corpus", tmp_path / "elsewhere"
    (corpus / "zh").mkdir(parents=True)
    (corpus / "en").mkdir()
    elsewhere.mkdir()
    shutil.copy(next((ROOT / "corpus" / "zh").glob(f"{name}.*")), corpus / "zh")
    source = next((ROOT / "corpus" / "en").glob(f"{name}.*"))
    target = elsewhere / source.name
    shutil.copy(source, target)
    (corpus / "en" / source.name).symlink_to(target)
    out = tmp_path / "po"
    exported = CliRunner().invoke(
        main,
        ["export", str(corpus), "--to", "po", "-o", str(out), "--similarity", "lexical", "-g", str(GLOSSARY)],
    )
    assert exported.exit_code == 0, exported.output
    catalogue = polib.pofile(str(out / f"{name}.po"))
    entry = next(e for e in catalogue if e.msgctxt.endswith(":z2:e2"))
    entry.msgstr = "A reviewer's sentence."
    catalogue.save()
    result = CliRunner().invoke(main, ["po", "import", str(out / f"{name}.po"), "--corpus", str(corpus)])
    assert result.exit_code == 0, result.output
    assert (corpus / "en" / source.name).is_symlink()
    assert "A reviewer's sentence." in target.read_text(encoding="utf-8")
