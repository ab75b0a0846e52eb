"""Tests for bilingual.readers: TMX, XLIFF 1.2/2.x and PO back into AlignedPairs."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.errors import InputError
from bilingual.readers import READERS, flatten, lang_side, read_pairs

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="bilingual" creationtoolversion="0.1.0" segtype="sentence"
          o-tmf="bilingual" adminlang="en" srclang="zh-CN" datatype="plaintext"/>
  <body>
    <tu tuid="safety:z0:e0">
      <prop type="x-doc-id">safety</prop>
      <tuv xml:lang="en-US"><seg>Jiaxing holds a <hi>safety</hi> meeting.</seg></tuv>
      <tuv xml:lang="zh-CN"><seg>嘉兴召开<hi>安全</hi>会议。</seg></tuv>
    </tu>
    <tu tuid="safety:z1-2:e">
      <tuv xml:lang="zh-CN"><seg>未译句子。</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="zh-CN"><seg>A&amp;B<ph>&lt;br/&gt;</ph>𠀀</seg></tuv>
      <tuv xml:lang="en"><seg>A&amp;B "quoted"</seg></tuv>
      <tuv xml:lang="fr"><seg>ignoré</seg></tuv>
    </tu>
  </body>
</tmx>
"""

XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="safety" source-language="zh-CN" target-language="en" datatype="plaintext">
    <body>
      <trans-unit id="safety:z0:e0">
        <source>嘉兴召开<mrk mtype="term">安全</mrk>会议。</source>
        <target>Jiaxing holds a <mrk mtype="term">safety</mrk> meeting.</target>
      </trans-unit>
      <trans-unit id="u2">
        <source>只有原文。</source>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

# English source, Chinese target: sides come from the attributes, not position.
XLIFF12_EN_ZH = XLIFF12.replace('source-language="zh-CN" target-language="en"', 'source-language="en-GB"')

XLIFF2 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="zh-Hans" trgLang="en">
  <file id="safety">
    <unit id="safety:z0:e0">
      <notes><note>not text</note></notes>
      <segment>
        <source>嘉兴召开<mrk id="m1" type="term">安全</mrk>会议。</source>
        <target>Jiaxing holds a <mrk id="m1" type="term">safety</mrk> meeting.</target>
      </segment>
    </unit>
    <unit id="safety:z1:e1-2">
      <segment><source>第一句。</source><target>First.</target></segment>
      <ignorable><source> </source><target> </target></ignorable>
      <segment><source>控制<cp hex="0004"/>符。</source><target>Second<cp hex="0004"/>.</target></segment>
    </unit>
  </file>
</xliff>
"""

PO = """# Translator comment
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: en\\n"

#: safety.txt:1
msgctxt "safety:z0:e0"
msgid "嘉兴召开安全会议。"
msgstr "Jiaxing holds a safety meeting."

#, fuzzy
msgid "没有上下文。"
msgstr "No context."

#~ msgctxt "safety:z9:e9"
#~ msgid "过时。"
#~ msgstr "Obsolete."
"""

T0 = ("安全会议", "嘉兴召开安全会议。", "Jiaxing holds a safety meeting.")

CASES = [
    (
        "tmx",
        ".tmx",
        TMX,
        [
            ("safety:z0:e0", "safety", *T0[1:]),
            ("safety:z1-2:e", "safety", "未译句子。", ""),
            ("3", "", "A&B𠀀", 'A&B "quoted"'),
        ],
    ),
    (
        "xliff12",
        ".xlf",
        XLIFF12,
        [("safety:z0:e0", "safety", *T0[1:]), ("u2", "safety", "只有原文。", "")],
    ),
    (
        "xliff12-en-source",
        ".xliff",
        XLIFF12_EN_ZH,
        [("safety:z0:e0", "safety", T0[2], T0[1]), ("u2", "safety", "", "只有原文。")],
    ),
    (
        "xliff2",
        ".xlf",
        XLIFF2,
        [
            ("safety:z0:e0", "safety", *T0[1:]),
            ("safety:z1:e1-2", "safety", "第一句。 控制\x04符。", "First. Second\x04."),
        ],
    ),
    (
        "po",
        ".po",
        PO,
        [("safety:z0:e0", "safety", *T0[1:]), ("2", "", "没有上下文。", "No context.")],
    ),
]


@pytest.mark.parametrize(("name", "suffix", "content", "expected"), CASES, ids=[c[0] for c in CASES])
def test_read_pairs(
    tmp_path: Path, name: str, suffix: str, content: str, expected: list[tuple[str, str, str, str]]
) -> None:
    path = tmp_path / f"{name}{suffix}"
    path.write_text(content, encoding="utf-8")
    pairs = read_pairs(path)
    assert [(p.id, p.doc_id, p.zh, p.en) for p in pairs] == expected
    # The placeholder bead records which sides are present, by running number.
    for number, pair in enumerate(pairs):
        assert pair.bead.zh == ((number,) if pair.zh else ())
        assert pair.bead.en == ((number,) if pair.en else ())


BAD = [
    ("malformed.tmx", "<tmx>\n<body>\n<tu></body></tmx>", 3, "not well-formed"),
    (
        "bomb.tmx",
        '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY a "aaaa">]>\n<tmx><body/></tmx>',
        1,
        "internal subset",
    ),
    ("nolang.tmx", '<tmx version="1.4"><body>\n<tu><tuv><seg>x</seg></tuv></tu></body></tmx>', 2, "xml:lang"),
    (
        "dup.tmx",
        '<tmx><body><tu tuid="a"><tuv xml:lang="en"><seg>x</seg></tuv></tu>\n'
        '<tu tuid="a"><tuv xml:lang="en"><seg>y</seg></tuv></tu></body></tmx>',
        2,
        "duplicate id 'a'",
    ),
    ("root.tmx", "<xliff/>", 1, "expected a <tmx> root"),
    ("root.xlf", "<tmx/>", 1, "expected an <xliff> root"),
    (
        "langs.xlf",
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file source-language="de" target-language="fr"/></xliff>',
        2,
        "cannot tell the zh and en sides",
    ),
    ("syntax.po", 'msgid "a"\nmsgstr "b"\nmsgxx "c"\n', 3, "Syntax error"),
    ("unknown.csv", "a,b\n", None, "unknown pair format"),
]


@pytest.mark.parametrize(("name", "content", "line", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_input(tmp_path: Path, name: str, content: str, line: int | None, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_pairs(path)
    assert info.value.line == line
    assert message in info.value.message
    assert str(info.value).startswith(f"{path}:")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_pairs(tmp_path / "absent.tmx")


@pytest.mark.parametrize(
    ("code", "side"),
    [
        ("zh-CN", "zh"),
        ("zh_Hans", "zh"),
        ("ZH", "zh"),
        ("en-US", "en"),
        ("EN", "en"),
        ("fr", None),
        ("", None),
    ],
)
def test_lang_side(code: str, side: str | None) -> None:
    assert lang_side(code) == side


def test_flatten_skips_native_code() -> None:
    from lxml import etree

    seg = etree.fromstring(
        "<seg>a<bpt i='1'>&lt;b&gt;</bpt>b<ept i='1'>&lt;/b&gt;</ept>c<g id='1'>d</g></seg>"
    )
    assert flatten(seg) == "abcd"


def test_registry_covers_formats() -> None:
    assert {".tmx", ".xlf", ".xliff", ".po"} <= set(READERS)
