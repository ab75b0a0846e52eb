"""Turning file bytes into text, without ever guessing silently.

Order: a byte-order mark (UTF-8, UTF-16, UTF-32) decides; else strict UTF-8;
else, for Chinese text, GB18030 (a superset of GBK and GB2312) when it decodes
strictly, the result reads as Chinese *and* is plainly better than Big5's.
Anything else is an :class:`~bilingual.errors.EncodingError` naming the file,
the line and the first bad byte and suggesting ``--encoding``;
charset-normalizer is consulted only to make that suggestion, never to pick an
encoding on its own.

Why GB18030 and Big5 need judging: GB18030 decodes nearly every Big5 byte
string (its byte ranges contain Big5's), and short GB2312 texts often decode
as Big5 too, so "decodes strictly" says little. Which reading *is* Chinese
does: the share of the non-ASCII characters that are common ones of each
standard (GB2312 level 1 and its punctuation rows; Big5 level 1 and its
symbols). ASCII is left out so that HTML markup counts for neither. Measured
on the corpus and the fixtures: the right reading scores 0.99-1.0; Big5
bulletins read as GB18030 score 0.19-0.29 (kana, private-use and
GBK-extension characters); no whole GB file of the corpus decodes as Big5,
single lines of them do and score 0.17-0.83 (1.0 for one four-character
line). So GB18030 is taken when it scores at least :data:`CLEAR` (0.8) and
Big5 at least 0.15 less; when Big5 is the better reading, or neither is
clearly better, the file is refused with the ``--encoding`` to give: the
toolkit never decodes Big5 unasked.

The *decoded* text is judged, not the bytes: U+0000 anywhere in a bulletin is
an error with its line (UTF-16 files hold NUL bytes legitimately, so NUL
bytes alone prove nothing), and bytes with NULs that read as UTF-16 text are
refused with the hint to name the byte order.
"""

from __future__ import annotations

import codecs
from collections import Counter
from collections.abc import Callable
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
CLEAR = 0.8  # share of common characters above which a reading is plainly Chinese
_DOUBT = 0.6  # a reading scoring less is not Chinese text
_MARGIN = 0.15  # how much better than Big5 the GB18030 reading must score
_SAMPLE = 100_000  # characters looked at when scoring a reading


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
    """Return ``(text, encoding used)`` or raise an error naming the file, line and byte offset."""
    if not data.strip():
        raise InputError("the file is empty", path)
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError as exc:
            raise InputError(f"unknown encoding {encoding!r}", path) from exc
        text, used = _strict(data, encoding, path, hint=False), encoding
    else:
        text, used = _guess(data, path)
    refuse_nul(text, path)
    return text, used


def refuse_nul(text: str, path: Path | str) -> None:
    """A U+0000 in decoded text is an InputError with its line and column (1-based)."""
    at = text.find("\x00")
    if at >= 0:
        line = text.count("\n", 0, at) + 1
        column = at - text.rfind("\n", 0, at)
        raise InputError(
            f"holds a NUL character (U+0000) at column {column}; a bulletin is text: "
            "check that this is the right file, or remove the NUL",
            path,
            line,
        )


