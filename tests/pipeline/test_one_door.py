"""Every command goes through the one pipeline: same beads, same confidences, same pins, same findings.

These run the real commands (click's runner, lexical mode for speed) on the
sample corpus and compare what they wrote, so a command that builds its own
run again (and drifts) fails here.
"""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from bilingual.cli import main
from bilingual.formats.registry import FORMATS

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
GLOSSARY = ROOT / "glossaries" / "zhejiang.tbx"
LEXICAL = ["--similarity", "lexical"]
TMX_PROP = "{*}prop"


def invoke(*args: str | Path) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, float]]:
    """bead id -> confidence, as each command wrote it, over the whole sample corpus."""
    tmp = tmp_path_factory.mktemp("door")
    found: dict[str, dict[str, float]] = {}
    invoke("align", CORPUS, "-o", tmp / "align", "--format", "jsonl", *LEXICAL)
    found["align"] = {
        r["id"]: r["confidence"]
        for f in sorted((tmp / "align").glob("*.jsonl"))
        for r in map(json.loads, f.read_text(encoding="utf-8").splitlines())
    }
    lines = invoke("check", CORPUS, "--format", "jsonl", "--all", *LEXICAL).splitlines()
    found["check"] = {r["segment"]: r["confidence"] for r in map(json.loads, lines)}
    lines = invoke("export", CORPUS, "--to", "jsonl", *LEXICAL).splitlines()
    found["export"] = {r["id"]: r["confidence"] for r in map(json.loads, lines)}
    invoke("publish", CORPUS, "-o", tmp / "publish", *LEXICAL)
    tmx = etree.parse(str(tmp / "publish" / "tmx" / "bulletins.tmx"))
    found["publish"] = {}
    for tu in tmx.iter("{*}tu"):
        bead = next(p.text for p in tu.iterfind(TMX_PROP) if p.get("type") == "x-bead")
        found["publish"][tu.get("tuid")] = float(bead.split(":")[2].split()[0])
    return found


def test_align_export_and_publish_carry_the_same_beads(outputs: dict[str, dict[str, float]]) -> None:
    assert len(outputs["align"]) >= 88  # every bead of the sample corpus
    assert outputs["align"].keys() == outputs["export"].keys() == outputs["publish"].keys()
    for bead, confidence in outputs["align"].items():
        assert outputs["export"][bead] == pytest.approx(confidence, abs=1e-4), bead
        assert outputs["publish"][bead] == pytest.approx(confidence, abs=1e-3), bead  # TMX: 3 places


def test_check_reports_the_same_beads_and_confidences(outputs: dict[str, dict[str, float]]) -> None:
    assert len(outputs["check"]) > 50  # every bead with a term occurrence
    for bead, confidence in outputs["check"].items():
        assert outputs["align"][bead] == pytest.approx(confidence, abs=1e-4), bead


def _pinned_copy(tmp_path: Path) -> tuple[Path, str, list[str]]:
    """A copy of the sample corpus with one pin merging two 1-1 beads that the aligner keeps apart,
    the first of which has a glossary finding (so the check report shows the pin too)."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    name = "2023-02-14-grassroots-safety"
    zh, en = corpus / "zh" / f"{name}.txt", corpus / "en" / f"{name}.txt"
    beads = invoke("export", zh, en, "--to", "jsonl", "-g", GLOSSARY, *LEXICAL)
    records = [json.loads(line) for line in beads.splitlines()]
    for first, second in itertools.pairwise(records):
        one_one = all(len(r["zh_ids"]) == 1 and len(r["en_ids"]) == 1 for r in (first, second))
        if one_one and first["findings"] and second["zh_ids"][0] == first["zh_ids"][0] + 1:
            break
    else:
        raise AssertionError("no two consecutive 1-1 beads with a finding")
    z0, z1, e0, e1 = first["zh_ids"][0], second["zh_ids"][0], first["en_ids"][0], second["en_ids"][0]
    (corpus / "pins").mkdir()
    (corpus / "pins" / f"{name}.pins").write_text(f"[{z0},{z1}]:[{e0},{e1}]\n", encoding="utf-8")
    return corpus, f"{name}:z{z0}-{z1}:e{e0}-{e1}", [first["id"], second["id"]]


def test_a_pin_in_the_corpus_reaches_every_output(tmp_path: Path) -> None:
    corpus, merged, apart = _pinned_copy(tmp_path)
    out = tmp_path / "publish"
    invoke("publish", corpus, "-o", out, "-g", GLOSSARY, *LEXICAL)
    name = merged.split(":")[0]
    for path in [
        out / "tmx" / "bulletins.tmx",
        out / "xliff" / "bulletins.xlf",
        out / "xliff12" / "bulletins.xliff12.xlf",
        out / "po" / f"{name}.po",
        out / "jsonl" / "bulletins.jsonl",
        out / "review" / f"{name}.html",  # the review build (the public page shows no bead ids)
    ]:
        text = path.read_text(encoding="utf-8")
        assert merged in text, path
        assert not any(f"{bead}<" in text or f'{bead}"' in text for bead in apart), path
    report = invoke("check", corpus, "--format", "jsonl", "--all", "-g", GLOSSARY, *LEXICAL)
    segments = {json.loads(line)["segment"] for line in report.splitlines()}
    assert merged in segments and not segments & set(apart)
    aligned = invoke("export", corpus, "--to", "jsonl", "-g", GLOSSARY, *LEXICAL)
    assert json.loads(next(line for line in aligned.splitlines() if merged in line))["pinned"] is True
    signature = json.loads((out / "report.json").read_text(encoding="utf-8"))["signature"]
    assert "|pins:sha256-" in signature


BOTH_SIDES = sorted(
    name for name, fmt in FORMATS.items() if fmt.write is not None and fmt.read is not None and name != "text"
)


@pytest.fixture(scope="module")
def corpus_findings() -> list[dict[str, object]]:
    lines = invoke("check", CORPUS, "--format", "jsonl", "-g", GLOSSARY, *LEXICAL).splitlines()
    return [json.loads(line) for line in lines]


def _essence(findings: list[dict[str, object]]) -> list[tuple[object, ...]]:
    keys = ("segment", "term", "verdict", "zh_span", "en_span", "found")
    return sorted(tuple(json.dumps(f[k]) for k in keys) for f in findings)


@pytest.mark.parametrize("fmt", BOTH_SIDES)
def test_every_format_round_trips_through_its_own_reader(
    tmp_path: Path, fmt: str, corpus_findings: list[dict[str, object]]
) -> None:
    """export --to X, then check that file: the same findings as checking the corpus."""
    chosen = FORMATS[fmt]
    target = tmp_path / fmt if chosen.per_document else tmp_path / f"corpus{chosen.suffix}"
    invoke("export", CORPUS, "--to", fmt, "-o", target, "-g", GLOSSARY, *LEXICAL)
    files = sorted(target.glob(f"*{chosen.suffix}")) if chosen.per_document else [target]
    assert files
    lines = invoke("check", *files, "--format", "jsonl", "-g", GLOSSARY).splitlines()
    assert _essence([json.loads(line) for line in lines]) == _essence(corpus_findings)
    assert corpus_findings  # the corpus has findings (the violations bulletin), so this compares something
