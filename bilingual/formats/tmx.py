"""TMX 1.4b, the translation-memory exchange format CAT tools import: written and read back.

One ``<tu tuid="BEAD-ID">`` per bead with a ``zh-CN`` and an ``en`` ``<tuv>``
(an empty side is an empty ``<seg/>``, so every bead keeps its id). Per-unit
``<prop>``s carry the document id, both titles, the date and the bead score;
the header carries the signature. Glossary terms are marked with
``<hi type="term">`` (the only TMX 1.4b inline element for plain highlighted
text; ``bpt``/``ept``/``ph`` are reserved for native codes); problem findings
become ``<note>``s. Characters XML cannot hold are written as placeholders
(see :mod:`bilingual.formats.markup`) and reported. Valid against
``tmx14.dtd``; streamed with ``lxml.etree.xmlfile``.

The reader takes any TMX 1.4 (1.1 ``lang`` accepted): one pair per ``<tu>``,
id from ``tuid``, sides from ``xml:lang``, the bead from our ``x-bead``
``<prop>`` (conventions in :mod:`bilingual.formats.reading`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from bilingual.errors import InputError
from bilingual.formats.markup import add_text, control_findings, runs, xml_safe
from bilingual.formats.reading import Units, flatten, lang_side, parse_xml
from bilingual.formats.registry import ExportContext, Format, register
from bilingual.formats.xmlstream import TOOL, TOOL_VERSION, XML_LANG, compact_datetime, indent, score_text
from bilingual.model import EN, ZH, AlignedPair, Alignment, Checked, Finding, Verdict, parse_bead
from bilingual.xmlsafe import line_of, local

log = logging.getLogger(__name__)

LANGS = {ZH: "zh-CN", EN: "en"}
LEAVES = frozenset({"seg"})


def _seg(text: str, findings: Sequence[Finding], side: str) -> etree._Element:
    seg = etree.Element("seg")
    for piece, finding in runs(text, findings, side):
        if finding is None:
            add_text(seg, xml_safe(piece))
            continue
        kind = "term" if finding.verdict is Verdict.OK else f"x-{finding.verdict.value}"
        etree.SubElement(seg, "hi", type=kind).text = xml_safe(piece)
    return seg


def _prop(parent: etree._Element, kind: str, value: str, lang: str | None = None) -> None:
    prop = etree.SubElement(parent, "prop", type=kind)
    if lang:
        prop.set(XML_LANG, lang)
    prop.text = xml_safe(value)


def tu_element(
    alignment: Alignment, pair: AlignedPair, findings: Sequence[Finding], context: ExportContext
) -> etree._Element:
    problems = control_findings(pair)
    context.report(problems)
    tu = etree.Element("tu", tuid=xml_safe(pair.id))  # an id read from JSONL may hold anything
    for finding in [*findings, *problems]:
        if finding.verdict is not Verdict.OK:
            label = f"{finding.verdict.value} {finding.term}".strip()
            etree.SubElement(tu, "note").text = xml_safe(f"{label}: {finding.message}")
    _prop(tu, "x-document", alignment.id)
    for side, doc in ((ZH, alignment.zh), (EN, alignment.en)):
        if doc.title:
            _prop(tu, "x-doc-title", doc.title, LANGS[side])
    if alignment.zh.date or alignment.en.date:
        _prop(tu, "x-doc-date", alignment.zh.date or alignment.en.date or "")
    _prop(tu, "x-bead", str(pair.bead))
    _prop(tu, "x-score", score_text(pair.bead.score))
    for side, text in ((ZH, pair.zh), (EN, pair.en)):
        tuv = etree.SubElement(tu, "tuv")
        tuv.set(XML_LANG, LANGS[side])
        tuv.append(_seg(text, findings, side))
    indent(tu, 2, LEAVES)
    return tu


def write_tmx(items: Iterable[Checked], context: ExportContext, out: BinaryIO) -> None:
    """TMX 1.4b translation memory (one <tu> per bead)."""
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        xf.write_doctype('<!DOCTYPE tmx SYSTEM "tmx14.dtd">')
        with xf.element("tmx", version="1.4"):
            header = etree.Element("header")
            for name, value in (
                ("creationtool", TOOL),
                ("creationtoolversion", TOOL_VERSION),
                ("datatype", "plaintext"),
                ("segtype", "sentence"),
                ("adminlang", "en"),
                ("srclang", LANGS[ZH]),
                ("o-tmf", TOOL),
                ("creationdate", compact_datetime(context.date)),
            ):
                header.set(name, value)
            _prop(header, "x-signature", context.signature)
            indent(header, 1, LEAVES)
            xf.write("\n  ", header, "\n  ")
            with xf.element("body"):
                for item in items:
                    by_pair = item.by_pair()
                    for pair in item.alignment.pairs():
                        tu = tu_element(item.alignment, pair, by_pair.get(pair.id, ()), context)
                        xf.write("\n    ", tu)
                xf.write("\n  ")
            xf.write("\n")


def read_tmx(path: Path) -> list[AlignedPair]:
    """TMX 1.4 (1.1 ``lang`` accepted): one pair per ``<tu>``, id from ``tuid``."""
    root = parse_xml(path)
    if local(root.tag) != "tmx":
        raise InputError(f"expected a <tmx> root element, found <{local(root.tag)}>", path, line_of(root))
    units = Units(path)
    for tu in root.iter("{*}tu"):
        texts: dict[str, str] = {}
        for tuv in tu.iterfind("{*}tuv"):
            code = tuv.get(XML_LANG) or tuv.get("lang")
            side = lang_side(code)
            if side is None:
                if not code:
                    raise InputError("<tuv> without xml:lang", path, line_of(tuv))
                log.debug("%s:%s: skipping <tuv xml:lang=%r>", path, line_of(tuv), code)
                continue
            seg = tuv.find("{*}seg")
            texts[side] = flatten(seg, path) if seg is not None else ""
        doc_id = ""
        bead = None
        for prop in tu.iterfind("{*}prop"):
            kind = (prop.get("type") or "").lower()
            if kind == "x-bead":
                bead = parse_bead(prop.text)
            elif not doc_id and "doc" in kind and "title" not in kind and "date" not in kind:
                doc_id = (prop.text or "").strip()
        units.add(tu.get("tuid"), texts, doc_id, line_of(tu), bead)
    return units.pairs


FORMAT = register(
    Format(
        name="tmx",
        suffixes=(".tmx",),
        per_document=False,
        description="TMX 1.4b translation memory (one <tu> per bead)",
        write=write_tmx,
        read=read_tmx,
    )
)
