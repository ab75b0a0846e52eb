"""The project file, ``bilingual.toml``: settings that belong to a corpus, not to a command line.

Found as git finds ``.git``: walking up from the corpus (or the checked files)
to the file-system root; the nearest file wins. Every key is optional::

    glossary = "../glossaries/zhejiang.tbx"   # or a list; relative to this file

    [site]
    title = "嘉兴公告 中英对照"
    organisation = "Jiaxing Municipal People's Government"
    base_url = "https://example.gov.cn/bulletins/"
    footer = "..."
    logo = "logo.svg"                 # relative to this file, inside the corpus
    templates = "templates/"          # a folder whose templates override the defaults
    highlight_terms = false           # underline approved glossary terms on the public site

    [align]
    similarity = "auto"               # auto | lexical | semantic | fast | refine
    max_bead = 5
    low_confidence = 0.5

Command-line options override the file. A key this module does not know is an
error with the file and line, so a typo (``glosary``) never silently falls back
to a default. Read with :mod:`tomllib`; nothing here reads anything else.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bilingual.errors import InputError

PROJECT_FILE = "bilingual.toml"

_KEYS: Mapping[str, Any] = {
    "glossary": (str, list),
    "site": {
        "title": str,
        "organisation": str,
        "base_url": str,
        "footer": str,
        "logo": str,
        "templates": str,
        "highlight_terms": bool,
    },
    "align": {"similarity": str, "max_bead": int, "low_confidence": (float, int)},
}


class ProjectError(InputError):
    """A project file that is not valid TOML or holds a key or value we do not know."""


@dataclass(frozen=True, slots=True)
class Project:
    """What a ``bilingual.toml`` says (all empty when there is none)."""

    path: Path | None = None
    glossary: tuple[Path, ...] = ()  # absolute, as the file names them
    site: Mapping[str, Any] = field(default_factory=dict)
    align: Mapping[str, Any] = field(default_factory=dict)

    @property
    def root(self) -> Path | None:
        """The folder of the project file: relative paths in it start here."""
        return self.path.parent if self.path else None


def find_up(start: Path, name: str) -> Path | None:
    """The nearest file ``name`` in ``start`` (a folder or a file's folder) or above it, as git finds
    ``.git``: the project file, the shared ignore list."""
    here = Path(start).absolute()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def find(start: Path) -> Path | None:
    """The nearest ``bilingual.toml`` in ``start`` (a folder or a file's folder) or above it."""
    return find_up(start, PROJECT_FILE)


def read_text(path: Path, error: type[InputError]) -> str:
    """A small UTF-8 settings file; an unreadable one is ``error`` naming it."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"not UTF-8 (byte offset {exc.start})", path) from exc
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror or exc}", path) from exc


def parse_toml(text: str, path: Path, error: type[InputError]) -> dict[str, Any]:
    """``text`` as TOML; malformed TOML is ``error`` with tomllib's line (the last line when the
    problem is at the end of the document)."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        message = re.sub(r"\s*\((at line \d+, column \d+|at end of document)\)", "", str(exc))
        last = text.count("\n") + (0 if text.endswith("\n") else 1)
        raise error(f"not valid TOML: {message}", path, int(found.group(1)) if found else last) from exc


def _line_of(text: str, key: str) -> int | None:
    match = re.search(rf"^\s*{re.escape(key)}\s*=", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _check(table: Mapping[str, Any], schema: Mapping[str, Any], path: Path, text: str, where: str) -> None:
    for key, value in table.items():
        expected = schema.get(key)
        name = f"{where}{key}"
        if expected is None:
            known = ", ".join(sorted(schema))
            raise ProjectError(f"unknown key {name!r}; known here: {known}", path, _line_of(text, key))
        if isinstance(expected, Mapping):
            if not isinstance(value, Mapping):
                raise ProjectError(f"{name} must be a table ([{name}])", path, _line_of(text, key))
            _check(value, expected, path, text, f"{name}.")
        elif not isinstance(value, expected) or (isinstance(value, bool) and expected is not bool):
            raise ProjectError(
                f"{name} has the wrong type ({type(value).__name__})", path, _line_of(text, key)
            )


def load(path: Path) -> Project:
    """Read and validate one project file; errors name the file and the line."""
    text = read_text(path, ProjectError)
    data = parse_toml(text, path, ProjectError)
    _check(data, _KEYS, path, text, "")
    names = data.get("glossary", [])
    names = [names] if isinstance(names, str) else names
    if not all(isinstance(n, str) for n in names):
        raise ProjectError("glossary must be a path or a list of paths", path, _line_of(text, "glossary"))
    glossary = tuple((path.parent / n).absolute() for n in names)
    for file in glossary:
        if not file.is_file():
            raise ProjectError(f"glossary {file} does not exist", path, _line_of(text, "glossary"))
    return Project(
        path=path.absolute(), glossary=glossary, site=data.get("site", {}), align=data.get("align", {})
    )


def discover(start: Path | None) -> Project:
    """The project of ``start`` (the nearest file above it), or an empty one."""
    found = find(start) if start is not None else None
    return load(found) if found else Project()
