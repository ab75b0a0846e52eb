"""The I/O edge every stage shares: atomic writes of outputs, and the one UTF-8 line reader.

Every export is written to a temporary file in the target directory and then
renamed over the target with :func:`os.replace`, so a failure (bad input met
half-way, a full disk, Ctrl-C) leaves the earlier file intact and never a
half-written one. Path problems become :class:`~bilingual.errors.ExportError`
(exit 2) with the path in the message.

Durability: a single :func:`write_atomic` fsyncs its file before the rename,
so the new content survives a power cut. Inside :func:`batch` (``bilingual
publish``: thousands of files) the per-file fsync is skipped, which costs
about 5 ms a file on this machine's ext4 (11 s for the 2,000 files of the
publish benchmark); writes stay atomic (temporary file, then rename) and, when
the batch ends without error, one ``syncfs`` of the output file system flushes
everything written (3-4 s for those 2,000 files). A caller writes its
completion marker (publish: ``report.json``) after the batch, with a normal
fsynced write, so the marker is on disk only once everything before it is.
A power cut during a batch may leave files of the interrupted run empty or
old; a process failure (exception, Ctrl-C, full disk) never leaves a
half-written file.

Reading: :func:`read_bytes` reads regular files only (a FIFO, a device or a
socket is refused before anything can block) and in chunks up to a cap
(:data:`MAX_SIZE`, 2 MB, unless the caller passes another or None), so
``/dev/zero``-like streams and files that grow while read stop at the cap.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import BinaryIO

from bilingual.errors import EncodingError, ExportError, InputError

log = logging.getLogger(__name__)

# Directories written to by the current batch (None: not in a batch).
_BATCH: ContextVar[set[Path] | None] = ContextVar("_BATCH", default=None)


def ensure_dir(path: Path) -> Path:
    """``path`` as an existing, writable directory (created with its parents)."""
    if path.exists() and not path.is_dir():
        raise ExportError("is a file, but a directory is needed here; choose another -o", path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as exc:
        raise ExportError(f"cannot create the directory: {exc.strerror}", exc.filename or path) from exc
    except PermissionError as exc:
        raise ExportError("no permission to create the directory", exc.filename or path) from exc
    if not os.access(path, os.W_OK | os.X_OK):
        raise ExportError("no write permission in this directory", path)
    return path


def write_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, ``\n`` line ends) to ``path`` atomically: reports, beads files."""
    data = text.encode("utf-8")
    write_atomic(path, lambda handle: handle.write(data))


STDOUT = Path("-")  # ``-o -``: standard output, for every command


