"""JSON Lines and TSV: the one vocabulary of align and export, read back by check."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bilingual.errors import InputError
from bilingual.formats import ExportContext
from bilingual.formats.jsonl import read_jsonl, record
from bilingual.formats.jsonl import write_pairs as write_jsonl_pairs
from bilingual.formats.tsv import COLUMNS, escape, read_tsv, unescape
from bilingual.formats.tsv import write_pairs as write_tsv_pairs
from bilingual.model import AlignedPair, Bead, Finding, Verdict

PAIR = AlignedPair("d:z0-1:e0", "甲。乙。", "A\tb.", Bead((0, 1), (0,), 0.43219), "d")
PINNED = AlignedPair("d:z2:e", "丙。", "", Bead((2,), (), 0.1, pinned=True), "d")


def test_jsonl_keys_in_order() -> None:
    finding = Finding("d:z0-1:e0", "t", Verdict.MISSING, zh_span=(0, 1), message="m")
    got = record(PAIR, [finding], ExportContext("sig", low_confidence=0.5))
    assert list(got) == [
        "id", "doc_id", "zh_ids", "en_ids", "zh", "en", "confidence", "low_confidence", "pinned", "findings"
    ]  # fmt: skip
    assert (got["zh_ids"], got["en_ids"], got["confidence"], got["low_confidence"]) == (
        [0, 1],
        [0],
        0.4322,
        True,
    )
    assert got["findings"][0]["verdict"] == "missing"
    assert record(PINNED, [], ExportContext("sig"))["low_confidence"] is False


def test_jsonl_and_tsv_rebuild_the_bead(tmp_path: Path) -> None:
    for name, write, read in (
        ("a.jsonl", write_jsonl_pairs, read_jsonl),
        ("a.tsv", write_tsv_pairs, read_tsv),
    ):
        out = io.BytesIO()
        write([(PAIR, ()), (PINNED, ())], ExportContext("sig"), out)
        path = tmp_path / name
        path.write_bytes(out.getvalue())
        one, two = read(path)
        assert (one.id, one.zh, one.en, one.doc_id) == (PAIR.id, PAIR.zh, PAIR.en, "d")
        assert (one.bead.zh, one.bead.en, round(one.bead.score, 4)) == ((0, 1), (0,), 0.4322)
        assert (two.bead.zh, two.bead.en, two.bead.pinned) == ((2,), (), True)


def test_tsv_header_and_review_column() -> None:
    out = io.BytesIO()
    write_tsv_pairs([(PAIR, ()), (PINNED, ())], ExportContext("bilingual:x|y", low_confidence=0.5), out)
    header, one, two = out.getvalue().decode().splitlines()
    assert tuple(header.split("\t")) == COLUMNS
    assert one.split("\t") == ["d:z0-1:e0", "甲。乙。", "A\\tb.", "0,1", "0", "0.4322", "low"]
    assert two.split("\t")[-1] == "pinned"


def test_tsv_columns_by_name(tmp_path: Path) -> None:
    path = tmp_path / "a.tsv"
    path.write_text("en\tid\tzh\nOne.\tx:z0:e0\t一。\n", encoding="utf-8")
    (pair,) = read_tsv(path)
    assert (pair.id, pair.zh, pair.en, pair.doc_id) == ("x:z0:e0", "一。", "One.", "x")


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


def test_ids_repeat_only_across_documents(tmp_path: Path) -> None:
    """An id is unique per document: the same id in two documents is two pairs, not a duplicate."""
    path = tmp_path / "two.jsonl"
    lines = [{"id": "x", "doc_id": doc, "zh": "共富", "en": "common prosperity"} for doc in ("a", "b")]
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    assert [(p.doc_id, p.id) for p in read_jsonl(path)] == [("a", "x"), ("b", "x")]


def test_jsonl_white_space_around_an_object(tmp_path: Path) -> None:
    """As json.loads reads them: before the object, after it, CRLF line ends."""
    path = tmp_path / "spaced.jsonl"
    objects = [{"id": f"d:z{k}:e{k}", "zh": "共富", "en": "common prosperity"} for k in range(4)]
    lines = [json.dumps(x, ensure_ascii=False) for x in objects]
    path.write_text(f" {lines[0]}\r\n\t{lines[1]} \n{lines[2]}\r\n{lines[3]}", encoding="utf-8")
    assert [(p.id, p.zh, p.en) for p in read_jsonl(path)] == [(x["id"], x["zh"], x["en"]) for x in objects]


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ('{"id": "a", "zh": "x"}\n', 1, "missing or non-string field(s): en"),
        ('{"id": "a", "zh": "x", "en": "y"}\n{"id": 3, "zh": "x", "en": "y"}\n', 2, "id"),
        ('{"id": "a", "zh": "x", "en": "y"}\n\n{"id": "b", "zh": "x",\n', 3, "not JSON"),
        ('["a", "x", "y"]\n', 1, "expected an object"),
        ('{"id": "a", "zh": "x", "en": "y"} {"id": "b"}\n', 1, "column 35: not JSON: Extra data"),
        ('{"id": "a", "zh": "x", "en": "y"}\r\n{"id": "b", "zh": "x", "en": "y"},\n', 2, "Extra data"),
        ('{"id": "a", "zh": "x", "en": "y"}\n\n{"id": "a", "zh": "x", "en": "z"}\n', 3, "duplicate id 'a'"),
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
    escaped = escape(value)
    assert "\t" not in escaped and "\n" not in escaped
    assert unescape(escaped) == value


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
        ("d:z0:e0\tx\ty\n\nd:z0:e0\tx\tz\n", 3, "duplicate id 'd:z0:e0' (first at line 1)"),
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


def test_tsv_reader_skips_a_leading_comment(tmp_path: Path) -> None:
    path = tmp_path / "old.tsv"
    path.write_text("# bilingual:0.1.0|align:lexical\nid\tzh\ten\nx\t一。\tOne.\n", encoding="utf-8")
    assert [(p.id, p.zh, p.en) for p in read_tsv(path)] == [("x", "一。", "One.")]
