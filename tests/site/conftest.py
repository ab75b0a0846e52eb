"""A published sample corpus (both builds), shared by the site tests of one session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bilingual.pipeline import Settings
from bilingual.publish import publish
from tests.conftest import CORPUS, ROOT

GLOSSARY = ROOT / "glossaries" / "zhejiang.tbx"
SEED = "2023-07-01-red-boat-violations"  # the bulletin with deliberate glossary violations


def copy_corpus(target: Path) -> Path:
    """The sample corpus (with its bilingual.toml), writable."""
    shutil.copytree(CORPUS, target)
    for path in target.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    return target


def publish_sample(corpus: Path, out: Path, **options: object):  # type: ignore[no-untyped-def]
    settings = Settings.resolve([corpus], glossaries=[GLOSSARY], similarity="lexical")
    return publish(settings, out, **options)  # type: ignore[arg-type]


# The sample's first "case" finding in SEED is accepted, so every page type also shows an accepted
# finding; a second entry's sentence is not in the corpus (a stale entry, listed on the review index).
REASON = "a quotation of the original <headline> & its case"
STALE = """
[[accepted]]
doc = "{doc}"
check = "term"
term = "red-boat-spirit"
verdict = "case"
zh = "一句已经改写的句子。"
en = "A sentence since rewritten."
reason = "once a quotation"
"""


def accept_one(corpus: Path) -> str:
    """Accept SEED's first case finding in CORPUS/.bilingual-ignore.toml (plus a stale entry); its id."""
    from bilingual.glossary import ignore as ignoring
    from bilingual.pipeline import run

    settings = Settings.resolve([corpus], glossaries=[GLOSSARY], similarity="lexical")
    seed = next(c for c in run(settings) if c.id == SEED)
    finding = next(f for f in seed.findings if f.verdict.value == "case")
    entry = ignoring.entry_of(finding, REASON, "2026-12-04")
    text = ignoring.HEADER + ignoring.entry_text(entry) + STALE.format(doc=SEED)
    (corpus / ignoring.IGNORE_FILE).write_text(text, encoding="utf-8")
    return finding.id


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """OUT of one publish of the whole sample corpus (read-only for the tests), with one finding
    accepted and one stale entry in its ignore list (see :func:`accept_one`)."""
    root = tmp_path_factory.mktemp("published")
    corpus = copy_corpus(root / "corpus")
    accept_one(corpus)
    out = root / "out"
    publish_sample(corpus, out)
    return out
