"""The public build: reading view, language pages, downloads, feed and sitemap, templates, bad input."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
from click.testing import CliRunner

from bilingual.cli import main
from bilingual.errors import InputError
from bilingual.formats.public import bulletin, write_public
from bilingual.formats.registry import ExportContext
from bilingual.formats.templating import SiteConfig, TemplateError
from bilingual.model import Alignment, Bead, Checked, Document, Finding, Kind, Paragraph, Segment, Verdict
from bilingual.publish import write_publish
from tests.conftest import tree
from tests.site.conftest import GLOSSARY, SEED, copy_corpus, publish_sample

CONTEXT = ExportContext("bilingual:test|align:test", date="2023-03-01T00:00:00Z")
QA_WORDS = re.compile(r"finding|confidence|forbidden|signature", re.IGNORECASE)


def document(lang: str, paragraphs: list[list[str]], title: str, *, title_line: bool = True) -> Document:
    """A document whose paragraphs hold the given sentences (a title line first when asked)."""
    text, paras, segments = "", [], []
    joiner = "" if lang == "zh" else " "
    rows = ([[title]] if title_line else []) + paragraphs
    for p, sentences in enumerate(rows):
        kind = Kind.TITLE if title_line and p == 0 else Kind.BODY
        start = len(text)
        for sentence in sentences:
            segments.append(Segment(len(segments), p, len(text), len(text) + len(sentence), sentence, kind))
            text += sentence + joiner
        paras.append(Paragraph(p, start, len(text), text[start:], kind))
        text += "\n"
    return Document("b1", lang, text, tuple(paras), title=title, date="2023-02-14", segments=tuple(segments))


ZH = [["第一段第一句。", "第一段第二句。"], ["第二段第一句。", "第二段第二句。"]]
EN = [["First one.", "First two."], ["Second one.", "Second two.", "Added."]]
# Segment ids: 0 is the title line; a bead spanning both paragraphs (zh 2 and 3) goes with the first.
BEADS = (
    Bead((0,), (0,), 0.99),
    Bead((1,), (1,), 0.9),
    Bead((2, 3), (2, 3), 0.3),
    Bead((4,), (4,), 0.9),
    Bead((), (5,), 0.1),
)
ALIGNMENT = Alignment(document("zh", ZH, "标题"), document("en", EN, "Title"), BEADS)
FORBIDDEN = Finding("b1:z1:e1", "t", Verdict.FORBIDDEN, en_span=(0, 5), found="First", message="forbidden!")
ITEM = Checked(ALIGNMENT, (FORBIDDEN,))


def test_blocks_follow_chinese_paragraphs_and_leave_out_the_title_line() -> None:
    view = bulletin(ITEM)
    assert [[str(p.zh) for p in block] for block in view.blocks] == [
        ["第一段第一句。", "第一段第二句。第二段第一句。"],  # spans two paragraphs: goes with the first
        ["第二段第二句。", ""],  # the English-only bead stays with the block before it
    ]
    assert view.paragraphs("en") == ["First one. First two. Second one.", "Second two. Added."]


def render(tmp_path: Path, config: SiteConfig | None = None, items: list[Checked] | None = None) -> Path:
    out = tmp_path / "site"
    write_public(items or [ITEM], CONTEXT, config or SiteConfig(base_url="https://x.example/"), out)
    return out


def test_pages_language_toggle_and_alternates(tmp_path: Path) -> None:
    out = render(tmp_path)
    names = sorted(p.name for p in out.glob("*.html"))
    assert names == ["b1.en.html", "b1.html", "b1.zh.html", "index.html"]
    for name, lang in (("b1.html", "en"), ("b1.zh.html", "zh-Hans"), ("b1.en.html", "en")):
        root = lxml.html.fromstring((out / name).read_bytes())
        assert root.get("lang") == lang
        alternates = dict(zip(root.xpath("//link[@rel='alternate']/@hreflang"),
                              root.xpath("//link[@rel='alternate']/@href"), strict=True))  # fmt: skip
        assert alternates == {
            "x-default": "https://x.example/b1.html",
            "zh-Hans": "https://x.example/b1.zh.html",
            "en": "https://x.example/b1.en.html",
        }
        toggle = root.xpath("//nav[@class='toggle']//li/a/@href")
        assert toggle == ["b1.html", "b1.zh.html", "b1.en.html"]
        assert root.xpath("//a[@aria-current='page']/@href") == [name]
        assert len(root.xpath("//h1")) == 1 and len(root.xpath("//main//time")) == 1  # title and date once
        assert root.xpath("//aside[@class='downloads']//a/@href") == [
            "downloads/b1.tmx", "downloads/b1.xlf", "downloads/b1.po"]  # fmt: skip
        for block in root.xpath("//article//p | //article//h1/span"):
            assert block.xpath("ancestor-or-self::*[@lang][1]/@lang")[0] in ("zh-Hans", "en")
    bilingual = lxml.html.fromstring((out / "b1.html").read_bytes())
    assert len(bilingual.xpath("//section[@class='block']")) == 2
    assert bilingual.xpath("//table") == []  # side by side without a table
    zh_page = lxml.html.fromstring((out / "b1.zh.html").read_bytes())
    assert [p.text_content() for p in zh_page.xpath("//article/p[not(@class)]")] == [
        "第一段第一句。第一段第二句。第二段第一句。",
        "第二段第二句。",
    ]
    for name in ("b1.tmx", "b1.xlf", "b1.po"):
        assert (out / "downloads" / name).stat().st_size > 0


def test_no_qa_vocabulary_and_no_highlight_by_default(tmp_path: Path) -> None:
    out = render(tmp_path)
    for path in out.glob("*.html"):
        text = path.read_text()
        assert not QA_WORDS.search(text), (path, QA_WORDS.findall(text))
        assert "review" not in text.lower()
        assert 'class="term' not in text and "<mark" not in text


def test_approved_terms_underlined_only_when_asked(tmp_path: Path) -> None:
    approved = Finding("b1:z1:e1", "t", Verdict.OK, zh_span=(0, 3), en_span=(0, 5), expected=("First",))
    item = Checked(ALIGNMENT, (approved, FORBIDDEN))
    out = render(tmp_path, SiteConfig(highlight_terms=True), [item])
    root = lxml.html.fromstring((out / "b1.html").read_bytes())
    assert [(t.text_content(), t.get("title")) for t in root.xpath("//span[@class='term']")] == [
        ("第一段", "First"),
        ("First", "First"),
    ]
    assert not QA_WORDS.search((out / "b1.html").read_text())  # the forbidden finding stays out


def test_atom_feed_and_sitemap_have_absolute_urls(tmp_path: Path) -> None:
    out = render(tmp_path)
    atom = "{http://www.w3.org/2005/Atom}"
    feed = lxml.etree.parse(str(out / "feed.xml"))
    assert feed.findtext(f"{atom}updated") == "2023-03-01T00:00:00Z"
    assert [e.findtext(f"{atom}id") for e in feed.iter(f"{atom}entry")] == ["https://x.example/b1.html"]
    sitemap = lxml.etree.parse(str(out / "sitemap.xml"))
    locs = [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs == ["https://x.example/index.html", "https://x.example/b1.html",
                    "https://x.example/b1.zh.html", "https://x.example/b1.en.html"]  # fmt: skip


def test_feed_holds_the_latest_fifty_newest_first(tmp_path: Path) -> None:
    items = []
    for n in range(55):
        zh = document("zh", [["句子。"]], f"标题{n}")
        en = document("en", [["Sentence."]], f"Title {n}")
        date = f"2023-{1 + n // 28:02d}-{1 + n % 28:02d}"
        zh = Document(f"d{n:02d}", "zh", zh.text, zh.paragraphs, zh.title, date, segments=zh.segments)
        en = Document(f"d{n:02d}", "en", en.text, en.paragraphs, en.title, date, segments=en.segments)
        items.append(Checked(Alignment(zh, en, (Bead((1,), (1,)),))))
    out = render(tmp_path, items=items)
    atom = "{http://www.w3.org/2005/Atom}"
    ids = [e.findtext(f"{atom}id") for e in lxml.etree.parse(str(out / "feed.xml")).iter(f"{atom}entry")]
    assert (
        len(ids) == 50 and ids[0] == "https://x.example/d54.html" and ids[-1] == "https://x.example/d05.html"
    )
    index = lxml.html.fromstring((out / "index.html").read_bytes())
    assert index.xpath("//ol[@class='cards']/li[1]//h2/a/@href") == ["d54.html"]  # newest first


def test_without_base_url_no_feed_no_sitemap_and_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        out = render(tmp_path, SiteConfig())
    assert not (out / "feed.xml").exists() and not (out / "sitemap.xml").exists()
    assert "base_url" in caplog.text


HOSTILE = "<script>alert('x')</script> & \"q\" \x04"


def test_hostile_titles_and_organisation_are_escaped(tmp_path: Path) -> None:
    zh = document("zh", ZH, HOSTILE)
    en = document("en", EN, HOSTILE)
    item = Checked(Alignment(zh, en, BEADS))
    config = SiteConfig(title=HOSTILE, organisation=HOSTILE, footer=HOSTILE, base_url="https://x.example/")
    out = render(tmp_path, config, [item])
    for path in [*out.glob("*.html"), out / "feed.xml", out / "sitemap.xml"]:
        data = path.read_text()
        assert "<script>" not in data and "\x04" not in data, path
    root = lxml.html.fromstring((out / "index.html").read_bytes())
    assert root.xpath("//script") == []
    assert root.xpath("//p[@class='site-title']/a")[0].text_content() == HOSTILE.replace("\x04", "\u2404")
    lxml.etree.parse(str(out / "feed.xml"))  # still well-formed XML


def test_an_override_folder_replaces_a_template_by_name(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "downloads.html").write_text('<p class="custom">Files for {{ doc.id }}</p>\n')
    out = render(tmp_path, SiteConfig(templates=folder))
    page = (out / "b1.html").read_text()
    assert '<p class="custom">Files for b1</p>' in page and "downloads/b1.tmx" not in page
    assert "Bulletins in Chinese and English" in (out / "index.html").read_text()  # defaults for the rest


@pytest.mark.parametrize(
    ("source", "line", "message"),
    [
        ("<p>\n{% if doc.id %}\n<p>never closed</p>\n", 3, "syntax"),
        ("<p>\n\n{{ no_such_variable }}</p>\n", 3, "no_such_variable"),
    ],
)
def test_a_broken_template_names_file_and_line_and_writes_nothing(
    tmp_path: Path, source: str, line: int, message: str
) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "downloads.html").write_text(source)
    out = tmp_path / "out"
    with pytest.raises(TemplateError) as caught:
        write_publish([ITEM], out, context=CONTEXT, site=SiteConfig(templates=folder))
    assert caught.value.path == str(folder / "downloads.html")
    assert caught.value.line == line and message in caught.value.message
    assert not out.exists()


def test_logo_inside_the_corpus_is_copied_outside_is_refused(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path / "corpus")
    (corpus / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>\n')
    toml = corpus / "bilingual.toml"
    original = toml.read_text()
    toml.write_text(original + 'logo = "logo.svg"\nfooter = "Contact: office@example.org"\n')
    out = tmp_path / "out"
    publish_sample(corpus, out, builds=("site",))
    assert (out / "site" / "logo.svg").read_bytes() == (corpus / "logo.svg").read_bytes()
    assert '<img class="logo" src="logo.svg"' in (out / "site" / "index.html").read_text()
    (tmp_path / "outside.svg").write_text("<svg/>")
    toml.write_text(original + 'logo = "../outside.svg"\n')
    with pytest.raises(InputError, match="outside the corpus"):
        publish_sample(corpus, tmp_path / "other")
    assert not (tmp_path / "other").exists()


def test_public_build_of_the_sample_has_no_qa_vocabulary(published: Path) -> None:
    pages = sorted((published / "site").glob("*.html"))
    assert len(pages) == 1 + 3 * 7
    for path in pages:
        root = lxml.html.fromstring(path.read_bytes())
        text = root.text_content() + " ".join(str(v) for v in root.xpath("//@*"))
        assert not QA_WORDS.search(text), (path.name, QA_WORDS.findall(text))
        assert not root.xpath("//meta[@name='robots' or @name='generator']")
    seed = (published / "site" / f"{SEED}.html").read_text()
    assert "<mark" not in seed and "#review" not in seed


def test_review_build_is_noindex_with_findings(published: Path) -> None:
    pages = sorted((published / "review").glob("*.html"))
    assert len(pages) == 1 + 7
    for path in pages:
        root = lxml.html.fromstring(path.read_bytes())
        assert root.xpath("//meta[@name='robots']/@content") == ["noindex"], path.name
    seed = lxml.html.fromstring((published / "review" / f"{SEED}.html").read_bytes())
    assert seed.xpath("//mark[contains(@class, 'forbidden')]")
    whole = {p.name for p in (published / "site" / "downloads").iterdir()}
    assert {"bulletins.tmx", "bulletins.xlf"} <= whole


def test_pinned_beads_are_verified_in_the_review_build(tmp_path: Path) -> None:
    pinned = Alignment(ALIGNMENT.zh, ALIGNMENT.en, (Bead((0,), (0,)), Bead((1,), (1,), 1.0, pinned=True)))
    write_publish([Checked(pinned)], tmp_path / "out", context=CONTEXT)
    root = lxml.html.fromstring((tmp_path / "out" / "review" / "b1.html").read_bytes())
    assert root.xpath("//tr[contains(@class, 'verified')]/@id") == ["b1:z1:e1"]


def test_cli_review_only_keeps_the_public_build(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    args = ["publish", str(corpus), "-o", str(out), "--glossary", str(GLOSSARY), "--similarity", "lexical"]
    first = CliRunner().invoke(main, [*args, "--review-only"])
    assert first.exit_code == 0, first.output
    assert "review: " in first.output and "site: " not in first.output
    assert (out / "review" / "index.html").is_file() and not (out / "site").exists()
    both = CliRunner().invoke(main, args)
    assert both.exit_code == 0 and (out / "site" / "index.html").is_file()
    (out / "site" / "index.html").write_text("kept")
    again = CliRunner().invoke(main, [*args, "--review-only"])
    assert again.exit_code == 0 and (out / "site" / "index.html").read_text() == "kept"


def test_one_build_only_keeps_the_other_and_reruns_are_identical(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    publish_sample(corpus, out)
    first = tree(out)
    publish_sample(corpus, tmp_path / "again")
    assert tree(tmp_path / "again") == first  # deterministic
    (out / "site" / "index.html").write_text("changed by hand")
    (out / "review" / "index.html").write_text("changed by hand")
    publish_sample(corpus, out, builds=("site",))
    assert (out / "review" / "index.html").read_text() == "changed by hand"  # kept as it was
    assert (out / "site" / "index.html").read_bytes() == first["site/index.html"]
    assert {k for k in tree(out) if k.startswith("review/")} == {k for k in first if k.startswith("review/")}
    publish_sample(corpus, out, builds=("review",))
    assert (out / "review" / "index.html").read_bytes() != b"changed by hand"
    assert {k for k in tree(out) if k.startswith("site/")} == {k for k in first if k.startswith("site/")}
    publish_sample(corpus, out)  # a full publish again owns both builds: nothing stale, nothing lost
    assert set(tree(out)) == set(first)
