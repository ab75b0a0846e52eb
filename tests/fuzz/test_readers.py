"""Fuzzing every reader in FORMATS: whatever the bytes, a reader returns pairs or raises a BilingualError.

Two kinds of input per format: the sample corpus exported to the format and
then mutated byte by byte (:func:`hostile.mutated`), and structured mutation
that keeps the file well-formed but changes its fields (an XML element's
attributes, text, or place in the tree; a JSON record's values and types; a
TSV row's cells; a PO entry's fields and header) to hostile values.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import lxml.html
import polib
import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from lxml import etree

from bilingual.errors import BilingualError
from bilingual.formats import FORMATS
from bilingual.formats.markup import xml_safe
from tests.fuzz import hostile

READABLE = sorted(name for name, fmt in FORMATS.items() if fmt.read is not None and fmt.write is not None)
XML_FORMATS = ["bxml", "tmx", "xliff", "xliff12"]
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def read_or_refuse(name: str, data: bytes, folder: Path) -> list[Any]:
    """Write ``data`` under format ``name``'s suffix and read it; a BilingualError is a refusal."""
    path = folder / f"fuzz{FORMATS[name].suffix}"
    path.write_bytes(data)
    reader = FORMATS[name].read
    assert reader is not None
    try:
        pairs = reader(path)
    except BilingualError as exc:
        assert str(exc), "an error says what is wrong"
        event(f"refused: {type(exc).__name__}")
        return []
    event("read")
    assert isinstance(pairs, list)
    return pairs


def test_every_reader_is_fuzzed() -> None:
    """Every format with a reader has a sample to mutate and a structured mutator below."""
    readers = {name for name, fmt in FORMATS.items() if fmt.read is not None}
    assert readers == set(READABLE), "a read-only format needs a sample written by hand"
    assert set(READABLE) == set(XML_FORMATS) | set(STRUCTURED)


@pytest.mark.parametrize("name", READABLE)
@given(data=st.data())
def test_mutated_sample_is_read_or_refused(
    name: str, data: st.DataObject, samples: dict[str, bytes], scratch: Path
) -> None:
    """Property: the exported sample corpus, byte-mutated, reads or raises a BilingualError."""
    raw = data.draw(hostile.mutated(samples[name]), label="bytes")
    read_or_refuse(name, raw, scratch)


# ------------------------------------------------------------ XML trees

XML_ATTRIBUTES = [
    "id", "tuid", "hex", "version", "srclang", "xml:lang", "srcLang", "trgLang", "source-language",
    "target-language", "type", "original", "state", "approved", "score", "bead", "pinned", "name",
]  # fmt: skip
XML_TAGS = ["tu", "tuv", "seg", "unit", "segment", "source", "target", "trans-unit", "cp", "bead", "note"]


def _set_attribute(element: Any, name: str, value: str) -> None:
    if name == "xml:lang":
        name = "{http://www.w3.org/XML/1998/namespace}lang"
    element.set(name, xml_safe(value))


@st.composite
def tree_edits(draw: st.DrawFn, root: Any) -> Any:
    """A copy of ``root`` after a few element-level edits with hostile values (still well-formed)."""
    root = copy.deepcopy(root)
    for _ in range(draw(st.integers(1, 5))):
        elements = list(root.iter())
        element = draw(st.sampled_from(elements))
        op = draw(st.sampled_from(["attr", "text", "tail", "delete", "duplicate", "move", "add", "strip"]))
        value = draw(hostile.hostile_text)
        if op == "attr":
            names = [*element.attrib, *XML_ATTRIBUTES]
            _set_attribute(element, draw(st.sampled_from(names)), value)
        elif op == "text":
            element.text = xml_safe(value)
        elif op == "tail" and element is not root:
            element.tail = xml_safe(value)
        elif op == "delete" and element.getparent() is not None:
            element.getparent().remove(element)
        elif op == "duplicate" and element.getparent() is not None:
            element.addnext(copy.deepcopy(element))
        elif op == "move" and element.getparent() is not None:
            target = draw(st.sampled_from(elements))
            if element not in target.iterancestors() and element is not target:
                target.append(element)
        elif op == "add":
            tag = draw(st.sampled_from(XML_TAGS))
            namespace = etree.QName(element).namespace
            child = etree.SubElement(element, f"{{{namespace}}}{tag}" if namespace else tag)
            child.text = xml_safe(value)
        elif op == "strip":
            element.attrib.clear()
    return root


@pytest.mark.parametrize("name", XML_FORMATS)
@given(data=st.data())
def test_xml_with_mutated_fields_is_read_or_refused(
    name: str, data: st.DataObject, samples: dict[str, bytes], scratch: Path
) -> None:
    """Property: a well-formed TMX / XLIFF / bilingual XML file with hostile attributes, text and
    element order reads or raises a BilingualError."""
    root = etree.fromstring(samples[name], PARSER)
    edited = data.draw(tree_edits(root), label="tree")
    read_or_refuse(name, etree.tostring(edited, xml_declaration=True, encoding="UTF-8"), scratch)


# ------------------------------------------------------------ other formats

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | hostile.hostile_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hostile.hostile_text, inner, max_size=3),
    max_leaves=6,
)
JSON_KEYS = ["id", "doc_id", "zh", "en", "zh_ids", "en_ids", "confidence", "pinned", "low_confidence"]


