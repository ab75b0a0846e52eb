"""Command line: a thin click layer over library functions.

Every command lives in a module of this package and is registered below. Typed
errors become one line on stderr and exit status 2 here, in one place;
commands themselves never call ``sys.exit``.
"""

from __future__ import annotations

import logging
from typing import Any

import click

from bilingual import __version__
from bilingual.errors import BilingualError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class Failure(click.ClickException):
    """A one-line error: bad input or usage, exit status 2 (1 is kept for findings)."""

    exit_code = 2


class Group(click.Group):
    """A click group that turns library errors into one-line messages."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BilingualError as exc:
            failure = Failure(str(exc))
            failure.exit_code = exc.exit_code  # 2 for every error today; the class decides, not this layer
            raise failure from exc
        except UnicodeDecodeError as exc:
            raise Failure(f"cannot decode input: {exc}") from exc
        except OSError as exc:
            name = f"{exc.filename}: " if exc.filename else ""
            raise Failure(f"{name}{exc.strerror or exc}") from exc


@click.group(cls=Group, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="bilingual")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def main(verbose: int) -> None:
    """Read, align, check, export and score Chinese-English bulletins.

    \b
    Example:
      bilingual corpus list corpus/
      bilingual publish corpus/ -o build/publish
      bilingual check corpus/ --glossary glossaries/zhejiang.tbx
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s: %(message)s")


def _register() -> None:
    # Imported here, not at the top, so each command module can import ``main``'s
    # shared helpers without a cycle.
    from bilingual.cli import (
        align_cmd,
        corpus_cmds,
        export_cmd,
        glossary_cmds,
        publish_cmds,
        review_cmd,
        score_cmd,
    )

    for module in (corpus_cmds, score_cmd, glossary_cmds, export_cmd, publish_cmds, align_cmd, review_cmd):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
