"""Shared fixtures. Tools a test needs (a browser, Java) skip when missing,
except when BILINGUAL_REQUIRE_TOOLS=1 (set by .ci/run): then they fail."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bilingual.errors import BilingualError
from bilingual.formats.registry import read_pairs

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = ROOT / "corpus"


@pytest.fixture(autouse=True)
def _no_word_table_of_this_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never read the word table ``bilingual models build`` left in this machine's cache, so
    ``auto`` settles as on a clean CI machine (semantic); a test that wants a table builds one."""
    from bilingual.align import static

    monkeypatch.setattr(static, "table_path", lambda: ROOT / "build" / "no-such-dir" / "static.npz")


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


def pair_files(folder: Path, zh: list[str], en: list[str]) -> tuple[Path, Path]:
    """Two one-sentence-a-line bulletins, ``doc.zh`` and ``doc.en``, in ``folder``."""
    zh_path, en_path = folder / "doc.zh", folder / "doc.en"
    zh_path.write_text("\n".join(zh) + "\n", encoding="utf-8")
    en_path.write_text("\n".join(en) + "\n", encoding="utf-8")
    return zh_path, en_path


def refusal(path: Path) -> BilingualError:
    """The error ``read_pairs`` refuses ``path`` with, checked to be one line naming the file and
    a line (what the CLI prints); the caller checks its message."""
    with pytest.raises(BilingualError) as info:
        read_pairs(path)
    error = info.value
    assert error.path == str(path) and error.line is not None and "\n" not in str(error)
    return error


@pytest.fixture
def shared() -> Path:
    return require_path(SHARED, "the shared/ folder beside the checkout holds schemas and evaluation data")


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (or ``root`` itself) by relative path, to compare outputs byte for byte."""
    if root.is_file():
        return {root.name: root.read_bytes()}
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
