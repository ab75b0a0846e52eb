"""Format-specific checks of the XML exports: TMX 1.4b, XLIFF 2.1, XLIFF 1.2, bilingual XML."""

from __future__ import annotations

import copy
import io
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from bilingual import __version__
from bilingual.errors import ExportError
from bilingual.formats import FORMATS, ExportContext
from bilingual.formats.bxml import schema
from bilingual.formats.xmlstream import compact_datetime, iso_datetime
from bilingual.model import Alignment, Bead, Checked, Finding, Verdict

Factory = Callable[..., Alignment]
PARSER = etree.XMLParser(no_network=True, resolve_entities=False)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
X2 = {"x": "urn:oasis:names:tc:xliff:document:2.0", "gls": "urn:oasis:names:tc:xliff:glossary:2.0"}
X2["mda"] = "urn:oasis:names:tc:xliff:metadata:2.0"
X12 = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
B = {"b": "urn:x-bilingual:export:1"}

ZH = ["嘉兴标题", "弘扬红船精神。", "没有译文。", "钉住的句子。"]
EN = ["Jiaxing title", "Carry forward the Red Boat Spirit.", "A pinned sentence."]
BEADS = [
    Bead((0,), (0,), 0.95),
    Bead((1,), (1,), 0.3),  # low confidence
    Bead((2,), (), 0.2),  # 1-0: untranslated
    Bead((3,), (2,), 1.0, pinned=True),
]
OK = Finding("d1:z1:e1", "rbs", Verdict.OK, zh_span=(2, 6), en_span=(18, 33), expected=("Red Boat Spirit",))
FORBIDDEN = Finding(
    "d1:z1:e1", "cf", Verdict.FORBIDDEN, zh_span=(0, 2), en_span=(0, 5), found="Carry", message="use X"
)
FINDINGS = {"d1:z1:e1": [OK, FORBIDDEN]}


@pytest.fixture
def alignment(alignment_factory: Factory) -> Alignment:
    return alignment_factory("d1", ZH, EN, BEADS)


def render(
    name: str, alignments: list[Alignment], date: str = "2023-02-14T16:18:00Z", marks: str | None = None
) -> Any:
    buffer = io.BytesIO()
    context = ExportContext("bilingual:test", date=date, low_confidence=0.5, marks=marks)
    items = [Checked(a, tuple(f for p in a.pairs() for f in FINDINGS.get(p.id, ()))) for a in alignments]
    FORMATS[name].write(items, context, buffer)
    return etree.fromstring(buffer.getvalue(), PARSER)


@pytest.mark.parametrize(
    ("date", "iso", "compact"),
    [
        ("2023-02-14T16:18:00Z", "2023-02-14T16:18:00Z", "20230214T161800Z"),
        ("2023-02-14", "2023-02-14T00:00:00Z", "20230214T000000Z"),
        ("garbage", "1970-01-01T00:00:00Z", "19700101T000000Z"),
    ],
)
def test_dates(date: str, iso: str, compact: str) -> None:
    assert iso_datetime(date) == iso
    assert compact_datetime(date) == compact


# ------------------------------------------------------------------ TMX


def test_tmx_header_and_units(alignment: Alignment) -> None:
    root = render("tmx", [alignment])
    header = root.find("header")
    assert root.get("version") == "1.4"
    assert {k: header.get(k) for k in ("srclang", "creationtool", "creationtoolversion", "datatype")} == {
        "srclang": "zh-CN",
        "creationtool": "bilingual",
        "creationtoolversion": __version__,
        "datatype": "plaintext",
    }
    assert header.get("segtype") == "sentence" and header.get("creationdate") == "20230214T161800Z"
    assert header.findtext("prop[@type='x-signature']") == "bilingual:test"
    units = root.findall("body/tu")
    assert [tu.get("tuid") for tu in units] == ["d1:z0:e0", "d1:z1:e1", "d1:z2:e", "d1:z3:e2"]
    first = units[0]
    assert first.findtext("prop[@type='x-document']") == "d1"
    titles = {p.get(XML_LANG): p.text for p in first.findall("prop[@type='x-doc-title']")}
    assert titles == {"zh-CN": "嘉兴标题", "en": "Jiaxing title"}
    assert first.findtext("prop[@type='x-doc-date']") == "2023-02-14"
    assert [tuv.get(XML_LANG) for tuv in first.findall("tuv")] == ["zh-CN", "en"]


