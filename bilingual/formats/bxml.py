"""The project's own bilingual XML, the fullest view of the model: written and read back.

Unlike the exchange formats it keeps everything: for each bulletin both
sides' metadata and paragraph structure (which segments each paragraph
holds), every bead with its segment ids, type and score, its zh and en text
with glossary terms marked (``<term ref="f1" verdict="ok">``), and every
finding with its spans, expected renderings and message. Characters XML
cannot hold are kept losslessly as ``<cp hex="0004"/>`` and reported.

The RELAX NG schema ``bilingual.rng`` ships beside this module;
:func:`schema` loads it (offline). Streamed with ``lxml.etree.xmlfile``.

Document and bead ids are XML NMTOKENs: written with
:func:`bilingual.names.nmtoken` (``公告 通知`` → ``公告_x0020_通知``; ids that
are NMTOKENs already, Chinese ones included, unchanged) and read back with
:func:`~bilingual.names.from_nmtoken`, so every file name round-trips.

The reader gives back one pair per ``<bead>``: its id, its ``<zh>`` and
``<en>`` text (terms flattened, ``<cp>`` back to the character), the bead
from its segment ids, score and pinned flag, the document from ``<document id>``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from bilingual.errors import InputError
from bilingual.formats.markup import add_text, control_findings, marker_ids, runs, split_unsafe, xml_safe
from bilingual.formats.reading import Units, flatten, parse_xml
from bilingual.formats.registry import ExportContext, Format, register
from bilingual.formats.xmlstream import indent, iso_datetime, score_text
from bilingual.model import EN, ZH, AlignedPair, Bead, Checked, Document, Finding
from bilingual.names import from_nmtoken, nmtoken
from bilingual.xmlsafe import line_of, local

NS = "urn:x-bilingual:export:1"
NSMAP = {None: NS}
LEAVES = frozenset({"zh", "en"})


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def schema() -> etree.RelaxNG:
    """The shipped RELAX NG schema, parsed without network or entities."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    source = resources.files("bilingual.formats").joinpath("bilingual.rng").read_bytes()
    return etree.RelaxNG(etree.fromstring(source, parser))


def _text(parent: etree._Element, text: str) -> None:
    for chunk, unsafe in split_unsafe(text):
        if unsafe:
            etree.SubElement(parent, _q("cp"), hex=f"{ord(chunk):04X}")
        else:
            add_text(parent, chunk)


def _inline(
    tag: str, text: str, findings: Sequence[Finding], side: str, ids: dict[Finding, str]
) -> etree._Element:
    element = etree.Element(_q(tag))
    for piece, finding in runs(text, findings, side):
        if finding is None:
            _text(element, piece)
        else:
            term = etree.SubElement(element, _q("term"), ref=ids[finding], verdict=finding.verdict.value)
            _text(term, piece)
    return element


def _ids(values: Iterable[int]) -> str:
    return " ".join(map(str, values))


def side_element(doc: Document, side: str) -> etree._Element:
    element = etree.Element(_q("side"), nsmap=NSMAP, lang=side)  # type: ignore[arg-type]
    for name, value in (
        ("title", doc.title),
        ("date", doc.date),
        ("url", doc.url),
        ("segmenter", doc.segmenter),
    ):
        if value:
            element.set(name, xml_safe(value))
    element.set("encoding", doc.encoding)
    element.set("format", doc.format)
    element.set("segments", str(len(doc.segments)))
    by_paragraph: dict[int, list[int]] = {}
    for segment in doc.segments:
        by_paragraph.setdefault(segment.paragraph, []).append(segment.index)
    for paragraph in doc.paragraphs:
        etree.SubElement(
            element,
            _q("paragraph"),
            index=str(paragraph.index),
            kind=paragraph.kind.value,
            segments=_ids(by_paragraph.get(paragraph.index, ())),
        )
    indent(element, 2, LEAVES)
    return element


