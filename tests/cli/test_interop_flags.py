"""The flags of issue 15 as the CLI wires them: --strict, --source-lang, --zh-variant/--en-variant, --marks.

Files are the interop corpus's (tests/interop/files): a TBX-Min with one entry
lacking Chinese, a two-column source,target CSV, a TMX whose first unit holds
zh-CN and zh-TW.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bilingual.cli import main

FILES = Path(__file__).parents[1] / "interop" / "files"
TBX = FILES / "tbx-min-dct.tbx"  # c1 红船精神 → Red Boat Spirit (red ship spirit deprecated); c2 has no zh
CSV = FILES / "source-target.csv"
VARIANTS = FILES / "variants.tmx"


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args], env={"SOURCE_DATE_EPOCH": "1700000000"})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def pairs(tmp_path: Path) -> Path:
    path = tmp_path / "pairs.jsonl"
    rows = [
        {"id": "1", "zh": "弘扬红船精神。", "en": "Carry forward the Red Boat Spirit."},
        {"id": "2", "zh": "红船精神永放光芒。", "en": "The red ship spirit shines forever."},
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


# ------------------------------------------------------------------ --strict


@pytest.mark.parametrize("command", [["glossary", "validate"], ["glossary", "show"]])
def test_a_skipped_entry_is_a_warning_without_strict(
    command: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    code, _, _ = run(*command, TBX)
    assert code == 0
    assert "1 entry without a Chinese or an approved English term skipped" in caplog.text


@pytest.mark.parametrize("command", [["glossary", "validate"], ["glossary", "show"]])
def test_strict_refuses_a_glossary_with_a_skipped_entry(command: list[str]) -> None:
    code, out, err = run(*command, "--strict", TBX)
    assert (code, out) == (2, "")
    assert f"{TBX}:12: entry 'c2' has no Chinese term (1 such entry); refused (strict)" in err


def test_strict_convert_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    code, _, err = run("glossary", "convert", "--strict", TBX, target)
    assert code == 2 and "refused (strict)" in err
    assert not target.exists()


def test_check_strict_refuses_the_glossary(pairs: Path) -> None:
    code, _, err = run("check", pairs, "-g", TBX, "--strict")
    assert code == 2
    assert "refused (strict)" in err and err.count("\n") == 1
    code, out, err = run("check", pairs, "-g", TBX)
    assert code == 1  # the glossary read without c2: the forbidden rendering is found
    assert "red ship spirit" in out + err


# ------------------------------------------------------------------ --source-lang


def test_source_target_csv_needs_source_lang() -> None:
    code, _, err = run("glossary", "validate", CSV)
    assert code == 2 and "give --source-lang zh or --source-lang en" in err
    code, out, _ = run("glossary", "show", "--source-lang", "zh", "--format", "json", CSV)
    assert code == 0
    assert [(t["zh"], t["en"]) for t in json.loads(out)["entries"]] == [
        (["最多跑一次"], ["Run at Most Once"]),
        (["平安嘉兴"], ["Safe Jiaxing"]),
    ]


def test_source_lang_is_a_choice() -> None:
    code, _, err = run("glossary", "validate", "--source-lang", "fr", CSV)
    assert code == 2 and "'fr' is not one of 'zh', 'en'" in err


def test_check_reads_a_source_target_glossary_with_source_lang(tmp_path: Path) -> None:
    pairs = tmp_path / "p.jsonl"
    pairs.write_text('{"id": "1", "zh": "平安嘉兴建设。", "en": "Building a Peaceful Jiaxing."}\n', "utf-8")
    assert run("check", pairs, "-g", CSV)[0] == 2
    code, out, err = run("check", pairs, "-g", CSV, "--source-lang", "zh")
    assert code == 1
    assert "Safe Jiaxing" in out + err


# ------------------------------------------------------------------ --zh-variant / --en-variant


def _zh_read(*flags: str) -> str:
    code, out, err = run("export", VARIANTS, "--to", "jsonl", "--no-check", *flags)
    assert code == 0, err
    return str(json.loads(out.splitlines()[0])["zh"])


def test_the_variant_read_is_named(caplog: pytest.LogCaptureFixture) -> None:
    # The warning (stderr, through the CLI's logging) names the variant read.
    assert _zh_read() == "数字化改革"  # the header's srclang, zh-CN
    assert "units with zh variants zh-CN, zh-TW: read zh-CN" in caplog.text
    caplog.clear()
    assert _zh_read("--zh-variant", "zh-TW") == "數位化改革"
    assert "units with zh variants zh-CN, zh-TW: read zh-TW" in caplog.text


def test_check_takes_the_variant(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    glossary = tmp_path / "g.csv"
    glossary.write_text("id,zh,en\nd,數位化改革,digital transformation\n", encoding="utf-8")
    # zh-CN (the default) has no term of the glossary; zh-TW has one, rendered otherwise.
    assert run("check", VARIANTS, "-g", glossary)[0] == 0
    code, _, _ = run("check", VARIANTS, "-g", glossary, "--zh-variant", "zh-TW")
    assert code == 1 and "read zh-TW" in caplog.text


# ------------------------------------------------------------------ --marks


def _segments(data: str) -> list[str]:
    return [line.strip() for line in data.splitlines() if "<seg>" in line or "<target>" in line]


def test_tmx_has_no_marks_by_default(pairs: Path) -> None:
    code, out, _ = run("export", pairs, "--to", "tmx", "-g", TBX)
    assert code == 0 and "<hi" not in out
    assert "forbidden" in out  # findings still travel as notes
    assert out == run("export", pairs, "--to", "tmx", "-g", TBX, "--marks", "none")[1]


@pytest.mark.parametrize(
    ("marks", "term", "finding"),
    [("none", False, False), ("terms", True, False), ("findings", False, True), ("all", True, True)],
)
def test_tmx_marks(pairs: Path, marks: str, term: bool, finding: bool) -> None:
    code, out, _ = run("export", pairs, "--to", "tmx", "-g", TBX, "--marks", marks)
    assert code == 0
    assert ('<hi type="term">Red Boat Spirit</hi>' in out) == term
    assert ('<hi type="x-forbidden">red ship spirit</hi>' in out) == finding


def test_xliff_marks_terms_by_default(pairs: Path) -> None:
    code, out, _ = run("export", pairs, "--to", "xliff", "-g", TBX)
    assert code == 0 and 'type="term"' in out
    code, out, _ = run("export", pairs, "--to", "xliff", "-g", TBX, "--marks", "none")
    assert code == 0 and "<mrk" not in out


def test_marks_is_a_choice(pairs: Path) -> None:
    code, _, err = run("export", pairs, "--to", "tmx", "--marks", "bold")
    assert code == 2 and "'bold' is not one of 'none', 'terms', 'findings', 'all'" in err


def test_publish_takes_marks() -> None:
    code, out, _ = run("publish", "--help")
    assert code == 0 and "--marks [none|terms|findings|all]" in out


def test_source_lang_that_contradicts_the_script_is_refused(tmp_path: Path) -> None:
    """--source-lang en on a file whose source column is Chinese would read every term backwards."""
    code, _, err = run("glossary", "validate", "--source-lang", "en", CSV)
    assert code == 2
    assert "the columns are the other way round" in err and "give --source-lang zh" in err
    swapped = tmp_path / "swapped.csv"
    swapped.write_text("zh,en\ncommon prosperity,共同富裕\nRed Boat Spirit,红船精神\n", encoding="utf-8")
    code, _, err = run("glossary", "validate", str(swapped))
    assert code == 2 and f"{swapped}:1:" in err and "swap the header's names" in err


def test_a_variant_the_file_lacks_is_refused() -> None:
    """--zh-variant zh-HK on a zh-CN/zh-TW memory: refused naming what the file has, not a silent default."""
    code, _, err = run("export", VARIANTS, "--to", "jsonl", "--zh-variant", "zh-HK")
    assert code == 2
    assert "no zh variant 'zh-HK' in this file (it has zh-CN, zh-TW)" in err and str(VARIANTS) in err
