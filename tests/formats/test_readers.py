"""The readers of bilingual.formats: TMX, XLIFF 1.2/2.x and PO back into AlignedPairs, chosen by suffix."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest

from bilingual.errors import InputError
from bilingual.formats import format_for, read_pairs
from bilingual.formats.reading import bead_from_id, flatten, lang_side
from bilingual.model import Alignment, Bead, Checked, Document, Paragraph, Segment, bead_id, parse_bead

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="bilingual" creationtoolversion="0.1.0" segtype="sentence"
          o-tmf="bilingual" adminlang="en" srclang="zh-CN" datatype="plaintext"/>
  <body>
    <tu tuid="safety:z0:e0">
      <prop type="x-doc-id">safety</prop>
      <prop type="x-bead">[0]:[0]:0.930</prop>
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
        <note from="bilingual">bead [0]:[0]:0.800 score 0.800</note>
      </trans-unit>
      <trans-unit id="u2">
        <source>只有原文。</source>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

# English source, Chinese target: sides come from the attributes, not position.
XLIFF12_EN_ZH = XLIFF12.replace(
    'source-language="zh-CN" target-language="en"', 'source-language="en-GB" target-language="zh-CN"'
)

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
      <mda:metadata xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0">
        <mda:metaGroup category="alignment"><mda:meta type="bead">[1]:[1,2]:0.610</mda:meta></mda:metaGroup>
      </mda:metadata>
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

#. bead 1-1 [0]:[0]:0.750 pinned
#: safety.txt:1
msgctxt "safety:z0:e0"
msgid "嘉兴召开安全会议。"
msgstr "Jiaxing holds a safety meeting."

#, fuzzy
msgid "没有上下文。"
msgstr "No context."

#. bead 0-1 []:[3]
msgctxt "safety:z:e3"
msgid "〔译文增补〕"
msgstr "Added in translation."

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
            ("safety:z0:e0", "safety", *T0[1:], "[0]:[0]:0.930"),  # bead from <prop type="x-bead">
            ("safety:z1-2:e", "safety", "未译句子。", "", "[1,2]:[]:1.000"),  # bead from the id
            ("3", "", "A&B𠀀", 'A&B "quoted"', "[2]:[2]:1.000"),  # placeholder: running number
        ],
    ),
    (
        "xliff12",
        ".xlf",
        XLIFF12,
        [
            ("safety:z0:e0", "safety", *T0[1:], "[0]:[0]:0.800"),
            ("u2", "safety", "只有原文。", "", "[1]:[]:1.000"),
        ],
    ),
    (
        "xliff12-en-source",
        ".xliff",
        XLIFF12_EN_ZH,
        [
            ("safety:z0:e0", "safety", T0[2], T0[1], "[0]:[0]:0.800"),
            ("u2", "safety", "", "只有原文。", "[]:[1]:1.000"),
        ],
    ),
    (
        "xliff2",
        ".xlf",
        XLIFF2,
        [
            ("safety:z0:e0", "safety", *T0[1:], "[0]:[0]:1.000"),
            ("safety:z1:e1-2", "safety", "第一句。 控制\x04符。", "First. Second\x04.", "[1]:[1,2]:0.610"),
        ],
    ),
    (  # an ignorable's target is optional: its source stands for it (Okapi writes spaces so)
        "xliff2-ignorable-without-target",
        ".xlf",
        XLIFF2.replace("<target> </target>", ""),
        [
            ("safety:z0:e0", "safety", *T0[1:], "[0]:[0]:1.000"),
            ("safety:z1:e1-2", "safety", "第一句。 控制\x04符。", "First. Second\x04.", "[1]:[1,2]:0.610"),
        ],
    ),
    (  # ... but not in a unit with nothing translated: that is no pair
        "xliff2-untranslated-with-ignorable",
        ".xlf",
        XLIFF2.replace("<target> </target>", "")
        .replace("<target>First.</target>", "")
        .replace('<target>Second<cp hex="0004"/>.</target>', ""),
        [
            ("safety:z0:e0", "safety", *T0[1:], "[0]:[0]:1.000"),
            ("safety:z1:e1-2", "safety", "第一句。 控制\x04符。", "", "[1]:[1,2]:0.610"),
        ],
    ),
    (
        "po",
        ".po",
        PO,
        [
            ("safety:z0:e0", "safety", *T0[1:], "[0]:[0]:0.750"),
            ("2", "", "没有上下文。", "", "[1]:[]:1.000"),  # fuzzy: read as untranslated (as msgfmt)
            ("safety:z:e3", "safety", "", "Added in translation.", "[]:[3]:1.000"),
        ],
    ),
]


@pytest.mark.parametrize(("name", "suffix", "content", "expected"), CASES, ids=[c[0] for c in CASES])
def test_read_pairs(
    tmp_path: Path, name: str, suffix: str, content: str, expected: list[tuple[str, str, str, str, str]]
) -> None:
    path = tmp_path / f"{name}{suffix}"
    path.write_text(content, encoding="utf-8")
    pairs = read_pairs(path)
    assert [(p.id, p.doc_id, p.zh, p.en, str(p.bead)) for p in pairs] == expected


def test_po_pinned_bead(tmp_path: Path) -> None:
    path = tmp_path / "pinned.po"
    path.write_text(PO, encoding="utf-8")
    assert [p.bead.pinned for p in read_pairs(path)] == [True, False, False]


@pytest.mark.parametrize(
    ("text", "bead"),
    [
        ("[0,1]:[2]:0.930", "[0,1]:[2]:0.930"),
        ("bead 1-0 [7]:[]:0.500", "[7]:[]:0.500"),
        ("[3]:[4]", "[3]:[4]:1.000"),
        ("no bead here", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_bead(text: str | None, bead: str | None) -> None:
    found = parse_bead(text)
    assert (str(found) if found else None) == bead


@pytest.mark.parametrize(
    ("unit_id", "bead"),
    [
        ("doc:z3-4:e5", "[3,4]:[5]:1.000"),
        ("doc:z7:e", "[7]:[]:1.000"),
        ("doc:z:e0-2", "[]:[0,1,2]:1.000"),
        ("a:b:z1:e1", "[1]:[1]:1.000"),  # document ids may hold colons
        ("doc:z4-3:e1", None),  # a backwards range is not a bead id
        ("u2", None),
        ("doc:z1:e1:extra", None),
    ],
)
def test_bead_from_id(unit_id: str, bead: str | None) -> None:
    found = bead_from_id(unit_id)
    assert (str(found) if found else None) == bead
    if found is not None:
        assert bead_id(unit_id.rsplit(":", 2)[0], found) == unit_id


def test_same_unit_id_in_two_xliff_files(tmp_path: Path) -> None:
    path = tmp_path / "two.xlf"
    path.write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" trgLang="en">'
        '<file id="a"><unit id="u1"><segment><source>甲</source><target>A</target></segment></unit></file>'
        '<file id="b"><unit id="u1"><segment><source>乙</source><target>B</target></segment></unit></file>'
        "</xliff>",
        encoding="utf-8",
    )
    assert [(p.doc_id, p.id, p.en) for p in read_pairs(path)] == [("a", "u1", "A"), ("b", "u1", "B")]


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
        '<file original="a" datatype="plaintext" source-language="de" target-language="fr">'
        "<body/></file></xliff>",
        2,
        "languages de, fr: not Chinese (zh) and English (en)",
    ),
    ("syntax.po", 'msgid "a"\nmsgstr "b"\nmsgxx "c"\n', 3, "broken PO syntax"),
    # polib read this as "He": an unterminated string to the end of the file, less a character
    ("truncated.po", 'msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "你好。"\nmsgstr "Hel', 6, "PO syntax"),
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


@pytest.mark.parametrize(
    ("state", "en"),
    [
        ("new", ""),
        ("needs-translation", ""),  # a copy of the source, say: no translation yet
        ("needs-review-translation", "Jiaxing holds a safety meeting."),
        ("translated", "Jiaxing holds a safety meeting."),
    ],
)
def test_xliff12_target_states(tmp_path: Path, state: str, en: str, caplog: pytest.LogCaptureFixture) -> None:
    """As a fuzzy PO entry: a target that its state says is no translation yet is read as none."""
    path = tmp_path / "states.xlf"
    path.write_text(XLIFF12.replace("<target>", f'<target state="{state}">'), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        first = read_pairs(path)[0]
    assert (first.zh, first.en) == ("嘉兴召开安全会议。", en)
    assert ("needs-translation: untranslated" in caplog.text) == (en == "")  # said, as PO's fuzzy is


def test_a_po_not_in_its_charset_names_the_line(tmp_path: Path) -> None:
    """polib's own message named a byte offset (position 136), not the line."""
    path = tmp_path / "bad.po"
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    path.write_bytes(header.encode() + 'msgid "你好。"\nmsgstr "Hel'.encode() + b'\xfflo."\n')
    with pytest.raises(InputError) as info:
        read_pairs(path)
    assert (info.value.line, info.value.message) == (6, "not valid utf-8: byte 0xff")


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


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.tmx", "tmx"), ("a.xlf", "xliff"), ("a.XLIFF", "xliff"), ("a.xlf2", "xliff"),
     ("a.xliff12.xlf", "xliff12"), ("a.po", "po"), ("a.pot", "po"), ("a.jsonl", "jsonl"), ("a.tsv", "tsv"),
     ("a.bilingual.xml", "bxml"), ("a.bxml", "bxml"), ("a.html", "html"), ("a.txt", "text"),
     ("a.align", None), ("a.docx", None)],
)  # fmt: skip
def test_format_for_chooses_by_suffix(name: str, fmt: str | None) -> None:
    found = format_for(Path(name))
    assert (found.name if found else None) == fmt


