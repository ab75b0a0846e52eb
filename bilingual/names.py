"""Document ids as XML NMTOKENs, reversibly; pure functions, no imports from the stages.

A document id is the file name's stem as written (Unicode, NFC), so
``通知.txt`` and ``公告.txt`` are two documents. Writers that need an XML
NMTOKEN (an ``xml:id``-like attribute) call :func:`nmtoken`; readers of those
files call :func:`from_nmtoken` to get the id back.

What NMTOKEN allows (XML 1.0, fifth edition, productions 4, 4a and 7): ASCII
letters and digits, ``_ : . -``, U+00B7, and almost every letter of every
script, Chinese included (U+3001-U+D7FF, U+F900-U+FDCF, U+FDF0-U+FFFD,
U+10000-U+EFFFF). So most ids, ASCII or Chinese, are their own NMTOKEN. Any
other character (space, ``&``, ``!``, ``(``; full-width ``（`` is a name
character) is written ``_xHHHH_`` with its code point in upper-case hex (4 to 6
digits), as OOXML does; an underscore followed by ``x`` in the id is itself
escaped (``_x005F_``) so that every ``_x`` of the escaped form starts an
escape and the mapping is one-to-one.
"""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"_x([0-9A-F]{4,6})_")

# XML 1.0 NameChar ranges (NameStartChar plus "-", ".", digits, U+00B7, combining marks, ‿⁀).
_NAME_CHAR = re.compile(
    "[-.0-9:A-Z_a-z\u00b7\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u037d\u037f-\u1fff\u200c\u200d"
    "\u203f\u2040\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd"
    "\U00010000-\U000effff]"
)


def is_nmtoken(text: str) -> bool:
    """Whether ``text`` is a non-empty XML NMTOKEN as it stands."""
    return bool(text) and all(_NAME_CHAR.fullmatch(ch) for ch in text)


def nmtoken(doc_id: str) -> str:
    """``doc_id`` as an XML NMTOKEN: itself when it is one and has no ``_x``, else escaped."""
    out: list[str] = []
    for i, ch in enumerate(doc_id):
        if _NAME_CHAR.fullmatch(ch) and not (ch == "_" and doc_id[i + 1 : i + 2] == "x"):
            out.append(ch)
        else:
            out.append(f"_x{ord(ch):04X}_")
    return "".join(out) or "_x_"  # the empty id; not itself a valid escape


def from_nmtoken(text: str) -> str:
    """The id that :func:`nmtoken` turned into ``text``."""
    if text == "_x_":
        return ""
    return _ESCAPE.sub(_unescape, text)


def _unescape(match: re.Match[str]) -> str:
    code = int(match.group(1), 16)
    return chr(code) if code <= 0x10FFFF else match.group()
