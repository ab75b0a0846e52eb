"""Term-markup runs and XML safety, shared by every exporter."""

from __future__ import annotations

import pytest
from lxml import etree

from bilingual.formats.markup import (
    Run,
    add_text,
    control_findings,
    marker_ids,
    pair_runs,
    placeholder,
    runs,
    split_unsafe,
    xml_safe,
)
from bilingual.formats.registry import ExportContext
from bilingual.model import AlignedPair, Bead, Finding, Verdict

Span = tuple[int, int] | None


def finding(verdict: Verdict, zh: Span = None, en: Span = None) -> Finding:
    return Finding(segment="d:z0:e0", term="t1", verdict=verdict, zh_span=zh, en_span=en)


OK_ZH = finding(Verdict.OK, zh=(2, 4), en=(4, 7))
WIDE = finding(Verdict.OK, zh=(0, 4))
CASE = finding(Verdict.CASE, en=(4, 7))
OUTSIDE = finding(Verdict.OK, zh=(3, 99))
EMPTY = finding(Verdict.OK, zh=(1, 1))
CTRL = finding(Verdict.CONTROL_CHAR, zh=(0, 1))


@pytest.mark.parametrize(
    ("text", "findings", "side", "expected"),
    [
        ("弘扬红船精神", [], "zh", [("弘扬红船精神", None)]),
        ("", [OK_ZH], "zh", []),
        ("弘扬红船精神", [OK_ZH], "zh", [("弘扬", None), ("红船", OK_ZH), ("精神", None)]),
        ("弘扬红船", [OK_ZH], "zh", [("弘扬", None), ("红船", OK_ZH)]),
        # overlapping: the leftmost mark wins, the later one is left unmarked
        ("弘扬红船精神", [OK_ZH, WIDE], "zh", [("弘扬红船", WIDE), ("精神", None)]),
        # same span on en: the problem wins over ok
        ("the Red Boat", [OK_ZH, CASE], "en", [("the ", None), ("Red", CASE), (" Boat", None)]),
        # spans outside the text, empty spans and control-char findings are not markup
        ("弘扬红船精神", [OUTSIDE, EMPTY, CTRL], "zh", [("弘扬红船精神", None)]),
        # the zh span of a finding does not mark the en side
        ("abcdefgh", [WIDE], "en", [("abcdefgh", None)]),
    ],
)
def test_runs(text: str, findings: list[Finding], side: str, expected: list[Run]) -> None:
    result = runs(text, findings, side)
    assert result == expected
    assert "".join(t for t, _ in result) == text
    assert all(t for t, _ in result)


def test_pair_runs_links_both_sides() -> None:
    pair = AlignedPair("d:z0:e0", "弘扬红船精神", "the Red Boat Spirit", Bead((0,), (0,)))
    zh, en = pair_runs(pair, [OK_ZH])
    assert [f for _, f in zh if f] == [OK_ZH] == [f for _, f in en if f]
    assert marker_ids([OK_ZH, CASE, OK_ZH]) == {OK_ZH: "m1", CASE: "m2"}


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("plain 𠀀 &<>\"'", "plain 𠀀 &<>\"'"),
        ("a\x04b", "a\u2404b"),
        ("\x00\x0b\x0c\x1f", "\u2400\u240b\u240c\u241f"),
        ("tab\tlf\ncr\r", "tab\tlf\ncr\r"),
        ("x\ufffey\uffff", "x\ufffdy\ufffd"),
        ("lone\ud800", "lone\ufffd"),
        ("\x7f\x85", "\x7f\x85"),  # DEL and C1 controls are legal XML 1.0
    ],
)
def test_xml_safe(text: str, safe: str) -> None:
    assert xml_safe(text) == safe
    assert len(safe) == len(text)
    element = etree.Element("x")
    element.text = safe  # lxml refuses anything XML cannot hold
    assert "".join(chunk for chunk, _ in split_unsafe(text)) == text


def test_split_unsafe() -> None:
    assert split_unsafe("a\x04\x0bb") == [("a", False), ("\x04", True), ("\x0b", True), ("b", False)]
    assert split_unsafe("") == []
    assert placeholder("\x0b") == "␋"


@pytest.mark.parametrize("encoded", [False, True])
def test_control_findings(encoded: bool) -> None:
    pair = AlignedPair("d:z0:e0", "甲\x04乙", "a\x0bb\x04", Bead((0,), (0,)), doc_id="d")
    found = control_findings(pair, encoded=encoded)
    assert [(f.zh_span, f.en_span, f.found) for f in found] == [
        ((1, 2), None, "\x04"),
        (None, (1, 2), "\x0b"),
        (None, (3, 4), "\x04"),
    ]
    assert all(f.verdict is Verdict.CONTROL_CHAR and f.segment == "d:z0:e0" for f in found)
    assert ("<cp hex=" in found[0].message) is encoded
    assert "U+0004" in found[0].message
    context = ExportContext(signature="sig")
    context.report(found)
    context.report(control_findings(pair, encoded=encoded))  # a second format: no duplicates
    assert list(context.problems) == found
    assert control_findings(AlignedPair("x", "甲", "a", Bead((0,), (0,)))) == []


def test_add_text_mixed_content() -> None:
    element = etree.Element("seg")
    add_text(element, "a")
    etree.SubElement(element, "hi").text = "b"
    add_text(element, "c")
    add_text(element, "")
    add_text(element, "d")
    assert etree.tostring(element) == b"<seg>a<hi>b</hi>cd</seg>"
