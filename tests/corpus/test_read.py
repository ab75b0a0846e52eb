"""Reading bulletins: formats, encodings, metadata, chrome, bad input."""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from bilingual.cli import main
from bilingual.corpus import doc_id, pair_corpus, read_document, read_pair, read_raw
from bilingual.errors import CorpusError, EncodingError, InputError
from bilingual.model import Kind

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "corpus" / "en" / "2023-02-14-grassroots-safety.txt"


def test_seed_bulletin_title_date_and_no_breadcrumb() -> None:
    doc = read_document(SEED)
    assert doc.title == "Measures Taken in Jiaxing to Ensure Grassroots Safety and Stability"
    assert doc.date == "2023-02-14"
    assert doc.segments[0].kind is Kind.TITLE and doc.segments[0].text == doc.title
    assert doc.segments[1].kind is Kind.DATE and doc.segments[1].text == "Release date:2023-02-14 16:18"
    assert not any(
        "Current location" in s.text or s.text.strip("> ") == "Jiaxing Today" for s in doc.segments
    )


def test_seed_original_text_kept_exactly() -> None:
    doc = read_document(SEED)
    raw = SEED.read_bytes().decode("utf-8")
    assert doc.text == raw
    for seg in doc.segments:
        assert doc.text[seg.start : seg.end] == seg.text
    assert any("\u00a0" in s.text for s in doc.segments), "NBSPs are kept in the segment text"
    assert any("\u2019" in s.text for s in doc.segments), "curly apostrophes are kept"


@pytest.mark.parametrize(
    ("name", "encoding", "title", "date"),
    [
        ("bulletin.zh.txt", "utf-8", "平湖中小学开学", "2023-09-01"),
        ("bulletin_gb18030.zh.txt", "gb18030", "平湖中小学开学", "2023-09-01"),
        ("bulletin_bom.en.txt", "utf-8-sig", "Title With BOM", "2023-02-14"),
        ("bulletin_utf16.en.txt", "utf-16", "UTF-16 Title", "2023-02-14"),
        ("bulletin_nbsp.en.txt", "utf-8", "Schools\u00a0Open in Pinghu", "2023-09-01"),
        ("bulletin.en.md", "utf-8", "Digital Reform in Jiaxing", "2023-06-01"),
        ("page.zh.html", "utf-8", "平湖中小学开学", "2023-09-01"),
    ],
)
def test_encodings_titles_dates(name: str, encoding: str, title: str, date: str) -> None:
    doc = read_document(FIXTURES / name)
    assert (doc.encoding, doc.title, doc.date) == (encoding, title, date)
    assert not doc.text.startswith("\ufeff")


def test_gb18030_and_utf8_read_the_same() -> None:
    a = read_document(FIXTURES / "bulletin.zh.txt")
    b = read_document(FIXTURES / "bulletin_gb18030.zh.txt")
    assert a.sentences() == b.sentences()


def test_html_drops_navigation_breadcrumb_footer_scripts() -> None:
    doc = read_document(FIXTURES / "page.zh.html")
    text = doc.text
    for chrome in ("政务公开", "当前位置", "分享到", "版权所有", "统计代码", "页脚脚本", "color:red"):
        assert chrome not in text
    assert doc.url == "https://www.jiaxing.gov.cn/art/2023/9/1/art_2.html"
    assert [s.kind for s in doc.segments[:2]] == [Kind.TITLE, Kind.DATE]
    body = ["平湖市12所学校于9月1日开学。", "陈先生当天上午走访了第三中学。", "全市投入3.5亿元用于校园安全。"]
    assert doc.sentences()[2:] == body


def test_txt_metadata_url_and_footer() -> None:
    doc = read_raw(FIXTURES / "bulletin_nbsp.en.txt")
    assert doc.url == "https://www.jiaxing.gov.cn/art/2023/9/1/art_1.html"
    assert [p.kind for p in doc.paragraphs] == [Kind.TITLE, Kind.DATE, Kind.BODY, Kind.BODY]
    assert "Copyright" not in " ".join(p.text for p in doc.paragraphs)


