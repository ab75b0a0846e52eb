"""JSON Lines, one aligned pair per line, for scripts and the glossary check: written and read back.

The one vocabulary of ``align --format jsonl`` and ``export --to jsonl``; each
line is an object with the keys, in this order:

``id`` (bead id, or the unit id the pair was read with), ``doc_id``,
``zh_ids``, ``en_ids`` (0-based segment ids of the bead), ``zh``, ``en``,
``confidence`` (the bead's score, rounded to 4 places), ``low_confidence``
(confidence below the context's threshold and not pinned), ``pinned``,
``findings`` (glossary findings as :func:`finding_json` writes them).

JSON escapes control characters (``\\u0004``), so text is kept exactly. A lone
surrogate (not a character; strict JSON and UTF-8 readers refuse it) is
written as U+FFFD and reported as a CONTROL_CHAR finding, as TSV does.

The reader needs only ``id``, ``zh`` and ``en`` (``doc_id`` optional, else
the document part of a bead id); when ``zh_ids`` and ``en_ids`` are there
(with ``confidence`` and ``pinned``), they rebuild the bead, otherwise the
bead is the placeholder ``[n]:[n]``. Blank lines are skipped.

Reading, lone surrogates: JSON can spell one (``"\\ud800"``) but it is not a
character, cannot be encoded as UTF-8 and would break every later stage. The
reader replaces each with U+FFFD ``\ufffd`` (visible, so the sentence still
reads and the bad spot can be found) and logs a warning naming the file, the
line and the field; other control characters are kept as written (writers
report those they cannot hold, see :mod:`bilingual.formats.markup`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from bilingual.errors import InputError
from bilingual.formats.markup import REPLACEMENT, SURROGATE, control_findings
from bilingual.formats.reading import refuse_repeated
from bilingual.formats.registry import ExportContext, Format, register
from bilingual.io import read_lines
from bilingual.model import AlignedPair, Bead, Checked, Finding, doc_of_id

log = logging.getLogger(__name__)


def finding_json(finding: Finding) -> dict[str, Any]:
    """A finding as the glossary check's JSONL writes it (spans as lists or null)."""
    return {
        "segment": finding.segment,
        "term": finding.term,
        "verdict": finding.verdict.value,
        "zh_span": list(finding.zh_span) if finding.zh_span else None,
        "en_span": list(finding.en_span) if finding.en_span else None,
        "expected": list(finding.expected),
        "found": finding.found,
        "message": finding.message,
    }


def record(pair: AlignedPair, findings: Sequence[Finding], context: ExportContext) -> dict[str, Any]:
    """The JSON object of one pair (keys in the documented order)."""
    bead = pair.bead
    return {
        "id": pair.id,
        "doc_id": pair.doc_id,
        "zh_ids": list(bead.zh),
        "en_ids": list(bead.en),
        "zh": pair.zh,
        "en": pair.en,
        "confidence": round(bead.score, 4),
        "low_confidence": context.is_low(bead.score, bead.pinned),
        "pinned": bead.pinned,
        "findings": [finding_json(f) for f in findings],
    }


def write_pairs(
    pairs: Iterable[tuple[AlignedPair, Sequence[Finding]]], context: ExportContext, out: BinaryIO
) -> None:
    """One line per (pair, its findings): what the registered writer and ``align`` share."""
    for pair, findings in pairs:
        line = json.dumps(record(pair, findings, context), ensure_ascii=False)
        if SURROGATE.search(line):  # in the text (reported) or an id (a file name's undecodable byte)
            context.report(control_findings(pair, pattern=SURROGATE))
            line = SURROGATE.sub(REPLACEMENT, line)
        out.write(line.encode("utf-8") + b"\n")


def write_jsonl(items: Iterable[Checked], context: ExportContext, out: BinaryIO) -> None:
    """JSON Lines, one aligned pair per line (check input)."""
    for item in items:
        by_pair = item.by_pair()
        write_pairs(((p, by_pair.get(p.id, ())) for p in item.alignment.pairs()), context, out)


