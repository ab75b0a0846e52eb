"""Parsing XML input (TBX, TMX, XLIFF) safely, in one place.

No entity resolution, no network, no DTD loading; a DOCTYPE that declares
entities or elements is refused before anything is read (billion-laughs and
external-entity attacks), and so is any entity reference left in the tree.
Errors carry the file and the line, as the caller's error type.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lxml import etree

from bilingual.errors import InputError

# A DOCTYPE with an internal subset: "<!DOCTYPE x [". Checked on the raw bytes
# first, so a hostile document is refused before the parser sees it.
_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[")
REFUSED = "DOCTYPE with an internal subset (entity declarations) refused; nothing read"


def parse(data: bytes, path: str | Path, error: type[InputError] = InputError) -> etree._Element:
    """The root element of ``data``, or ``error`` naming ``path`` and the line."""
    if _INTERNAL_SUBSET.search(data[:8192]):
        raise error(REFUSED, path, 1)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (exc.lineno, 0)
        raise error(f"column {column}: not well-formed XML: {exc.msg}", path, line) from exc
    dtd: Any = root.getroottree().docinfo.internalDTD
    # lxml reports a bare external DOCTYPE as an empty "internal" DTD: refuse
    # only real declarations (the byte check above catches most, UTF-16 aside).
    if dtd is not None and (any(True for _ in dtd.iterentities()) or any(True for _ in dtd.iterelements())):
        raise error(REFUSED, path, 1)
    for node in root.iter(etree.Entity):
        raise error(f"entity reference {node.text} refused", path, line_of(node))
    return root


def line_of(node: object) -> int | None:
    """The 1-based source line of an lxml node (typed loosely by lxml-stubs)."""
    line = getattr(node, "sourceline", None)
    return line if isinstance(line, int) else None


def local(tag: object) -> str:
    """The local name of an element tag; "" for comments and processing instructions."""
    return etree.QName(tag).localname if isinstance(tag, str) else ""
