"""The README's Python examples run as written, and a folder named `bilingual` cannot shadow the package."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def blocks() -> list[str]:
    return BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8"))


def test_the_readme_has_python_examples() -> None:
    assert len(blocks()) >= 3


def test_the_readme_python_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ```python block, in order, in one namespace, from a folder holding corpus/ and glossaries/."""
    for name in ("corpus", "glossaries"):
        (tmp_path / name).symlink_to(ROOT / name)
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        for code in blocks():
            exec(compile(code, "README.md", "exec"), namespace)  # the README's own examples
    out = printed.getvalue()
    assert "2023-07-01-red-boat-violations" in out
    assert "forbidden" in out  # the one-pair check found the deprecated "Red Ship Spirit"
    assert (tmp_path / "build" / "api" / "corpus.tmx").is_file()


def test_a_folder_named_bilingual_does_not_shadow_the_package(tmp_path: Path) -> None:
    """A checkout cloned as `bilingual/` (with its sample corpus/) in the current folder."""
    checkout = tmp_path / "bilingual"
    (checkout / "corpus").mkdir(parents=True)
    shutil.copytree(ROOT / "corpus" / "zh", checkout / "corpus" / "zh")
    script = "import bilingual; from bilingual.corpus import pair_corpus; print(bilingual.Settings.__name__)"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Settings"