def _stream_to(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write into what is there: standard output, a device or a FIFO (never replaced by a file)."""
    if path == STDOUT:
        stream = sys.stdout.buffer
        write(stream)
        stream.flush()
        return
    try:
        with path.open("wb") as handle:
            write(handle)
    except OSError as exc:
        raise ExportError(f"cannot write: {exc.strerror or exc}", path) from exc


def write_atomic(path: Path, write: Callable[[BinaryIO], object], *, follow: bool = True) -> None:
    """Call ``write(stream)`` on a temporary file, then rename it to ``path``.

    Invariant: ``path`` is either untouched or holds the complete new content.
    Exceptions raised by ``write`` propagate unchanged after the temporary file
    is removed; OS errors about the target become :class:`ExportError`.

    What is at ``path`` decides how: nothing or a regular file is replaced
    atomically (keeping a file's permission bits); a symbolic link is followed
    and its target replaced atomically (``follow=False``: refused), so the link
    stays a link; standard output (``-``), a device, a FIFO or a socket is
    written as a stream, never replaced by a regular file.
    """
    if path == STDOUT:
        _stream_to(path, write)
        return
    try:
        if path.is_symlink():
            if not follow:
                raise ExportError("is a symbolic link; not following it (--no-follow)", path)
            path = Path(os.path.realpath(path))
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        mode = None  # nothing there yet (ensure_dir below says what is wrong with the folder)
    except OSError as exc:
        raise ExportError(f"cannot write: {exc.strerror or exc}", path) from exc
    if mode is not None and stat.S_ISDIR(mode):
        raise ExportError("is a directory, but a file is needed here", path)
    if mode is not None and not stat.S_ISREG(mode):
        _stream_to(path, write)
        return
    batched = _BATCH.get()
    directory = path.parent if str(path.parent) else Path(".")
    if batched is None or directory not in batched:
        ensure_dir(directory)
    if batched is not None:
        batched.add(directory)
    try:
        fd, name = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except PermissionError as exc:
        raise ExportError("no write permission in this directory", directory) from exc
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            if batched is None:  # in a batch, one file system sync at the end instead
                os.fsync(handle.fileno())
        # mkstemp creates 0600; exports are meant to be shared, and a replaced file keeps its mode.
        os.chmod(temp, stat.S_IMODE(mode) if mode is not None else 0o644)
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise ExportError(f"cannot write: {exc.strerror or exc}", path) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    log.debug("wrote %s", path)


@contextlib.contextmanager
def batch() -> Iterator[None]:
    """Many atomic writes, then one file system sync (see the module docstring).

    Invariant: when the block exits normally, everything written in it is on
    disk; when it raises, nothing is synced and the exception propagates.
    """
    directories: set[Path] = set()
    token = _BATCH.set(directories)
    try:
        yield
    finally:
        _BATCH.reset(token)
    sync_directories(directories)


def sync_directories(directories: set[Path]) -> None:
    """Flush the file systems holding ``directories`` (Linux ``syncfs``, else ``os.sync``)."""
    devices: dict[int, Path] = {}
    for directory in directories:
        with contextlib.suppress(OSError):
            devices.setdefault(directory.stat().st_dev, directory)
    for directory in devices.values():
        fd = os.open(directory, os.O_RDONLY)
        try:
            if _syncfs(fd) != 0:
                os.sync()
        finally:
            os.close(fd)


def _syncfs(fd: int) -> int:
    """``syncfs(fd)``: 0 on success, -1 when it failed or the C library lacks it."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.syncfs(fd))
    except (OSError, AttributeError):
        return -1


# Inputs are read in chunks up to a cap, never trusting ``st_size`` (a device
# or /proc file reports 0 and then streams without end). 2 MB is over 300
# times the largest bulletin of the sample corpus (5.8 KB); callers pass a
# larger cap or None.
MAX_SIZE = 2 * 1024 * 1024
# Files of aligned pairs (TMX, XLIFF, PO, JSONL, TSV of a whole corpus, score's text
# versions) are much larger than one bulletin: the publish benchmark's TMX of 1,000
# bulletins is about 25 MB. 256 MB keeps a hostile stream from filling memory.
EXCHANGE_MAX_SIZE = 256 * 1024 * 1024
_CHUNK = 64 * 1024
_NOT_FILES = (
    (stat.S_ISFIFO, "is a FIFO, not a file; use - for standard input"),
    (stat.S_ISCHR, "is a character device, not a file; use - for standard input"),
    (stat.S_ISBLK, "is a block device, not a file; use - for standard input"),
    (stat.S_ISSOCK, "is a socket, not a file; use - for standard input"),
)


def read_bytes(path: Path, *, max_size: int | None = MAX_SIZE) -> bytes:
    """The bytes of an input file (``-``: standard input); problems are an InputError naming it.

    Only regular files are read: a FIFO, a device or a socket is refused before
    it is opened (and it is opened non-blocking, so a file swapped for a FIFO
    in between cannot hang the read either). At most ``max_size`` bytes are
    read, in chunks; one byte more is an InputError, whatever ``st_size`` said.
    """
    if str(path) == "-":
        return _read_capped(sys.stdin.buffer, path, max_size)
    try:
        mode = os.stat(path).st_mode
        _regular(mode, path)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError as exc:
        raise InputError("no such file", path) from exc
    except NotADirectoryError as exc:
        raise InputError("no such file (a parent in the path is not a directory)", path) from exc
    except PermissionError as exc:
        raise InputError("cannot be read (permission denied)", path) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from exc
    try:
        _regular(os.fstat(fd).st_mode, path)  # it may have been replaced since the stat
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return _read_capped(handle, path, max_size)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from exc
    finally:
        os.close(fd)


def _regular(mode: int, path: Path) -> None:
    if stat.S_ISDIR(mode):
        raise InputError("is a directory, expected a file", path)
    for test, message in _NOT_FILES:
        if test(mode):
            raise InputError(message, path)
    if not stat.S_ISREG(mode):
        raise InputError("is not a regular file", path)


def _read_capped(handle: BinaryIO, path: Path, max_size: int | None) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        want = _CHUNK if max_size is None else min(_CHUNK, max_size + 1 - total)
        chunk = handle.read(want)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if max_size is not None and total > max_size:
            what = "a bulletin" if max_size <= MAX_SIZE else "a file of pairs"
            raise InputError(
                f"is larger than {size_label(max_size)} (--max-size), the cap for {what}: "
                "check that this is the right file, or raise --max-size",
                path,
            )


def size_label(size: int) -> str:
    """``2 MB``, ``512 KB`` or ``1000 bytes``: a cap as a person would write it."""
    for unit, name in ((2**20, "MB"), (2**10, "KB")):
        if size >= unit and size % unit == 0:
            return f"{size // unit} {name}"
    return f"{size} bytes"


def decode_utf8(data: bytes, path: Path | str, hint: str = "", *, encoding: str | None = None) -> str:
    """UTF-8 text (a BOM is dropped), or ``encoding``'s; bad bytes are an EncodingError naming the
    line and offset, an unknown encoding an InputError."""
    try:
        return data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        label = encoding or "UTF-8"
        raise EncodingError(
            f"not {label} (byte 0x{data[exc.start]:02X} at offset {exc.start}){hint}", path, line
        ) from exc
    except LookupError as exc:
        raise InputError(f"unknown encoding {encoding!r}", path) from exc


def read_lines(path: Path, hint: str = "", *, max_size: int | None = EXCHANGE_MAX_SIZE) -> list[str]:
    """The lines of a UTF-8 file of pairs or segments, split on "\\n" only (a final newline ends
    the last line); capped at :data:`EXCHANGE_MAX_SIZE` unless told otherwise."""
    lines = decode_utf8(read_bytes(path, max_size=max_size), path, hint).split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines
