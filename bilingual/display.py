"""Text shown to people, on a terminal or in an HTML report: control characters made harmless.

Part of the floor every stage may use: the glossary and score stages render
reports for humans, the CLI echoes messages and listings. Bulletin text can
carry anything, and nothing here changes text that holds none of it.

Terminal (:func:`terminal_safe`): ESC starts colour, cursor and clear-screen
sequences, OSC sequences set the window title, BEL rings, CR overwrites the
line. Every C0 control but TAB and LF, DEL and every C1 control is written as
a Python-style escape (ESC → ``\\x1b``, U+0085 → ``\\x85``), a lone surrogate
(not a character; it cannot even be encoded) as ``\\ud800``. Colour codes a
report adds on purpose are added after escaping the text.

HTML (:func:`html_text`): what HTML5 reports as a parse error or XML 1.0
cannot hold (C0 controls but TAB, LF and CR, DEL, C1 controls, lone
surrogates, non-characters) becomes a visible stand-in, the one
:mod:`bilingual.formats.markup` documents: a C0 control U+00XX its Control
Picture U+24XX (``\\x00`` → ``␀``, ``\\x0b`` → ``␋``), DEL ``␡``, anything else
U+FFFD ``�``; then ``&<>"'`` are escaped. One character for one, so spans
computed on the text still apply.

Machine formats (JSON, JSONL, TSV, ``segment``'s lines) keep the text exactly
and rely on their own escaping; they do not use this module.
"""

from __future__ import annotations

import html
import re

# C0 except TAB and LF, DEL, C1, lone surrogates; and the same with LF for one-line messages.
_TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_ONE_LINE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]")

# Not allowed in HTML text (HTML5 parse errors) or XML 1.0: FF included (XML forbids it).
HTML_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe\U0001ffff\U0010fffe\U0010ffff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code > 0xFF else f"\\x{code:02x}"


def terminal_safe(text: str, *, newlines: bool = True) -> str:
    """``text`` with terminal control characters escaped (``\\x1b``, ``\\x07``, ``\\ud800``).

    ``newlines=False`` escapes LF too (``\\x0a``): a message stays on one line.
    """
    pattern = _TERMINAL if newlines else _ONE_LINE
    if not pattern.search(text):
        return text
    return pattern.sub(_escape, text)


def picture(char: str) -> str:
    """The visible stand-in for a character HTML or XML cannot hold (see the module docstring)."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def html_text(text: str) -> str:
    """``text`` escaped for HTML content and attributes, unsafe characters made visible."""
    if HTML_UNSAFE.search(text):
        text = HTML_UNSAFE.sub(lambda m: picture(m.group()), text)
    return html.escape(text, quote=True)
