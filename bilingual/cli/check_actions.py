"""What ``bilingual check`` does besides reporting: --fix (correct the English bulletins),
--accept (add to the shared ignore list), and the warnings about stale ignore entries.

File I/O for the glossary stage's pure parts (:mod:`bilingual.glossary.fix`,
:mod:`bilingual.glossary.ignore`): reading the bulletins' bytes, writing the
corrected files and the ignore file. Errors are typed (exit 2); warnings go to
standard error.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

import click

from bilingual.cli.progress import Progress
from bilingual.glossary import ignore as ignoring
from bilingual.io import write_atomic
from bilingual.model import Finding
from bilingual.pipeline import Settings, run


def stale_entries(
    settings: Settings, findings: Iterable[Finding], documents: Iterable[str]
) -> list[dict[str, object]]:
    """The ignore list's entries that no finding of the checked documents matched, warned about."""
    ignore = settings.ignore
    if ignore is None or not ignore.entries:
        return []
    found = ignoring.stale(ignore, (f.id for f in findings), documents)
    for entry in found:
        where = f"{ignore.path}:{entry.line}" if entry.line else str(ignore.path)
        click.echo(
            f"warning: {where}: stale entry ({entry.doc or 'any document'}, {entry.check} {entry.term}, "
            f"{entry.verdict}): no such finding now; its sentence changed or is gone: remove it",
            err=True,
        )
    return [
        {"id": e.id, "doc": e.doc, "check": e.check, "term": e.term, "verdict": e.verdict, "line": e.line}
        for e in found
    ]


def _put(data: bytes, out: BinaryIO) -> None:
    out.write(data)


def fix_bulletins(
    settings: Settings, output: Path | None, *, in_place: bool, progress: Progress | None = None
) -> list[Finding]:
    """``check --fix``: every English bulletin with its findings' suggestions applied.

    All or nothing: every file is read, planned and verified (unchanged since
    the check, writable) before the first one is written. Returns the findings
    left (not fixed), for the exit status.
    """
    import difflib
    import hashlib

    from bilingual.errors import ExportError, InputError
    from bilingual.glossary import fix as fixing

    if not settings.inputs.aligned:
        raise click.UsageError("--fix corrects bulletins: give a corpus folder or two bulletins")
    root = settings.inputs.root
    target = output or Path("build") / "fixed"
    planned: list[tuple[Path, bytes, str, bytes]] = []  # file, bytes read, encoding, new bytes
    left: list[Finding] = []
    for item in run(settings, progress):
        document = item.alignment.en
        path = document.path
        if path is None:
            continue
        if not in_place:
            corpus = (root or path.parent).resolve()
            if target.resolve().is_relative_to(corpus):
                raise click.UsageError(
                    f"-o {target} is inside the corpus ({corpus}): corrected copies there would be "
                    "paired as bulletins; choose a folder outside it, or --in-place"
                )
        raw = path.read_bytes()
        try:
            original = raw.decode(document.encoding)
        except UnicodeDecodeError as exc:
            raise InputError(f"changed since the check (no longer {document.encoding})", path) from exc
        if original.encode(document.encoding) != raw or (
            document.format == "txt" and original != document.text
        ):
            raise InputError("changed since the check (or not re-encodable byte for byte): not fixed", path)
        plan = fixing.place(document, original, item.alignment.pairs(), item.findings)
        done = {id(edit.finding) for edit in plan.edits}
        left += [f for f in item.findings if id(f) not in done]
        for finding, why in plan.skipped:
            where = finding.en[finding.en_span[0] : finding.en_span[1]] if finding.en_span else finding.term
            click.echo(f"{path}: {finding.segment}: not fixed ({why}): {where!r}", err=True)
        if plan.edits:
            fixed = fixing.apply(original, plan.edits)
            planned.append((path, raw, document.encoding, fixed.encode(document.encoding)))
            diff = difflib.unified_diff(
                original.splitlines(keepends=True),
                fixed.splitlines(keepends=True),
                fromfile=str(path),
                tofile=str(path if in_place else target / path.name),
            )
            click.echo("".join(diff), nl=False)
    for path, raw, _, _ in planned:  # nothing is written unless every file can be
        written_to = path if in_place else target / path.name
        if hashlib.sha256(path.read_bytes()).digest() != hashlib.sha256(raw).digest():
            raise InputError("changed since the check: nothing written", path)
        if written_to.exists() and not os.access(written_to, os.W_OK):
            raise ExportError("read-only: nothing written", written_to)
    if progress is not None:
        progress.done()
    for path, _, _, data in planned:
        written_to = path if in_place else target / path.name
        written_to.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(written_to, functools.partial(_put, data))
    where = "in place" if in_place else f"to {target}"
    click.echo(f"{len(planned)} file(s) fixed {where}", err=True)
    return left


