"""The conformance suite every registered format must pass (parametrized over FORMATS).

For each tricky case (Extension-B characters, ``&<>"'``, a ``<script>`` tag,
control characters, 1-0 and 0-1 beads, a 100,000-character segment, term
markup), each output is parsed back with an independent reader (lxml for XML,
lxml.html for HTML, polib for PO, json / plain splitting for JSONL and TSV)
and its text compared with the model's. A character may differ only where the
exporter reported a CONTROL_CHAR finding at exactly that offset: nothing is
dropped or changed silently. XML outputs are validated against the schemas in
``shared/schemas`` (and the shipped RELAX NG for the bilingual XML).

Every format that holds both sides is also read back through its own reader
(:func:`bilingual.formats.read_pairs`): the pairs read (id, zh, en) equal the
pairs written, control characters aside (each reported where changed), and a
writer that reorders documents loses no finding.

A new format fails ``test_every_format_has_a_reader`` until an independent
reader (and, for XML, a schema) is added to the tables below.
"""

from __future__ import annotations

import functools
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import lxml.html
import polib
import pytest
from lxml import etree

from bilingual.formats import FORMATS as REGISTRY
from bilingual.formats import ExportContext, Format, read_pairs, register, writers
from bilingual.formats.bxml import schema as bxml_schema
from bilingual.formats.markup import UNSAFE
from bilingual.model import EN, ZH, Alignment, Bead, Checked, Finding, Verdict, bead_id
from tests.formats.conftest import write_outputs

PARSER = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False, huge_tree=True)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
Texts = dict[str, tuple[str, str]]  # bead id -> (zh, en) as read back

# ---------------------------------------------------------------- the cases

LONG_ZH = "长" * 100_000
LONG_EN = ("long " * 20_000).strip()
TERM_FINDINGS = {
    "terms:z0:e0": [
        Finding(
            "terms:z0:e0",
            "t-rbs",
            Verdict.OK,
            zh_span=(2, 6),
            en_span=(18, 33),
            expected=("Red Boat Spirit",),
        ),
        Finding(
            "terms:z0:e0", "t-cf", Verdict.MISSING, zh_span=(0, 2), expected=("carry forward",), message="m"
        ),
        Finding("terms:z0:e0", "t-x", Verdict.OK, zh_span=(3, 5)),  # overlaps: left unmarked
        Finding("terms:z0:e0", "t-y", Verdict.FORBIDDEN, en_span=(0, 5), found="Carry", message="<b>&</b>"),
    ]
}

# name -> (zh sentences, en sentences, beads or None for 1-1 by position)
CASE_DATA: dict[str, tuple[list[str], list[str], list[Bead] | None]] = {
    "ext-b": (["标题𠀀", "𠀀与𪜀字。"], ["Title 𠀀", "The characters 𠀀 and 𪜀."], None),
    "specials": (["符号&<>\"'与]]>。"], ["Signs &amp; &<>\"' and ]]> -->."], None),
    "script": (["<script>alert('x')</script>脚本。"], ['<script>alert("x")</script> is a script.'], None),
    "control": (["控制\x04字符\x0b。"], ["Control\x04 characters\x0b."], None),
    "whitespace": (["制表\t符。"], ["A\ttab."], None),
    "empty-side": (
        ["一。", "二。"],
        ["One.", "Added."],
        [Bead((0,), (0,), 0.9), Bead((1,), (), 0.2), Bead((), (1,), 0.3)],
    ),
    "long": ([LONG_ZH], [LONG_EN], None),
    "terms": (["弘扬红船精神。"], ["Carry forward the Red Boat Spirit."], None),
}
CASE_NAMES = sorted(CASE_DATA)
Factory = Callable[..., Alignment]


@pytest.fixture
def cases(alignment_factory: Factory) -> dict[str, Alignment]:
    return {name: alignment_factory(name, zh, en, beads) for name, (zh, en, beads) in CASE_DATA.items()}


def context() -> ExportContext:
    return ExportContext(signature="bilingual:test|glossary:none", date="2023-02-14")


def checked(alignment: Alignment) -> Checked:
    """``alignment`` with the findings of TERM_FINDINGS about its pairs."""
    return Checked(alignment, tuple(f for p in alignment.pairs() for f in TERM_FINDINGS.get(p.id, ())))


def export(name: str, alignments: Sequence[Alignment], ctx: ExportContext) -> list[bytes]:
    """The output(s) of format ``name``: one per alignment for per-document formats."""
    return write_outputs(name, [checked(a) for a in alignments], ctx)


# ------------------------------------------------- independent readers


