"""Loaders (TBX v3, TBX 2008, CSV, TSV), validation with file:line, XML safety,
round trips and schema validity of the project glossary."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from lxml import etree

from bilingual.errors import GlossaryError
from bilingual.glossary import Glossary, default_paths, load, load_many
from bilingual.glossary.load_csv import write_csv
from bilingual.glossary.load_tbx import read_tbx, write_tbx
from bilingual.model import Term

ROOT = Path(__file__).resolve().parents[2]
PROJECT_TBX = ROOT / "glossaries" / "zhejiang.tbx"
PROJECT_CSV = ROOT / "glossaries" / "zhejiang.csv"
HEADER = "id,zh,en,en_variants_ok,forbidden,case_sensitive,note\n"

REQUIRED_RENDERINGS = [
    ("红船精神", "Red Boat Spirit"),
    ("共同富裕", "common prosperity"),
    ("共富", "common prosperity"),
    ("枫桥经验", "Fengqiao Experience"),
    ("基层治理", "grassroots governance"),
    ("高质量发展", "high-quality development"),
    ("全过程人民民主", "whole-process people's democracy"),
    ("中国式现代化", "Chinese modernization"),
    ("乡村振兴", "rural revitalization"),
    ("数字化改革", "digital reform"),
    ("党的二十大", "20th CPC National Congress"),
    ("示范区", "demonstration zone"),
    ("未来社区", "future community"),
    ("共建共治共享", "joint contribution, shared governance and shared benefits"),
    ("八八战略", "Double Eight Strategy"),
    ("最多跑一次", "Run at Most Once"),
    ("城乡融合", "urban-rural integration"),
    ("数字经济", "digital economy"),
    ("平安嘉兴", "Safe Jiaxing"),
    ("长三角一体化", "Yangtze River Delta integration"),
    ("新时代", "new era"),
]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def strip_source(terms: tuple[Term, ...]) -> list[Term]:
    return [dataclasses.replace(t, source="") for t in terms]


# --- the project glossary ---------------------------------------------------


def test_project_glossary_has_the_required_renderings() -> None:
    glossary = load(PROJECT_TBX)
    assert len(glossary.terms) >= 40
    by_zh = {z: t for t in glossary.terms for z in t.zh}
    for zh, en in REQUIRED_RENDERINGS:
        assert en in by_zh[zh].en, zh
    assert "Red Ship Spirit" in by_zh["红船精神"].forbidden
    assert "common wealth" in by_zh["共同富裕"].forbidden
    assert "Chinese-style modernization" in by_zh["中国式现代化"].forbidden
    assert "community-level governance" in by_zh["基层治理"].en_ok
    assert "20th National Congress of the CPC" in by_zh["党的二十大"].en_ok
    assert by_zh["红船精神"].case_sensitive
    assert all(t.note for t in glossary.terms)


def test_project_csv_is_generated_from_the_tbx() -> None:
    assert write_csv(load(PROJECT_TBX).terms) == PROJECT_CSV.read_bytes()


def test_project_tbx_round_trips_through_csv_byte_for_byte(tmp_path: Path) -> None:
    csv_path = tmp_path / "g.csv"
    csv_path.write_bytes(write_csv(load(PROJECT_TBX).terms))
    assert write_tbx(load(csv_path).terms) == PROJECT_TBX.read_bytes()
    assert strip_source(load(csv_path).terms) == strip_source(load(PROJECT_TBX).terms)


def test_default_paths_prefers_the_tbx_over_its_generated_csv(tmp_path: Path) -> None:
    for name in ("a.tbx", "a.csv", "b.csv", "notes.txt"):
        (tmp_path / name).write_text("")
    assert [p.name for p in default_paths(tmp_path)] == ["a.tbx", "b.csv"]
    assert default_paths(tmp_path / "missing") == []
    assert default_paths(ROOT / "glossaries") == [PROJECT_TBX]


def test_project_tbx_is_valid_tbx_basic(shared: Path) -> None:
    doc = etree.parse(str(PROJECT_TBX))
    for schema in ("TBXcoreStructV03_TBX-Basic_integrated.rng", "TBXcoreStructV03.rng"):
        rng = etree.RelaxNG(etree.parse(str(shared / "schemas" / "tbx" / schema)))
        assert rng.validate(doc), (schema, rng.error_log)


SCH = "{http://purl.oclc.org/dsdl/schematron}"


def schematron_failures(sch_path: Path, tree: etree._ElementTree) -> list[str]:
    """A minimal ISO Schematron runner (pattern/rule/assert, first matching rule
    per pattern wins) over elementpath's XPath 3, as in shared/schemas/validate_samples.py."""
    elementpath = pytest.importorskip("elementpath")
    from elementpath.xpath30 import XPath30Parser

    sch = etree.parse(str(sch_path)).getroot()
    parser = XPath30Parser(namespaces={n.get("prefix"): n.get("uri") for n in sch.iter(SCH + "ns")})
    root_ctx = elementpath.XPathContext(tree)
    failures = []
    for pattern in sch.iter(SCH + "pattern"):
        seen: set[object] = set()
        for rule in pattern.iter(SCH + "rule"):
            context = rule.get("context")
            expr = context if context.startswith("/") else "//" + context
            asserts = [(test, parser.parse(test.get("test"))) for test in rule.iter(SCH + "assert")]
            for node in parser.parse(expr).select(root_ctx):
                elem = getattr(node, "elem", None)
                parent = getattr(node, "parent", None)
                key = (
                    (tree.getpath(elem), None)
                    if elem is not None
                    else (
                        tree.getpath(parent.elem) if parent is not None else None,
                        getattr(node, "name", str(node)),
                    )
                )
                if key in seen:
                    continue
                seen.add(key)
                # Reuse the node tree built once: a context from the lxml tree would rebuild it.
                item = elementpath.XPathContext(root_ctx.root, item=node)
                for test, compiled in asserts:
                    if not bool(compiled.evaluate(item)):
                        failures.append(f"{pattern.get('id')}: {context}: {(test.text or '').strip()[:80]}")
    return failures


