"""The public site's templates: a Jinja2 environment, the site's settings, template errors.

Default templates (and the stylesheet, also a template) ship in
``bilingual/formats/templates``; a project may name a folder (``[site] templates``
in ``bilingual.toml``) whose files override any default by name. Autoescaping
is on for every template and undefined names are errors (``StrictUndefined``):
a template with a syntax error or an undefined variable raises
:class:`TemplateError` naming the template file and line. Every value a
template prints goes through :func:`bilingual.display.html_text`'s rule for
characters HTML and XML cannot hold (a visible stand-in) before escaping.

:class:`SiteConfig` is what ``[site]`` says, with the paths resolved and
checked: a logo must lie inside the corpus (it is copied into the site), a
template folder must exist. Pure: nothing here writes files.
"""

from __future__ import annotations

import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from bilingual.display import HTML_UNSAFE, picture
from bilingual.errors import ExportError, InputError

# Templates every build renders (a syntax error in any of them fails before anything is written).
TEMPLATES = (
    "base.html",
    "index.html",
    "bulletin.html",
    "single.html",
    "alternates.html",
    "toggle.html",
    "downloads.html",
    "bilingual.css",
    "feed.xml",
    "sitemap.xml",
)


class TemplateError(ExportError):
    """A site template that does not parse or uses a name it is not given."""


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """The public site's settings (``[site]`` of ``bilingual.toml``), paths resolved and checked."""

    title: str = "中英对照公告"
    organisation: str = ""
    base_url: str = ""  # absolute, ends with "/" (added when missing); "" = no sitemap, no feed
    footer: str = ""
    logo: Path | None = None  # inside the corpus; copied into the site as logo.SUFFIX
    templates: Path | None = None  # a folder overriding default templates by name
    highlight_terms: bool = False  # approved glossary terms underlined in the reading view

    @property
    def logo_name(self) -> str | None:
        return f"logo{self.logo.suffix.lower()}" if self.logo else None

    @classmethod
    def from_project(
        cls, site: Mapping[str, Any], root: Path | None, corpus: Path | None, default_title: str
    ) -> SiteConfig:
        """Settings from a project's ``[site]`` table; ``root``: the project file's folder.

        A logo outside ``corpus`` (or missing) and a template folder that is not a
        folder are refused (:class:`~bilingual.errors.InputError`).
        """
        where = root or Path.cwd()
        logo = templates = None
        if site.get("logo"):
            logo = (where / site["logo"]).resolve()
            inside = corpus is not None and logo.is_relative_to(corpus.resolve())
            if not inside:
                raise InputError(
                    f"[site] logo {site['logo']!r} is outside the corpus {corpus}; refused", logo
                )
            if not logo.is_file():
                raise InputError("[site] logo: no such file", logo)
        if site.get("templates"):
            templates = (where / site["templates"]).resolve()
            if not templates.is_dir():
                raise InputError("[site] templates: not a folder", templates)
        base_url = site.get("base_url", "")
        if base_url and not base_url.endswith("/"):
            base_url += "/"
        return cls(
            title=site.get("title") or default_title,
            organisation=site.get("organisation", ""),
            base_url=base_url,
            footer=site.get("footer", ""),
            logo=logo,
            templates=templates,
            highlight_terms=bool(site.get("highlight_terms", False)),
        )


def _finalize(value: Any) -> Any:
    """Characters HTML/XML cannot hold become visible stand-ins (escaping follows)."""
    if isinstance(value, str) and not isinstance(value, jinja2.runtime.Markup) and HTML_UNSAFE.search(value):
        return HTML_UNSAFE.sub(lambda m: picture(m.group()), value)
    return value


@lru_cache(maxsize=8)
def environment(templates: Path | None) -> jinja2.Environment:
    """The environment for one override folder (None: the defaults only)."""
    loaders: list[jinja2.BaseLoader] = []
    if templates is not None:
        loaders.append(jinja2.FileSystemLoader(str(templates)))
    loaders.append(jinja2.PackageLoader("bilingual.formats", "templates"))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )


def _source(env: jinja2.Environment, name: str | None) -> str:
    """The file a template name comes from (the override folder's or the package's)."""
    if name is None:
        return "(template)"
    try:
        _, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
    except jinja2.TemplateNotFound:
        return name
    return filename or name


class Templates:
    """The site's templates, all parsed up front: ``render(name, **values)`` gives text."""

    def __init__(self, config: SiteConfig) -> None:
        self.env = environment(config.templates)
        self._compiled: dict[str, jinja2.Template] = {}
        for name in TEMPLATES:
            try:
                self._compiled[name] = self.env.get_template(name)
            except jinja2.TemplateSyntaxError as exc:
                path = exc.filename or _source(self.env, exc.name or name)
                raise TemplateError(f"template syntax error: {exc.message}", path, exc.lineno) from exc

    def render(self, name: str, **values: Any) -> str:
        template = self._compiled[name]
        try:
            return template.render(**values)
        except jinja2.TemplateSyntaxError as exc:  # a template loaded while rendering
            path = exc.filename or _source(self.env, exc.name or name)
            raise TemplateError(f"template syntax error: {exc.message}", path, exc.lineno) from exc
        except jinja2.TemplateError as exc:  # an undefined name, a filter failing, ...
            where, line = _template_frame(exc)
            raise TemplateError(f"template error: {exc}", where or _source(self.env, name), line) from exc


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """The innermost template file and line in ``exc``'s traceback (Jinja maps frames to templates)."""
    found: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith((".html", ".xml", ".css")):
            found = (frame.filename, frame.lineno)
    return found
