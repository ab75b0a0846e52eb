"""The review build of the site: the editors' pages with findings and confidences.

``bilingual publish`` writes it to ``OUT/review/`` (with ``noindex``: a read-only
page to share; the public reading view is :mod:`bilingual.formats.public`).
``write_site(items, context, out_dir)`` writes, for every bulletin, its
side-by-side page ``ID.html`` (rendered by :mod:`bilingual.formats.html`; its
review mode is ``ID.html#review``), the index ``index.html`` (date, both titles,
alignment confidence, compliance status and, after a previous publish, the
chrF of the new English against the previous one), and the one stylesheet
``bilingual.css`` shipped in ``bilingual/formats/static``. Every file is written
atomically; rendering is deterministic (rows sorted by date, then id).

Findings the corpus's ignore list (``.bilingual-ignore.toml``) accepts are
shown as accepted with their reason and counted apart, never as open
findings; under each open finding a ``<details>`` gives the command that
accepts it (``accept``: the corpus as the translator types it). Entries of the
ignore list that no finding matched any more (``stale``) are listed on the
index, with their file and line, to be removed.
"""

from __future__ import annotations

import os
import shlex
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from bilingual.formats.html import (
    CSS_NAME,
    REVIEW_ID,
    en_date,
    footer,
    head,
    html_text,
    render_page,
    stylesheet,
    titles,
    zh_date,
)
from bilingual.formats.registry import ExportContext
from bilingual.glossary.ignore import IGNORE_FILE, Entry, IgnoreList
from bilingual.glossary.ignore import stale as stale_entries
from bilingual.io import ensure_dir, write_atomic
from bilingual.model import Checked, Verdict

INDEX_NAME = "index.html"


@dataclass(frozen=True, slots=True)
class IgnoreView:
    """What the review build shows of the ignore list: the accepting command's arguments before
    ``--accept`` (shell-quoted), the stale entries, the file's name as the translator sees it."""

    accept: str | None = None
    stale: tuple[Entry, ...] = ()
    file: str = IGNORE_FILE

    @classmethod
    def of(
        cls,
        ignore: IgnoreList | None,
        seen: Iterable[str],
        documents: Iterable[str],
        corpus: Path,
        glossaries: Iterable[str | Path] = (),
    ) -> IgnoreView:
        """``seen``: the ids of the run's findings; ``documents``: the checked documents' ids;
        ``glossaries``: the ``-g`` files the command must repeat (those given on its command line)."""
        stale = tuple(stale_entries(ignore, seen, documents)) if ignore is not None else ()
        where = as_typed(ignore.path) if ignore is not None and ignore.path else IGNORE_FILE
        words = [as_typed(corpus)]
        for glossary in glossaries:
            words += ["-g", as_typed(Path(glossary))]
        return cls(shlex.join(words), stale, where)

    def report(self) -> list[dict[str, object]]:
        """The stale entries as report.json lists them (as ``check --format json`` does)."""
        return [
            {"id": e.id, "doc": e.doc, "check": e.check, "term": e.term, "verdict": e.verdict, "line": e.line}
            for e in self.stale
        ]


def as_typed(path: Path) -> str:
    """``path`` as a translator types it at the prompt: as given when relative, else relative to the
    working folder when that climbs at most one level (``../corpus``), else absolute."""
    if not path.is_absolute():
        return path.as_posix()
    relative = Path(os.path.relpath(path))
    return relative.as_posix() if relative.parts[:2].count("..") <= 1 else path.as_posix()


@dataclass(frozen=True, slots=True)
class IndexRow:
    """One bulletin as the index lists it."""

    id: str
    date: str | None
    title_zh: str
    title_en: str
    confidence: float
    beads: int
    low: int  # beads below context.low_confidence, not pinned
    findings: tuple[tuple[str, int], ...]  # (verdict, count) of problem findings, sorted
    changed: float | None = None  # chrF vs the previous publish; None: new, or no previous publish
    accepted: int = 0  # findings the ignore list accepts (not in ``findings``)

    @property
    def problems(self) -> int:
        return sum(n for _, n in self.findings)

    @property
    def status(self) -> str:
        waived = f" · {self.accepted} accepted" if self.accepted else ""
        if not self.problems:
            return "compliant" + waived
        noun = "finding" if self.problems == 1 else "findings"
        return f"{self.problems} {noun} (" + ", ".join(f"{n} {v}" for v, n in self.findings) + ")" + waived


