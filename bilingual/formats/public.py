"""The public site: a reading view an office can put online, rendered from Jinja2 templates.

``write_public(items, context, config, out_dir)`` writes, for every bulletin,
``ID.html`` (Chinese and English side by side), ``ID.zh.html`` and
``ID.en.html`` (one language), linked to each other as the language toggle and
as ``hreflang`` alternates; per-bulletin downloads ``downloads/ID.tmx``,
``ID.xlf``, ``ID.po`` (beside whole-corpus files the caller names); the index
(newest first); the stylesheet; the logo; and, when the site has a base URL,
``sitemap.xml`` and an Atom ``feed.xml`` of the latest 50 bulletins (skipped
with a warning otherwise).

What the public build leaves out on purpose: glossary findings, alignment
scores, the tool's stamp and any link to review mode (those are the review
build's, :mod:`bilingual.formats.site`). Approved glossary terms are underlined
only when ``config.highlight_terms`` is set.

Reading view: blocks follow the Chinese paragraphs. A bead belongs to the
paragraph of its first Chinese sentence (a bead spanning two paragraphs goes
with the first; a bead with no Chinese stays with the block before it). Beads
made only of title and date lines are left out: the title is the H1 pair and
the date is shown once. Rendering is deterministic; every file is written
atomically.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

from markupsafe import Markup

from bilingual.display import html_text
from bilingual.errors import ExportError
from bilingual.formats.html import en_date, titles, zh_date
from bilingual.formats.markup import runs
from bilingual.formats.registry import FORMATS, ExportContext
from bilingual.formats.templating import SiteConfig, Templates
from bilingual.io import ensure_dir, write_atomic
from bilingual.model import EN, ZH, Alignment, Checked, Finding, Kind, Verdict

log = logging.getLogger(__name__)

INDEX_NAME = "index.html"
CSS_NAME = "bilingual.css"
DOWNLOADS = "downloads"
FEED_NAME = "feed.xml"
SITEMAP_NAME = "sitemap.xml"
FEED_SIZE = 50
# Per-bulletin downloads: (registered format, label shown on the page).
DOWNLOAD_FORMATS = (
    ("tmx", "TMX (translation memory)"),
    ("xliff", "XLIFF 2.0"),
    ("po", "PO (gettext)"),
)


@dataclass(frozen=True, slots=True)
class Pair:
    """One sentence pair of the reading view, its two sides as safe HTML."""

    zh: Markup
    en: Markup


@dataclass(frozen=True, slots=True)
class Bulletin:
    """What the templates know of one bulletin."""

    id: str
    title_zh: str
    title_en: str
    date: str | None
    date_zh: str
    date_en: str
    source: str | None
    blocks: tuple[tuple[Pair, ...], ...]  # one block a Chinese paragraph

    @property
    def href(self) -> str:
        return f"{self.id}.html"

    def page(self, lang: str | None) -> str:
        return f"{self.id}.{lang}.html" if lang else f"{self.id}.html"

    def paragraphs(self, side: str) -> list[Markup]:
        """One language's text, a paragraph a block (blocks with nothing on that side left out)."""
        joiner = Markup("") if side == ZH else Markup(" ")
        found = []
        for block in self.blocks:
            parts = [getattr(p, side) for p in block if getattr(p, side)]
            if parts:
                found.append(joiner.join(parts))
        return found


def _side(text: str, findings: Sequence[Finding], side: str, highlight: bool) -> Markup:
    if not highlight:
        return Markup(html_text(text))
    approved = [f for f in findings if f.verdict is Verdict.OK]
    out = []
    for piece, finding in runs(text, approved, side):
        if finding is None:
            out.append(html_text(piece))
        else:
            title = html_text(" | ".join(finding.expected) or finding.term)
            out.append(f'<span class="term" title="{title}">{html_text(piece)}</span>')
    return Markup("".join(out))


def _is_meta(alignment: Alignment, zh: Sequence[int], en: Sequence[int]) -> bool:
    """A bead made only of title and date lines (shown once, above the text)."""
    kinds = [alignment.zh.segments[i].kind for i in zh] + [alignment.en.segments[i].kind for i in en]
    return bool(kinds) and all(k in (Kind.TITLE, Kind.DATE) for k in kinds)


