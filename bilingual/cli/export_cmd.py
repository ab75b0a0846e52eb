"""`bilingual export`: the pipeline's checked alignments, written in one format.

A thin layer over :func:`bilingual.pipeline.export`; the ``--to`` choices
come from the formats registry, so ``--help`` cannot disagree with it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bilingual.cli.options import (
    encoding_option,
    glossary_option,
    limits_options,
    low_confidence_option,
    marks_option,
    max_bead_option,
    output_option,
    pins_option,
    similarity_option,
    variant_options,
)
from bilingual.cli.output import one_line
from bilingual.cli.progress import progress_option, reporter
from bilingual.formats.registry import writers
from bilingual.pipeline import Settings, export


def _formats_help() -> str:
    return "\n".join(f"  {name:<9} {fmt.description}" for name, fmt in writers().items())


@click.command("export", epilog="\b\nFormats:\n" + _formats_help())
@click.argument(
    "inputs", metavar="INPUT...", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path)
)
@click.option("--to", "fmt", type=click.Choice(list(writers())), required=True, help="Output format.")
@output_option(
    "File for corpus formats (a folder, or a name ending in /, gets CORPUS.SUFFIX), folder for "
    "per-bulletin formats (po, html). Default: standard output."
)
@glossary_option()
@click.option(
    "--check/--no-check",
    "run_check",
    default=True,
    show_default=True,
    help="Mark glossary terms and findings in the output (the glossary anchors the alignment either way).",
)
@similarity_option()
@max_bead_option
@pins_option
@low_confidence_option("Beads scored below this are marked for review (needs-review, low_confidence).")
@encoding_option
@limits_options
@marks_option
@variant_options
@progress_option
def export_cmd(
    inputs: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    glossaries: tuple[Path, ...],
    run_check: bool,
    similarity: str | None,
    max_bead: int | None,
    pins_path: Path | None,
    low_confidence: float | None,
    encoding: str | None,
    max_size: int | None,
    max_segment: int,
    marks: str | None,
    zh_variant: str | None,
    en_variant: str | None,
    show_progress: bool,
) -> None:
    """Align INPUT, check it against the glossary and write it as FORMAT.

    INPUT is a corpus folder (zh/ and en/ paired by file name) or two
    bulletin files, the Chinese first; files of pairs (TMX, XLIFF, PO, JSONL,
    TSV) are converted. Control characters that a format cannot hold are
    reported on stderr, never dropped silently. Progress goes to stderr too
    (a bar on a terminal, else a line every few seconds); stdout holds only the output.
    A PO file in the way that holds a reviewer's edits not yet brought in with
    `bilingual po import` is not overwritten (exit 2 naming it).

    \b
    Examples:
      bilingual export corpus/ --to tmx -o build/corpus.tmx
      bilingual export corpus/ --to po -o build/po/
      bilingual export zh/safety.txt en/safety.txt --to xliff
      bilingual export corpus/ --to tmx --marks terms -o build/review.tmx
    """
    settings = Settings.resolve(
        inputs,
        glossaries=glossaries,
        similarity=similarity,
        max_bead=max_bead,
        pins=pins_path,
        encoding=encoding,
        low_confidence=low_confidence,
        max_size=max_size,
        max_segment=max_segment,
        marks=marks,
        zh_variant=zh_variant,
        en_variant=en_variant,
    )
    progress = reporter(show_progress)
    result = export(settings, fmt, output, stdout=sys.stdout.buffer, marks=run_check, progress=progress)
    if progress is not None:
        progress.done()
    for problem in result.problems:
        click.echo(one_line(f"warning: {problem.segment}: {problem.message}"), err=True)
    files = result.files
    where = ", ".join(map(str, files)) if len(files) <= 3 else f"{len(files)} files in {output}"
    click.echo(
        f"{fmt}: {result.beads} beads from {result.documents} bulletin(s)"
        + (f" -> {where}" if where else ""),
        err=True,
    )


COMMANDS: list[click.Command] = [export_cmd]
