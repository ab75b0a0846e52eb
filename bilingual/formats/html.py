"""The side-by-side HTML page of one bulletin, with a review mode: written and read back.

One table row per bead: the Chinese cell (``lang="zh-Hans"``) beside the
English cell (``lang="en"``); the row id is the bead id, so a link can point
at a sentence pair. Glossary terms found by the check are marked
``<span class="term">`` with the approved rendering as the tooltip, on both
sides and linked by ``data-term``; terms with a problem finding are
``<mark class="term VERDICT">``.

Review mode without JavaScript: the whole page sits in ``<div id="review">``,
so opening ``ID.html#review`` makes it the CSS ``:target``; the stylesheet then
highlights the marks and shows a third column listing each bead's findings.
One file per bulletin serves both modes (the index links both). The page links
the one stylesheet ``bilingual.css`` that :mod:`bilingual.formats.site` copies
beside it; no script, no external resource.

Characters HTML cannot hold (C0 controls other than whitespace, DEL, C1
controls, non-characters) are written as visible placeholders (Control
Pictures, as :mod:`bilingual.formats.markup` does for XML) and reported as
CONTROL_CHAR findings through ``context.report``.

Pure rendering: a string in, bytes out; no files. The reader (:func:`read_html`)
gives the rows back as pairs: the row id as the pair id, the two cells' text
(markup and character references resolved; the placeholders written for
control characters stay placeholders), the bead from ``data-bead``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import BinaryIO

from bilingual.display import html_text
from bilingual.display import picture as _picture
from bilingual.errors import ExportError
from bilingual.formats.markup import (
    codepoint,
    control_finding,
    control_findings,
    marker_ids,
    runs,
)
from bilingual.formats.reading import Units
from bilingual.formats.registry import ExportContext, Format, register
from bilingual.io import EXCHANGE_MAX_SIZE, decode_utf8, read_bytes
from bilingual.model import EN, ZH, AlignedPair, Alignment, Checked, Finding, Verdict, bead_text, parse_bead

# What the HTML parser reports as a parse error beyond XML's unsafe set: DEL, C1
# controls and non-characters. (C0 controls, surrogates, U+FFFE/U+FFFF are in
# markup.UNSAFE and reported by markup.control_findings.)
_HTML_ONLY = re.compile("[\x7f-\x9f\ufdd0-\ufdef\U0001fffe\U0001ffff\U0010fffe\U0010ffff]")
REVIEW_ID = "review"  # ``page.html#review`` is the review mode

VERDICT_LABEL = {
    Verdict.OK: "approved rendering",
    Verdict.MISSING: "missing rendering",
    Verdict.FORBIDDEN: "forbidden rendering",
    Verdict.CASE: "wrong capitalisation",
    Verdict.UNEXPECTED: "rendering without the Chinese term",
    Verdict.CONTROL_CHAR: "control character",
}
NUMBER_LABEL = {  # the figures-and-dates check's verdicts, in its own words
    Verdict.MISSING: "figure missing in the English",
    Verdict.UNEXPECTED: "figure not in the Chinese",
}
# The command that adds a finding to the corpus's ignore list, as the translator would type it.
ACCEPT_COMMAND = 'bilingual check {path} --accept {id} --reason "…"'


def html_control_findings(pair: AlignedPair) -> list[Finding]:
    """CONTROL_CHAR findings for every character of ``pair`` HTML cannot hold."""
    found = [replace(f, message=f.message.replace("XML 1.0", "HTML")) for f in control_findings(pair)]
    for side, text in ((ZH, pair.zh), (EN, pair.en)):
        for match in _HTML_ONLY.finditer(text):
            char, start = match.group(), match.start()
            picture = _picture(char)
            problem = f"{codepoint(char)} is not allowed in HTML; written as {picture} ({codepoint(picture)})"
            found.append(control_finding(pair, side, start, problem))
    return found


def _tooltip(finding: Finding) -> str:
    expected = " | ".join(finding.expected)
    if finding.verdict is Verdict.OK:
        return f"approved rendering: {expected}" if expected else finding.term
    labels = NUMBER_LABEL if finding.check == "number" else VERDICT_LABEL
    label = labels.get(finding.verdict, finding.verdict.value)
    text = f"{label}: {finding.message}" if finding.message else label
    if finding.check == "number":
        return text  # the message already names the figure expected
    return f"{text} (approved: {expected})" if expected else text


def _unbroken(command: str) -> str:
    """``command`` escaped, its short words kept whole (a line breaks at spaces, not after ``--``);
    the text, and so what is copied, is the command unchanged."""
    return " ".join(
        f'<span class="w">{html_text(word)}</span>' if len(word) <= 24 else html_text(word)
        for word in command.split(" ")
    )


def finding_item(finding: Finding, accept: str | None) -> str:
    """One finding in the review column: an accepted one says so with its reason (it is no error);
    an open one, when ``accept`` (the corpus or pair, shell-quoted) is known, carries a
    ``<details>`` with the command that accepts it (the finding's stable id, as in the JSON)."""
    text = html_text(_tooltip(finding))
    anchor = f' id="finding-{html_text(finding.id)}"' if finding.id else ""
    if finding.accepted is not None:
        return (
            f'<li class="accepted"{anchor}><strong>Accepted</strong> (.bilingual-ignore.toml): '
            f'{html_text(finding.accepted)}<br><span class="was">{text}</span></li>'
        )
    how = ""
    if accept is not None and finding.id:
        command = ACCEPT_COMMAND.format(path=accept, id=finding.id)
        how = (
            '<details class="accept"><summary>Accept as correct</summary>'
            "<p>A false positive? Record why in the corpus’s .bilingual-ignore.toml:</p>"
            f'<code class="command">{_unbroken(command)}</code></details>'
        )
    return f'<li class="{finding.verdict.value}"{anchor}>{text}{how}</li>'


def _cell(text: str, findings: Sequence[Finding], side: str, ids: dict[Finding, str]) -> str:
    """One side of a pair: approved terms as ``span.term``, problems as ``mark.term.VERDICT``
    (the stylesheet highlights marks only in review mode)."""
    out = []
    for piece, finding in runs(text, findings, side):
        if finding is None:
            out.append(html_text(piece))
            continue
        title = html_text(_tooltip(finding))
        term = f' data-term="{ids[finding]}"'
        if finding.verdict is not Verdict.OK:
            kind = "accepted" if finding.accepted is not None else finding.verdict.value
            if finding.accepted is not None:
                title = html_text(f"accepted: {finding.accepted} ({_tooltip(finding)})")
            out.append(f'<mark class="term {kind}" title="{title}"{term}>{html_text(piece)}</mark>')
        else:
            out.append(f'<span class="term" title="{title}"{term}>{html_text(piece)}</span>')
    return "".join(out)


def zh_date(iso: str) -> str:
    """``2023-02-14`` as ``2023年2月14日`` (returned unchanged when not ISO)."""
    parts = iso.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return iso
    return f"{int(parts[0])}年{int(parts[1])}月{int(parts[2])}日"


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def en_date(iso: str) -> str:
    """``2023-02-14`` as ``14 February 2023`` (returned unchanged when not ISO)."""
    parts = iso.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or not 1 <= int(parts[1]) <= 12:
        return iso
    return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {int(parts[0])}"


def head(title: str, context: ExportContext, css_href: str, *, noindex: bool = False) -> str:
    robots = '<meta name="robots" content="noindex">\n' if noindex else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"{robots}"
        f'<meta name="generator" content="{html_text(context.signature)}">\n'
        f"<title>{html_text(title)}</title>\n"
        f'<link rel="stylesheet" href="{html_text(css_href)}">\n</head>\n'
    )


