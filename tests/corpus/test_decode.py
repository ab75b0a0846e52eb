"""Decoding bulletin bytes: nothing guessed silently, nothing lost (issue #13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.corpus import read_document
from bilingual.corpus.decode import decode, utf16_order
from bilingual.errors import EncodingError, InputError

FIXTURES = Path(__file__).parent / "fixtures"
BIG5_BULLETIN = (
    "嘉興市政府公告\n\n"
    "發布日期：2023-02-14\n\n"
    "為加強基層安全穩定工作，市政府決定於本月開展專項檢查。各區縣應當認真落實，確保人民群眾生命財產安全。\n"
)


def test_big5_is_not_read_as_gb18030(tmp_path: Path) -> None:
    data = BIG5_BULLETIN.encode("big5")
    data.decode("gb18030")  # the trap: GB18030 decodes these bytes strictly, as gibberish
    path = tmp_path / "notice.zh.txt"
    path.write_bytes(data)
    with pytest.raises(EncodingError) as info:
        read_document(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ") and "Big5" in message and "--encoding big5" in message
    assert "\n" not in message
    doc = read_document(path, encoding="big5")
    assert (doc.title, doc.encoding) == ("嘉興市政府公告", "big5")


def test_short_big5_title_is_not_read_as_gb18030() -> None:
    with pytest.raises(EncodingError, match="--encoding big5"):
        decode("嘉興市政府公告".encode("big5"), "t.txt")


def test_big5_that_gb18030_cannot_decode_gets_the_big5_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    # GB18030's byte ranges contain Big5's, so real Big5 practically always decodes as
    # GB18030; the branch for the rare case that it does not is exercised directly.
    import bilingual.corpus.decode as module

    real = module._try
    monkeypatch.setattr(module, "_try", lambda data, name: None if name == "gb18030" else real(data, name))
    with pytest.raises(EncodingError, match=r"not UTF-8 or GB18030 but reads as Big5.*--encoding big5"):
        decode(BIG5_BULLETIN.encode("big5"), "t.txt")


@pytest.mark.parametrize(
    "path",
    [FIXTURES / "bulletin_gb18030.zh.txt", Path(__file__).resolve().parents[2] / "corpus" / "zh"],
    ids=["fixture", "corpus"],
)
def test_gb18030_is_still_read_when_big5_decodes_too(path: Path) -> None:
    files = sorted(path.iterdir()) if path.is_dir() else [path]
    for file in files:
        data = file.read_bytes()
        try:
            data.decode("utf-8")
            data = data.decode("utf-8").encode("gb18030")
        except UnicodeDecodeError:
            pass
        text, used = decode(data, file)
        assert used == "gb18030" and text == data.decode("gb18030")


def test_nul_after_8k_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "late_nul.en.txt"
    lines = ["Title", ""] + [f"Sentence number {i} of the bulletin." for i in range(400)]
    lines[300] += "\x00"
    path.write_bytes("\n".join(lines).encode("utf-8"))
    assert path.read_bytes().index(b"\x00") > 8192
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.line == 301
    assert str(info.value).startswith(f"{path}:301: ") and "NUL" in str(info.value)


def test_nul_in_gb18030_and_given_encoding_is_refused_with_its_line() -> None:
    data = "标题\n\n正文一句。\n第二\x00句。\n".encode("gb18030")
    for encoding in (None, "gb18030"):
        with pytest.raises(InputError) as info:
            decode(data, "t.txt", encoding)
        assert info.value.line == 4 and "column 3" in str(info.value)


def test_nul_in_utf16_bytes_is_fine_but_not_in_its_text() -> None:
    assert decode("标题\n\n正文。\n".encode("utf-16"), "t.txt")[0] == "标题\n\n正文。\n"
    with pytest.raises(InputError, match="NUL"):
        decode("标题\n\n正\x00文。\n".encode("utf-16"), "t.txt")


@pytest.mark.parametrize("order", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("name", ["bulletin.zh.txt", "bulletin_nbsp.en.txt"])
def test_utf16_without_bom_gets_a_hint(tmp_path: Path, order: str, name: str) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    path = tmp_path / name
    path.write_bytes(text.encode(order))
    with pytest.raises(EncodingError) as info:
        read_document(path)
    assert str(info.value) == f"{path}: looks like UTF-16 without a byte-order mark; try --encoding {order}"
    assert read_document(path, encoding=order).text == read_document(FIXTURES / name).text


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 4,  # binary
        ("Title\n\n" + "Plain English text. " * 100 + "\x00x\n").encode(),  # a stray NUL, even length
        "标题\n\n正文\x00一句。\n".encode(),
    ],
    ids=["binary", "english-stray-nul", "chinese-stray-nul"],
)
def test_not_utf16(data: bytes) -> None:
    assert utf16_order(data) is None
    with pytest.raises(InputError) as info:
        decode(data, "t.txt")
    assert "UTF-16" not in str(info.value)


def test_bad_byte_error_names_the_line() -> None:
    data = b"Title\n\nOne line.\nCaf\xe9 au lait, d\xe9j\xe0 vu.\n"
    with pytest.raises(EncodingError) as info:
        decode(data, "t.txt")
    assert info.value.line == 4 and "byte 0xE9 at offset 20" in str(info.value)


def test_text_that_reads_well_both_ways_asks_for_the_encoding() -> None:
    data = "互动交流".encode("gb18030")
    assert data.decode("big5") == "誑雄蝠霜"  # common Big5 characters too: not clear
    with pytest.raises(EncodingError, match="--encoding gb18030 or --encoding big5"):
        decode(data, "t.txt")
    assert decode(data, "t.txt", "gb18030")[0] == "互动交流"


def test_gb18030_html_page_is_read(tmp_path: Path) -> None:
    # The markup is ASCII: judged on the Chinese characters alone, the page reads.
    page = (FIXTURES / "page.zh.html").read_text(encoding="utf-8")
    path = tmp_path / "page.zh.html"
    path.write_bytes(page.encode("gb18030"))
    doc = read_document(path)
    assert (doc.encoding, doc.title) == ("gb18030", "平湖中小学开学")


def test_gb18030_with_many_rare_characters_asks_for_the_encoding() -> None:
    # Traditional characters in GBK: outside GB2312's common rows, so not taken unasked.
    data = "嘉興市政府公告：為加強基層安全穩定工作，市政府決定開展專項檢查。".encode("gb18030")
    with pytest.raises(EncodingError, match=r"many rare characters \(31%\); try --encoding gb18030"):
        decode(data, "t.txt")
    assert decode(data, "t.txt", "gb18030")[0].startswith("嘉興市政府公告")
