"""The pins parser: syntax, consistency and bounds, each error naming its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.align import pins
from bilingual.errors import AlignmentError
from bilingual.model import Bead, Document, fingerprint


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[3,4]:[5]\n", [((3, 4), (5,))]),
        ("[0]:[0]:0.93\n", [((0,), (0,))]),
        ("# fixed by the editor\n\n[1]:[]\n[]:[2]\n", [((1,), ()), ((), (2,))]),
        ("[ 2 , 3 ]:[ 4 ]  # comment\n", [((2, 3), (4,))]),
    ],
)
def test_parse(text: str, expected: list[tuple[tuple[int, ...], tuple[int, ...]]]) -> None:
    parsed = pins.parse(text)
    assert [(b.zh, b.en) for b, _ in parsed] == expected
    assert all(b.pinned and b.score == 1.0 for b, _ in parsed)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("[0]:[0]\n[1:[1]\n", 2, "id list"),
        ("[0]:[0]\n\n[1]\n", 3, "expected a pin"),
        ("[1,3]:[1]\n", 1, "not consecutive"),
        ("[]:[]\n", 1, "at least one"),
        ("[a]:[1]\n", 1, "id list"),
    ],
)
def test_parse_errors_name_the_line(text: str, line: int, words: str) -> None:
    with pytest.raises(AlignmentError) as info:
        pins.parse(text, "p.pins")
    assert info.value.line == line
    assert words in str(info.value)
    assert str(info.value).startswith(f"p.pins:{line}: ")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("[0]:[0]\n[5]:[1]\n", 2, "past the end"),
        ("[0]:[9]\n", 1, "past the end"),
        ("[0,1]:[0]\n[1]:[1]\n", 2, "pinned twice"),
        ("[0]:[3]\n[2]:[1]\n", 2, "crosses"),
        ("[2]:[1]\n[0]:[3]\n", 2, "crosses"),
        ("[1]:[1]\n[]:[1]\n", 2, "pinned twice"),
    ],
)
def test_check_errors_name_the_line(text: str, line: int, words: str) -> None:
    with pytest.raises(AlignmentError) as info:
        pins.check(pins.parse(text, "p.pins"), 3, 4, "p.pins")
    assert info.value.line == line
    assert words in str(info.value)


def test_check_sorts() -> None:
    checked = pins.check(pins.parse("[2]:[2]\n[0]:[0]\n"), 3, 3)
    assert [b.zh for b in checked] == [(0,), (2,)]


def test_load_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "doc.pins"
    path.write_text("\ufeff[1]:[1,2]\n", encoding="utf-8")
    assert pins.load(path, 3, 3) == [Bead((1,), (1, 2), 1.0, pinned=True)]


def test_load_rejects_non_utf8(tmp_path: Path) -> None:
    path = tmp_path / "doc.pins"
    path.write_bytes(b"[1]:[1]\xff\n")
    with pytest.raises(AlignmentError, match="not UTF-8"):
        pins.load(path, 3, 3)


# --- v2: pins anchored to the text by fingerprints -------------------------------------------

ZH = ["甲。", "乙。", "丙。", "丁。", "戊。"]
EN = ["A.", "B.", "C.", "D.", "E."]


def fp(texts: list[str]) -> list[str]:
    return [fingerprint(t) for t in texts]


def v2(*pins_: pins.Pin) -> str:
    return pins.dumps(pins_)


def test_v2_round_trips_with_fingerprints_and_the_verified_flag() -> None:
    made = [
        pins.anchor(Bead((1, 2), (1,)), fp(ZH), fp(EN), verified=True),
        pins.anchor(Bead((3,), ()), fp(ZH), fp(EN)),
    ]
    text = v2(*made)
    assert text.splitlines()[0] == "# bilingual pins v2"
    assert (
        text.splitlines()[1]
        == f"[1,2]:[1] zh={fingerprint('乙。')},{fingerprint('丙。')} en={fingerprint('B.')} verified"
    )
    version, read = pins.read(text)
    assert version == 2
    assert [(p.zh, p.en, p.zh_fp, p.en_fp, p.verified) for p in read] == [
        (p.zh, p.en, p.zh_fp, p.en_fp, p.verified) for p in made
    ]


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("[1]:[1] zh=abc en=", "16-hex-digit"),
        ("[1]:[1] zh=0123456789abcdef", "needs zh="),
        ("[1]:[1] zh=0123456789abcdef en=0123456789abcdef colour=red", "unknown field"),
        ("[1]:[1] zh=0123456789abcdef,0123456789abcdef en=0123456789abcdef", "one 16-hex-digit"),
    ],
)
def test_v2_syntax_errors_name_the_line(line: str, words: str) -> None:
    with pytest.raises(AlignmentError, match=words) as info:
        pins.read(f"# bilingual pins v2\n{line}\n", "p.pins")
    assert info.value.line == 2


def test_a_newer_version_is_refused() -> None:
    with pytest.raises(AlignmentError, match="v3 is newer"):
        pins.read("# bilingual pins v3\n[1]:[1]\n", "p.pins")


def test_in_place_pins_apply_as_written() -> None:
    pin = pins.anchor(Bead((1,), (1, 2)), fp(ZH), fp(EN))
    applied, moved, stale = pins.hold([pin], fp(ZH), fp(EN))
    assert [(p.zh, p.en) for p in applied] == [((1,), (1, 2))] and not moved and not stale


def test_a_pin_is_refound_when_its_sentences_moved() -> None:
    pin = pins.anchor(Bead((1, 2), (1,)), fp(ZH), fp(EN), verified=True)
    zh = ["新。", *ZH]  # a sentence added at the top: everything moved down by one
    en = ["New.", "Newer.", *EN]
    applied, moved, stale = pins.hold([pin], fp(zh), fp(en))
    assert [(p.zh, p.en, p.verified) for p in applied] == [((2, 3), (3,), True)]
    assert moved == applied and not stale


def test_the_nearest_copy_wins_among_equals() -> None:
    pin = pins.anchor(Bead((3,), (3,)), fp(ZH), fp(EN))
    zh = ["丁。", "x。", "y。", "z。", "w。", "丁。"]  # 丁 at 0 and 5; the pin was at 3 -> 5 is nearer
    en = ["D.", "x.", "y.", "z.", "D."]  # D at 0 and 4 -> 4
    applied, _, _ = pins.hold([pin], fp(zh), fp(en))
    assert [(p.zh, p.en) for p in applied] == [((5,), (4,))]


def test_a_pin_whose_sentence_changed_is_stale_and_not_applied() -> None:
    pin = pins.anchor(Bead((1, 2), (1,)), fp(ZH), fp(EN))
    en = ["A.", "B, edited.", "C.", "D.", "E."]
    applied, moved, stale = pins.hold([pin], fp(ZH), fp(en))
    assert applied == [] and moved == []
    assert [(s.zh, why) for s, why in stale] == [((1, 2), "its en sentences changed or are gone")]


def test_a_pin_that_would_cross_another_once_refound_is_stale() -> None:
    first = pins.anchor(Bead((1,), (1,)), fp(ZH), fp(EN))
    second = pins.anchor(Bead((3,), (3,)), fp(ZH), fp(EN))
    en = ["A.", "D.", "C.", "B.", "E."]  # B and D swapped: re-found, the first pin would cross the second
    zh = ZH
    applied, _, stale = pins.hold([first, second], fp(zh), fp(en))
    assert len(applied) == 1 and len(stale) == 1
    assert "cross" in stale[0][1]


def test_a_pin_in_place_wins_over_a_moved_one() -> None:
    stays = pins.anchor(Bead((2,), (2,)), fp(ZH), fp(EN))
    moves = pins.anchor(Bead((0,), (0,)), fp(ZH), fp(EN))
    zh = ["乙。", "x。", "丙。", "甲。"]  # 甲 moved after 丙; 丙 still at 2
    en = ["B.", "x.", "C.", "A."]
    applied, _, stale = pins.hold([moves, stays], fp(zh), fp(en))
    assert [(p.zh, p.en) for p in applied] == [((2,), (2,)), ((3,), (3,))]
    assert not stale
    en = ["A.", "x.", "C.", "B."]  # now 甲 is at 3 in zh but A at 0 in en: crossing the pin in place
    applied, _, stale = pins.hold([moves, stays], fp(zh), fp(en))
    assert [(p.zh, p.en) for p in applied] == [((2,), (2,))]
    assert [pin.zh for pin, _ in stale] == [(0,)]


def _docs(tmp_path: Path, zh: list[str], en: list[str]) -> tuple[Document, Document]:
    from bilingual.corpus.inputs import lines_document

    (tmp_path / "zh.txt").write_text("\n".join(zh) + "\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("\n".join(en) + "\n", encoding="utf-8")
    return (
        lines_document(tmp_path / "zh.txt", "zh", "d", None),
        lines_document(tmp_path / "en.txt", "en", "d", None),
    )


def test_resolve_reads_v1_as_unanchored_pins(tmp_path: Path) -> None:
    zh, en = _docs(tmp_path, ZH, EN)
    path = tmp_path / "d.pins"
    path.write_text("[1]:[1,2]\n", encoding="utf-8")
    resolved = pins.resolve(path, zh, en)
    assert resolved.version == 1 and not resolved.stale
    assert resolved.beads == [Bead((1,), (1, 2), 1.0, pinned=True)]
    assert not resolved.applied[0].anchored


def test_resolve_and_save_keep_stale_pins_in_the_file(tmp_path: Path) -> None:
    zh, en = _docs(tmp_path, ZH, EN)
    path = tmp_path / "d.pins"
    good = pins.anchor(Bead((0,), (0,)), fp(ZH), fp(EN))
    gone = pins.Pin((4,), (4,), (fingerprint("戊。"),), ("0123456789abcdef",))
    pins.save(path, [good], kept=[gone])
    resolved = pins.resolve(path, zh, en)
    assert [p.zh for p in resolved.applied] == [(0,)]
    assert [s.pin.zh for s in resolved.stale] == [(4,)]
    message = str(resolved.stale[0])
    assert message.startswith(f"{path}:4: stale pin [4]:[4]") and message.endswith("not applied")


def test_the_pipeline_warns_about_v1_and_stale_pins(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from bilingual.pipeline import Settings, align_pair

    _docs(tmp_path, ZH, EN)
    path = tmp_path / "d.pins"
    path.write_text("[1]:[1]\n", encoding="utf-8")
    settings = Settings.resolve(
        [tmp_path / "zh.txt", tmp_path / "en.txt"],
        pins=path,
        segmented=True,
        similarity="lexical",
        use_glossary=False,
    )
    pair = settings.inputs.pairs[0]
    with caplog.at_level("WARNING"):
        alignment = align_pair(settings, pair)
    assert "format v1" in caplog.text
    assert Bead((1,), (1,), 1.0, pinned=True) in alignment.beads
    pins.save(path, [pins.Pin((1,), (1,), (fingerprint("乙。"),), ("0123456789abcdef",))])
    caplog.clear()
    with caplog.at_level("WARNING"):
        alignment = align_pair(settings, pair)
    assert "stale pin [1]:[1]" in caplog.text and str(path) in caplog.text
    assert not any(b.pinned for b in alignment.beads)  # never glued: the aligner decides again


def test_update_fingerprints_follows_a_translators_edit(tmp_path: Path) -> None:
    path = tmp_path / "d.pins"
    kept = pins.anchor(Bead((0,), (0,)), fp(ZH), fp(EN), verified=True)
    edited = pins.anchor(Bead((1, 2), (1, 2)), fp(ZH), fp(EN))
    pins.save(path, [kept, edited])
    new = fingerprint("B, better.")
    assert pins.update_fingerprints(path, "en", {2: (fingerprint("Z."), new)}) == 0  # not the old text
    assert pins.update_fingerprints(path, "en", {1: (fingerprint("B."), new)}) == 1
    zh, en = _docs(tmp_path, ZH, ["A.", "B, better.", "C.", "D.", "E."])
    resolved = pins.resolve(path, zh, en)
    assert [(p.zh, p.en, p.verified) for p in resolved.applied] == [
        ((0,), (0,), True),
        ((1, 2), (1, 2), False),
    ]
    assert not resolved.stale


@pytest.mark.parametrize("line", ["[٣]:[0]", "[1234567890]:[0]", "[" + "9" * 4301 + "]:[0]"])
def test_pin_ids_are_ascii_digits_of_sane_length(line: str) -> None:
    """Arabic-Indic digits are not ids; an id of 10+ digits is refused with the line, never a ValueError."""
    with pytest.raises(AlignmentError, match="cannot read the id list"):
        pins.parse(line + "\n", "p.pins")
