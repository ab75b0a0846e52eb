"""XLIFF 2.1 with the Glossary and Metadata modules: written here, read by :mod:`.xliff`.

One ``<file id="DOC" original="DOC">`` per bulletin (``id`` is an NMTOKEN,
written with :func:`bilingual.names.nmtoken` and read back with
:func:`~bilingual.names.from_nmtoken`, so ``公告 通知`` becomes
``公告_x0020_通知``; ``original`` keeps the id as it is); its ``mda:metadata`` holds both titles,
the date and the signature. One ``<unit id="BEAD-ID" name="BEAD-ID">`` per bead (``id``
escaped the same way, ``name`` as it is) with:

- ``mda:metadata``: the bead (``[0,1]:[0]:0.930``) and its score;
- ``gls:glossary``: one ``gls:glossEntry id="gN" ref="#mN"`` per glossary
  finding, its zh term, the approved renderings as ``gls:translation`` and,
  for a problem, the message as ``gls:definition``;
- ``notes``: one ``note id="nN" category="glossary"`` per problem term finding,
  ``category="number"`` per figure or date finding, each ending with its status
  and id (``[status: accepted (REASON); id …]`` when the ignore list accepts it,
  else ``[status: open; id …]``), and ``category="control-char"`` per character
  XML cannot hold;
- one ``segment`` whose ``source``/``target`` mark each term as
  ``<mrk id="mN" type="term" ref="#gls=gN">``, the same id on both sides.
  Which findings are marked follows ``context.marks`` (default ``terms``:
  the glossary terms found, the standard's own use of ``<mrk type="term">``;
  ``all`` or ``findings`` mark the spans of problem findings too); every
  finding keeps its ``gls:glossEntry`` and note whatever the marks.

Segment state: ``initial`` when the target is empty, ``reviewed`` for pinned
beads, else ``translated``; a bead scored below ``context.low_confidence``
gets ``subState="bilingual:needs-review"``. Characters XML cannot hold are
kept losslessly as ``<cp hex="0004"/>`` (XLIFF 2's own mechanism) and still
reported. Valid against ``xliff21/LOCAL_core_plus_modules.xsd``.

Reading (any XLIFF 1.2 or 2.x, told apart by namespace) is
:func:`bilingual.formats.xliff.read_xliff`, shared with XLIFF 1.2.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import BinaryIO

from lxml import etree

from bilingual.errors import ExportError
from bilingual.formats.markup import (
    add_text,
    control_findings,
    marked,
    marker_ids,
    note_text,
    runs,
    split_unsafe,
    xml_safe,
)
from bilingual.formats.registry import ExportContext, Format, register
from bilingual.formats.xliff import read_xliff
from bilingual.formats.xmlstream import indent, score_text
from bilingual.model import EN, ZH, AlignedPair, Alignment, Checked, Finding, Verdict, bead_text
from bilingual.names import nmtoken

log = logging.getLogger(__name__)

XLF = "urn:oasis:names:tc:xliff:document:2.0"
GLS = "urn:oasis:names:tc:xliff:glossary:2.0"
MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
NSMAP = {None: XLF, "gls": GLS, "mda": MDA}
LEAVES = frozenset({"source", "target"})
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def _text(parent: etree._Element, text: str) -> None:
    """Append ``text``, unsafe characters as ``<cp hex>`` (lossless)."""
    for chunk, unsafe in split_unsafe(text):
        if unsafe:
            cp = etree.SubElement(parent, _q(XLF, "cp"), hex=f"{ord(chunk):04X}")
            cp.tail = None
        else:
            add_text(parent, chunk)


def _content(
    tag: str, text: str, findings: Sequence[Finding], side: str, ids: dict[Finding, str]
) -> etree._Element:
    element = etree.Element(_q(XLF, tag))
    for piece, finding in runs(text, findings, side):
        if finding is None:
            _text(element, piece)
            continue
        marker = ids[finding]
        mrk = etree.SubElement(element, _q(XLF, "mrk"), id=marker, type="term", ref=f"#gls=g{marker[1:]}")
        _text(mrk, piece)
    return element


def _metadata(parent: etree._Element, category: str, items: Iterable[tuple[str, str]]) -> None:
    metas = [(kind, value) for kind, value in items if value]
    if not metas:
        return
    group = etree.SubElement(
        etree.SubElement(parent, _q(MDA, "metadata")), _q(MDA, "metaGroup"), category=category
    )
    for kind, value in metas:
        etree.SubElement(group, _q(MDA, "meta"), type=kind).text = xml_safe(value)


def _glossary(
    parent: etree._Element, pair: AlignedPair, findings: Sequence[Finding], marked: set[str]
) -> None:
    terms = [f for f in findings if f.verdict is not Verdict.CONTROL_CHAR]
    if not terms:
        return
    ids = marker_ids(terms)
    glossary = etree.SubElement(parent, _q(GLS, "glossary"))
    for finding in terms:
        marker = ids[finding]
        entry = etree.SubElement(glossary, _q(GLS, "glossEntry"), id=f"g{marker[1:]}")
        if marker in marked:
            entry.set("ref", f"#{marker}")
        term = pair.zh[slice(*finding.zh_span)] if finding.zh_span else ""
        node = etree.SubElement(entry, _q(GLS, "term"), source=xml_safe(finding.term))
        node.text = xml_safe(term or finding.term)
        for rendering in finding.expected:
            etree.SubElement(entry, _q(GLS, "translation")).text = xml_safe(rendering)
        if finding.verdict is not Verdict.OK:
            definition = f"{finding.verdict.value}: {finding.message}".rstrip(": ")
            etree.SubElement(entry, _q(GLS, "definition")).text = xml_safe(definition)


def unit_element(pair: AlignedPair, found: Sequence[Finding], context: ExportContext) -> etree._Element:
    findings = [f for f in found if f.verdict is not Verdict.CONTROL_CHAR]
    problems = control_findings(pair, encoded=True)
    context.report(problems)
    ids = marker_ids(findings)
    inline = marked(findings, context.marks or "terms")
    source = _content("source", pair.zh, inline, ZH, ids)
    target = _content("target", pair.en, inline, EN, ids)
    marked_ids = {m.get("id", "") for m in (*source.iter(_q(XLF, "mrk")), *target.iter(_q(XLF, "mrk")))}

    unit = etree.Element(_q(XLF, "unit"), nsmap=NSMAP, id=nmtoken(pair.id))  # type: ignore[arg-type]
    unit.set("name", xml_safe(pair.id))  # the id as it is (XLIFF 2's resname), for tools that renumber
    # Text is exact (tabs, runs of spaces); XLIFF 2's default lets readers normalise whitespace.
    unit.set(XML_SPACE, "preserve")
    _metadata(unit, "alignment", [("bead", bead_text(pair.bead)), ("score", score_text(pair.bead.score))])
    _glossary(unit, pair, findings, marked_ids)
    notes = [f for f in findings if f.verdict is not Verdict.OK] + problems
    if notes:
        holder = etree.SubElement(unit, _q(XLF, "notes"))
        for number, finding in enumerate(notes, 1):
            category = "control-char" if finding.verdict is Verdict.CONTROL_CHAR else "glossary"
            if finding.check == "number" and category == "glossary":
                category = "number"
            side = "source" if finding.zh_span and not finding.en_span else "target"
            note = etree.SubElement(holder, _q(XLF, "note"), id=f"n{number}", category=category)
            note.set("appliesTo", side)
            note.text = xml_safe(note_text(finding))
    segment = etree.SubElement(unit, _q(XLF, "segment"), id="s1")
    if not pair.en:
        segment.set("state", "initial")
    else:
        segment.set("state", "reviewed" if pair.bead.pinned else "translated")
        if pair.bead.score < context.low_confidence and not pair.bead.pinned:
            segment.set("subState", "bilingual:needs-review")
    segment.append(source)
    segment.append(target)
    indent(unit, 2, LEAVES)
    return unit


def _file_header(alignment: Alignment, context: ExportContext) -> etree._Element | None:
    holder = etree.Element(_q(XLF, "file"), nsmap=NSMAP)  # type: ignore[arg-type]  # only a container for the metadata subtree
    _metadata(
        holder,
        "document",
        [
            ("title-zh", alignment.zh.title or ""),
            ("title-en", alignment.en.title or ""),
            ("date", alignment.zh.date or alignment.en.date or ""),
            ("url-zh", alignment.zh.url or ""),
            ("url-en", alignment.en.url or ""),
            ("confidence", score_text(alignment.confidence)),
            ("signature", context.signature),
        ],
    )
    indent(holder, 1, LEAVES)
    if not len(holder):
        return None
    metadata = holder[0]
    metadata.tail = None
    return metadata


def write_xliff2(items: Iterable[Checked], context: ExportContext, out: BinaryIO) -> None:
    """XLIFF 2.1, glossary and metadata modules, one <file> per bulletin."""
    files = 0
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(_q(XLF, "xliff"), nsmap=NSMAP, version="2.1", srcLang="zh-CN", trgLang="en"):
            for item in items:
                alignment = item.alignment
                if not alignment.beads:
                    log.warning("%s: no beads; left out of the XLIFF file", alignment.id)
                    continue
                files += 1
                xf.write("\n  ")
                original = xml_safe(alignment.id)
                with xf.element(_q(XLF, "file"), id=nmtoken(alignment.id), original=original):
                    header = _file_header(alignment, context)
                    if header is not None:
                        xf.write("\n    ", header)
                    by_pair = item.by_pair()
                    for pair in alignment.pairs():
                        xf.write("\n    ", unit_element(pair, by_pair.get(pair.id, ()), context))
                    xf.write("\n  ")
            xf.write("\n")
    if not files:
        raise ExportError("nothing to export: XLIFF needs at least one bulletin with aligned sentences")


FORMAT = register(
    Format(
        name="xliff",
        suffixes=(".xlf", ".xliff", ".xlf2"),
        per_document=False,
        description="XLIFF 2.1, glossary and metadata modules, one <file> per bulletin",
        write=write_xliff2,
        read=read_xliff,
    )
)
