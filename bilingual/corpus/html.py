"""Scraped HTML pages: the article text, without the page around it.

Navigation, headers, footers, scripts, forms and elements whose class or id
says they are page furniture (``nav``, ``breadcrumb``, ``footer``, ``share``…)
are dropped; block elements become paragraphs. ``Document.text`` for HTML is
the extracted text (paragraphs joined by blank lines, layout whitespace
collapsed as a browser would, NBSP kept), and spans point into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

from bilingual.errors import InputError

DROP_TAGS = {
    "script", "style", "noscript", "template", "nav", "footer", "aside", "form",
    "iframe", "svg", "button", "select", "input", "textarea", "menu", "object", "embed",
}  # fmt: skip
BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "blockquote", "pre", "table", "tr", "td", "th", "section", "article", "main", "header",
    "figure", "figcaption", "address", "hr", "body", "center",
}  # fmt: skip
FURNITURE = re.compile(
    r"(^|[-_\s])(nav|navbar|navigation|menu|breadcrumbs?|crumbs?|footer|foot|sidebar|side|share|"
    r"copyright|location|position|topbar|toolbar|banner|login|search|skip|print|pager|related)($|[-_\s\d])",
    re.IGNORECASE,
)
MAX_DEPTH = 256  # libxml2's nesting limit without XML_PARSE_HUGE
_SPACE = re.compile(r"[ \t\r\n\f\v]+")  # not NBSP: that one is content


@dataclass(frozen=True, slots=True)
class Page:
    text: str
    blocks: list[tuple[int, int]]
    h1: tuple[int, int] | None  # the block holding the <h1>, if any
    title: str | None  # <title>, for pages without an <h1>
    url: str | None


def parse(text: str, path: str) -> Page:
    parser = _parser()
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"cannot parse HTML: {exc}", path) from exc
    _refuse_too_deep(parser, path)
    head_title = root.findtext(".//title")
    url = _canonical(root)
    body = root.find("body")
    if body is None:
        body = root
    _strip(body)
    chunks: list[str] = []
    h1_marker = "\x00H1\x00"
    _walk(body, chunks, h1_marker)
    out: list[str] = []
    blocks: list[tuple[int, int]] = []
    h1 = None
    pos = 0
    for raw in "".join(chunks).split("\n\n"):
        is_h1 = h1_marker in raw
        para = _SPACE.sub(" ", raw.replace(h1_marker, "")).strip(" ")
        if not para:
            continue
        if out:
            out.append("\n\n")
            pos += 2
        blocks.append((pos, pos + len(para)))
        if is_h1 and h1 is None:
            h1 = blocks[-1]
        out.append(para)
        pos += len(para)
    title = _SPACE.sub(" ", head_title).strip() if head_title else None
    return Page("".join(out), blocks, h1, title or None, url)


def _parser() -> lxml.html.HTMLParser:
    return lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)


def _refuse_too_deep(parser: lxml.html.HTMLParser, path: str) -> None:
    """Refuse a page nested deeper than libxml2 parses (:data:`MAX_DEPTH`).

    libxml2 stops at that depth, logs a resource-limit error and returns the
    tree built so far, without the deep element *and everything after it*:
    text lost with no exception. Measured with libxml2 2.14 (lxml 6.0): 250
    nested ``<div>`` parse whole; from 254 on (the limit counts ``html`` and
    ``body`` too) the deep text and all that follows are gone. ``huge_tree``
    would lift the limit only to 2048 and deeper trees would overflow the
    recursive walk below, so no option is lifted: such a page (no real
    bulletin comes near: the corpus pages are at most 6 deep) is refused.
    """
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in entry.message:
            raise InputError(
                f"HTML is nested more than {MAX_DEPTH} elements deep, "
                "beyond what the HTML parser reads: the text past that depth would be lost; "
                "save the article as plain text or flatten the page",
                path,
                entry.line or None,
            )


def _canonical(root: lxml.html.HtmlElement) -> str | None:
    for link in root.iterfind(".//link[@rel]"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return link.get("href")
    for meta in root.iterfind(".//meta"):
        if (meta.get("property") or meta.get("name") or "").lower() in {"og:url", "url"} and meta.get(
            "content"
        ):
            return meta.get("content")
    return None


def _strip(body: lxml.html.HtmlElement) -> None:
    doomed = []
    for el in body.iter():
        if not isinstance(el.tag, str):
            doomed.append(el)
            continue
        tag = el.tag.lower()
        label = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('role') or ''}"
        if _is_furniture(el, tag, label):
            doomed.append(el)
    for el in doomed:
        el.drop_tree()  # keeps the tail text


def _is_furniture(el: lxml.html.HtmlElement, tag: str, label: str) -> bool:
    if tag in DROP_TAGS or el.get("hidden") is not None:
        return True
    if "display:none" in (el.get("style") or "").replace(" ", ""):
        return True
    holds_title = el.find(".//h1") is not None
    if tag == "header":
        return not holds_title
    return bool(FURNITURE.search(label)) and not holds_title and not _is_article(el)


def _is_article(el: lxml.html.HtmlElement) -> bool:
    """A container holding several paragraphs is content, whatever its class says."""
    return len(el.findall(".//p")) >= 3


def _walk(el: lxml.html.HtmlElement, out: list[str], h1_marker: str) -> None:
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    block = tag in BLOCK_TAGS
    if block:
        out.append("\n\n")
    if tag == "h1":
        out.append(h1_marker)
    if tag == "br":
        out.append("\n\n")  # gov sites separate paragraphs with <br>
    if el.text:
        out.append(el.text)
    for child in el:
        _walk(child, out, h1_marker)
        if child.tail:
            out.append(child.tail)
    if block:
        out.append("\n\n")
