"""Document ids as XML NMTOKENs: Chinese names unchanged, the rest escaped reversibly."""

from __future__ import annotations

import io

import pytest
from lxml import etree

from bilingual.names import from_nmtoken, is_nmtoken, nmtoken


@pytest.mark.parametrize(
    ("doc_id", "token"),
    [
        ("2023-02-14-grassroots-safety", "2023-02-14-grassroots-safety"),
        ("通知", "通知"),
        ("关于（一）项目的公告", "关于（一）项目的公告"),
        ("a:b.c_d-e·f", "a:b.c_d-e·f"),
        ("a b", "a_x0020_b"),
        ("Q&A!", "Q_x0026_A_x0021_"),
        ("(1)", "_x0028_1_x0029_"),
        ("_x0041_", "_x005F_x0041_"),
        ("a_x0041", "a_x005F_x0041"),
        ("x_", "x_"),
        ("", "_x_"),
        ("\U000f0001", "_xF0001_"),
        ("𠀀字", "𠀀字"),  # Extension B is a name character
    ],
)
def test_nmtoken_round_trip(doc_id: str, token: str) -> None:
    assert nmtoken(doc_id) == token
    assert is_nmtoken(token)
    assert from_nmtoken(token) == doc_id


@pytest.mark.parametrize(
    "doc_id",
    ["a b_x0020_", "_x_", "__xx__", "_x005F_", "a\u3000b", "&amp;", "\U0010ffff", "_x110000_", "é\u0301"],
)
def test_escape_is_one_to_one(doc_id: str) -> None:
    assert from_nmtoken(nmtoken(doc_id)) == doc_id


def test_nmtoken_is_accepted_by_an_xml_parser() -> None:
    # An independent check: lxml's DTD validation of an NMTOKEN attribute.
    dtd = etree.DTD(io.StringIO("<!ELEMENT d EMPTY><!ATTLIST d id NMTOKEN #REQUIRED>"))
    for doc_id in ["通知", "a b&c!", "(1)", "", "\U000f0001", "_x0041_"]:
        element = etree.fromstring(f'<d id="{nmtoken(doc_id)}"/>')
        assert dtd.validate(element), doc_id


def test_not_nmtokens() -> None:
    assert not is_nmtoken("") and not is_nmtoken("a b") and not is_nmtoken("a&b")
