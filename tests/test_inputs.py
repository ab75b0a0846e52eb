"""JSONL and TSV pair readers, and the dispatch of `check` inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bilingual.errors import InputError
from bilingual.glossary.inputs import escape_tsv, read_inputs, read_jsonl, read_tsv, unescape_tsv


def test_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "pairs.jsonl"
    lines = [
        {"id": "doc:z0:e0", "zh": "弘扬红船精神", "en": "Red Boat Spirit"},
        {"id": "x1", "zh": "共富", "en": "common prosperity", "doc_id": "bulletin"},
    ]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n", encoding="utf-8")
    one, two = read_jsonl(path)
    assert (one.id, one.zh, one.en, one.doc_id) == ("doc:z0:e0", "弘扬红船精神", "Red Boat Spirit", "doc")
    assert (two.doc_id, two.bead.zh) == ("bulletin", (1,))


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ('{"id": "a", "zh": "x"}\n', 1, "missing or non-string field(s): en"),
        ('{"id": "a", "zh": "x", "en": "y"}\n{"id": 3, "zh": "x", "en": "y"}\n', 2, "id"),
        ('{"id": "a", "zh": "x", "en": "y"}\n\n{"id": "b", "zh": "x",\n', 3, "not JSON"),
        ('["a", "x", "y"]\n', 1, "expected an object"),
    ],
)
def test_jsonl_errors(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_jsonl(path)
    assert (info.value.path, info.value.line) == (str(path), line)
    assert fragment in info.value.message


@pytest.mark.parametrize(
    "value", ["plain", "tab\there", "line\nbreak", "back\\slash", "\\t literally", "all\t\n\\\r"]
)
def test_tsv_escapes_round_trip(value: str) -> None:
    escaped = escape_tsv(value)
    assert "\t" not in escaped and "\n" not in escaped
    assert unescape_tsv(escaped) == value


def test_tsv(tmp_path: Path) -> None:
    path = tmp_path / "pairs.tsv"
    path.write_text(
        "doc:z0:e0\t红船\\t精神\tRed Boat\\nSpirit\r\n\nb\t共富\tcommon prosperity\n", encoding="utf-8"
    )
    one, two = read_tsv(path)
    assert (one.zh, one.en, one.doc_id) == ("红船\t精神", "Red Boat\nSpirit", "doc")
    assert (two.id, two.doc_id) == ("b", "")


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("a\tzh only\n", 1, "expected 3 tab-separated fields"),
        ("a\tx\ty\n\tx\ty\n", 2, "empty id"),
        ("a\tx\ty\tz\n", 1, "found 4"),
    ],
)
def test_tsv_errors(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_tsv(path)
    assert info.value.line == line and fragment in info.value.message


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "pairs.tsv"
    path.write_bytes("a\t红船精神\tx\n".encode("gb18030"))
    with pytest.raises(InputError, match="not UTF-8"):
        read_tsv(path)


def test_read_inputs_dispatch(tmp_path: Path) -> None:
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text('{"id": "a", "zh": "x", "en": "y"}\n', encoding="utf-8")
    tsv = tmp_path / "b.tsv"
    tsv.write_text("b\tx\ty\n", encoding="utf-8")
    assert [p.id for p in read_inputs([jsonl, tsv])] == ["a", "b"]
    with pytest.raises(InputError, match="cannot tell"):
        odd = tmp_path / "c.docx"
        odd.write_text("x")
        read_inputs([odd])
    with pytest.raises(InputError, match="only input"):
        read_inputs([tmp_path, jsonl])


def test_read_inputs_pair_of_bulletins(tmp_path: Path) -> None:
    zh = tmp_path / "zh.txt"
    en = tmp_path / "en.txt"
    zh.write_text("嘉兴新闻\n\n弘扬红船精神。推动共同富裕。\n", encoding="utf-8")
    en.write_text(
        "Jiaxing News\n\nCarry forward the Red Boat Spirit. Promote common prosperity.\n", encoding="utf-8"
    )
    pairs = read_inputs([zh, en])
    assert pairs and all(p.doc_id for p in pairs)
    assert "红船精神" in "".join(p.zh for p in pairs)
