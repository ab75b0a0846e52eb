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


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """OUT of one publish of the whole sample corpus (read-only for the tests)."""
    root = tmp_path_factory.mktemp("published")
    corpus = copy_corpus(root / "corpus")
    out = root / "out"
    publish_sample(corpus, out)
    return out
