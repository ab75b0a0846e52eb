"""`bilingual review`: the alignment review web app (a thin layer over :mod:`bilingual.review`)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from bilingual.cli.options import encoding_option, glossary_option, max_bead_option, similarity_option
from bilingual.glossary import collector
from bilingual.pipeline import Settings
from bilingual.review.serve import serve
from bilingual.review.session import Session


@click.command("review")
@click.argument("corpus_dir", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True, help="0: a free port.")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; anything but loopback (e.g. 0.0.0.0) is warned about.",
)
@click.option(
    "--open/--no-open",
    "open_browser",
    default=True,
    show_default=True,
    help="Open the page in a browser when one is available (the URL is printed either way).",
)
@glossary_option()
@similarity_option()
@max_bead_option
@encoding_option
def review_cmd(
    corpus_dir: Path,
    port: int,
    host: str,
    open_browser: bool,
    glossaries: tuple[Path, ...],
    similarity: str | None,
    max_bead: int | None,
    encoding: str | None,
) -> None:
    """Review and fix the alignment of a corpus in the browser.

    Shows every document's beads side by side with their confidence and
    glossary findings; merge, split, move a sentence, verify, undo and redo,
    by mouse or keyboard. Each edit is saved at once as pins in
    CORPUS/pins/NAME.pins, which align, check, export and publish keep.
    Prints the URL to open (it holds a session token); Ctrl-C stops.

    \b
    Examples:
      bilingual review corpus/
      bilingual review corpus/ --port 8765 --no-open --similarity lexical
    """
    collector.one_shot(False)  # a server: nothing it makes is frozen (see collector.one_shot)
    for handler in logging.getLogger().handlers:
        handler.addFilter(_Once())
    settings = Settings.resolve(
        [corpus_dir], glossaries=glossaries, similarity=similarity, max_bead=max_bead, encoding=encoding
    )
    session = Session(settings)
    for name in session.pairs:  # align everything once: errors (a corrupt pins file) show here too
        session.get(name)

    def echo(line: str) -> None:
        click.echo(line)
        sys.stdout.flush()

    serve(session, host, port, open_browser=open_browser, echo=echo)


class _Once(logging.Filter):
    """Each warning once: every edit re-aligns, and a stale pin would be reported at each one."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        message = record.getMessage()
        if message in self.seen:
            return False
        self.seen.add(message)
        return True


COMMANDS = [review_cmd]
