"""Plain text and Markdown: paragraphs with offsets into the original text.

A paragraph is a run of non-blank lines. For plain text ``Document.text`` is
the decoded file itself, so every span points at the original characters (the
PO import relies on that to write edits back byte-exactly). Markdown is read
like HTML: block markers (``# ``, ``- ``, ``1. ``, ``> ``), inline markup
(``**bold**``, ``[link](url)``, `` `code` ``) and raw HTML (comments, tags
with their attributes) are not bulletin text, so ``Document.text`` is the
plain text of the paragraphs joined by blank lines.
An ASCII punctuation character after a backslash (CommonMark's escape) is that
character as text, never markup: the PO import writes its edits escaped so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

Block = tuple[int, int]  # [start, end) into the text, trimmed

_LINE = re.compile(r"[^\n]*\n?")
_MD_HEADING = re.compile(r"[ \t]{0,3}(#{1,6})[ \t]+")
_MD_ITEM = re.compile(r"[ \t]{0,3}([-*+]|\d{1,3}[.)])[ \t]+")
_MD_QUOTE = re.compile(r"[ \t]{0,3}>[ \t]?")
_MD_RULE = re.compile(r"[ \t]{0,3}([-*_])([ \t]*\1){2,}[ \t]*$")


def lines(text: str) -> Iterator[tuple[int, int]]:
    """[start, end) of each line without its line break."""
    for m in _LINE.finditer(text):
        if m.start() == m.end():
            break
        end = m.end() - 1 if m.group().endswith("\n") else m.end()
        if end > m.start() and text[end - 1] == "\r":
            end -= 1
        yield m.start(), end


def trim(text: str, start: int, end: int) -> Block | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def paragraphs(text: str, *, markdown: bool = False) -> list[tuple[Block, bool]]:
    """The paragraph spans of ``text``; the flag marks a Markdown heading."""
    blocks: list[tuple[Block, bool]] = []
    run: list[Block] = []

    def flush() -> None:
        if run:
            blocks.append(((run[0][0], run[-1][1]), False))
            run.clear()

    for start, end in lines(text):
        span = trim(text, start, end)
        if span is None:
            flush()
            continue
        if markdown:
            line = text[start:end]
            if _MD_RULE.match(line):
                flush()
                continue
            if m := _MD_HEADING.match(line):
                flush()
                if inner := trim(text, start + m.end(), end):
                    blocks.append((inner, True))
                continue
            if m := _MD_ITEM.match(line) or _MD_QUOTE.match(line):
                flush()
                if inner := trim(text, start + m.end(), end):
                    run.append(inner)
                continue
        run.append(span)
    flush()
    return blocks


_MD_INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),  # emphasis
    (re.compile(r"`([^`\n]+)`"), r"\1"),  # code
)


# Raw HTML: comments and tags are markup, not text (CommonMark renders
# neither). A code span is matched first so that a tag written in it stays
# text; an autolink (<https://...>) is no tag: a tag name is followed by a
# space, "/" or ">". A quoted attribute value may hold ">".
_MD_HTML = re.compile(
    r"(`[^`\n]+`)|<!--.*?-->"
    r"""|</?[A-Za-z][A-Za-z0-9-]*(?=[\s/>])(?:[^>"']|"[^"]*"|'[^']*')*>""",
    re.DOTALL,
)


# A backslash-escaped ASCII punctuation character is hidden from the inline
# patterns as a character of plane 15 (private use), then put back.
_MD_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_MD_HIDDEN = re.compile("[\U000f0021-\U000f007e]")


def markdown_plain(body: str, found: list[tuple[Block, bool]]) -> tuple[str, list[tuple[Block, bool]]]:
    """The plain text of Markdown paragraphs, inline markup removed, and their new spans."""
    parts: list[str] = []
    blocks: list[tuple[Block, bool]] = []
    pos = 0
    for (start, end), heading in found:
        chunk = _MD_ESCAPED.sub(lambda m: chr(0xF0000 + ord(m.group(1))), body[start:end])
        chunk = _MD_HTML.sub(lambda m: m.group(1) or "", chunk)
        for pattern, repl in _MD_INLINE:
            chunk = pattern.sub(repl, chunk)
        chunk = _MD_HIDDEN.sub(lambda m: chr(ord(m.group()) - 0xF0000), chunk).strip()
        if not chunk:
            continue
        if parts:
            parts.append("\n\n")
            pos += 2
        blocks.append(((pos, pos + len(chunk)), heading))
        parts.append(chunk)
        pos += len(chunk)
    return "".join(parts), blocks
