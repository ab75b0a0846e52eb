"""publish: --fail-on refuses before writing, --memory keeps a TM current, stale pins reported, the spool."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from bilingual.cli import main
from bilingual.model import Checked
from bilingual.publish import Spool
from tests.formats.conftest import make_alignment

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "glossaries" / "zhejiang.tbx"
LEXICAL = ["--similarity", "lexical", "-g", str(GLOSSARY), "--no-progress"]


def publish(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["publish", *map(str, args), *LEXICAL])
    return result.exit_code, result.output


def test_fail_on_refuses_with_exit_1_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output = publish(ROOT / "corpus", "-o", out, "--fail-on", "forbidden,number")
    assert code == 1, output
    assert "nothing published" in output and "2023-07-01-red-boat-violations" in output
    assert not out.exists() and not list(tmp_path.iterdir())  # no folder, no staging, no lock left


def test_fail_on_without_such_findings_publishes(tmp_path: Path) -> None:
    code, output = publish(ROOT / "corpus", "-o", tmp_path / "out", "--fail-on", "control-char")
    assert code == 0, output
    assert (tmp_path / "out" / "report.json").is_file()
    assert not (tmp_path / "out" / ".spool").exists()


def test_memory_is_brought_up_to_date(tmp_path: Path) -> None:
    memory = tmp_path / "tm.sqlite"
    code, output = publish(ROOT / "corpus", "-o", tmp_path / "out", "--memory", memory)
    assert code == 0, output
    found = CliRunner().invoke(
        main, ["tm", "search", "红船精神", "--memory", str(memory), "--format", "jsonl"]
    )
    assert found.exit_code == 0, found.output
    assert "Red Boat Spirit" in found.stdout


def test_stale_pins_are_listed_in_the_report(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    name = "2023-06-01-digital-reform"
    (corpus / "pins").mkdir()
    # A v2 pin whose fingerprints match no sentence of the text: stale, not applied.
    (corpus / "pins" / f"{name}.pins").write_text(
        "# bilingual pins v2\n[2]:[2] zh=0000000000000000 en=0000000000000000\n", encoding="utf-8"
    )
    code, output = publish(corpus, "-o", tmp_path / "out")
    assert code == 0, output
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    (stale,) = report["stale_pins"]
    assert stale["document"] == name and stale["line"] == 2 and stale["pin"] == "[2]:[2]"


def test_the_spool_gives_back_what_it_was_given(tmp_path: Path) -> None:
    items = [Checked(make_alignment(doc, ["一。"], ["One."])) for doc in ("b", "a", "c")]
    spool = Spool(tmp_path)
    for item in items:
        spool.append(item)
    spool.sort()
    assert spool.ids == ["a", "b", "c"] and len(spool) == 3
    assert list(spool) == sorted(items, key=lambda c: c.id)
    assert spool[1] == items[0] and spool[0:2] == [items[1], items[0]]


@pytest.mark.parametrize("fail_on", ["forbiden", ""])
def test_an_unknown_fail_on_name_is_a_usage_error(tmp_path: Path, fail_on: str) -> None:
    code, _ = publish(ROOT / "corpus", "-o", tmp_path / "out", "--fail-on", fail_on)
    assert code == 2 and not (tmp_path / "out").exists()
