"""Reading XLIFF back into pairs, 1.2 (``trans-unit``) and 2.x (``unit``) alike.

Shared by :mod:`bilingual.formats.xliff2` and :mod:`bilingual.formats.xliff12`:
a file with the suffix of either may hold either version, so one reader tells
them apart by namespace and ``version`` and reads any XLIFF, not only ours.
The bead comes from our XLIFF 2 ``<mda:meta type="bead">`` or XLIFF 1.2
``<note>bead ...</note>``; the rest follows :mod:`bilingual.formats.reading`.
XLIFF 2 ``<file id>`` and ``<unit id>`` are NMTOKENs: ids are read back with
:func:`bilingual.names.from_nmtoken` (``_x0020_`` → space), as the writer
escaped them.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from bilingual.errors import InputError
from bilingual.formats.reading import XML_LANG, Units, flatten, lang_side, parse_xml
from bilingual.model import EN, ZH, AlignedPair, parse_bead
from bilingual.names import from_nmtoken
from bilingual.xmlsafe import line_of, local

XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2.0"


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
    units = Units(path)
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
                texts[lang_side(source.get(XML_LANG)) or src_side] = flatten(source, path)
            if target is not None:
                texts[lang_side(target.get(XML_LANG)) or trg_side] = flatten(target, path)
            notes = (n.text or "" for n in unit.iterfind("{*}note"))
            bead = next((parse_bead(n) for n in notes if n.startswith("bead ")), None)
            units.add(unit.get("id"), texts, doc_id, line_of(unit), bead)
    return units.pairs


def _xliff2(root: etree._Element, path: Path) -> list[AlignedPair]:
    src_side, trg_side = _sides(root.get("srcLang"), root.get("trgLang"), path, line_of(root))
    units = Units(path)
    for file in root.iterfind(f"{{{XLIFF2_NS}}}file"):
        doc_id = from_nmtoken(file.get("id") or "")
        for unit in file.iter(f"{{{XLIFF2_NS}}}unit"):
            # A unit's text is its segments and ignorables in order (XLIFF 2 §4.2.2).
            sources: list[str] = []
            targets: list[str] = []
            for part in unit:
                if local(part.tag) not in {"segment", "ignorable"}:
                    continue
                source = part.find(f"{{{XLIFF2_NS}}}source")
                target = part.find(f"{{{XLIFF2_NS}}}target")
                sources.append(flatten(source, path) if source is not None else "")
                targets.append(flatten(target, path) if target is not None else "")
            texts = {src_side: "".join(sources), trg_side: "".join(targets)}
            meta = unit.find("{*}metadata//{*}meta[@type='bead']")
            bead = parse_bead(meta.text) if meta is not None else None
            unit_id = unit.get("id")
            units.add(from_nmtoken(unit_id) if unit_id else None, texts, doc_id, line_of(unit), bead)
    return units.pairs


def read_xliff(path: Path) -> list[AlignedPair]:
    """XLIFF 1.2 (``trans-unit``) or 2.x (``unit``), told apart by version and namespace."""
    root = parse_xml(path)
    if local(root.tag) != "xliff":
        raise InputError(f"expected an <xliff> root element, found <{local(root.tag)}>", path, line_of(root))
    namespace = etree.QName(root.tag).namespace
    version = root.get("version", "")
    if namespace == XLIFF2_NS or version.startswith("2"):
        return _xliff2(root, path)
    if namespace in (XLIFF12_NS, None) or version.startswith("1"):
        return _xliff12(root, path)
    raise InputError(f"unknown XLIFF namespace {namespace!r}", path, line_of(root))
