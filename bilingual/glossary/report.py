"""Glossary stage, output: rendering findings as text, JSON, JSONL or an HTML page.

Pure functions from findings to a string; the CLI decides where it goes and
whether colour is wanted (a TTY and no ``NO_COLOR``). Every report but JSONL
carries the signature (package version, glossary checksum); JSONL is one
finding per line so that other tools can stream it.

Text and HTML are for people, and bulletin text may hold anything: the text
report escapes control characters (ESC → ``\\x1b``, see
:func:`bilingual.display.terminal_safe`) before it adds its own colour codes;
the HTML page shows characters HTML cannot hold as visible stand-ins
(:func:`bilingual.display.html_text`), so it always parses. JSON and JSONL
keep the text exactly (JSON escapes controls itself).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from bilingual.display import html_text, terminal_safe
from bilingual.model import Alignment, Bead, Document, Finding, Verdict

# Where a finding's sentence is, by (document id, pair id): "en/x.txt:12", or the path alone.
Locations = Mapping[tuple[str, str], str]

VERDICT_ORDER = (
    Verdict.SPOOFED,
    Verdict.FORBIDDEN,
    Verdict.MISSING,
    Verdict.CASE,
    Verdict.UNEXPECTED,
    Verdict.OK,
)
_COLOURS = {
    Verdict.SPOOFED: "\x1b[1;41m",
    Verdict.FORBIDDEN: "\x1b[1;31m",
    Verdict.MISSING: "\x1b[1;35m",
    Verdict.CASE: "\x1b[1;33m",
    Verdict.UNEXPECTED: "\x1b[1;36m",
    Verdict.OK: "\x1b[1;32m",
}
_RESET = "\x1b[0m"


def as_dict(
    finding: Finding, *, notes: Mapping[str, str] | None = None, locations: Locations | None = None
) -> dict[str, Any]:
    """The JSON form of a finding; ``id``, ``status`` (``open``/``accepted``, with ``reason``),
    ``severity`` and ``suggestion`` are always there, ``note`` and ``location`` when known."""
    record: dict[str, Any] = {
        "id": finding.id,
        "segment": finding.segment,
        "doc_id": finding.doc_id,
        "check": finding.check,
        "term": finding.term,
        "verdict": finding.verdict.value,
        "zh": finding.zh,
        "en": finding.en,
        "zh_span": list(finding.zh_span) if finding.zh_span else None,
        "en_span": list(finding.en_span) if finding.en_span else None,
        "expected": list(finding.expected),
        "found": finding.found,
        "message": finding.message,
        "suggestion": finding.suggestion,
        "severity": finding.severity,
        "status": finding.status,
    }
    if finding.accepted is not None:
        record["reason"] = finding.accepted
    note = notes.get(finding.term) if notes and finding.check == "term" else None
    if note:
        record["note"] = note
    where = locations.get((finding.doc_id, finding.segment)) if locations else None
    if where:
        record["location"] = where
    return record


def _line_of(document: Document, offset: int) -> int:
    """The 1-based line of ``offset`` in the document's text (its file's line for txt and md)."""
    return document.text.count("\n", 0, offset) + 1


def locate(alignment: Alignment, pair_ids: Iterable[str] | None = None) -> dict[tuple[str, str], str]:
    """Where each pair's sentence is: the English file and the line of the pair's first English
    segment (else the Chinese one's); for HTML bulletins and files of pairs the path alone.

    ``pair_ids``: only these pairs (the ones with findings), else all.
    """
    wanted = set(pair_ids) if pair_ids is not None else None
    found: dict[tuple[str, str], str] = {}
    doc = alignment.id
    for pair_id, bead in zip(alignment.pair_ids(), alignment.beads, strict=True):
        if wanted is not None and pair_id not in wanted:
            continue
        side, ids = (alignment.en, bead.en) if bead.en else (alignment.zh, bead.zh)
        if side.path is None:
            continue
        if side.format in ("txt", "md") and ids:
            found[(doc, pair_id)] = f"{side.path}:{_line_of(side, side.segments[ids[0]].start)}"
        else:
            found[(doc, pair_id)] = str(side.path)
    return found


def failing_kind(finding: Finding) -> bool:
    """Whether a finding can fail a check at all: open, an error, not ``ok``."""
    return finding.accepted is None and finding.severity == "error" and finding.verdict is not Verdict.OK


def counts(findings: Iterable[Finding]) -> dict[str, int]:
    """Findings per verdict, every glossary verdict present (0 when none), in severity order.

    Control characters found in the input (``control-char``) come last, only when there are some;
    accepted findings are counted apart (``accepted``), only when there are some.
    """
    tally: Counter[Verdict] = Counter()
    accepted = 0
    for f in findings:
        if f.accepted is None:
            tally[f.verdict] += 1
        else:
            accepted += 1
    found = {v.value: tally.get(v, 0) for v in VERDICT_ORDER}
    if tally.get(Verdict.CONTROL_CHAR):
        found[Verdict.CONTROL_CHAR.value] = tally[Verdict.CONTROL_CHAR]
    if accepted:
        found["accepted"] = accepted
    return found


def _by_document(findings: Sequence[Finding]) -> dict[str, list[Finding]]:
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.doc_id or "(no document)", []).append(f)
    return groups


def _mark(text: str, span: tuple[int, int] | None, colour: str | None) -> str:
    """One side, whitespace runs collapsed, the span marked; every piece terminal-safe."""
    safe = terminal_safe
    if span is None:
        return " ".join(safe(text).split())
    start, end = span
    left, right = (colour, _RESET) if colour else ("[[", "]]")
    pieces = (safe(text[:start]), safe(text[start:end]), safe(text[end:]))
    # Collapse whitespace in the text only, never inside the marks.
    before, term, after = (" ".join(p.split()) for p in pieces)
    before += " " if pieces[0][-1:].isspace() and before else ""
    after = (" " if pieces[2][:1].isspace() and after else "") + after
    return f"{before}{left}{term}{right}{after}"


def render_text(
    findings: Sequence[Finding],
    *,
    signature: str = "",
    color: bool = False,
    notes: Mapping[str, str] | None = None,
    locations: Locations | None = None,
) -> str:
    """Grouped by document; the term marked in both sentences; counts at the end.

    Text from the input (ids, terms, sentences, messages) is escaped with
    :func:`~bilingual.display.terminal_safe`, then coloured: the only escape
    sequences in the result are the colours asked for.
    """
    safe = terminal_safe
    lines: list[str] = []
    for doc, group in _by_document(findings).items():
        lines.append(f"== {safe(doc)}")
        for f in group:
            colour = _COLOURS.get(f.verdict) if color else None
            label = f"{colour}{f.verdict.value}{_RESET}" if colour else f.verdict.value
            if f.accepted is not None:
                label = f"accepted {f.verdict.value}"
            elif f.severity != "error":
                label += f" ({f.severity})"
            where = locations.get((f.doc_id, f.segment)) if locations else None
            head = f"{safe(f.segment)}  {safe(where)}" if where else safe(f.segment)
            lines.append(f"{head}  {label}  {safe(f.term)}: {safe(f.message, newlines=False)}")
            lines.append(f"  zh: {_mark(f.zh, f.zh_span, colour)}")
            lines.append(f"  en: {_mark(f.en, f.en_span, colour)}")
            note = notes.get(f.term) if notes and f.check == "term" else None
            if note:
                lines.append(f"  note: {safe(note, newlines=False)}")
            if f.accepted is not None:
                lines.append(f"  accepted: {safe(f.accepted, newlines=False)}")
            if f.id:
                lines.append(f"  id: {f.id}")
        lines.append("")
    tally = counts(findings)
    summary = "  ".join(f"{k}: {v}" for k, v in tally.items() if v or k != Verdict.OK.value)
    lines.append(f"{len(findings)} finding(s)  {summary}")
    if signature:
        lines.append(safe(signature))
    return "\n".join(lines) + "\n"


_encode = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(..., ensure_ascii=False), made once


def render_jsonl(
    findings: Iterable[Finding],
    *,
    notes: Mapping[str, str] | None = None,
    locations: Locations | None = None,
    beads: Mapping[tuple[str, str], Bead] | None = None,
) -> str:
    """One finding a line; with ``beads`` (by doc id and pair id), each line also carries its
    bead's sentence ids and confidence, in the words align and export use."""
    lines = []
    for finding in findings:
        record = as_dict(finding, notes=notes, locations=locations)
        bead = beads.get((finding.doc_id, finding.segment)) if beads else None
        if bead is not None:
            record.update(zh_ids=list(bead.zh), en_ids=list(bead.en), confidence=round(bead.score, 4))
        lines.append(_encode(record) + "\n")
    return "".join(lines)


def render_json(
    findings: Sequence[Finding],
    *,
    signature: str = "",
    pairs: int | None = None,
    notes: Mapping[str, str] | None = None,
    locations: Locations | None = None,
    stale: Sequence[Mapping[str, Any]] = (),
) -> str:
    document: dict[str, Any] = {
        "signature": signature,
        "pairs": pairs,
        "counts": counts(findings),
        "findings": [as_dict(f, notes=notes, locations=locations) for f in findings],
    }
    if stale:
        document["stale"] = list(stale)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;vertical-align:top;
text-align:left}mark{padding:0 .15rem;border-radius:.2rem}.forbidden mark,.v-forbidden{background:#fcc}
.spoofed mark,.v-spoofed{background:#f99}
.missing mark,.v-missing{background:#f6d5f6}.case mark,.v-case{background:#ffe9a8}
.unexpected mark,.v-unexpected{background:#cdeef6}.ok mark,.v-ok{background:#d4f4d4}
.v{font-weight:bold;padding:0 .3rem;border-radius:.2rem}footer{color:#666;font-size:.85rem;margin-top:2rem}
.loc,.note,.accepted{color:#555;font-size:.85rem}
@media print{body{margin:0;max-width:none}}
""".strip()


def _html_marked(text: str, span: tuple[int, int] | None) -> str:
    if span is None:
        return html_text(text)
    start, end = span
    return html_text(text[:start]) + "<mark>" + html_text(text[start:end]) + "</mark>" + html_text(text[end:])


def render_html(
    findings: Sequence[Finding],
    *,
    signature: str = "",
    title: str = "Glossary check",
    notes: Mapping[str, str] | None = None,
    locations: Locations | None = None,
) -> str:
    """A standalone page (inline CSS, no script, no external resource); always valid HTML."""
    esc = html_text
    tally = counts(findings)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title><style>{_CSS}</style></head>",
        f"<body><h1>{esc(title)}</h1>",
        "<p>" + ", ".join(f'<span class="v v-{k}">{k}</span> {v}' for k, v in tally.items()) + "</p>",
    ]
    if not findings:
        parts.append("<p>No findings: every glossary term is rendered as the glossary says.</p>")
    for doc, group in _by_document(findings).items():
        parts.append(
            f"<h2>{esc(doc)}</h2><table><thead><tr><th>Segment</th><th>Verdict</th>"
            "<th>Chinese</th><th>English</th><th>What to do</th></tr></thead><tbody>"
        )
        for f in group:
            where = locations.get((f.doc_id, f.segment)) if locations else None
            place = f'<br><span class="loc">{esc(where)}</span>' if where else ""
            note = notes.get(f.term) if notes and f.check == "term" else None
            todo = esc(f.message)
            if note:
                todo += f'<br><span class="note">Glossary note: {esc(note)}</span>'
            if f.accepted is not None:
                todo += f'<br><span class="accepted">Accepted: {esc(f.accepted)}</span>'
            status = "<br>accepted" if f.accepted is not None else ""
            verdict = f'<span class="v v-{f.verdict.value}">{f.verdict.value}</span>'
            parts.append(
                f'<tr class="{f.verdict.value}"><td>{esc(f.segment)}{place}</td>'
                f"<td>{verdict}{status}<br>{esc(f.term)}</td>"
                f'<td lang="zh-Hans">{_html_marked(f.zh, f.zh_span)}</td>'
                f'<td lang="en">{_html_marked(f.en, f.en_span)}</td><td>{todo}</td></tr>'
            )
        parts.append("</tbody></table>")
    parts.append(f"<footer>{esc(signature)}</footer></body></html>")
    return "\n".join(parts) + "\n"


RENDERERS = ("text", "json", "jsonl", "html", "xlsx")
