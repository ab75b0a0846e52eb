"""score pairs exchange-file units by id, then by source text when the ids are gone (issue 15).

The round trips of translate-toolkit lose our ids: ``po2tmx`` writes no
``tuid`` and ``xliff2po`` no msgctxt, so the units come back with running
numbers only. Those are positions, not ids: matching them by number would
pair the wrong segments as soon as one unit is dropped or moved.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bilingual.cli import main
from bilingual.errors import BilingualError
from bilingual.score import score_files
from bilingual.score.inputs import Unit, Version, match, normalised, read_version

PAIRS = [
    ("d:z0:e0", "嘉兴召开安全会议。", "Jiaxing holds a safety meeting."),
    ("d:z1:e1", "会议强调共同富裕。", "The meeting stressed common prosperity."),
    ("d:z2:e2", "弘扬红船精神。", "Carry forward the Red Boat Spirit."),
    ("d:z3:e3", "Ｅ签证 办理指南：", "E-visa guide:"),
    ("d:z4:e4", "附件一", "Annex 1"),
]


def _tmx(units: list[tuple[str | None, str, str]]) -> str:
    body = "".join(
        f"<tu{f' tuid={chr(34)}{tuid}{chr(34)}' if tuid else ''}>"
        f'<tuv xml:lang="zh-CN"><seg>{zh}</seg></tuv><tuv xml:lang="en"><seg>{en}</seg></tuv></tu>\n'
        for tuid, zh, en in units
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh-CN" '
        'datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="t" '
        f'creationtoolversion="1"/><body>\n{body}</body></tmx>\n'
    )


@pytest.fixture
def ref(tmp_path: Path) -> Path:
    path = tmp_path / "published.tmx"
    path.write_text(_tmx(list(PAIRS)), encoding="utf-8")
    return path


@pytest.fixture
def stripped(tmp_path: Path) -> Path:
    """The draft after a round trip that dropped every id (po2tmx): no tuid.

    One unit is gone, two swapped, one's Chinese rewritten in half width with
    other spacing and punctuation, and the English edited everywhere but one.
    """
    path = tmp_path / "draft.tmx"
    units: list[tuple[str | None, str, str]] = [
        (None, "会议强调共同富裕。", "The meeting stressed shared prosperity."),
        (None, "嘉兴召开安全会议。", "Jiaxing held a safety meeting."),
        (None, "E签证办理指南:", "E-visa guide:"),
        (None, "附件一", "Attachment 1"),
    ]
    path.write_text(_tmx(units), encoding="utf-8")
    return path


def test_a_file_without_ids_is_matched_by_source_text(ref: Path, stripped: Path) -> None:
    report = score_files(ref, stripped)
    assert report.matched_by == (0, 3, 1)
    assert (
        report.matching
        == "0 matched by id, 3 by source text, 1 by normalised text, 1 unmatched (1 REF, 0 HYP)"
    )
    pairs = {s.id: s.hyp for s in report.segments}
    assert pairs == {
        "d:z0:e0": "Jiaxing held a safety meeting.",
        "d:z1:e1": "The meeting stressed shared prosperity.",
        "d:z3:e3": "E-visa guide:",
        "d:z4:e4": "Attachment 1",
    }
    assert report.only_ref == (("d", "d:z2:e2"),)


def test_running_numbers_are_not_ids(ref: Path, tmp_path: Path) -> None:
    # Both files lost their ids: matching "1" with "1" would pair the swapped units.
    shuffled = tmp_path / "a.tmx"
    shuffled.write_text(_tmx([(None, zh, en) for _, zh, en in reversed(PAIRS)]), encoding="utf-8")
    plain = tmp_path / "b.tmx"
    plain.write_text(_tmx([(None, zh, en) for _, zh, en in PAIRS]), encoding="utf-8")
    report = score_files(plain, shuffled)
    assert report.matched_by == (0, 5, 0)
    assert all(s.ref == s.hyp for s in report.segments)


def test_ids_first_then_text(ref: Path, tmp_path: Path) -> None:
    half = tmp_path / "half.tmx"
    units = [(tuid if k < 2 else None, zh, en) for k, (tuid, zh, en) in enumerate(PAIRS)]
    half.write_text(_tmx(units), encoding="utf-8")
    report = score_files(ref, half)
    assert report.matched_by == (2, 3, 0)
    assert report.metrics[0].score == pytest.approx(100.0)


def test_the_report_says_how(ref: Path, stripped: Path) -> None:
    result = CliRunner().invoke(main, ["score", "--ref", str(ref), "--hyp", str(stripped)])
    assert result.exit_code == 0, result.output
    assert (
        "segments: 0 matched by id, 3 by source text, 1 by normalised text, 1 unmatched (1 REF, 0 HYP)"
        in result.stdout
    )
    result = CliRunner().invoke(
        main, ["score", "--ref", str(ref), "--hyp", str(stripped), "--format", "json"]
    )
    assert (
        '"matched_by": {\n    "id": 0,\n    "source text": 3,\n    "normalised text": 1\n  }' in result.stdout
    )


def test_po_without_msgctxt_matches_an_xliff_with_ids(ref: Path, tmp_path: Path) -> None:
    # xliff2po: msgid the source, msgstr the target, no msgctxt.
    po = tmp_path / "draft.po"
    entries = "".join(f'\nmsgid "{zh}"\nmsgstr "{en}"\n' for _, zh, en in PAIRS[::-1])
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n' + entries,
        encoding="utf-8",
    )
    report = score_files(ref, po)
    assert report.matched_by == (0, 5, 0)
    assert report.metrics[0].score == pytest.approx(100.0)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ｅ签证 办理指南：", "E签证办理指南:"),
        ("“Red Boat”  Spirit.", '"red boat" spirit'),
        ("附件一", "附件 一"),
    ],
)
def test_normalised(a: str, b: str) -> None:
    assert normalised(a) == normalised(b)


def test_normalised_keeps_what_differs() -> None:
    assert normalised("附件一") != normalised("附件二")
    assert normalised("E-visa") == normalised("Evisa")  # punctuation is dropped, letters kept


def test_plain_text_keeps_line_numbers() -> None:
    ref = Version(Path("r.txt"), "text", (Unit("", "1", "a"), Unit("", "2", "b")))
    hyp = Version(Path("h.txt"), "text", (Unit("", "1", "b"), Unit("", "2", "a")))
    matched = match(ref, hyp)
    assert [u.text for u in matched.hyp] == ["b", "a"] and matched.by == (2, 0, 0)


# ------------------------------------------------------------------ zero pairs

EMPTY = {
    "empty.tmx": _tmx([]),
    "header-only.po": 'msgid ""\nmsgstr ""\n"Language: zh_CN\\n"\n',
    "untranslated.po": 'msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "嘉兴召开安全会议。"\nmsgstr ""\n',
    "empty.jsonl": "",
    "empty.tsv": "",
    "source-only.xlf": '<?xml version="1.0"?>\n<xliff version="2.1" '
    'xmlns="urn:oasis:names:tc:xliff:document:2.0" '
    'srcLang="zh-CN" trgLang="en"><file id="f"><unit id="u"><segment><source>中文。</source></segment>'
    "</unit></file></xliff>\n",
}


# Units with text on one side only: check refuses them (no pair to check); score reads them and
# notes that the scored side is empty (test_score_cmd's test_empty_side_is_noted).
ONE_SIDED = {"untranslated.po", "source-only.xlf"}


@pytest.mark.parametrize("name", sorted(set(EMPTY) - ONE_SIDED))
def test_no_pair_is_refused_by_score(tmp_path: Path, ref: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(EMPTY[name], encoding="utf-8")
    with pytest.raises(BilingualError, match="holds no zh-en pair"):
        read_version(path)
    for args in (["--ref", path, "--hyp", ref], ["--ref", ref, "--hyp", path]):
        result = CliRunner().invoke(main, ["score", *map(str, args)])
        assert result.exit_code == 2
        assert f"{path}: holds no zh-en pair" in result.stderr


@pytest.mark.parametrize("name", sorted(EMPTY))
def test_no_pair_is_refused_by_check(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(EMPTY[name], encoding="utf-8")
    glossary = tmp_path / "g.csv"
    glossary.write_text("id,zh,en\nrbs,红船精神,Red Boat Spirit\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "-g", str(glossary)])
    assert result.exit_code == 2
    assert f"{path}: holds no zh-en pair" in result.stderr


def test_xliff_without_units_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "no-units.xlf"
    path.write_text(
        '<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file original="a" datatype="plaintext" source-language="zh-CN" target-language="en"><body/>'
        "</file></xliff>\n",
        encoding="utf-8",
    )
    for command in (
        ["check", str(path), "--checks", "numbers"],
        ["score", "--ref", str(path), "--hyp", str(path)],
    ):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 2
        assert "no <unit> or <trans-unit>: nothing to read" in result.stderr


def test_score_reads_the_variant_named(tmp_path: Path) -> None:
    variants = Path(__file__).parents[1] / "interop" / "files" / "variants.tmx"
    args = ["score", "--ref", str(variants), "--hyp", str(variants), "--lang", "zh", "--format", "json"]
    for flags, zh in (([], "数字化改革"), (["--zh-variant", "zh-TW"], "數位化改革")):
        result = CliRunner().invoke(main, [*args, *flags])
        assert result.exit_code == 0, result.output
        assert '"ref": "' + zh + '"' in result.stdout


# ------------------------------------------------------------------ real round trips (translate-toolkit)


def _toolkit(tool: str, *args: Path | str) -> None:
    """Run translate-toolkit's converter ``tool`` (its console script beside this Python)."""
    import subprocess
    import sys

    script = Path(sys.executable).parent / tool
    if not script.exists():
        pytest.skip(f"translate-toolkit's {tool} (a dev extra) is not installed")
    subprocess.run([str(script), *map(str, args)], check=True, capture_output=True)


