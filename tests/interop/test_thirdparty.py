"""Real Chinese-English files from other tools (SOURCES.md, "Third-party ..."): read right or refused.

Every expected number was counted apart from our readers, and
``test_the_table_matches_an_independent_count`` counts again at test time the
same way: ``msgfmt --statistics`` for PO (its translated messages are the
pairs), an XPath count of the units with text on both sides for XLIFF 1.2
(``trans-unit``), XLIFF 2 (``unit``) and TMX (``tu``), and of the TBX entries
with a non-empty Chinese and English ``<term>``. A reader that disagrees
misreads the file; the table is never copied from what a reader says.
"""

from __future__ import annotations

import logging
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from lxml import etree

from bilingual.cli import main
from bilingual.errors import BilingualError
from bilingual.formats import read_pairs
from bilingual.glossary import load
from tests.conftest import refusal, require_tool

FILES = Path(__file__).parent / "files" / "thirdparty"
HAN = re.compile(r"[\u3400-\u9fff]")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Read:
    """A file read as pairs: its units, those with both sides, the first of those, and the languages."""

    units: int
    pairs: int
    first: tuple[str, str]
    zh: str  # the file's Chinese tag (a traditional one is named in a warning)
    en: str
    traditional: bool = False


@dataclass(frozen=True)
class Terms:
    """A glossary loaded: entries kept, entries skipped (no zh or no en term), the first kept."""

    loaded: int
    skipped: int
    first: tuple[str, str]


PAIRS: dict[str, Read | str] = {
    # PO: Django 5.2.19 (BSD-3-Clause) and Sphinx (BSD-2-Clause) catalogs, English msgids.
    "po/django/auth-zh_Hans-django.po": Read(89, 89, ("个人信息", "Personal info"), "zh_CN", "en"),
    "po/django/admin-zh_Hans-djangojs.po": Read(79, 79, ("可用 %s", "Available %s"), "zh_CN", "en"),
    "po/django/humanize-zh_Hant-django.po": Read(
        56, 56, ("人性化", "Humanize"), "zh_TW", "en", traditional=True
    ),
    "po/sphinx/zh_CN-sphinx.po": Read(
        40, 40, ("通用漏洞及暴露；CVE %s", "Common Vulnerabilities and Exposures; CVE %s"), "zh_CN", "en"
    ),
    "po/sphinx/zh_TW-sphinx.po": Read(
        60,
        44,
        ("Python Enhancement Proposals; PEP %s", "Python Enhancement Proposals; PEP %s"),
        "zh_TW",
        "en",
        traditional=True,
    ),
    # Untranslated: 12 one-sided units, no pair (check refuses it; see test_check_counts_the_pairs).
    "po/sphinx/zh_HK-sphinx.po": Read(12, 0, ("", ""), "zh_HK", "en", traditional=True),
    # XLIFF 1.2 written by Angular's extractor and translated by hand (MIT projects).
    "xliff12/puppilot-frontend/messages.zh-CN.xlf": Read(35, 35, ("收藏", "Collections"), "zh-Hans", "en-US"),
    "xliff12/rclone-webui-angular/messages.zh-CN.xlf": Read(201, 201, ("目录", "Menu"), "zh-CN", "en-US"),
    # source-language="zh" over English sources, no target-language: which side is which is unknowable.
    "xliff12/ng-nest/messages.zh.xlf": "no target language",
    # source-language="en-US" over Chinese sources and no target at all: nothing to pair.
    "xliff12/osm-v2/messages.zh-Hans.xlf": "languages en-US",
    # XLIFF 2.0 written by Angular (MIT project).
    "xliff2/simplegarden/messages.zh-CN.xlf": Read(89, 89, ("简易花园", "SimpleGarden"), "zh-CN", "en-US"),
    "xliff2/simplegarden/messages.zh-TW.xlf": Read(
        89, 89, ("簡易花園", "SimpleGarden"), "zh-TW", "en-US", traditional=True
    ),
    # TMX 1.4 of the TICO-19 translation memories (CC0), 35 of 3,071 units kept.
    "tmx/tico-19/all.en-zh.tmx": Read(
        35,
        35,
        ("这些症状已持续多长时间？", "about how long have these symptoms been going on?"),
        "zh",
        "en",
    ),
    "tmx/tico-19/all.zh-fr.tmx": "languages fr, zh",
    # Glossaries given where pairs are expected.
    "tbx/slicer/zh_Hans.tbx": "is a glossary (TBX 2008), not a file of pairs",
    "tbx/slicer/zh_Hant.tbx": "is a glossary (TBX 2008), not a file of pairs",
}

