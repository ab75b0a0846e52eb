"""Progress on standard error: a bar on a terminal, a line every few seconds elsewhere.

No test waits: the plain line's interval is set to 0 (every event prints a
line) or the clock is injected.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from bilingual.cli import main
from bilingual.cli import progress as progressing
from bilingual.cli.progress import Progress

ROOT = Path(__file__).resolve().parents[2]
ZH = (
    "嘉兴市红船精神宣讲活动举行。\n\n会议强调要推进共同富裕。\n",
    "杭州召开共同富裕会议。\n\n会议由市委主持。\n",
)
EN = (
    "Jiaxing held a lecture on the Red Boat Spirit.\n\nThe meeting stressed common prosperity.\n",
    "Hangzhou held a meeting on common prosperity.\n\nThe city committee chaired it.\n",
)
GLOSSARY = "id,zh,en\nrbs,红船精神,Red Boat Spirit\ncp,共同富裕,common prosperity\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    for lang, texts in (("zh", ZH), ("en", EN)):
        (root / lang).mkdir(parents=True)
        for k, text in enumerate(texts):
            (root / lang / f"2023-02-1{k + 4}-doc{k}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "glossary.csv").write_text(GLOSSARY, encoding="utf-8")
    return root


@pytest.fixture
def every_event(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a terminal, a line for every event (the interval is 0), so nothing is timed."""
    monkeypatch.setattr(progressing, "INTERVAL", 0.0)


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args], env={"SOURCE_DATE_EPOCH": "1700000000"})
    return result.exit_code, result.stdout, result.stderr


def lines(stderr: str) -> list[str]:
    """The progress lines of ``stderr`` (``PHASE DONE/TOTAL (N s) NAME``)."""
    return [line for line in stderr.splitlines() if " s) " in line]


def events(stderr: str) -> list[tuple[str, str, str]]:
    """The progress lines of ``stderr`` as (phase, done/total, name), the seconds left out."""
    return [(line.split(" ")[0], line.split(" ")[1], line.split(" s) ", 1)[1]) for line in lines(stderr)]


def test_terminal_bar_redrawn_in_place() -> None:
    out = io.StringIO()
    bar = Progress(out, tty=True)
    bar("align", 1, 4, "a")
    bar("align", 4, 4, "d")
    bar.done()
    text = out.getvalue()
    assert "aligning  [######.................." in text and "4/4 d" in text and text.endswith("\r\x1b[2K")
    assert "\n" not in text


def test_log_lines_every_interval() -> None:
    clock = iter([0.0, 1.0, 6.0, 7.0, 12.5])
    out = io.StringIO()
    log = Progress(out, tty=False, interval=5.0, clock=lambda: next(clock))
    for k in range(1, 5):
        log("read", k, 4, f"f{k}.jsonl")
    assert out.getvalue().splitlines() == ["reading 2/4 (6 s) f2.jsonl", "reading 4/4 (12 s) f4.jsonl"]


def test_interval_is_read_when_made(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progressing, "INTERVAL", 0.0)
    out = io.StringIO()
    log = Progress(out, tty=False, clock=lambda: 0.0)
    log("write", 1, 2, "po/a.po")
    assert out.getvalue() == "writing 1/2 (0 s) po/a.po\n"
    monkeypatch.setattr(progressing, "INTERVAL", 5.0)
    quiet = io.StringIO()
    Progress(quiet, tty=False, clock=lambda: 4.9)("write", 1, 2, "po/a.po")
    assert quiet.getvalue() == ""  # a short run prints nothing


