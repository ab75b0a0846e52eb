"""`bilingual tm add|stats|search|match|renderings`: the translation memory, a thin click layer.

The memory is ``--memory PATH``, else ``$BILINGUAL_MEMORY``, else for ``tm add``
of a corpus (or of two bulletins in one) ``CORPUS/.bilingual/memory.sqlite``,
else the nearest ``.bilingual/memory.sqlite`` walking up from the current folder.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any, TextIO, TypeVar

import click

from bilingual.cli.options import encoding_option, glossary_option, similarity_option
from bilingual.io import write_text
from bilingual.memory import DEFAULT_NAME, MemoryFileError, add_inputs, find_default, open_memory
from bilingual.memory import match as matching
from bilingual.memory import renderings as rendering
from bilingual.memory import search as searching
from bilingual.memory.add import BATCH_BEADS
from bilingual.pipeline import Settings

F = TypeVar("F", bound=Callable[..., Any])


def memory_option(
    help: str = "The memory file. Default: $BILINGUAL_MEMORY, else the nearest .bilingual/memory.sqlite "
    "above the current folder.",
) -> Callable[[F], F]:
    return click.option(
        "--memory",
        "memory_path",
        envvar="BILINGUAL_MEMORY",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        help=help,
    )


def located(memory_path: Path | None, root: Path | None = None) -> Path:
    """The memory file a command uses (see the module docstring); ``root``: the inputs' corpus folder."""
    if memory_path is not None:
        return memory_path
    if root is not None:
        return root / DEFAULT_NAME
    found = find_default(Path.cwd())
    if found is None:
        raise MemoryFileError(
            "no memory found (.bilingual/memory.sqlite above this folder): give --memory PATH"
        )
    return found


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text(output, text)


@click.group("tm")
def tm_group() -> None:
    """Translation memory: every aligned bead, searchable (concordance, fuzzy match, renderings).

    \b
    Example:
      bilingual tm add corpus/ --memory build/memory.sqlite --similarity lexical
      bilingual tm search 红船精神 --memory build/memory.sqlite
    """


@tm_group.command("add")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
@memory_option("The memory file. Default: $BILINGUAL_MEMORY, else CORPUS/.bilingual/memory.sqlite.")
@click.option(
    "--prune/--no-prune",
    default=False,
    show_default=True,
    help="Also remove the documents of this corpus (or file) that are no longer in it.",
)
@click.option(
    "--batch",
    type=click.IntRange(min=1),
    default=BATCH_BEADS,
    show_default=True,
    help="Beads a transaction, in whole documents (1: one document a transaction); each document is "
    "replaced whole or not at all.",
)
@glossary_option()
@similarity_option()
@encoding_option
def add_cmd(
    inputs: tuple[Path, ...],
    memory_path: Path | None,
    prune: bool,
    batch: int,
    glossaries: tuple[Path, ...],
    similarity: str | None,
    encoding: str | None,
) -> None:
    """Align INPUTS (a corpus, two bulletins, TMX/XLIFF/PO files) and put every bead in the memory.

    Re-adding a document replaces its beads; transactions of whole documents (--batch beads).

    \b
    Example:
      bilingual tm add corpus/ --similarity lexical --prune
      bilingual tm add build/publish/tmx/corpus.tmx --memory build/memory.sqlite
    """
    settings = Settings.resolve(inputs, glossaries=glossaries, similarity=similarity, encoding=encoding)
    with open_memory(located(memory_path, settings.inputs.root), create=True) as store:
        added = add_inputs(store, settings, prune=prune, batch=batch)
        click.echo(f"{store.path}: {added.documents} document(s), {added.beads} bead(s) added", err=True)
        for name in added.pruned:
            click.echo(f"  pruned {name}", err=True)