def footer(context: ExportContext) -> str:
    return f'<footer><p class="signature">{html_text(context.signature)}</p></footer>\n'


def titles(alignment: Alignment) -> tuple[str, str]:
    """The Chinese and English titles of a bulletin (the id when a side has none)."""
    return alignment.zh.title or alignment.id, alignment.en.title or alignment.id


def render_page(
    item: Checked,
    context: ExportContext,
    *,
    css_href: str = "bilingual.css",
    index_href: str | None = "index.html",
    noindex: bool = False,
    accept: str | None = None,
) -> bytes:
    """The HTML page of one bulletin, with its review mode at ``#review``.

    ``noindex``: the review build's pages ask search engines to stay away.
    ``accept``: the corpus (or pair) as the translator types it, shell-quoted:
    each open finding then shows the ``bilingual check ... --accept ID``
    command in a ``<details>``. Accepted findings (the ignore list) are listed
    as accepted with their reason and not counted as findings.
    Beads an editor pinned (verified in ``bilingual review``) are marked
    ``verified`` and say so in the findings column.
    """
    alignment = item.alignment
    by_pair = item.by_pair()
    zh_title, en_title = titles(alignment)
    date = alignment.zh.date or alignment.en.date
    pairs = list(alignment.pairs())
    all_findings = [f for p in pairs for f in by_pair.get(p.id, ())]
    ids = marker_ids(f for f in all_findings if f.verdict is not Verdict.CONTROL_CHAR)
    problems = sum(f.verdict not in (Verdict.OK, Verdict.CONTROL_CHAR) for f in all_findings)
    accepted = sum(f.accepted is not None for f in all_findings)
    problems -= accepted
    low = sum(p.bead.score < context.low_confidence and not p.bead.pinned for p in pairs)
    nav = []
    if index_href:
        nav.append(f'<a href="{html_text(index_href)}">All bulletins · 全部公告</a>')
    nav.append(f'<a class="to-review" href="#{REVIEW_ID}">Review mode · 审校模式 ({problems})</a>')
    nav.append('<a class="to-reading" href="#">Reading view · 阅读模式</a>')
    verified = sum(p.bead.pinned for p in pairs)
    parts = [head(f"{en_title} · {zh_title}", context, css_href, noindex=noindex)]
    # Invariant: everything visible lives inside div#review, so ``#review`` in the
    # URL (:target) switches the whole page to review mode, without JavaScript.
    parts.append(f'<body>\n<div id="{REVIEW_ID}">\n<header>\n')
    parts.append(f"<nav>{' '.join(nav)}</nav>\n")
    parts.append(
        f'<h1><span lang="zh-Hans">{html_text(zh_title)}</span> '
        f'<span lang="en">{html_text(en_title)}</span></h1>\n'
    )
    meta = []
    if date:
        meta.append(f'<time lang="zh-Hans" datetime="{html_text(date)}">{html_text(zh_date(date))}</time>')
        meta.append(f'<time datetime="{html_text(date)}">{html_text(en_date(date))}</time>')
    meta.append(f"alignment confidence {alignment.confidence:.0%}")
    meta.append(f"{len(pairs)} sentence pairs, {low} uncertain, {verified} verified")
    meta.append(f"{problems} open finding{'' if problems == 1 else 's'}")
    if accepted:
        meta.append(f"{accepted} accepted")
    parts.append(f'<p class="meta">{" · ".join(meta)}</p>\n')
    url = alignment.zh.url or alignment.en.url
    if url:
        parts.append(f'<p class="meta">Source: <a href="{html_text(url)}">{html_text(url)}</a></p>\n')
    parts.append('</header>\n<main>\n<table class="beads">\n<thead><tr>')
    parts.append('<th scope="col" lang="zh-Hans">中文</th><th scope="col">English</th>')
    parts.append('<th scope="col" class="findings">Findings</th>')
    parts.append("</tr></thead>\n<tbody>\n")
    for pair in pairs:
        found = by_pair.get(pair.id, ())
        problems_here = html_control_findings(pair)
        context.report(problems_here)
        classes = [f"b{pair.bead.type}"]
        if pair.bead.score < context.low_confidence and not pair.bead.pinned:
            classes.append("low")
        notes = [f for f in found if f.verdict is not Verdict.OK] + problems_here
        if any(f.accepted is None for f in notes):
            classes.append("issue")
        items = "".join(finding_item(f, accept) for f in notes)
        if pair.bead.pinned:
            classes.append("verified")
            items = '<li class="verified">verified by an editor (pinned)</li>' + items
        parts.append(
            f'<tr id="{html_text(pair.id)}" class="{" ".join(classes)}" '
            f'data-bead="{html_text(bead_text(pair.bead))}">'
            f'<td lang="zh-Hans">{_cell(pair.zh, found, ZH, ids)}</td>'
            f'<td lang="en">{_cell(pair.en, found, EN, ids)}</td>'
            f'<td class="findings">{f"<ul>{items}</ul>" if items else ""}</td></tr>\n'
        )
    parts.append("</tbody>\n</table>\n</main>\n")
    parts.append(footer(context))
    parts.append("</div>\n</body>\n</html>\n")
    return "".join(parts).encode("utf-8")


