"""Glossary stage: TBX glossaries, read (TBX v3 and TBX 2008) and written (TBX v3).

Read:
- TBX v3 (ISO 30042:2019, namespace ``urn:iso:std:iso:30042:ed-2``, root
  ``tbx``): ``conceptEntry`` / ``langSec`` / ``termSec`` / ``term``;
  Basic, Min and Core, DCA style (``<termNote type="administrativeStatus">``)
  and DCT style (``<min:administrativeStatus>``, ``<basic:...>``);
- TBX 2008 (ISO 30042:2008, root ``martif``, as memoQ, Trados and
  translate-toolkit write it): ``termEntry`` / ``langSet`` / ``tig`` or
  ``ntig/termGrp`` / ``term``; any other root holding ``termEntry`` elements
  (a ``<martifHeader>``-rooted export) reads the same way;
- SDL MultiTerm XML (root ``mtf``): ``conceptGrp`` / ``languageGrp``
  (``<language lang="EN-US">``) / ``termGrp`` / ``term``.

Mapping onto :class:`~bilingual.model.Term`: every zh term is a zh form, in
document order. For en terms, the administrative status (or TBX 2008's
``normativeAuthorization``) ``preferredTerm-admn-sts`` (or no status) →
``en``; ``admittedTerm-admn-sts`` → ``en_ok``; ``deprecatedTerm-admn-sts``,
``supersededTerm-admn-sts`` (and the short forms ``preferred``, ``admitted``,
``deprecated``, ``superseded`` Min and MultiTerm write) → ``forbidden``; any
other status (``obsolete``) → ``forbidden`` too, with a warning counting
them. The entry's ``<note>`` elements are its note (else its ``definition``).

An empty ``<term/>`` is no term (Weblate and translate-toolkit write one for
each language not yet translated). An entry without a Chinese or without an
approved (preferred or admitted) English term is skipped, with one
warning counting them (``strict=True`` refuses the file instead, naming the
first such entry's line); a file none of whose entries has both is refused
naming the languages it has.

**Case sensitivity.** TBX-Basic has no data category for it, so it is recorded
with one that TBX-Basic allows at the concept level, ``admin`` of type
``projectSubset``: ``<admin type="projectSubset">case-sensitive</admin>`` or
``case-insensitive``; the concept belongs to the subset of entries matched
that way. No such admin: case-sensitive (:class:`~bilingual.model.Term`'s
default). The file written validates against the TBX-Basic integrated RELAX NG
schema and the TBX-Basic DCA Schematron.

**Severity** (ours, read only): ``<admin type="severity">warning</admin>`` in
a concept entry makes its findings warnings (reported, never failing a
check); ``error`` or no such admin: errors. Not written, since TBX-Basic has
no such admin type (the CSV's ``severity`` column keeps it).

XML is parsed with entity resolution, DTD loading and network access off, and
a DOCTYPE with an internal subset is refused before anything is read.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import replace
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
_STATUS_NAMES = frozenset({"administrativeStatus", "normativeAuthorization"})
_SHORT = {
    "preferred": PREFERRED,
    "preferredterm": PREFERRED,
    "standardizedterm-admn-sts": PREFERRED,
    "admitted": ADMITTED,
    "admittedterm": ADMITTED,
    "deprecated": DEPRECATED,
    "deprecatedterm": DEPRECATED,
    "superseded": SUPERSEDED,
    "supersededterm": SUPERSEDED,
}
_ENTRIES = ("conceptEntry", "termEntry", "conceptGrp")
_LANG_HOLDERS = frozenset({"langSec", "langSet", "languageGrp"})
log = logging.getLogger(__name__)


def _text(node: Any) -> str:
    return " ".join("".join(node.itertext()).split())


def parse_xml(data: bytes, path: Path) -> Any:
    """The root of ``data``, parsed safely; errors as GlossaryError with line and column."""
    return xmlsafe.parse(data, path, GlossaryError)


def _code(node: Any) -> str:
    """The language tag of a langSec/langSet, or of a MultiTerm languageGrp's ``<language lang>``."""
    code = node.get(XML_LANG) or node.get("lang") or ""
    if not code and local(node.tag) == "languageGrp":
        language = next((c for c in node if local(c.tag) == "language"), None)
        code = (language.get("lang") or language.get("type") or "") if language is not None else ""
    return str(code).strip()


def _lang(node: Any) -> str | None:
    code = _code(node).lower()
    primary = re.split(r"[-_]", code, maxsplit=1)[0]
    if primary in {"zh", "cmn", "zho", "chi"}:
        return "zh"
    if primary in {"en", "eng", "english"}:
        return "en"
    if primary in {"chinese"}:
        return "zh"
    return None


def _status(term: Any) -> str | None:
    """The administrative status of ``term`` in its termSec, tig, ntig or termGrp.

    DCA style ``<termNote type="administrativeStatus">`` (TBX 2008's
    ``normativeAuthorization`` too) or DCT style ``<min:administrativeStatus>``.
    """
    node = term.getparent()
    while node is not None and local(node.tag) not in {"termSec", "tig", "ntig", "termGrp"}:
        if local(node.tag) in _LANG_HOLDERS:
            return None
        node = node.getparent()
    if node is None:
        return None
    if local(node.tag) == "termGrp" and local(node.getparent().tag) == "ntig":
        node = node.getparent()
    for note in node.iter():
        name = local(note.tag)
        if (name == "termNote" and note.get("type") in _STATUS_NAMES) or name in _STATUS_NAMES:
            return _text(note)
    return None


