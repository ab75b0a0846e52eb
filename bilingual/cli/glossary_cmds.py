"""`bilingual glossary validate|convert|show` and `bilingual check`: thin click layer.

Exit status of ``check``: 0 without findings at or above ``--fail-on``, 1 with
them, 2 on bad input (raised as typed errors, turned into one line by the
group in :mod:`bilingual.cli`).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import click

from bilingual.cli.check_actions import accept_findings, fix_as_po, fix_bulletins, stale_entries
from bilingual.cli.options import (
    cluster_option,
    encoding_option,
    glossary_load_options,
    glossary_option,
    jobs_option,
    limits_options,
    similarity_option,
    variant_options,
)
from bilingual.cli.output import terminal_safe
from bilingual.cli.progress import progress_option, reporter
from bilingual.errors import GlossaryError
from bilingual.glossary import at_or_above, load
from bilingual.glossary.consistency import as_json, candidates, glossary_renderings, render_consistency
from bilingual.glossary.load_csv import write_csv
from bilingual.glossary.load_tbx import write_tbx
from bilingual.glossary.report import (
    counts,
    failing_kind,
    locate,
    render_html,
    render_json,
    render_jsonl,
    render_text,
)
from bilingual.io import write_atomic, write_text
from bilingual.model import AlignedPair, Checked, Finding, Verdict
from bilingual.pipeline import Settings, run

FAIL_ON = {
    "any": Verdict.UNEXPECTED,
    "unexpected": Verdict.UNEXPECTED,
    "case": Verdict.CASE,
    "missing": Verdict.MISSING,
    "forbidden": Verdict.FORBIDDEN,
    "spoofed": Verdict.SPOOFED,  # ranks with forbidden
    "control-char": Verdict.CONTROL_CHAR,
}
CHECK_NAMES = {"terms": "terms", "term": "terms", "numbers": "numbers", "number": "numbers"}
FAIL_CHECKS = {"term": "term", "terms": "term", "number": "number", "numbers": "number"}


def _names(value: str, known: Mapping[str, object], option: str) -> tuple[str, ...]:
    """A comma list of names, each one known; a usage error names the first unknown one."""
    names = tuple(part.strip().lower() for part in value.split(",") if part.strip())
    unknown = [n for n in names if n not in known]
    if unknown or not names:
        raise click.BadParameter(f"{', '.join(unknown) or 'nothing'}; choose from {', '.join(known)}")
    return names


def fail_names(value: str) -> tuple[str, ...]:
    """``--fail-on``'s names (check and publish share them)."""
    return _names(value, {**FAIL_ON, **FAIL_CHECKS}, "--fail-on")


def failing(findings: Sequence[Finding], fail_on: Sequence[str]) -> list[Finding]:
    """The findings that make the exit status 1.

    One verdict alone is a threshold, as always (``missing`` fails on missing and
    forbidden); a list names verdicts and checks exactly (``forbidden,number``).
    ``ok`` findings never fail; control characters only when named; accepted
    findings (the ignore list) and warnings (a term's ``severity``) never do.
    """
    findings = [f for f in findings if failing_kind(f)]
    if len(fail_on) == 1 and fail_on[0] in FAIL_ON:
        if FAIL_ON[fail_on[0]] is Verdict.CONTROL_CHAR:
            return [f for f in findings if f.verdict is Verdict.CONTROL_CHAR]
        return at_or_above(findings, FAIL_ON[fail_on[0]])
    verdicts = {FAIL_ON[n] for n in fail_on if n in FAIL_ON and n != "any"}
    checks = {FAIL_CHECKS[n] for n in fail_on if n in FAIL_CHECKS}
    chosen = [f for f in findings if f.verdict in verdicts or f.check in checks]
    if "any" in fail_on:
        chosen += at_or_above(findings, Verdict.UNEXPECTED)
    return [f for f in dict.fromkeys(chosen) if f.verdict is not Verdict.OK]


def _emit(text: str, output: Path | None, *, color: bool = False) -> None:
    if output is None:
        # color=True: click would otherwise strip the escapes when not on a TTY
        # (the user asked for --color explicitly, e.g. for `less -R`).
        click.echo(text, nl=False, color=color or None)
    else:
        write_text(output, text)