def accept_findings(
    settings: Settings, findings: Sequence[Finding], accept: Sequence[str], reason: str
) -> None:
    """Add an entry for each finding id in ``accept`` to the ignore file; unknown ids: a warning."""
    from datetime import date

    ignore = settings.ignore
    if ignore is None or ignore.path is None:  # resolve always gives one; a guard for the type checker
        raise click.UsageError("no place for the ignore file")
    by_id = {f.id: f for f in findings if f.id}
    known = ignore.by_id()
    added: list[str] = []
    for wanted in dict.fromkeys(accept):
        finding = by_id.get(wanted)
        if finding is None:
            click.echo(f"warning: no finding {wanted} in the checked files; nothing added for it", err=True)
            continue
        if wanted in known or finding.accepted is not None:
            click.echo(f"{wanted}: already accepted ({finding.accepted or known[wanted].reason})", err=True)
            continue
        entry = ignoring.entry_of(finding, reason, date.today().isoformat())  # a user's action: today
        added.append(ignoring.entry_text(entry))
        click.echo(f"{wanted}: accepted ({finding.verdict.value} {finding.term}, {finding.doc_id})", err=True)
    if not added:
        return
    path = ignore.path
    old = path.read_text(encoding="utf-8") if path.is_file() else ignoring.HEADER
    text = old + ("" if old.endswith("\n") else "\n") + "".join(added)
    ignoring.parse(text, path)  # never write a file we could not read back
    write_atomic(path, lambda out: out.write(text.encode("utf-8")))
    click.echo(f"{path}: {len(added)} entr{'y' if len(added) == 1 else 'ies'} added", err=True)


def fix_as_po(settings: Settings, output: Path | None, *, progress: Progress | None = None) -> list[Finding]:
    """``check --fix --format po``: the suggestions as fuzzy PO entries for a reviewer.

    One entry a pair with a fixable finding: msgctxt the pair id, msgid the
    Chinese, msgstr the English with the suggestions applied, flagged fuzzy,
    the findings' messages and the English as it is in the comments. Nothing
    else is changed. Returns the findings not in the file.
    """
    import polib

    from bilingual.glossary import fix as fixing

    target = output or Path("build") / "fixed" / f"{settings.inputs.name or 'suggestions'}.po"
    catalog = polib.POFile(wrapwidth=0)
    catalog.metadata = {
        "Project-Id-Version": "bilingual check --fix",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Language": "en",
        "X-Source-Language": "zh",
        "X-Generator": settings.signature,
    }
    left: list[Finding] = []
    for item in run(settings, progress):
        grouped = item.by_pair()
        for pair in item.alignment.pairs():
            findings = grouped.get(pair.id, ())
            fixed, applied = fixing.fix_pair_text(pair.en, findings)
            done = {id(f) for f in applied}
            left += [f for f in findings if id(f) not in done]
            if not applied:
                continue
            notes = [f"{f.verdict.value} {f.term}: {f.message}" for f in applied]
            catalog.append(
                polib.POEntry(
                    msgctxt=pair.id,
                    msgid=pair.zh,
                    msgstr=fixed,
                    flags=["fuzzy"],
                    comment="\n".join([*notes, f"was: {pair.en}"]),
                )
            )
    if progress is not None:
        progress.done()
    data = str(catalog).encode("utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, functools.partial(_put, data))
    click.echo(f"{target}: {len(catalog)} suggestion(s) as fuzzy entries", err=True)
    return left