def test_project_tbx_passes_the_tbx_basic_schematron(shared: Path) -> None:
    sch = shared / "schemas" / "tbx" / "TBX-Basic_DCA.sch"
    assert schematron_failures(sch, etree.parse(str(PROJECT_TBX))) == []
    # The runner is live: a status TBX-Basic does not know is rejected.
    tree = etree.parse(str(shared / "schemas" / "samples" / "tbx_basic_v3_sample.tbx"))
    note = next(e for e in tree.iter("{*}termNote"))
    note.text = "forbiddenTerm-admn-sts"
    assert schematron_failures(sch, tree)


# --- TBX ----------------------------------------------------------------------


def test_tbx_v3_sample(shared: Path) -> None:
    glossary = load(shared / "schemas" / "samples" / "tbx_basic_v3_sample.tbx")
    red, common = glossary.terms
    assert (red.id, red.zh, red.en, red.forbidden) == (
        "c1",
        ("红船精神",),
        ("Red Boat Spirit",),
        ("Red Ship Spirit",),
    )
    assert (common.en, common.en_ok, common.forbidden) == (
        ("common prosperity",),
        ("shared prosperity",),
        ("common wealth",),
    )  # superseded → forbidden
    assert red.note.startswith("Spirit associated")  # definition when there is no note
    assert red.source.endswith("tbx_basic_v3_sample.tbx:12")
    assert glossary.checksum.startswith("sha256-")


def test_tbx_2008_martif_sample(shared: Path) -> None:
    glossary = load(shared / "schemas" / "samples" / "tbx_v2_martif_sample.tbx")
    (term,) = glossary.terms
    assert (term.zh, term.en, term.forbidden) == (("红船精神",), ("Red Boat Spirit",), ("Red Ship Spirit",))


