"""Output targets (#13): a symlink, a FIFO, a device or stdout is never replaced by a regular file."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from bilingual.errors import ExportError
from bilingual.io import STDOUT, write_atomic


def test_a_symlink_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_atomic(link, lambda out: out.write(b"new"))
    assert link.is_symlink() and target.read_bytes() == b"new"


def test_no_follow_refuses_a_symlink_and_changes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    with pytest.raises(ExportError, match="symbolic link"):
        write_atomic(link, lambda out: out.write(b"new"), follow=False)
    assert link.is_symlink() and target.read_bytes() == b"old"


def test_a_fifo_is_written_as_a_stream_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, lambda out: out.write(b"through the pipe"))
    reader.join(timeout=10)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_character_device_is_written_not_replaced(tmp_path: Path) -> None:
    """A private node (/dev/null's numbers) in the temp folder: the real /dev is never touched."""
    node = tmp_path / "null"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("creating a device node needs root")
    write_atomic(node, lambda out: out.write(b"discarded"))
    assert stat.S_ISCHR(node.lstat().st_mode)


def test_dash_is_standard_output(capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    write_atomic(STDOUT, lambda out: out.write(b"to stdout\n"))
    assert capfdbinary.readouterr().out == b"to stdout\n"


def test_a_replaced_file_keeps_its_permission_bits(tmp_path: Path) -> None:
    path = tmp_path / "script.sh"
    path.write_bytes(b"old")
    path.chmod(0o755)
    write_atomic(path, lambda out: out.write(b"new"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o755 and path.read_bytes() == b"new"
