"""--jobs: a corpus's documents in worker processes, outputs byte-identical to --jobs 1."""

from __future__ import annotations

import logging
import os
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

from bilingual import parallel
from bilingual.cli import main
from bilingual.errors import BilingualError, InputError
from bilingual.pipeline import Settings, export
from tests.conftest import tree


def invoke(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.output


def test_settings_pickle(corpus: Path) -> None:
    settings = Settings.resolve([corpus], similarity="lexical", jobs=2)
    assert settings.glossary is not None  # the sample corpus's project glossary travels too
    assert pickle.loads(pickle.dumps(settings)) == settings


def test_align_jobs_byte_identical(corpus: Path, tmp_path: Path) -> None:
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"align-{jobs}"
        invoke(
            "align",
            str(corpus),
            "-o",
            str(out),
            "--similarity",
            "lexical",
            "--format",
            "jsonl",
            "--jobs",
            jobs,
        )
        outputs[jobs] = tree(out)
    assert len(outputs["1"]) == len(list((corpus / "zh").iterdir()))
    assert outputs["1"] == outputs["2"]


@pytest.mark.parametrize("fmt", ["jsonl", "text", "json"])
def test_check_jobs_byte_identical(corpus: Path, tmp_path: Path, fmt: str) -> None:
    reports = []
    for jobs in ("1", "2"):
        out = tmp_path / f"check-{jobs}.{fmt}"
        invoke(
            "check", str(corpus), "--similarity", "lexical", "--format", fmt, "-o", str(out), "--jobs", jobs
        )
        reports.append(out.read_bytes())
    assert reports[0] == reports[1]
    assert reports[0]


@pytest.mark.parametrize("fmt", ["tmx", "xliff", "po"])
def test_export_jobs_byte_identical(corpus: Path, tmp_path: Path, fmt: str) -> None:
    written = []
    for jobs in (1, 2):
        settings = Settings.resolve([corpus], similarity="lexical", jobs=jobs)
        out = tmp_path / str(jobs) / f"corpus.{fmt}"
        out.parent.mkdir()
        export(settings, fmt, out)
        written.append(tree(out))
    assert written[0] == written[1]
    assert written[0]


def test_publish_jobs_byte_identical(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    built = []
    for jobs in ("1", "2"):
        out = tmp_path / f"publish-{jobs}"
        invoke(
            "publish", str(corpus), "-o", str(out), "--similarity", "lexical", "--no-progress", "--jobs", jobs
        )
        built.append(tree(out))
    assert built[0].keys() == built[1].keys()
    assert built[0] == built[1]


def test_worker_warnings_reach_the_parent_in_order(
    corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A v1 pins file warns in the worker that aligns its document: the warning comes back.
    first = sorted((corpus / "zh").iterdir())[0].stem
    (corpus / "pins").mkdir(exist_ok=True)
    (corpus / "pins" / f"{first}.pins").write_text("[0]:[0]\n", encoding="utf-8")
    settings = Settings.resolve([corpus], similarity="lexical", jobs=2)
    with caplog.at_level(logging.WARNING):
        export(settings, "jsonl", tmp_path / "out")
    assert any("format v1" in r.getMessage() and first in r.getMessage() for r in caplog.records)


def _square(shared: int, item: int) -> int:
    logging.getLogger("bilingual.test").warning("item %d", item)
    if item == shared:
        raise InputError("bad item", f"item-{item}.txt", 3)
    return item * item


def test_ordered_map_keeps_order_and_logs(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        assert list(parallel.ordered_map(_square, -1, range(40), 3)) == [i * i for i in range(40)]
    assert [r.getMessage() for r in caplog.records if r.name == "bilingual.test"] == [
        f"item {i}" for i in range(40)
    ]


def test_ordered_map_error_keeps_path_and_line() -> None:
    with pytest.raises(InputError) as caught:
        list(parallel.ordered_map(_square, 7, range(40), 2))
    assert (caught.value.path, caught.value.line, caught.value.message) == ("item-7.txt", 3, "bad item")
    assert str(caught.value) == "item-7.txt:3: bad item"


def test_bilingual_error_pickles_whole() -> None:
    error = BilingualError("broken", Path("a.txt"), 4)
    again = pickle.loads(pickle.dumps(error))
    assert (type(again), str(again)) == (BilingualError, "a.txt:4: broken")


def test_workers_zero_means_one_per_core() -> None:
    assert parallel.workers(0) >= 1
    assert parallel.workers(3) == 3


def _threads(_: None, __: int) -> tuple[str, list[int]]:
    from threadpoolctl import threadpool_info

    return os.environ["OMP_NUM_THREADS"], [lib["num_threads"] for lib in threadpool_info()]


def test_each_worker_gets_its_share_of_the_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    # Two workers on two cores, each with a thread per core in OpenMP (e5) and OpenBLAS, spun
    # four busy threads: 5x the CPU time of --jobs 1 in auto mode (see parallel.share_cores).
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    for omp, limits in parallel.ordered_map(_threads, None, range(4), 2):
        assert omp == "2"
        assert limits and all(n <= 2 for n in limits)
    for omp, limits in parallel.ordered_map(_threads, None, range(8), 4):
        assert omp == "1" and all(n == 1 for n in limits)
