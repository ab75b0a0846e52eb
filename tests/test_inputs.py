"""bilingual.inputs: the dispatch of `check` inputs (corpus, two bulletins, exchange files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.errors import InputError
from bilingual.inputs import needs_alignment, read_inputs


def test_read_inputs_dispatch(tmp_path: Path) -> None:
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text('{"id": "a", "zh": "x", "en": "y"}\n', encoding="utf-8")
    tsv = tmp_path / "b.tsv"
    tsv.write_text("b\tx\ty\n", encoding="utf-8")
    assert [p.id for p in read_inputs([jsonl, tsv])] == ["a", "b"]
    with pytest.raises(InputError, match="cannot tell"):
        odd = tmp_path / "c.docx"
        odd.write_text("x")
        read_inputs([odd])
    with pytest.raises(InputError, match="only input"):
        read_inputs([tmp_path, jsonl])


def test_read_inputs_pair_of_bulletins(tmp_path: Path) -> None:
    zh = tmp_path / "zh.txt"
    en = tmp_path / "en.txt"
    zh.write_text("嘉兴新闻\n\n弘扬红船精神。推动共同富裕。\n", encoding="utf-8")
    en.write_text(
        "Jiaxing News\n\nCarry forward the Red Boat Spirit. Promote common prosperity.\n", encoding="utf-8"
    )
    pairs = read_inputs([zh, en])
    assert pairs and all(p.doc_id for p in pairs)
    assert "红船精神" in "".join(p.zh for p in pairs)


def test_html_bulletins_are_aligned_but_one_review_page_is_read(tmp_path: Path) -> None:
    zh, en = tmp_path / "zh.html", tmp_path / "en.html"
    zh.write_text("<p>弘扬红船精神。</p>", encoding="utf-8")
    en.write_text("<p>Carry forward the Red Boat Spirit.</p>", encoding="utf-8")
    assert needs_alignment([zh, en])
    tsv = tmp_path / "a.tsv"
    tsv.write_text("a\tx\ty\n", encoding="utf-8")
    assert not needs_alignment([zh, tsv])
