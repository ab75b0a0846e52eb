"""check runs terms and numbers by default; --checks chooses; --fail-on takes lists; swapped sides fail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bilingual.cli import main

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "glossaries" / "zhejiang.tbx"
ZH = "嘉兴市今年新增就业岗位32万个。弘扬红船精神，推进共同富裕。\n"
EN = (
    "Jiaxing added 23 thousand jobs this year. "
    "It carries forward the Red Ship Spirit and common prosperity.\n"
)


def pair(tmp_path: Path, zh: str = ZH, en: str = EN) -> tuple[Path, Path]:
    (tmp_path / "zh").mkdir()
    (tmp_path / "en").mkdir()
    zh_path, en_path = tmp_path / "zh" / "jobs.txt", tmp_path / "en" / "jobs.txt"
    zh_path.write_text("就业新闻\n\n" + zh, encoding="utf-8")
    en_path.write_text("Jobs news\n\n" + en, encoding="utf-8")
    return zh_path, en_path


def check(*args: str | Path) -> tuple[int, list[dict[str, object]], str]:
    result = CliRunner().invoke(
        main, ["check", *map(str, args), "--similarity", "lexical", "-g", str(GLOSSARY), "--format", "jsonl"]
    )
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return result.exit_code, lines, result.stderr


def test_numbers_are_checked_by_default(tmp_path: Path) -> None:
    code, findings, _ = check(*pair(tmp_path))
    assert code == 1
    numbers = [(f["verdict"], f["found"]) for f in findings if f["check"] == "number"]
    assert ("missing", "32万个") in numbers and ("unexpected", "23 thousand") in numbers
    assert any(f["check"] == "term" and f["verdict"] == "forbidden" for f in findings)


@pytest.mark.parametrize(("checks", "kinds"), [("terms", {"term"}), ("numbers", {"number"})])
def test_checks_choose(tmp_path: Path, checks: str, kinds: set[str]) -> None:
    _, findings, _ = check(*pair(tmp_path), "--checks", checks)
    assert {f["check"] for f in findings} == kinds


@pytest.mark.parametrize("checks", ["numbers", "terms,numbers"])
def test_figures_inside_a_term_are_never_checked(tmp_path: Path, checks: str) -> None:
    """二十大 = "20th CPC National Congress" is the glossary's business, with or without the term
    check (alone, the number check reported "20th" as unexpected)."""
    zh = "党的二十大报告指出，全市共有12个村。\n"
    en = "The report to the 20th CPC National Congress pointed out that the city has 13 villages.\n"
    _, findings, _ = check(*pair(tmp_path, zh, en), "--checks", checks)
    numbers = [(f["verdict"], f["found"]) for f in findings if f["check"] == "number"]
    assert numbers == [("missing", "12个"), ("unexpected", "13")]


def test_numbers_alone_need_no_glossary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    zh, en = pair(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main, ["check", str(zh), str(en), "--checks", "numbers", "--similarity", "lexical"]
    )
    assert result.exit_code == 1, result.output
    result = CliRunner().invoke(main, ["check", str(zh), str(en), "--similarity", "lexical"])
    assert result.exit_code == 2 and "no glossary" in result.stderr


@pytest.mark.parametrize(
    ("fail_on", "code"),
    [
        ("forbidden", 1),  # the Red Ship Spirit
        ("number", 1),
        ("forbidden,number", 1),
        ("case", 1),  # a threshold: forbidden is above case
        ("case,unexpected", 1),  # a list is exact: the number finding is unexpected
        ("case,missing", 1),  # ... and missing
        ("spoofed", 1),  # ranks with forbidden
    ],
)
def test_fail_on_thresholds_and_lists(tmp_path: Path, fail_on: str, code: int) -> None:
    assert check(*pair(tmp_path), "--fail-on", fail_on)[0] == code


def test_fail_on_a_list_is_exact(tmp_path: Path) -> None:
    zh, en = pair(tmp_path, en=EN.replace("23 thousand", "320 thousand"))  # the figure right now
    assert check(zh, en, "--fail-on", "number")[0] == 0
    assert check(zh, en, "--fail-on", "case,number")[0] == 0  # forbidden is not named
    assert check(zh, en, "--fail-on", "forbidden")[0] == 1


def test_an_unknown_name_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = check(*pair(tmp_path), "--fail-on", "forbiden")
    assert code == 2 and "forbiden" in err


def test_a_swapped_pair_exits_2_naming_both_files(tmp_path: Path) -> None:
    zh, en = pair(tmp_path)
    code, findings, err = check(en, zh)
    assert code == 2 and not findings
    assert str(en) in err and str(zh) in err and "swapped" in err


def test_one_sided_units_are_counted_apart_from_pairs(tmp_path: Path) -> None:
    """A pair has both sides; a unit with one side is reported as one-sided, never counted as a pair."""
    path = tmp_path / "units.jsonl"
    path.write_text(
        '{"id": "a", "zh": "红船精神", "en": "Red Boat Spirit"}\n{"id": "b", "zh": "只有中文", "en": ""}\n',
        encoding="utf-8",
    )
    code, _, err = check(path)
    assert code == 0 and "1 pair(s) checked, 1 one-sided" in err
