"""Every file of the OASIS XLIFF 2.1 and 2.2 test suites, read or refused as ``oasis_suites.tsv`` says.

The suites (``oasis/``, copied unmodified, see SOURCES.md) hold no Chinese, so
no file is read as pairs: an ``invalid/`` file is refused by the OASIS XSD
naming the rule it breaks, or (when only the Schematron or the prose of the
standard forbids it, which lxml cannot run) passes the XSD and is refused for
its languages; a well-formed ``valid/`` file passes the XSD and is refused for
its languages. Three ``valid/`` files of the 2.2 suite break the standard
themselves and are refused: ``Good-pgs_plural.xlf`` (not well-formed),
``Good-mda_top-level.xlf`` (a ``<meta>`` in the core namespace) and
``Good-itsm_text-analytics.xlf`` (``its:version="2.2"``; ITS 2.0's schema
allows only "2.0").
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import refusal

HERE = Path(__file__).parent
SUITES = HERE / "oasis"
MESSAGES = {
    "xsd": "not valid XLIFF {version} (OASIS XSD): {detail}",
    "languages": "languages {detail}: not Chinese (zh) and English (en); nothing read",
    "xml": "not well-formed XML: {detail}",
    "target-language": "{detail}",
}


def _table() -> dict[str, tuple[str, str]]:
    rows = {}
    for line in (HERE / "oasis_suites.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            path, outcome, detail = line.split("\t")
            rows[path] = (outcome, detail)
    return rows


TABLE = _table()


def test_every_suite_file_is_in_the_table() -> None:
    assert sorted(p.relative_to(SUITES).as_posix() for p in SUITES.rglob("*.xlf")) == sorted(TABLE)


def test_counts() -> None:
    """What the report states: of 162 invalid files per suite, 44 (2.1) and 45 (2.2) fail the XSD."""
    parts = ((path.split("/"), outcome) for path, (outcome, _) in TABLE.items())
    counts = Counter((suite, folder, outcome) for (suite, _, folder, _), outcome in parts)
    assert counts == {
        ("xliff-21", "invalid", "xsd"): 44,
        ("xliff-21", "invalid", "languages"): 116,
        ("xliff-21", "invalid", "target-language"): 2,
        ("xliff-21", "valid", "languages"): 59,
        ("xliff-22", "invalid", "xsd"): 45,
        ("xliff-22", "invalid", "languages"): 115,
        ("xliff-22", "invalid", "target-language"): 2,
        ("xliff-22", "valid", "languages"): 58,
        ("xliff-22", "valid", "xsd"): 2,
        ("xliff-22", "valid", "xml"): 1,
    }


@pytest.mark.parametrize("relative", sorted(TABLE))
def test_suite_file(relative: str) -> None:
    outcome, detail = TABLE[relative]
    path = SUITES / relative
    error = refusal(path)
    if outcome == "xsd":
        assert error.message.startswith("not valid XLIFF ") and error.message.endswith(f": {detail}")
    else:
        assert MESSAGES[outcome].format(detail=detail) in error.message
