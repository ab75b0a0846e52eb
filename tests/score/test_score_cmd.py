"""Tests for `bilingual score`: every input form, every output format, bad input.

The TMX, XLIFF and PO inputs are small files written here with lxml and polib
(independently of our exporters); a round trip through the registered
exporters follows at the end.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import lxml.html
import polib
import pytest
from click.testing import CliRunner
from lxml import etree
from sacrebleu.metrics import BLEU, CHRF, TER

from bilingual.cli import main
from bilingual.model import Alignment, Bead, Checked, Document, Paragraph, Segment

FIXTURES = Path(__file__).parent / "fixtures"
XML = "http://www.w3.org/XML/1998/namespace"

Unit = tuple[str, str, str]  # id, zh, en


def units(version: str, doc: str = "jx-digital") -> list[Unit]:
    zh = (FIXTURES / f"bulletin.{version}.zh.txt").read_text(encoding="utf-8").splitlines()
    en = (FIXTURES / f"bulletin.{version}.en.txt").read_text(encoding="utf-8").splitlines()
    return [(f"{doc}:z{i}:e{i}", z, e) for i, (z, e) in enumerate(zip(zh, en, strict=True))]


def write_tmx(path: Path, rows: list[Unit]) -> None:
    tmx = etree.Element("tmx", version="1.4")
    etree.SubElement(tmx, "header", srclang="zh-CN", adminlang="en", segtype="sentence", datatype="plaintext")
    body = etree.SubElement(tmx, "body")
    for unit_id, zh, en in rows:
        tu = etree.SubElement(body, "tu", tuid=unit_id)
        # English first: the reader must go by xml:lang, not position.
        for lang, text in (("en-US", en), ("zh-CN", zh)):
            tuv = etree.SubElement(tu, "tuv", {f"{{{XML}}}lang": lang})
            etree.SubElement(tuv, "seg").text = text
    etree.ElementTree(tmx).write(str(path), xml_declaration=True, encoding="utf-8")


def write_xliff12(path: Path, rows: list[Unit]) -> None:
    ns = "urn:oasis:names:tc:xliff:document:1.2"
    root = etree.Element(f"{{{ns}}}xliff", version="1.2", nsmap={None: ns})  # type: ignore[dict-item]
    file = etree.SubElement(
        root,
        f"{{{ns}}}file",
        {
            "original": "jx-digital",
            "source-language": "zh-CN",
            "target-language": "en",
            "datatype": "plaintext",
        },
    )
    body = etree.SubElement(file, f"{{{ns}}}body")
    for unit_id, zh, en in rows:
        unit = etree.SubElement(body, f"{{{ns}}}trans-unit", id=unit_id)
        etree.SubElement(unit, f"{{{ns}}}source").text = zh
        target = etree.SubElement(unit, f"{{{ns}}}target")
        # Inline markup around the first word: flattened to its text by the reader.
        first, _, rest = en.partition(" ")
        etree.SubElement(target, f"{{{ns}}}mrk", mtype="x-test").text = first
        etree.SubElement(target, f"{{{ns}}}mrk", mtype="x-test").tail = (" " + rest) if rest else ""
    etree.ElementTree(root).write(str(path), xml_declaration=True, encoding="utf-8")


def write_xliff2(path: Path, rows: list[Unit]) -> None:
    ns = "urn:oasis:names:tc:xliff:document:2.0"
    root = etree.Element(f"{{{ns}}}xliff", version="2.1", srcLang="zh-CN", trgLang="en", nsmap={None: ns})  # type: ignore[dict-item]
    file = etree.SubElement(root, f"{{{ns}}}file", id="jx-digital")
    for unit_id, zh, en in rows:
        segment = etree.SubElement(etree.SubElement(file, f"{{{ns}}}unit", id=unit_id), f"{{{ns}}}segment")
        etree.SubElement(segment, f"{{{ns}}}source").text = zh
        etree.SubElement(segment, f"{{{ns}}}target").text = en
    etree.ElementTree(root).write(str(path), xml_declaration=True, encoding="utf-8")


def write_po(path: Path, rows: list[Unit]) -> None:
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en"}
    for unit_id, zh, en in rows:
        catalog.append(polib.POEntry(msgctxt=unit_id, msgid=zh, msgstr=en))
    catalog.append(polib.POEntry(msgctxt="old", msgid="旧", msgstr="old", obsolete=True))
    catalog.save(str(path))


def write_corpus(root: Path, rows: list[Unit], doc: str = "jx-digital") -> None:
    # A bulletin as the corpus reader expects it: title, blank line, one paragraph per sentence.
    for side, col in (("zh", 1), ("en", 2)):
        (root / side).mkdir(parents=True, exist_ok=True)
        lines = [row[col] for row in rows]
        (root / side / f"{doc}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")


WRITERS: dict[str, tuple[str, Callable[[Path, list[Unit]], None]]] = {
    "tmx": (".tmx", write_tmx),
    "xliff12": (".xlf", write_xliff12),
    "xliff2": (".xliff", write_xliff2),
    "po": (".po", write_po),
}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["score", *args])
    return result.exit_code, result.stdout, result.stderr


def expected_scores(lang: str, refs: list[str], hyps: list[str]) -> list[float]:
    zh = lang == "zh"
    metrics = (BLEU(tokenize="zh" if zh else "13a"), CHRF(), TER(normalized=zh, asian_support=zh))
    return [m.corpus_score(hyps, [refs]).score for m in metrics]


def scores(report: dict) -> list[float]:
    return [m["score"] for m in report["metrics"]]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_plain_text(lang: str) -> None:
    ref, hyp = FIXTURES / f"bulletin.published.{lang}.txt", FIXTURES / f"bulletin.draft.{lang}.txt"
    code, out, err = run("--ref", str(ref), "--hyp", str(hyp), "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    refs, hyps = ref.read_text("utf-8").splitlines(), hyp.read_text("utf-8").splitlines()
    assert report["lang"] == lang
    assert scores(report) == expected_scores(lang, refs, hyps)
    assert [s["id"] for s in report["segments"]] == [str(n) for n in range(1, 13)]
    assert report["warnings"] == []


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_bilingual_files(tmp_path: Path, fmt: str, lang: str) -> None:
    suffix, write = WRITERS[fmt]
    published, draft = units("published"), units("draft")
    ref, hyp = tmp_path / f"published{suffix}", tmp_path / f"draft{suffix}"
    write(ref, published)
    write(hyp, draft)
    code, out, err = run(
        "--ref", str(ref), "--hyp", str(hyp), "--lang", lang, "--format", "json", "--worst", "3"
    )
    assert code == 0, err
    report = json.loads(out)
    col = 1 if lang == "zh" else 2
    assert scores(report) == expected_scores(lang, [u[col] for u in published], [u[col] for u in draft])
    assert [d["doc_id"] for d in report["documents"]] == ["jx-digital"]
    assert len(report["worst"]) == 3
    assert report["only_in_ref"] == report["only_in_hyp"] == []


def test_mixed_formats_and_unmatched_ids(tmp_path: Path) -> None:
    published = units("published")
    draft = units("draft")
    dropped = draft.pop(5)  # the draft lacks one segment...
    draft.append(("jx-digital:z99:e99", "多余。", "An extra sentence."))  # ...and has one of its own
    write_tmx(tmp_path / "published.tmx", published)
    write_po(tmp_path / "draft.po", draft)
    code, out, err = run(
        "--ref", str(tmp_path / "published.tmx"), "--hyp", str(tmp_path / "draft.po"), "--format", "json"
    )
    assert code == 0, err
    report = json.loads(out)
    assert report["only_in_ref"] == [{"doc_id": "jx-digital", "id": dropped[0]}]
    assert report["only_in_hyp"] == [{"doc_id": "jx-digital", "id": "jx-digital:z99:e99"}]
    assert any("only in REF" in w and dropped[0] in w for w in report["warnings"])
    refs = [u[2] for u in published if u[0] != dropped[0]]
    assert scores(report) == expected_scores("en", refs, [u[2] for u in draft[:-1]])
    # The text report shows the warnings too.
    code, out, _ = run("--ref", str(tmp_path / "published.tmx"), "--hyp", str(tmp_path / "draft.po"))
    assert code == 0
    assert "Warnings:" in out and "only in HYP" in out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_corpus_directories(tmp_path: Path, lang: str) -> None:
    published, draft = units("published"), units("draft")
    write_corpus(tmp_path / "ref", published)
    write_corpus(tmp_path / "hyp", draft)
    # A second bulletin, unchanged between the versions.
    other = [
        ("", "红船精神", "The Red Boat Spirit"),
        ("", "嘉兴是红船起航地。", "Jiaxing is where the Red Boat set sail."),
    ]
    write_corpus(tmp_path / "ref", other, doc="red-boat")
    write_corpus(tmp_path / "hyp", other, doc="red-boat")
    code, out, err = run(
        "--ref", str(tmp_path / "ref"), "--hyp", str(tmp_path / "hyp"), "--lang", lang, "--format", "json"
    )
    assert code == 0, err
    report = json.loads(out)
    docs = {d["doc_id"]: d for d in report["documents"]}
    assert set(docs) == {"jx-digital", "red-boat"}
    assert docs["red-boat"]["chrf"] == pytest.approx(100.0)
    assert docs["jx-digital"]["chrf"] < 100.0
    assert report["signature"].startswith("bilingual:") and "seg:" in report["signature"]
    col = 1 if lang == "zh" else 2
    jx = [s for s in report["segments"] if s["doc_id"] == "jx-digital"]
    # Each published line is one segment of the bulletin (the segmenter agrees with the fixture).
    assert [s["ref"] for s in jx] == [u[col] for u in published]
    assert (
        docs["jx-digital"]["bleu"]
        == expected_scores(lang, [u[col] for u in published], [u[col] for u in draft])[0]
    )


def test_text_and_html_output(tmp_path: Path) -> None:
    ref, hyp = FIXTURES / "bulletin.published.en.txt", FIXTURES / "bulletin.draft.en.txt"
    code, out, _ = run("--ref", str(ref), "--hyp", str(hyp), "--worst", "2", "--chrf-plus")
    assert code == 0
    assert re.search(r"^BLEU +=  *\d+\.\d\d  nrefs:1\|case:mixed\|eff:no\|tok:13a\|", out, re.M)
    assert re.search(r"^chrF2\+\+ = +\d+\.\d\d  nrefs:1\|.*\|nw:2\|", out, re.M)
    assert re.search(r"^TER +=  *\d+\.\d\d  nrefs:1\|case:lc\|tok:tercom\|", out, re.M)
    assert "[-spirit of the red boat-]{+Red Boat Spirit+}" in out
    page = tmp_path / "score.html"
    code, out, err = run("--ref", str(ref), "--hyp", str(hyp), "--format", "html", "-o", str(page))
    assert code == 0, err
    assert out == ""
    tree = lxml.html.fromstring(page.read_bytes())
    assert tree.xpath("//del") and tree.xpath("//ins")
    # Standalone: nothing loaded from elsewhere.
    assert not tree.xpath("//script | //link | //img | //*[@src] | //*[@href]")
    assert "Red Boat Spirit" in etree.tostring(tree, method="text", encoding="unicode")


BAD = [
    ("lines", "12 lines\n" * 12, "11 lines\n" * 11, ".txt", "REF has 12 lines, HYP has 11"),
    ("malformed", "<tmx><body>", "<tmx><body>", ".tmx", "not well-formed XML"),
    (
        "no common ids",
        'msgctxt "a"\nmsgid "甲"\nmsgstr "A"\n',
        'msgctxt "b"\nmsgid "乙"\nmsgstr "B"\n',
        ".po",
        "no segment in common",
    ),
    ("empty", "", "", ".txt", "no segment in common"),
]


@pytest.mark.parametrize(("name", "ref_text", "hyp_text", "suffix", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_exit_2_and_nothing_written(
    tmp_path: Path, name: str, ref_text: str, hyp_text: str, suffix: str, message: str
) -> None:
    ref, hyp = tmp_path / f"ref{suffix}", tmp_path / f"hyp{suffix}"
    ref.write_text(ref_text, encoding="utf-8")
    hyp.write_text(hyp_text, encoding="utf-8")
    out_file = tmp_path / "report.json"
    out_file.write_text("earlier report\n", encoding="utf-8")
    code, _out, err = run("--ref", str(ref), "--hyp", str(hyp), "--format", "json", "-o", str(out_file))
    assert code == 2
    assert message in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert out_file.read_text(encoding="utf-8") == "earlier report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([ref.name, hyp.name, out_file.name])


def test_missing_path_is_usage_error(tmp_path: Path) -> None:
    code, _, err = run("--ref", str(tmp_path / "absent.txt"), "--hyp", str(tmp_path / "absent.txt"))
    assert code == 2
    assert "does not exist" in err


def test_help_has_example() -> None:
    result = CliRunner().invoke(main, ["score", "--help"])
    assert result.exit_code == 0
    assert "bilingual score --ref" in result.output


def _document(doc_id: str, lang: str, sentences: list[str]) -> Document:
    text = "\n".join(sentences)
    segments, start = [], 0
    for i, sentence in enumerate(sentences):
        segments.append(Segment(i, 0, start, start + len(sentence), sentence))
        start += len(sentence) + 1
    return Document(doc_id, lang, text, (Paragraph(0, 0, len(text), text),), segments=tuple(segments))


def _alignment(version: str) -> Alignment:
    rows = units(version)
    zh = _document("jx-digital", "zh", [r[1] for r in rows])
    en = _document("jx-digital", "en", [r[2] for r in rows])
    return Alignment(zh, en, tuple(Bead((i,), (i,)) for i in range(len(rows))))


ROUND_TRIP = ["tmx", "xliff", "xliff12", "po", "bxml", "jsonl", "tsv"]


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_round_trip_through_exporters(tmp_path: Path, name: str) -> None:
    from bilingual.formats import FORMATS, ExportContext

    if name not in FORMATS:
        pytest.skip(f"exporter {name!r} not registered yet")
    exporter = FORMATS[name]
    paths = []
    for version in ("published", "draft"):
        buffer = io.BytesIO()
        exporter.write([Checked(_alignment(version))], ExportContext(signature="test"), buffer)
        path = tmp_path / f"{version}{exporter.suffix}"
        path.write_bytes(buffer.getvalue())
        paths.append(path)
    code, out, err = run("--ref", str(paths[0]), "--hyp", str(paths[1]), "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    assert scores(report) == expected_scores(
        "en", [u[2] for u in units("published")], [u[2] for u in units("draft")]
    )
    assert report["only_in_ref"] == report["only_in_hyp"] == []


def test_identical_versions(tmp_path: Path) -> None:
    ref = FIXTURES / "bulletin.published.en.txt"
    code, out, err = run("--ref", str(ref), "--hyp", str(ref), "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    assert scores(report) == pytest.approx([100.0, 100.0, 0.0])
    assert report["worst"] == []


def test_empty_side_is_noted(tmp_path: Path) -> None:
    # A PO file whose English is still empty: scoring the en side says where the text is.
    rows = [(f"d:z{i}:e{i}", zh, "") for i, (_, zh, _) in enumerate(units("published"))]
    write_po(tmp_path / "ref.po", rows)
    write_po(tmp_path / "hyp.po", rows)
    code, out, err = run(
        "--ref", str(tmp_path / "ref.po"), "--hyp", str(tmp_path / "hyp.po"), "--format", "json"
    )
    assert code == 0, err
    assert any("--lang zh" in w for w in json.loads(out)["warnings"])
    code, out, err = run("--ref", str(tmp_path / "ref.po"), "--hyp", str(tmp_path / "hyp.po"), "--lang", "zh")
    assert code == 0, err
    assert "Warnings" not in out


def test_corpus_segment_count_difference_is_noted(tmp_path: Path) -> None:
    published, draft = units("published"), units("draft")
    write_corpus(tmp_path / "ref", published)
    write_corpus(tmp_path / "hyp", [*draft[:3], ("", "新增。", "An added sentence."), *draft[3:]])
    code, out, err = run("--ref", str(tmp_path / "ref"), "--hyp", str(tmp_path / "hyp"), "--format", "json")
    assert code == 0, err
    warnings = json.loads(out)["warnings"]
    assert any(w.startswith("jx-digital: REF has 12 segments, HYP has 13") for w in warnings)
    assert any("only in HYP" in w and "s12" in w for w in warnings)