def _finding(parent: etree._Element, finding: Finding, ident: str) -> None:
    element = etree.SubElement(parent, _q("finding"), id=ident, verdict=finding.verdict.value)
    if finding.term:
        element.set("term", xml_safe(finding.term))
    for side, span in ((ZH, finding.zh_span), (EN, finding.en_span)):
        if span is not None:
            element.set(f"{side}-start", str(span[0]))
            element.set(f"{side}-end", str(span[1]))
    if finding.found:
        element.set("found", xml_safe(finding.found))
    for rendering in finding.expected:
        etree.SubElement(element, _q("expected")).text = xml_safe(rendering)
    if finding.message:
        etree.SubElement(element, _q("message")).text = xml_safe(finding.message)


def bead_element(pair: AlignedPair, found: Sequence[Finding], context: ExportContext) -> etree._Element:
    problems = control_findings(pair, encoded=True)
    context.report(problems)
    findings = [*found, *problems]
    ids = {finding: f"f{ident[1:]}" for finding, ident in marker_ids(findings).items()}
    bead = pair.bead
    element = etree.Element(
        _q("bead"),
        nsmap=NSMAP,  # type: ignore[arg-type]
        id=nmtoken(pair.id),
        zh=_ids(bead.zh),
        en=_ids(bead.en),
        type=bead.type,
        score=score_text(min(max(bead.score, 0.0), 1.0)),
        pinned="true" if bead.pinned else "false",
    )
    element.append(_inline("zh", pair.zh, findings, ZH, ids))
    element.append(_inline("en", pair.en, findings, EN, ids))
    for finding, ident in ids.items():
        _finding(element, finding, ident)
    indent(element, 2, LEAVES)
    return element


def write_bxml(items: Iterable[Checked], context: ExportContext, out: BinaryIO) -> None:
    """The project's bilingual XML (schema: bilingual/formats/bilingual.rng)."""
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        root = {"version": "1", "signature": xml_safe(context.signature), "date": iso_datetime(context.date)}
        with xf.element(_q("bilingual"), root, nsmap=NSMAP):
            for item in items:
                alignment = item.alignment
                attributes = {
                    "id": nmtoken(alignment.id),
                    "confidence": score_text(alignment.confidence),
                }
                if alignment.settings:
                    attributes["aligner"] = xml_safe(alignment.settings)
                xf.write("\n  ")
                with xf.element(_q("document"), attributes):
                    xf.write("\n    ", side_element(alignment.zh, ZH))
                    xf.write("\n    ", side_element(alignment.en, EN))
                    by_pair = item.by_pair()
                    for pair in alignment.pairs():
                        xf.write("\n    ", bead_element(pair, by_pair.get(pair.id, ()), context))
                    xf.write("\n  ")
            xf.write("\n")


def _int_ids(value: str | None, path: Path, line: int | None) -> tuple[int, ...]:
    try:
        return tuple(int(i) for i in (value or "").split())
    except ValueError as exc:
        raise InputError(f"segment ids must be integers, found {value!r}", path, line) from exc


def read_bxml(path: Path) -> list[AlignedPair]:
    """The pairs of a bilingual XML file: one per ``<bead>``, in document order."""
    root = parse_xml(path)
    if local(root.tag) != "bilingual":
        raise InputError(
            f"expected a <bilingual> root element, found <{local(root.tag)}>", path, line_of(root)
        )
    units = Units(path)
    for document in root.iterfind(_q("document")):
        for element in document.iterfind(_q("bead")):
            line = line_of(element)
            try:
                score = float(element.get("score", "1"))
            except ValueError as exc:
                raise InputError(f"bead score is not a number: {element.get('score')!r}", path, line) from exc
            bead = Bead(
                _int_ids(element.get("zh"), path, line),
                _int_ids(element.get("en"), path, line),
                score,
                element.get("pinned") == "true",
            )
            texts = {}
            for side in (ZH, EN):
                child = element.find(_q(side))
                texts[side] = flatten(child, path) if child is not None else ""
            bead_id, doc_id = element.get("id"), document.get("id")
            units.add(
                from_nmtoken(bead_id) if bead_id else None,
                texts,
                from_nmtoken(doc_id) if doc_id else "",
                line,
                bead,
            )
    return units.pairs


FORMAT = register(
    Format(
        name="bxml",
        suffixes=(".bilingual.xml", ".bxml", ".xml"),
        per_document=False,
        description="bilingual XML: documents, paragraphs, beads, terms, findings",
        write=write_bxml,
        read=read_bxml,
    )
)
