"""Glossary stage: TBX glossaries, read (TBX v3 and TBX 2008) and written (TBX v3).

Read:
- TBX v3 (ISO 30042:2019, namespace ``urn:iso:std:iso:30042:ed-2``, root
  ``tbx``): ``conceptEntry`` / ``langSec`` / ``termSec`` / ``term``;
- TBX 2008 (ISO 30042:2008, root ``martif``, as memoQ, Trados and
  translate-toolkit write it): ``termEntry`` / ``langSet`` / ``tig`` or
  ``ntig/termGrp`` / ``term``.

Mapping onto :class:`~bilingual.model.Term`: every zh term is a zh form, in
document order. For en terms, ``termNote type="administrativeStatus"``
``preferredTerm-admn-sts`` (or no status) → ``en``; ``admittedTerm-admn-sts``
→ ``en_ok``; ``deprecatedTerm-admn-sts`` and ``supersededTerm-admn-sts`` →
``forbidden``. The entry's ``<note>`` elements are its note (else its
``definition``).

**Case sensitivity.** TBX-Basic has no data category for it, so it is recorded
with one that TBX-Basic allows at the concept level, ``admin`` of type
``projectSubset``: ``<admin type="projectSubset">case-sensitive</admin>`` or
``case-insensitive``; the concept belongs to the subset of entries matched
that way. No such admin: case-sensitive (:class:`~bilingual.model.Term`'s
default). The file written validates against the TBX-Basic integrated RELAX NG
schema and the TBX-Basic DCA Schematron.

XML is parsed with entity resolution, DTD loading and network access off, and
a DOCTYPE with an internal subset is refused before anything is read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lxml import etree

from bilingual import xmlsafe
from bilingual.errors import GlossaryError
from bilingual.glossary.glossary import control_character, where
from bilingual.model import Term
from bilingual.xmlsafe import line_of, local

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CASE_SENSITIVE, CASE_INSENSITIVE = "case-sensitive", "case-insensitive"
PREFERRED, ADMITTED = "preferredTerm-admn-sts", "admittedTerm-admn-sts"
DEPRECATED, SUPERSEDED = "deprecatedTerm-admn-sts", "supersededTerm-admn-sts"
STATUSES = (PREFERRED, ADMITTED, DEPRECATED, SUPERSEDED)
HEADER = (
    "Written by bilingual glossary convert. The case sensitivity of each concept is recorded as "
    '<admin type="projectSubset"> with the value case-sensitive or case-insensitive.'
)
_NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$")


def _text(node: Any) -> str:
    return " ".join("".join(node.itertext()).split())


def parse_xml(data: bytes, path: Path) -> Any:
    """The root of ``data``, parsed safely; errors as GlossaryError with line and column."""
    return xmlsafe.parse(data, path, GlossaryError)


def _lang(node: Any) -> str | None:
    code = (node.get(XML_LANG) or node.get("lang") or "").strip().lower()
    primary = re.split(r"[-_]", code, maxsplit=1)[0]
    if primary in {"zh", "cmn", "zho", "chi"}:
        return "zh"
    if primary in {"en", "eng"}:
        return "en"
    return None


def _status(term: Any) -> str | None:
    """The administrativeStatus of ``term``: a termNote in its termSec, tig or ntig."""
    node = term.getparent()
    while node is not None and local(node.tag) not in {"termSec", "tig", "ntig"}:
        if local(node.tag) in {"langSec", "langSet"}:
            return None
        node = node.getparent()
    if node is None:
        return None
    for note in node.iter():
        if local(note.tag) == "termNote" and note.get("type") == "administrativeStatus":
            return _text(note)
    return None


def _entry(entry: Any, path: Path, number: int) -> Term:
    line = line_of(entry)
    zh: list[str] = []
    en: list[str] = []
    en_ok: list[str] = []
    forbidden: list[str] = []
    case_sensitive = True
    notes: list[str] = []
    definition = ""
    for node in entry.iter():
        name = local(node.tag)
        if name == "admin" and node.get("type") == "projectSubset":
            value = _text(node).lower()
            if value in (CASE_SENSITIVE, CASE_INSENSITIVE):
                case_sensitive = value == CASE_SENSITIVE
        elif name == "note" and node.getparent() is entry:
            notes.append(_text(node))
        elif name == "descrip" and node.get("type") == "definition" and not definition:
            definition = _text(node)
        elif name == "term":
            value = _text(node)
            if not value:
                raise GlossaryError("empty <term>", path, line_of(node))
            holder = node.getparent()
            while holder is not None and local(holder.tag) not in {"langSec", "langSet"}:
                holder = holder.getparent()
            lang = _lang(holder) if holder is not None else None
            if lang == "zh":
                zh.append(value)
            elif lang == "en":
                status = _status(node)
                if status is None or status == PREFERRED:
                    en.append(value)
                elif status == ADMITTED:
                    en_ok.append(value)
                elif status in (DEPRECATED, SUPERSEDED):
                    forbidden.append(value)
                else:
                    raise GlossaryError(
                        f"administrativeStatus {status!r} is not one of {', '.join(STATUSES)}",
                        path,
                        line_of(node),
                    )
    return Term(
        id=(entry.get("id") or f"entry-{line or number}").strip(),
        zh=tuple(zh),
        en=tuple(en),
        en_ok=tuple(en_ok),
        forbidden=tuple(forbidden),
        case_sensitive=case_sensitive,
        note=" ".join(notes) or definition,
        source=f"{path}:{line}" if line else str(path),
    )


def read_tbx(data: bytes, path: Path) -> list[Term]:
    """Terms of a TBX v3 or TBX 2008 (martif) file."""
    root = parse_xml(data, path)
    kind = local(root.tag)
    if kind == "tbx":
        entry_name = "conceptEntry"
    elif kind == "martif":
        entry_name = "termEntry"
    else:
        raise GlossaryError(
            f"root element <{kind}> is neither <tbx> (TBX v3) nor <martif> (TBX 2008)", path, 1
        )
    entries = [n for n in root.iter() if local(n.tag) == entry_name]
    return [_entry(e, path, i) for i, e in enumerate(entries, 1)]


def write_tbx(terms: Sequence[Term]) -> bytes:
    """TBX v3, TBX-Basic dialect, DCA style: deterministic bytes for ``terms``.

    Terms that XML cannot hold (a control character, an id that is no XML
    id) are a :class:`GlossaryError` naming the entry's file and line, as
    :func:`~bilingual.glossary.glossary.validate` reports control characters.
    """
    E = f"{{{TBX_NS}}}"
    root = etree.Element(E + "tbx", nsmap={None: TBX_NS})  # type: ignore[dict-item]
    root.set("type", "TBX-Basic")
    root.set("style", "dca")
    root.set(XML_LANG, "en")
    header = etree.SubElement(root, E + "tbxHeader")
    source = etree.SubElement(etree.SubElement(header, E + "fileDesc"), E + "sourceDesc")
    etree.SubElement(source, E + "p").text = HEADER
    body = etree.SubElement(etree.SubElement(root, E + "text"), E + "body")
    for t in terms:
        problem = control_character(t)
        if problem is None and not _NCNAME.match(t.id):
            problem = f"id {t.id!r} is not a valid XML id (letters, digits, '.-_', not first a digit)"
        if problem:
            raise GlossaryError(problem, *where(t))
        entry = etree.SubElement(body, E + "conceptEntry", id=t.id)
        admin = etree.SubElement(entry, E + "admin", type="projectSubset")
        admin.text = CASE_SENSITIVE if t.case_sensitive else CASE_INSENSITIVE
        if t.note:
            etree.SubElement(entry, E + "note").text = t.note
        sides = (
            ("zh", [(z, PREFERRED if i == 0 else ADMITTED) for i, z in enumerate(t.zh)]),
            (
                "en",
                [(e, PREFERRED) for e in t.en]
                + [(e, ADMITTED) for e in t.en_ok]
                + [(e, DEPRECATED) for e in t.forbidden],
            ),
        )
        for lang, forms in sides:
            lang_sec = etree.SubElement(entry, E + "langSec")
            lang_sec.set(XML_LANG, lang)
            for form, status in forms:
                sec = etree.SubElement(lang_sec, E + "termSec")
                etree.SubElement(sec, E + "term").text = form
                etree.SubElement(sec, E + "termNote", type="administrativeStatus").text = status
    etree.indent(root, space="  ")
    body_text = etree.tostring(root, encoding="unicode", pretty_print=True)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body_text).encode("utf-8")