def _document(lang: str, sentences: list[str]) -> Document:
    text = "\n".join(sentences)
    segments, start = [], 0
    for i, sentence in enumerate(sentences):
        segments.append(Segment(i, 0, start, start + len(sentence), sentence))
        start += len(sentence) + 1
    return Document("jx-meeting", lang, text, (Paragraph(0, 0, len(text), text),), segments=tuple(segments))


@pytest.mark.parametrize("name", ["tmx", "xliff", "xliff12", "po"])
def test_round_trip_through_exporters(tmp_path: Path, name: str) -> None:
    from bilingual.formats import FORMATS, ExportContext

    if name not in FORMATS:
        pytest.skip(f"exporter {name!r} not registered yet")
    zh = _document("zh", ["嘉兴召开会议。", "陈伟主持。", "会议强调&<>。", "未译句子。"])
    en = _document("en", ["Jiaxing held a meeting, chaired by Chen Wei.", "It stressed &<>\"'.", "Added."])
    beads = (Bead((0, 1), (0,), 0.9), Bead((2,), (1,), 0.4), Bead((3,), (), 0.7), Bead((), (2,), 0.2))
    alignment = Alignment(zh, en, beads)
    exporter = FORMATS[name]
    buffer = io.BytesIO()
    exporter.write([Checked(alignment)], ExportContext(signature="test"), buffer)
    path = tmp_path / f"out{exporter.suffix}"
    path.write_bytes(buffer.getvalue())
    expected = [(p.id, p.doc_id, p.zh, p.en, p.bead.zh, p.bead.en) for p in alignment.pairs()]
    got = [(p.id, p.doc_id, p.zh, p.en, p.bead.zh, p.bead.en) for p in read_pairs(path)]
    assert got == expected


def test_utf16_with_internal_subset_refused(tmp_path: Path) -> None:
    # The byte-level check cannot see a UTF-16 DOCTYPE; the parsed DTD check must.
    path = tmp_path / "bomb16.tmx"
    xml = (
        '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE tmx [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>\n'
        '<tmx><body><tu><tuv xml:lang="en"><seg>&b;</seg></tuv></tu></body></tmx>'
    )
    path.write_bytes(xml.encode("utf-16"))
    with pytest.raises(InputError, match="internal subset"):
        read_pairs(path)
    path.write_bytes(xml.replace(xml.splitlines()[1] + "\n", "").replace("&b;", "嘉兴").encode("utf-16"))
    assert [(p.en, p.zh) for p in read_pairs(path)] == [("嘉兴", "")]
