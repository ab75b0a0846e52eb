"""TMX 1.4b, the translation-memory exchange format CAT tools import: written and read back.

One ``<tu tuid="BEAD-ID">`` per bead with a ``zh-CN`` and an ``en`` ``<tuv>``
(an empty side is an empty ``<seg/>``, so every bead keeps its id). Per-unit
``<prop>``s carry the document id, both titles, the date and the bead score;
the header carries the signature, and a ``<prop type="x-bead-id">`` repeats
the bead id for tools that renumber ``tuid``. A translation memory is for
leverage: by default (``context.marks`` None or ``"none"``) segments carry no
inline marks, since CAT tools (OmegaT) count an inline element as a
difference and lose the exact match. ``marks="terms"`` marks glossary terms
with ``<hi type="term">`` (the only TMX 1.4b inline element for plain
highlighted text; ``bpt``/``ept``/``ph`` are reserved for native codes),
``"findings"`` marks problem findings ``<hi type="x-VERDICT">``, ``"all"``
both. Problem findings always travel as ``<note>``s, whatever the marks, each
ending with its status and id (``[status: open; id …]``, or ``[status: accepted
(REASON); id …]`` when the corpus's ignore list accepts it); a unit with
findings has the prop ``x-findings-status`` (``open`` while any is open, else
``accepted``), for tools that filter units on props.
Characters XML cannot hold are written as placeholders
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
from bilingual.formats.markup import add_text, control_findings, marked, runs, status_text, xml_safe
from bilingual.formats.reading import (
    Units,
    flatten,
    is_traditional,
    lang_side,
    note_traditional,
    parse_xml,
    refuse_languages,
)
from bilingual.formats.registry import ExportContext, Format, register
from bilingual.formats.xmlstream import TOOL, TOOL_VERSION, XML_LANG, compact_datetime, indent, score_text
from bilingual.model import (
    EN,
    ZH,
    AlignedPair,
    Alignment,
    Checked,
    Finding,
    Verdict,
    bead_text,
    parse_bead,
    parse_bead_id,
)
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
            status = "" if finding.verdict is Verdict.CONTROL_CHAR else f" [{status_text(finding)}]"
            etree.SubElement(tu, "note").text = xml_safe(f"{label}: {finding.message}{status}")
    _prop(tu, "x-document", alignment.id)
    checked = [f for f in findings if f.verdict not in (Verdict.OK, Verdict.CONTROL_CHAR)]
    if checked:  # a tool filters units on props: open while any finding is open
        _prop(tu, "x-findings-status", "open" if any(f.accepted is None for f in checked) else "accepted")
    for side, doc in ((ZH, alignment.zh), (EN, alignment.en)):
        if doc.title:
            _prop(tu, "x-doc-title", doc.title, LANGS[side])
    if alignment.zh.date or alignment.en.date:
        _prop(tu, "x-doc-date", alignment.zh.date or alignment.en.date or "")
    _prop(tu, "x-bead-id", pair.id)  # survives tools that drop or renumber tuid (po2tmx)
    _prop(tu, "x-bead", bead_text(pair.bead))
    _prop(tu, "x-score", score_text(pair.bead.score))
    inline = marked(findings, context.marks or "none")
    for side, text in ((ZH, pair.zh), (EN, pair.en)):
        tuv = etree.SubElement(tu, "tuv")
        tuv.set(XML_LANG, LANGS[side])
        tuv.append(_seg(text, inline, side))
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


def _choose(
    candidates: list[tuple[str, str, etree._Element]], wanted: str | None, side: str
) -> tuple[str, str, etree._Element]:
    """The variant of one side to read: the one ``wanted`` names, else simplified (zh), else the first."""
    if wanted:
        for candidate in candidates:
            if candidate[0].lower().replace("_", "-") == wanted.lower().replace("_", "-"):
                return candidate
    if side == ZH:
        simplified = [c for c in candidates if not is_traditional(c[0])]
        if simplified:
            return simplified[0]
    return candidates[0]


def read_tmx(
    path: Path, *, zh_variant: str | None = None, en_variant: str | None = None
) -> list[AlignedPair]:
    """TMX 1.4 (1.1 ``lang`` accepted): one pair per ``<tu>``, id from ``tuid``.

    A unit with two variants of one side (``zh-CN`` and ``zh-TW``) reads the one
    ``zh_variant``/``en_variant`` names, else the header's ``srclang`` if it is
    one of them, else simplified Chinese (the first English); the file's log
    says which, once per file. A file whose languages are not Chinese and
    English (zh and fr) is refused naming the languages it has; one of them
    alone is read as one-sided pairs.
    """
    root = parse_xml(path)
    if local(root.tag) != "tmx":
        raise InputError(f"expected a <tmx> root element, found <{local(root.tag)}>", path, line_of(root))
    header = root.find("{*}header")
    srclang = header.get("srclang") if header is not None else None
    wanted = {
        ZH: zh_variant or (srclang if lang_side(srclang) == ZH else None),
        EN: en_variant or (srclang if lang_side(srclang) == EN else None),
    }
    units = Units(path)
    languages: dict[str, None] = {}
    chosen: dict[str, set[tuple[str, ...]]] = {ZH: set(), EN: set()}
    zh_codes: set[str] = set()
    for tu in root.iter("{*}tu"):
        found: dict[str, list[tuple[str, str, etree._Element]]] = {ZH: [], EN: []}
        for tuv in tu.iterfind("{*}tuv"):
            code = tuv.get(XML_LANG) or tuv.get("lang")
            if not code:
                raise InputError("<tuv> without xml:lang", path, line_of(tuv))
            languages.setdefault(code, None)
            side = lang_side(code)
            if side is None:
                log.debug("%s:%s: skipping <tuv xml:lang=%r>", path, line_of(tuv), code)
                continue
            seg = tuv.find("{*}seg")
            found[side].append((code, flatten(seg, path) if seg is not None else "", tuv))
        texts: dict[str, str] = {}
        for side, candidates in found.items():
            if not candidates:
                continue
            code, text, _ = _choose(candidates, wanted[side], side)
            if len(candidates) > 1:
                chosen[side].add((code, *sorted(c[0] for c in candidates)))
            if side == ZH:
                zh_codes.add(code)
            texts[side] = text
        doc_id = ""
        bead = None
        tuid = tu.get("tuid")
        for prop in tu.iterfind("{*}prop"):
            kind = (prop.get("type") or "").lower()
            if kind == "x-bead":
                bead = parse_bead(prop.text)
            elif kind == "x-bead-id" and not tuid:
                tuid = (prop.text or "").strip() or None
            elif kind == "x-context" and not tuid and parse_bead_id((prop.text or "").strip()):
                # translate-toolkit's po2tmx keeps our PO's msgctxt (a bead id) here, writing no tuid.
                # Other contexts are not ids: a catalog may reuse one msgctxt for several msgids.
                tuid = (prop.text or "").strip()
            elif not doc_id and "doc" in kind and "title" not in kind and "date" not in kind:
                doc_id = (prop.text or "").strip()
        units.add(tuid, texts, doc_id, line_of(tu), bead)
    sides = {lang_side(code) for code in languages}
    # zh + fr is not a zh-en memory; a file of one of them only (en) is read, one-sided.
    if languages and not {ZH, EN} <= sides and (None in sides or not sides & {ZH, EN}):
        raise refuse_languages(languages, path, line_of(root))
    for side, asked in ((ZH, zh_variant), (EN, en_variant)):
        have = [code for code in languages if lang_side(code) == side]
        if asked and asked.lower() not in {code.lower() for code in have}:
            raise InputError(
                f"no {side} variant {asked!r} in this file (it has {', '.join(have) or 'none'})",
                path,
                line_of(root),
            )
    for side, picks in chosen.items():
        for code, *among in sorted(picks):
            log.warning("%s: units with %s variants %s: read %s", path, side, ", ".join(among), code)
    for code in sorted(zh_codes):
        note_traditional(code, path)
    return units.pairs


FORMAT = register(
    Format(
        name="tmx",
        suffixes=(".tmx",),
        per_document=False,
        description="TMX 1.4b translation memory (one <tu> per bead)",
        write=write_tmx,
        read=read_tmx,
        variants=True,
    )
)
