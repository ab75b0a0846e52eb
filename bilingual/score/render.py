"""Rendering a :class:`~bilingual.score.metrics.ScoreReport` as text, JSON or a standalone HTML page.

Stage: output views of scoring. Each renderer is a pure function from the
report to a string, registered once in :data:`RENDERERS` (the CLI's
``--format`` choices come from it). Output is deterministic: no clock time,
no absolute paths beyond the ones given on the command line.

Text and HTML are for people and quote the versions' text: the text report is
made terminal-safe as a whole (:func:`bilingual.display.terminal_safe`, ESC
→ ``\\x1b``; it adds no escape sequences of its own), the HTML page shows
characters HTML cannot hold as visible stand-ins
(:func:`bilingual.display.html_text`), so it always parses. JSON keeps the
text exactly.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from bilingual.display import html_text, terminal_safe
from bilingual.model import EN, ZH
from bilingual.score.inputs import HOW, Version
from bilingual.score.metrics import DiffOp, ScoreReport, key_label

Renderer = Callable[[ScoreReport], str]


def _doc_label(report: ScoreReport, doc_id: str) -> str:
    return doc_id or report.ref.path.name


# Unchanged text kept around each edit in text and HTML diffs (words for en,
# characters for zh); the rest of a long unchanged run is shown as "…". JSON keeps all.
CONTEXT = {EN: 8, ZH: 16}


def elide(ops: tuple[DiffOp, ...], lang: str) -> tuple[DiffOp, ...]:
    """``ops`` with the middle of long unchanged runs replaced by "…"."""
    keep = CONTEXT.get(lang, 8)
    sep = "" if lang == ZH else " "
    out: list[DiffOp] = []
    for n, op in enumerate(ops):
        units: list[str] = list(op.text) if lang == ZH else op.text.split(" ")
        # A run's start follows the previous edit, its end precedes the next one.
        start = keep if n > 0 else 0
        end = keep if n < len(ops) - 1 else 0
        if op.op != "equal" or len(ops) == 1 or len(units) <= start + end + 1:
            out.append(op)
            continue
        parts = [*units[:start], "…", *units[len(units) - end :]]
        out.append(DiffOp("equal", sep.join(parts)))
    return tuple(out)


def diff_text(ops: tuple[DiffOp, ...], lang: str) -> str:
    """``[-deleted-]{+inserted+}`` inline, wdiff style; long unchanged runs elided."""
    sep = "" if lang == ZH else " "
    chunks: list[str] = []
    for op in elide(ops, lang):
        piece = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}[op.op].format(op.text)
        # A replacement reads as one edit: [-old-]{+new+} with nothing between.
        if op.op == "insert" and chunks and chunks[-1].endswith("-]"):
            chunks[-1] += piece
        else:
            chunks.append(piece)
    return sep.join(chunks)


def render_text(report: ScoreReport) -> str:
    ref, hyp = report.ref, report.hyp
    lines = [
        f"REF {ref.path} ({ref.kind}, {len(ref.units)} segments)",
        f"HYP {hyp.path} ({hyp.kind}, {len(hyp.units)} segments)",
        f"{len(report.segments)} segments scored; "
        f"target language {report.lang}, tokenizer {report.tokenizer}",
        f"segments: {report.matching}",
        f"signature: {report.signature}",
        "",
    ]
    width = max(len(m.name) for m in report.metrics)
    for metric in report.metrics:
        lines.append(f"{metric.name:<{width}} = {metric.score:6.2f}  {metric.signature}")
        if metric.detail:
            lines.append(f"{'':<{width}}   {metric.detail}")
    chrf_name = report.metrics[1].name
    labels = [_doc_label(report, d.doc_id) for d in report.documents]
    w = max([len("document"), *map(len, labels)])
    lines += ["", f"{'document':<{w}}  {'segs':>5}  {'BLEU':>6}  {chrf_name:>7}  {'TER':>6}"]
    for label, doc in zip(labels, report.documents, strict=True):
        lines.append(f"{label:<{w}}  {doc.segments:>5}  {doc.bleu:6.2f}  {doc.chrf:7.2f}  {doc.ter:6.2f}")
    if report.worst:
        lines += ["", f"Most edited segments (highest TER): [-{hyp.path.name}-]{{+{ref.path.name}+}}"]
        for rank, (seg, ops) in enumerate(report.worst, 1):
            lines.append(
                f"{rank:>3}. {key_label((seg.doc_id, seg.id))}  TER {seg.ter:.2f}  {chrf_name} {seg.chrf:.2f}"
            )
            lines.append(f"     {diff_text(ops, report.lang)}")
    if report.warnings:
        lines += ["", "Warnings:"]
        lines += [f"  {warning}" for warning in report.warnings]
    return terminal_safe("\n".join(lines) + "\n")


def as_dict(report: ScoreReport) -> dict[str, Any]:
    """The report as plain JSON-ready data (keys stable: scripts depend on them)."""

    def version(v: Any) -> dict[str, Any]:
        return {"path": str(v.path), "format": v.kind, "segments": len(v.units)}

    def key(k: tuple[str, str]) -> dict[str, str]:
        return {"doc_id": k[0], "id": k[1]}

    return {
        "signature": report.signature,
        "ref": version(report.ref),
        "hyp": version(report.hyp),
        "lang": report.lang,
        "tokenizer": report.tokenizer,
        "scored": len(report.segments),
        "matched_by": dict(zip(HOW, report.matched_by, strict=True)),
        "metrics": [
            {"name": m.name, "score": m.score, "signature": m.signature, "detail": m.detail}
            for m in report.metrics
        ],
        "documents": [
            {"doc_id": d.doc_id, "segments": d.segments, "bleu": d.bleu, "chrf": d.chrf, "ter": d.ter}
            for d in report.documents
        ],
        "segments": [
            {"doc_id": s.doc_id, "id": s.id, "chrf": s.chrf, "ter": s.ter, "ref": s.ref, "hyp": s.hyp}
            for s in report.segments
        ],
        "worst": [
            {
                "doc_id": s.doc_id,
                "id": s.id,
                "ter": s.ter,
                "chrf": s.chrf,
                "diff": [[op.op, op.text] for op in ops],
            }
            for s, ops in report.worst
        ],
        "only_in_ref": [key(k) for k in report.only_ref],
        "only_in_hyp": [key(k) for k in report.only_hyp],
        "warnings": list(report.warnings),
    }


def render_json(report: ScoreReport) -> str:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=2) + "\n"


_CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","Noto Sans SC",sans-serif;margin:2rem auto;max-width:60rem;
padding:0 1rem;color:#222;line-height:1.5}
table{border-collapse:collapse;margin:1rem 0;width:100%}
th,td{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
code{font-size:.85em;color:#555;word-break:break-all}
del{background:#fdd;color:#900}
ins{background:#dfd;color:#060;text-decoration:none}
.warn{background:#fff4d6;padding:.5rem 1rem}
"""


