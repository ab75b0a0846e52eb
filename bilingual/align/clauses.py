"""Align stage, clause evidence: the first and the last clause of a Chinese sentence.

A Chinese sentence often chains clauses with commas where an English
translation makes several sentences, and the short English sentence at the
edge of a bead ("'On guard!'", after a long zh sentence that ends
``道：“好，你上来！”``) is where most alignment errors are: added to a window
it barely moves the window's vector, so the sentence-level score cannot tell
which bead it belongs to. The zh clause it translates can. So every zh
sentence also gets a vector for its opening and its closing clauses, and
:class:`~bilingual.align.costs.Scorer` rewards a bead whose first English
sentence is closer to its first zh clause than to the last clause of the zh
sentence before it, and likewise at its end.

A "clause" runs to the next ， ； ： or sentence-internal ！？。 (quotes kept),
and is extended by the next clause until it holds at least ``MIN_HAN``
characters, so a bare ``道：`` is never one. A sentence of one clause is its
own first and last clause: it costs no extra embedding.
"""

from __future__ import annotations

import functools

import regex

MIN_HAN = 4
_CLAUSE = regex.compile(r"[^，；：,;:。！？!?]*[，；：,;:。！？!?”」』’）)]*")
_HAN = regex.compile(r"\p{Han}")


def count(sentence: str) -> int:
    """How many clauses a zh sentence has, as punctuated (short ones not merged)."""
    return sum(1 for c in _CLAUSE.findall(sentence) if c.strip())


@functools.lru_cache(maxsize=1 << 16)
def edge_clauses(sentence: str) -> tuple[str, str]:
    """(opening, closing) clauses of a zh sentence, each with at least ``MIN_HAN`` Han characters."""
    clauses = [c for c in _CLAUSE.findall(sentence) if c.strip()]
    return _take(clauses, sentence), _take(clauses[::-1], sentence, backwards=True)


def _take(clauses: list[str], sentence: str, *, backwards: bool = False) -> str:
    text = ""
    for clause in clauses:
        text = clause + text if backwards else text + clause
        if len(_HAN.findall(text)) >= MIN_HAN:
            break
    text = text.strip()
    return text if text and len(text) < len(sentence.strip()) else sentence
