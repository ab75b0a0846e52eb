"""The pre-commit hooks run commands that exist, on the files they can read."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from bilingual.cli import main
from bilingual.formats import FORMATS

ROOT = Path(__file__).resolve().parents[2]


def hooks() -> list[dict[str, object]]:
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def test_hooks_name_real_commands() -> None:
    for hook in hooks():
        argv = shlex.split(str(hook["entry"]))
        assert argv[0] == "bilingual"
        result = CliRunner().invoke(main, [*argv[1:], "--help"])
        assert result.exit_code == 0, hook["id"]
        assert hook["language"] == "python"


def test_check_hook_files_are_formats_check_reads() -> None:
    (check,) = [h for h in hooks() if h["id"] == "bilingual-check"]
    pattern = re.compile(str(check["files"]))
    for suffix in (".jsonl", ".tsv", ".tmx", *FORMATS["xliff"].suffixes, *FORMATS["po"].suffixes):
        if suffix in (".xlf2", ".pot"):
            continue
        assert pattern.search(f"work/file{suffix}"), suffix
    assert not pattern.search("notes.txt")


def test_check_hook_on_two_pair_files(tmp_path: Path) -> None:
    (check,) = [h for h in hooks() if h["id"] == "bilingual-check"]
    one, two = tmp_path / "a.tsv", tmp_path / "b.jsonl"
    one.write_text("a\t红船精神\tRed Boat Spirit\n", encoding="utf-8")
    two.write_text('{"id": "b", "zh": "共同富裕", "en": "common wealth"}\n', encoding="utf-8")
    argv = shlex.split(str(check["entry"]))[1:]
    glossary = str(ROOT / "glossaries" / "zhejiang.tbx")
    result = CliRunner().invoke(main, [*argv, "-g", glossary, str(one), str(two)])
    assert result.exit_code == 1 and "common wealth" in result.stdout
