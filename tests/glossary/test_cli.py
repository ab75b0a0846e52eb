"""`bilingual check` and `bilingual glossary ...`: exit codes, formats, colour, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from bilingual.cli import main

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "glossaries" / "zhejiang.tbx"
PAIRS = [
    {"id": "doc:z0:e0", "zh": "弘扬紅船精神", "en": "Carry forward the Red Ship Spirit."},
    {"id": "doc:z1:e1", "zh": "推动共同富裕", "en": "Promote common prosperity."},
    {"id": "doc:z2:e2", "zh": "坚持“枫桥经验”", "en": "Uphold the experience."},
    {"id": "doc:z3:e3", "zh": "红船精神", "en": "the red boat spirit"},
]


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def pairs(tmp_path: Path) -> Path:
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in PAIRS), encoding="utf-8")
    return path


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    path = tmp_path / "clean.tsv"
    path.write_text("a\t推动共同富裕\tPromote common prosperity.\n", encoding="utf-8")
    return path


def test_check_jsonl_output_and_exit_1(pairs: Path) -> None:
    code, out, _ = run("check", str(pairs), "-g", str(GLOSSARY), "--format", "jsonl")
    assert code == 1
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["segment"], r["term"], r["verdict"]) for r in rows] == [
        ("doc:z0:e0", "red-boat-spirit", "forbidden"),
        ("doc:z2:e2", "fengqiao-experience", "missing"),
        ("doc:z3:e3", "red-boat-spirit", "case"),
    ]
    first = rows[0]
    assert first["zh"][slice(*first["zh_span"])] == "紅船精神"
    assert first["en"][slice(*first["en_span"])] == "Red Ship Spirit"
    assert first["expected"] == ["Red Boat Spirit"]
    assert rows[1]["en_span"] is None
    assert set(first) >= {
        "segment",
        "term",
        "verdict",
        "zh",
        "en",
        "zh_span",
        "en_span",
        "expected",
        "message",
    }


def test_check_all_adds_ok(pairs: Path) -> None:
    _, out, _ = run("check", str(pairs), "-g", str(GLOSSARY), "--format", "jsonl", "--all")
    assert "ok" in {json.loads(line)["verdict"] for line in out.splitlines()}


@pytest.mark.parametrize(
    ("fail_on", "code"), [("any", 1), ("unexpected", 1), ("case", 1), ("missing", 1), ("forbidden", 1)]
)
def test_fail_on_levels_with_a_forbidden_finding(pairs: Path, fail_on: str, code: int) -> None:
    assert run("check", str(pairs), "-g", str(GLOSSARY), "--fail-on", fail_on)[0] == code


@pytest.mark.parametrize(("fail_on", "code"), [("any", 1), ("case", 1), ("missing", 0), ("forbidden", 0)])
def test_fail_on_levels_with_a_case_finding(tmp_path: Path, fail_on: str, code: int) -> None:
    path = tmp_path / "case.tsv"
    path.write_text("a\t红船精神\tthe red boat spirit\n", encoding="utf-8")
    assert run("check", str(path), "-g", str(GLOSSARY), "--fail-on", fail_on)[0] == code


def test_clean_input_exits_0(clean: Path) -> None:
    code, out, _ = run("check", str(clean), "-g", str(GLOSSARY))
    assert code == 0
    assert "0 finding(s)" in out


def test_text_report_groups_by_document_and_counts(pairs: Path) -> None:
    code, out, _ = run("check", str(pairs), "-g", str(GLOSSARY), env={"NO_COLOR": ""})
    assert code == 1
    assert out.startswith("== doc\n")
    assert "[[紅船精神]]" in out and "[[Red Ship Spirit]]" in out
    assert "forbidden: 1  missing: 1  case: 1  unexpected: 0" in out
    assert "glossary:sha256-" in out
    assert "\x1b[" not in out  # not a TTY: no colour


@pytest.mark.parametrize(
    ("flag", "env", "coloured"),
    [
        ("--color", {}, True),
        ("--no-color", {}, False),
        (None, {"NO_COLOR": "1"}, False),
    ],
)
def test_colour(pairs: Path, flag: str | None, env: dict[str, str], coloured: bool) -> None:
    args = ["check", str(pairs), "-g", str(GLOSSARY)] + ([flag] if flag else [])
    _, out, _ = run(*args, env=env)
    assert ("\x1b[" in out) is coloured


def test_json_report(pairs: Path) -> None:
    _, out, _ = run("check", str(pairs), "-g", str(GLOSSARY), "--format", "json", "--consistency")
    doc = json.loads(out)
    assert doc["counts"]["forbidden"] == 1 and doc["pairs"] == 4
    assert doc["signature"].startswith("bilingual:")
    terms = {row["term"]: row for row in doc["consistency"]["glossary"]}
    renderings = {r["en"] for r in terms["red-boat-spirit"]["renderings"]}
    assert renderings == {"Red Ship Spirit", "red boat spirit"}


def test_html_report_is_standalone(pairs: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    code, _, err = run("check", str(pairs), "-g", str(GLOSSARY), "--format", "html", "-o", str(out))
    assert code == 1 and "4 pair(s) checked" in err
    page = out.read_text(encoding="utf-8")
    tree = lxml_html.fromstring(page)
    assert tree.xpath("//mark/text()")[:2] == ["紅船精神", "Red Ship Spirit"]
    assert not tree.xpath("//script|//link|//img")
    assert tree.xpath("//td[@lang='zh-Hans']")


def test_html_escapes_text(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"id": "<b>", "zh": "红船精神<script>", "en": "&lt; nothing"}) + "\n")
    _, out, _ = run("check", str(path), "-g", str(GLOSSARY), "--format", "html")
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp;lt;" in out


def test_consistency_text(pairs: Path) -> None:
    _, out, _ = run("check", str(pairs), "-g", str(GLOSSARY), "--consistency", "--no-color")
    assert "Glossary terms: renderings found" in out
    assert "several renderings" in out


@pytest.mark.parametrize(
    ("content", "name", "fragment"),
    [
        ('{"id": "a", "zh": "x"}\n', "bad.jsonl", "bad.jsonl:1: missing or non-string field(s): en"),
        ("a\tonly\n", "bad.tsv", "bad.tsv:1: expected 3 tab-separated fields"),
    ],
)
def test_bad_input_exit_2_one_line(tmp_path: Path, content: str, name: str, fragment: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    code, _, err = run("check", str(path), "-g", str(GLOSSARY))
    assert code == 2
    assert fragment in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_bad_glossary_exit_2(tmp_path: Path, clean: Path) -> None:
    bad = tmp_path / "g.tbx"
    bad.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<tbx>&x;</tbx>'
    )
    code, _, err = run("check", str(clean), "-g", str(bad))
    assert code == 2 and "internal subset" in err and "root:" not in err


def test_output_not_half_written_on_error(tmp_path: Path, clean: Path) -> None:
    out = tmp_path / "report.json"
    out.write_text("previous")
    bad = tmp_path / "g.csv"
    bad.write_text("id,zh\n")
    assert run("check", str(clean), "-g", str(bad), "--format", "json", "-o", str(out))[0] == 2
    assert out.read_text() == "previous"


def test_default_glossary_is_glossaries_dir(clean: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out, _ = run("check", str(clean))
    assert code == 0 and "glossary:sha256-" in out


def test_no_glossary_found(clean: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run("check", str(clean))
    assert code == 2 and "no glossary" in err


def test_glossary_validate_show_convert(tmp_path: Path) -> None:
    code, out, _ = run("glossary", "validate", str(GLOSSARY))
    assert code == 0 and "entries, sha256-" in out
    code, out, _ = run("glossary", "show", str(GLOSSARY))
    assert "红船精神" in out and "never: Red Ship Spirit" in out
    code, out, _ = run("glossary", "show", str(GLOSSARY), "--format", "json")
    assert json.loads(out)["entries"][0]["id"] == "red-boat-spirit"
    csv_path, tbx_path = tmp_path / "g.csv", tmp_path / "g.tbx"
    assert run("glossary", "convert", str(GLOSSARY), str(csv_path))[0] == 0
    assert run("glossary", "convert", str(csv_path), str(tbx_path))[0] == 0
    assert tbx_path.read_bytes() == GLOSSARY.read_bytes()
    code, _, err = run("glossary", "convert", str(GLOSSARY), str(tmp_path / "g.xlsx"))
    assert code == 2 and "cannot write" in err


def test_glossary_validate_reports_line(tmp_path: Path) -> None:
    bad = tmp_path / "g.csv"
    bad.write_text("id,zh,en\na,红船精神,Red Boat Spirit\na,共富,common prosperity\n", encoding="utf-8")
    code, _, err = run("glossary", "validate", str(bad))
    assert code == 2 and f"{bad}:3: duplicate id 'a'" in err


@pytest.mark.parametrize(
    "command",
    [["check"], ["glossary"], ["glossary", "validate"], ["glossary", "convert"], ["glossary", "show"]],
)
def test_every_command_has_help_with_an_example(command: list[str]) -> None:
    code, out, _ = run(*command, "--help")
    assert code == 0 and "Example:" in out


@pytest.mark.parametrize(
    "sample", ["tmx14_sample.tmx", "xliff12_sample.xlf", "xliff20_sample.xlf", "xliff21_sample.xlf"]
)
def test_check_exchange_formats(shared: Path, sample: str) -> None:
    code, out, _ = run(
        "check",
        str(shared / "schemas" / "samples" / sample),
        "-g",
        str(GLOSSARY),
        "--all",
        "--format",
        "jsonl",
    )
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [(r["term"], r["verdict"]) for r in rows] == [
        ("red-boat-spirit", "ok"),
        ("common-prosperity", "ok"),
    ]


def test_check_po(tmp_path: Path) -> None:
    polib = pytest.importorskip("polib")
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(
        polib.POEntry(msgctxt="doc:z0:e0", msgid="弘扬红船精神", msgstr="carry forward the Red Ship Spirit")
    )
    path = tmp_path / "doc.po"
    po.save(str(path))
    code, out, _ = run("check", str(path), "-g", str(GLOSSARY), "--format", "jsonl")
    assert code == 1 and json.loads(out)["verdict"] == "forbidden"


def test_validate_and_convert_agree_on_a_control_character(tmp_path: Path) -> None:
    """`glossary convert` used to crash with a traceback (lxml refuses
    control characters) where `glossary validate` accepted the file."""
    bad = tmp_path / "g.csv"
    bad.write_text("id,zh,en\na,红船精神,Red Boat Spirit\nb,共富,common\x04 prosperity\n", encoding="utf-8")
    for args in (["validate", str(bad)], ["convert", str(bad), str(tmp_path / "g.tbx")]):
        result = CliRunner().invoke(main, ["glossary", *args])
        assert result.exit_code == 2, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert f"{bad}:3: entry 'b': control character U+0004 in en" in result.stderr
    assert not (tmp_path / "g.tbx").exists()


def test_spoofed_fails_the_pre_commit_setting(tmp_path: Path) -> None:
    """A Cyrillic е inside "Red Ship Spirit" does not pass `--fail-on forbidden`."""
    path = tmp_path / "spoof.tsv"
    path.write_text("a\t弘扬红船精神\tthe R\u0435d Ship Spirit\n", encoding="utf-8")
    code, out, _ = run("check", str(path), "-g", str(GLOSSARY), "--format", "jsonl", "--fail-on", "forbidden")
    assert code == 1
    (finding,) = [json.loads(line) for line in out.splitlines()]
    assert finding["verdict"] == "spoofed" and finding["en_span"] == [4, 19]
    assert "U+0435 CYRILLIC SMALL LETTER IE" in finding["message"]
