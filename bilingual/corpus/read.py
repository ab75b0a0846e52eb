"""Reading one bulletin file into a :class:`~bilingual.model.Document`.

Formats by suffix: .txt (and anything unknown), .md/.markdown, .html/.htm.
After the format reader has found the paragraphs, the same rules (in
:mod:`bilingual.corpus.meta`) drop page chrome and pick the title, the
release-date line and a source URL, so all formats give the same model.
"""

from __future__ import annotations

import re
from pathlib import Path

from bilingual.corpus import html, meta, text
from bilingual.corpus.decode import decode, han_ratio
from bilingual.errors import InputError
from bilingual.model import EN, ZH, Document, Kind, Paragraph

SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
MAX_BYTES = 64 * 1024 * 1024
_HEADER_ZONE = 5  # metadata is looked for among the first paragraphs only
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9._-]")


def doc_id(path: Path) -> str:
    """The pairing key of a file: its stem, made a valid XML NMTOKEN."""
    return _UNSAFE_ID.sub("_", path.stem) or "_"


def guess_lang(path: Path, body: str) -> str:
    for part in reversed(path.parent.parts):
        if part.lower() in {"zh", "zh-cn", "zh-hans", "cn", "chinese"}:
            return ZH
        if part.lower() in {"en", "en-us", "en-gb", "english"}:
            return EN
    return ZH if han_ratio(body[:20000]) >= 0.3 else EN


def read_raw(path: Path, lang: str | None = None, encoding: str | None = None) -> Document:
    """Read, decode and find paragraphs and metadata; no sentence splitting."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"is {size // 2**20} MB; bulletins over {MAX_BYTES // 2**20} MB are refused", path
            )
        data = path.read_bytes()
    except IsADirectoryError as exc:
        raise InputError("is a directory, not a bulletin file", path) from exc
    except FileNotFoundError as exc:
        raise InputError("no such file", path) from exc
    except PermissionError as exc:
        raise InputError("cannot be read (permission denied)", path) from exc
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