def _normal_status(status: str) -> str:
    """A status in its TBX-Basic form (``deprecated`` → ``deprecatedTerm-admn-sts``), else as written."""
    return _SHORT.get(status.strip().lower(), status.strip())


def _entry(entry: Any, path: Path, number: int, unknown: list[str]) -> tuple[Term, set[str]]:
    """The term of one entry and the language tags it holds; ``unknown`` collects odd statuses."""
    line = line_of(entry)
    zh: list[str] = []
    en: list[str] = []
    en_ok: list[str] = []
    forbidden: list[str] = []
    case_sensitive = True
    severity = "error"
    notes: list[str] = []
    definition = ""
    languages: set[str] = set()
    for node in entry.iter():
        name = local(node.tag)
        if name == "admin" and node.get("type") == "projectSubset":
            value = _text(node).lower()
            if value in (CASE_SENSITIVE, CASE_INSENSITIVE):
                case_sensitive = value == CASE_SENSITIVE
        elif name == "admin" and node.get("type") == "severity":
            # Ours, not TBX's: <admin type="severity">warning</admin> (error when absent).
            value = _text(node).lower()
            if value not in ("error", "warning"):
                raise GlossaryError(f"severity {value!r} is not error or warning", path, line_of(node))
            severity = value
        elif name == "note" and node.getparent() is entry:
            notes.append(_text(node))
        elif name == "descrip" and node.get("type") == "definition" and not definition:
            definition = _text(node)
        elif name == "term":
            value = _text(node)
            if not value:  # a slot not yet filled (<term/>, as Weblate writes): no term
                continue
            holder = node.getparent()
            while holder is not None and local(holder.tag) not in _LANG_HOLDERS:
                holder = holder.getparent()
            lang = _lang(holder) if holder is not None else None
            if holder is not None and _code(holder):
                languages.add(_code(holder))
            if lang == "zh":
                zh.append(value)
            elif lang == "en":
                raw = _status(node)
                status = _normal_status(raw) if raw is not None else None
                if status is None or status == PREFERRED:
                    en.append(value)
                elif status == ADMITTED:
                    en_ok.append(value)
                elif status in (DEPRECATED, SUPERSEDED):
                    forbidden.append(value)
                else:  # not a TBX status (obsolete, ...): never approve what a term base doubts
                    unknown.append(f"{raw!r} at line {line_of(node)}")
                    forbidden.append(value)
    term = Term(
        id=(entry.get("id") or f"entry-{line or number}").strip(),
        zh=tuple(zh),
        en=tuple(en),
        en_ok=tuple(en_ok),
        forbidden=tuple(forbidden),
        case_sensitive=case_sensitive,
        note=" ".join(notes) or definition,
        source=f"{path}:{line}" if line else str(path),
        severity=severity,
    )
    return term, languages


def read_tbx(data: bytes, path: Path, *, strict: bool = False) -> list[Term]:
    """Terms of a TBX v3, TBX 2008 (martif) or MultiTerm XML file (see the module docstring)."""
    root = parse_xml(data, path)
    kind = local(root.tag)
    entries: list[Any] = []
    for name in _ENTRIES:
        entries = [n for n in root.iter() if local(n.tag) == name]
        if entries:
            break
    if not entries and kind not in {"tbx", "martif", "mtf"}:
        raise GlossaryError(
            f"root element <{kind}> is neither <tbx> (TBX v3) nor <martif> (TBX 2008) and holds no entries",
            path,
            1,
        )
    unknown: list[str] = []
    terms: list[Term] = []
    skipped: list[Term] = []
    languages: set[str] = set()
    for number, entry in enumerate(entries, 1):
        term, langs = _entry(entry, path, number, unknown)
        languages |= langs
        if term.zh and not term.en and term.en_ok:  # only admitted renderings: the first is preferred
            term = replace(term, en=term.en_ok[:1], en_ok=term.en_ok[1:])
        if term.zh and term.en:
            terms.append(term)
        else:
            skipped.append(term)
    if skipped and strict:
        first = skipped[0]
        raise GlossaryError(
            f"entry {first.id!r} has no {'Chinese' if not first.zh else 'approved English'} term "
            f"({len(skipped)} such entr{'y' if len(skipped) == 1 else 'ies'}); refused (strict)",
            *where(first),
        )
    if entries and not terms:
        named = ", ".join(sorted(languages)) or "none named"
        raise GlossaryError(f"no entry has both a Chinese and an English term (languages: {named})", path, 1)
    if skipped:
        log.warning(
            "%s: %d entr%s without a Chinese or an approved English term skipped (first at line %s)",
            path,
            len(skipped),
            "y" if len(skipped) == 1 else "ies",
            where(skipped[0])[1],
        )
    if unknown:
        log.warning(
            "%s: %d term(s) with a status that is not a TBX one read as deprecated: %s",
            path,
            len(unknown),
            "; ".join(unknown[:5]) + (" ..." if len(unknown) > 5 else ""),
        )
    return terms


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
