"""`bilingual tm ...` and `bilingual glossary suggest` on the command line."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from bilingual.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_add_search_renderings_match_stats(tmp_path: Path, corpus_memory: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    shutil.copytree(ROOT / "glossaries", tmp_path / "glossaries")
    code, _, err = run("tm", "add", str(corpus), "--similarity", "lexical")
    assert code == 0, err
    memory = corpus / ".bilingual" / "memory.sqlite"  # the default place, at the corpus root
    assert memory.is_file() and "7 document(s), 88 bead(s)" in err
    code, out, _ = run(
        "tm", "search", "红船精神", "--memory", str(memory), "--format", "jsonl", "--limit", "0"
    )
    hits = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(hits) == 7 and hits[0]["date"] >= hits[-1]["date"]
    code, out, _ = run("tm", "renderings", "共同富裕", "--memory", str(memory))
    assert code == 0 and "common prosperity" in out.lower()
    code, out, _ = run(
        "tm", "match", "学生们在纪念馆里用稚嫩的声音讲述红船精神的内涵。", "--memory", str(memory)
    )
    assert code == 0 and "83%" in out
    # A bulletin removed from the corpus goes with --prune (and only then).
    for side in ("zh", "en"):
        next((corpus / side).glob("2023-07-01-red-boat-violations.*")).unlink()
    run("tm", "add", str(corpus), "--similarity", "lexical")
    code, out, _ = run("tm", "stats", "--memory", str(memory), "--format", "json")
    assert json.loads(out)["documents"] == 7
    code, _, err = run("tm", "add", str(corpus), "--similarity", "lexical", "--prune")
    assert code == 0 and "pruned 2023-07-01-red-boat-violations" in err
    code, out, _ = run("tm", "stats", "--memory", str(memory), "--format", "json")
    assert json.loads(out)["documents"] == 6


def test_suggest_writes_csv_and_tbx(tmp_path: Path, corpus_memory: Path) -> None:
    target = tmp_path / "candidates.csv"
    code, _, err = run(
        "glossary", "suggest", "--memory", str(corpus_memory), "-o", str(target), "--top", "20"
    )
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(rows) == 20 and {"zh", "count", "en", "dice", "llr", "renderings"} <= set(rows[0])
    tbx = tmp_path / "candidates.tbx"
    code, _, err = run("glossary", "suggest", "--memory", str(corpus_memory), "-o", str(tbx), "--top", "5")
    assert code == 0, err
    code, out, _ = run("glossary", "validate", str(tbx))
    assert code == 0 and "5 entries" in out


def test_a_bad_memory_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"hello" * 100)
    code, _, err = run("tm", "search", "共富", "--memory", str(bad))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "not an SQLite file" in err
