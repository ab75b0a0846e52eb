"""`bilingual score`: how far a draft is from the published version (BLEU, chrF, TER).

A thin layer over :func:`bilingual.score.score_files` and the renderers of
:mod:`bilingual.score.render`. Bad input raises the library's typed errors,
which the group in :mod:`bilingual.cli` turns into one line and exit status 2.
"""

from __future__ import annotations

from pathlib import Path

import click

from bilingual.cli.options import limits_options, variant_options
from bilingual.cli.output import one_line
from bilingual.io import write_text
from bilingual.model import EN, ZH
from bilingual.score import RENDERERS, score_files


@click.command("score")
@click.option(
    "--ref",
    required=True,
    type=click.Path(exists=True, path_type=Path),
    help="The published version: text (one segment per line), .tmx, .xlf/.xliff, .po, a corpus "
    "directory (zh/ and en/) or a folder of .tmx/.xlf/.po files (e.g. publish's po/).",
)
@click.option(
    "--hyp",
    required=True,
    type=click.Path(exists=True, path_type=Path),
    help="The draft (or machine translation, or older version), in any of the same forms.",
)
@click.option(
    "--lang",
    type=click.Choice([EN, ZH]),
    default=None,
    help="Target language: which side of TMX/XLIFF/PO/corpus inputs to score, and the tokenizer "
    "(13a for en, zh for zh). Default: the English side, tokenizer detected from the text.",
)
@click.option(
    "--chrf-plus/--no-chrf-plus", default=False, show_default=True, help="chrF++ (word bigrams too)."
)
@click.option(
    "--worst",
    type=click.IntRange(min=0),
    default=5,
    show_default=True,
    metavar="N",
    help="List the N most edited segments (highest TER) with a word diff; 0 for none.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(RENDERERS)),
    default="text",
    show_default=True,
    help="Report format; html is a standalone page.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    default=None,
    help="Write the report here (atomically) instead of to standard output.",
)
@limits_options
@variant_options
def score_command(
    ref: Path,
    hyp: Path,
    lang: str | None,
    chrf_plus: bool,
    worst: int,
    fmt: str,
    output: Path | None,
    max_size: int | None,
    max_segment: int,
    zh_variant: str | None,
    en_variant: str | None,
) -> None:
    """Score HYP against REF with sacrebleu: corpus BLEU, chrF and TER with their signatures,
    a table per document, and the most edited segments.

    Segments are matched by id (line number for plain text, tuid / unit id /
    msgctxt, document and segment index for corpus directories); units of
    TMX/XLIFF/PO files whose ids were lost (a round trip through
    translate-toolkit) are matched by their source text, exactly, then
    normalised (width, case, whitespace, punctuation); the report says how many
    were matched which way. Segments found on one side only are reported as
    warnings. Exit status 2 on bad input, or a file with no pair.

    \b
    Examples:
      bilingual score --ref published.en.txt --hyp draft.en.txt
      bilingual score --ref published.tmx --hyp draft.po --worst 10
      bilingual score --ref corpus/ --hyp drafts/ --format html -o build/score.html
      bilingual score --ref build/site-2023/po/ --hyp build/site/po/
      bilingual score --ref zh-final.txt --hyp zh-mt.txt --lang zh --format json
    """
    report = score_files(
        ref,
        hyp,
        lang=lang,
        chrf_plus=chrf_plus,
        worst=worst,
        max_size=max_size,
        max_segment=max_segment,
        zh_variant=zh_variant,
        en_variant=en_variant,
    )
    text = RENDERERS[fmt](report)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text(output, text)
        for warning in report.warnings:
            click.echo(one_line(f"warning: {warning}"), err=True)


COMMANDS: list[click.Command] = [score_command]
