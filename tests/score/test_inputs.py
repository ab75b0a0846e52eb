"""Tests for bilingual.score.inputs: reading versions and matching their segments."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.errors import EncodingError, ScoreError
from bilingual.score.inputs import Unit, Version, kind_of, match, read_lines, read_version

LINES = [
    ("unix", b"a\nb\n", ["a", "b"]),
    ("no final newline", b"a\nb", ["a", "b"]),
    ("crlf", b"a\r\nb\r\n", ["a", "b"]),
    ("trailing spaces", b"a  \t\nb\xc2\xa0\n", ["a", "b"]),  # sacrebleu rstrips, NBSP included
    ("leading spaces kept", b"  a\n", ["  a"]),
    ("blank line is a segment", b"a\n\nb\n", ["a", "", "b"]),
    ("bom", b"\xef\xbb\xbfa\n", ["a"]),
    ("empty", b"", []),
    ("form feed splits nothing", b"a\x0cb\n", ["a\x0cb"]),
    ("chinese", "嘉兴\n红船精神\n".encode(), ["嘉兴", "红船精神"]),
]


@pytest.mark.parametrize(("name", "data", "expected"), LINES, ids=[c[0] for c in LINES])
def test_read_lines(tmp_path: Path, name: str, data: bytes, expected: list[str]) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    assert read_lines(path) == expected


def test_read_lines_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "gb.txt"
    path.write_bytes("ok\n嘉兴\n".encode("gb18030"))
    with pytest.raises(EncodingError) as info:
        read_lines(path)
    assert info.value.line == 2
    assert "byte 0xBC at offset 3" in str(info.value)
    assert str(info.value).startswith(f"{path}:2: not UTF-8")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ScoreError, match="no such file"):
        read_lines(tmp_path / "absent.txt")


@pytest.mark.parametrize(
    ("name", "is_dir", "kind"),
    [
        ("a.txt", False, "text"),
        ("a.en", False, "text"),
        ("a.tmx", False, "tmx"),
        ("a.TMX", False, "tmx"),
        ("a.xlf", False, "xliff"),
        ("a.xliff", False, "xliff"),
        ("a.po", False, "po"),
        ("corpus", True, "corpus"),
    ],
)
def test_kind_of(tmp_path: Path, name: str, is_dir: bool, kind: str) -> None:
    path = tmp_path / name
    if is_dir:
        path.mkdir()
    else:
        path.write_text("x\n", encoding="utf-8")
    assert kind_of(path) == kind


def version(kind: str, *units: tuple[str, str, str]) -> Version:
    return Version(Path(f"{kind}.x"), kind, tuple(Unit(*u) for u in units))


def test_match_by_key_in_ref_order() -> None:
    ref = version("tmx", ("d", "a", "A"), ("d", "b", "B"), ("e", "a", "EA"), ("d", "c", "C"))
    hyp = version("po", ("d", "c", "c"), ("e", "a", "ea"), ("d", "a", "a"), ("d", "z", "z"))
    matched = match(ref, hyp)
    assert [u.text for u in matched.ref] == ["A", "EA", "C"]
    assert [u.text for u in matched.hyp] == ["a", "ea", "c"]
    assert matched.only_ref == (("d", "b"),)
    assert matched.only_hyp == (("d", "z"),)


def test_match_line_counts() -> None:
    ref = version("text", *[("", str(n), "x") for n in range(1, 13)])
    hyp = version("text", *[("", str(n), "x") for n in range(1, 12)])
    with pytest.raises(ScoreError) as info:
        match(ref, hyp)
    assert info.value.message == "REF has 12 lines, HYP has 11"
    assert info.value.path == "text.x"


def test_match_nothing_in_common() -> None:
    with pytest.raises(ScoreError, match="no segment in common"):
        match(version("tmx", ("d", "a", "A")), version("po", ("d", "b", "B")))


def test_read_version_text_ids_are_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "v.txt"
    path.write_text("first\nsecond\n", encoding="utf-8")
    v = read_version(path)
    assert v.kind == "text"
    assert [(u.doc_id, u.id, u.text) for u in v.units] == [("", "1", "first"), ("", "2", "second")]


@pytest.mark.parametrize("side", ["en", "zh"])
def test_read_version_pairs_side(tmp_path: Path, side: str) -> None:
    path = tmp_path / "v.po"
    path.write_text('msgctxt "d:z0:e0"\nmsgid "红船精神"\nmsgstr "Red Boat Spirit"\n', encoding="utf-8")
    (unit,) = read_version(path, side).units
    assert (unit.doc_id, unit.id) == ("d", "d:z0:e0")
    assert unit.text == ("Red Boat Spirit" if side == "en" else "红船精神")


def test_read_version_corpus(tmp_path: Path) -> None:
    bulletins = (
        ("en", "Jiaxing Holds a Meeting\n\nJiaxing held a meeting. It was chaired by Chen Wei.\n"),
        ("zh", "嘉兴召开会议\n\n嘉兴召开会议。陈伟主持。\n"),
    )
    for lang, text in bulletins:
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "jx-meeting.txt").write_text(text, encoding="utf-8")
    (tmp_path / "en" / "only-en.txt").write_text(
        "Unpaired\n\nAn unpaired bulletin. It is scored too.\n", encoding="utf-8"
    )
    v = read_version(tmp_path, "en")
    assert v.kind == "corpus"
    assert v.segmenter
    keys = [u.key for u in v.units]
    assert ("jx-meeting", "s0") in keys
    assert ("only-en", "s0") in keys
    assert all(u.text for u in v.units)
    zh = read_version(tmp_path, "zh")
    assert {u.doc_id for u in zh.units} == {"jx-meeting"}


def test_read_version_corpus_one_language(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "jx.txt").write_text(
        "A Title\n\nOne sentence here. Another one there.\n", encoding="utf-8"
    )
    assert {u.doc_id for u in read_version(tmp_path, "en").units} == {"jx"}
    with pytest.raises(ScoreError, match="without a zh/ folder"):
        read_version(tmp_path, "zh")


def test_match_text_against_bilingual_file() -> None:
    with pytest.raises(ScoreError, match="REF is text and HYP is po: plain-text ids are line numbers"):
        match(version("text", ("", "1", "A")), version("po", ("d", "d:z0:e0", "A")))


def test_read_version_folder_of_exchange_files(tmp_path: Path) -> None:
    po = 'msgctxt "{ctx}"\nmsgid "{zh}"\nmsgstr "{en}"\n'
    (tmp_path / "b-bulletin.po").write_text(po.format(ctx="b:z0:e0", zh="乙", en="B"), encoding="utf-8")
    (tmp_path / "a-bulletin.po").write_text('msgid "甲"\nmsgstr "A"\n', encoding="utf-8")  # no ids at all
    (tmp_path / "notes.txt").write_text("ignored\n", encoding="utf-8")
    v = read_version(tmp_path, "en")
    assert v.kind == "files"
    assert [(u.doc_id, u.id, u.text) for u in v.units] == [("a-bulletin", "1", "A"), ("b", "b:z0:e0", "B")]
