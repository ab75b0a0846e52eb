"""Glossary stage: the shared ignore list, ``.bilingual-ignore.toml`` (accepted findings).

A finding's ``id`` is a digest of its *fingerprint*: the check, the term id (or,
for figures, the expression as written), the verdict, the sentence pair
normalised (:func:`bilingual.model.fingerprint`: NFKC, no whitespace, case
folded) and the occurrence's index among equal findings of the pair (0-based).
So the id survives re-running, re-wrapping or moving the sentence, and changes
when a word of either sentence changes: an accepted finding then comes back
``open`` and its entry is reported stale.

The file lives at the corpus root (found by walking up from the checked files,
as the project file is) and holds one ``[[accepted]]`` table per entry::

    [[accepted]]
    id = "3f0c2a9e51d7b4c8"
    doc = "2023-07-01-red-boat-violations"
    check = "term"
    term = "T012"
    verdict = "case"
    occurrence = 0
    zh = "…"          # the sentences as they were, for people and for "stale" messages
    en = "…"
    reason = "a proper name in a quotation"
    date = "2026-12-04"

What this module does: ids (:func:`identify`), parsing (:func:`parse`, errors
with file:line), applying (:func:`apply`: accepted findings get their reason)
and writing entries (:func:`entry_text`). It does not decide where the file is
or when it is written (the CLI does), and it never drops a finding.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from bilingual.errors import InputError
from bilingual.glossary.fix import is_headline, suggestion
from bilingual.model import Finding, Term, Verdict, fingerprint
from bilingual.project import find_up, parse_toml, read_text

IGNORE_FILE = ".bilingual-ignore.toml"
_FIELDS = ("id", "doc", "check", "term", "verdict", "occurrence", "zh", "en", "reason", "date")
_REQUIRED = ("check", "term", "verdict", "zh", "en", "reason")


class IgnoreFileError(InputError):
    """A malformed ignore file: the message names the file and the line."""


def key_of(finding: Finding) -> str:
    """What a finding is about: the term id, or for figures and dates the expression as written."""
    if finding.check == "term":
        return finding.term
    return f"{finding.term}:{finding.found or ''}"


def digest(check: str, key: str, verdict: str, zh: str, en: str, occurrence: int) -> str:
    """The id of a fingerprint (16 hex digits)."""
    parts = (check, key, verdict, fingerprint(zh), fingerprint(en), str(occurrence))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def identify(findings: Sequence[Finding]) -> list[Finding]:
    """``findings`` with their ``id`` set (``ok`` findings keep none), in the same order.

    The occurrence index counts equal findings (same pair, check, key, verdict)
    in their order, so two ``missing`` of one term in one 3-1 bead get two ids.
    """
    return annotate(findings, {}, None)


@dataclass(frozen=True, slots=True)
class Entry:
    """One accepted finding as the ignore file records it; ``line`` is its ``[[accepted]]`` line."""

    id: str
    doc: str
    check: str
    term: str
    verdict: str
    occurrence: int
    zh: str
    en: str
    reason: str
    date: str = ""
    line: int | None = None


@dataclass(frozen=True, slots=True)
class IgnoreList:
    """The entries of one ignore file (none when there is no file), by id."""

    path: Path | None
    entries: tuple[Entry, ...] = ()

    def by_id(self) -> dict[str, Entry]:
        return {e.id: e for e in self.entries}


def parse(text: str, path: Path) -> IgnoreList:
    """Read an ignore file's text; a malformed one is an :class:`IgnoreFileError` with file:line."""
    data = parse_toml(text, path, IgnoreFileError)
    headers = [k + 1 for k, line in enumerate(text.splitlines()) if line.strip() == "[[accepted]]"]
    unknown = sorted(set(data) - {"accepted"})
    if unknown:
        key = re.escape(unknown[0])
        found = re.search(rf"^[ \t]*(?:\[\[?[ \t]*{key}[ \t]*[\].]|{key}[ \t]*[=.])", text, re.M)
        where = text.count("\n", 0, found.start()) + 1 if found else 1
        raise IgnoreFileError(f"unknown key {unknown[0]!r}; the file holds [[accepted]] tables", path, where)
    tables = data.get("accepted", [])
    if not isinstance(tables, list):
        raise IgnoreFileError("accepted must be an array of tables ([[accepted]])", path, 1)
    entries: list[Entry] = []
    for k, table in enumerate(tables):
        line = headers[k] if k < len(headers) else None
        if not isinstance(table, dict):
            raise IgnoreFileError("an entry must be a table ([[accepted]])", path, line)
        strange = sorted(set(table) - set(_FIELDS))
        if strange:
            raise IgnoreFileError(f"unknown key {strange[0]!r}; known: {', '.join(_FIELDS)}", path, line)
        absent = [name for name in _REQUIRED if name not in table]
        if absent:
            raise IgnoreFileError(f"entry without {', '.join(absent)}", path, line)
        types = {n: int if n == "occurrence" else str for n in _FIELDS}
        wrong = [n for n in _FIELDS if n in table and not isinstance(table[n], types[n])]
        if wrong or isinstance(table.get("occurrence"), bool):
            raise IgnoreFileError(f"{(wrong or ['occurrence'])[0]} has the wrong type", path, line)
        if table["verdict"] not in {v.value for v in Verdict}:
            raise IgnoreFileError(f"unknown verdict {table['verdict']!r}", path, line)
        occurrence = table.get("occurrence", 0)
        key_id = digest(table["check"], table["term"], table["verdict"], table["zh"], table["en"], occurrence)
        entries.append(
            Entry(
                id=key_id,
                doc=table.get("doc", ""),
                check=table["check"],
                term=table["term"],
                verdict=table["verdict"],
                occurrence=occurrence,
                zh=table["zh"],
                en=table["en"],
                reason=table["reason"],
                date=table.get("date", ""),
                line=line,
            )
        )
    return IgnoreList(path, tuple(entries))