GLOSSARIES: dict[str, Terms | str] = {
    # Weblate exports (martif, translate-toolkit's writer): untranslated entries hold an empty <term/>.
    "tbx/slicer/zh_Hans.tbx": Terms(17, 136, ("可见/隐藏", "Toggle visibility")),
    "tbx/slicer/zh_Hant.tbx": Terms(9, 139, ("體積", "volume")),
    # TICO-19 terminologies (CC0): a column per language and direction, not our header.
    "csv/tico-19/g_zh-CN_en.csv": "missing column 'id'",
    "csv/tico-19/f_en-zh_CN.csv": "missing column 'zh'",
}


def test_every_file_is_in_a_table() -> None:
    files = {str(p.relative_to(FILES)) for p in FILES.rglob("*") if p.is_file() and p.name != "NOTICES.md"}
    assert files == set(PAIRS) | set(GLOSSARIES)


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_pairs_read_or_refused(name: str, caplog: pytest.LogCaptureFixture) -> None:
    path = FILES / name
    expected = PAIRS[name]
    if isinstance(expected, str):
        assert expected in refusal(path).message
        return
    with caplog.at_level(logging.INFO):
        pairs = read_pairs(path)
    both = [p for p in pairs if p.zh and p.en]
    assert (len(pairs), len(both)) == (expected.units, expected.pairs)
    if both:
        assert (both[0].zh, both[0].en) == expected.first
    # The sides are the files' languages, not positions: no English side holds Chinese, and
    # (names, codes and placeholders aside) the Chinese sides do.
    assert not [p.en for p in both if HAN.search(p.en)]
    assert sum(1 for p in both if HAN.search(p.zh)) >= 0.9 * len(both)
    named = f"Chinese is {expected.zh} (traditional script)" in caplog.text
    assert named == expected.traditional


@pytest.mark.parametrize("name", sorted(n for n, e in PAIRS.items() if isinstance(e, Read)))
def test_check_counts_the_pairs(name: str, tmp_path: Path) -> None:
    expected = PAIRS[name]
    assert isinstance(expected, Read)
    glossary = tmp_path / "g.csv"
    glossary.write_text("id,zh,en\nrbs,红船精神,Red Boat Spirit\n", encoding="utf-8")
    path = FILES / name
    result = CliRunner().invoke(main, ["check", str(path), "-g", str(glossary), "--format", "json"])
    if not expected.pairs:  # zero pairs is never success
        assert result.exit_code == 2
        assert f"{path}: holds no zh-en pair ({expected.units} unit(s)" in result.stderr
        return
    assert result.exit_code in (0, 1), result.stderr  # 1: findings (these catalogs have some)
    one_sided = expected.units - expected.pairs
    sided = f", {one_sided} one-sided" if one_sided else ""
    assert f"{expected.pairs} pair(s) checked{sided}:" in result.stderr


@pytest.mark.parametrize("name", sorted(GLOSSARIES))
def test_glossaries_loaded_or_refused(name: str, caplog: pytest.LogCaptureFixture) -> None:
    path = FILES / name
    expected = GLOSSARIES[name]
    if isinstance(expected, str):
        for source_lang in (None, "zh"):
            with pytest.raises(BilingualError) as info:
                load(path, source_lang=source_lang)
            assert expected in info.value.message and info.value.path == str(path)
        return
    with caplog.at_level(logging.WARNING):
        terms = load(path).terms
    assert len(terms) == expected.loaded
    assert (terms[0].zh[0], terms[0].en[0]) == expected.first
    assert f"{expected.skipped} entries without a Chinese or an approved English term skipped" in caplog.text
    with pytest.raises(BilingualError, match=rf"\({expected.skipped} such entries\); refused \(strict\)"):
        load(path, strict=True)


# The independent count: gettext's and plain XPath's, never our readers'.