@st.composite
def jsonl_edits(draw: st.DrawFn, data: bytes) -> bytes:
    """The JSONL sample with hostile values, wrong types, missing keys and non-object lines."""
    records: list[Any] = [json.loads(line) for line in data.decode("utf-8").splitlines()][:6]
    for _ in range(draw(st.integers(1, 5))):
        k = draw(st.integers(0, len(records) - 1))
        op = draw(st.sampled_from(["set", "delete", "replace", "duplicate"]))
        if op == "set" and isinstance(records[k], dict):
            records[k][draw(st.sampled_from(JSON_KEYS))] = draw(json_values)
        elif op == "delete" and isinstance(records[k], dict):
            records[k].pop(draw(st.sampled_from(JSON_KEYS)), None)
        elif op == "replace":
            records[k] = draw(json_values)
        else:
            records.insert(k, copy.deepcopy(records[k]))
    ascii_only = draw(st.booleans())
    lines = [json.dumps(r, ensure_ascii=ascii_only) for r in records]
    return "\n".join(lines).encode("utf-8", "surrogatepass")


@st.composite
def tsv_edits(draw: st.DrawFn, data: bytes) -> bytes:
    """The TSV sample with hostile cells (raw or backslash-escaped), cells added and removed."""
    rows = [line.split("\t") for line in data.decode("utf-8").split("\n")][:8]
    for _ in range(draw(st.integers(1, 5))):
        row = draw(st.sampled_from(rows))
        op = draw(st.sampled_from(["set", "append", "pop", "escape"]))
        if op == "set" and row:
            row[draw(st.integers(0, len(row) - 1))] = draw(hostile.hostile_text)
        elif op == "append":
            row.append(draw(hostile.hostile_text))
        elif op == "pop" and row:
            row.pop()
        elif op == "escape" and row:
            row[0] += draw(st.sampled_from(["\\", "\\x", "\\u", "\\t", "\\\\", "\\n\\r"]))
    text = "\n".join("\t".join(row) for row in rows)
    return text.encode("utf-8", "surrogatepass")


PO_FIELDS = ["msgctxt", "msgid", "msgstr", "comment", "tcomment"]
CHARSETS = ["UTF-8", "utf-16", "latin-1", "GB18030", "nonesuch", "", "UTF-8\\n\\x00", "ascii"]


@st.composite
def po_edits(draw: st.DrawFn, data: bytes) -> bytes:
    """The PO sample with hostile fields, flags, obsolete entries and a declared charset changed."""
    catalogue = polib.pofile(data.decode("utf-8"), wrapwidth=0)
    entries = list(catalogue)
    for _ in range(draw(st.integers(1, 5))):
        op = draw(st.sampled_from(["field", "flag", "obsolete", "plural", "charset", "remove"]))
        entry = draw(st.sampled_from(entries))
        if op == "field":
            setattr(entry, draw(st.sampled_from(PO_FIELDS)), draw(hostile.hostile_text))
        elif op == "flag":
            entry.flags.append(draw(st.sampled_from(["fuzzy", "no-wrap", ",", ""])))
        elif op == "obsolete":
            entry.obsolete = True
        elif op == "plural":
            entry.msgid_plural = draw(hostile.hostile_text) or "x"
            entry.msgstr_plural = {0: draw(hostile.hostile_text), 1: ""}
        elif op == "charset":
            catalogue.metadata["Content-Type"] = f"text/plain; charset={draw(st.sampled_from(CHARSETS))}"
        elif op == "remove" and entry in catalogue:
            catalogue.remove(entry)
    return str(catalogue).encode("utf-8", "surrogatepass")


@st.composite
def html_edits(draw: st.DrawFn, data: bytes) -> bytes:
    """The review page with hostile row ids, cell text, ``data-bead`` and ``lang`` values, rows
    moved, duplicated and deleted."""
    root = lxml.html.fromstring(data)
    for _ in range(draw(st.integers(1, 5))):
        elements = [e for e in root.iter() if isinstance(e.tag, str)]
        element = draw(st.sampled_from(elements))
        value = xml_safe(draw(hostile.hostile_text))
        op = draw(st.sampled_from(["id", "bead", "lang", "text", "delete", "duplicate"]))
        if op in ("id", "bead", "lang"):
            element.set({"id": "id", "bead": "data-bead", "lang": "lang"}[op], value)
        elif op == "text":
            element.text = value
        elif (parent := element.getparent()) is not None:
            if op == "delete":
                parent.remove(element)
            else:
                element.addnext(copy.deepcopy(element))
    return lxml.html.tostring(root, encoding="utf-8", doctype="<!DOCTYPE html>")


@st.composite
def text_edits(draw: st.DrawFn, data: bytes) -> bytes:
    """Plain text: hostile lines (lone surrogates written as the invalid UTF-8 they would be)."""
    lines = draw(st.lists(hostile.hostile_text, max_size=8))
    return "\n".join(lines).encode("utf-8", "surrogatepass")


STRUCTURED = {"jsonl": jsonl_edits, "tsv": tsv_edits, "po": po_edits, "html": html_edits, "text": text_edits}


@pytest.mark.parametrize("name", sorted(STRUCTURED))
@given(data=st.data())
def test_line_and_page_formats_with_mutated_fields(
    name: str, data: st.DataObject, samples: dict[str, bytes], scratch: Path
) -> None:
    """Property: JSONL, TSV, PO, HTML and plain text with hostile field values read or raise a
    BilingualError."""
    raw = data.draw(STRUCTURED[name](samples[name]), label=name)
    read_or_refuse(name, raw, scratch)
