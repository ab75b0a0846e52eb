"""Glossary stage: the :class:`Glossary` container, validation and loading by suffix.

A glossary is a frozen tuple of :class:`~bilingual.model.Term` entries plus a
checksum of the files it came from (stamped in every report's signature) and
their names. Loading dispatches on the suffix (``.tbx``/``.xml`` → TBX v3 or
TBX 2008, told apart by the root element; ``.csv``; ``.tsv``); every loader
returns terms whose ``source`` is ``path:line``, and :func:`validate` checks
them all the same way, so messages read alike whatever the format.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bilingual.errors import GlossaryError
from bilingual.glossary.normalise import en_form, rendering_key, zh_form
from bilingual.model import Term
from bilingual.signature import checksum

log = logging.getLogger(__name__)

SUFFIXES = (".tbx", ".xml", ".csv", ".tsv")
# Control characters (C0 but tab and line breaks, DEL, C1) and the
# noncharacters U+FFFE/U+FFFF: in a glossary they are a paste accident, they
# would be matched as written, and XML 1.0 (TBX) cannot hold most of them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class Glossary:
    terms: tuple[Term, ...]
    checksum: str
    sources: tuple[str, ...] = ()

    @classmethod
    def from_terms(cls, terms: Iterable[Term], sources: Sequence[str] = ()) -> Glossary:
        """A glossary built in code (tests, benchmarks): checksum over the terms' repr."""
        terms = tuple(terms)
        return cls(terms, checksum(repr(t).encode() for t in terms), tuple(sources))

    def by_id(self) -> dict[str, Term]:
        return {t.id: t for t in self.terms}


def where(term: Term) -> tuple[str | None, int | None]:
    """Split ``Term.source`` ("path:line") for an error message."""
    path, _, line = term.source.rpartition(":")
    if path and line.isdigit():
        return path, int(line)
    return (term.source or None), None


def control_character(term: Term) -> str | None:
    """What :func:`validate` says of the first control character in ``term``
    (id, forms, renderings or note), or None."""
    fields = (
        ("id", (term.id,)),
        ("zh", term.zh),
        ("en", term.en),
        ("en_variants_ok", term.en_ok),
        ("forbidden", term.forbidden),
        ("note", (term.note,)),
    )
    for name, values in fields:
        for value in values:
            found = _CONTROL.search(value)
            if found:
                return (
                    f"entry {term.id!r}: control character U+{ord(found.group()):04X} in {name} "
                    f"{value!r}; remove it"
                )
    return None


def validate(terms: Sequence[Term], path: Path | str) -> None:
    """Raise :class:`GlossaryError` (path:line) for the first problem found."""
    if not terms:
        raise GlossaryError("the glossary has no entries", path)
    seen: dict[str, Term] = {}
    for term in terms:
        src, line = where(term)
        src = src or str(path)
        if not term.id.strip():
            raise GlossaryError("entry without an id", src, line)
        if term.id in seen:
            raise GlossaryError(f"duplicate id {term.id!r} (first at {seen[term.id].source})", src, line)
        seen[term.id] = term
        problem = control_character(term)
        if problem:
            raise GlossaryError(problem, src, line)
        if not [z for z in term.zh if zh_form(z)]:
            raise GlossaryError(f"entry {term.id!r}: empty zh", src, line)
        if not [e for e in term.en if en_form(e)]:
            raise GlossaryError(f"entry {term.id!r}: no approved (preferred) English rendering", src, line)
        approved = {rendering_key(e): e for e in term.approved}
        for bad in term.forbidden:
            if rendering_key(bad) in approved:
                raise GlossaryError(
                    f"entry {term.id!r}: {bad!r} is both approved ({approved[rendering_key(bad)]!r}) "
                    "and forbidden",
                    src,
                    line,
                )


def load(path: Path, *, strict: bool = False, source_lang: str | None = None) -> Glossary:
    """Load and validate one glossary file, by suffix (see module docstring).

    ``strict`` refuses a TBX with an entry that has no zh or no en term (else
    skipped, with a warning counting them); ``source_lang`` names the language
    of the source column of a two-column ``source,target`` CSV.
    """
    from bilingual.glossary.load_csv import read_csv
    from bilingual.glossary.load_tbx import read_tbx

    path = Path(path)
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GlossaryError(f"cannot read glossary: {exc.strerror or exc}", path) from exc
    if suffix in (".tbx", ".xml"):
        terms = read_tbx(data, path, strict=strict)
    elif suffix in (".csv", ".tsv"):
        terms = read_csv(data, path, delimiter="\t" if suffix == ".tsv" else ",", source_lang=source_lang)
    else:
        raise GlossaryError(
            f"unknown glossary format {suffix or '(no suffix)'!r}; use .tbx, .csv or .tsv", path
        )
    validate(terms, path)
    log.debug("%s: %d entries", path, len(terms))
    return Glossary(tuple(terms), checksum([data]), (str(path),))


def load_many(paths: Iterable[Path], *, strict: bool = False, source_lang: str | None = None) -> Glossary:
    """Several glossaries as one; an id defined in two files is an error (options: see :func:`load`)."""
    paths = [Path(p) for p in paths]
    if not paths:
        raise GlossaryError("no glossary given (and none found in glossaries/)")
    if len(paths) == 1:
        return load(paths[0], strict=strict, source_lang=source_lang)
    parts = [load(p, strict=strict, source_lang=source_lang) for p in paths]
    terms = [t for g in parts for t in g.terms]
    validate(terms, paths[0])
    data = [p.read_bytes() for p in paths]
    return Glossary(tuple(terms), checksum(data), tuple(s for g in parts for s in g.sources))


def default_paths(root: Path = Path("glossaries")) -> list[Path]:
    """Every glossary file in ``root``, sorted; a CSV/TSV beside a TBX of the
    same name is taken as generated from it and skipped (the TBX is the source)."""
    if not root.is_dir():
        return []
    files = sorted(p for p in root.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
    xml_stems = {p.stem for p in files if p.suffix.lower() in (".tbx", ".xml")}
    return [p for p in files if p.suffix.lower() in (".tbx", ".xml") or p.stem not in xml_stems]