MARTIF_NTIG = """<?xml version="1.0"?>
<!DOCTYPE martif PUBLIC "ISO 12200:1999A//DTD MARTIF core (DXFcdV04)//EN" "TBXcdv04.dtd">
<martif type="TBX" xml:lang="en"><text><body>
<termEntry id="t1">
 <langSet xml:lang="zh-CN"><ntig><termGrp><term>共同富裕</term></termGrp></ntig></langSet>
 <langSet xml:lang="en-US">
  <ntig><termGrp><term>common prosperity</term>
   <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termGrp></ntig>
  <ntig><termGrp><term>shared prosperity</term>
   <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termGrp></ntig>
 </langSet>
</termEntry></body></text></martif>
"""


def test_tbx_2008_ntig_and_external_dtd_reference_not_loaded(tmp_path: Path) -> None:
    (term,) = load(write(tmp_path, "g.tbx", MARTIF_NTIG)).terms
    assert (term.zh, term.en, term.en_ok) == (("共同富裕",), ("common prosperity",), ("shared prosperity",))


def tbx3(entries: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic" style="dca" xml:lang="en" '
        f'xmlns="urn:iso:std:iso:30042:ed-2"><text><body>{entries}</body></text></tbx>\n'
    )


def entry(ident: str, zh: str, en: str, status: str = "preferredTerm-admn-sts", extra: str = "") -> str:
    return (
        f'<conceptEntry id="{ident}">{extra}'
        f'<langSec xml:lang="zh"><termSec><term>{zh}</term></termSec></langSec>'
        f'<langSec xml:lang="en"><termSec><term>{en}</term>'
        f'<termNote type="administrativeStatus">{status}</termNote></termSec></langSec></conceptEntry>'
    )


@pytest.mark.parametrize(
    ("extra", "case_sensitive"),
    [
        ('<admin type="projectSubset">case-insensitive</admin>', False),
        ('<admin type="projectSubset">case-sensitive</admin>', True),
        ("", True),
        ('<admin type="projectSubset">schools</admin>', True),
    ],
)
def test_tbx_case_sensitivity(tmp_path: Path, extra: str, case_sensitive: bool) -> None:
    (term,) = load(
        write(tmp_path, "g.tbx", tbx3(entry("a", "红船精神", "Red Boat Spirit", extra=extra)))
    ).terms
    assert term.case_sensitive is case_sensitive


def test_tbx_empty_term_is_no_term(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    # Weblate and translate-toolkit write <term/> for a language not yet translated: that entry
    # has no Chinese term and is skipped, the rest of the term base is read.
    path = write(tmp_path, "g.tbx", tbx3(entry("a", "红船精神", "Red Boat Spirit") + entry("b", "", "Glyph")))
    with caplog.at_level("WARNING"):
        assert [t.id for t in load(path).terms] == ["a"]
    assert "1 entry without a Chinese or an approved English term skipped" in caplog.text
    with pytest.raises(GlossaryError, match=r"entry 'b' has no Chinese term"):
        load(path, strict=True)


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        (
            tbx3(entry("a", "红船精神", "Red Boat Spirit") + entry("a", "共同富裕", "common prosperity")),
            2,
            "duplicate id 'a'",
        ),
        (tbx3(entry("a", " ", "Red Boat Spirit")), 1, "no entry has both a Chinese and an English term"),
        (tbx3(""), None, "no entries"),
        (
            '<?xml version="1.0"?>\n<tbx>\n<text><body>\n<conceptEntry id="a">\n</body></text></tbx>',
            5,
            "column",
        ),
        ('<?xml version="1.0"?>\n<glossary/>', 1, "neither <tbx>"),
        ('<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY x "boom">]>\n<tbx>&x;</tbx>', 1, "internal subset"),
        (
            '<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<tbx>&x;</tbx>',
            1,
            "internal subset",
        ),
    ],
)
def test_tbx_errors_name_file_and_line(tmp_path: Path, text: str, line: int | None, fragment: str) -> None:
    path = write(tmp_path, "bad.tbx", text)
    with pytest.raises(GlossaryError) as info:
        load(path)
    assert info.value.path == str(path)
    assert info.value.line == line
    assert fragment in info.value.message
    assert str(info.value).startswith(f"{path}:")


