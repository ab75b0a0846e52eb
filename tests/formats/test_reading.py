"""Readers that know what they read: XLIFF versions, languages, variants, content sniffing (issue #15)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bilingual.errors import InputError
from bilingual.formats import format_for, read_pairs
from bilingual.formats.reading import is_traditional, lang_side, sniff

UNIT12 = (
    '<trans-unit id="u1"><source>嘉兴召开会议。</source>'
    "<target>Jiaxing holds a meeting.</target></trans-unit>"
)


def _xliff1(namespace: str, version: str, target: str = "en") -> str:
    ns = f' xmlns="{namespace}"' if namespace else ""
    ver = f' version="{version}"' if version else ""
    return (
        f'<?xml version="1.0"?>\n<xliff{ns}{ver}>\n'
        f'<file original="d" source-language="zh-CN" target-language="{target}" datatype="plaintext">'
        f"<body>{UNIT12}</body></file></xliff>"
    )


def _xliff2(namespace: str, version: str, trg: str = "en") -> str:
    return (
        f'<xliff xmlns="{namespace}" version="{version}" srcLang="zh-Hans" trgLang="{trg}">\n'
        '<file id="d"><unit id="u1"><segment><source>嘉兴召开会议。</source>'
        "<target>Jiaxing holds a meeting.</target></segment></unit></file></xliff>"
    )


READ = [
    ("xliff-1.0.xlf", _xliff1("", "1.0")),
    ("xliff-1.1.xlf", _xliff1("urn:oasis:names:tc:xliff:document:1.1", "1.1")),
    ("omegat-no-version.xlf", _xliff1("urn:oasis:names:tc:xliff:document:1.1", "")),
    ("xliff-1.2.xlf", _xliff1("urn:oasis:names:tc:xliff:document:1.2", "1.2")),
    ("xliff-2.0.xlf", _xliff2("urn:oasis:names:tc:xliff:document:2.0", "2.0")),
    ("xliff-2.1.xlf", _xliff2("urn:oasis:names:tc:xliff:document:2.0", "2.1")),
    ("xliff-2.2.xlf", _xliff2("urn:oasis:names:tc:xliff:document:2.2", "2.2")),
    ("trados.sdlxliff", _xliff1("urn:oasis:names:tc:xliff:document:1.2", "1.2")),
    ("any.xliff2", _xliff2("urn:oasis:names:tc:xliff:document:2.0", "2.1")),
    ("any.xml", _xliff2("urn:oasis:names:tc:xliff:document:2.2", "2.2")),
]


@pytest.mark.parametrize(("name", "content"), READ, ids=[r[0] for r in READ])
def test_every_xliff_version_is_read(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert [(p.id, p.zh, p.en) for p in read_pairs(path)] == [
        ("u1", "嘉兴召开会议。", "Jiaxing holds a meeting.")
    ]


TMX_HEAD = '<tmx version="1.4"><header srclang="{src}" segtype="sentence" datatype="plaintext"/><body>'
TMX_VARIANTS = (
    TMX_HEAD + '<tu tuid="a"><tuv xml:lang="zh-TW"><seg>會議</seg></tuv>'
    '<tuv xml:lang="zh-CN"><seg>会议</seg></tuv><tuv xml:lang="en-US"><seg>meeting</seg></tuv>'
    '<tuv xml:lang="en-GB"><seg>meeting (GB)</seg></tuv></tu></body></tmx>'
)


@pytest.mark.parametrize(
    ("src", "options", "expected"),
    [
        ("zh-TW", {}, ("會議", "meeting")),
        ("zh-CN", {}, ("会议", "meeting")),
        ("en-GB", {}, ("会议", "meeting (GB)")),
        ("*all*", {}, ("会议", "meeting")),
        ("zh-CN", {"zh_variant": "zh-TW", "en_variant": "en-GB"}, ("會議", "meeting (GB)")),
    ],
)
def test_tmx_two_variants_of_one_side(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    src: str,
    options: dict[str, str],
    expected: tuple[str, str],
) -> None:
    path = tmp_path / "variants.tmx"
    path.write_text(TMX_VARIANTS.format(src=src), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        pairs = read_pairs(path, **options)
    assert [(p.zh, p.en) for p in pairs] == [expected]
    assert "zh variants zh-CN, zh-TW: read" in caplog.text  # says which


REFUSED = [
    (
        "zh-fr.xlf",
        _xliff1("urn:oasis:names:tc:xliff:document:1.2", "1.2", "fr-FR"),
        3,
        "languages fr-FR, zh-CN",
    ),
    ("zh-de.xlf", _xliff2("urn:oasis:names:tc:xliff:document:2.0", "2.1", "de"), 1, "languages de, zh-Hans"),
    (
        "zh-fr.tmx",
        TMX_HEAD.format(src="zh-CN")
        + '<tu><tuv xml:lang="zh-CN"><seg>会议</seg></tuv><tuv xml:lang="fr"><seg>réunion</seg></tuv></tu>'
        "</body></tmx>",
        1,
        "languages fr, zh-CN: not Chinese (zh) and English (en)",
    ),
    (
        "glossary.tbx",
        '<tbx xmlns="urn:iso:std:iso:30042:ed-2"/>',
        1,
        "is a glossary (TBX), not a file of pairs",
    ),
    ("glossary.xml", "<martif type='TBX'/>", 1, "is a glossary (TBX 2008), not a file of pairs"),
    ("x.sdlxliff", "<xliff xmlns='urn:x-unknown' version='9'/>", 1, "unknown XLIFF namespace"),
]


@pytest.mark.parametrize(("name", "content", "line", "message"), REFUSED, ids=[r[0] for r in REFUSED])
def test_refused_in_one_line(tmp_path: Path, name: str, content: str, line: int, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_pairs(path)
    assert message in info.value.message
    assert info.value.line == line
    assert "\n" not in str(info.value) and str(info.value).startswith(f"{path}:")


def test_sub_text_inside_codes_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "sub.tmx"
    path.write_text(
        TMX_HEAD.format(src="zh-CN") + '<tu><tuv xml:lang="zh-CN"><seg>见<ph x="1">&lt;a title="'
        '<sub>注释</sub>"&gt;</ph>。</seg></tuv><tuv xml:lang="en"><seg>See<ph x="1">&lt;a title="'
        '<sub>note</sub>"&gt;</ph>.</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    assert [(p.zh, p.en) for p in read_pairs(path)] == [("见注释。", "Seenote.")]


def test_one_sided_units_are_read_with_an_empty_side(tmp_path: Path) -> None:
    path = tmp_path / "one-sided.xlf"
    path.write_text(_xliff2("urn:oasis:names:tc:xliff:document:2.0", "2.1").replace(
        "<target>Jiaxing holds a meeting.</target>", ""), encoding="utf-8")  # fmt: skip
    assert [(p.zh, p.en, p.bead.en) for p in read_pairs(path)] == [("嘉兴召开会议。", "", ())]


@pytest.mark.parametrize(
    ("code", "side", "traditional"),
    [("zh", "zh", False), ("zh-CN", "zh", False), ("zh-Hans", "zh", False), ("zh-TW", "zh", True),
     ("zh-Hant", "zh", True), ("zh-Hant-HK", "zh", True), ("zh_HK", "zh", True), ("en-GB", "en", False),
     ("fr", None, False)],
)  # fmt: skip
def test_bcp47_languages(code: str, side: str | None, traditional: bool) -> None:
    assert (lang_side(code), is_traditional(code)) == (side, traditional)


def test_sniff_and_format_for_by_content(tmp_path: Path) -> None:
    xlf = tmp_path / "a.sdlxliff"
    xlf.write_bytes(
        b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- c -->\n'
        b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2"/>'
    )
    assert sniff(xlf) == ("xml", "xliff urn:oasis:names:tc:xliff:document:1.2")
    assert (found := format_for(xlf)) is not None and found.name == "xliff"
    po = tmp_path / "catalog.txt.orig"
    po.write_text('msgid ""\nmsgstr ""\n"Language: en\\n"\n', encoding="utf-8")
    assert (found := format_for(po)) is not None and found.name == "po"
    plain = tmp_path / "notes.unknown"
    plain.write_text("just text\n", encoding="utf-8")
    assert format_for(plain) is None
