"""Progress on standard error: a bar on a terminal, a line every few seconds elsewhere."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bilingual.cli import main
from bilingual.cli import progress as progressing
from bilingual.cli.progress import Progress

ROOT = Path(__file__).resolve().parents[2]


def test_terminal_bar_redrawn_in_place() -> None:
    out = io.StringIO()
    bar = Progress(out, tty=True)
    bar("align", 1, 4, "a")
    bar("align", 4, 4, "d")
    bar.done()
    text = out.getvalue()
    assert "aligning  [######.................." in text and "4/4 d" in text and text.endswith("\r\x1b[2K")
    assert "\n" not in text


def test_log_lines_every_interval(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([0.0, 1.0, 6.0, 7.0, 12.5])
    monkeypatch.setattr(progressing.time, "monotonic", lambda: next(clock))
    out = io.StringIO()
    log = Progress(out, tty=False, interval=5.0)
    for k in range(1, 5):
        log("read", k, 4, f"f{k}.jsonl")
    assert out.getvalue().splitlines() == ["reading 2/4 (6 s) f2.jsonl", "reading 4/4 (12 s) f4.jsonl"]


def test_check_reports_every_phase(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progressing.Progress, "__init__", _always)
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(
        json.dumps({"id": "d:z0:e0", "zh": "弘扬红船精神", "en": "Red Ship Spirit"}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    glossary = str(ROOT / "glossaries" / "zhejiang.tbx")
    result = CliRunner().invoke(main, ["check", str(pairs), "-g", glossary, "--format", "json"])
    phases = [line.split(" ")[0] for line in result.stderr.splitlines() if "(0 s)" in line]
    assert phases[:3] == ["reading", "checking", "writing"]
    quiet = CliRunner().invoke(main, ["check", str(pairs), "-g", glossary, "--no-progress"])
    assert "(0 s)" not in quiet.stderr


def _always(self: Progress, stream: object = None, *, tty: bool | None = None, interval: float = 5.0) -> None:
    import sys
    import time

    self.stream = sys.stderr
    self.tty = False
    self.interval = 0.0  # every call prints a line
    self.started = self.last = time.monotonic()
    self.drawn = False