def _xp(node: Any, expr: str, ns: dict[str, str] | None = None) -> list[Any]:
    """The nodes an XPath selects (typed: lxml's result type is a union)."""
    found = node.xpath(expr, namespaces=ns or {})
    assert isinstance(found, list)
    return found


def _text(nodes: list[Any]) -> str:
    return "".join(str(n.xpath("string(.)")) for n in nodes).strip()


def _tree(path: Path) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)
    return etree.parse(str(path), parser).getroot()


def _count_po(path: Path) -> tuple[int, int]:
    """(messages, translated messages) as ``msgfmt --statistics`` reports them."""
    msgfmt = require_tool("msgfmt", "gettext counts PO translations apart from our reader")
    done = subprocess.run(
        [msgfmt, "--statistics", "-o", "/dev/null", str(path)], capture_output=True, text=True, check=True
    )
    counts = {kind: int(n) for n, kind in re.findall(r"(\d+) (translated|untranslated|fuzzy)", done.stderr)}
    return sum(counts.values()), counts.get("translated", 0)


def _count_xml(path: Path) -> tuple[int, int]:
    """(units, units with text on both sides) by XPath: trans-unit, unit or tu."""
    root = _tree(path)
    ns = {"x": root.nsmap.get(None) or ""}
    if path.suffix == ".tmx":
        units = _xp(root, "//tu")
        langs = {v.get(XML_LANG) for v in _xp(root, "//tuv")}
        both = [u for u in units if all(_text(_xp(u, f"tuv[@xml:lang='{lang}']/seg")) for lang in langs)]
        return len(units), len(both)
    if root.get("version", "").startswith("2"):
        units = _xp(root, "//x:unit", ns)
        source, target = ".//x:segment/x:source", ".//x:segment/x:target"
    else:
        units = _xp(root, "//x:trans-unit", ns)
        source, target = "x:source", "x:target"
    both = [u for u in units if _text(_xp(u, source, ns)) and _text(_xp(u, target, ns))]
    return len(units), len(both)


def _languages(path: Path) -> tuple[str, str | None]:
    """The Chinese and English tags the file declares (a PO's msgids are English by convention)."""
    if path.suffix == ".po":
        return re.findall(r"Language: ([^\\\n]+)", path.read_text(encoding="utf-8"))[0], None
    root = _tree(path)
    ns = {"x": root.nsmap.get(None) or ""}
    if path.suffix == ".tmx":
        tags = {v.get(XML_LANG) for v in _xp(root, "//tuv")}
    elif root.get("version", "").startswith("2"):
        tags = {root.get("srcLang"), root.get("trgLang")}
    else:
        file = _xp(root, "//x:file", ns)[0]
        tags = {file.get("source-language"), file.get("target-language")}
    (zh,) = [t for t in tags if t and t.startswith("zh")]
    (en,) = [t for t in tags if t and t.startswith("en")]
    return zh, en


def _count_tbx(path: Path) -> tuple[int, int]:
    """(entries with a non-empty zh and en term, the other entries) by XPath."""
    entries = _xp(_tree(path), "//termEntry")

    def has(entry: etree._Element, prefix: str) -> bool:
        return any(
            _text(_xp(s, ".//term")) for s in _xp(entry, "langSet") if s.get(XML_LANG, "").startswith(prefix)
        )

    kept = sum(1 for e in entries if has(e, "zh") and has(e, "en"))
    return kept, len(entries) - kept


@pytest.mark.parametrize(
    "name",
    sorted(
        [n for n, e in PAIRS.items() if isinstance(e, Read)]
        + [n for n, e in GLOSSARIES.items() if isinstance(e, Terms)]
    ),
)
def test_the_table_matches_an_independent_count(name: str) -> None:
    path = FILES / name
    if name in GLOSSARIES:
        expected = GLOSSARIES[name]
        assert isinstance(expected, Terms)
        assert _count_tbx(path) == (expected.loaded, expected.skipped)
        return
    read = PAIRS[name]
    assert isinstance(read, Read)
    counted = _count_po(path) if path.suffix == ".po" else _count_xml(path)
    assert counted == (read.units, read.pairs)
    zh, en = _languages(path)
    assert zh == read.zh and en in (None, read.en)