def test_tbx_rendering_both_approved_and_forbidden(tmp_path: Path) -> None:
    text = tbx3(
        '<conceptEntry id="a"><langSec xml:lang="zh"><termSec><term>红船精神</term></termSec></langSec>'
        '<langSec xml:lang="en"><termSec><term>Red Boat Spirit</term></termSec>\n'
        '<termSec><term>red-boat spirit</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts'
        "</termNote></termSec></langSec></conceptEntry>"
    )
    with pytest.raises(GlossaryError, match="both approved"):
        load(write(tmp_path, "g.tbx", text))


def test_write_tbx_refuses_ids_that_are_not_xml_ids() -> None:
    with pytest.raises(GlossaryError, match="valid XML id"):
        write_tbx([Term("20th-congress", ("二十大",), ("20th CPC National Congress",))])


def test_read_tbx_keeps_document_order_of_zh_forms(tmp_path: Path) -> None:
    text = tbx3(
        '<conceptEntry id="a"><langSec xml:lang="zh-Hans"><termSec><term>共同富裕</term></termSec>'
        '<termSec><term>共富</term></termSec></langSec><langSec xml:lang="en"><termSec>'
        "<term>common prosperity</term></termSec></langSec></conceptEntry>"
    )
    (term,) = read_tbx(text.encode(), tmp_path / "x.tbx")
    assert term.zh == ("共同富裕", "共富")
    assert term.en == ("common prosperity",)  # no status: preferred


# --- CSV / TSV ------------------------------------------------------------------


def test_csv_cells_split_on_bar(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "g.csv",
        HEADER
        + "common-prosperity,共同富裕|共富,common prosperity,shared prosperity,"
        + '"common wealth| Common Wealth",'
        "false,goal\n",
    )
    (term,) = load(path).terms
    assert term.zh == ("共同富裕", "共富")
    assert term.forbidden == ("common wealth", "Common Wealth")
    assert term.case_sensitive is False
    assert term.source == f"{path}:2"


def test_tsv_has_the_same_columns(tmp_path: Path) -> None:
    text = HEADER.replace(",", "\t") + "a\t红船精神\tRed Boat Spirit\t\tRed Ship Spirit\ttrue\tname\n"
    (term,) = load(write(tmp_path, "g.tsv", text)).terms
    assert (term.id, term.forbidden, term.case_sensitive) == ("a", ("Red Ship Spirit",), True)


def test_header_columns_in_any_order_and_optional_ones_missing(tmp_path: Path) -> None:
    (term,) = load(write(tmp_path, "g.csv", "en,zh,id\nRed Boat Spirit,红船精神,a\n")).terms
    assert (term.id, term.en, term.case_sensitive) == ("a", ("Red Boat Spirit",), True)


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("id,en\na,x\n", 1, "missing column 'zh'"),
        ("id,zh,en,colour\na,红,red,x\n", 1, "unknown column"),
        ("", 1, "empty file"),
        (HEADER, None, "no entries"),
        (
            HEADER + "a,红船精神,Red Boat Spirit,,,,\na,共同富裕,common prosperity,,,,\n",
            3,
            "duplicate id 'a'",
        ),
        (HEADER + "a,,Red Boat Spirit,,,,\n", 2, "empty zh"),
        (HEADER + "a,红船精神,,,,,\n", 2, "no approved"),
        (HEADER + "a,红船精神,Red Boat Spirit,,Red-Boat Spirit,,\n", 2, "both approved"),
        (HEADER + "a,红船精神,Red Boat Spirit,,,maybe,\n", 2, "column 6 (case_sensitive)"),
        (HEADER + "a,红船精神,Red Boat Spirit\n", 2, "expected 7 fields, found 3"),
        (HEADER + 'a,"multi\nline",x,,,,\nb,红,"unterminated\n', 4, "malformed row"),
    ],
)
def test_csv_errors_name_file_and_line(tmp_path: Path, text: str, line: int | None, fragment: str) -> None:
    path = write(tmp_path, "bad.csv", text)
    with pytest.raises(GlossaryError) as info:
        load(path)
    assert info.value.line == line, info.value
    assert fragment in info.value.message


