"""publish as one transaction: kill loop, lock, write error midway, carry-over, no empty folder.

See :mod:`bilingual.transaction` and ``benchmarks/publish_kill.py``.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from bilingual import publish as publish_module
from bilingual import transaction
from bilingual.cli import main
from bilingual.errors import ExportError, InputError
from bilingual.transaction import FolderTransaction
from tests.conftest import CORPUS, ROOT
from tests.formats.test_publish import NAMES, corpus, publish_corpus, tree

__all__ = ["corpus"]  # the fixture, imported for the tests below

SAMPLE_EPOCH = "1700000000"


def published(out: Path) -> set[str]:
    """The files report.json lists (every format, the site), with the report and state.json."""
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {f for names in report["formats"].values() for f in names} | {"report.json", "state.json"}


def beside(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir())


def test_kill_loop_never_leaves_a_mix() -> None:
    """SIGKILL at 3 random points: OUT is the old or the new publish, nothing survives the next run."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "publish_kill.py"), "--kills", "3", "--seed", "13"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "mixed 0" in done.stdout and "never mixed" in done.stdout


def large_corpus(root: Path, copies: int) -> Path:
    """The sample corpus, every bulletin ``copies`` times (a run of a few seconds)."""
    for lang in ("zh", "en"):
        (root / lang).mkdir(parents=True)
        for path in sorted((CORPUS / lang).iterdir()):
            for copy in range(copies):
                shutil.copy(path, root / lang / f"{path.stem}-c{copy}{path.suffix}")
    return root


def test_two_publishes_into_one_folder(tmp_path: Path) -> None:
    """Started together: one fails at once (exit 2, names the folder), the other publishes."""
    source = large_corpus(tmp_path / "corpus", 5)
    out = tmp_path / "site" / "out"
    code = "from bilingual.cli import main; main(prog_name='bilingual')"
    command = [sys.executable, "-c", code, "publish", str(source), "-o", str(out), "--similarity", "lexical"]
    env = {**os.environ, "SOURCE_DATE_EPOCH": SAMPLE_EPOCH, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]  # fmt: skip
    finished: dict[int, float] = {}
    while len(finished) < 2:
        for i, run in enumerate(runs):
            if i not in finished and run.poll() is not None:
                finished[i] = time.perf_counter() - start
        time.sleep(0.02)
    outputs = [run.communicate() for run in runs]
    codes = sorted(run.returncode for run in runs)
    assert codes == [0, 2], outputs
    loser = next(i for i, run in enumerate(runs) if run.returncode == 2)
    winner = 1 - loser
    message = outputs[loser][1].strip()
    assert message.count("\n") == 0 and str(out) in message, message
    assert "another publish into this folder is running (process " in message
    assert str(runs[winner].pid) in message
    assert finished[loser] < finished[winner]  # at once, not after its own alignment
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert files == published(out)
    assert beside(out) == ["out"]


def test_a_held_lock_is_one_line_and_exit_2(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "site" / "out"
    with FolderTransaction(out):
        result = CliRunner().invoke(main, ["publish", str(corpus), "-o", str(out), "--similarity", "lexical"])
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"Error: {out}: another publish into this folder is running (process {os.getpid()}); "
        "try again when it has finished"
    )
    assert not out.parent.exists()  # the folder made for the lock is gone again


