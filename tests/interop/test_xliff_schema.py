"""XSD validation of XLIFF input (bilingual/formats/xliff_schema.py): what is validated, how it is refused.

The OASIS suites are in test_oasis_suites.py; here: XLIFF 1.2 (transitional
schema), 1.0/1.1 (no schema: read), the one-line refusal with its line, the
schemas parsed once and offline.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from bilingual.errors import InputError
from bilingual.formats import read_pairs
from bilingual.formats.xliff_schema import SCHEMA_FILES, SCHEMAS, _LocalOnly, schema, schema_version

XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:{ns}"
       xmlns:x="urn:example:tool" x:build="7">
  <file original="doc" source-language="zh-CN" target-language="en" datatype="plaintext">
    <body>
      <trans-unit {attrs}>
        <source>弘扬红船精神。</source>
        <target>Carry forward the Red Boat Spirit.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def _write(tmp_path: Path, ns: str, attrs: str) -> Path:
    path = tmp_path / "in.xlf"
    path.write_text(XLIFF12.format(ns=ns, attrs=attrs), encoding="utf-8")
    return path


def test_valid_12_with_a_tool_namespace_is_read(tmp_path: Path) -> None:
    # Transitional schema: attributes of other namespaces (sdl:, okp:, a tool's own) are skipped.
    pairs = read_pairs(_write(tmp_path, "1.2", 'id="u1" x:origin="tm"'))
    expected = [("u1", "弘扬红船精神。", "Carry forward the Red Boat Spirit.")]
    assert [(p.id, p.zh, p.en) for p in pairs] == expected


def test_invalid_12_is_refused_naming_line_and_rule(tmp_path: Path) -> None:
    path = _write(tmp_path, "1.2", 'resname="u1"')  # trans-unit/@id is required
    with pytest.raises(InputError) as info:
        read_pairs(path)
    assert info.value.line == 6
    assert info.value.message == (
        "not valid XLIFF 1.2 (OASIS XSD): Element 'trans-unit': The attribute 'id' is required but missing."
    )
    assert str(info.value).startswith(f"{path}:6: ")


def test_xliff_11_has_no_schema_and_is_read(tmp_path: Path) -> None:
    # The same file as 1.1 (what translate-toolkit's po2xliff writes): no schema shipped, read as before.
    pairs = read_pairs(_write(tmp_path, "1.1", 'resname="u1"'))
    assert [(p.id, p.en) for p in pairs] == [("u1", "Carry forward the Red Boat Spirit.")]


@pytest.mark.parametrize(
    ("namespace", "version", "expected"),
    [
        ("urn:oasis:names:tc:xliff:document:2.2", "2.2", "2.2"),
        ("urn:oasis:names:tc:xliff:document:2.0", "2.1", "2.1"),
        ("urn:oasis:names:tc:xliff:document:2.0", "2.0", "2.0"),
        ("urn:oasis:names:tc:xliff:document:1.2", "1.2", "1.2"),
        ("urn:oasis:names:tc:xliff:document:1.1", "1.1", None),
        (None, "1.0", None),
    ],
)
def test_schema_version(namespace: str | None, version: str, expected: str | None) -> None:
    assert schema_version(namespace, version) == expected


def test_schemas_are_shipped_parsed_once() -> None:
    for version, files in SCHEMA_FILES.items():
        assert all((SCHEMAS / name).is_file() for _, name in files)
        assert schema(version) is schema(version)


def test_an_import_from_the_network_is_refused() -> None:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalOnly())
    driver = etree.fromstring(
        b'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        b'<xs:import namespace="urn:x" schemaLocation="https://example.org/x.xsd"/></xs:schema>',
        parser,
    )
    with pytest.raises(etree.XMLSchemaParseError, match=r"example\.org"):
        etree.XMLSchema(driver)
