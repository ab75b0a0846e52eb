"""Fixtures of the review tests: a copy of the sample corpus (with the glossary beside it)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import CORPUS, ROOT


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """tmp/corpus (zh/, en/, bilingual.toml) and tmp/glossaries, so the copy finds its glossary."""
    shutil.copytree(CORPUS, tmp_path / "corpus", ignore=shutil.ignore_patterns("pins"))
    shutil.copytree(ROOT / "glossaries", tmp_path / "glossaries")
    return tmp_path / "corpus"