def test_write_error_midway_leaves_the_previous_publish(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site" / "out"
    publish_corpus(corpus, out)
    before = tree(out)
    en = corpus / "en" / f"{NAMES[0]}.txt"
    en.write_bytes(en.read_bytes().replace(b"Huang Jianfa", b"Mr Huang"))
    real = publish_module.write_atomic
    calls = []

    def failing(path: Path, *args: object, **kwargs: object) -> None:
        calls.append(path)
        if len(calls) > 5:
            raise ExportError("cannot write: No space left on device", path)
        real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(publish_module, "write_atomic", failing)
    with pytest.raises(ExportError, match="No space left"):
        publish_corpus(corpus, out)
    assert len(calls) == 6
    assert tree(out) == before
    assert beside(out) == ["out"]  # no staging folder, no lock file


def test_files_publish_did_not_write_are_carried_over(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "site" / "out"
    publish_corpus(corpus, out)
    (out / "CNAME").write_text("bulletins.example.gov.cn\n")
    (out / ".git" / "refs").mkdir(parents=True)
    (out / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (out / ".git" / "refs" / "main").write_text("0" * 40 + "\n")
    (out / "po" / "README.txt").write_text("Reviewers: edit msgstr only.\n")
    outside = tmp_path / "outside.txt"
    outside.write_text("not ours")
    (out / "link").symlink_to(outside)
    (out / "po" / f".{NAMES[0]}.po.abcd1234.tmp").write_text("left by a killed run before transactions")
    for path in corpus.glob(f"*/{NAMES[1]}.*"):
        path.unlink()
    result = publish_corpus(corpus, out)
    assert (out / "CNAME").read_text() == "bulletins.example.gov.cn\n"
    assert (out / ".git" / "HEAD").read_text() == "ref: refs/heads/main\n"
    assert (out / ".git" / "refs" / "main").is_file()
    assert (out / "po" / "README.txt").is_file()
    assert (out / "link").is_symlink() and os.readlink(out / "link") == str(outside)
    assert outside.read_text() == "not ours"
    assert not list(out.rglob("*.tmp"))  # dropped
    assert not list(out.rglob(f"{NAMES[1]}*"))  # the previous publish's, no longer produced: dropped
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and not p.is_symlink()}
    office = {"CNAME", ".git/HEAD", ".git/refs/main", "po/README.txt"}
    assert files == published(out) | office
    assert set(result.files) | {"state.json"} == published(out)
    assert beside(out) == ["out"]


def test_a_failed_publish_creates_no_folder(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "new" / "deeper" / "out"
    (corpus / "en" / f"{NAMES[0]}.txt").write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        publish_corpus(corpus, out)
    assert not (tmp_path / "new").exists()
    result = CliRunner().invoke(main, ["publish", str(corpus), "-o", str(out), "--similarity", "lexical"])
    assert result.exit_code == 2 and "empty" in result.output
    assert not (tmp_path / "new").exists()


def test_out_stays_a_directory_and_the_first_publish_into_a_plain_folder(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site" / "out"
    out.mkdir(parents=True)
    (out / "index.html").write_text("the office's old page")
    inode = out.stat().st_ino
    publish_corpus(corpus, out)
    assert out.is_dir() and not out.is_symlink() and out.stat().st_ino != inode  # a new tree, same name
    assert (out / "index.html").read_text() == "the office's old page"  # carried over
    assert (out / "report.json").is_file()


def test_fallback_when_the_exchange_is_refused(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site" / "out"
    publish_corpus(corpus, out)

    def refused(a: Path, b: Path) -> None:
        raise OSError(errno.EINVAL, "Invalid argument")

    monkeypatch.setattr(transaction, "exchange", refused)
    (out / "CNAME").write_text("x\n")
    result = publish_corpus(corpus, out)
    assert result.previous and (out / "CNAME").read_text() == "x\n"
    assert set(tree(out)) == published(out) | {"CNAME"}
    assert beside(out) == ["out"]


def test_the_next_run_cleans_up_after_killed_runs(corpus: Path, tmp_path: Path) -> None:
    """Staging folders are removed; a fallback flip cut in half (no OUT, an old tree) is undone."""
    out = tmp_path / "site" / "out"
    publish_corpus(corpus, out)
    before = tree(out)
    site = out.parent
    (site / ".out.staging-999999").mkdir()
    (site / ".out.staging-999999" / "half.po").write_text("half")
    out.rename(site / ".out.old-999998")
    (site / ".out.lock").write_text("999998\n")  # a killed run's lock file: not held
    (site / ".out.staging-x").mkdir()  # not ours (not a process id): left alone
    result = publish_corpus(corpus, out)
    assert result.previous  # compared with the restored previous publish
    assert set(tree(out)) == set(before)
    assert beside(out) == [".out.staging-x", "out"]


def test_refused_before_any_work(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "site" / "out"
    out.parent.mkdir()
    out.write_text("a file")
    with pytest.raises(ExportError, match="is a file"):
        publish_corpus(corpus, out)
    assert beside(out) == ["out"] and out.read_text() == "a file"
