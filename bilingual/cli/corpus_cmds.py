"""`bilingual corpus list` and `bilingual segment`: look at what the reader sees."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from bilingual.cli.options import encoding_option, limits_options
from bilingual.cli.output import terminal_safe
from bilingual.corpus import MAX_SIZE, pair_corpus, read_document, read_pair
from bilingual.model import Document

FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="Output format.",
)  # fmt: skip


def _summary(doc: Document) -> dict[str, Any]:
    return {
        "path": str(doc.path),
        "lang": doc.lang,
        "format": doc.format,
        "encoding": doc.encoding,
        "title": doc.title,
        "date": doc.date,
        "url": doc.url,
        "paragraphs": len(doc.paragraphs),
        "sentences": len(doc.segments),
    }


@click.group("corpus")
def corpus_group() -> None:
    """Inspect a corpus directory (zh/ and en/ folders paired by file name)."""


@corpus_group.command("list")
@click.argument("root", type=click.Path(path_type=Path), default=Path("corpus"))
@FORMAT
@encoding_option
@limits_options
def corpus_list(root: Path, fmt: str, encoding: str | None, max_size: int | None, max_segment: int) -> None:
    """List the bulletin pairs of ROOT with titles, dates and sentence counts.

    \b
    Example:
      bilingual corpus list corpus/
      bilingual corpus list corpus/ --format json
    """
    corpus = pair_corpus(root)
    for path in corpus.unpaired:
        click.echo(terminal_safe(f"warning: {path}: no partner in the other language"), err=True)
    rows: list[dict[str, Any]] = []
    for pair in corpus.pairs:
        zh, en = read_pair(pair, encoding, max_size=max_size or MAX_SIZE, max_segment=max_segment)
        rows.append({"id": pair.id, "zh": _summary(zh), "en": _summary(en)})
    if fmt == "json":
        payload = {"root": str(root), "pairs": rows, "unpaired": [str(p) for p in corpus.unpaired]}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for row in rows:
        zh, en = row["zh"], row["en"]
        date = zh["date"] or en["date"] or "-"
        # For a person at a terminal: titles and ids come from the bulletins, escape their controls.
        click.echo(
            terminal_safe(f"{row['id']}  {date}  zh {zh['sentences']} / en {en['sentences']}", newlines=False)
        )
        click.echo(terminal_safe(f"    zh: {zh['title'] or '(no title)'}", newlines=False))
        click.echo(terminal_safe(f"    en: {en['title'] or '(no title)'}", newlines=False))
    click.echo(f"{len(rows)} pairs, {len(corpus.unpaired)} unpaired files")


@click.command("segment")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Language (default: detected).")
@click.option("--semicolon/--no-semicolon", default=False, show_default=True, help="Split zh at ；too.")
@FORMAT
@encoding_option
@limits_options
def segment_cmd(
    path: Path,
    lang: str | None,
    semicolon: bool,
    fmt: str,
    encoding: str | None,
    max_size: int | None,
    max_segment: int,
) -> None:
    """Print the sentences of one bulletin, one per line.

    The title and the release-date line are segments of their own; page
    chrome (breadcrumbs, footers, navigation) is left out.

    \b
    Example:
      bilingual segment corpus/en/2023-02-14-grassroots-safety.txt
      bilingual segment corpus/zh/2023-03-20-rural-revitalization.txt --format json
    """
    doc = read_document(
        path, lang, encoding, semicolon=semicolon, max_size=max_size or MAX_SIZE, max_segment=max_segment
    )
    if fmt == "json":
        payload = {
            **_summary(doc),
            "id": doc.id,
            "segmenter": doc.segmenter,
            "segments": [
                {"id": s.id, "paragraph": s.paragraph, "kind": s.kind.value, "start": s.start, "end": s.end,
                 "text": s.text}
                for s in doc.segments
            ],
        }  # fmt: skip
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for seg in doc.segments:
        # One sentence per line: a line break inside a sentence would break that promise.
        click.echo(" ".join(seg.text.splitlines()))


COMMANDS: list[click.Command] = [corpus_group, segment_cmd]
