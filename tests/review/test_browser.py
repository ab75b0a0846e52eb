"""bilingual review in a real browser (Debian's chromium through playwright).

Starts ``bilingual review`` as a subprocess on a free port, opens the printed
URL, merges, splits, verifies and undoes, by mouse and keyboard, reloads and
sees the state persisted; stops the server with Ctrl-C (SIGINT: a clean exit);
then ``bilingual publish`` writes the merged bead as one TMX unit and one PO
entry. Screenshots (index, document page, a 390 px screen) go to
build/review-screenshots/.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest
from lxml import etree

from bilingual.model import Bead, bead_id
from tests.conftest import ROOT, require_path, require_tool

SHOTS = ROOT / "build" / "review-screenshots"
CLI = [sys.executable, "-c", "from bilingual.cli import main; main()"]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture
def server(corpus: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    process = subprocess.Popen(
        [*CLI, "review", str(corpus), "--no-open", "--similarity", "lexical"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = ""
    assert process.stdout is not None
    for line in process.stdout:
        found = re.search(r"open (http://127\.0\.0\.1:\d+/\?token=\S+)", line)
        if found:
            url = found.group(1)
            break
    if not url:
        process.kill()
        pytest.fail(f"no URL printed; stderr: {process.communicate()[1]}")
    try:
        yield url, process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def ids(text: str | None) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split(",")) if text else ()


def test_review_in_chromium_then_publish(corpus: Path, server: tuple[str, subprocess.Popen[str]]) -> None:
    chromium = require_path(Path("/usr/bin/chromium"), "Debian chromium drives the browser test")
    sync_api = pytest.importorskip("playwright.sync_api")
    fc_list = require_tool("fc-list", "fontconfig lists the fonts chromium can use")
    fonts = subprocess.run([fc_list, ":lang=zh-cn", "family"], capture_output=True, text=True).stdout
    assert fonts.strip(), "no CJK font: Chinese would render as empty boxes (install fonts-noto-cjk)"
    url, process = server
    SHOTS.mkdir(parents=True, exist_ok=True)
    name = "2023-02-14-grassroots-safety"
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=ARGS)
        try:
            tab = browser.new_page(viewport={"width": 1280, "height": 900})
            tab.goto(url)  # the token becomes a cookie; the address bar loses it
            assert "token=" not in tab.url
            assert tab.locator(f"tr[data-name='{name}']").count() == 1
            tab.screenshot(path=str(SHOTS / "index.png"), full_page=True)
            tab.click(f"a[href='/documents/{name}']")
            rows = tab.locator("tr.bead")
            before = [(ids(r.get_attribute("data-zh")), ids(r.get_attribute("data-en"))) for r in rows.all()]
            assert len(before) >= 8

            expect = sync_api.expect

            def settled(version: str | None) -> str | None:
                """The version once the page shows the edit's answer (the CSP forbids eval)."""
                expect(tab.locator("#doc")).not_to_have_attribute("data-version", version or "")
                return tab.locator("#doc").get_attribute("data-version")

            version = tab.locator("#doc").get_attribute("data-version")
            # Merge beads 2 and 3 with the mouse.
            tab.locator("tr.bead[data-index='2'] [data-action='merge-next']").click()
            version = settled(version)
            merged = (before[2][0] + before[3][0], before[2][1] + before[3][1])
            got = tab.locator("tr.bead[data-index='2']")
            assert (ids(got.get_attribute("data-zh")), ids(got.get_attribute("data-en"))) == merged
            assert got.get_attribute("data-pinned") == "true"
            # Merge beads 5 and 6 by keyboard, then split them back where they were joined.
            tab.locator("tr.bead[data-index='5'] td.conf").click()
            tab.keyboard.press("m")
            version = settled(version)
            joined = tab.locator("tr.bead[data-index='5']")
            assert ids(joined.get_attribute("data-zh")) == before[6][0] + before[7][0]
            tab.locator("tr.bead[data-index='5'] [data-action='split']").click()
            assert tab.locator("tr.bead.splitting .cut.chosen").count() == 2  # a default point per side
            splitting = tab.locator("tr.bead.splitting")
            splitting.locator(f".cut[data-side='zh'][data-at='{before[7][0][0]}']").click()
            splitting.locator(f".cut[data-side='en'][data-at='{before[7][1][0]}']").click()
            tab.screenshot(path=str(SHOTS / "document-split.png"))
            tab.keyboard.press("Enter")
            version = settled(version)
            split = [tab.locator(f"tr.bead[data-index='{k}']") for k in (5, 6)]
            assert [(ids(r.get_attribute("data-zh")), ids(r.get_attribute("data-en"))) for r in split] == [
                before[6],
                before[7],
            ]
            assert all(r.get_attribute("data-pinned") == "true" for r in split)
            # Verify bead 0, then undo it (toolbar button).
            tab.locator("tr.bead[data-index='0'] [data-action='verify']").click()
            version = settled(version)
            assert tab.locator("tr.bead[data-index='0']").get_attribute("data-verified") == "true"
            tab.screenshot(path=str(SHOTS / "document.png"), full_page=True)
            tab.locator("[data-action='undo']").click()
            version = settled(version)
            assert tab.locator("tr.bead[data-index='0']").get_attribute("data-verified") == "false"
            # An edit the server refuses is shown, and changes nothing.
            tab.locator("tr.bead[data-index='0'] [data-action='move-up']").first.click()
            expect(tab.locator("#status.error")).to_contain_text("no neighbour above")
            # The queue: n jumps to the next unverified bead.
            tab.locator("tr.bead[data-index='0'] td.conf").click()
            tab.keyboard.press("n")
            expect(tab.locator("tr.bead.current")).to_have_attribute("data-index", "1")
            # Reload: everything above was saved as pins.
            tab.reload()
            after = [(ids(r.get_attribute("data-zh")), ids(r.get_attribute("data-en"))) for r in rows.all()]
            assert after[2] == merged and after[5:7] == [before[6], before[7]]
            assert tab.locator("tr.bead[data-verified='true']").count() == 0
            tab.screenshot(path=str(SHOTS / "document-reloaded.png"), full_page=True)
            narrow = browser.new_page(viewport={"width": 390, "height": 844})
            narrow.goto(url.replace("/?", f"/documents/{name}?"))
            width = narrow.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
            narrow.screenshot(path=str(SHOTS / "document-narrow.png"), full_page=False)
            narrow.goto(url.split("?")[0])  # the index (the cookie is set)
            assert narrow.evaluate("document.documentElement.scrollWidth") <= 390
            narrow.screenshot(path=str(SHOTS / "index-narrow.png"), full_page=False)
        finally:
            browser.close()
    process.send_signal(signal.SIGINT)  # Ctrl-C
    assert process.wait(timeout=20) == 0
    pins = (corpus / "pins" / f"{name}.pins").read_text(encoding="utf-8")
    assert pins.startswith("# bilingual pins v2\n")
    out = corpus.parent / "out"
    done = subprocess.run(
        [*CLI, "publish", str(corpus), "-o", str(out), "--similarity", "lexical", "--no-progress"],
        capture_output=True,
        text=True,
    )
    assert done.returncode in (0, 1), done.stderr
    unit = bead_id(name, Bead(merged[0], merged[1]))
    tmx = etree.parse(str(out / "tmx" / "corpus.tmx")) if (out / "tmx" / "corpus.tmx").exists() else None
    tmx_files = (
        [tmx] if tmx is not None else [etree.parse(str(p)) for p in sorted((out / "tmx").glob("*.tmx"))]
    )
    tuids = [tu.get("tuid") for tree in tmx_files for tu in tree.iter("tu")]
    assert tuids.count(unit) == 1
    assert not any(t.startswith(f"{name}:z{merged[0][0]}:") for t in tuids)  # not also as its parts
    entries = [e for e in polib.pofile(str(out / "po" / f"{name}.po")) if e.msgctxt == unit]
    assert len(entries) == 1