@tm_group.command("stats")
@memory_option()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def stats_cmd(memory_path: Path | None, fmt: str) -> None:
    """Documents, beads, verified beads, dates, file size and the signatures of the memory.

    \b
    Example:
      bilingual tm stats --memory build/memory.sqlite
    """
    with open_memory(located(memory_path)) as store:
        stats = store.stats()
    if fmt == "json":
        click.echo(json.dumps(stats, ensure_ascii=False, indent=2))
        return
    click.echo(f"{stats['path']} (schema {stats['schema']}, {int(str(stats['bytes'])) / 1e6:.1f} MB)")
    click.echo(f"{stats['documents']} document(s), {stats['beads']} bead(s), {stats['verified']} verified")
    click.echo(f"dates {stats['first_date'] or '-'} to {stats['last_date'] or '-'}")
    for key in ("origins", "signatures"):
        values = stats[key]
        assert isinstance(values, dict)
        for name, count in values.items():
            click.echo(f"  {count:6d}  {name}")


@tm_group.command("search")
@click.argument("query")
@memory_option()
@click.option(
    "--limit", type=click.IntRange(min=0), default=50, show_default=True, help="Hits shown; 0: all."
)
@click.option(
    "--format", "fmt", type=click.Choice(sorted(searching.RENDERERS)), default="text", show_default=True
)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write here.")
def search_cmd(query: str, memory_path: Path | None, limit: int, fmt: str, output: Path | None) -> None:
    """Concordance: QUERY (Chinese of any length, simplified or traditional, or English words) in context.

    Newest first, with the total count; FTS syntax in QUERY is searched as text.

    \b
    Example:
      bilingual tm search 共富 --memory build/memory.sqlite
      bilingual tm search "common prosperity" --format jsonl --limit 0
    """
    with open_memory(located(memory_path)) as store:
        result = searching.search(store, query, limit)
    _emit(searching.RENDERERS[fmt](result), output)
    if fmt != "text" or output is not None:
        click.echo(searching.header(result), err=True)


@tm_group.command("match")
@click.argument("sentences", nargs=-1)
@memory_option()
@click.option("-f", "--file", "file", type=click.File("r", encoding="utf-8"), help="Sentences, one a line.")
@click.option(
    "--min", "minimum", type=click.IntRange(0, 100), default=70, show_default=True, help="Lowest %."
)
@click.option(
    "--limit", type=click.IntRange(min=1), default=5, show_default=True, help="Matches per sentence."
)
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True)
def match_cmd(
    sentences: tuple[str, ...],
    memory_path: Path | None,
    file: TextIO | None,
    minimum: int,
    limit: int,
    fmt: str,
) -> None:
    """Fuzzy match: the remembered zh segments closest to each sentence, with their English.

    \b
    Example:
      bilingual tm match "嘉兴召开共同富裕示范区建设推进会。" --memory build/memory.sqlite
      bilingual tm match -f new-sentences.txt --min 80 --format jsonl
    """
    todo = list(sentences) + ([line.strip() for line in file if line.strip()] if file else [])
    if not todo:
        raise click.UsageError("give SENTENCES or --file")
    with open_memory(located(memory_path)) as store:
        for sentence in todo:
            found = matching.match(store, sentence, minimum=minimum, limit=limit)
            if fmt == "jsonl":
                record = {"sentence": sentence, "matches": [asdict(m) for m in found]}
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                click.echo(matching.render_text(sentence, found), nl=False)


@tm_group.command("renderings")
@click.argument("zh")
@memory_option()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--examples", type=click.IntRange(min=0), default=3, show_default=True)
@click.option(
    "--sample", type=click.IntRange(min=0), default=2000, show_default=True, help="Newest beads read; 0: all."
)
def renderings_cmd(zh: str, memory_path: Path | None, fmt: str, examples: int, sample: int) -> None:
    """How ZH was rendered across the memory: English renderings by count, with examples and dates.

    \b
    Example:
      bilingual tm renderings 共同富裕 --memory build/memory.sqlite
    """
    with open_memory(located(memory_path)) as store:
        report = rendering.renderings(store, zh, sample=sample, examples=examples)
    if fmt == "json":
        click.echo(json.dumps(rendering.as_dict(report), ensure_ascii=False, indent=2))
    else:
        click.echo(rendering.render_text(report), nl=False)


COMMANDS: list[click.Command] = [tm_group]