def test_tmx_term_markup_and_notes(alignment: Alignment) -> None:
    tu = render("tmx", [alignment], marks="all").find("body/tu[@tuid='d1:z1:e1']")
    zh_marks = [(h.get("type"), h.text) for h in tu.findall("tuv[1]/seg/hi")]
    en_marks = [(h.get("type"), h.text) for h in tu.findall("tuv[2]/seg/hi")]
    assert zh_marks == [("x-forbidden", "弘扬"), ("term", "红船精神")]
    assert en_marks == [("x-forbidden", "Carry"), ("term", "Red Boat Spirit")]
    assert [n.text for n in tu.findall("note")] == ["forbidden cf: use X [status: open]"]
    plain = render("tmx", [alignment]).find("body/tu[@tuid='d1:z1:e1']")
    assert plain.findall("tuv/seg/hi") == []  # default: no inline marks (leverage)
    assert [n.text for n in plain.findall("note")] == ["forbidden cf: use X [status: open]"]
    assert plain.find("prop[@type='x-bead-id']").text == "d1:z1:e1"


# ------------------------------------------------------------ XLIFF 2.1


def test_xliff2_files_units_and_states(alignment_factory: Factory, alignment: Alignment) -> None:
    other = alignment_factory("d2", ["二。"], ["Two."])
    root = render("xliff", [alignment, other])
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.1", "zh-CN", "en")
    files = root.findall("x:file", X2)
    assert [f.get("id") for f in files] == ["d1", "d2"]
    meta = {m.get("type"): m.text for m in files[0].iterfind("mda:metadata//mda:meta", X2)}
    assert meta["title-zh"] == "嘉兴标题" and meta["signature"] == "bilingual:test"
    segments = {u.get("id"): u.find("x:segment", X2) for u in files[0].iterfind("x:unit", X2)}
    states = {i: (s.get("state"), s.get("subState")) for i, s in segments.items()}
    assert states == {
        "d1:z0:e0": ("translated", None),
        "d1:z1:e1": ("translated", "bilingual:needs-review"),
        "d1:z2:e": ("initial", None),
        "d1:z3:e2": ("reviewed", None),
    }


def test_xliff2_marks_terms_by_default(alignment: Alignment) -> None:
    unit = render("xliff", [alignment]).find(".//x:unit[@id='d1:z1:e1']", X2)
    assert [m.text for m in unit.iterfind("x:segment/*/x:mrk", X2)] == ["红船精神", "Red Boat Spirit"]
    entries = unit.findall("gls:glossary/gls:glossEntry", X2)
    assert [(e.get("id"), e.get("ref")) for e in entries] == [("g1", "#m1"), ("g2", None)]  # kept, unmarked


