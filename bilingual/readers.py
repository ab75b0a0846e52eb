"""Reading aligned pairs back from exchange files: TMX 1.4, XLIFF 1.2 / 2.x and PO.

Stage: input edge, beside :mod:`bilingual.corpus`. The exporters write these
formats from the model; this module reads them back into the model's
:class:`~bilingual.model.AlignedPair` so that ``score`` can compare two
versions and the glossary ``check`` can run over a translator's file. It does
not align, segment or normalise anything: text comes back as written, inline
markup flattened to its text.

Conventions (every reader keeps them):
- ``AlignedPair.id`` is the format's own unit id (TMX ``tuid``, XLIFF
  ``trans-unit``/``unit`` ``id``, PO ``msgctxt``); where the file gives none,
  the 1-based running number of the unit in the file (as a string), which is
  what a plain-text line number would be;
- which side is ``zh`` and which ``en`` comes from the language attributes
  (``xml:lang``, ``srclang``, ``source-language``, ``srcLang``...), never from
  position; PO is the exception: msgid is zh, msgstr is en, as our exporter
  writes it;
- ``AlignedPair.doc_id`` is the document the file says the unit belongs to
  (XLIFF ``<file id>``, a TMX ``<prop>`` naming the document), else the part
  of a bead id (:func:`bilingual.model.bead_id`) before ``:z``, else "";
- ``AlignedPair.bead`` is the bead our exporters record (TMX ``<prop
  type="x-bead">``, XLIFF 2 ``<mda:meta type="bead">``, a XLIFF 1.2 ``<note>`` or
  PO ``#.`` comment ``bead ... [0,1]:[2]:0.930``), else the segment ranges of a
  bead id ``doc:z3-4:e5`` (score 1.0), else a placeholder ``[n]:[n]`` (n the
  0-based running number; an empty side gives an empty tuple);
- XML is parsed with entity resolution, DTD loading and network access off;
  a DOCTYPE with an internal subset (entity or element declarations) is
  refused, since it is the vehicle of entity-expansion attacks.

Errors are :class:`~bilingual.errors.InputError` with the path and, where
known, the 1-based line.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import polib
from lxml import etree

from bilingual import xmlsafe
from bilingual.errors import InputError
from bilingual.model import EN, ZH, AlignedPair, Bead
from bilingual.xmlsafe import line_of, local

log = logging.getLogger(__name__)

Reader = Callable[[Path], list[AlignedPair]]

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2.0"

# Inline elements whose content is native code (TMX 1.4, XLIFF 1.2), not text:
# their content is dropped, their tail kept.
_CODE_ELEMENTS = frozenset({"bpt", "ept", "ph", "it", "ut"})


def lang_side(code: str | None) -> str | None:
    """``"zh"`` or ``"en"`` for a language tag (``zh-CN``, ``zh_Hans``, ``EN-us``), else None."""
    if not code:
        return None
    primary = re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0]
    if primary in {"zh", "cmn", "chi", "zho"}:
        return ZH
    if primary in {"en", "eng"}:
        return EN
    return None


def _parse_xml(path: Path) -> etree._Element:
    """Parse ``path`` safely; refuse internal DTD subsets; errors as InputError with the line."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from exc
    return xmlsafe.parse(data, path)


