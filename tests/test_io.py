"""Atomic writes: the target is either untouched or complete."""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

import pytest

from bilingual.errors import ExportError
from bilingual.io import ensure_dir, write_atomic


def test_write_atomic_replaces_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.tmx"
    write_atomic(target, lambda out: out.write(b"one"))
    write_atomic(target, lambda out: out.write(b"two"))
    assert target.read_bytes() == b"two"
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.tmx"]


def test_failure_keeps_previous_output(tmp_path: Path) -> None:
    target = tmp_path / "out.tmx"
    target.write_bytes(b"previous")

    def fail(out: BinaryIO) -> None:
        out.write(b"half")
        raise ValueError("bad input met half-way")

    with pytest.raises(ValueError):
        write_atomic(target, fail)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.tmx"]


@pytest.mark.parametrize("case", ["parent-is-file", "target-is-dir"])
def test_bad_paths(tmp_path: Path, case: str) -> None:
    (tmp_path / "file").write_text("x")
    target = tmp_path / "file" / "out.tmx" if case == "parent-is-file" else tmp_path
    with pytest.raises(ExportError) as info:
        write_atomic(target, lambda out: out.write(b"x"))
    assert str(info.value).startswith(str(target.parent if case == "parent-is-file" else target))
    with pytest.raises(ExportError):
        ensure_dir(tmp_path / "file")


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores permissions")
def test_no_permission(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="permission"):
            write_atomic(locked / "out.tmx", lambda out: out.write(b"x"))
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def test_no_permission_as_any_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # root ignores file modes, so simulate the refusal where the temp file is created
    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("bilingual.io.tempfile.mkstemp", refuse)
    with pytest.raises(ExportError, match="permission"):
        write_atomic(tmp_path / "out.tmx", lambda out: out.write(b"x"))
    assert list(tmp_path.iterdir()) == []