def test_xliff2_terms_link_source_target_and_glossary(alignment: Alignment) -> None:
    unit = render("xliff", [alignment], marks="all").find(".//x:unit[@id='d1:z1:e1']", X2)
    source = {m.get("id"): (m.text, m.get("ref")) for m in unit.iterfind("x:segment/x:source/x:mrk", X2)}
    target = {m.get("id"): (m.text, m.get("ref")) for m in unit.iterfind("x:segment/x:target/x:mrk", X2)}
    assert source == {"m1": ("红船精神", "#gls=g1"), "m2": ("弘扬", "#gls=g2")}
    assert target == {"m1": ("Red Boat Spirit", "#gls=g1"), "m2": ("Carry", "#gls=g2")}
    entries = unit.findall("gls:glossary/gls:glossEntry", X2)
    assert [(e.get("id"), e.get("ref"), e.findtext("gls:term", namespaces=X2)) for e in entries] == [
        ("g1", "#m1", "红船精神"),
        ("g2", "#m2", "弘扬"),
    ]
    assert [t.text for t in entries[0].iterfind("gls:translation", X2)] == ["Red Boat Spirit"]
    assert entries[1].findtext("gls:definition", namespaces=X2) == "forbidden: use X"
    notes = [(n.get("category"), n.text) for n in unit.iterfind("x:notes/x:note", X2)]
    assert notes == [("glossary", "forbidden cf: use X [status: open]")]


def test_xliff_without_bulletins_is_an_error() -> None:
    for name in ("xliff", "xliff12"):
        with pytest.raises(ExportError, match="nothing to export"):
            FORMATS[name].write([], ExportContext("sig"), io.BytesIO())


# ------------------------------------------------------------ XLIFF 1.2


def test_xliff12_states_and_markup(alignment: Alignment) -> None:
    root = render("xliff12", [alignment])
    file = root.find("x:file", X12)
    assert (file.get("original"), file.get("source-language"), file.get("target-language")) == (
        "d1",
        "zh-CN",
        "en",
    )
    assert file.get("date") == "2023-02-14T16:18:00Z"
    assert file.find("x:header/x:tool", X12).get("tool-version") == __version__
    units = {u.get("id"): u for u in file.iterfind("x:body/x:trans-unit", X12)}
    states = {i: (u.find("x:target", X12).get("state"), u.get("approved")) for i, u in units.items()}
    assert states == {
        "d1:z0:e0": ("translated", "yes"),
        "d1:z1:e1": ("needs-review-translation", None),
        "d1:z2:e": ("needs-translation", None),
        "d1:z3:e2": ("signed-off", "yes"),
    }
    marks = [(m.text, m.get("mtype"), m.get("comment")) for m in units["d1:z1:e1"].iterfind(".//x:mrk", X12)]
    assert marks == [
        ("弘扬", "term", "forbidden cf: use X [status: open]"),
        ("红船精神", "term", None),
        ("Carry", "term", "forbidden cf: use X [status: open]"),
        ("Red Boat Spirit", "term", None),
    ]


# ---------------------------------------------------------- bilingual XML


def test_bxml_schema_is_shipped_and_bites(alignment: Alignment) -> None:
    assert resources.files("bilingual.formats").joinpath("bilingual.rng").is_file()
    root = render("bxml", [alignment])
    rng = schema()
    assert rng.validate(root), rng.error_log
    for mutate in (
        lambda r: r.find(".//b:bead", B).set("score", "1.5"),
        lambda r: r.find(".//b:bead", B).set("id", "not an nmtoken"),
        lambda r: r.find(".//b:term", B).set("verdict", "fine"),
        lambda r: r.find(".//b:document", B).remove(r.find(".//b:side", B)),
    ):
        broken = copy.deepcopy(root)
        mutate(broken)
        assert not rng.validate(broken)


