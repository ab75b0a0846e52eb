"""Memories for the tests: a few hand-made documents, and the sample corpus (aligned once)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from bilingual.memory import Memory, add_checked, add_inputs
from bilingual.model import AlignedPair, Alignment, Bead, Checked
from bilingual.pipeline import Settings

ROOT = Path(__file__).resolve().parents[2]


def checked(doc: str, date: str, pairs: Sequence[tuple[str, str]], *, pinned: bool = False) -> Checked:
    """A document of ``pairs`` (zh, en) dated ``date``, as the pipeline hands it on."""
    items = [
        AlignedPair(f"{doc}:z{k}:e{k}", zh, en, Bead((k,), (k,), 0.8, pinned), doc)
        for k, (zh, en) in enumerate(pairs)
    ]
    alignment = Alignment.from_pairs(doc, items)
    return Checked(replace(alignment, zh=replace(alignment.zh, date=date, format="txt")))


SMALL = [
    checked(
        "a",
        "2023-01-05",
        [
            ("推动共同富裕示范区建设。", "Promote the building of the common prosperity demonstration zone."),
            ("弘扬紅船精神。", "Carry forward the Red Boat Spirit."),
            ("共富工坊开工。", "The common prosperity workshop opened."),
        ],
    ),
    checked(
        "b",
        "2024-03-01",
        [
            ("学习“红船精神”。", "Studying the Red Boat Spirit."),
            ("城市发展很快，共同富裕。", "The city developed quickly towards common prosperity."),
            ('标题含有"引号*和:冒号 NEAR 测试', 'A title with "quotes* and: colons NEAR tests'),
        ],
        pinned=True,
    ),
]


@pytest.fixture
def small(tmp_path: Path) -> Iterator[Memory]:
    with Memory.open(tmp_path / "memory.sqlite", create=True) as store:
        add_checked(store, SMALL, "test")
        yield store


@pytest.fixture(scope="session")
def corpus_memory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus in a memory (lexical alignment), built once per session."""
    path = tmp_path_factory.mktemp("tm") / "memory.sqlite"
    settings = Settings.resolve([ROOT / "corpus"], similarity="lexical")
    with Memory.open(path, create=True) as store:
        add_inputs(store, settings)
    return path
