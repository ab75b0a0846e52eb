"""One output folder replaced as a whole: staging, carry-over, one atomic step, a lock.

The I/O floor under :mod:`bilingual.publish` (imports only :mod:`bilingual.errors`
and :mod:`bilingual.io`). :class:`FolderTransaction` builds a new version of a
folder ``OUT`` in a sibling staging folder, ``.OUT.staging-PID`` (same parent,
so the same file system), and makes it current in one step. Readers of
``OUT`` see the old tree or the new one, never a mix, and a run killed at any
point (``kill -9``, power cut after the sync) leaves ``OUT`` as it was or
complete.

The atomic step: Linux ``renameat2(staging, OUT, RENAME_EXCHANGE)`` through
ctypes. It swaps the two directory entries in one system call; the old tree
then sits at the staging path and is deleted. We chose the exchange over a
symlink flip (``OUT -> OUT.v2`` replaced with :func:`os.replace`) because
``OUT`` stays a real directory: web servers and editors point at it, an
existing plain folder (the first publish after this change) needs no
conversion, and nothing outside learns about version folders. When ``OUT``
does not exist yet, a plain :func:`os.rename` makes it appear at once.
Fallback: when the kernel or file system refuses the exchange (``EINVAL``:
e.g. some network or FUSE file systems; ``ENOSYS`` or no ``renameat2`` in the C
library: old kernels, non-Linux), two renames, ``OUT -> .OUT.old-PID`` then
``staging -> OUT``: readers may meet a missing ``OUT`` for that instant, never
a mix; a run killed between them is repaired by the next run (the old tree is
renamed back). ``OUT`` must not be a mount point (the staging folder would be
on another file system): refused before any work.

Carry-over: entries of ``OUT`` that this run did not write and that the
previous run did not own (a ``CNAME``, a ``.git`` folder, a README the office
added) are hard-linked into the staging tree (copied where a link is refused);
symbolic links are recreated as links, never followed; FIFOs, sockets and
devices are skipped with a warning. Entries the previous run owned and this one
did not write are dropped: that is the stale-file rule. Temporary files of
:func:`bilingual.io.write_atomic` left in ``OUT`` by runs before this module
existed are dropped too.

Lock: ``fcntl.flock(LOCK_EX | LOCK_NB)`` on ``.OUT.lock`` beside ``OUT``, taken
before anything else, so a second run into the same folder fails at once
(:class:`~bilingual.errors.ExportError`, exit 2) naming the folder and the
process id written in the lock file. Under the lock, staging and old folders
of earlier killed runs are removed. The lock file is removed at the end of a
run (after checking, when locking, that the file locked is still the one at
that path, so removing it never lets two runs in). A run that fails removes its
staging folder and the parent folders it created: no empty ``-o`` folder.

Durability: the caller writes the staging tree inside :func:`bilingual.io.batch`
(no per-file fsync, one ``syncfs`` at its end) and commits after the batch, so
the exchange only ever exposes a complete, synced tree; the parent directory is
fsynced after the exchange.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import logging
import os
import re
import shutil
import stat
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from bilingual.errors import ExportError

log = logging.getLogger(__name__)

RENAME_EXCHANGE = 2  # linux/fs.h
AT_FDCWD = -100
# Names mkstemp gives write_atomic's temporary files: ".NAME." + 8 random characters + ".tmp".
_TEMP = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")


def _renameat2_exchange(a: Path, b: Path) -> None:
    """Swap two directory entries atomically; OSError(ENOSYS) when the C library lacks it."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        func = libc.renameat2
    except (OSError, AttributeError) as exc:
        raise OSError(errno.ENOSYS, "renameat2 is not available") from exc
    func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    func.restype = ctypes.c_int
    if func(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(a), None, str(b))


# Replaced in tests to exercise the fallback.
exchange = _renameat2_exchange


