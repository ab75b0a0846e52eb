"""Glossary stage: load glossaries (TBX v3, TBX 2008, CSV, TSV), match terms, judge renderings.

Public API::

    load(path) -> Glossary            load_many(paths) -> Glossary
    default_paths(root=Path("glossaries")) -> list[Path]
    check(pairs, glossary, *, include_ok=False, jobs=1) -> list[Finding]

Matching rules and verdicts: :mod:`.normalise`, :mod:`.match`, :mod:`.check`.
Rendering reports: :mod:`.report`; renderings across a corpus: :mod:`.consistency`.
"""

from __future__ import annotations

from bilingual.glossary.check import SEVERITY, at_or_above, check, check_pair
from bilingual.glossary.glossary import Glossary, default_paths, load, load_many, validate
from bilingual.glossary.match import Matcher, matcher_for

__all__ = [
    "SEVERITY",
    "Glossary",
    "Matcher",
    "at_or_above",
    "check",
    "check_pair",
    "default_paths",
    "load",
    "load_many",
    "matcher_for",
    "validate",
]