def test_bxml_structure(alignment: Alignment) -> None:
    root = render("bxml", [alignment])
    assert root.get("signature") == "bilingual:test" and root.get("date") == "2023-02-14T16:18:00Z"
    sides = root.findall("b:document/b:side", B)
    assert [(s.get("lang"), s.get("title"), s.get("segments")) for s in sides] == [
        ("zh", "嘉兴标题", "4"),
        ("en", "Jiaxing title", "3"),
    ]
    assert [(p.get("kind"), p.get("segments")) for p in sides[0].iterfind("b:paragraph", B)][:2] == [
        ("title", "0"),
        ("body", "1"),
    ]
    beads = root.findall("b:document/b:bead", B)
    assert [(b.get("zh"), b.get("en"), b.get("type"), b.get("pinned")) for b in beads] == [
        ("0", "0", "1-1", "false"),
        ("1", "1", "1-1", "false"),
        ("2", "", "1-0", "false"),
        ("3", "2", "1-1", "true"),
    ]
    findings = beads[1].findall("b:finding", B)
    assert [(f.get("id"), f.get("verdict"), f.get("en-start"), f.get("en-end")) for f in findings] == [
        ("f1", "ok", "18", "33"),
        ("f2", "forbidden", "0", "5"),
    ]
    assert [t.get("ref") for t in beads[1].iterfind("b:en/b:term", B)] == ["f2", "f1"]


# ------------------------------------------------------------ streaming


class Recorder(io.BytesIO):
    """A stream that remembers how much had been written when each bulletin was requested."""

    def __init__(self) -> None:
        super().__init__()
        self.sizes: list[int] = []


@pytest.mark.parametrize("name", sorted(n for n, e in FORMATS.items() if not e.per_document))
def test_corpus_formats_stream(name: str, alignment_factory: Factory) -> None:
    out = Recorder()
    # ~100 kB per bulletin, well past lxml's output buffer, so what is written is visible.
    documents = [alignment_factory(f"d{i}", ["长" * 10_000] * 3, ["long " * 4_000] * 3) for i in range(4)]

    def lazily() -> Iterator[Checked]:
        for document in documents:
            out.flush()
            out.sizes.append(len(out.getvalue()))
            yield Checked(document)

    FORMATS[name].write(lazily(), ExportContext("sig"), out)
    # Output grows while bulletins are still being read: written one by one, not at the end.
    assert out.sizes == sorted(out.sizes) and out.sizes[-1] > out.sizes[1] > 0
    assert f"d{len(documents) - 2}:z2:e2".encode() in out.getvalue()[: out.sizes[-1]]


def test_schemas_dir_is_offline(shared: Path) -> None:
    """Loading the XSDs must not need the network (xml.xsd is local)."""
    for relative in ("xliff21/LOCAL_core_plus_modules.xsd", "xliff12/xliff-core-1.2-strict.xsd"):
        etree.XMLSchema(etree.parse(str(shared / "schemas" / relative), PARSER))


@pytest.mark.parametrize("name", ["xliff", "bxml"])
def test_document_id_that_is_not_an_xml_id_is_escaped_reversibly(
    name: str, alignment_factory: Factory, tmp_path: Path
) -> None:
    spaced = alignment_factory("公告 通知 & x", ["一。"], ["One."])
    buffer = io.BytesIO()
    FORMATS[name].write([Checked(spaced)], ExportContext("sig"), buffer)
    assert b'id="\xe5\x85\xac\xe5\x91\x8a_x0020_' in buffer.getvalue()
    path = tmp_path / f"out{FORMATS[name].suffix}"
    path.write_bytes(buffer.getvalue())
    pairs = FORMATS[name].read(path)  # type: ignore[misc]
    assert {p.doc_id for p in pairs} == {"公告 通知 & x"}
    assert pairs[0].id.startswith("公告 通知 & x:")


def test_ids_survive_tools_that_renumber(alignment: Alignment) -> None:
    """XLIFF 1.2 resname, XLIFF 2 unit name, TMX x-bead-id: the bead id beside the id attribute."""
    x12 = render("xliff12", [alignment])
    assert [u.get("resname") for u in x12.iter("{*}trans-unit")] == [p.id for p in alignment.pairs()]
    x2 = render("xliff", [alignment])
    assert [u.get("name") for u in x2.iter("{*}unit")] == [p.id for p in alignment.pairs()]
    tmx = render("tmx", [alignment])
    assert [p.text for p in tmx.iter("prop") if p.get("type") == "x-bead-id"] == [
        p.id for p in alignment.pairs()
    ]