def _flatten(element: Any) -> str:
    """Text of an element; ``<cp hex>`` gives back its character (XLIFF 2 and bilingual XML)."""
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        if etree.QName(child).localname == "cp":
            parts.append(chr(int(child.get("hex", ""), 16)))
        else:
            parts.append(_flatten(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _itertext(element: Any) -> str:
    return "" if element is None else "".join(element.itertext())


def _xml(data: bytes) -> Any:
    return etree.fromstring(data, PARSER)


def read_tmx(data: bytes) -> Texts:
    out: Texts = {}
    for tu in _xml(data).iter("tu"):
        texts = {tuv.get(XML_LANG): _itertext(tuv.find("seg")) for tuv in tu.iter("tuv")}
        out[tu.get("tuid", "")] = (texts.get("zh-CN", ""), texts.get("en", ""))
    return out


def read_xliff2(data: bytes) -> Texts:
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    return {
        unit.get("id", ""): (
            _flatten(unit.find("x:segment/x:source", ns)),
            _flatten(unit.find("x:segment/x:target", ns)),
        )
        for unit in _xml(data).iterfind(".//x:unit", ns)
    }


def read_xliff12(data: bytes) -> Texts:
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    return {
        unit.get("id", ""): (_itertext(unit.find("x:source", ns)), _itertext(unit.find("x:target", ns)))
        for unit in _xml(data).iterfind(".//x:trans-unit", ns)
    }


def read_bxml(data: bytes) -> Texts:
    ns = {"b": "urn:x-bilingual:export:1"}
    return {
        bead.get("id", ""): (_flatten(bead.find("b:zh", ns)), _flatten(bead.find("b:en", ns)))
        for bead in _xml(data).iterfind(".//b:bead", ns)
    }


def read_po(data: bytes) -> Texts:
    catalog = polib.pofile(data.decode("utf-8"))
    return {entry.msgctxt or "": (entry.msgid, entry.msgstr) for entry in catalog}


def read_html(data: bytes) -> Texts:
    root: Any = lxml.html.fromstring(data)
    out: Texts = {}
    for row in root.xpath("//tr[@id]"):
        zh = row.xpath("td[@lang='zh-Hans']")
        en = row.xpath("td[@lang='en']")
        out[row.get("id")] = (zh[0].text_content() if zh else "", en[0].text_content() if en else "")
    return out


def read_jsonl(data: bytes) -> Texts:
    records = [json.loads(line) for line in data.decode("utf-8").splitlines()]
    return {r["id"]: (r["zh"], r["en"]) for r in records}


def _tsv_field(field: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"t": "\t", "n": "\n", "r": "\r"}.get(m.group(1), m.group(1)), field)


def read_tsv(data: bytes) -> Texts:
    out: Texts = {}
    header, *rows = data.decode("utf-8").split("\n")[:-1]
    assert header.split("\t")[:3] == ["id", "zh", "en"]
    for line in rows:
        ident, zh, en, *_ = line.split("\t")
        out[_tsv_field(ident)] = (_tsv_field(zh), _tsv_field(en))
    return out


READERS: dict[str, Callable[[bytes], Texts]] = {
    "tmx": read_tmx,
    "xliff": read_xliff2,
    "xliff12": read_xliff12,
    "bxml": read_bxml,
    "po": read_po,
    "html": read_html,
    "jsonl": read_jsonl,
    "tsv": read_tsv,
}

# Format -> schema under shared/schemas ("" = the shipped RELAX NG). Formats not
# listed are not XML.
SCHEMAS = {
    "tmx": "tmx/tmx14.dtd",
    "xliff": "xliff21/LOCAL_core_plus_modules.xsd",
    "xliff12": "xliff12/xliff-core-1.2-strict.xsd",
    "bxml": "",
}
NOT_XML = {"po", "html", "jsonl", "tsv"}

# Documented substitutions that are not text problems (side "" -> stand-in).
ALLOWED_EMPTY = {("po", ZH)}  # a 0-1 bead's msgid is a placeholder (Weblate refuses empty msgids)


@functools.cache
def validator(shared: Path, relative: str) -> etree._Validator:
    if not relative:
        return bxml_schema()
    path = shared / "schemas" / relative
    if path.suffix == ".dtd":
        return etree.DTD(str(path))
    return etree.XMLSchema(etree.parse(str(path), PARSER))


# Formats that hold one side only (plain text: the English) or no text (beads).
ONE_SIDED = {"text", "beads"}
FORMATS = sorted(n for n in writers() if n not in ONE_SIDED)  # both sides: read back and compared


def test_every_format_has_a_reader() -> None:
    assert FORMATS, "no format registered"
    assert set(FORMATS) <= set(READERS), "add an independent reader for the new format"
    assert set(FORMATS) <= set(SCHEMAS) | NOT_XML, "add the schema the new XML format is validated against"
    for name in FORMATS:
        assert REGISTRY[name].read is not None, f"{name}: a format that holds both sides reads them back"


def expected_ids(alignment: Alignment) -> list[str]:
    return [bead_id(alignment.id, bead) for bead in alignment.beads]


def _assert_same_or_reported(
    name: str, pair_id: str, side: str, original: str, read: str, problems: list[Finding]
) -> None:
    if read == original:
        return
    if not original and (name, side) in ALLOWED_EMPTY:
        return
    assert len(read) == len(original), f"{name} {pair_id} {side}: text changed length"
    reported = {
        (f.zh_span if side == ZH else f.en_span)
        for f in problems
        if f.segment == pair_id and f.verdict is Verdict.CONTROL_CHAR
    }
    for offset, (a, b) in enumerate(zip(original, read, strict=True)):
        if a != b:
            assert (offset, offset + 1) in reported, (
                f"{name} {pair_id} {side}: {a!r} became {b!r} at offset {offset} without a finding"
            )
            assert b.isprintable(), f"{name}: the stand-in {b!r} is not visible"


@pytest.mark.parametrize("case", CASE_NAMES)
@pytest.mark.parametrize("name", FORMATS)
def test_text_round_trips(name: str, case: str, cases: dict[str, Alignment]) -> None:
    alignment = cases[case]
    ctx = context()
    outputs = export(name, [alignment], ctx)
    texts: Texts = {}
    for data in outputs:
        texts.update(READERS[name](data))
    assert list(texts) == expected_ids(alignment)
    problems = list(ctx.problems)
    for pair in alignment.pairs():
        zh, en = texts[pair.id]
        _assert_same_or_reported(name, pair.id, ZH, pair.zh, zh, problems)
        _assert_same_or_reported(name, pair.id, EN, pair.en, en, problems)


@pytest.mark.parametrize("case", CASE_NAMES)
@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_xml_output_is_schema_valid(name: str, case: str, shared: Path, cases: dict[str, Alignment]) -> None:
    if name not in REGISTRY:
        pytest.skip(f"{name} not registered")
    check = validator(shared, SCHEMAS[name])
    for data in export(name, [cases[case]], context()):
        tree = etree.fromstring(data, PARSER)
        assert check.validate(tree), f"{name}/{case}: {check.error_log}"


@pytest.mark.parametrize("name", FORMATS)
def test_control_characters_are_reported(name: str, cases: dict[str, Alignment]) -> None:
    ctx = context()
    export(name, [cases["control"]], ctx)
    found = {(f.zh_span, f.en_span, f.found) for f in ctx.problems if f.verdict is Verdict.CONTROL_CHAR}
    if name in NOT_XML and name != "html":
        # Text formats may keep controls exactly; the round-trip test proves any change was reported.
        return
    pair = next(cases["control"].pairs())
    Key = tuple[tuple[int, int] | None, tuple[int, int] | None, str | None]
    expected: set[Key] = {((m.start(), m.end()), None, m.group()) for m in UNSAFE.finditer(pair.zh)}
    expected |= {(None, (m.start(), m.end()), m.group()) for m in UNSAFE.finditer(pair.en)}
    assert expected <= found
    assert all(f.doc_id == "control" and f.message for f in ctx.problems)


@pytest.mark.parametrize("name", FORMATS)
def test_whole_corpus_ids_and_determinism(name: str, cases: dict[str, Alignment]) -> None:
    alignments = list(cases.values())
    first = export(name, alignments, context())
    second = export(name, alignments, context())
    assert first == second, "two runs must give byte-identical output"
    texts: Texts = {}
    for data in first:
        texts.update(READERS[name](data))
    assert list(texts) == [i for a in alignments for i in expected_ids(a)]


@pytest.mark.parametrize("name", FORMATS)
def test_signature_is_stamped(name: str, cases: dict[str, Alignment]) -> None:
    if name in {"jsonl", "tsv"}:
        pytest.skip("line formats are check input: no room for a signature")
    for data in export(name, [cases["terms"]], context()):
        assert b"bilingual:test|glossary:none" in data


@pytest.mark.parametrize("name", sorted(n for n in FORMATS if n not in NOT_XML))
def test_term_markup_is_in_the_xml(name: str, cases: dict[str, Alignment]) -> None:
    # marks="all": TMX marks nothing by default (leverage), see test_tmx_marks_nothing_by_default.
    data = export(name, [cases["terms"]], replace(context(), marks="all"))[0]
    root = _xml(data)
    marks = [
        _itertext(e)
        for e in root.iter()
        if etree.QName(e).localname in {"hi", "mrk", "term"}
        and not (etree.QName(e).namespace or "").endswith("glossary:2.0")
    ]
    # The OK term on both sides, the missing term on zh, the forbidden rendering on en; the
    # overlapping OK finding (3, 5) is not marked.
    assert sorted(marks) == sorted(["红船精神", "Red Boat Spirit", "弘扬", "Carry"])


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        (None, []),
        ("none", []),
        ("terms", ["红船精神", "Red Boat Spirit"]),
        ("findings", ["弘扬", "Carry"]),
        ("all", ["红船精神", "Red Boat Spirit", "弘扬", "Carry"]),
    ],
)
def test_tmx_marks_nothing_by_default(
    marks: str | None, expected: list[str], cases: dict[str, Alignment]
) -> None:
    data = export("tmx", [cases["terms"]], replace(context(), marks=marks))[0]
    root = _xml(data)
    assert sorted(_itertext(e) for e in root.iter("hi")) == sorted(expected)
    # Findings travel as notes whatever the marks.
    assert [n.text for n in root.iter("note")]