def test_csv_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_bytes(HEADER.encode() + "a,红船精神,Red Boat Spirit,,,,\n".encode("gb18030"))
    with pytest.raises(GlossaryError, match="not UTF-8") as info:
        load(path)
    assert info.value.line == 2


def test_csv_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + "a,红船精神,Red Boat Spirit,,,,\n").encode())
    assert load(path).terms[0].id == "a"


def test_unknown_suffix_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="unknown glossary format"):
        load(write(tmp_path, "g.xlsx", "x"))
    with pytest.raises(GlossaryError, match="cannot read"):
        load(tmp_path / "missing.csv")


# --- round trips and load_many ----------------------------------------------------------

TERMS = (
    Term("a", ("红船精神",), ("Red Boat Spirit",), (), ("Red Ship Spirit",), True, 'note, with "quotes"'),
    Term(
        "b",
        ("共同富裕", "共富"),
        ("common prosperity",),
        ("shared prosperity",),
        ("common wealth",),
        False,
        "",
    ),
    Term(
        "c",
        ("共建共治共享",),
        ("joint contribution, shared governance and shared benefits",),
        (),
        (),
        False,
        "x",
    ),
)


@pytest.mark.parametrize("suffix", [".csv", ".tsv"])
def test_tbx_csv_tbx_round_trip_is_lossless(tmp_path: Path, suffix: str) -> None:
    tbx = tmp_path / "g.tbx"
    tbx.write_bytes(write_tbx(TERMS))
    table = tmp_path / f"g{suffix}"
    table.write_bytes(write_csv(load(tbx).terms, "\t" if suffix == ".tsv" else ","))
    assert strip_source(load(table).terms) == list(TERMS)
    assert write_tbx(load(table).terms) == tbx.read_bytes()


def test_load_many_merges_and_refuses_duplicate_ids(tmp_path: Path) -> None:
    one = write(tmp_path, "one.csv", HEADER + "a,红船精神,Red Boat Spirit,,,,\n")
    two = write(tmp_path, "two.csv", HEADER + "b,共同富裕,common prosperity,,,,\n")
    merged = load_many([one, two])
    assert [t.id for t in merged.terms] == ["a", "b"]
    assert merged.sources == (str(one), str(two))
    assert merged.checksum not in (load(one).checksum, load(two).checksum)
    with pytest.raises(GlossaryError, match="duplicate id 'a'"):
        load_many([one, one])
    with pytest.raises(GlossaryError, match="no glossary"):
        load_many([])


def test_checksum_follows_the_bytes(tmp_path: Path) -> None:
    one = write(tmp_path, "one.csv", HEADER + "a,红船精神,Red Boat Spirit,,,,\n")
    before = load(one).checksum
    one.write_text(HEADER + "a,红船精神,Red Boat Spirit,,,,note\n", encoding="utf-8")
    assert load(one).checksum != before
    assert Glossary.from_terms(TERMS).checksum == Glossary.from_terms(TERMS).checksum


# Issue 13: `glossary convert` crashed (lxml refuses control characters in
# XML) on a CSV glossary that `glossary validate` accepted. Both now refuse it
# at load time, naming the file and line.
@pytest.mark.parametrize(
    ("row", "field"),
    [
        pytest.param('a,红船精神,"Red\x04 Boat Spirit",,,,\n', "en", id="eot-in-en"),
        pytest.param(
            "a,红船精神,Red Boat Spirit,,Red Ship\x1b Spirit,,\n", "forbidden", id="escape-in-forbidden"
        ),
        pytest.param("a,红船\x00精神,Red Boat Spirit,,,,\n", "zh", id="nul-in-zh"),
        pytest.param(
            "a,红船精神,Red Boat Spirit,Red-Boat\x7f Spirit,,,\n", "en_variants_ok", id="del-in-admitted"
        ),
        pytest.param("a,红船精神,Red Boat Spirit,,,,a\x85note\n", "note", id="c1-in-note"),
        pytest.param("a\x08,红船精神,Red Boat Spirit,,,,\n", "id", id="backspace-in-id"),
    ],
)
def test_control_character_in_a_glossary_is_an_error_with_file_and_line(
    tmp_path: Path, row: str, field: str
) -> None:
    path = write(tmp_path, "g.csv", HEADER + "z,共同富裕,common prosperity,,,,\n" + row)
    with pytest.raises(GlossaryError, match=f"control character U\\+00[0-9A-F]{{2}} in {field} ") as info:
        load(path)
    assert (info.value.path, info.value.line) == (str(path), 3)


