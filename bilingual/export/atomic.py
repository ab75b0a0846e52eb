"""Export stage, the I/O edge: atomic writes of exported files.

Every export is written to a temporary file in the target directory and then
renamed over the target with :func:`os.replace`, so a failure (bad input met
half-way, a full disk, Ctrl-C) leaves the earlier file intact and never a
half-written one. Path problems become :class:`~bilingual.errors.ExportError`
(exit 2) with the path in the message.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from bilingual.errors import ExportError

log = logging.getLogger(__name__)


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


def write_atomic(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Call ``write(stream)`` on a temporary file, then rename it to ``path``.

    Invariant: ``path`` is either untouched or holds the complete new content.
    Exceptions raised by ``write`` propagate unchanged after the temporary file
    is removed; OS errors about the target become :class:`ExportError`.
    """
    if path.is_dir():
        raise ExportError("is a directory, but a file is needed here", path)
    directory = ensure_dir(path.parent if str(path.parent) else Path("."))
    try:
        fd, name = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except PermissionError as exc:
        raise ExportError("no write permission in this directory", directory) from exc
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)  # mkstemp creates 0600; exports are meant to be shared
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