@click.group("glossary")
def glossary_group() -> None:
    """Validate, convert and show glossaries (TBX v3, TBX 2008, CSV, TSV).

    \b
    Example:
      bilingual glossary validate glossaries/zhejiang.tbx
      bilingual glossary convert glossaries/zhejiang.tbx glossaries/zhejiang.csv
    """


@glossary_group.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@glossary_load_options
def validate_cmd(files: tuple[Path, ...], strict: bool, source_lang: str | None) -> None:
    """Check glossary files; print the entry count and checksum of each.

    \b
    Example:
      bilingual glossary validate glossaries/zhejiang.tbx glossaries/zhejiang.csv
      bilingual glossary validate --strict glossaries/export.tbx
      bilingual glossary validate --source-lang zh glossaries/two-columns.csv
    """
    for path in files:
        glossary = load(path, strict=strict, source_lang=source_lang)
        click.echo(f"{path}: {len(glossary.terms)} entries, {glossary.checksum}")


@glossary_group.command("convert")
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("target", type=click.Path(path_type=Path, dir_okay=False))
@glossary_load_options
def convert_cmd(source: Path, target: Path, strict: bool, source_lang: str | None) -> None:
    """Convert a glossary between TBX v3 and CSV/TSV (by the target's suffix).

    \b
    Example:
      bilingual glossary convert glossaries/zhejiang.tbx glossaries/zhejiang.csv
    """
    glossary = load(source, strict=strict, source_lang=source_lang)
    suffix = target.suffix.lower()
    if suffix in (".tbx", ".xml"):
        data = write_tbx(glossary.terms)
    elif suffix in (".csv", ".tsv"):
        data = write_csv(glossary.terms, "\t" if suffix == ".tsv" else ",")
    else:
        raise GlossaryError(
            f"cannot write {suffix or 'a file without suffix'}: use .tbx, .csv or .tsv", target
        )
    write_atomic(target, lambda handle: handle.write(data))
    click.echo(f"{target}: {len(glossary.terms)} entries", err=True)


@glossary_group.command("show")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@glossary_load_options
def show_cmd(file: Path, fmt: str, strict: bool, source_lang: str | None) -> None:
    """List a glossary's entries: zh forms, approved, admitted and forbidden renderings.

    \b
    Example:
      bilingual glossary show glossaries/zhejiang.tbx --format json
    """
    glossary = load(file, strict=strict, source_lang=source_lang)
    if fmt == "json":
        rows = [
            {
                "id": t.id,
                "zh": list(t.zh),
                "en": list(t.en),
                "en_ok": list(t.en_ok),
                "forbidden": list(t.forbidden),
                "case_sensitive": t.case_sensitive,
                "note": t.note,
            }
            for t in glossary.terms
        ]
        click.echo(json.dumps({"checksum": glossary.checksum, "entries": rows}, ensure_ascii=False, indent=2))
        return
    for t in glossary.terms:
        case = "case-sensitive" if t.case_sensitive else "any case"
        lines = [f"{t.id}  {' | '.join(t.zh)}  →  {' | '.join(t.en)}  ({case})"]
        if t.en_ok:
            lines.append(f"    also: {' | '.join(t.en_ok)}")
        if t.forbidden:
            lines.append(f"    never: {' | '.join(t.forbidden)}")
        if t.note:
            lines.append(f"    note: {t.note}")
        for line in lines:  # glossary text is for a person here: escape its control characters
            click.echo(terminal_safe(line, newlines=False))
    click.echo(f"{len(glossary.terms)} entries, {glossary.checksum}")


def _use_colour(choice: bool | None) -> bool:
    if choice is not None:
        return choice
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


class _Tally:
    """What ``check`` keeps of the documents it has seen: findings, a count of pairs, the pairs
    themselves only when asked (``--consistency``); each document is dropped once counted."""

    def __init__(self, *, keep_pairs: bool) -> None:
        self.keep_pairs = keep_pairs
        self.findings: list[Finding] = []
        self.pairs: list[AlignedPair] = []
        self.count = 0  # pairs: units with both a Chinese and an English text
        self.one_sided = 0  # units with one side only (untranslated, added in translation)
        self.locations: dict[tuple[str, str], str] = {}  # file:line of the pairs with findings
        self.documents: set[str] = set()

    def take(self, items: Iterable[Checked]) -> Iterator[Checked]:
        for item in items:
            beads = item.alignment.beads  # a segment has text: a bead's sides say which pairs have both
            two_sided = sum(1 for bead in beads if bead.zh and bead.en)
            self.count += two_sided
            self.one_sided += len(beads) - two_sided
            if beads:
                self.documents.add(item.alignment.id)
            if self.keep_pairs:
                self.pairs += item.alignment.pairs()
            self.findings += item.findings
            if item.findings:
                self.locations.update(locate(item.alignment, {f.segment for f in item.findings}))
            yield item

    def consume(self, items: Iterable[Checked]) -> None:
        for _ in self.take(items):
            pass


