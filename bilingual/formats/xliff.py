"""Reading XLIFF back into pairs: 1.0, 1.1, 1.2 (``trans-unit``) and 2.0, 2.1, 2.2 (``unit``) alike.

Shared by :mod:`bilingual.formats.xliff2` and :mod:`bilingual.formats.xliff12`:
a file with the suffix of either may hold either version, so one reader tells
them apart by namespace and ``version`` and reads any XLIFF, not only ours:
XLIFF 1.x by ``<trans-unit>`` (namespaces 1.1 and 1.2, none for 1.0; OmegaT
writes 1.1 without a ``version``), XLIFF 2.x by ``<unit>``, its segments and
ignorables joined (namespace ``...:2.0`` for 2.0 and 2.1, ``...:2.2``). Elements
are found by local name, so a namespace we do not know of one version still
reads. Languages come from ``source-language``/``target-language`` (1.x) and
``srcLang``/``trgLang`` (2.x); a file whose languages are not Chinese and
English (a French target, say) is refused naming them.
The bead comes from our XLIFF 2 ``<mda:meta type="bead">`` or XLIFF 1.2
``<note>bead ...</note>``; the rest follows :mod:`bilingual.formats.reading`.
XLIFF 2 ``<file id>`` and ``<unit id>`` are NMTOKENs: ids are read back with
:func:`bilingual.names.from_nmtoken` (``_x0020_`` → space), as the writer
escaped them. An XLIFF 1.2 target in state ``new`` or ``needs-translation`` is
read as untranslated (a copy of the source, say), as a fuzzy PO entry is; an
XLIFF 2 ``<ignorable>`` without a target stands in the target as its source.
Before any of that, XLIFF 1.2 and 2.x are validated against the OASIS XSDs
(:mod:`bilingual.formats.xliff_schema`): a file that breaks them is refused
naming the line and the rule.
"""

from __future__ import annotations

import logging
from pathlib import Path

from lxml import etree

from bilingual.errors import InputError
from bilingual.formats.reading import (
    XML_LANG,
    Units,
    flatten,
    lang_side,
    note_traditional,
    parse_xml,
    refuse_languages,
)
from bilingual.formats.xliff_schema import schema_version, validate
from bilingual.model import EN, ZH, AlignedPair, parse_bead
from bilingual.names import from_nmtoken
from bilingual.xmlsafe import line_of, local

log = logging.getLogger(__name__)

XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF1_NAMESPACES = frozenset(
    {None, "urn:oasis:names:tc:xliff:document:1.0", "urn:oasis:names:tc:xliff:document:1.1", XLIFF12_NS}
)
XLIFF2_NAMESPACES = frozenset(
    {XLIFF2_NS, "urn:oasis:names:tc:xliff:document:2.1", "urn:oasis:names:tc:xliff:document:2.2"}
)


def _sides(
    source_lang: str | None, target_lang: str | None, path: Path, line: int | None, targets: bool
) -> tuple[str, str]:
    """(side of <source>, side of <target>).

    A language that is named but is neither Chinese nor English refuses the
    file. A missing target language is inferred only for a Chinese source
    without any ``<target>`` (a file handed out for translation: one-sided
    pairs); targets in an unnamed language, or English alone, are refused.
    """
    src, trg = lang_side(source_lang), lang_side(target_lang)
    if (source_lang and src is None) or (target_lang and trg is None):
        raise refuse_languages([source_lang, target_lang], path, line)
    if src is not None and trg is None and targets:
        raise InputError(
            f"<target> elements but no target language (source {source_lang}): cannot tell their side",
            path,
            line,
        )
    if src == EN and trg is None:
        raise refuse_languages([source_lang], path, line)
    if src is None and trg is not None:
        src = ZH if trg == EN else EN
    if trg is None and src is not None:
        trg = ZH if src == EN else EN
    if src is None or trg is None or src == trg:
        raise InputError(
            f"cannot tell the zh and en sides (source {source_lang!r}, target {target_lang!r})", path, line
        )
    note_traditional(source_lang if src == ZH else target_lang, path)
    return src, trg


def _children(parent: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in parent if local(child.tag) == name]


def _descendants(parent: etree._Element, name: str) -> list[etree._Element]:
    return [node for node in parent.iter() if local(node.tag) == name]


# XLIFF 1.2 target states that say the target is no translation yet (a copy of the source, a
# placeholder): read as untranslated, as a fuzzy PO entry is. "needs-review-*" are translations.
UNTRANSLATED_STATES = frozenset({"new", "needs-translation"})


