"""What every exchange-file reader shares: language tags, inline markup, ids and beads of units.

Conventions (every reader in :mod:`bilingual.formats` keeps them):

- ``AlignedPair.id`` is the format's own unit id (TMX ``tuid``, XLIFF
  ``trans-unit``/``unit`` ``id``, PO ``msgctxt``, the ``id`` of a JSONL record
  or TSV row); where the file gives none, the 1-based running number of the
  unit in the file (as a string), which is what a plain-text line number would be;
- which side is ``zh`` and which ``en`` comes from the language attributes
  (``xml:lang``, ``srclang``, ``source-language``, ``srcLang``/``trgLang``,
  PO's ``Language:`` header), never from position, matched by BCP 47's primary
  subtag (:func:`lang_side`: ``zh``, ``zh-CN``, ``zh-Hans``, ``zh-TW``,
  ``zh-Hant`` are Chinese, ``en-*`` English); a file whose languages are not
  Chinese and English is refused naming the languages it has
  (:func:`refuse_languages`); traditional Chinese (:func:`is_traditional`) is
  read as written (no conversion) and logged;
- a unit with one side empty is returned with that side ``""`` (a one-sided
  pair, a 1-0 or 0-1 bead): callers count pairs (both sides) apart from those;
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
from collections.abc import Iterable
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


_TRADITIONAL = re.compile(r"(?i)^(zh|cmn|zho|chi)([-_](hant|tw|hk|mo)\b|[-_]\w+[-_](hant|tw|hk|mo)\b)")


def is_traditional(code: str | None) -> bool:
    """Whether a Chinese tag names traditional script (``zh-TW``, ``zh-Hant``, ``zh-HK``, ``zh-MO``)."""
    return bool(code and _TRADITIONAL.match(code.strip()))


def refuse_languages(languages: Iterable[str | None], path: Path, line: int | None = None) -> InputError:
    """The error for a file whose languages are not Chinese and English (one line, naming them)."""
    named = sorted({c for c in languages if c}) or ["none named"]
    return InputError(
        f"languages {', '.join(named)}: not Chinese (zh) and English (en); nothing read", path, line
    )


def note_traditional(code: str | None, path: Path) -> None:
    """Log once per file that its Chinese is traditional (read as written, not converted)."""
    if is_traditional(code):
        log.warning("%s: Chinese is %s (traditional script): read as written, not converted", path, code)


def parse_xml(path: Path) -> etree._Element:
    """Parse ``path`` safely; refuse internal DTD subsets; errors as InputError with the line."""
    return xmlsafe.parse(read_bytes(path, max_size=EXCHANGE_MAX_SIZE), path)


def flatten(element: etree._Element, path: Path | None = None) -> str:
    """The text of ``element`` with inline markup (``<mrk>``, ``<g>``, ``<hi>``, ``<pc>``) flattened.

    Native-code elements (``<bpt>``, ``<ph>``...) contribute nothing but the text of
    their ``<sub>`` elements (translatable text inside a code); XLIFF 2's
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
        elif name:
            # Native code: dropped, but the translatable text of its <sub> elements is kept
            # (TMX 1.4 and XLIFF 1.2 <sub>: a footnote or alt text inside a code).
            parts.extend(flatten(sub, path) for sub in child.iter("{*}sub", "sub"))
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


def refuse_repeated(
    seen: dict[tuple[str, str], int], doc_id: str, unit_id: str, path: Path, line: int | None
) -> None:
    """Note ``unit_id`` as seen in ``doc_id`` (at ``line``), refusing one seen before: ids are
    unique per document, and a repeated one makes files other tools and our PO import refuse."""
    key = (doc_id, unit_id)
    if key in seen:
        raise InputError(f"duplicate id {unit_id!r} (first at line {seen[key]})", path, line)
    seen[key] = line or 0


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
        refuse_repeated(self._seen, doc_id, unit_id, self.path, line)
        zh, en = texts.get(ZH, ""), texts.get(EN, "")
        bead = bead or bead_from_id(unit_id) or Bead(zh=(number,) if zh else (), en=(number,) if en else ())
        pair = AlignedPair(id=unit_id, zh=zh, en=en, bead=bead, doc_id=doc_id)
        self.pairs.append(pair)
        return pair


# What the first bytes of a file say it is, for files whose suffix does not.
_BOM_UTF16 = (b"\xff\xfe", b"\xfe\xff")
_PROLOG = re.compile(r"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)*", re.S)
_ROOT = re.compile(r"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)([^>]*)>?", re.S)
_DEFAULT_NS = re.compile(r"""\bxmlns\s*=\s*["']([^"']*)["']""")
_PO_LINE = re.compile(r"^(msgid|msgctxt)\s+\"", re.M)


def sniff(path: Path, head_size: int = 8192) -> tuple[str, str] | None:
    """What ``path`` holds, from its first bytes: ``("xml", "ROOT NAMESPACE")``, ``("po", "")``, else None.

    Only a look at the head: the reader chosen still parses (and refuses) the whole file.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(head_size)
    except OSError:
        return None
    if head.startswith(_BOM_UTF16):
        text = head.decode("utf-16", "ignore")
    else:
        text = head.decode("utf-8", "ignore").lstrip("\ufeff")
    if text.lstrip().startswith("<"):
        rest = text[_PROLOG.match(text).end() :]  # type: ignore[union-attr]  # \A(...)* always matches
        root = _ROOT.match(rest)
        if root is None:
            return None
        namespace = _DEFAULT_NS.search(root.group(3) or "")
        return "xml", f"{root.group(2)} {namespace.group(1) if namespace else ''}".strip()
    if _PO_LINE.search(text):
        return "po", ""
    return None