def _jsonl_stream(tally: _Tally, items: Iterable[Checked], notes: Mapping[str, str]) -> Iterator[str]:
    """The JSONL report, one document's lines at a time."""
    for item in tally.take(items):
        if item.findings:
            alignment = item.alignment
            beads = {
                (alignment.id, i): bead for i, bead in zip(alignment.pair_ids(), alignment.beads, strict=True)
            }
            yield render_jsonl(item.findings, notes=notes, locations=tally.locations, beads=beads)


@click.command("check")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
@glossary_option()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl", "html", "xlsx", "po"]),
    default="text",
    show_default=True,
    help="The report; xlsx (a workbook of findings and counts) needs -o FILE; po only with --fix "
    "(the suggestions as fuzzy entries for a reviewer).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write the report here (with --fix: the folder for the corrected files).",
)
@click.option("--all/--no-all", "include_ok", default=False, show_default=True, help="Also list ok findings.")
@click.option(
    "--checks",
    "checks",
    default="terms,numbers",
    show_default=True,
    callback=lambda _ctx, _param, value: _names(value, CHECK_NAMES, "--checks"),
    help="Checks to run, comma-separated: terms (the glossary), numbers (figures and dates).",
)
@click.option(
    "--fail-on",
    default="any",
    show_default=True,
    callback=lambda _ctx, _param, value: _names(value, {**FAIL_ON, **FAIL_CHECKS}, "--fail-on"),
    help="Exit 1 on these findings. One verdict is a threshold (unexpected < case < missing < forbidden "
    "= spoofed); a comma list names verdicts and checks exactly: forbidden,number.",
)
@click.option(
    "--consistency/--no-consistency",
    default=False,
    show_default=True,
    help="Also report the renderings of each concept across the input, and candidate new terms.",
)
@click.option(
    "--accept",
    multiple=True,
    metavar="FINDING_ID",
    help="Accept this finding (its id in the JSON, JSONL or text report) as correct: an entry in "
    ".bilingual-ignore.toml at the corpus root; repeatable; needs --reason.",
)
@click.option("--reason", help="Why the findings of --accept are correct (kept in the ignore file).")
@click.option(
    "--ignore-case-in-headlines/--no-ignore-case-in-headlines",
    default=False,
    show_default=True,
    help="Accept case findings in an all-caps or title-case English line.",
)
@click.option(
    "--fix/--no-fix",
    default=False,
    show_default=True,
    help="Write the English bulletins with the suggested renderings to -o DIR (default build/fixed/, "
    "never inside the corpus): only the findings' spans change.",
)
@click.option(
    "--in-place/--no-in-place",
    default=False,
    show_default=True,
    help="With --fix: show a unified diff, then overwrite the English bulletins.",
)
@progress_option
@click.option(
    "--color/--no-color", "color", default=None, help="Colour (default: on a TTY without NO_COLOR)."
)
@jobs_option(
    "Worker processes (0: one per core; 1: in this process): a corpus's documents in parallel; for "
    "files of pairs, the glossary check (below 10,000 pairs a worker, it runs in this process)."
)
@cluster_option
@encoding_option
@similarity_option("Aligner evidence, for a corpus directory or two bulletins.")
@limits_options
@glossary_load_options
@variant_options
@click.pass_context
def check_cmd(
    ctx: click.Context,
    inputs: tuple[Path, ...],
    glossaries: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    include_ok: bool,
    checks: tuple[str, ...],
    fail_on: tuple[str, ...],
    consistency: bool,
    accept: tuple[str, ...],
    reason: str | None,
    ignore_case_in_headlines: bool,
    fix: bool,
    in_place: bool,
    show_progress: bool,
    color: bool | None,
    jobs: int,
    cluster: str | None,
    encoding: str | None,
    similarity: str,
    max_size: int | None,
    max_segment: int,
    strict: bool,
    source_lang: str | None,
    zh_variant: str | None,
    en_variant: str | None,
) -> None:
    """Check that the English follows the glossary and carries the Chinese's figures and dates.

    INPUTS: a corpus directory, two bulletin files (zh then en), or aligned
    pairs as .jsonl ({"id","zh","en"} per line), .tsv (id<TAB>zh<TAB>en),
    .tmx, .xlf/.xliff or .po files.

    \b
    Example:
      bilingual check corpus/
      bilingual check pairs.jsonl -g glossaries/zhejiang.tbx --format jsonl --fail-on forbidden
      bilingual check corpus/ --format xlsx -o build/findings.xlsx
      bilingual check corpus/ --accept 3f0c2a9e51d7b4c8 --reason "a quotation of the original name"
      bilingual check corpus/ --fix --in-place
      bilingual check corpus/ --fix --format po -o build/suggestions.po
      bilingual check memory.tmx -g terms.tbx --strict --zh-variant zh-TW
    """
    if in_place and not fix:
        raise click.UsageError("--in-place goes with --fix")
    if output is not None and output.is_dir() and not fix:
        raise click.UsageError(f"-o {output} is a folder: name the report's file")
    if accept and not (reason or "").strip():
        raise click.UsageError("--accept needs --reason: say why the finding is correct")
    if accept and (fix or output is not None):
        raise click.UsageError("--accept only adds to .bilingual-ignore.toml: --fix and -o are another check")
    if fix and fmt not in ("text", "po"):
        raise click.UsageError(f"--fix writes corrected bulletins (with --format po, suggestions), not {fmt}")
    if fix and fmt != "po" and output is not None and output.exists() and not output.is_dir():
        raise click.UsageError(f"-o {output} is a file: --fix writes the corrected bulletins into a folder")
    if in_place and fmt == "po":
        raise click.UsageError("--in-place rewrites the bulletins; --format po writes suggestions to review")
    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx needs -o FILE (a workbook is not written to a terminal)")
    settings = Settings.resolve(
        inputs,
        glossaries=glossaries,
        require_glossary=True,
        similarity=similarity,
        encoding=encoding,
        jobs=jobs,
        cluster=cluster,
        include_ok=include_ok,
        checks=[CHECK_NAMES[c] for c in checks],
        max_size=max_size,
        max_segment=max_segment,
        ignore_case_in_headlines=ignore_case_in_headlines,
        strict_glossary=strict,
        source_lang=source_lang,
        zh_variant=zh_variant,
        en_variant=en_variant,
    )
    glossary = settings.glossary
    if glossary is None and consistency:
        raise GlossaryError("--consistency needs a glossary: pass --glossary FILE")
    # Streamed: one document at a time, keeping only what the report needs (the findings,
    # the number of pairs; every pair's text only for --consistency), so a corpus's size
    # does not grow memory. JSONL is written as it goes (atomically with -o).
    tally = _Tally(keep_pairs=consistency)
    signature = settings.signature
    colour = fmt == "text" and output is None and _use_colour(color)
    notes = {t.id: t.note for t in glossary.terms if t.note} if glossary is not None else {}
    report = ""
    progress = reporter(show_progress)
    if accept:
        tally.consume(run(settings, progress))
        if progress is not None:
            progress.done()
        accept_findings(settings, tally.findings, accept, (reason or "").strip())
        return
    if fmt == "po" and not fix:
        raise click.UsageError("--format po writes suggested fixes: use it with --fix")
    if fix and fmt == "po":
        if failing(fix_as_po(settings, output, progress=progress), fail_on):
            ctx.exit(1)
        return
    if fix:
        left = fix_bulletins(settings, output, in_place=in_place, progress=progress)
        if failing(left, fail_on):
            ctx.exit(1)
        return
    if fmt == "jsonl":
        stream = _jsonl_stream(tally, run(settings, progress), notes)
        if output is None:
            for chunk in stream:
                click.echo(chunk, nl=False)
        else:
            write_atomic(output, lambda out: [out.write(chunk.encode("utf-8")) for chunk in stream])
    else:
        tally.consume(run(settings, progress))
    findings, pairs, where = tally.findings, tally.pairs, tally.locations
    if progress is not None:
        progress.done()
    stale = stale_entries(settings, tally.findings, tally.documents)
    if progress is not None:
        progress("write", 0, 1, str(output or "standard output"))
    if fmt == "text":
        report = render_text(findings, signature=signature, color=colour, notes=notes, locations=where)
    elif fmt == "json":
        report = render_json(
            findings, signature=signature, pairs=tally.count, notes=notes, locations=where, stale=stale
        )
    elif fmt == "html":
        report = render_html(findings, signature=signature, notes=notes, locations=where)
    elif fmt == "xlsx" and output is not None:
        from bilingual.glossary.report_xlsx import render_xlsx

        data = render_xlsx(findings, signature=signature, notes=notes, locations=where)
        write_atomic(output, lambda out: out.write(data))
    if consistency and glossary is not None:
        rows, new = glossary_renderings(pairs, glossary), candidates(pairs, glossary)
        if fmt == "json":
            document = json.loads(report)
            document["consistency"] = as_json(rows, new)
            report = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        elif fmt == "text":
            report += "\n" + render_consistency(rows, new)
        else:
            click.echo(render_consistency(rows, new), err=True, nl=False)
    if progress is not None:
        progress.done()
    if fmt not in ("jsonl", "xlsx"):
        _emit(report, output, color=colour)
    failed = failing(findings, fail_on)
    if output is not None or fmt != "text":
        summary = ", ".join(f"{k} {v}" for k, v in counts(findings).items() if v)
        sided = f", {tally.one_sided} one-sided" if tally.one_sided else ""
        click.echo(f"{tally.count} pair(s) checked{sided}: {summary or 'no findings'}", err=True)
    if failed:
        ctx.exit(1)


