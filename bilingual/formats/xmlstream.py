"""Writing XML, small helpers the streaming XML writers share.

Each XML writer writes its root with :class:`lxml.etree.xmlfile` and then
one small element per bead (or per document header), so memory stays flat
however many bulletins there are. This module indents those small elements
without touching mixed content, and formats dates; it does no I/O itself.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from lxml import etree

from bilingual import __version__

TOOL = "bilingual"
TOOL_VERSION = __version__
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def local_name(element: etree._Element) -> str:
    return etree.QName(element).localname


def indent(element: etree._Element, level: int, leaves: Collection[str], step: str = "  ") -> None:
    """Indent ``element``'s structural children in place, ``level`` steps deep.

    Elements named in ``leaves`` (local names of text containers such as
    ``seg``, ``source``, ``target``) and elements without children are not
    entered: whitespace added inside mixed content would change the text.
    """
    children = list(element)
    if not children or local_name(element) in leaves:
        return
    inner = "\n" + step * (level + 1)
    element.text = inner
    for child in children:
        indent(child, level + 1, leaves, step)
        child.tail = inner
    children[-1].tail = "\n" + step * level


_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}):(\d{2}))?")


def iso_datetime(date: str) -> str:
    """``2023-02-14`` or ``2023-02-14T16:18:00Z`` as an xs:dateTime in UTC."""
    match = _DATE.match(date)
    if not match:
        return "1970-01-01T00:00:00Z"
    y, mo, d, h, mi, s = (g or "00" for g in match.groups())
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}Z"


def compact_datetime(date: str) -> str:
    """The TMX form of a date: ``20230214T161800Z``."""
    return re.sub(r"[-:]", "", iso_datetime(date))


def score_text(score: float) -> str:
    """A bead score as written everywhere (three decimals, as in ``[0]:[0]:0.930``)."""
    return f"{score:.3f}"
