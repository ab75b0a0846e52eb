"""Command line: a thin click layer over library functions.

Every command lives in a module of this package and is registered below. Typed
errors become one line on stderr and exit status 2 here, in one place;
commands themselves never call ``sys.exit``.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

import click

from bilingual import __version__
from bilingual.cli.output import one_line, silence_stdout, terminal_safe
from bilingual.errors import BilingualError
from bilingual.glossary import collector

log = logging.getLogger(__name__)

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class Failure(click.ClickException):
    """A one-line error: bad input or usage, exit status 2 (1 is kept for findings).

    The message is made terminal-safe and kept on one line (:func:`one_line`):
    it may quote bulletin text or a file name holding control characters. An
    error's ``details`` (an import's conflicts) follow it, one line each.
    """

    exit_code = 2

    def __init__(self, message: str, exit_code: int = 2, details: tuple[str, ...] = ()) -> None:
        lines = [line for detail in details for line in detail.split("\n")]
        super().__init__("".join([one_line(message), *(f"\n  {one_line(line)}" for line in lines)]))
        self.exit_code = exit_code  # type: ignore[misc]  # click declares it a ClassVar


OUT_OF_MEMORY = (
    "out of memory: this input needs more memory than the process may use; lower --max-size or "
    "--max-segment, use --similarity lexical, or split the corpus"
)


class Group(click.Group):
    """A click group that turns every error into one line on stderr: never a traceback.

    - library errors (:class:`~bilingual.errors.BilingualError`): their message, their exit code;
    - undecodable input and OS errors (a path, a permission): one line, exit 2;
    - the reader going away (``bilingual ... | head``): exit 0 silently, standard
      output pointed at ``/dev/null`` so nothing is printed at shutdown;
    - anything else is a bug: one line saying so, exit 2; ``-vv`` logs the traceback.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort):
            raise
        except click.ClickException as exc:
            # click's own usage errors quote what was typed (a file name may hold ESC).
            exc.message = terminal_safe(exc.message)  # type: ignore[misc]  # Final to click, not at run time
            raise
        except MemoryError:
            # Under a memory limit (ulimit -v, prlimit --as, a container): one line, exit 2,
            # raised from None so the traceback's frames (the big arrays) are let go first.
            raise Failure(OUT_OF_MEMORY) from None
        except Exception as exc:
            if _broken_pipe(exc):
                silence_stdout()
                ctx.exit(0)
            raise _failure(exc) from exc


def _broken_pipe(exc: BaseException | None) -> bool:
    """Whether ``exc`` is, or was raised while handling, a broken pipe (a writer may wrap it)."""
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, BrokenPipeError):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def _failure(exc: Exception) -> Failure:
    """The one line shown for an exception that ended a command."""
    if isinstance(exc, BilingualError):
        if exc.details:  # the message's first line, then the details a line each (not escaped "\n")
            return Failure(str(exc).split("\n", 1)[0], exc.exit_code, exc.details)
        return Failure(str(exc), exc.exit_code)  # 2 for every error today; the class decides
    if isinstance(exc, UnicodeDecodeError):
        return Failure(f"cannot decode input: {exc}")
    if isinstance(exc, OSError):
        name = f"{exc.filename}: " if exc.filename else ""
        return Failure(f"{name}{exc.strerror or exc}")
    # A bug: still one line, never a traceback; -vv logs it.
    log.debug("internal error", exc_info=exc)
    return Failure(
        f"internal error ({type(exc).__name__}: {exc}); this is a bug, please report it "
        "(run with -vv for the traceback)"
    )


class _Stderr(logging.StreamHandler):
    """Log lines for people: on the current ``sys.stderr``, the message made terminal-safe.

    The stream is looked up at each line, not kept from the first call, so a
    redirected or replaced stderr (tests, ``CliRunner``) is never a closed file.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:  # StreamHandler.__init__ sets it; sys.stderr is used instead
        pass

    def format(self, record: logging.LogRecord) -> str:
        return terminal_safe(super().format(record))


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
    logging.basicConfig(level=level, handlers=[_Stderr()])


def _register() -> None:
    # Imported here, not at the top, so each command module can import ``main``'s
    # shared helpers without a cycle.
    from bilingual.cli import (
        align_cmd,
        corpus_cmds,
        export_cmd,
        glossary_cmds,
        models_cmd,
        publish_cmds,
        review_cmd,
        score_cmd,
    )

    modules = (
        corpus_cmds,
        score_cmd,
        glossary_cmds,
        export_cmd,
        publish_cmds,
        align_cmd,
        review_cmd,
        models_cmd,
    )
    for module in modules:
        for command in module.COMMANDS:
            main.add_command(command)
    from bilingual.cli.memory_cmds import tm_group  # bilingual tm: the translation memory

    main.add_command(tm_group)


_register()


def entry() -> None:
    """The ``bilingual`` console script: :data:`main` in a process that ends with its command,
    which may therefore keep what it builds to the end (:func:`collector.one_shot`)."""
    collector.one_shot()
    main()
