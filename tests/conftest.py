"""Shared fixtures. Tools a test needs (a browser, Java) skip when missing,
except when BILINGUAL_REQUIRE_TOOLS=1 (set by .ci/run): then they fail."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = ROOT / "corpus"


def require_tool(name: str, reason: str) -> str:
    """The path of executable ``name``; skip (or fail in CI) when it is missing."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} not found: {reason}"
    if os.environ.get("BILINGUAL_REQUIRE_TOOLS") == "1":
        pytest.fail(message + " (BILINGUAL_REQUIRE_TOOLS=1)")
    pytest.skip(message)


def require_path(path: Path, reason: str) -> Path:
    if path.exists():
        return path
    message = f"{path} not found: {reason}"
    if os.environ.get("BILINGUAL_REQUIRE_TOOLS") == "1":
        pytest.fail(message + " (BILINGUAL_REQUIRE_TOOLS=1)")
    pytest.skip(message)


@pytest.fixture
def shared() -> Path:
    return require_path(SHARED, "the shared/ folder beside the checkout holds schemas and evaluation data")


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (or ``root`` itself) by relative path, to compare outputs byte for byte."""
    if root.is_file():
        return {root.name: root.read_bytes()}
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
