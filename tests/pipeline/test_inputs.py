"""What a command was given, told apart once (corpus/inputs.py with formats.registry.is_exchange)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.errors import InputError
from bilingual.pipeline import Settings, run


def resolve(*paths: Path) -> Settings:
    return Settings.resolve(list(paths), use_glossary=False, similarity="lexical")


def test_files_of_pairs_are_read_not_aligned(tmp_path: Path) -> None:
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text('{"id": "a", "zh": "x", "en": "y"}\n', encoding="utf-8")
    tsv = tmp_path / "b.tsv"
    tsv.write_text("b\tx\ty\n", encoding="utf-8")
    settings = resolve(jsonl, tsv)
    assert settings.inputs.kind == "files" and not settings.inputs.aligned
    assert [p.id for c in run(settings) for p in c.alignment.pairs()] == ["a", "b"]


def test_unknown_and_mixed_inputs_are_refused(tmp_path: Path) -> None:
    odd = tmp_path / "c.docx"
    odd.write_text("x")
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text('{"id": "a", "zh": "x", "en": "y"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="INPUT is one corpus folder"):
        resolve(odd)
    with pytest.raises(InputError, match="only input"):
        resolve(tmp_path, jsonl)
    with pytest.raises(InputError, match="INPUT is one corpus folder"):
        resolve(odd, jsonl)


def test_two_bulletins_are_aligned(tmp_path: Path) -> None:
    zh = tmp_path / "zh.txt"
    en = tmp_path / "en.txt"
    zh.write_text("嘉兴新闻\n\n弘扬红船精神。推动共同富裕。\n", encoding="utf-8")
    en.write_text(
        "Jiaxing News\n\nCarry forward the Red Boat Spirit. Promote common prosperity.\n", encoding="utf-8"
    )
    settings = resolve(zh, en)
    assert settings.inputs.kind == "pair"
    pairs = [p for c in run(settings) for p in c.alignment.pairs()]
    assert pairs and all(p.doc_id == "zh" for p in pairs)
    assert "红船精神" in "".join(p.zh for p in pairs)


def test_html_bulletins_are_aligned_but_our_review_page_is_read(tmp_path: Path) -> None:
    zh, en = tmp_path / "zh.html", tmp_path / "en.html"
    zh.write_text("<h1>嘉兴新闻</h1><p>弘扬红船精神。推动共同富裕。</p>", encoding="utf-8")
    en.write_text(
        "<h1>Jiaxing News</h1><p>Carry forward the Red Boat Spirit. Promote it.</p>", encoding="utf-8"
    )
    assert resolve(zh, en).inputs.kind == "pair"
    from bilingual.pipeline import export

    written = tmp_path / "page.html"  # two bulletins: -o names the one file
    export(resolve(zh, en), "html", written)
    assert resolve(written).inputs.kind == "files"
    assert [p.en for c in run(resolve(written)) for p in c.alignment.pairs()][-1].endswith("Promote it.")


def test_a_file_of_no_pair_is_an_error(tmp_path: Path) -> None:
    only_zh = tmp_path / "a.jsonl"
    only_zh.write_text('{"id": "a", "zh": "x", "en": ""}\n', encoding="utf-8")
    with pytest.raises(InputError, match="no zh-en pair"):
        list(run(resolve(only_zh)))
