"""The aligner's public API on small bulletins: bead shapes, pins, bad input."""

from __future__ import annotations

import logging

import pytest

from bilingual.align import AlignConfig, align, align_documents
from bilingual.errors import AlignmentError
from bilingual.model import Bead, Document, Kind, Paragraph, Segment

LEX = AlignConfig(similarity="lexical")

ZH = [
    "嘉兴市召开基层治理工作会议。",
    "会议由市委书记黄建发主持。",
    "2022年全市新建乡村文化礼堂120个，平湖市完成率最高。",
    "学校和医院的建设也取得了新进展。",
    "下一步，嘉兴将继续推进数字化改革。",
]
EN = [
    "Jiaxing held a meeting on grassroots governance.",
    "The meeting was chaired by Huang Jianfa, secretary of the municipal party committee.",
    "In 2022 the city built 120 new rural cultural auditoriums.",
    "Pinghu had the highest completion rate.",
    "The construction of schools and hospitals also made new progress.",
    "Next, Jiaxing will continue to advance digital reform.",
]
GOLD = [((0,), (0,)), ((1,), (1,)), ((2,), (2, 3)), ((3,), (4,)), ((4,), (5,))]


def shape(beads: list[Bead]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.zh, b.en) for b in beads]


def test_lexical_alignment_of_a_bulletin() -> None:
    beads = align(ZH, EN, LEX)
    assert shape(beads) == GOLD
    assert all(0.0 <= b.score <= 1.0 for b in beads)


@pytest.mark.parametrize(
    ("zh_par", "en_par", "cut"),
    [
        ([0, 0, 1, 1, 1], [0, 0, 0, 1, 1, 1], (2, 3)),  # the cut disagrees with the gold beads
        ([0, 0, 0, 1, 1], [0, 0, 0, 0, 0, 1], (3, 5)),
    ],
)
def test_beads_stay_inside_corresponding_paragraphs(
    zh_par: list[int], en_par: list[int], cut: tuple[int, int]
) -> None:
    beads = align(ZH, EN, LEX, paragraphs=(zh_par, en_par))
    for bead in beads:
        assert all(i < cut[0] for i in bead.zh) or all(i >= cut[0] for i in bead.zh)
        assert all(j < cut[1] for j in bead.en) or all(j >= cut[1] for j in bead.en)
        assert (not bead.zh or not bead.en) or ((bead.zh[0] < cut[0]) == (bead.en[0] < cut[1]))
    assert [i for b in beads for i in b.zh] == list(range(len(ZH)))


def test_paragraph_counts_that_differ_are_ignored() -> None:
    beads = align(ZH, EN, LEX, paragraphs=([0, 0, 1, 1, 2], [0, 0, 0, 1, 1, 1]))
    assert shape(beads) == GOLD


def test_paragraph_ids_must_match_the_sentences() -> None:
    with pytest.raises(AlignmentError, match="paragraph ids"):
        align(ZH, EN, LEX, paragraphs=([0], [0]))


def test_pins_are_kept_and_the_rest_aligned_around_them() -> None:
    pin = Bead((3,), (3, 4), 1.0, pinned=True)  # deliberately not the gold bead
    beads = align(ZH, EN, LEX, pins=[pin])
    assert pin in beads
    assert shape(beads)[:2] == GOLD[:2]
    zh_ids = [i for b in beads for i in b.zh]
    en_ids = [j for b in beads for j in b.en]
    assert zh_ids == list(range(len(ZH)))
    assert en_ids == list(range(len(EN)))


@pytest.mark.parametrize(
    "pin", [Bead((2,), (), 1.0, pinned=True), Bead((), (3,), 1.0, pinned=True)], ids=["1-0", "0-1"]
)
def test_one_sided_pins_stay_in_order(pin: Bead) -> None:
    beads = align(ZH, EN, LEX, pins=[pin])
    assert pin in beads
    assert [i for b in beads for i in b.zh] == list(range(len(ZH)))
    assert [j for b in beads for j in b.en] == list(range(len(EN)))


def test_pins_past_the_end_are_an_error() -> None:
    with pytest.raises(AlignmentError, match="past the end"):
        align(ZH, EN, LEX, pins=[Bead((9,), (0,), pinned=True)])


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        (["一。", "二。"], [], [((0,), ()), ((1,), ())]),
        ([], ["One.", "Two."], [((), (0,)), ((), (1,))]),
        ([], [], []),
    ],
)
def test_empty_side_gives_skip_beads_and_a_warning(
    zh: list[str],
    en: list[str],
    expected: list[tuple[tuple[int, ...], tuple[int, ...]]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING):
        beads = align(zh, en, LEX)
    assert shape(beads) == expected
    assert ("empty" in caplog.text) == bool(zh or en)


def test_one_side_20_times_longer_warns(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        beads = align(ZH[:1], EN * 4, LEX)
    assert "not a translation pair" in caplog.text
    assert sorted(j for b in beads for j in b.en) == list(range(len(EN) * 4))


@pytest.mark.parametrize(("field", "value"), [("similarity", "fuzzy"), ("max_bead", 0)])
def test_bad_config(field: str, value: object) -> None:
    with pytest.raises(AlignmentError):
        AlignConfig(**{field: value})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("config", "signature"),
    [
        (AlignConfig(similarity="lexical"), "align:lexical|max-bead:5"),
        (AlignConfig(similarity="semantic", max_bead=5), "align:semantic|max-bead:5"),
    ],
)
def test_signature(config: AlignConfig, signature: str) -> None:
    assert config.signature == signature


def document(lang: str, sentences: list[str]) -> Document:
    text, segments, start = "", [], 0
    for k, s in enumerate(sentences):
        segments.append(Segment(k, 0, start, start + len(s), s, Kind.BODY))
        text += s + "\n"
        start = len(text)
    return Document("bulletin", lang, text, (Paragraph(0, 0, len(text), text),), segments=tuple(segments))


def test_align_documents() -> None:
    alignment = align_documents(document("zh", ZH), document("en", EN), LEX)
    assert shape(list(alignment.beads)) == GOLD
    assert alignment.settings == "align:lexical|max-bead:5"
    assert [p.en for p in alignment.pairs()][2] == EN[2] + " " + EN[3]
    assert 0.0 < alignment.confidence <= 1.0