def diff_html(ops: tuple[DiffOp, ...], lang: str) -> str:
    sep = "" if lang == ZH else " "
    parts = []
    for op in elide(ops, lang):
        text = html_text(op.text)
        parts.append({"equal": text, "delete": f"<del>{text}</del>", "insert": f"<ins>{text}</ins>"}[op.op])
    return sep.join(parts)


def _version_html(version: Version) -> str:
    path = html_text(str(version.path))
    return f"<code>{path}</code> ({html_text(version.kind)}, {len(version.units)} segments)"


def render_html(report: ScoreReport) -> str:
    e = html_text
    lang_attr = "zh-Hans" if report.lang == ZH else "en"
    chrf_name = report.metrics[1].name
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Score: {e(report.hyp.path.name)} against {e(report.ref.path.name)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<h1>Version score</h1>",
        f"<p>REF {_version_html(report.ref)}<br>HYP {_version_html(report.hyp)}"
        f"<br>{len(report.segments)} segments scored ({e(report.matching)}); "
        f"target language {e(report.lang)}, "
        f"tokenizer {e(report.tokenizer)}<br>signature <code>{e(report.signature)}</code></p>",
        "<h2>Corpus</h2>",
        '<table><thead><tr><th>metric</th><th class="n">score</th><th>sacrebleu signature</th></tr></thead>',
        "<tbody>",
    ]
    for m in report.metrics:
        detail = f"<br><code>{e(m.detail)}</code>" if m.detail else ""
        out.append(
            f'<tr><td>{e(m.name)}</td><td class="n">{m.score:.2f}</td><td><code>{e(m.signature)}</code>'
            f"{detail}</td></tr>"
        )
    out += [
        "</tbody></table>",
        "<h2>Documents</h2>",
        '<table><thead><tr><th>document</th><th class="n">segments</th><th class="n">BLEU</th>'
        f'<th class="n">{e(chrf_name)}</th><th class="n">TER</th></tr></thead><tbody>',
    ]
    for d in report.documents:
        out.append(
            f'<tr><td>{e(_doc_label(report, d.doc_id))}</td><td class="n">{d.segments}</td>'
            f'<td class="n">{d.bleu:.2f}</td><td class="n">{d.chrf:.2f}</td>'
            f'<td class="n">{d.ter:.2f}</td></tr>'
        )
    out.append("</tbody></table>")
    if report.worst:
        out += [
            "<h2>Most edited segments</h2>",
            f"<p>Highest TER first; <del>only in {e(report.hyp.path.name)}</del>, "
            f"<ins>only in {e(report.ref.path.name)}</ins>.</p>",
            '<table><thead><tr><th>segment</th><th class="n">TER</th>'
            f'<th class="n">{e(chrf_name)}</th><th>changes</th></tr></thead><tbody>',
        ]
        for s, ops in report.worst:
            out.append(
                f"<tr><td><code>{e(key_label((s.doc_id, s.id)))}</code></td>"
                f'<td class="n">{s.ter:.2f}</td><td class="n">{s.chrf:.2f}</td>'
                f'<td lang="{lang_attr}">{diff_html(ops, report.lang)}</td></tr>'
            )
        out.append("</tbody></table>")
    if report.warnings:
        out.append('<h2>Warnings</h2><ul class="warn">')
        out += [f"<li>{e(w)}</li>" for w in report.warnings]
        out.append("</ul>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


# The one registry of report formats; the CLI's --format choices come from it.
RENDERERS: dict[str, Renderer] = {"text": render_text, "json": render_json, "html": render_html}
