"""`bilingual export`: align, check against the glossary, write one format.

A thin layer: reading is :mod:`bilingual.corpus`, alignment
:mod:`bilingual.align`, the check :mod:`bilingual.glossary`, writing
:mod:`bilingual.formats.write`. The ``--to`` choices are the formats of
:data:`bilingual.formats.FORMATS` that have a writer.
"""

from __future__ import annotations

import itertools
import logging
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import click

from bilingual.align import AlignConfig, align_documents
from bilingual.cli.options import (
    encoding_option,
    glossary_option,
    low_confidence_option,
    max_bead_option,
    similarity_option,
)
from bilingual.corpus import pair_corpus, read_document, read_pair
from bilingual.errors import CorpusError
from bilingual.formats import ExportContext, writers
from bilingual.formats.write import export
from bilingual.glossary import Glossary, check, default_paths, load_many
from bilingual.model import EN, ZH, Alignment, Checked
from bilingual.signature import build_date, make_signature

log = logging.getLogger(__name__)


WRITERS = writers()


def _formats_help() -> str:
    return "\n".join(f"  {name:<9} {fmt.description}" for name, fmt in WRITERS.items())


def alignments_of(
    inputs: Sequence[Path], config: AlignConfig, glossary: Glossary | None, encoding: str | None
) -> Iterator[Alignment]:
    """The alignments of a corpus directory or of one zh file and one en file, lazily."""
    terms = glossary.terms if glossary else ()
    if len(inputs) == 1 and inputs[0].is_dir():
        corpus = pair_corpus(inputs[0])
        for path in corpus.unpaired:
            log.warning("%s: no partner in the other language; skipped", path)
        for pair in corpus.pairs:
            zh, en = read_pair(pair, encoding=encoding)
            yield align_documents(zh, en, config, terms=terms)
    elif len(inputs) == 2 and all(p.is_file() for p in inputs):
        zh = read_document(inputs[0], ZH, encoding)
        en = read_document(inputs[1], EN, encoding)
        yield align_documents(zh, en, config, terms=terms)
    else:
        raise click.UsageError("INPUT is one corpus directory or two files (Chinese, then English)")


def checked(alignments: Iterable[Alignment], glossary: Glossary | None) -> Iterator[Checked]:
    """Each alignment with its glossary findings (none without a glossary), lazily."""
    for alignment in alignments:
        findings = check(alignment.pairs(), glossary, include_ok=True) if glossary else []
        yield Checked(alignment, tuple(findings))


@click.command("export", epilog="\b\nFormats:\n" + _formats_help())
@click.argument(
    "inputs", metavar="INPUT...", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path)
)
@click.option("--to", "fmt", type=click.Choice(list(WRITERS)), required=True, help="Output format.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="File for corpus formats (a directory gets CORPUS.SUFFIX), directory for per-bulletin "
    "formats (po, html). Default: standard output.",
)
@glossary_option()
@click.option(
    "--check/--no-check",
    "run_check",
    default=True,
    show_default=True,
    help="Mark glossary terms and findings in the output.",
)
@similarity_option()
@max_bead_option
@low_confidence_option("Beads scored below this are marked for review (fuzzy, needs-review-translation).")
@encoding_option
def export_cmd(
    inputs: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    glossaries: tuple[Path, ...],
    run_check: bool,
    similarity: str,
    max_bead: int,
    low_confidence: float,
    encoding: str | None,
) -> None:
    """Align INPUT, check it against the glossary and write it as FORMAT.

    INPUT is a corpus directory (zh/ and en/ paired by file name) or two
    bulletin files, the Chinese first. Control characters that a format
    cannot hold are reported on stderr, never dropped silently.

    \b
    Examples:
      bilingual export corpus/ --to tmx -o build/corpus.tmx
      bilingual export corpus/ --to po -o build/po/
      bilingual export zh/safety.txt en/safety.txt --to xliff
    """
    paths = (list(glossaries) or default_paths()) if run_check else []
    glossary = load_many(paths) if paths else None
    config = AlignConfig(similarity=similarity, max_bead=max_bead)
    stream = alignments_of(inputs, config, glossary, encoding)
    first = next(stream, None)
    if first is None:
        raise CorpusError("no bulletin pairs to export", inputs[0])
    counted: list[int] = []

    def counting(items: Iterator[Alignment]) -> Iterator[Alignment]:
        for alignment in items:
            counted.append(len(alignment.beads))
            yield alignment

    context = ExportContext(
        signature=make_signature(
            segmenter=first.zh.segmenter,
            aligner=first.settings,
            glossary=glossary.checksum if glossary else "",
        ),
        date=build_date(first.zh.date or first.en.date),
        low_confidence=low_confidence,
    )
    name = inputs[0].name if len(inputs) == 1 else first.id
    items = checked(counting(itertools.chain([first], stream)), glossary)
    written = export(WRITERS[fmt], items, context, output, stdout=sys.stdout.buffer, name=name)
    for problem in context.problems:
        click.echo(f"warning: {problem.segment}: {problem.message}", err=True)
    where = ", ".join(map(str, written)) if len(written) <= 3 else f"{len(written)} files in {output}"
    click.echo(
        f"{fmt}: {sum(counted)} beads from {len(counted)} bulletin(s)" + (f" -> {where}" if where else ""),
        err=True,
    )


COMMANDS: list[click.Command] = [export_cmd]