def flatten(element: etree._Element) -> str:
    """The text of ``element`` with inline markup (``<mrk>``, ``<g>``, ``<hi>``, ``<pc>``) flattened.

    Native-code elements (``<bpt>``, ``<ph>``...) contribute nothing; XLIFF 2's
    ``<cp hex="0004"/>`` gives back the character it stands for.
    """
    parts: list[str] = [element.text or ""]
    for child in element:
        name = local(child.tag)
        if name == "cp":
            # An invalid code point becomes U+FFFD: visible, never silently dropped.
            try:
                parts.append(chr(int(child.get("hex", ""), 16)))
            except (ValueError, OverflowError):
                parts.append("\ufffd")
        elif name and name not in _CODE_ELEMENTS:
            parts.append(flatten(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _doc_from_id(unit_id: str) -> str:
    """The document part of a bead id ``doc:z3-4:e5``; "" when the id has no such form."""
    match = re.fullmatch(r"(.+):z[0-9-]*:e[0-9-]*", unit_id)
    return match.group(1) if match else ""


_BEAD_TEXT = re.compile(r"\[([0-9,]*)\]:\[([0-9,]*)\](?::([0-9.]+))?")
_BEAD_ID = re.compile(r"(.+):z([0-9]*)(?:-([0-9]+))?:e([0-9]*)(?:-([0-9]+))?")


def parse_bead(text: str | None) -> Bead | None:
    """The bead in Vecalign's text form somewhere in ``text`` (``[0,1]:[2]:0.930``), or None."""
    match = _BEAD_TEXT.search(text or "")
    if match is None:
        return None
    zh, en, score = match.groups()
    try:
        return Bead(
            zh=tuple(int(i) for i in zh.split(",") if i),
            en=tuple(int(i) for i in en.split(",") if i),
            score=float(score) if score else 1.0,
            pinned="pinned" in (text or ""),
        )
    except ValueError:  # "1.2.3" as a score: not a bead we wrote
        return None


def bead_from_id(unit_id: str) -> Bead | None:
    """The segment ranges of a bead id (:func:`bilingual.model.bead_id`): ``d:z3-4:e5`` → [3,4]:[5]."""
    match = _BEAD_ID.fullmatch(unit_id)
    if match is None:
        return None

    def span(first: str, last: str | None) -> tuple[int, ...]:
        if not first:
            return ()
        return tuple(range(int(first), int(last or first) + 1))

    _, z1, z2, e1, e2 = match.groups()
    if (z2 and int(z2) < int(z1)) or (e2 and int(e2) < int(e1)):
        return None
    return Bead(zh=span(z1, z2), en=span(e1, e2))


def _pair(
    unit_id: str,
    number: int,
    texts: dict[str, str],
    doc_id: str,
    seen: dict[tuple[str, str], int],
    path: Path,
    line: int | None,
    bead: Bead | None = None,
) -> AlignedPair:
    # Ids are unique per document (XLIFF unit ids are unique only within their <file>).
    doc_id = doc_id or _doc_from_id(unit_id)
    if (doc_id, unit_id) in seen:
        first = seen[doc_id, unit_id]
        raise InputError(f"duplicate id {unit_id!r} (first at line {first})", path, line)
    seen[doc_id, unit_id] = line or 0
    zh, en = texts.get(ZH, ""), texts.get(EN, "")
    bead = bead or bead_from_id(unit_id) or Bead(zh=(number,) if zh else (), en=(number,) if en else ())
    return AlignedPair(id=unit_id, zh=zh, en=en, bead=bead, doc_id=doc_id)


def read_tmx(path: Path) -> list[AlignedPair]:
    """TMX 1.4 (1.1 ``lang`` accepted): one pair per ``<tu>``, id from ``tuid``."""
    root = _parse_xml(path)
    if local(root.tag) != "tmx":
        raise InputError(f"expected a <tmx> root element, found <{local(root.tag)}>", path, line_of(root))
    pairs: list[AlignedPair] = []
    seen: dict[tuple[str, str], int] = {}
    for number, tu in enumerate(root.iter("{*}tu")):
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
            texts[side] = flatten(seg) if seg is not None else ""
        doc_id = ""
        bead = None
        for prop in tu.iterfind("{*}prop"):
            kind = (prop.get("type") or "").lower()
            if kind == "x-bead":
                bead = parse_bead(prop.text)
            elif not doc_id and "doc" in kind and "title" not in kind and "date" not in kind:
                doc_id = (prop.text or "").strip()
        unit_id = tu.get("tuid") or str(number + 1)
        pairs.append(_pair(unit_id, number, texts, doc_id, seen, path, line_of(tu), bead))
    return pairs


def _sides(source_lang: str | None, target_lang: str | None, path: Path, line: int | None) -> tuple[str, str]:
    """(side of <source>, side of <target>); one known language implies the other."""
    src, trg = lang_side(source_lang), lang_side(target_lang)
    if src is None and trg is not None:
        src = ZH if trg == EN else EN
    if trg is None and src is not None:
        trg = ZH if src == EN else EN
    if src is None or trg is None or src == trg:
        raise InputError(
            f"cannot tell the zh and en sides (source {source_lang!r}, target {target_lang!r})", path, line
        )
    return src, trg


def _xliff12(root: etree._Element, path: Path) -> list[AlignedPair]:
    pairs: list[AlignedPair] = []
    seen: dict[tuple[str, str], int] = {}
    number = 0
    for file in root.iter(f"{{{XLIFF12_NS}}}file", "file"):
        src_side, trg_side = _sides(
            file.get("source-language"), file.get("target-language"), path, line_of(file)
        )
        doc_id = file.get("original") or ""
        for unit in file.iter(f"{{{XLIFF12_NS}}}trans-unit", "trans-unit"):
            texts: dict[str, str] = {}
            source = unit.find("{*}source")
            target = unit.find("{*}target")
            if source is not None:
                texts[lang_side(source.get(XML_LANG)) or src_side] = flatten(source)
            if target is not None:
                texts[lang_side(target.get(XML_LANG)) or trg_side] = flatten(target)
            notes = (n.text or "" for n in unit.iterfind("{*}note"))
            bead = next((parse_bead(n) for n in notes if n.startswith("bead ")), None)
            unit_id = unit.get("id") or str(number + 1)
            pairs.append(_pair(unit_id, number, texts, doc_id, seen, path, line_of(unit), bead))
            number += 1
    return pairs


def _xliff2(root: etree._Element, path: Path) -> list[AlignedPair]:
    src_side, trg_side = _sides(root.get("srcLang"), root.get("trgLang"), path, line_of(root))
    pairs: list[AlignedPair] = []
    seen: dict[tuple[str, str], int] = {}
    number = 0
    for file in root.iterfind(f"{{{XLIFF2_NS}}}file"):
        doc_id = file.get("id") or ""
        for unit in file.iter(f"{{{XLIFF2_NS}}}unit"):
            # A unit's text is its segments and ignorables in order (XLIFF 2 §4.2.2).
            sources: list[str] = []
            targets: list[str] = []
            for part in unit:
                if local(part.tag) not in {"segment", "ignorable"}:
                    continue
                source = part.find(f"{{{XLIFF2_NS}}}source")
                target = part.find(f"{{{XLIFF2_NS}}}target")
                sources.append(flatten(source) if source is not None else "")
                targets.append(flatten(target) if target is not None else "")
            texts = {src_side: "".join(sources), trg_side: "".join(targets)}
            meta = unit.find("{*}metadata//{*}meta[@type='bead']")
            bead = parse_bead(meta.text) if meta is not None else None
            unit_id = unit.get("id") or str(number + 1)
            pairs.append(_pair(unit_id, number, texts, doc_id, seen, path, line_of(unit), bead))
            number += 1
    return pairs


def read_xliff(path: Path) -> list[AlignedPair]:
    """XLIFF 1.2 (``trans-unit``) or 2.x (``unit``), told apart by version and namespace."""
    root = _parse_xml(path)
    if local(root.tag) != "xliff":
        raise InputError(f"expected an <xliff> root element, found <{local(root.tag)}>", path, line_of(root))
    namespace = etree.QName(root.tag).namespace
    version = root.get("version", "")
    if namespace == XLIFF2_NS or version.startswith("2"):
        return _xliff2(root, path)
    if namespace in (XLIFF12_NS, None) or version.startswith("1"):
        return _xliff12(root, path)
    raise InputError(f"unknown XLIFF namespace {namespace!r}", path, line_of(root))


# The msgid :mod:`bilingual.export.po` writes for a 0-1 bead (English added in
# translation); kept equal to ``bilingual.export.po.ADDED_MSGID`` by a test.
ADDED_MSGID = "〔译文增补〕"


def read_po(path: Path) -> list[AlignedPair]:
    """PO: msgctxt (else the running number) → id, msgid → zh, msgstr → en; obsolete entries skipped."""
    try:
        catalog = polib.pofile(str(path))
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        message = str(exc)
        match = re.search(r"\(line (\d+)\)", message)
        line = int(match.group(1)) if match else None
        message = re.sub(r"\s*\(line \d+\)", "", message).replace(f" {path}", "")
        raise InputError(message or "cannot read PO file", path, line) from exc
    pairs: list[AlignedPair] = []
    seen: dict[tuple[str, str], int] = {}
    number = 0
    for entry in catalog:
        if entry.obsolete:
            continue
        msgstr = entry.msgstr
        if entry.msgid_plural and entry.msgstr_plural:
            msgstr = entry.msgstr_plural.get(0, "")
        unit_id = entry.msgctxt or str(number + 1)
        # Our PO exporter writes a placeholder msgid for a 0-1 bead (PO has no empty msgid).
        zh = "" if entry.msgid == ADDED_MSGID else entry.msgid
        bead_lines = [c for c in (entry.comment or "").splitlines() if c.startswith("bead ")]
        bead = parse_bead(bead_lines[0]) if bead_lines else None
        pairs.append(_pair(unit_id, number, {ZH: zh, EN: msgstr}, "", seen, path, entry.linenum, bead))
        number += 1
    return pairs


# The one registry of pair readers, by lower-case file suffix.
READERS: dict[str, Reader] = {
    ".tmx": read_tmx,
    ".xlf": read_xliff,
    ".xliff": read_xliff,
    ".xlf2": read_xliff,
    ".po": read_po,
    ".pot": read_po,
}


def reader_for(path: Path) -> Reader | None:
    return READERS.get(path.suffix.lower())


def read_pairs(path: Path) -> list[AlignedPair]:
    """The aligned pairs of a TMX, XLIFF or PO file, chosen by its suffix."""
    reader = reader_for(path)
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise InputError(
            f"unknown pair format {path.suffix or '(no suffix)'!r}; expected one of {known}", path
        )
    if not path.is_file():
        raise InputError("no such file", path)
    return reader(path)


def texts(pairs: Iterable[AlignedPair], side: str) -> dict[str, str]:
    """``{id: text}`` of one side of ``pairs``, in file order."""
    return {pair.id: pair.zh if side == ZH else pair.en for pair in pairs}
