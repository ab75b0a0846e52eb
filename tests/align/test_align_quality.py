"""benchmarks/align_quality.py scores exactly as the reference scorer does (skips without shared/)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("align_quality", ROOT / "benchmarks" / "align_quality.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("gold", "auto"),
    [
        ("[0]:[0]\n[1,2]:[1]\n[3]:[]\n", "[0]:[0]:0.9\n[1]:[1]:0.5\n[2]:[]:0.3\n[3]:[]:0.3\n"),
        ("[0]:[0,1]\n[1]:[2]\n", "[0]:[0]:0.9\n[]:[1]:0.3\n[1]:[2]:0.8\n"),
        ("[0]:[0]\n", "[0]:[0]:1.0\n"),
    ],
)
def test_scores_equal_the_reference_script(shared: Path, tmp_path: Path, gold: str, auto: str) -> None:
    bench = benchmark()
    scorer = bench.reference_scorer()
    (tmp_path / "gold").mkdir()
    (tmp_path / "auto").mkdir()
    (tmp_path / "gold" / "d.align").write_text(gold, encoding="utf-8")
    (tmp_path / "auto" / "d.align").write_text(auto, encoding="utf-8")
    total = scorer.Counts()
    total.add(scorer.Counts.for_doc(scorer.parse_alignment(gold), scorer.parse_alignment(auto)))
    ours = total.scores()
    assert bench.cross_check(scorer, tmp_path / "gold", tmp_path / "auto", ours)
    wrong = dict(ours, f1_strict=ours["f1_strict"] + 0.01)
    assert not bench.cross_check(scorer, tmp_path / "gold", tmp_path / "auto", wrong)


def test_mac_dev_is_where_the_benchmark_expects_it(shared: Path) -> None:
    bench = benchmark()
    docs = bench.mac_texts()
    assert len(docs) == 6
    assert sum(len(zh) for _, zh, _ in docs) == 1463
    assert sum(len(en) for _, _, en in docs) == 1951