CSS_NAME = "bilingual.css"


def stylesheet() -> bytes:
    """The one stylesheet, shipped in the package and written beside the pages."""
    return resources.files("bilingual.formats").joinpath("static", CSS_NAME).read_bytes()


def write_html(items: Iterable[Checked], context: ExportContext, out: BinaryIO) -> None:
    """Side-by-side HTML page, one per bulletin (links bilingual.css beside it)."""
    checked = list(items)
    if len(checked) != 1:
        raise ExportError(f"an HTML page holds exactly one bulletin; got {len(checked)}")
    out.write(render_page(checked[0], context))


class _Rows(HTMLParser):
    """Collects the bead rows of a page: (line, row id, data-bead, {side: text})."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[int, str, str, dict[str, str]]] = []
        self._side: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "tr" and attributes.get("data-bead") is not None:
            line = self.getpos()[0]
            self.rows.append((line, attributes.get("id") or "", attributes.get("data-bead") or "", {}))
        elif tag == "td" and self.rows and attributes.get("lang") in ("zh-Hans", "en"):
            self._side = ZH if attributes["lang"] == "zh-Hans" else EN
            self.rows[-1][3][self._side] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "tr"):
            self._side = None

    def handle_data(self, data: str) -> None:
        if self._side is not None:
            self.rows[-1][3][self._side] += data


def read_html(path: Path) -> list[AlignedPair]:
    """The bead rows of a review page (``<tr data-bead>``) as pairs, in page order."""
    parser = _Rows()
    parser.feed(decode_utf8(read_bytes(path, max_size=EXCHANGE_MAX_SIZE), path))
    parser.close()
    units = Units(path)
    for line, row_id, bead, texts in parser.rows:
        units.add(row_id, texts, "", line, parse_bead(bead))
    return units.pairs


FORMAT = register(
    Format(
        name="html",
        suffixes=(".html",),
        per_document=True,
        description="side-by-side HTML page, one per bulletin",
        write=write_html,
        read=read_html,
        assets=lambda: {CSS_NAME: stylesheet()},
    )
)
