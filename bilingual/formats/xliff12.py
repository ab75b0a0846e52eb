"""XLIFF 1.2 (strict), for the CAT tools that still want it: written here, read by :mod:`.xliff`.

One ``<file original="DOC">`` per bulletin, its ``<header>`` naming the tool,
the signature, both titles and the date in ``<note>``s. One
``<trans-unit id="BEAD-ID">`` per bead; terms are ``<mrk mtype="term">``
(problem findings add a ``comment``), problem findings are unit ``<note>``s
(term and number findings end with their status and id, ``[status: open; id …]``
or ``[status: accepted (REASON); id …]`` from the corpus's ignore list).

Review state: a bead scored below ``context.low_confidence`` gets
``state="needs-review-translation"`` and no approval; an empty target (1-0
bead) ``state="needs-translation"``; otherwise ``state="translated"`` and
``approved="yes"`` (``signed-off`` for pinned beads). XLIFF 1.2 has no way to
carry characters XML cannot hold: they are written as placeholders (see
:mod:`bilingual.formats.markup`) and reported. Valid against
``xliff-core-1.2-strict.xsd``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import BinaryIO

from lxml import etree

from bilingual.errors import ExportError
from bilingual.formats.markup import add_text, control_findings, note_text, runs, xml_safe
from bilingual.formats.registry import ExportContext, Format, register
from bilingual.formats.xliff import read_xliff
from bilingual.formats.xmlstream import TOOL, TOOL_VERSION, indent, iso_datetime, score_text
from bilingual.model import EN, ZH, AlignedPair, Alignment, Checked, Finding, Verdict, bead_text

log = logging.getLogger(__name__)

XLF = "urn:oasis:names:tc:xliff:document:1.2"
NSMAP = {None: XLF}
LEAVES = frozenset({"source", "target"})
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _q(name: str) -> str:
    return f"{{{XLF}}}{name}"


def _content(tag: str, text: str, findings: Sequence[Finding], side: str) -> etree._Element:
    element = etree.Element(_q(tag))
    for piece, finding in runs(text, findings, side):
        if finding is None:
            add_text(element, xml_safe(piece))
            continue
        mrk = etree.SubElement(element, _q("mrk"), mtype="term")
        if finding.verdict is not Verdict.OK:
            mrk.set("comment", xml_safe(note_text(finding)))
        mrk.text = xml_safe(piece)
    return element


def trans_unit(pair: AlignedPair, found: Sequence[Finding], context: ExportContext) -> etree._Element:
    findings = [f for f in found if f.verdict is not Verdict.CONTROL_CHAR]
    problems = control_findings(pair)
    context.report(problems)
    unit = etree.Element(_q("trans-unit"), nsmap=NSMAP, id=xml_safe(pair.id))  # type: ignore[arg-type]
    unit.set("resname", xml_safe(pair.id))  # kept by tools that renumber ids (xliff2po keeps resname)
    unit.set(XML_SPACE, "preserve")  # text is exact (tabs, runs of spaces): readers must not normalise it
    low = pair.bead.score < context.low_confidence and not pair.bead.pinned
    target = _content("target", pair.en, findings, EN)
    if not pair.en:
        target.set("state", "needs-translation")
    elif low:
        target.set("state", "needs-review-translation")
    else:
        target.set("state", "signed-off" if pair.bead.pinned else "translated")
        unit.set("approved", "yes")
    unit.append(_content("source", pair.zh, findings, ZH))
    unit.append(target)
    notes = [f for f in findings if f.verdict is not Verdict.OK] + problems
    for finding in notes:
        annotates = "source" if finding.zh_span and not finding.en_span else "target"
        note = etree.SubElement(unit, _q("note"), {"from": TOOL, "annotates": annotates, "priority": "2"})
        note.text = xml_safe(note_text(finding))
    note = etree.SubElement(unit, _q("note"), {"from": TOOL, "annotates": "general", "priority": "10"})
    note.text = f"bead {bead_text(pair.bead)} score {score_text(pair.bead.score)}"
    indent(unit, 3, LEAVES)
    return unit


def _header(alignment: Alignment, context: ExportContext) -> etree._Element:
    header = etree.Element(_q("header"), nsmap=NSMAP)  # type: ignore[arg-type]
    etree.SubElement(header, _q("tool"), {"tool-id": TOOL, "tool-name": TOOL, "tool-version": TOOL_VERSION})
    lines = [
        ("signature", context.signature),
        ("title-zh", alignment.zh.title or ""),
        ("title-en", alignment.en.title or ""),
        ("date", alignment.zh.date or alignment.en.date or ""),
        ("confidence", score_text(alignment.confidence)),
    ]
    for kind, value in lines:
        if value:
            etree.SubElement(header, _q("note"), {"from": TOOL}).text = xml_safe(f"{kind}: {value}")
    indent(header, 2, LEAVES)
    return header


def write_xliff12(items: Iterable[Checked], context: ExportContext, out: BinaryIO) -> None:
    """XLIFF 1.2 strict, one <file> per bulletin."""
    files = 0
    date = iso_datetime(context.date)
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(_q("xliff"), nsmap=NSMAP, version="1.2"):
            for item in items:
                alignment = item.alignment
                if not alignment.beads:
                    log.warning("%s: no beads; left out of the XLIFF file", alignment.id)
                    continue
                files += 1
                attributes = {
                    "original": xml_safe(alignment.id),
                    "source-language": "zh-CN",
                    "target-language": "en",
                    "datatype": "plaintext",
                    "tool-id": TOOL,
                    "date": date,
                }
                xf.write("\n  ")
                with xf.element(_q("file"), attributes):
                    xf.write("\n    ", _header(alignment, context), "\n    ")
                    with xf.element(_q("body")):
                        by_pair = item.by_pair()
                        for pair in alignment.pairs():
                            xf.write("\n      ", trans_unit(pair, by_pair.get(pair.id, ()), context))
                        xf.write("\n    ")
                    xf.write("\n  ")
            xf.write("\n")
    if not files:
        raise ExportError("nothing to export: XLIFF needs at least one bulletin with aligned sentences")


FORMAT = register(
    Format(
        name="xliff12",
        suffixes=(".xliff12.xlf",),
        per_document=False,
        description="XLIFF 1.2 strict, one <file> per bulletin",
        write=write_xliff12,
        read=read_xliff,
    )
)
