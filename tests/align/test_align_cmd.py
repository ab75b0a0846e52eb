"""`bilingual align`: formats, corpus directories, pins and bad input (click's CliRunner)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

from bilingual.cli import main
from tests.conftest import pair_files

ZH = [
    "嘉兴市召开基层治理工作会议。",
    "会议由市委书记黄建发主持。",
    "2022年全市新建乡村文化礼堂120个，平湖市完成率最高。",
]
EN = [
    "Jiaxing held a meeting on grassroots governance.",
    "The meeting was chaired by Huang Jianfa, secretary of the municipal party committee.",
    "In 2022 the city built 120 new rural cultural auditoriums.",
    "Pinghu had the highest completion rate.",
]
BEADS = ["[0]:[0]", "[1]:[1]", "[2]:[2,3]"]


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    return pair_files(tmp_path, ZH, EN)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["align", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("empty", ["", "\n\n", "  \n\t\n"])
def test_segmented_files_without_a_sentence_are_refused(tmp_path: Path, empty: str) -> None:
    """Reading nothing is never success: two empty files aligned exited 0 with no output (one
    empty side still aligns to skip beads: see test_empty_side_warns_and_gives_skip_beads)."""
    zh, en = pair_files(tmp_path, ["x"], ["y"])
    zh.write_text(empty, encoding="utf-8")
    en.write_text("\n", encoding="utf-8")
    code, out, err = run("--segmented", "--similarity", "lexical", str(zh), str(en))
    assert code == 2 and out == ""
    assert f"{zh}: holds no sentence, nor does {en}" in err


def test_beads_format(pair: tuple[Path, Path]) -> None:
    code, out, _ = run("--segmented", "--similarity", "lexical", str(pair[0]), str(pair[1]))
    assert code == 0
    lines = out.splitlines()
    assert [line.rsplit(":", 1)[0] for line in lines] == BEADS
    assert all(0.0 <= float(line.rsplit(":", 1)[1]) <= 1.0 for line in lines)


def test_beads_output_reads_with_the_reference_scorer(pair: tuple[Path, Path], shared: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("align_score", shared / "eval" / "align_score.py")
    assert spec is not None and spec.loader is not None
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    out = pair[0].parent / "doc.align"
    code, _, _ = run("--segmented", "--similarity", "lexical", "-o", str(out), str(pair[0]), str(pair[1]))
    assert code == 0
    assert scorer.read_alignment(str(out)) == [((0,), (0,)), ((1,), (1,)), ((2,), (2, 3))]


def test_tsv_format(pair: tuple[Path, Path]) -> None:
    code, out, _ = run("--segmented", "--similarity", "lexical", "--format", "tsv", *map(str, pair))
    assert code == 0
    header, *rows = out.splitlines()
    assert header.split("\t") == ["id", "zh", "en", "zh_ids", "en_ids", "confidence", "review"]
    cells = [row.split("\t") for row in rows]
    assert [c[0] for c in cells] == ["doc:z0:e0", "doc:z1:e1", "doc:z2:e2-3"]
    assert [c[3:5] for c in cells] == [["0", "0"], ["1", "1"], ["2", "2,3"]]
    assert cells[2][2] == EN[2] + " " + EN[3]
    assert all(c[6] == ("low" if float(c[5]) < 0.5 else "") for c in cells)


def test_jsonl_format(pair: tuple[Path, Path]) -> None:
    code, out, _ = run("--segmented", "--similarity", "lexical", "--format", "jsonl", *map(str, pair))
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == ["doc:z0:e0", "doc:z1:e1", "doc:z2:e2-3"]
    assert records[0]["zh"] == ZH[0] and records[2]["en_ids"] == [2, 3]
    assert all(r["low_confidence"] == (r["confidence"] < 0.5) for r in records)


def test_pins_are_honoured(pair: tuple[Path, Path], tmp_path: Path) -> None:
    pins = tmp_path / "doc.pins"
    pins.write_text("[1,2]:[1,2]\n", encoding="utf-8")
    code, out, _ = run("--segmented", "--similarity", "lexical", "--pins", str(pins), *map(str, pair))
    assert code == 0
    assert "[1,2]:[1,2]:1.000" in out.splitlines()


@pytest.mark.parametrize(
    ("pins_text", "words"),
    [
        ("[0]:[0]\n[7]:[1]\n", ":2: pin [7]:[1] points past the end"),
        ("[0]:[0]\n[0]:[1]\n", ":2: zh sentence 0"),
    ],
)
def test_bad_pins_one_line_exit_2(
    pair: tuple[Path, Path], tmp_path: Path, pins_text: str, words: str
) -> None:
    pins = tmp_path / "bad.pins"
    pins.write_text(pins_text, encoding="utf-8")
    out_file = tmp_path / "out.align"
    code, _, err = run(
        "--segmented", "--similarity", "lexical", "--pins", str(pins), "-o", str(out_file), *map(str, pair)
    )
    assert code == 2
    assert words in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not out_file.exists()


def test_undecodable_input_exit_2(pair: tuple[Path, Path]) -> None:
    pair[0].write_bytes("嘉兴。\n".encode("gb18030"))
    code, _, err = run("--segmented", "--similarity", "lexical", *map(str, pair))
    assert code == 2
    assert "offset" in err and "--encoding" in err


def test_encoding_option(pair: tuple[Path, Path]) -> None:
    pair[0].write_bytes("\n".join(ZH).encode("gb18030"))
    code, out, _ = run("--segmented", "--similarity", "lexical", "--encoding", "gb18030", *map(str, pair))
    assert code == 0
    assert len(out.splitlines()) == 3


def test_output_folder_receives_name_and_suffix(pair: tuple[Path, Path], tmp_path: Path) -> None:
    """Like cp: two bulletins with -o FOLDER write FOLDER/NAME.align."""
    out = tmp_path / "out"
    out.mkdir()
    code, _, err = run("--segmented", "--similarity", "lexical", "-o", str(out), *map(str, pair))
    assert code == 0, err
    assert (out / f"{pair[0].stem}.align").read_text(encoding="utf-8").startswith("[0]:[0]:")


@pytest.mark.parametrize("args", [["ONE_FILE"], ["DIR"]])
def test_usage_errors(pair: tuple[Path, Path], tmp_path: Path, args: list[str]) -> None:
    real = [str(pair[0]) if a == "ONE_FILE" else str(tmp_path) for a in args]
    code, _, err = run(*real)
    assert code == 2
    assert "Traceback" not in err


def test_empty_side_warns_and_gives_skip_beads(
    pair: tuple[Path, Path], caplog: pytest.LogCaptureFixture
) -> None:
    pair[1].write_text("", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        code, out, _ = run("--segmented", "--similarity", "lexical", *map(str, pair))
    assert code == 0
    assert [line.rsplit(":", 1)[0] for line in out.splitlines()] == ["[0]:[]", "[1]:[]", "[2]:[]"]
    assert "one side is empty" in caplog.text


def test_corpus_directory(tmp_path: Path) -> None:
    for lang, lines in (("zh", ZH), ("en", EN)):
        (tmp_path / "corpus" / lang).mkdir(parents=True)
        (tmp_path / "corpus" / lang / "doc.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run(
        "--similarity", "lexical", "--format", "jsonl", str(tmp_path / "corpus"), "-o", str(out)
    )
    assert code == 0, err
    records = [json.loads(line) for line in (out / "doc.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(i for r in records for i in r["en_ids"]) == list(range(len(EN)))


def test_help_has_an_example() -> None:
    code, out, _ = run("--help")
    assert code == 0
    assert "Example" in out and "bilingual align" in out