def _xliff1(root: etree._Element, path: Path) -> list[AlignedPair]:
    units = Units(path)
    untranslated = 0
    for file in _descendants(root, "file"):
        targets = any(True for _ in _descendants(file, "target"))
        src_side, trg_side = _sides(
            file.get("source-language"), file.get("target-language"), path, line_of(file), targets
        )
        doc_id = file.get("original") or ""
        for unit in _descendants(file, "trans-unit"):
            texts: dict[str, str] = {}
            source = next(iter(_children(unit, "source")), None)
            target = next(iter(_children(unit, "target")), None)
            if target is not None and target.get("state") in UNTRANSLATED_STATES and flatten(target, path):
                untranslated += 1
                target = None
            for node, side in ((source, src_side), (target, trg_side)):
                if node is None:
                    continue
                code = node.get(XML_LANG)
                if code and lang_side(code) is None:
                    raise refuse_languages([code], path, line_of(node))
                texts[lang_side(code) or side] = flatten(node, path)
            notes = (n.text or "" for n in _children(unit, "note"))
            bead = next((parse_bead(n) for n in notes if n.startswith("bead ")), None)
            units.add(unit.get("id") or unit.get("resname"), texts, doc_id, line_of(unit), bead)
    if untranslated:
        log.warning("%s: %d target(s) in state new or needs-translation: untranslated", path, untranslated)
    return units.pairs


def _xliff2(root: etree._Element, path: Path) -> list[AlignedPair]:
    has_targets = any(True for _ in _descendants(root, "target"))
    src_side, trg_side = _sides(root.get("srcLang"), root.get("trgLang"), path, line_of(root), has_targets)
    units = Units(path)
    for file in _children(root, "file"):
        doc_id = from_nmtoken(file.get("id") or "")
        for unit in _descendants(file, "unit"):
            # A unit's text is its segments and ignorables in order (XLIFF 2 §4.2.2).
            sources: list[str] = []
            targets: list[str | None] = []  # None: an ignorable without a target (see below)
            translated = False
            for part in unit:
                if local(part.tag) not in {"segment", "ignorable"}:
                    continue
                source = next(iter(_children(part, "source")), None)
                target = next(iter(_children(part, "target")), None)
                sources.append(flatten(source, path) if source is not None else "")
                if target is not None:
                    targets.append(flatten(target, path))
                    translated = translated or (local(part.tag) == "segment" and bool(targets[-1]))
                else:
                    targets.append(None if local(part.tag) == "ignorable" else "")
            # An ignorable's <target> is optional: without one, its source (the space between two
            # sentences, as Okapi writes it) stands in the target too, unless nothing was translated.
            target_text = "".join(
                t if t is not None else (s if translated else "")
                for s, t in zip(sources, targets, strict=True)
            )
            texts = {src_side: "".join(sources), trg_side: target_text}
            meta = unit.find("{*}metadata//{*}meta[@type='bead']")
            bead = parse_bead(meta.text) if meta is not None else None
            unit_id = unit.get("id")
            units.add(from_nmtoken(unit_id) if unit_id else None, texts, doc_id, line_of(unit), bead)
    return units.pairs


def read_xliff(path: Path) -> list[AlignedPair]:
    """XLIFF 1.x (``trans-unit``) or 2.x (``unit``), told apart by namespace and version."""
    root = parse_xml(path)
    if local(root.tag) != "xliff":
        raise InputError(f"expected an <xliff> root element, found <{local(root.tag)}>", path, line_of(root))
    namespace = etree.QName(root.tag).namespace
    version = root.get("version", "")
    schema = schema_version(namespace, version)
    if schema is not None:  # XLIFF 1.2 and 2.x; 1.0 and 1.1 have no schema shipped
        validate(root, path, schema)
    if namespace in XLIFF2_NAMESPACES or (namespace is None and version.startswith("2")):
        pairs = _xliff2(root, path)
    elif namespace in XLIFF1_NAMESPACES or version.startswith("1"):
        pairs = _xliff1(root, path)
    else:
        pairs = None
    if pairs == []:
        raise InputError("no <unit> or <trans-unit>: nothing to read", path, line_of(root))
    if pairs is not None:
        return pairs
    raise InputError(
        f"unknown XLIFF namespace {namespace!r} (version {version or 'not given'})", path, line_of(root)
    )
