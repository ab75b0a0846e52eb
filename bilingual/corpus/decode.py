"""Turning file bytes into text, without ever guessing silently.

Order: a byte-order mark (UTF-8, UTF-16, UTF-32) decides; else strict UTF-8;
else, for Chinese text, GB18030 (a superset of GBK and GB2312) when it decodes
strictly *and* the result reads as Chinese. Anything else is an
:class:`~bilingual.errors.EncodingError` naming the first bad byte and
suggesting ``--encoding``; charset-normalizer is consulted only to make that
suggestion, never to pick an encoding on its own.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from bilingual.errors import EncodingError, InputError

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# The GB family: GB18030 decodes everything GBK and GB2312 encode.
GB_FAMILY = {"gb18030", "gbk", "gb2312", "cp936", "euc-cn", "hz"}


def han_ratio(text: str) -> float:
    """Share of CJK ideographs among the letters of ``text`` (Extension B and on included)."""
    han = letters = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            code = ord(ch)
            if 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x323AF:
                han += 1
    return han / letters if letters else 0.0


def decode(data: bytes, path: Path | str, encoding: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding used)`` or raise an error naming the file and byte offset."""
    if not data.strip():
        raise InputError("the file is empty", path)
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError as exc:
            raise InputError(f"unknown encoding {encoding!r}", path) from exc
        return _strict(data, encoding, path, hint=False), encoding
    for bom, name in BOMS:
        if data.startswith(bom):
            return _strict(data, name, path, hint=True), name
    if b"\x00" in data[:8192]:
        raise InputError("this looks like a binary file (NUL bytes), not a bulletin", path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            text = ""
        if text and han_ratio(text) >= 0.3:
            return text, "gb18030"
        raise _error(data, "utf-8", path, utf8_error) from utf8_error


def _strict(data: bytes, name: str, path: Path | str, *, hint: bool) -> str:
    try:
        return data.decode(name)
    except UnicodeDecodeError as exc:
        raise _error(data, name, path, exc, hint=hint) from exc


def _error(
    data: bytes, name: str, path: Path | str, exc: UnicodeDecodeError, *, hint: bool = True
) -> EncodingError:
    bad = data[exc.start : exc.start + 1].hex().upper()
    message = f"is not valid {name.upper()} (byte 0x{bad} at offset {exc.start})"
    if hint:
        message += f"; try --encoding {_suggest(data)}"
    return EncodingError(message, path)


def _suggest(data: bytes) -> str:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:65536]).best()
    except Exception:  # the suggestion is a courtesy; its failure is no error
        best = None
    if best is None:
        return "gb18030"
    name = best.encoding.replace("_", "-").lower()
    return "gb18030" if name in GB_FAMILY else name
