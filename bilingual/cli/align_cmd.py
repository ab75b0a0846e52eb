"""`bilingual align`: sentence alignment of two bulletins or of a whole corpus folder.

A thin layer over :func:`bilingual.pipeline.export`: the pipeline reads,
aligns (the corpus's pins and the glossary's terms as anchors, as in every
command) and checks; the formats registry writes ``beads`` (Vecalign's
``[0,1]:[2]:0.930`` lines), ``tsv`` or ``jsonl``, atomically.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from bilingual.cli.options import (
    cluster_option,
    encoding_option,
    glossary_option,
    jobs_option,
    limits_options,
    max_bead_option,
    output_option,
    pins_option,
    similarity_option,
)
from bilingual.cli.progress import progress_option, reporter
from bilingual.errors import InputError
from bilingual.pipeline import Settings, export

log = logging.getLogger(__name__)

FORMATS = ("beads", "tsv", "jsonl")  # the registry's formats that the align command writes


@click.command("align")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@output_option("Output file (a folder for a corpus; a name ending in / is a folder).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="beads", show_default=True)
@click.option(
    "--segmented/--no-segmented",
    default=False,
    show_default=True,
    help="Each input line is one sentence; ids are 0-based line numbers (how aligners are evaluated).",
)
@max_bead_option
@similarity_option()
@pins_option
@glossary_option("Glossary whose term pairs serve as anchors (repeatable). Default: the project's.")
@encoding_option
@limits_options
@jobs_option()
@cluster_option
@progress_option
def align_command(
    inputs: tuple[Path, ...],
    output: Path | None,
    fmt: str,
    segmented: bool,
    max_bead: int | None,
    similarity: str | None,
    pins_path: Path | None,
    glossaries: tuple[Path, ...],
    encoding: str | None,
    max_size: int | None,
    max_segment: int,
    jobs: int,
    cluster: str | None,
    show_progress: bool,
) -> None:
    """Align the sentences of a Chinese file and its English translation.

    Writes one bead per line, `[zh ids]:[en ids]:confidence` (0-based sentence
    ids), or tsv / jsonl with the text, the confidence and low-confidence beads
    marked. Given a corpus folder (zh/ and en/ paired by file name), writes one
    file per pair into the -o folder. Pins in CORPUS/pins/NAME.pins are kept.
    Progress goes to stderr (a bar on a terminal, else a line every few seconds).

    \b
    Examples:
      bilingual align corpus/zh/a.txt corpus/en/a.txt --format tsv
      bilingual align --segmented 001.zh 001.en -o 001.align
      bilingual align corpus/ -o build/align --similarity lexical
      bilingual align corpus/ -o build/align --cluster tcp://10.0.0.5:8786
    """
    settings = Settings.resolve(
        inputs,
        glossaries=glossaries,
        similarity=similarity,
        max_bead=max_bead,
        pins=pins_path,
        encoding=encoding,
        segmented=segmented,
        max_size=max_size,
        max_segment=max_segment,
        jobs=jobs,
        cluster=cluster,
    )
    if not settings.inputs.aligned:
        raise click.UsageError("give two bulletin files (ZH EN) or one corpus folder")
    if settings.inputs.kind == "corpus":
        if output is None:
            raise click.UsageError("aligning a corpus folder needs -o OUT_DIR")
        if output.exists() and not output.is_dir():
            raise InputError("is a file; -o needs a folder when aligning a corpus", output)

    progress = reporter(show_progress)
    result = export(settings, fmt, output, stdout=sys.stdout.buffer, per_document=True, progress=progress)
    if progress is not None:
        progress.done()
    if settings.inputs.kind == "corpus":
        click.echo(f"aligned {result.documents} pair(s) of bulletins -> {output}", err=True)


COMMANDS: list[click.Command] = [align_command]