def test_write_tbx_refuses_a_control_character_naming_the_entry_source() -> None:
    term = Term("a", ("红船精神",), ("Red\x04 Boat Spirit",), source="g.csv:7")
    with pytest.raises(GlossaryError, match="control character U\\+0004 in en") as info:
        write_tbx([term])
    assert str(info.value).startswith("g.csv:7: ")


def test_tabs_and_line_breaks_in_a_csv_note_are_not_control_characters(tmp_path: Path) -> None:
    path = write(tmp_path, "g.csv", HEADER + 'a,红船精神,Red Boat Spirit,,,,"one\tline\nand another"\n')
    (term,) = load(path).terms
    assert term.note == "one\tline\nand another"
    assert b"one\tline\nand another" in write_tbx([term])


# --- issue #15: TBX styles and dialects, skipped entries, two-column CSV -----------------

TBX_NS = "urn:iso:std:iso:30042:ed-2"


def _v3(body: str, style: str = "dca", kind: str = "TBX-Basic", extra_ns: str = "") -> str:
    return (
        f'<?xml version="1.0"?>\n<tbx xmlns="{TBX_NS}"{extra_ns} type="{kind}" style="{style}" xml:lang="en">'
        f"<tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader>\n<text><body>\n{body}"
        "</body></text></tbx>"
    )


DCT = _v3(
    '<conceptEntry id="rbs"><langSec xml:lang="zh-CN"><termSec><term>红船精神</term></termSec></langSec>'
    '<langSec xml:lang="en-US"><termSec><term>Red Boat Spirit</term>'
    "<min:administrativeStatus>preferred</min:administrativeStatus></termSec>"
    "<termSec><term>red ship spirit</term><min:administrativeStatus>deprecated</min:administrativeStatus>"
    "</termSec><termSec><term>Red Vessel Spirit</term><min:administrativeStatus>obsolete"
    "</min:administrativeStatus></termSec></langSec></conceptEntry>\n",
    style="dct",
    kind="TBX-Min",
    extra_ns=' xmlns:min="http://www.tbxinfo.net/ns/min"',
)