def _guess(data: bytes, path: Path | str) -> tuple[str, str]:
    for bom, name in BOMS:
        if data.startswith(bom):
            return _strict(data, name, path, hint=True), name
    if b"\x00" in data and (order := utf16_order(data)):
        raise EncodingError(f"looks like UTF-16 without a byte-order mark; try --encoding {order}", path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return _chinese(data, path, utf8_error), "gb18030"
        except EncodingError as exc:
            if b"\x00" in data:
                raise InputError("this looks like a binary file (NUL bytes), not a bulletin", path) from exc
            raise


def _chinese(data: bytes, path: Path | str, utf8_error: UnicodeDecodeError) -> str:
    """GB18030 text when that reading is plainly Chinese and Big5's is not; else an EncodingError."""
    gb, big5 = _try(data, "gb18030"), _try(data, "big5")
    gb_score = common_share(gb, gb_common) if gb is not None else 0.0
    b5_score = common_share(big5, big5_common) if big5 is not None else 0.0
    if gb is not None and gb_score >= CLEAR and b5_score <= gb_score - _MARGIN:
        return gb
    if b5_score >= CLEAR and gb_score < _DOUBT:
        if gb is None:
            message = "is not UTF-8 or GB18030 but reads as Big5 (traditional Chinese); try --encoding big5"
        else:
            message = (
                "reads as Big5 (traditional Chinese); as GB18030 it would be rare and odd characters; "
                "try --encoding big5"
            )
        raise EncodingError(message, path)
    if gb is not None and big5 is not None and max(gb_score, b5_score) >= _DOUBT:
        raise EncodingError(
            f"decodes as GB18030 and as Big5 and it is not clear which is meant (common characters: "
            f"{gb_score:.0%} and {b5_score:.0%}); try --encoding gb18030 or --encoding big5",
            path,
        )
    if gb is not None and gb_score >= _DOUBT:
        other = _suggest(data)
        raise EncodingError(
            f"decodes as GB18030, but with many rare characters ({1 - gb_score:.0%}); "
            "try --encoding gb18030 if that is right"
            + (f", or --encoding {other}" if other != "gb18030" else ""),
            path,
        )
    raise _error(data, "utf-8", path, utf8_error)


def _try(data: bytes, name: str) -> str | None:
    try:
        return data.decode(name)
    except UnicodeDecodeError:
        return None


def utf16_order(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when BOM-less bytes read as UTF-16 text, else None.

    UTF-16 of English or Chinese text has its NUL bytes (the high bytes of
    ASCII characters: letters, digits, line breaks) on one side of each pair;
    the reading in that byte order must then be common characters, which a
    UTF-8 or binary file with a stray NUL read as UTF-16 is not.
    """
    if len(data) % 2:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    if even + odd == 0:
        return None
    order = "utf-16-le" if odd >= even else "utf-16-be"
    if max(even, odd) < 0.75 * (even + odd):  # Han characters U+xx00 put a few on the other side
        return None
    text = _try(data, order)
    if text is None or "\x00" in text:
        return None
    return order if common_share(text, _any_common, count_ascii=True) >= 0.9 else None


def common_share(text: str, common: Callable[[str], bool], *, count_ascii: bool = False) -> float:
    """Share of the characters of (a sample of) ``text`` that ``common`` accepts.

    Spaces never count; ASCII counts only with ``count_ascii``, so that the
    markup of an HTML page does not make both readings of it look alike.
    """
    counts = Counter(text[:_SAMPLE])
    total = hits = 0
    for ch, n in counts.items():
        if ch.isspace() or (not count_ascii and ch.isascii()):
            continue
        total += n
        if common(ch):
            hits += n
    return hits / total if total else 0.0


def _ascii(ch: str) -> bool:
    return " " <= ch <= "~"


def gb_common(ch: str) -> bool:
    """ASCII, or GB2312 punctuation and full-width forms (rows 1-3) or level-1 hanzi."""
    if _ascii(ch):
        return True
    try:
        lead = ch.encode("gb2312")[0]
    except UnicodeEncodeError:
        return False
    return 0xA1 <= lead <= 0xA3 or 0xB0 <= lead <= 0xD7


def big5_common(ch: str) -> bool:
    """ASCII, or Big5 symbols and level-1 (frequently used) hanzi, lead bytes 0xA1-0xC6."""
    if _ascii(ch):
        return True
    try:
        lead = ch.encode("big5")[0]
    except UnicodeEncodeError:
        return False
    return 0xA1 <= lead <= 0xC6


def _any_common(ch: str) -> bool:
    return gb_common(ch) or big5_common(ch)


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
    # Line breaks are one byte 0x0A only in ASCII-compatible encodings.
    wide = codecs.lookup(name).name.startswith(("utf-16", "utf-32"))
    return EncodingError(message, path, None if wide else data.count(b"\n", 0, exc.start) + 1)


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