def test_check_reports_every_phase(every_event: None, tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(
        json.dumps({"id": "d:z0:e0", "zh": "弘扬红船精神", "en": "Red Ship Spirit"}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    glossary = str(ROOT / "glossaries" / "zhejiang.tbx")
    _, out, err = run("check", pairs, "-g", glossary, "--format", "json")
    assert events(err) == [
        ("reading", "0/1", "pairs.jsonl"),  # a bar names the file while it is read
        ("reading", "1/1", "pairs.jsonl"),
        ("checking", "0/1", "pairs.jsonl"),  # pairs checked, as the check goes
        ("checking", "1/1", "pairs.jsonl"),
        ("writing", "1/1", "d"),  # each document to the report
        ("writing", "0/1", "standard output"),
    ]
    json.loads(out)  # stdout is the report alone
    _, _, quiet = run("check", pairs, "-g", glossary, "--no-progress")
    assert lines(quiet) == []


def test_align_corpus_reports_each_document(every_event: None, corpus: Path, tmp_path: Path) -> None:
    code, out, err = run("align", corpus, "-o", tmp_path / "beads", "--similarity", "lexical")
    assert code == 0, err
    assert [line.split(" (")[0] for line in lines(err)] == ["aligning 1/2", "aligning 2/2"]
    assert out == ""
    assert "aligned 2 pair(s) of bulletins" in err


def test_align_to_stdout_stays_clean(every_event: None, corpus: Path) -> None:
    zh, en = corpus / "zh" / "2023-02-14-doc0.txt", corpus / "en" / "2023-02-14-doc0.txt"
    code, out, err = run("align", zh, en, "--similarity", "lexical")
    assert code == 0, err
    assert lines(err) and lines(err)[0].startswith("aligning 1/1 (")
    assert len(out.splitlines()) == 2
    assert all(line.startswith("[") for line in out.splitlines())  # beads only, no progress
    _, _, quiet = run("align", zh, en, "--similarity", "lexical", "--no-progress")
    assert lines(quiet) == []


def test_export_to_stdout_stays_clean(every_event: None, corpus: Path, tmp_path: Path) -> None:
    glossary = tmp_path / "glossary.csv"
    code, out, err = run("export", corpus, "--to", "tmx", "-g", glossary, "--similarity", "lexical")
    assert code == 0, err
    assert [line.split(" (")[0] for line in lines(err)] == ["aligning 1/2", "aligning 2/2"]
    etree.fromstring(out.encode("utf-8"))  # the TMX alone: parses as XML
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(
        json.dumps({"id": "d:z0:e0", "zh": "弘扬红船精神", "en": "the Red Boat Spirit"}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    code, out, err = run("export", pairs, "--to", "jsonl", "-g", glossary)
    assert code == 0, err
    assert [phase for phase, _, _ in events(err)] == ["reading", "reading", "checking", "checking", "writing"]
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["d:z0:e0"]
    _, _, quiet = run("export", pairs, "--to", "jsonl", "-g", glossary, "--no-progress")
    assert lines(quiet) == []


def test_publish_reports_aligning_then_writing(every_event: None, corpus: Path, tmp_path: Path) -> None:
    glossary = tmp_path / "glossary.csv"
    out_dir = tmp_path / "pub"
    code, out, err = run("publish", corpus, "-o", out_dir, "-g", glossary, "--similarity", "lexical")
    assert code == 0, err
    reported = lines(err)
    phases = [line.split(" ")[0] for line in reported]
    assert phases[:2] == ["aligning", "aligning"] and set(phases[2:]) == {"writing"}
    counts = [line.split(" ")[1] for line in reported if line.startswith("writing")]
    total = int(counts[-1].split("/")[1])
    assert counts == [f"{k}/{total}" for k in range(1, total + 1)]  # every step, none twice
    assert reported[-1].endswith("state.json")
    assert any(line.endswith("review/2023-02-15-doc1") for line in reported)
    assert any(line.endswith("po/2023-02-14-doc0.po") for line in reported)
    assert " s) " not in out and out.startswith("published 2 bulletins")
    _, _, quiet = run(
        "publish", corpus, "-o", out_dir, "-g", glossary, "--similarity", "lexical", "--no-progress"
    )
    assert lines(quiet) == []