def test_dct_style_statuses_and_a_deprecated_term_is_forbidden(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from bilingual.glossary.check import check
    from bilingual.model import AlignedPair, Bead, Verdict

    with caplog.at_level("WARNING"):
        glossary = load(write(tmp_path, "min.tbx", DCT))
    (term,) = glossary.terms
    assert (term.en, term.forbidden) == (("Red Boat Spirit",), ("red ship spirit", "Red Vessel Spirit"))
    assert "'obsolete' at line" in caplog.text  # a status that is not TBX's: deprecated, with a warning
    pair = AlignedPair("d:z0:e0", "弘扬红船精神。", "Carry forward the red ship spirit.", Bead((0,), (0,)))
    assert [f.verdict for f in check([pair], glossary)] == [Verdict.FORBIDDEN]


@pytest.mark.parametrize("status", ["supersededTerm-admn-sts", "superseded", "deprecatedTerm-admn-sts"])
def test_superseded_is_deprecated(tmp_path: Path, status: str) -> None:
    text = tbx3(entry("a", "红船精神", "Red Boat Spirit") .replace(
        "</langSec></conceptEntry>",
        f'<termSec><term>red boat</term><termNote type="administrativeStatus">{status}</termNote></termSec>'
        "</langSec></conceptEntry>"))  # fmt: skip
    (term,) = load(write(tmp_path, "g.tbx", text)).terms
    assert term.forbidden == ("red boat",)


MARTIF = """<?xml version="1.0"?>
<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc>
</martifHeader><text><body>
<termEntry id="a"><langSet xml:lang="zh"><ntig><termGrp><term>共同富裕</term></termGrp></ntig></langSet>
<langSet xml:lang="en"><ntig><termGrp><term>common prosperity</term></termGrp>
<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></ntig></langSet></termEntry>
<termEntry id="b"><langSet xml:lang="de"><tig><term>Wohlstand</term></tig></langSet>
<langSet xml:lang="en"><tig><term>prosperity</term></tig></langSet></termEntry>
</body></text></martif>
"""

MULTITERM = """<?xml version="1.0" encoding="UTF-8"?>
<mtf>
<conceptGrp><concept>1</concept>
<languageGrp><language type="Chinese" lang="ZH-CN"/><termGrp><term>八八战略</term></termGrp></languageGrp>
<languageGrp><language type="English" lang="EN-US"/><termGrp><term>Double Eight Strategy</term></termGrp>
</languageGrp></conceptGrp>
</mtf>
"""


def test_martif_ntig_skips_an_entry_without_zh_and_strict_refuses(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write(tmp_path, "2008.tbx", MARTIF)
    with caplog.at_level("WARNING"):
        glossary = load(path)
    assert [(t.id, t.zh, t.en) for t in glossary.terms] == [("a", ("共同富裕",), ("common prosperity",))]
    assert "1 entry without a Chinese or an approved English term skipped (first at line 7)" in caplog.text
    with pytest.raises(GlossaryError, match="entry 'b' has no Chinese term") as info:
        load(path, strict=True)
    assert info.value.line == 7


def test_multiterm_export(tmp_path: Path) -> None:
    (term,) = load(write(tmp_path, "mt.xml", MULTITERM)).terms
    assert (term.zh, term.en) == (("八八战略",), ("Double Eight Strategy",))


def test_a_glossary_without_any_zh_en_entry_is_refused(tmp_path: Path) -> None:
    text = MARTIF.replace('xml:lang="zh"', 'xml:lang="fr"')
    with pytest.raises(
        GlossaryError, match=r"no entry has both a Chinese and an English term \(languages: de, en, fr\)"
    ):
        load(write(tmp_path, "g.tbx", text))


@pytest.mark.parametrize(
    ("header", "source_lang"),
    [
        ("zh,en", None),
        ("en,zh", None),
        ("zh-CN,en-US", None),
        ("source,target", "zh"),
        ("source,target", "en"),
    ],
)
def test_two_column_csv_gets_stable_ids(tmp_path: Path, header: str, source_lang: str | None) -> None:
    rows = [("红船精神", "Red Boat Spirit"), ("共同富裕", "common prosperity")]
    zh_first = header.startswith("zh") or source_lang == "zh"
    lines = [header] + [f"{z},{e}" if zh_first else f"{e},{z}" for z, e in rows]
    glossary = load(write(tmp_path, "two.csv", "\n".join(lines) + "\n"), source_lang=source_lang)
    again = load(
        write(tmp_path, "again.csv", "\n".join([lines[0], *reversed(lines[1:])]) + "\n"),
        source_lang=source_lang,
    )
    assert [(t.zh, t.en) for t in glossary.terms] == [((z,), (e,)) for z, e in rows]
    assert {t.id for t in glossary.terms} == {t.id for t in again.terms}  # not from the row order
    assert all(t.id.startswith("g") and len(t.id) == 11 for t in glossary.terms)


def test_source_target_csv_needs_the_source_language(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="--source-lang") as info:
        load(write(tmp_path, "st.csv", "source,target\n红船精神,Red Boat Spirit\n"))
    assert info.value.line == 1


def test_convert_of_an_invalid_xml_id_names_file_and_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from bilingual.cli import main

    source = write(
        tmp_path,
        "g.csv",
        HEADER + "ok,红船精神,Red Boat Spirit,,,,\n20th,二十大,20th CPC National Congress,,,,\n",
    )
    result = CliRunner().invoke(main, ["glossary", "convert", str(source), str(tmp_path / "g.tbx")])
    assert result.exit_code == 2
    assert f"{source}:3:" in result.output and "not a valid XML id" in result.output