def index_row(item: Checked, context: ExportContext, changed: float | None = None) -> IndexRow:
    alignment = item.alignment
    by_pair = item.by_pair()
    counts: Counter[str] = Counter()
    low = 0
    beads = 0
    accepted = 0
    for pair in alignment.pairs():
        beads += 1
        low += pair.bead.score < context.low_confidence and not pair.bead.pinned
        for finding in by_pair.get(pair.id, ()):
            if finding.verdict in (Verdict.OK, Verdict.CONTROL_CHAR):
                continue
            if finding.accepted is not None:
                accepted += 1
            else:
                counts[finding.verdict.value] += 1
    zh_title, en_title = titles(alignment)
    return IndexRow(
        id=alignment.id,
        date=alignment.zh.date or alignment.en.date,
        title_zh=zh_title,
        title_en=en_title,
        confidence=alignment.confidence,
        beads=beads,
        low=low,
        findings=tuple(sorted(counts.items())),
        changed=changed,
        accepted=accepted,
    )


def render_index(
    rows: Sequence[IndexRow],
    context: ExportContext,
    *,
    show_changed: bool = False,
    noindex: bool = False,
    stale: Sequence[Entry] = (),
    ignore_file: str = IGNORE_FILE,
) -> bytes:
    """The index page; ``show_changed`` adds the "changed since last publish" column; ``stale``
    lists the ignore list's entries that match no finding any more."""
    ordered = sorted(rows, key=lambda r: (r.date or "", r.id), reverse=True)  # newest first
    total = sum(r.problems for r in rows)
    parts = [head("Bulletins · 公告", context, CSS_NAME, noindex=noindex)]
    parts.append('<body class="index">\n<header>\n')
    parts.append(
        f'<h1><span lang="zh-Hans">{html_text(context.site_title)}</span> '
        '<span lang="en">Bulletins in Chinese and English</span></h1>\n'
    )
    compliant = sum(not r.problems for r in rows)
    accepted = sum(r.accepted for r in rows)
    parts.append(
        f'<p class="meta">{len(rows)} bulletins · {compliant} compliant with the glossary · '
        f"{total} findings" + (f" · {accepted} accepted" if accepted else "") + "</p>\n"
    )
    parts.append('</header>\n<main>\n<table class="index">\n<thead><tr>')
    parts.append(
        '<th scope="col">Date</th><th scope="col" lang="zh-Hans">标题</th><th scope="col">Title</th>'
    )
    parts.append('<th scope="col">Alignment confidence</th><th scope="col">Compliance</th>')
    if show_changed:
        parts.append('<th scope="col">Changed since last publish (chrF)</th>')
    parts.append('<th scope="col">Review</th></tr></thead>\n<tbody>\n')
    for row in ordered:
        page = html_text(f"{row.id}.html")
        review = html_text(f"{row.id}.html#{REVIEW_ID}")
        if row.date:
            date = (
                f'<time datetime="{html_text(row.date)}">{html_text(en_date(row.date))}</time>'
                f'<br><span lang="zh-Hans">{html_text(zh_date(row.date))}</span>'
            )
        else:
            date = ""
        status_class = "status-issues" if row.problems else "status-ok"
        parts.append(
            f'<tr id="{html_text(row.id)}"><td>{date}</td>'
            f'<td lang="zh-Hans"><a href="{page}">{html_text(row.title_zh)}</a></td>'
            f'<td><a href="{page}">{html_text(row.title_en)}</a></td>'
            f'<td class="num" data-label="Alignment confidence">{row.confidence:.0%}<br>'
            f"{row.low} of {row.beads} uncertain</td>"
            f'<td class="{status_class}" data-label="Compliance">{html_text(row.status)}</td>'
        )
        if show_changed:
            changed = "new" if row.changed is None else f"{row.changed:.1f}"
            parts.append(f'<td class="num" data-label="Changed (chrF)">{changed}</td>')
        parts.append(f'<td><a href="{review}">review</a></td></tr>\n')
    parts.append("</tbody>\n</table>\n")
    if show_changed:
        parts.append(
            '<p class="meta">chrF of the new English against the previous publish: 100 = unchanged, '
            "lower = more edited.</p>\n"
        )
    if stale:
        parts.append(_stale_section(stale, ignore_file))
    parts.append("</main>\n")
    parts.append(footer(context))
    parts.append("</body>\n</html>\n")
    return "".join(parts).encode("utf-8")


