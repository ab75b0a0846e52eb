"""What every exchange-file reader shares: language tags, inline markup, ids and beads of units.

Conventions (every reader in :mod:`bilingual.formats` keeps them):

- ``AlignedPair.id`` is the format's own unit id (TMX ``tuid``, XLIFF
  ``trans-unit``/``unit`` ``id``, PO ``msgctxt``, the ``id`` of a JSONL record
  or TSV row); where the file gives none, the 1-based running number of the
  unit in the file (as a string), which is what a plain-text line number would be;
- which side is ``zh`` and which ``en`` comes from the language attributes
  (``xml:lang``, ``srclang``, ``source-language``, ``srcLang``...), never from
  position; PO is the exception: msgid is zh, msgstr is en, as written;
- ``AlignedPair.doc_id`` is the document the file says the unit belongs to
  (XLIFF ``<file id>``, a TMX ``<prop>`` naming the document), else the part
  of a bead id (:func:`bilingual.model.bead_id`) before ``:z``, else "";
- ``AlignedPair.bead`` is the bead the file records (vecalign text form, see
  :func:`bilingual.model.parse_bead`), else the segment ranges of a bead id
  ``doc:z3-4:e5`` (score 1.0), else a placeholder ``[n]:[n]`` (n the 0-based
  running number; an empty side gives an empty tuple);
- XML is parsed by :mod:`bilingual.xmlsafe`: no entities, no network, DTD
  subsets refused.

Errors are :class:`~bilingual.errors.InputError` with the path and, where
known, the 1-based line. Nothing here aligns, segments or normalises: text
comes back as written, inline markup flattened to its text.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from lxml import etree

from bilingual import xmlsafe
from bilingual.errors import InputError
from bilingual.io import EXCHANGE_MAX_SIZE, read_bytes
from bilingual.model import EN, ZH, AlignedPair, Bead, doc_of_id, parse_bead_id
from bilingual.xmlsafe import local

log = logging.getLogger(__name__)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

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


def parse_xml(path: Path) -> etree._Element:
    """Parse ``path`` safely; refuse internal DTD subsets; errors as InputError with the line."""
    return xmlsafe.parse(read_bytes(path, max_size=EXCHANGE_MAX_SIZE), path)


def flatten(element: etree._Element, path: Path | None = None) -> str:
    """The text of ``element`` with inline markup (``<mrk>``, ``<g>``, ``<hi>``, ``<pc>``) flattened.

    Native-code elements (``<bpt>``, ``<ph>``...) contribute nothing; XLIFF 2's
    ``<cp hex="0004"/>`` gives back the character it stands for. A ``<cp>``
    that names no character (a surrogate ``D800``-``DFFF``, beyond
    ``10FFFF``, not hex) becomes U+FFFD: visible, never silently dropped, and
    logged as a warning with ``path`` and the line.
    """
    parts: list[str] = [element.text or ""]
    for child in element:
        name = local(child.tag)
        if name == "cp":
            parts.append(_code_point(child, path))
        elif name and name not in _CODE_ELEMENTS:
            parts.append(flatten(child, path))
        parts.append(child.tail or "")
    return "".join(parts)


def _code_point(cp: etree._Element, path: Path | None) -> str:
    value = cp.get("hex", "")
    try:
        char = chr(int(value, 16))
    except (ValueError, OverflowError):
        char = ""
    if len(char) == 1 and not 0xD800 <= ord(char) <= 0xDFFF:
        return char
    where = f"{path}:{cp.sourceline}" if path is not None else f"line {cp.sourceline}"
    log.warning('%s: <cp hex="%s"/> is not a character; read as U+FFFD', where, value[:12])
    return "\ufffd"


def bead_from_id(unit_id: str) -> Bead | None:
    """The segment ranges of a bead id: ``d:z3-4:e5`` → [3,4]:[5] (score 1.0), else None."""
    parsed = parse_bead_id(unit_id)
    return parsed[1] if parsed else None


class Units:
    """Builds the pairs of one file, refusing an id seen twice in one document."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.pairs: list[AlignedPair] = []
        self._seen: dict[tuple[str, str], int] = {}

    def add(
        self,
        unit_id: str | None,
        texts: dict[str, str],
        doc_id: str = "",
        line: int | None = None,
        bead: Bead | None = None,
    ) -> AlignedPair:
        number = len(self.pairs)
        unit_id = unit_id or str(number + 1)
        # Ids are unique per document (XLIFF unit ids are unique only within their <file>).
        doc_id = doc_id or doc_of_id(unit_id)
        if (doc_id, unit_id) in self._seen:
            first = self._seen[doc_id, unit_id]
            raise InputError(f"duplicate id {unit_id!r} (first at line {first})", self.path, line)
        self._seen[doc_id, unit_id] = line or 0
        zh, en = texts.get(ZH, ""), texts.get(EN, "")
        bead = bead or bead_from_id(unit_id) or Bead(zh=(number,) if zh else (), en=(number,) if en else ())
        pair = AlignedPair(id=unit_id, zh=zh, en=en, bead=bead, doc_id=doc_id)
        self.pairs.append(pair)
        return pair