def test_markdown_markers_outside_spans() -> None:
    doc = read_raw(FIXTURES / "bulletin.en.md")
    assert doc.paragraphs[0].text == "Digital Reform in Jiaxing"
    assert doc.paragraphs[-1].text.startswith('The "Run at Most Once"')


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("<!-- Draft: not for print. -->", []),
        ("<!--\nDraft: not for print.\n-->\nThe city met.", ["The city met."]),
        ('<img src="a.jpg" alt="The city met.">', []),
        ("The <span class='x'>city</span> met.<br/>", ["The city met."]),
        ("Write `<br>` for a break.", ["Write <br> for a break."]),
        ("See <https://example.com> or a < b > c.", ["See <https://example.com> or a < b > c."]),
        ("An escaped \\<b> stays.", ["An escaped <b> stays."]),
    ],
)
def test_markdown_raw_html_is_not_text(tmp_path: Path, markdown: str, expected: list[str]) -> None:
    """Comments and tags are markup, as CommonMark renders them; code spans and autolinks are text."""
    path = tmp_path / "raw.en.md"
    path.write_text(f"# Jiaxing Meets\n\n{markdown}\n\nOfficials attended.\n", encoding="utf-8")
    texts = [p.text for p in read_raw(path).paragraphs]
    assert texts == ["Jiaxing Meets", *expected, "Officials attended."]


@pytest.mark.parametrize(
    ("name", "lang"),
    [
        ("bulletin.zh.txt", "zh"),
        ("bulletin_gb18030.zh.txt", "zh"),
        ("bulletin_nbsp.en.txt", "en"),
        ("page.zh.html", "zh"),
    ],
)
def test_language_guessed_from_text(name: str, lang: str) -> None:
    assert read_raw(FIXTURES / name).lang == lang


# --- bad input: one line naming the file, exit 2, never a traceback ---------------------------