def _stale_section(stale: Sequence[Entry], ignore_file: str) -> str:
    """The stale entries of the ignore list: their sentence changed or is gone; remove them."""
    noun = "entry" if len(stale) == 1 else "entries"
    parts = [
        '<section class="stale" aria-labelledby="stale-heading">\n'
        f'<h2 id="stale-heading">Stale ignore {noun}</h2>\n'
        f'<p class="meta">{len(stale)} {noun} of <code>{html_text(ignore_file)}</code> '
        f"{'matches' if len(stale) == 1 else 'match'} no finding any more: the sentence changed or is "
        f"gone. Remove {'it' if len(stale) == 1 else 'them'}, or accept the new finding again.</p>\n"
        '<table class="stale">\n<thead><tr><th scope="col">Line</th><th scope="col">Bulletin</th>'
        '<th scope="col">Finding</th><th scope="col">Reason</th></tr></thead>\n<tbody>\n'
    ]
    for entry in stale:
        what = f"{entry.check} {entry.term}, {entry.verdict}"
        parts.append(
            f'<tr><td class="num" data-label="Line">{entry.line or ""}</td>'
            f'<td data-label="Bulletin">{html_text(entry.doc or "any")}</td>'
            f'<td data-label="Finding">{html_text(what)}<br><span lang="zh-Hans">{html_text(entry.zh)}</span>'
            f'<br><span lang="en">{html_text(entry.en)}</span></td>'
            f'<td data-label="Reason">{html_text(entry.reason)}</td></tr>\n'
        )
    parts.append("</tbody>\n</table>\n</section>\n")
    return "".join(parts)


def _writer(data: bytes) -> Callable[[BinaryIO], object]:
    return lambda out: out.write(data)


def write_site(
    items: Iterable[Checked],
    context: ExportContext,
    out_dir: Path,
    *,
    changed: Mapping[str, float | None] | None = None,
    noindex: bool = False,
    ignored: IgnoreView | None = None,
) -> list[Path]:
    """Write the site into ``out_dir``; returns the paths written, in order.

    ``changed`` maps a bulletin id to its chrF against the previous publish
    (``None`` for a bulletin that is new); when ``changed`` is None there was
    no previous publish and the column is left out. ``ignored``: the command
    that accepts a finding (under each open one) and the ignore list's stale
    entries (on the index); None: neither.
    """
    ignored = ignored or IgnoreView()
    ensure_dir(out_dir)
    written: list[Path] = []
    rows: list[IndexRow] = []
    for item in items:
        path = out_dir / f"{item.id}.html"
        write_atomic(
            path,
            _writer(
                render_page(
                    item,
                    context,
                    css_href=CSS_NAME,
                    index_href=INDEX_NAME,
                    noindex=noindex,
                    accept=ignored.accept,
                )
            ),
        )
        written.append(path)
        rows.append(index_row(item, context, (changed or {}).get(item.id)))
    css = stylesheet()
    write_atomic(out_dir / CSS_NAME, _writer(css))
    index = render_index(
        rows,
        context,
        show_changed=changed is not None,
        noindex=noindex,
        stale=ignored.stale,
        ignore_file=ignored.file,
    )
    write_atomic(out_dir / INDEX_NAME, _writer(index))
    return [*written, out_dir / CSS_NAME, out_dir / INDEX_NAME]
