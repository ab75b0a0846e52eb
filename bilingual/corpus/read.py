"""Reading one bulletin file into a :class:`~bilingual.model.Document`.

Formats by suffix: .txt (and anything unknown), .md/.markdown, .html/.htm.
After the format reader has found the paragraphs, the same rules (in
:mod:`bilingual.corpus.meta`) drop page chrome and pick the title, the
release-date line and a source URL, so all formats give the same model.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from bilingual.corpus import html, meta, text
from bilingual.corpus.decode import decode, han_ratio
from bilingual.errors import InputError
from bilingual.io import MAX_SIZE, read_bytes
from bilingual.model import EN, ZH, Document, Kind, Paragraph

SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
_HEADER_ZONE = 5  # metadata is looked for among the first paragraphs only


def doc_id(path: Path) -> str:
    """The pairing key of a file: its stem as written, in Unicode NFC.

    ``通知.txt`` and ``公告.txt`` are two documents, and ASCII names are
    unchanged. Only what no id may hold is refused: path separators and
    control characters, and names that are not valid UTF-8 (Python hands
    those over as lone surrogates). Writers that need an XML NMTOKEN escape
    the id with :func:`bilingual.names.nmtoken`; the id itself keeps the name.
    NFC makes a name typed on macOS (NFD) and on Linux the same id.
    """
    stem = unicodedata.normalize("NFC", Path(path).stem)
    for ch in stem:
        kind = unicodedata.category(ch)
        if ch in "/\\" or kind in ("Cc", "Cs"):
            what = "is not valid UTF-8" if kind == "Cs" else f"holds {_describe(ch)}"
            raise InputError(f"the file name {what}; rename the file", path)
    return stem or "_"


def _describe(ch: str) -> str:
    return "a path separator" if ch in "/\\" else f"a control character (U+{ord(ch):04X})"


def guess_lang(path: Path, body: str) -> str:
    for part in reversed(path.parent.parts):
        if part.lower() in {"zh", "zh-cn", "zh-hans", "cn", "chinese"}:
            return ZH
        if part.lower() in {"en", "en-us", "en-gb", "english"}:
            return EN
    return ZH if han_ratio(body[:20000]) >= 0.3 else EN


def read_raw(
    path: Path, lang: str | None = None, encoding: str | None = None, *, max_size: int | None = MAX_SIZE
) -> Document:
    """Read, decode and find paragraphs and metadata; no sentence splitting.

    At most ``max_size`` bytes are read (default 2 MB; None: no cap); only
    regular files are read (see :func:`bilingual.io.read_bytes`).
    """
    path = Path(path)
    data = read_bytes(path, max_size=max_size)
    decoded, used = decode(data, path, encoding)
    fmt = SUFFIXES.get(path.suffix.lower(), "txt")
    url: str | None = None
    head_title: str | None = None
    h1: tuple[int, int] | None = None
    if fmt == "html":
        page = html.parse(decoded, str(path))
        body, blocks, url, head_title, h1 = page.text, page.blocks, page.url, page.title, page.h1
        headings = {h1} if h1 else set()
    else:
        body = decoded
        found = text.paragraphs(body, markdown=fmt == "md")
        if fmt == "md":
            body, found = text.markdown_plain(body, found)
        blocks = [span for span, _ in found]
        headings = {span for span, is_heading in found if is_heading}
    lang = lang or guess_lang(path, body)
    paragraphs, title, date, found_url = _classify(body, _split_header_lines(body, blocks), headings, h1)
    if not any(p.kind is Kind.BODY for p in paragraphs):
        raise InputError("has no body text (only a title, a date or page chrome)", path)
    return Document(
        id=doc_id(path),
        lang=lang,
        text=body,
        paragraphs=tuple(paragraphs),
        title=title or head_title,
        date=date,
        url=url or found_url,
        path=path,
        encoding=used,
        format=fmt,
    )


def _split_header_lines(body: str, blocks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A block whose lines include a breadcrumb or date line is taken line by line."""
    out: list[tuple[int, int]] = []
    for start, end in blocks:
        chunk = body[start:end]
        if "\n" in chunk and any(
            meta.is_chrome(line) or meta.is_date_line(line) or meta.url_line(line)
            for line in chunk.split("\n")
        ):
            for a, b in text.lines(chunk):
                if span := text.trim(body, start + a, start + b):
                    out.append(span)
        else:
            out.append((start, end))
    return out


def _classify(
    body: str,
    blocks: list[tuple[int, int]],
    headings: set[tuple[int, int]],
    h1: tuple[int, int] | None,
) -> tuple[list[Paragraph], str | None, str | None, str | None]:
    paragraphs: list[Paragraph] = []
    title = date = url = None
    in_crumb = False
    seen = 0
    for start, end in blocks:
        chunk = body[start:end]
        if meta.is_breadcrumb(chunk):
            in_crumb = True
            continue
        if in_crumb and meta.is_crumb_continuation(chunk):
            continue
        in_crumb = False
        if meta.is_chrome(chunk):
            continue
        seen += 1
        header = seen <= _HEADER_ZONE and not any(p.kind is Kind.BODY for p in paragraphs[1:])
        if header and (found := meta.url_line(chunk)):
            url = url or found
            continue
        kind = Kind.BODY
        if header and date is None and meta.is_date_line(chunk):
            kind, date = Kind.DATE, meta.find_date(chunk)
        elif title is None and _is_title(chunk, (start, end), headings, h1, paragraphs):
            kind, title = Kind.TITLE, chunk
        paragraphs.append(Paragraph(len(paragraphs), start, end, chunk, kind))
    return paragraphs, title, date, url


def _is_title(
    chunk: str,
    span: tuple[int, int],
    headings: set[tuple[int, int]],
    h1: tuple[int, int] | None,
    before: list[Paragraph],
) -> bool:
    if h1 is not None:
        return span == h1
    if headings:
        return span == min(headings)
    # Plain text: the first paragraph, if it is one short line.
    return not before and "\n" not in chunk and len(chunk) <= 200
