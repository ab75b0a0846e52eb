"""Memory stage: concordance, a Chinese or English string anywhere in the memory (``tm search``).

The query's own characters decide the side, never a flag: a query with a Han
character, or without any word, is matched on the zh key
(:mod:`bilingual.memory.text`: simplified, NFKC, lower case, without spaces and
quotes) as a substring; otherwise on the English words, stemmed, as a phrase.
The store decides which index serves it (for SQLite: the bigram index for
every zh length, see :meth:`bilingual.memory.store.Memory.find`) and never
lets the query reach FTS5's query language as such, so ``"``, ``*``, ``:``,
``NEAR``, ``AND`` are searched as text. Hits come newest first with the total
count, which is the count of the index, not of the page.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import asdict, dataclass

from bilingual.memory.interface import MemoryStore, Query
from bilingual.memory.text import en_spans, en_words, has_han, zh_key, zh_spans

KWIC_ZH = 24  # characters of context each side of a zh match
KWIC_EN = 48
MARK = ("⟦", "⟧")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    doc_id: str
    date: str
    zh: str
    en: str
    zh_spans: tuple[tuple[int, int], ...]
    en_spans: tuple[tuple[int, int], ...]
    confidence: float
    verified: bool


@dataclass(frozen=True, slots=True)
class Result:
    query: str
    side: str  # zh | en
    index: str  # how the store served it: bigram | bigram+instr | scan | words
    total: int
    hits: tuple[Hit, ...]


def query_of(text: str) -> Query:
    """The side and search key of a query (see the module docstring)."""
    stems = [w.stem for w in en_words(text)]
    if has_han(text) or not stems:
        return Query("zh", zh_key(text))
    return Query("en", " ".join(stems))


def search(store: MemoryStore, query: str, limit: int = 50) -> Result:
    """The hits of ``query``, newest first, at most ``limit`` (0: all), and their total count."""
    q = query_of(query)
    found = store.find(q, limit or None)
    stems = q.key.split() if q.side == "en" else []
    hits = []
    for b in store.beads(found.keys):
        zs = tuple(zh_spans(b.zh, q.key)) if q.side == "zh" else ()
        es = tuple(en_spans(b.en, stems)) if q.side == "en" else ()
        hits.append(Hit(b.id, b.doc_id, b.date, b.zh, b.en, zs, es, round(b.score, 4), b.verified))
    return Result(query, q.side, found.index, found.total, tuple(hits))


# -- rendering ---------------------------------------------------------------------------------


def kwic(text: str, span: tuple[int, int] | None, width: int) -> tuple[str, str, str]:
    """(left context, match, right context), each on one line; the whole text when no span."""

    def flat(s: str) -> str:  # line breaks and runs of spaces as one space, edges kept
        return _SPACES.sub(" ", s)

    if span is None:
        whole = flat(text).strip()
        return "", "", whole if len(whole) <= 2 * width else whole[: 2 * width] + "…"
    left, match, right = flat(text[: span[0]]), flat(text[span[0] : span[1]]), flat(text[span[1] :])
    left = left if len(left) <= width else "…" + left[-width:]
    right = right if len(right) <= width else right[:width] + "…"
    return left, match, right


def _sides(hit: Hit) -> list[tuple[str, tuple[str, str, str]]]:
    return [
        ("zh", kwic(hit.zh, hit.zh_spans[0] if hit.zh_spans else None, KWIC_ZH)),
        ("en", kwic(hit.en, hit.en_spans[0] if hit.en_spans else None, KWIC_EN)),
    ]


def header(result: Result) -> str:
    shown = len(result.hits)
    more = f", showing the newest {shown}" if shown < result.total else ""
    return f"{result.total} hit(s) for {result.query!r} ({result.side}, {result.index} index{more})"


def render_text(result: Result) -> str:
    lines = [header(result)]
    for hit in result.hits:
        lines.append(f"{hit.date or '(no date)'}  {hit.id}" + ("  verified" if hit.verified else ""))
        for lang, (left, match, right) in _sides(hit):
            marked = f"{left}{MARK[0]}{match}{MARK[1]}{right}" if match else right
            lines.append(f"  {lang}: {marked}")
    return "\n".join(lines) + "\n"


def as_dict(hit: Hit) -> dict[str, object]:
    record = asdict(hit)
    record["zh_spans"] = [list(s) for s in hit.zh_spans]
    record["en_spans"] = [list(s) for s in hit.en_spans]
    return record


def render_json(result: Result) -> str:
    document = {
        "query": result.query,
        "side": result.side,
        "index": result.index,
        "total": result.total,
        "shown": len(result.hits),
        "hits": [as_dict(h) for h in result.hits],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render_jsonl(result: Result) -> str:
    return "".join(json.dumps(as_dict(h), ensure_ascii=False) + "\n" for h in result.hits)


def render_tsv(result: Result) -> str:
    """id, doc_id, date, side, left, match, right, other side: one hit a line (tabs and breaks as spaces)."""

    def cell(text: str) -> str:
        return " ".join(text.split())

    lines = ["id\tdoc_id\tdate\tside\tleft\tmatch\tright\tother"]
    for hit in result.hits:
        sides = dict(_sides(hit))
        left, match, right = sides[result.side]
        other = hit.en if result.side == "zh" else hit.zh
        lines.append(
            "\t".join(cell(c) for c in (hit.id, hit.doc_id, hit.date, result.side, left, match, right, other))
        )
    return "\n".join(lines) + "\n"


def render_html(result: Result) -> str:
    """A standalone page; every text goes through ``html.escape`` (quotes included)."""
    esc = html.escape
    rows = []
    for hit in result.hits:
        cells = []
        for lang, (left, match, right) in _sides(hit):
            marked = f"{esc(left)}<mark>{esc(match)}</mark>{esc(right)}" if match else esc(right)
            cells.append(f'<td lang="{lang}">{marked}</td>')
        rows.append(
            f'<tr id="{esc(hit.id)}"><td>{esc(hit.date)}</td><td><code>{esc(hit.id)}</code></td>'
            + "".join(cells)
            + "</tr>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{esc(result.query)} – concordance</title>"
        "<style>body{font-family:sans-serif}td{vertical-align:top;padding:2px 8px}"
        "mark{background:#ffe08a}</style></head><body>"
        f"<h1>{esc(header(result))}</h1><table><thead><tr><th>date</th><th>id</th><th>zh</th><th>en</th>"
        "</tr></thead><tbody>" + "\n".join(rows) + "</tbody></table></body></html>\n"
    )


RENDERERS = {
    "text": render_text,
    "json": render_json,
    "jsonl": render_jsonl,
    "tsv": render_tsv,
    "html": render_html,
}