def bulletin(item: Checked, highlight: bool = False) -> Bulletin:
    """The reading view of one checked alignment."""
    alignment = item.alignment
    by_pair = item.by_pair()
    blocks: list[list[Pair]] = []
    keys: list[int] = []
    for pair in alignment.pairs():
        bead = pair.bead
        if _is_meta(alignment, bead.zh, bead.en):
            continue
        found = by_pair.get(pair.id, ())
        view = Pair(_side(pair.zh, found, ZH, highlight), _side(pair.en, found, EN, highlight))
        key = alignment.zh.segments[bead.zh[0]].paragraph if bead.zh else None
        if blocks and (key is None or key == keys[-1]):
            blocks[-1].append(view)
        else:
            blocks.append([view])
            keys.append(key if key is not None else -1)
    zh_title, en_title = titles(alignment)
    date = alignment.zh.date or alignment.en.date
    return Bulletin(
        id=alignment.id,
        title_zh=zh_title,
        title_en=en_title,
        date=date,
        date_zh=zh_date(date) if date else "",
        date_en=en_date(date) if date else "",
        source=alignment.zh.url or alignment.en.url,
        blocks=tuple(tuple(b) for b in blocks),
    )


def _writer(data: bytes) -> Callable[[BinaryIO], object]:
    return lambda out: out.write(data)


def _exporting(name: str, item: Checked, context: ExportContext) -> Callable[[BinaryIO], object]:
    write = FORMATS[name].write
    if write is None:
        raise ExportError(f"{name} cannot be written")
    return lambda out: write(iter([item]), context, out)


def _link(source: Path, target: Path) -> None:
    if target.exists():
        target.unlink()
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def write_public(
    items: Iterable[Checked],
    context: ExportContext,
    config: SiteConfig,
    out_dir: Path,
    *,
    corpus_files: Mapping[str, Path] | None = None,
    written_files: Mapping[str, Path] | None = None,
) -> list[Path]:
    """Write the public build into ``out_dir``; returns the paths written, in order.

    ``corpus_files``: whole-corpus downloads already written elsewhere (name ->
    path), linked into ``downloads/`` and listed on the index. ``written_files``:
    per-bulletin downloads already written elsewhere with the same writer and
    context (``ID.po`` -> path), linked instead of written again. Templates are
    parsed first: a broken template fails before any file is written.
    """
    templates = Templates(config)
    ensure_dir(out_dir)
    ensure_dir(out_dir / DOWNLOADS)
    site: dict[str, Any] = {
        "title": config.title,
        "organisation": config.organisation,
        "footer": config.footer,
        "logo": config.logo_name,
        "base_url": config.base_url,
        "css": CSS_NAME,
        "index": INDEX_NAME,
        "feed": FEED_NAME if config.base_url else None,
    }
    written: list[Path] = []

    def put(relative: str, data: str | bytes) -> None:
        path = out_dir / relative
        write_atomic(path, _writer(data.encode("utf-8") if isinstance(data, str) else data))
        written.append(path)

    bulletins = []
    for item in items:
        view = bulletin(item, config.highlight_terms)
        bulletins.append(replace(view, blocks=()))  # the index needs no text: memory stays flat
        downloads = []
        for name, label in DOWNLOAD_FORMATS:
            relative = f"{DOWNLOADS}/{view.id}{FORMATS[name].suffix}"
            existing = (written_files or {}).get(f"{view.id}{FORMATS[name].suffix}")
            if existing is not None and existing.is_file():
                _link(existing, out_dir / relative)
            else:
                write_atomic(out_dir / relative, _exporting(name, item, context))
            written.append(out_dir / relative)
            downloads.append({"href": relative, "label": label})
        pages = {None: view.page(None), "zh": view.page("zh"), "en": view.page("en")}
        common = {"site": site, "doc": view, "downloads": downloads, "pages": pages}
        put(pages[None], templates.render("bulletin.html", lang=None, **common))
        for lang in ("zh", "en"):
            tag = "zh-Hans" if lang == "zh" else "en"
            put(pages[lang], templates.render("single.html", lang=lang, tag=tag, **common))
    corpus_downloads = []
    for name, source in sorted((corpus_files or {}).items()):
        target = out_dir / DOWNLOADS / name
        _link(source, target)
        written.append(target)
        corpus_downloads.append({"href": f"{DOWNLOADS}/{name}", "label": name})
    ordered = sorted(bulletins, key=lambda b: (b.date or "", b.id), reverse=True)  # newest first
    put(INDEX_NAME, templates.render("index.html", site=site, bulletins=ordered, downloads=corpus_downloads))
    put(CSS_NAME, templates.render("bilingual.css", site=site))
    if config.logo is not None and config.logo_name:
        put(config.logo_name, config.logo.read_bytes())
    if config.base_url:
        updated = context.date
        latest = ordered[:FEED_SIZE]
        put(FEED_NAME, templates.render("feed.xml", site=site, bulletins=latest, updated=updated))
        put(SITEMAP_NAME, templates.render("sitemap.xml", site=site, bulletins=ordered, updated=updated))
    else:
        log.warning("no base_url in the project file's [site]: sitemap.xml and feed.xml not written")
    return written
