"""`bilingual export`: formats from the registry, outputs, bad paths, reported control characters."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from bilingual.cli import main
from bilingual.formats import FORMATS, writers

ZH = "嘉兴市红船精神宣讲活动举行。\n\n会议强调要推进共同富裕。\n"
EN = "Jiaxing held a lecture on the Red Boat Spirit.\n\nThe meeting stressed common prosperity.\n"
GLOSSARY = (
    "id,zh,en,en_variants_ok,forbidden,case_sensitive,note\n"
    "rbs,红船精神,Red Boat Spirit,,Red Ship Spirit,true,\n"
    "cp,共同富裕,common prosperity,,common wealth,false,\n"
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    for lang, text in (("zh", ZH), ("en", EN)):
        (root / lang).mkdir(parents=True)
        (root / lang / "2023-02-14-demo.txt").write_text(text, encoding="utf-8")
    (tmp_path / "glossary.csv").write_text(GLOSSARY, encoding="utf-8")
    return root


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args], env={"SOURCE_DATE_EPOCH": "1700000000"})
    return result.exit_code, result.stdout, result.stderr


def test_choices_come_from_the_registry() -> None:
    code, out, _ = run("export", "--help")
    assert code == 0
    assert "Example" in out
    for name in writers():
        assert name in out


@pytest.mark.parametrize("fmt", sorted(n for n, e in writers().items() if not e.per_document))
def test_corpus_formats_to_file_and_stdout(corpus: Path, tmp_path: Path, fmt: str) -> None:
    glossary = tmp_path / "glossary.csv"
    target = tmp_path / "out" / f"all{FORMATS[fmt].suffix}"
    code, _, err = run("export", corpus, "--to", fmt, "-o", target, "-g", glossary, "--similarity", "lexical")
    assert code == 0, err
    assert "beads from 1 bulletin(s)" in err
    data = target.read_bytes()
    assert "红船精神".encode() in data and b"Red Boat Spirit" in data
    code, out, _ = run("export", corpus, "--to", fmt, "-g", glossary, "--similarity", "lexical")
    assert code == 0
    assert out.encode() == data  # stdout and file are the same bytes, deterministic


def test_directory_output_gets_corpus_name(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    code, _, err = run("export", corpus, "--to", "tmx", "-o", out, "--no-check", "--similarity", "lexical")
    assert code == 0, err
    assert (out / "corpus.tmx").is_file()


def test_a_name_ending_in_a_slash_is_a_folder(corpus: Path, tmp_path: Path) -> None:
    """The README's ``-o build/``: the folder is made (it became a file named build before)."""
    out = tmp_path / "build" / "api"
    lexical = ("--similarity", "lexical")
    code, _, err = run("export", corpus, "--to", "tmx", "-o", f"{out}/", "--no-check", *lexical)
    assert code == 0, err
    assert (out / "corpus.tmx").is_file()
    beads = tmp_path / "beads"
    code, _, err = run("align", corpus, "-o", f"{beads}/", "--similarity", "lexical")
    assert code == 0, err
    assert (beads / "2023-02-14-demo.align").is_file()
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    code, _, err = run("export", corpus, "--to", "tmx", "-o", f"{tmp_path / 'a-file'}/sub/", "--no-check")
    assert code == 2 and "cannot make the folder" in err


def test_terms_are_marked(corpus: Path, tmp_path: Path) -> None:
    code, out, err = run(
        "export", corpus, "--to", "xliff", "-g", tmp_path / "glossary.csv", "--similarity", "lexical"
    )
    assert code == 0, err
    root = etree.fromstring(out.encode())
    marks = {"".join(str(t) for t in m.itertext()) for m in root.iter("{*}mrk")}
    assert {"红船精神", "Red Boat Spirit", "共同富裕", "common prosperity"} <= marks


def test_pair_of_files(corpus: Path) -> None:
    zh, en = corpus / "zh" / "2023-02-14-demo.txt", corpus / "en" / "2023-02-14-demo.txt"
    code, out, err = run("export", zh, en, "--to", "jsonl", "--no-check", "--similarity", "lexical")
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert records[0]["id"].startswith("2023-02-14-demo:z0")
    assert any("Red Boat Spirit" in r["en"] for r in records)


def test_per_document_format_needs_a_directory(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "po"
    code, _, err = run("export", corpus, "--to", "po", "-o", out, "--no-check", "--similarity", "lexical")
    assert code == 0, err
    assert [p.name for p in out.iterdir()] == ["2023-02-14-demo.po"]
    code, _, err = run("export", corpus, "--to", "html", "-o", out, "--no-check", "--similarity", "lexical")
    assert code == 0, err
    assert (out / "bilingual.css").is_file() and (out / "2023-02-14-demo.html").is_file()


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("file-where-dir", "is a file, but a directory is needed"),
        ("parent-is-file", "is a file, but a directory is needed"),
        ("three-inputs", "a corpus folder must be the only input"),
    ],
)
def test_bad_paths_exit_2_without_traceback(corpus: Path, tmp_path: Path, case: str, message: str) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("keep me")
    args: list[str | Path] = ["export", corpus, "--no-check", "--similarity", "lexical"]
    if case == "file-where-dir":
        args += ["--to", "po", "-o", blocker]
    elif case == "parent-is-file":
        args += ["--to", "tmx", "-o", blocker / "out.tmx"]
    else:
        args = ["export", corpus, corpus, corpus, "--to", "tmx"]
    code, _, err = run(*args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err
    assert blocker.read_text() == "keep me"


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores permissions")
def test_no_write_permission(corpus: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, _, err = run("export", corpus, "--to", "tmx", "-o", locked / "c.tmx", "--no-check")
        assert code == 2 and "permission" in err
    finally:
        locked.chmod(0o700)


def test_failure_mid_stream_keeps_previous_output(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "c.tmx"
    target.write_bytes(b"previous")
    (corpus / "zh" / "2023-03-01-broken.txt").write_bytes(b"")  # empty file: an input error
    (corpus / "en" / "2023-03-01-broken.txt").write_bytes(b"")
    code, _, err = run("export", corpus, "--to", "tmx", "-o", target, "--no-check", "--similarity", "lexical")
    assert code == 2, err
    assert "broken" in err and "Traceback" not in err
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_control_characters_are_reported(corpus: Path) -> None:
    (corpus / "zh" / "2023-02-14-demo.txt").write_text(ZH.replace("宣讲", "宣\x04讲"), encoding="utf-8")
    (corpus / "en" / "2023-02-14-demo.txt").write_text(EN.replace("lecture", "lec\x0bture"), encoding="utf-8")
    code, out, err = run("export", corpus, "--to", "tmx", "--no-check", "--similarity", "lexical")
    assert code == 0, err
    assert "U+0004" in err and "warning:" in err
    assert "\u2404" in out


def test_date_comes_from_source_date_epoch(corpus: Path) -> None:
    code, out, _ = run("export", corpus, "--to", "tmx", "--no-check", "--similarity", "lexical")
    assert code == 0
    header = etree.fromstring(out.encode()).find("header")
    assert header is not None and header.get("creationdate") == "20231114T221320Z"  # epoch 1700000000
