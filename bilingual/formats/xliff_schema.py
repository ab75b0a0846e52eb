"""XSD validation of XLIFF input, against the OASIS schemas shipped in ``schemas/``.

Stage: input edge (format rooms). :func:`validate` is called by the XLIFF
reader on the parsed tree before it reads a unit, so a file that breaks the
standard is refused in one line naming the file, the line and the rule
(libxml2's message: "Element 'unit': The attribute 'id' is required but
missing."), not half-read.

What is validated, and why:

- XLIFF 2.0, 2.1 and 2.2 against the core *and* its modules (glossary,
  matches, metadata, ...; 2.1 and 2.2 also ITS), imported by one driver schema
  built here, so that module content is checked too (the core alone lets any
  foreign element through, ``processContents="lax"``). 2.0 and 2.1 share a
  namespace and are told apart by ``version`` (2.1 types ``srcLang`` as
  ``xs:language``). The XLIFF 2 Schematron rules (XSLT 2) cannot run in lxml:
  the XSD is the bar.
- XLIFF 1.2 against the *transitional* schema: it is what the OASIS
  specification asks of tools that read 1.2 (the strict one drops deprecated
  attributes that real tools still write). Our own 1.2 export validates
  against the strict one (tests/formats).
- XLIFF 1.0 and 1.1 (translate-toolkit's ``po2xliff``, OmegaT) are not
  validated: no schema for them is shipped, and their DTDs are not XSDs.

Schemas are parsed once per process, when first needed (a few tens of
milliseconds each). Every ``schemaLocation`` resolves to a file in
``schemas/`` (:class:`_LocalOnly`): the W3C ``xml.xsd`` that the schemas
import from ``http://www.w3.org/2001/xml.xsd`` is shipped beside them, and any
other address is refused, so validation never touches the network.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from lxml import etree

from bilingual.errors import InputError

SCHEMAS = Path(__file__).parent / "schemas"
_XML_XSD = SCHEMAS / "w3c" / "xml.xsd"

# The schema documents of each version: (namespace, file under schemas/), core first.
_MODULES = ("fs", "glossary", "matches", "metadata", "resource_data", "size_restriction", "validation")
_NS = "urn:oasis:names:tc:xliff:"
_MODULE_NS = {
    "fs": "fs:2.0",
    "glossary": "glossary:2.0",
    "matches": "matches:2.0",
    "metadata": "metadata:2.0",
    "resource_data": "resourcedata:2.0",
    "size_restriction": "sizerestriction:2.0",
    "validation": "validation:2.0",
    "change_tracking": "changetracking:2.0",
    "itsm": "itsm:2.1",
    "plural_gender_select": "pgs:1.0",
}
_ITS = ("http://www.w3.org/2005/11/its", "its.xsd")


def _modules(folder: str, names: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(_NS + _MODULE_NS[name], f"{folder}{name}.xsd") for name in names]


SCHEMA_FILES: dict[str, list[tuple[str, str]]] = {
    "1.2": [(_NS + "document:1.2", "xliff12/xliff-core-1.2-transitional.xsd")],
    "2.0": [
        (_NS + "document:2.0", "xliff20/xliff_core_2.0.xsd"),
        *_modules("xliff20/modules/", (*_MODULES, "change_tracking")),
    ],
    "2.1": [
        (_NS + "document:2.0", "xliff21/xliff_core_2.0.xsd"),
        (_ITS[0], "xliff21/" + _ITS[1]),
        *_modules("xliff21/", (*_MODULES, "itsm")),
    ],
    "2.2": [
        (_NS + "document:2.2", "xliff22/xliff_core_2.2.xsd"),
        (_ITS[0], "xliff22/" + _ITS[1]),
        *_modules("xliff22/", (*_MODULES, "itsm", "plural_gender_select")),
    ],
}


class _LocalOnly(etree.Resolver):
    """Resolves every schema import to a file in ``schemas/``; refuses any other address.

    ``xml.xsd`` is found under any name the schemas give it (the W3C address,
    OASIS's ``informativeCopiesOf3rdPartySchemas/w3c/xml.xsd``). The 2.2
    folder's ``itsm.xsd`` imports ``xliff_core_2.0.xsd`` from beside it, which
    OASIS ships only with 2.1: it is taken from there.
    """

    def resolve(self, system_url: str, public_id: str, context: object = None) -> object:
        url = system_url or ""
        if url.endswith("/xml.xsd") or url == "xml.xsd":
            return self.resolve_filename(str(_XML_XSD), context)  # type: ignore[attr-defined]  # not in lxml-stubs
        if url.endswith("xliff22/xliff_core_2.0.xsd"):
            core = SCHEMAS / "xliff21" / "xliff_core_2.0.xsd"
            return self.resolve_filename(str(core), context)  # type: ignore[attr-defined]
        if "://" in url.removeprefix("file://"):
            raise etree.XMLSchemaParseError(f"schema import outside the shipped schemas: {url}")
        return None  # a file beside the importing schema, in schemas/: the default loader reads it


@functools.cache
def schema(version: str) -> etree.XMLSchema:
    """The compiled XSD of one XLIFF version ("1.2", "2.0", "2.1", "2.2"), parsed once per process."""
    files = SCHEMA_FILES[version]
    imports = "".join(
        f'<xs:import namespace="{namespace}" schemaLocation="{(SCHEMAS / name).as_uri()}"/>'
        for namespace, name in files
    )
    driver = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    parser.resolvers.add(_LocalOnly())
    document = etree.fromstring(driver.encode(), parser, base_url=(SCHEMAS / "driver.xsd").as_uri())
    return etree.XMLSchema(document)


def schema_version(namespace: str | None, version: str) -> str | None:
    """Which shipped schema validates an ``<xliff>`` of this namespace and ``version``; None: none."""
    if namespace == _NS + "document:2.2":
        return "2.2"
    if namespace == _NS + "document:2.0":
        return "2.0" if version == "2.0" else "2.1"
    if namespace == _NS + "document:1.2":
        return "1.2"
    return None  # XLIFF 1.0, 1.1: no schema shipped


def _readable(message: str) -> str:
    # "Element '{urn:oasis:names:tc:xliff:document:2.0}unit'" -> "Element 'unit'" (the file's own namespace).
    return re.sub(r"\{[^}\s']*\}(?=[\w])", "", message).strip()


def validate(root: etree._Element, path: Path, version: str) -> None:
    """Refuse ``root`` if it breaks the XSD of ``version``: one line with the file, line and rule."""
    xsd = schema(version)
    if xsd.validate(root.getroottree()):
        return
    # The first error names the rule broken; later ones are often its consequences.
    error = xsd.error_log[0]  # type: ignore[index]  # a _ListErrorLog; lxml-stubs omit its indexing
    raise InputError(f"not valid XLIFF {version} (OASIS XSD): {_readable(error.message)}", path, error.line)