def load(path: Path) -> IgnoreList:
    """Read and parse ``path`` (UTF-8)."""
    return parse(read_text(path, IgnoreFileError), path)


def find(start: Path) -> Path | None:
    """The nearest ``.bilingual-ignore.toml`` in ``start`` (a folder or a file's folder) or above it."""
    return find_up(start, IGNORE_FILE)


def apply(findings: Iterable[Finding], ignore: IgnoreList) -> list[Finding]:
    """``findings`` (ids set) with those the list accepts marked: ``accepted`` holds the reason."""
    accepted = ignore.by_id()
    out: list[Finding] = []
    for f in findings:
        entry = accepted.get(f.id) if f.id else None
        out.append(replace(f, accepted=entry.reason) if entry is not None else f)
    return out


def stale(ignore: IgnoreList, seen: Iterable[str], documents: Iterable[str]) -> list[Entry]:
    """Entries of the checked documents that no finding matched: their sentence changed or is gone.

    An entry of a document that was not checked is not stale (a check of one
    pair says nothing about the rest of the corpus); an entry without ``doc`` is
    judged whenever anything was checked.
    """
    ids, docs = set(seen), set(documents)
    return [e for e in ignore.entries if e.id not in ids and (not e.doc or e.doc in docs)]


def _toml(value: str | int) -> str:
    # A JSON string is a TOML basic string (JSON escapes are a subset of TOML's, ``\/`` aside,
    # which json.dumps never writes); ensure_ascii=False keeps Chinese readable.
    return str(value) if isinstance(value, int) else json.dumps(value, ensure_ascii=False)


def entry_of(finding: Finding, reason: str, date: str) -> Entry:
    """The entry accepting ``finding`` (its id set by :func:`identify`)."""
    key = key_of(finding)
    group_id = finding.id
    occurrence = 0
    for k in range(1000):  # the occurrence is the one whose digest is the finding's id
        if digest(finding.check, key, finding.verdict.value, finding.zh, finding.en, k) == group_id:
            occurrence = k
            break
    return Entry(
        id=group_id,
        doc=finding.doc_id,
        check=finding.check,
        term=key,
        verdict=finding.verdict.value,
        occurrence=occurrence,
        zh=finding.zh,
        en=finding.en,
        reason=reason,
        date=date,
    )


def entry_text(entry: Entry) -> str:
    """One ``[[accepted]]`` table, to append to the file."""
    values: Mapping[str, str | int] = {
        "id": entry.id,
        "doc": entry.doc,
        "check": entry.check,
        "term": entry.term,
        "verdict": entry.verdict,
        "occurrence": entry.occurrence,
        "zh": entry.zh,
        "en": entry.en,
        "reason": entry.reason,
        "date": entry.date,
    }
    return "\n[[accepted]]\n" + "".join(f"{k} = {_toml(v)}\n" for k, v in values.items())


HEADER = (
    "# Findings accepted as correct (false positives), shared by everyone who checks this corpus.\n"
    '# Add one with: bilingual check CORPUS --accept FINDING_ID --reason "why"\n'
)


HEADLINE_REASON = "case in a headline (--ignore-case-in-headlines)"


def annotate(
    findings: Sequence[Finding],
    terms: Mapping[str, Term],
    ignore: IgnoreList | None,
    *,
    headlines: bool = False,
) -> list[Finding]:
    """What the pipeline adds to the checks' findings: ids (see :func:`identify`), the term's
    severity and suggested rendering (:func:`bilingual.glossary.fix.suggestion`), acceptance.

    ``terms``: the glossary by term id. ``headlines``: ``case`` findings in an
    all-caps or title-case English line are accepted with :data:`HEADLINE_REASON`.
    Then the ignore list's entries. One new finding each (this runs on every
    finding of a 100,000-pair check): fingerprints are computed once a pair.
    """
    accepted = ignore.by_id() if ignore is not None and ignore.entries else {}
    seen: dict[tuple[str, str, str, str, str], int] = {}
    prints: dict[tuple[str, str], tuple[str, str]] = {}
    out: list[Finding] = []
    for f in findings:
        if f.verdict is Verdict.OK:
            out.append(f)
            continue
        key = key_of(f)
        group = (f.doc_id, f.segment, f.check, key, f.verdict.value)
        k = seen.get(group, 0)
        seen[group] = k + 1
        pair = (f.zh, f.en)
        both = prints.get(pair)
        if both is None:
            both = prints[pair] = (fingerprint(f.zh), fingerprint(f.en))
        parts = (f.check, key, f.verdict.value, both[0], both[1], str(k))
        ident = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]
        severity, suggested, reason = f.severity, f.suggestion, f.accepted
        if f.check == "term":
            term = terms.get(f.term)
            if term is not None:
                severity = term.severity
                suggested = suggestion(f, term)
            if headlines and reason is None and f.verdict is Verdict.CASE and is_headline(f.en):
                reason = HEADLINE_REASON
        entry = accepted.get(ident)
        if entry is not None:
            reason = entry.reason
        out.append(
            Finding(
                f.segment,
                f.term,
                f.verdict,
                f.zh,
                f.en,
                f.zh_span,
                f.en_span,
                f.expected,
                f.found,
                f.message,
                f.doc_id,
                f.check,
                ident,
                reason,
                severity,
                suggested,
            )
        )
    return out
