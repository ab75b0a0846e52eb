"""Memory and hangs (issue 13 item 5): every command that reads bulletins, run as a user would.

Each case runs the venv's ``bilingual`` script in a child process under
``prlimit --as=1500000000`` (1.5 GB of address space) with a timeout, and
expects one line on stderr, never a traceback:

- a 20 MB one-line file: refused (the 2 MB bulletin cap, or --max-segment), exit 2;
- a FIFO in place of a file: refused at once (a read would wait for a writer), exit 2;
- endless standard input (``segment -`` from /dev/zero): refused at the cap, exit 2;
- ``score`` on a 50,000-character line: refused by --max-segment, exit 2;
- ``score`` on a 19,000-character line (under --max-segment): scored, and the peak RSS
  (the child's ``ru_maxrss``) stays well under the cap.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BILINGUAL = Path(sys.executable).parent / "bilingual"
GLOSSARY = ROOT / "glossaries" / "zhejiang.tbx"
CAP = 1_500_000_000  # bytes of address space for each command
PRLIMIT = shutil.which("prlimit")

pytestmark = [
    pytest.mark.skipif(PRLIMIT is None, reason="prlimit (util-linux) is not installed"),
    pytest.mark.skipif(not BILINGUAL.exists(), reason="the bilingual script is not installed in this venv"),
]

# Runs the command and prints its exit status and peak RSS (KB) as JSON: the child's own figure.
_WRAPPER = """
import json, resource, subprocess, sys
stdin = open(sys.argv[1], "rb") if sys.argv[1] != "" else subprocess.DEVNULL
done = subprocess.run(sys.argv[2:], stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
sys.stderr.buffer.write(done.stderr)
print(json.dumps({"rc": done.returncode, "rss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def run(args: list[str | Path], *, cwd: Path, stdin: str = "", timeout: float = 60) -> tuple[int, str, int]:
    """(exit status, stderr, peak RSS in KB) of ``bilingual ARGS`` under the 1.5 GB cap."""
    command = [sys.executable, "-c", _WRAPPER, stdin, str(PRLIMIT), f"--as={CAP}", str(BILINGUAL)]
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    done = subprocess.run(
        [*command, *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return figures["rc"], done.stderr, figures["rss_kb"]


def assert_refused(rc: int, stderr: str, *words: str) -> None:
    assert rc == 2, stderr
    assert "Traceback" not in stderr, stderr
    errors = [line for line in stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, stderr
    assert all(word in errors[0] for word in words), errors[0]


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small pair, a 20 MB one-line bulletin, corpora holding either, a FIFO, a PO of 'a'."""
    root = tmp_path_factory.mktemp("limits")
    zh_text = "嘉兴公告\n\n发布日期：2023-02-14\n\n嘉兴推进共同富裕，完成项目12个。群众满意度持续提升。\n"
    en_text = (
        "Jiaxing Bulletin\n\nRelease date: 2023-02-14\n\n"
        "Jiaxing advanced common prosperity, completing 12 projects. Satisfaction keeps rising.\n"
    )
    (root / "zh.txt").write_text(zh_text, encoding="utf-8")
    (root / "en.txt").write_text(en_text, encoding="utf-8")
    # 20 MB on one line, no sentence end: 6,666,667 Han characters (3 bytes each).
    (root / "big.txt").write_text("这是没有标点的话" * 833_334 + "\n", encoding="utf-8")
    os.mkfifo(root / "fifo")
    for name, zh in (("small", root / "zh.txt"), ("large", root / "big.txt"), ("piped", None)):
        for lang in ("zh", "en"):
            (root / name / lang).mkdir(parents=True)
        (root / name / "en" / "a.txt").write_text(en_text, encoding="utf-8")
        if zh is None:
            os.mkfifo(root / name / "zh" / "a.txt")
        else:
            shutil.copyfile(zh, root / name / "zh" / "a.txt")
    done = subprocess.run(
        [BILINGUAL, "export", root / "small", "--to", "po", "-o", root / "po", "-g", GLOSSARY],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return root


def _commands(bad: str, corpus: str) -> dict[str, list[str | Path]]:
    """Every command that reads bulletins, given a bad file (``bad``) or a corpus holding one."""
    g = ["-g", str(GLOSSARY)]
    return {
        "align": ["align", bad, "en.txt", *g],
        "check": ["check", bad, "en.txt", *g],
        "export": ["export", bad, "en.txt", "--to", "tmx", *g],
        "segment": ["segment", bad],
        "corpus list": ["corpus", "list", corpus],
        "publish": ["publish", corpus, "-o", f"out-{corpus}", *g],
        "score": ["score", "--ref", bad, "--hyp", "en.txt"],
        "po import": ["po", "import", "po/a.po", "--corpus", corpus, "--dry-run"],
    }


@pytest.mark.parametrize("command", list(_commands("", "")))
def test_a_20_mb_line_is_refused_in_one_line(work: Path, command: str) -> None:
    rc, stderr, _ = run(_commands("big.txt", "large")[command], cwd=work)
    # Bulletins stop at the 2 MB cap; score's text versions (files of pairs, 256 MB) at --max-segment.
    named = "a.txt" if command in ("corpus list", "publish", "po import") else "big.txt"
    assert_refused(rc, stderr, named)
    assert "2 MB" in stderr or "--max-segment" in stderr, stderr


@pytest.mark.parametrize("command", list(_commands("", "")))
def test_a_fifo_is_refused_without_waiting(work: Path, command: str) -> None:
    rc, stderr, _ = run(_commands("fifo", "piped")[command], cwd=work, timeout=10)
    assert_refused(rc, stderr, "FIFO")


def test_endless_standard_input_stops_at_the_cap(work: Path) -> None:
    rc, stderr, rss = run(["segment", "-"], cwd=work, stdin="/dev/zero", timeout=30)
    assert_refused(rc, stderr, "2 MB")
    assert rss * 1024 < CAP / 3


def test_max_size_and_max_segment_can_be_raised(work: Path) -> None:
    rc, stderr, _ = run(["segment", "big.txt", "--max-size", "32M"], cwd=work)
    assert_refused(rc, stderr, "--max-segment", "big.txt:1")
    rc, stderr, _ = run(["segment", "big.txt", "--max-size", "1x"], cwd=work)
    assert rc == 2 and "not a size" in stderr, stderr


def _versions(root: Path, chars: int) -> tuple[Path, Path]:
    """A REF line of ``chars`` characters of English and a HYP with every seventh word changed."""
    rng = random.Random(chars)
    words = ["the", "meeting", "was", "held", "in", "province", "rural", "revitalization", "prosperity"]
    ref = " ".join(rng.choice(words) for _ in range(chars // 4))[:chars]
    hyp = ref.split(" ")
    for i in range(0, len(hyp), 7):
        hyp[i] = rng.choice(words)
    paths = root / f"ref{chars}.txt", root / f"hyp{chars}.txt"
    paths[0].write_text(ref + "\n", encoding="utf-8")
    paths[1].write_text(" ".join(hyp)[:chars] + "\n", encoding="utf-8")
    return paths


def test_score_refuses_a_50_000_character_line(work: Path) -> None:
    ref, hyp = _versions(work, 50_000)
    rc, stderr, rss = run(["score", "--ref", ref, "--hyp", hyp], cwd=work)
    assert_refused(rc, stderr, "ref50000.txt:1", "--max-segment")
    assert rss * 1024 < CAP


def test_score_scores_a_19_000_character_line_in_bounded_memory(work: Path) -> None:
    ref, hyp = _versions(work, 19_000)
    rc, stderr, rss = run(["score", "--ref", ref, "--hyp", hyp, "--format", "json"], cwd=work, timeout=120)
    assert rc == 0, stderr
    assert "Traceback" not in stderr
    # sacrebleu's own TER took 370 MB and a minute here; the bounded one about 65 MB.
    assert rss * 1024 < 500_000_000, f"peak RSS {rss // 1024} MB"


def test_out_of_memory_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A MemoryError (a prlimit --as or container limit reached while aligning) is one line, exit 2."""
    from click.testing import CliRunner

    from bilingual.cli import OUT_OF_MEMORY, corpus_cmds, main

    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(corpus_cmds, "read_document", exhausted)
    (tmp_path / "a.txt").write_text("A sentence.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["segment", str(tmp_path / "a.txt")])
    assert result.exit_code == 2
    assert result.output.strip() == f"Error: {OUT_OF_MEMORY}"