@glossary_group.command("suggest")
@click.option(
    "--memory",
    "memory_path",
    envvar="BILINGUAL_MEMORY",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The translation memory to mine (bilingual tm add). Default: $BILINGUAL_MEMORY, else the "
    "nearest .bilingual/memory.sqlite above the current folder.",
)
@glossary_option("The glossary whose terms are not proposed again; repeatable.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="A .csv or .tbx file.")
@click.option("--top", type=click.IntRange(min=1), default=50, show_default=True, help="Candidates listed.")
@click.option("--min-count", type=click.IntRange(min=1), default=2, show_default=True, help="Fewest beads.")
@click.option(
    "--beads", type=click.IntRange(min=0), default=50_000, show_default=True, help="Newest mined; 0: all."
)
@glossary_load_options
def suggest_cmd(
    memory_path: Path | None,
    glossaries: tuple[Path, ...],
    output: Path | None,
    top: int,
    min_count: int,
    beads: int,
    strict: bool,
    source_lang: str | None,
) -> None:
    """Propose new glossary terms mined from a translation memory, with their English renderings.

    Chinese words and compounds (2-8 characters) that are frequent, not in the glossary, and
    rendered consistently (Dice, log-likelihood), with the top renderings and their shares.

    \b
    Example:
      bilingual glossary suggest --memory build/memory.sqlite -g glossaries/zhejiang.tbx
      bilingual glossary suggest --memory build/memory.sqlite -o build/candidates.tbx
    """
    from bilingual.cli.memory_cmds import located
    from bilingual.glossary import load_many
    from bilingual.memory import open_memory
    from bilingual.memory.mining import as_terms, suggest, to_csv

    glossary = load_many(list(glossaries), strict=strict, source_lang=source_lang) if glossaries else None
    with open_memory(located(memory_path)) as store:
        found = suggest(store, glossary, min_count=min_count, top=top, limit=beads or None)
    if output is not None:
        suffix = output.suffix.lower()
        if suffix not in (".csv", ".tbx"):
            raise GlossaryError(f"cannot write {suffix or 'a file without suffix'}: use .csv or .tbx", output)
        data = to_csv(found) if suffix == ".csv" else write_tbx(as_terms(found))
        write_atomic(output, lambda handle: handle.write(data))
        click.echo(f"{output}: {len(found)} candidate(s)", err=True)
        return
    for k, c in enumerate(found, 1):
        shares = "; ".join(f"{e} {n}/{c.count}" for e, n in c.renderings)
        rendering = c.en or "-"
        click.echo(
            f"{k:3d}. {c.zh}  x{c.count}  -> {rendering}  (Dice {c.dice:.2f}, G2 {c.llr:.1f}; {shares})"
        )


COMMANDS: list[click.Command] = [glossary_group, check_cmd]