class FolderTransaction:
    """``with FolderTransaction(out) as txn:`` write under ``txn.staging``, then ``txn.commit(...)``.

    Leaving the block without a commit (an exception) removes the staging
    folder and leaves ``out`` untouched. ``out`` given as a symbolic link to a
    folder is resolved: the folder it points to is replaced, the link stays.
    """

    def __init__(self, out: Path) -> None:
        out = Path(os.path.abspath(out))
        if out.is_symlink() and out.is_dir():
            out = Path(os.path.realpath(out))
        self.out = out
        self.parent = out.parent
        self.lock_path = self.parent / f".{out.name}.lock"
        self.staging = self.parent / f".{out.name}.staging-{os.getpid()}"
        self._created: list[Path] = []  # parent folders this run created, deepest last
        self._lock_fd: int | None = None
        self._committed = False

    # -- entering: check, lock, clean up ------------------------------------------------
    def __enter__(self) -> FolderTransaction:
        self._check_out()
        self._make_parent()
        try:
            self._lock()
            self._recover()
            self.staging.mkdir()
        except BaseException:
            self._release(failed=True)
            raise
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._release(failed=kind is not None or not self._committed)

    def _check_out(self) -> None:
        out = self.out
        if out.exists() and not out.is_dir():
            raise ExportError("is a file, but a directory is needed here; choose another -o", out)
        if out.is_dir():
            if not os.access(out, os.W_OK | os.X_OK):
                raise ExportError("no write permission in this directory", out)
            if out.stat().st_dev != self.parent.stat().st_dev:
                raise ExportError(
                    "is a mount point; publish replaces the folder as a whole, choose a folder inside it",
                    out,
                )

    def _make_parent(self) -> None:
        missing = []
        for folder in [self.parent, *self.parent.parents]:
            if folder.is_dir():
                break
            missing.append(folder)
        for folder in reversed(missing):
            try:
                folder.mkdir()
            except FileExistsError:
                if not folder.is_dir():
                    self._remove_created()
                    raise ExportError("is a file, but a directory is needed here", folder) from None
                continue
            except (NotADirectoryError, PermissionError) as exc:
                self._remove_created()
                raise ExportError(f"cannot create the directory: {exc.strerror}", folder) from exc
            self._created.append(folder)
        if not os.access(self.parent, os.W_OK | os.X_OK):
            self._remove_created()
            raise ExportError("no write permission in this directory", self.parent)

    def _lock(self) -> None:
        while True:
            try:
                fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            except OSError as exc:
                raise ExportError(f"cannot create the lock file: {exc.strerror}", self.lock_path) from exc
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
                os.close(fd)
                who = f" (process {holder})" if holder.isdigit() else ""
                raise ExportError(
                    f"another publish into this folder is running{who}; try again when it has finished",
                    self.out,
                ) from None
            # The file may have been removed by the run that held it: lock the one at the path.
            try:
                same = os.stat(self.lock_path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        self._lock_fd = fd

    def _leftovers(self) -> Iterable[tuple[str, Path]]:
        """Staging and old folders of earlier runs into ``out``: ("staging" | "old", path)."""
        pattern = re.compile(rf"^\.{re.escape(self.out.name)}\.(staging|old)-\d+$")
        with os.scandir(self.parent) as entries:
            for entry in entries:
                match = pattern.match(entry.name)
                if match:
                    yield match.group(1), Path(entry.path)

    def _recover(self) -> None:
        """Under the lock: repair a fallback flip cut in half, remove what killed runs left."""
        leftovers = sorted(self._leftovers())
        if not os.path.lexists(self.out):
            old = [path for kind, path in leftovers if kind == "old" and path.is_dir()]
            if len(old) == 1:
                log.warning(
                    "restoring %s from %s (a publish was killed while replacing it)", self.out, old[0]
                )
                os.rename(old[0], self.out)
        for _kind, path in leftovers:
            if os.path.lexists(path):
                log.info("removing %s (left by a publish that did not finish)", path)
                _remove(path)

    # -- committing ---------------------------------------------------------------------
    def carry_over(self, owned: Iterable[str]) -> list[str]:
        """Link into staging what ``out`` holds beyond ``owned`` and staging; returns those paths.

        ``owned``: paths relative to ``out`` (POSIX) that the previous run wrote;
        they are not carried (the new run wrote them again or they are stale).
        """
        if not self.out.is_dir():
            return []
        owned = set(owned)
        # Folders the previous run wrote into are made only when something in them is carried.
        owned_dirs = {Path(o).parent.as_posix() for o in owned}
        carried: list[str] = []
        for top, dirs, files in os.walk(self.out, followlinks=False):
            here = Path(top)
            relative_dir = here.relative_to(self.out)
            target_dir = self.staging / relative_dir
            for name in sorted([*dirs, *files]):
                source = here / name
                relative = (relative_dir / name).as_posix()
                target = target_dir / name
                info = source.lstat()
                if stat.S_ISDIR(info.st_mode):
                    if not os.path.lexists(target):
                        if relative not in owned_dirs:
                            self._make_dirs(relative)
                    elif not target.is_dir() or target.is_symlink():
                        dirs.remove(name)  # the new run wrote a file there: it wins
                    continue
                if relative in owned or os.path.lexists(target):
                    continue
                if stat.S_ISREG(info.st_mode) and _TEMP.match(name):
                    log.info("dropping %s (a temporary file of an interrupted write)", source)
                    continue
                self._make_dirs(relative_dir.as_posix())
                if stat.S_ISLNK(info.st_mode):
                    os.symlink(os.readlink(source), target)
                elif stat.S_ISREG(info.st_mode):
                    try:
                        os.link(source, target, follow_symlinks=False)
                    except OSError:
                        shutil.copy2(source, target, follow_symlinks=False)
                else:
                    log.warning("not carrying over %s: not a file, folder or link", source)
                    continue
                carried.append(relative)
        return carried

    def _make_dirs(self, relative: str) -> None:
        """Make staging/relative and its missing parents, each with the mode of its ``out`` twin."""
        if relative in ("", "."):
            return
        missing = []
        for part in [Path(relative), *Path(relative).parents]:
            if str(part) == "." or (self.staging / part).is_dir():
                break
            missing.append(part)
        for part in reversed(missing):
            (self.staging / part).mkdir()
            shutil.copystat(self.out / part, self.staging / part, follow_symlinks=False)

    def commit(self) -> None:
        """Make staging the current ``out`` in one step; remove the previous tree.

        Call after the staging tree is complete and synced (after the batch).
        """
        if self.out.is_dir():
            shutil.copymode(self.out, self.staging)
            try:
                exchange(self.staging, self.out)
            except OSError as exc:
                if exc.errno not in (errno.EINVAL, errno.ENOSYS):
                    raise ExportError(f"cannot replace the folder: {exc.strerror}", self.out) from exc
                log.info("%s: atomic exchange refused (%s); replacing with two renames", self.out, exc)
                self._two_renames()
        else:
            try:
                os.rename(self.staging, self.out)
            except OSError as exc:
                raise ExportError(f"cannot create the folder: {exc.strerror}", self.out) from exc
        self._committed = True
        _fsync_dir(self.parent)
        # The previous tree (at the staging path after an exchange) is garbage now.
        if os.path.lexists(self.staging):
            _remove(self.staging)

    def _two_renames(self) -> None:
        old = self.parent / f".{self.out.name}.old-{os.getpid()}"
        try:
            os.rename(self.out, old)
        except OSError as exc:
            raise ExportError(f"cannot replace the folder: {exc.strerror}", self.out) from exc
        try:
            os.rename(self.staging, self.out)
        except OSError as exc:
            os.rename(old, self.out)
            raise ExportError(f"cannot replace the folder: {exc.strerror}", self.out) from exc
        os.rename(old, self.staging)  # removed with the staging path by commit

    # -- leaving ------------------------------------------------------------------------
    def _release(self, *, failed: bool) -> None:
        if failed and os.path.lexists(self.staging):
            with contextlib.suppress(OSError):
                _remove(self.staging)
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.lock_path)  # still ours: checked when locking
            os.close(self._lock_fd)
            self._lock_fd = None
        if failed:
            self._remove_created()

    def _remove_created(self) -> None:
        for folder in reversed(self._created):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if empty
        self._created = []


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