# ------------------------------------------------- our own readers


def _write_files(name: str, alignments: Sequence[Alignment], ctx: ExportContext, folder: Path) -> list[Path]:
    fmt = REGISTRY[name]
    paths = []
    for number, data in enumerate(export(name, alignments, ctx)):
        path = folder / f"out{number}{fmt.suffix}"
        path.write_bytes(data)
        paths.append(path)
    return paths


@pytest.mark.parametrize("case", CASE_NAMES)
@pytest.mark.parametrize("name", FORMATS)
def test_own_reader_round_trips(name: str, case: str, cases: dict[str, Alignment], tmp_path: Path) -> None:
    alignment = cases[case]
    ctx = context()
    pairs = [p for path in _write_files(name, [alignment], ctx, tmp_path) for p in read_pairs(path)]
    written = list(alignment.pairs())
    assert [p.id for p in pairs] == [p.id for p in written]
    problems = list(ctx.problems)
    for read, original in zip(pairs, written, strict=True):
        assert read.doc_id == alignment.id
        _assert_same_or_reported(name, original.id, ZH, original.zh, read.zh, problems)
        _assert_same_or_reported(name, original.id, EN, original.en, read.en, problems)


@pytest.mark.parametrize("name", FORMATS)
def test_own_reader_gives_back_the_beads(name: str, cases: dict[str, Alignment], tmp_path: Path) -> None:
    alignment = cases["empty-side"]
    pairs = [p for path in _write_files(name, [alignment], context(), tmp_path) for p in read_pairs(path)]
    expected = [(b.zh, b.en, round(b.score, 3), b.pinned) for b in alignment.beads]
    assert [(p.bead.zh, p.bead.en, round(p.bead.score, 3), p.bead.pinned) for p in pairs] == expected


