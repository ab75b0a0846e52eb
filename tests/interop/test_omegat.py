"""OmegaT leverages our TMX fully: every segment of the sample corpus comes back as our English.

An OmegaT project is made with the Chinese of each bead as one paragraph of a
text file (sentence segmentation off, so a 2-1 bead stays one segment) and our
TMX in ``tm/auto``, whose exact matches OmegaT inserts when it loads the
project. ``omegat PROJECT --mode=console-translate`` (OmegaT 3.6, Debian's
``omegat``) then writes the target file; each of its paragraphs must be our
English. Inline marks (``<hi>``) in the TMX cost a segment its exact match in
OmegaT, which is why the TMX writer marks nothing by default: with
``marks="all"`` only 35 of the 88 come back.

Skips without ``omegat`` unless ``BILINGUAL_REQUIRE_TOOLS=1`` (CI installs it).
"""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from bilingual.formats.tmx import write_tmx
from bilingual.model import Checked
from bilingual.pipeline import Settings, context, run
from tests.conftest import CORPUS, require_tool

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>zh-CN</source_lang>
        <target_lang>en</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
        <sentence_seg>false</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
"""


@pytest.fixture(scope="module")
def checked() -> list[Checked]:
    return list(run(Settings.resolve([CORPUS], similarity="lexical")))


def leverage(omegat: str, items: list[Checked], marks: str | None, root: Path) -> tuple[int, int]:
    """(segments, segments that came back as our English) for a project TM written with ``marks``."""
    settings_context = replace(context(Settings.resolve([CORPUS], similarity="lexical")), marks=marks)
    for folder in ("source", "target", "tm/auto", "omegat", "glossary", "dictionary", "home"):
        (root / folder).mkdir(parents=True)
    (root / "omegat.project").write_text(PROJECT, encoding="utf-8")
    with (root / "tm" / "auto" / "bilingual.tmx").open("wb") as out:
        write_tmx(items, settings_context, out)
    pairs = [p for item in items for p in item.alignment.pairs() if p.zh.strip() and p.en.strip()]
    # One paragraph per bead: OmegaT's text filter trims each, as it trims TM entries.
    (root / "source" / "bulletins.txt").write_text("".join(f"{p.zh}\n\n" for p in pairs), encoding="utf-8")
    done = subprocess.run(
        [omegat, str(root), "--mode=console-translate"],
        capture_output=True,
        text=True,
        timeout=300,
        env={"HOME": str(root / "home"), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
    )
    target = root / "target" / "bulletins.txt"
    assert done.returncode == 0 and target.is_file(), done.stdout[-2000:] + done.stderr[-2000:]
    got = [line.strip() for line in target.read_text(encoding="utf-8").split("\n") if line.strip()]
    assert len(got) == len(pairs)
    return len(pairs), sum(1 for p, line in zip(pairs, got, strict=True) if line == p.en.strip())


def test_omegat_takes_every_segment_from_our_tmx(checked: list[Checked], tmp_path: Path) -> None:
    omegat = require_tool("omegat", "OmegaT (Debian's omegat) checks that CAT tools leverage our TMX")
    segments, matched = leverage(omegat, checked, None, tmp_path / "default")
    assert (segments, matched) == (88, 88)


def test_inline_marks_cost_matches(checked: list[Checked], tmp_path: Path) -> None:
    omegat = require_tool("omegat", "OmegaT (Debian's omegat) checks that CAT tools leverage our TMX")
    segments, matched = leverage(omegat, checked, "all", tmp_path / "all")
    assert segments == 88 and matched < 88  # why "none" is the default