def _export(pairs: Path, fmt: str, out: Path) -> None:
    result = CliRunner().invoke(main, ["export", str(pairs), "--to", fmt, "-o", str(out), "--no-check"])
    assert result.exit_code == 0, result.output


@pytest.fixture
def pairs_file(tmp_path: Path) -> Path:
    import json

    path = tmp_path / "pairs.jsonl"
    rows = [{"id": i, "zh": zh, "en": en} for i, zh, en in PAIRS]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_po2tmx_round_trip_keeps_the_bead_ids(tmp_path: Path, pairs_file: Path) -> None:
    # po2tmx writes no tuid but keeps our msgctxt (the bead id) as <prop type="x-context">.
    _export(pairs_file, "tmx", tmp_path / "ref.tmx")
    _export(pairs_file, "po", tmp_path / "po")
    _toolkit(
        "po2tmx", "--language=en", "--source-language=zh-CN", tmp_path / "po" / "d.po", tmp_path / "rt.tmx"
    )
    assert "tuid" not in (tmp_path / "rt.tmx").read_text(encoding="utf-8")
    report = score_files(tmp_path / "ref.tmx", tmp_path / "rt.tmx")
    assert report.matched_by == (5, 0, 0) and report.metrics[0].score == pytest.approx(100.0)


def test_xliff2po_round_trip_is_matched_by_source_text(tmp_path: Path, pairs_file: Path) -> None:
    # xliff2po keeps no id at all: msgid the source, msgstr the target, no msgctxt.
    _export(pairs_file, "tmx", tmp_path / "ref.tmx")
    _export(pairs_file, "xliff12", tmp_path / "x.xlf")
    _toolkit("xliff2po", tmp_path / "x.xlf", tmp_path / "rt.po")
    assert "msgctxt" not in (tmp_path / "rt.po").read_text(encoding="utf-8")
    report = score_files(tmp_path / "ref.tmx", tmp_path / "rt.po")
    assert report.matched_by == (0, 5, 0) and report.metrics[0].score == pytest.approx(100.0)