@pytest.mark.parametrize("name", sorted(ONE_SIDED))
def test_one_sided_formats_write_each_document(name: str, cases: dict[str, Alignment]) -> None:
    alignment = cases["empty-side"]
    (data,) = export(name, [alignment], context())
    lines = data.decode("utf-8").splitlines()
    if name == "beads":
        assert lines == [str(b) for b in alignment.beads]
    else:
        assert lines == alignment.en.sentences()


def test_text_reader_is_sacrebleu_lines(tmp_path: Path) -> None:
    path = tmp_path / "hyp.txt"
    path.write_bytes(b"One.  \nTwo\r\n\nThree")
    pairs = read_pairs(path)
    assert [(p.id, p.zh, p.en, p.doc_id) for p in pairs] == [
        ("1", "", "One.", ""),
        ("2", "", "Two", ""),
        ("3", "", "", ""),
        ("4", "", "Three", ""),
    ]


def test_a_writer_that_reorders_documents_loses_no_finding(cases: dict[str, Alignment]) -> None:
    seen: list[Finding] = []

    def write_reversed(items: Any, ctx: ExportContext, out: Any) -> None:
        for item in list(items)[::-1]:
            by_pair = item.by_pair()
            for pair in item.alignment.pairs():
                seen.extend(by_pair.get(pair.id, ()))

    register(Format("toy-reversed", (".toy",), False, "test only", write_reversed, None))
    try:
        items = [checked(a) for a in cases.values()]
        given = [f for item in items for f in item.findings]
        assert given, "the cases carry findings"
        toy = REGISTRY["toy-reversed"].write
        assert toy is not None
        toy(iter(items), context(), io.BytesIO())
    finally:
        del REGISTRY["toy-reversed"]
    assert sorted(seen, key=repr) == sorted(given, key=repr)
