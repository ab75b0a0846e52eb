"""Atomic writes (the target is either untouched or complete) and capped reads of regular files."""

from __future__ import annotations

import io
import os
import socket
import stat
import threading
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import pytest

from bilingual.corpus import read_document
from bilingual.errors import EncodingError, ExportError, InputError
from bilingual.io import MAX_SIZE, ensure_dir, read_bytes, read_lines, write_atomic


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


# --- reading inputs: regular files only, never past the cap (issue #13) -----------------------


def _in_thread(call: Callable[[], object], timeout: float = 5.0) -> BaseException | None:
    """Run ``call`` in a daemon thread; the exception it raised (a hang fails the test)."""
    raised: list[BaseException] = []

    def run() -> None:
        try:
            call()
        except BaseException as exc:  # handed to the test
            raised.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), f"hung for {timeout} s"
    return raised[0] if raised else None


def test_fifo_input_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "bulletin.txt"
    os.mkfifo(fifo)  # nobody ever writes to it: opening it for reading would block forever
    for call in (lambda: read_bytes(fifo), lambda: read_document(fifo), lambda: read_lines(fifo)):
        error = _in_thread(call)
        assert isinstance(error, InputError)
        assert str(error) == f"{fifo}: is a FIFO, not a file; use - for standard input"


def test_fifo_swapped_in_after_the_check_does_not_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fifo = tmp_path / "bulletin.txt"
    os.mkfifo(fifo)
    real_stat = os.stat

    def looks_regular(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        return os.stat_result((stat.S_IFREG | 0o644, *real_stat(path)[1:]))

    # The first look sees a regular file; the open (non-blocking) and the fstat see the FIFO.
    monkeypatch.setattr("bilingual.io.os.stat", looks_regular)
    error = _in_thread(lambda: read_bytes(fifo))
    assert isinstance(error, InputError) and "is a FIFO" in str(error)


def test_socket_input_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        with pytest.raises(InputError, match="is a socket, not a file"):
            read_bytes(path)


class _Zeros(io.RawIOBase):
    """An endless stream, like /dev/zero (whose st_size is 0)."""

    def __init__(self) -> None:
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        buffer[:] = bytes(len(buffer))
        self.given += len(buffer)
        return len(buffer)


def test_dev_zero_like_stream_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    zeros = _Zeros()
    monkeypatch.setattr("sys.stdin", types.SimpleNamespace(buffer=io.BufferedReader(zeros)))
    error = _in_thread(lambda: read_bytes(Path("-")))
    assert isinstance(error, InputError)
    assert str(error).startswith("-: is larger than 2 MB (--max-size)")
    assert zeros.given <= MAX_SIZE + 2 * 65536  # stopped at the cap, not at the end of memory


def test_oversized_file_is_refused_while_read(tmp_path: Path) -> None:
    path = tmp_path / "big.en.txt"
    path.write_bytes(b"A sentence. " * (MAX_SIZE // 12 + 1))
    with pytest.raises(InputError) as info:
        read_bytes(path)
    assert str(info.value) == (
        f"{path}: is larger than 2 MB (--max-size), the cap for a bulletin: "
        "check that this is the right file, or raise --max-size"
    )
    with pytest.raises(InputError, match="larger than 2 MB"):
        read_document(path)
    assert len(read_bytes(path, max_size=4 * MAX_SIZE)) == path.stat().st_size
    assert len(read_bytes(path, max_size=None)) == path.stat().st_size
    with pytest.raises(InputError, match=r"larger than 100 bytes \(--max-size\)"):
        read_bytes(path, max_size=100)


def test_file_of_exactly_the_cap_is_read(tmp_path: Path) -> None:
    path = tmp_path / "edge.txt"
    path.write_bytes(b"x" * 1000)
    assert read_bytes(path, max_size=1000) == b"x" * 1000
    with pytest.raises(InputError):
        read_bytes(path, max_size=999)


def test_read_bytes_names_the_problem(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    cases = {
        tmp_path / "missing.txt": "no such file",
        tmp_path: "is a directory, expected a file",
        tmp_path / "file" / "below.txt": "no such file",
    }
    for path, expected in cases.items():
        with pytest.raises(InputError) as info:
            read_bytes(path)
        assert str(info.value).startswith(f"{path}: {expected}")


def test_read_lines_and_stdin(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("sys.stdin", types.SimpleNamespace(buffer=io.BytesIO(b"a\nb\n")))
    assert read_lines(Path("-")) == ["a", "b"]
    (tmp_path / "l.txt").write_bytes(b"x\xff\n")
    with pytest.raises(EncodingError) as info:
        read_lines(tmp_path / "l.txt")
    assert info.value.line == 1
