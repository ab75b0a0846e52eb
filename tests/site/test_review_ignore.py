"""The review build and the ignore list: the command that accepts each open finding, accepted
findings shown as accepted with their reason, stale entries listed (issue 14)."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from bilingual.cli import main
from bilingual.formats.html import render_page
from bilingual.formats.registry import ExportContext
from bilingual.model import Checked, Finding, Verdict
from tests.site.conftest import GLOSSARY, REASON, SEED, accept_one, copy_corpus
from tests.site.test_public import ALIGNMENT

CONTEXT = ExportContext("bilingual:test|align:test", date="2023-03-01T00:00:00Z")


def commands(page: Path) -> dict[str, list[str]]:
    """The accept command under each open finding of a review page, by the finding's id, as argv."""
    root = lxml.html.fromstring(page.read_bytes())
    found = {}
    for item in root.xpath("//td[@class='findings']//li[details]"):
        (code,) = item.xpath(".//details[@class='accept']/code")
        found[item.get("id").removeprefix("finding-")] = shlex.split(code.text_content())
    return found


def test_each_open_finding_shows_the_command_with_its_json_id(published: Path) -> None:
    corpus = published.parent / "corpus"
    result = CliRunner().invoke(
        main, ["check", str(corpus), "-g", str(GLOSSARY), "--similarity", "lexical", "--format", "json"]
    )
    report = json.loads(result.stdout)
    open_ids = {f["id"] for f in report["findings"] if f["doc_id"] == SEED and f["status"] == "open"}
    accepted = {f["id"]: f["reason"] for f in report["findings"] if f["status"] == "accepted"}
    shown = commands(published / "review" / f"{SEED}.html")
    assert set(shown) == open_ids and len(open_ids) >= 3
    typed = GLOSSARY.relative_to(Path.cwd()) if GLOSSARY.is_relative_to(Path.cwd()) else GLOSSARY
    for finding_id, argv in shown.items():
        assert argv[:3] == ["bilingual", "check", str(corpus)]
        assert argv[3:] == ["-g", str(typed), "--accept", finding_id, "--reason", "…"]
    assert list(accepted.values()) == [REASON]


def test_accepted_finding_is_shown_with_its_reason_and_not_counted(published: Path) -> None:
    page = published / "review" / f"{SEED}.html"
    root = lxml.html.fromstring(page.read_bytes())
    (item,) = root.xpath("//li[contains(@class, 'accepted')]")
    assert REASON in item.text_content() and "wrong capitalisation" in item.text_content()
    assert not item.xpath(".//details")  # nothing left to accept
    assert root.xpath("//mark[contains(@class, 'accepted')]") and not root.xpath("//mark[@class='term case']")
    assert "<headline>" not in page.read_text()  # escaped
    meta = root.xpath("//header/p[@class='meta']")[0].text_content()
    opened = len(commands(page))
    assert f"{opened} open findings" in meta and "1 accepted" in meta
    index = lxml.html.fromstring((published / "review" / "index.html").read_bytes())
    (status,) = index.xpath(f"//tr[@id='{SEED}']/td[@data-label='Compliance']/text()")
    assert status.startswith(f"{opened} findings") and status.endswith("· 1 accepted")
    report = json.loads((published / "report.json").read_text())
    (doc,) = [d for d in report["documents"] if d["id"] == SEED]
    assert sum(doc["findings"].values()) == opened and doc["accepted"] == 1


def test_stale_entries_are_listed_on_the_index(published: Path) -> None:
    index = lxml.html.fromstring((published / "review" / "index.html").read_bytes())
    (section,) = index.xpath("//section[@class='stale']")
    text = section.text_content()
    assert "Stale ignore entry" in text and "A sentence since rewritten." in text and SEED in text
    assert "matches no finding any more" in text and "Remove it," in text and "{" not in text
    ignore = (published.parent / "corpus" / ".bilingual-ignore.toml").read_text().splitlines()
    line = ignore.index("[[accepted]]", ignore.index("[[accepted]]") + 1) + 1
    assert section.xpath("//td[@data-label='Line']/text()") == [str(line)]
    report = json.loads((published / "report.json").read_text())
    assert [(s["doc"], s["line"]) for s in report["stale_ignore"]] == [(SEED, line)]


def test_the_corpus_is_named_as_typed_relative(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = copy_corpus(tmp_path / "my corpus")
    accept_one(corpus)
    monkeypatch.chdir(tmp_path)
    args = ["publish", "my corpus", "-o", "out", "-g", str(GLOSSARY), "--similarity", "lexical"]
    result = CliRunner().invoke(main, [*args, "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "open findings (" in result.stdout and ", 1 accepted (.bilingual-ignore.toml)" in result.stdout
    page = (tmp_path / "out" / "review" / f"{SEED}.html").read_text()
    assert f"bilingual check 'my corpus' -g {GLOSSARY} --accept " in lxml.html.fromstring(page).text_content()
    for argv in commands(tmp_path / "out" / "review" / f"{SEED}.html").values():
        assert argv[2] == "my corpus"  # one shell word, relative as typed
    # The command works as shown (the reason filled in), run from the same folder.
    finding_id, argv = next(iter(commands(tmp_path / "out" / "review" / f"{SEED}.html").items()))
    argv = [*argv[1:-1], "Checked with the editor", "--similarity", "lexical", "--no-progress"]
    accepted = CliRunner().invoke(main, argv)
    assert accepted.exit_code == 0, accepted.output
    assert finding_id in (corpus / ".bilingual-ignore.toml").read_text()


def test_reason_and_path_are_escaped_in_hand_made_pages() -> None:
    open_finding = Finding(
        "b1:z1:e1", "t", Verdict.CASE, en_span=(0, 5), found="First", message="case", id="0123456789abcdef"
    )
    accepted = Finding(
        "b1:z4:e4", "t", Verdict.MISSING, zh_span=(0, 2), message="m", id="fedcba9876543210", accepted="<b>&"
    )
    page = render_page(
        Checked(ALIGNMENT, (open_finding, accepted)), CONTEXT, accept=shlex.quote('a "b" <c>')
    ).decode()
    assert "&lt;b&gt;&amp;" in page and "<b>&" not in page
    root = lxml.html.fromstring(page)
    (code,) = root.xpath("//details/code")
    assert shlex.split(code.text_content()) == [
        "bilingual",
        "check",
        'a "b" <c>',
        "--accept",
        "0123456789abcdef",
        "--reason",
        "…",
    ]
    without = render_page(Checked(ALIGNMENT, (open_finding,)), CONTEXT).decode()
    assert "<details" not in without  # no corpus known (export --to html): no command