def _ids(value: object) -> tuple[int, ...] | None:
    if isinstance(value, list) and all(isinstance(i, int) and not isinstance(i, bool) for i in value):
        return tuple(value)
    return None


def _bead(record: dict[str, Any], number: int) -> Bead:
    zh, en = _ids(record.get("zh_ids")), _ids(record.get("en_ids"))
    if zh is None or en is None:
        return Bead((number,), (number,))
    confidence = record.get("confidence")
    score = (
        float(confidence) if isinstance(confidence, int | float) and not isinstance(confidence, bool) else 1.0
    )
    return Bead(zh, en, score, record.get("pinned") is True)


def _characters(obj: dict[str, Any], path: Path, number: int) -> None:
    """Replace lone surrogates in the string fields the reader uses by U+FFFD, with a warning."""
    for key in ("id", "doc_id", "zh", "en"):
        value = obj.get(key)
        if isinstance(value, str) and SURROGATE.search(value):
            found = len(SURROGATE.findall(value))
            log.warning(
                "%s:%d: %r holds %d lone surrogate(s) (not characters); replaced by U+FFFD",
                path,
                number,
                key,
                found,
            )
            obj[key] = SURROGATE.sub(REPLACEMENT, value)


_RAW = json.JSONDecoder().raw_decode


def _load(line: str) -> Any:
    """``json.loads(line)``, for the common line (an object from its first character to its
    last) without the two frames and two white-space matches around the decoder: 0.12 s
    instead of 0.23 s for 100,000 lines. Any other line is json.loads's to read or refuse."""
    try:
        obj, end = _RAW(line)
    except json.JSONDecodeError:
        return json.loads(line)  # white space before the object, or the error json.loads names
    return obj if end == len(line) else json.loads(line)  # white space after it (CRLF), or more


def read_jsonl(path: Path) -> list[AlignedPair]:
    """The pairs of a JSON Lines file (see the module docstring for the keys).

    Written for speed (about 190,000 lines a second; ``bilingual check
    pairs.jsonl`` reads, checks and reports 100,000 pairs in a few seconds):
    a line costs one call of the JSON decoder and a few dict lookups; lone surrogates
    are looked for only in lines holding a ``\\u`` escape (strict UTF-8
    decoding admits none from the file's bytes).
    """
    pairs: list[AlignedPair] = []
    append = pairs.append
    seen: dict[tuple[str, str], int] = {}
    for number, line in enumerate(read_lines(path), 1):
        try:
            obj = _load(line)
        except json.JSONDecodeError as exc:
            if not line.strip():
                continue
            raise InputError(f"column {exc.colno}: not JSON: {exc.msg}", path, number) from exc
        if type(obj) is not dict:
            raise InputError('expected an object {"id": ..., "zh": ..., "en": ...}', path, number)
        get = obj.get
        pair_id, zh, en = get("id"), get("zh"), get("en")
        if not (type(pair_id) is str and type(zh) is str and type(en) is str):
            missing = [k for k in ("id", "zh", "en") if not isinstance(get(k), str)]
            raise InputError(f"missing or non-string field(s): {', '.join(missing)}", path, number)
        # A lone surrogate can only come from a \u escape: UTF-8 decoding refused any in the bytes.
        if "\\u" in line:
            _characters(obj, path, number)
            pair_id, zh, en = obj["id"], obj["zh"], obj["en"]
        doc = get("doc_id")
        if not (type(doc) is str and doc):
            doc = doc_of_id(pair_id)
        refuse_repeated(seen, doc, pair_id, path, number)
        n = len(pairs)
        append(AlignedPair(pair_id, zh, en, _bead(obj, n) if "zh_ids" in obj else Bead((n,), (n,)), doc))
    return pairs


FORMAT = register(
    Format(
        name="jsonl",
        suffixes=(".jsonl",),
        per_document=False,
        description="JSON Lines, one aligned pair per line (check input)",
        write=write_jsonl,
        read=read_jsonl,
    )
)