def _bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "blank.txt").write_bytes(b" \n\n\t\n")
    (tmp / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp / "latin1.txt").write_bytes("Caf\xe9 au lait in Jiaxing.\n\nA d\xe9j\xe0 vu.\n".encode("latin-1"))
    (tmp / "bad_utf16.txt").write_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8A\x00")  # lone surrogate
    (tmp / "big5.txt").write_bytes(
        "嘉興市政府公告\n\n為加強基層安全穩定工作，市政府決定開展專項檢查。\n".encode("big5")
    )
    (tmp / "nul_late.txt").write_bytes(b"Title\n\n" + b"A sentence.\n" * 1000 + b"\x00\n")
    (tmp / "utf16_nobom.txt").write_bytes("Title\n\nOne sentence.\n".encode("utf-16-le"))
    (tmp / "deep.html").write_text("<html><body><h1>T</h1>" + "<div>" * 300 + "<p>Deep.</p></body></html>")
    os.mkfifo(tmp / "fifo.txt")
    (tmp / "oversized.txt").write_bytes(b"A sentence. " * 200_000)
    (tmp / "long_segment.txt").write_text("Title\n\n" + "and so on " * 3000 + "\n")
    return {
        "big5": (tmp / "big5.txt", "try --encoding big5"),
        "nul_late": (tmp / "nul_late.txt", ":1003: holds a NUL character"),
        "utf16_nobom": (
            tmp / "utf16_nobom.txt",
            "UTF-16 without a byte-order mark; try --encoding utf-16-le",
        ),
        "deep_html": (tmp / "deep.html", "nested more than 256 elements deep"),
        "fifo": (tmp / "fifo.txt", "is a FIFO, not a file"),
        "oversized": (tmp / "oversized.txt", "larger than 2 MB (--max-size)"),
        "long_segment": (tmp / "long_segment.txt", ":3: segment 2 ("),
        "empty": (tmp / "empty.txt", "empty"),
        "blank": (tmp / "blank.txt", "empty"),
        "binary": (tmp / "binary.txt", "binary"),
        "latin1": (tmp / "latin1.txt", "(byte 0xE9 at offset 3); try --encoding"),
        "bad_utf16": (tmp / "bad_utf16.txt", "not valid UTF-16"),
        "no_body": (FIXTURES / "nobody.html", "no body text"),
        "missing": (tmp / "missing.txt", "no such file"),
        "directory": (tmp, "is a directory"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "empty",
        "blank",
        "binary",
        "latin1",
        "bad_utf16",
        "no_body",
        "missing",
        "directory",
        "big5",
        "nul_late",
        "utf16_nobom",
        "deep_html",
        "fifo",
        "oversized",
        "long_segment",
    ],
)
def test_bad_input_is_one_line_error(tmp_path: Path, case: str) -> None:
    path, expected = _bad_inputs(tmp_path)[case]
    with pytest.raises(InputError) as info:
        read_document(path)
    assert str(path) in str(info.value) and expected in str(info.value)
    result = CliRunner().invoke(main, ["segment", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and str(path) in lines[0] and expected in lines[0]


def test_wrong_encoding_given_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(EncodingError, match="byte 0x"):
        read_document(FIXTURES / "bulletin_gb18030.zh.txt", encoding="utf-8")
    assert read_document(FIXTURES / "bulletin_gb18030.zh.txt", encoding="gbk").title == "平湖中小学开学"


def test_ten_megabytes_without_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "huge.en.txt"
    sentence = "The city of Jiaxing opened 3.5 new schools in Pinghu and Haining last year. "
    path.write_text("Big Bulletin\n\n" + sentence * (10_000_000 // len(sentence)), encoding="utf-8")
    with pytest.raises(InputError, match="larger than 2 MB"):  # over the default cap of a bulletin
        read_document(path)
    doc = read_document(path, max_size=16 * 2**20)  # a raised cap; no segment is over 20,000
    assert doc.title == "Big Bulletin"
    assert len(doc.segments) == 1 + 10_000_000 // len(sentence)


# --- pairing ----------------------------------------------------------------------------------


def _corpus(tmp: Path, zh: list[str], en: list[str]) -> Path:
    for side, names in (("zh", zh), ("en", en)):
        (tmp / side).mkdir(parents=True)
        for name in names:
            (tmp / side / name).write_text(
                "标题\n\n正文一句。\n" if side == "zh" else "Title\n\nOne sentence.\n"
            )
    return tmp


def test_pairing_by_stem_and_unpaired(tmp_path: Path) -> None:
    root = _corpus(tmp_path, ["a.txt", "b.html", "c.txt", "notes.json"], ["a.md", "b.txt", "d.txt"])
    corpus = pair_corpus(root)
    assert [(p.id, p.zh.name, p.en.name) for p in corpus.pairs] == [
        ("a", "a.txt", "a.md"),
        ("b", "b.html", "b.txt"),
    ]
    assert [p.name for p in corpus.unpaired] == ["c.txt", "d.txt"]


def test_cli_warns_about_unpaired(tmp_path: Path) -> None:
    root = _corpus(tmp_path, ["a.txt", "c.txt"], ["a.txt"])
    result = CliRunner().invoke(main, ["corpus", "list", str(root)])
    assert result.exit_code == 0
    assert "c.txt: no partner" in result.output and "1 pairs, 1 unpaired" in result.output


@pytest.mark.parametrize(
    ("zh", "en", "message"),
    [([], [], "no zh/en pair"), (["a.txt", "a.md"], ["a.txt"], "two files share the name 'a'")],
)
def test_pairing_errors(tmp_path: Path, zh: list[str], en: list[str], message: str) -> None:
    with pytest.raises(CorpusError, match=message):
        pair_corpus(_corpus(tmp_path, zh, en))


def test_pairing_needs_both_folders(tmp_path: Path) -> None:
    (tmp_path / "zh").mkdir()
    with pytest.raises(CorpusError, match="no en/ folder"):
        pair_corpus(tmp_path)


# --- nothing lost on read (issue #13) ---------------------------------------------------------


def _nested_page(depth: int) -> str:
    return (
        "<html><head><title>Deep</title></head><body>\n<h1>平湖中小学开学</h1>\n<p>开学前的一句。</p>\n"
        + "<div>" * depth
        + "<p>深处的一句。</p>"
        + "</div>" * depth
        + "\n<p>最后的一句。</p>\n</body></html>\n"
    )


@pytest.mark.parametrize("depth", [300, 5000])
def test_html_deeper_than_libxml2_limit_is_refused(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "deep.zh.html"
    path.write_text(_nested_page(depth), encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_document(path)
    assert str(info.value).startswith(f"{path}:4: HTML is nested more than 256 elements deep")


def test_html_nested_250_deep_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "deep.zh.html"
    path.write_text(_nested_page(250), encoding="utf-8")
    assert read_document(path).sentences()[1:] == ["开学前的一句。", "深处的一句。", "最后的一句。"]


def test_long_segment_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "run_on.en.txt"
    run_on = "and the city " * (50_000 // 13 + 1)
    path.write_text(f"Title\n\nA first sentence.\n\nIt went on {run_on.strip()}\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_document(path)
    message = str(info.value)
    assert message.startswith(f"{path}:5: segment 3 ('It went on and the city'…) is 50,")
    assert "--max-segment" in message and "20,000" in message and "\n" not in message
    assert len(read_document(path, max_segment=None).segments) == 3
    assert len(read_document(path, max_segment=60_000).segments) == 3


def test_long_segment_in_markdown_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "run_on.zh.md"
    path.write_text("# 标题\n\n" + "很长的句子" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_document(path)
    assert str(info.value).startswith(f"{path}: segment 2 ('很长的句子很长的句子") and "25,000" in str(
        info.value
    )


def test_chinese_file_names_are_kept(tmp_path: Path) -> None:
    root = _corpus(tmp_path, ["通知.txt", "公告.txt", "a b&c.txt"], ["通知.md", "公告.txt", "a b&c.txt"])
    corpus = pair_corpus(root)
    assert [p.id for p in corpus.pairs] == sorted(["通知", "公告", "a b&c"])
    zh, _ = read_pair(next(p for p in corpus.pairs if p.id == "通知"))
    assert zh.id == "通知"


def test_file_names_are_nfc(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Café")
    assert doc_id(tmp_path / f"{decomposed}.txt") == "Café"
    root = _corpus(tmp_path, [f"{decomposed}.txt", "Café.txt"], ["Café.txt"])
    with pytest.raises(CorpusError, match="two files share the name 'Café'"):
        pair_corpus(root)


@pytest.mark.parametrize(
    "name", ["a\x07b.txt", "tab\there.txt", "new\nline.txt", "back\\slash.txt", "bad\udcff.txt"]
)
def test_file_names_with_control_characters_are_refused(name: str) -> None:
    with pytest.raises(InputError) as info:
        doc_id(Path("corpus/zh") / name)
    assert "the file name" in str(info.value) and "rename the file" in str(info.value)


def test_sample_corpus_ids_are_unchanged() -> None:
    corpus = pair_corpus(ROOT / "corpus")
    ids = [p.id for p in corpus.pairs]
    assert ids == [p.zh.stem for p in corpus.pairs] and all(re.fullmatch(r"[A-Za-z0-9._-]+", i) for i in ids)
    assert "2023-02-14-grassroots-safety" in ids


@pytest.mark.parametrize("case", ["fifo", "broken-link"])
def test_corpus_with_a_fifo_or_broken_link_is_refused(tmp_path: Path, case: str) -> None:
    root = _corpus(tmp_path, ["a.txt"], ["a.txt"])
    odd = root / "zh" / "b.txt"
    if case == "fifo":
        os.mkfifo(odd)
    else:
        odd.symlink_to(root / "zh" / "missing.txt")
    error = {"fifo": "is a FIFO, not a file", "broken-link": "is a broken symbolic link"}[case]
    with pytest.raises(CorpusError) as info:
        pair_corpus(root)
    assert str(info.value).startswith(f"{odd}: {error}")
