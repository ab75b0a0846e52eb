"""--cluster: the per-document work on a Dask LocalCluster (127.0.0.1 only), outputs as local."""

from __future__ import annotations

import os
import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from bilingual import parallel
from bilingual.cli import main
from bilingual.errors import BilingualError
from tests.conftest import tree

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    local = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address="127.0.0.1:0"
    )
    try:
        yield local.scheduler_address
    finally:
        local.close()


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_align_on_a_cluster_is_byte_identical(cluster: str, corpus: Path, tmp_path: Path) -> None:
    local, remote = tmp_path / "local", tmp_path / "remote"
    assert invoke("align", str(corpus), "-o", str(local), "--similarity", "lexical", "--jobs", "1")[0] == 0
    code, output = invoke(
        "align", str(corpus), "-o", str(remote), "--similarity", "lexical", "--cluster", cluster
    )
    assert code == 0, output
    assert tree(local) and tree(local) == tree(remote)


def test_check_on_a_cluster_from_the_environment(
    cluster: str, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    local, remote = tmp_path / "local.jsonl", tmp_path / "remote.jsonl"
    args = ["check", str(corpus), "--similarity", "lexical", "--format", "jsonl", "-o"]
    assert invoke(*args, str(local), "--jobs", "1")[0] in (0, 1)
    monkeypatch.setenv("BILINGUAL_CLUSTER", cluster)
    code, output = invoke(*args, str(remote))
    assert code in (0, 1), output
    assert local.read_bytes() == remote.read_bytes() != b""


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # closed again when the block ends: nothing listens


def test_a_cluster_that_does_not_answer(corpus: Path, tmp_path: Path) -> None:
    address = f"tcp://127.0.0.1:{_closed_port()}"
    out = tmp_path / "out"
    start = time.monotonic()
    code, output = invoke(
        "align", str(corpus), "-o", str(out), "--similarity", "lexical", "--cluster", address
    )
    assert time.monotonic() - start < 10  # the issue: an error within 10 s
    assert code == 2
    assert address in output and "does not answer" in output
    assert not out.exists()


def _die_once(marker: str, item: int) -> int:
    """Kills its worker process the first time it sees item 3 (the marker file says it did)."""
    if item == 3 and not os.path.exists(marker):
        Path(marker).write_text("died", encoding="utf-8")
        os._exit(1)
    return item * 10


def test_a_worker_that_dies_is_resubmitted(cluster: str, tmp_path: Path) -> None:
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import tests
    try:
        marker = str(tmp_path / "died")
        results = list(parallel.cluster_map(cluster, _die_once, marker, range(8), batch=4))
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert results == [i * 10 for i in range(8)]
    assert Path(marker).exists()


def test_connect_error_names_the_address() -> None:
    address = f"tcp://127.0.0.1:{_closed_port()}"
    with pytest.raises(BilingualError, match=address.replace(".", r"\.")):
        parallel.connect(address, timeout=2)


@pytest.fixture(scope="module")
def fragile() -> Iterator[str]:
    """A cluster whose scheduler gives up on a task at its first dead worker (KilledWorker)."""
    import dask

    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        local = distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
        )
    try:
        yield local.scheduler_address
    finally:
        local.close()


def _die_always(marker: str, item: int) -> int:
    if item == 3:
        os._exit(1)
    return item * 10


def test_the_client_resubmits_once(fragile: str, tmp_path: Path) -> None:
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    try:
        marker = str(tmp_path / "died")
        assert list(parallel.cluster_map(fragile, _die_once, marker, range(6), batch=3)) == [
            i * 10 for i in range(6)
        ]
        with pytest.raises(BilingualError, match="document 3 failed twice"):
            list(parallel.cluster_map(fragile, _die_always, marker, range(6), batch=3))
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
