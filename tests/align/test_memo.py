"""The aligner's memo: a re-alignment with other pins reuses what they leave alone; the beads are the same."""

from __future__ import annotations

from bilingual.align import AlignConfig, align_documents
from bilingual.align.memo import Memo
from bilingual.model import Bead
from bilingual.pipeline import Settings, prepare
from tests.conftest import CORPUS

NAME = "2023-02-14-grassroots-safety"


def _beads(beads: tuple[Bead, ...]) -> list[tuple[tuple[int, ...], tuple[int, ...], float, bool]]:
    return [(b.zh, b.en, b.score, b.pinned) for b in beads]


def test_the_same_beads_with_and_without_a_memo_whatever_the_pins() -> None:
    settings = Settings.resolve([CORPUS], similarity="lexical")
    pair = next(p for p in settings.inputs.pairs if p.id == NAME)
    read = prepare(settings, pair)
    terms = settings.glossary.terms if settings.glossary else ()
    config = settings.config
    plain = align_documents(read.zh, read.en, config, terms=terms).beads
    # Pin sets an editor makes one after the other: a merge, a split, a 1-0 bead, then none again.
    merged = Bead(plain[3].zh + plain[4].zh, plain[3].en + plain[4].en, pinned=True)
    first = Bead(plain[6].zh[:1], plain[6].en, pinned=True)
    alone = Bead(plain[6].zh[1:], (), pinned=True) if len(plain[6].zh) > 1 else None
    sets = [[merged], [merged, first, *([alone] if alone else [])], [Bead(plain[0].zh, (), pinned=True)], []]
    memo = Memo()
    for pins in sets:
        expected = align_documents(read.zh, read.en, config, pins, terms=terms).beads
        got = align_documents(read.zh, read.en, config, pins, terms=terms, memo=memo).beads
        assert _beads(got) == _beads(expected)
    assert memo.hits > 0  # gaps the pins left alone, and the first pass's evidence, were reused


def test_other_texts_or_settings_forget_what_was_kept() -> None:
    memo = Memo()
    memo.bind(("a",))
    assert memo.get("k", lambda: 1) == 1 and memo.get("k", lambda: 2) == 1
    memo.bind(("a",))
    assert memo.get("k", lambda: 3) == 1
    memo.bind(("b",))
    assert memo.get("k", lambda: 4) == 4
    semantic = AlignConfig(similarity="lexical", skip=-2.0)
    memo.bind(("b", semantic))
    assert memo.get("k", lambda: 5) == 5


def test_a_memo_keeps_at_most_its_limit() -> None:
    memo = Memo(limit=2, large=1)
    for k in range(3):
        memo.get(k, lambda k=k: k)
    assert memo.get(0, lambda: "again") == "again"  # the oldest went first
    memo.get("big", lambda: 1, large=True)
    memo.get("bigger", lambda: 2, large=True)
    assert memo.get("big", lambda: 3, large=True) == 3
