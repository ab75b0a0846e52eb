"""`bilingual align`: sentence alignment of a file pair or of a whole corpus directory.

A thin layer: reading is :mod:`bilingual.corpus`, aligning :mod:`bilingual.align`,
rendering the formats of :mod:`bilingual.formats` (beads, tsv and jsonl, the
same vocabulary as ``export --to``); files are written atomically (temporary
file, then rename), so a failure never leaves half a file.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from pathlib import Path

import click

from bilingual.align import LOW_CONFIDENCE, AlignConfig, align
from bilingual.align import pins as pinning
from bilingual.cli.options import (
    encoding_option,
    glossary_option,
    max_bead_option,
    similarity_option,
)
from bilingual.errors import BilingualError, EncodingError, InputError
from bilingual.formats import FORMATS, ExportContext, jsonl, tsv
from bilingual.formats.beads import bead_lines
from bilingual.io import write_text
from bilingual.model import EN, ZH, AlignedPair, Bead, Term, bead_id
from bilingual.signature import make_signature

log = logging.getLogger(__name__)

# The formats align writes, by name; their suffixes come from the registry.
PAIR_WRITERS = {"tsv": tsv.write_pairs, "jsonl": jsonl.write_pairs}
CHOICES = ("beads", *PAIR_WRITERS)


def read_lines(path: Path, encoding: str | None) -> list[str]:
    """One sentence per line (``--segmented``); ids are 0-based line numbers."""
    data = path.read_bytes()
    try:
        text = data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"not {encoding or 'UTF-8'} (byte 0x{data[exc.start]:02X} at offset {exc.start}); "
            "try --encoding gb18030",
            path,
        ) from exc
    except LookupError as exc:
        raise InputError(f"unknown encoding {encoding!r}", path) from exc
    return text.splitlines()


def render(
    beads: Sequence[Bead], zh: Sequence[str], en: Sequence[str], fmt: str, doc_id: str, signature: str
) -> str:
    """The text of one output file in ``fmt`` (beads, tsv or jsonl)."""
    if fmt == "beads":
        return bead_lines(beads)
    pairs = [
        AlignedPair(
            bead_id(doc_id, b), "".join(zh[i] for i in b.zh), " ".join(en[j] for j in b.en), b, doc_id
        )
        for b in beads
    ]
    buffer = io.BytesIO()
    context = ExportContext(signature, low_confidence=LOW_CONFIDENCE)
    PAIR_WRITERS[fmt](((pair, ()) for pair in pairs), context, buffer)
    return buffer.getvalue().decode("utf-8")


def _terms(glossaries: Sequence[Path]) -> tuple[Term, ...]:
    if not glossaries:
        return ()
    from bilingual.glossary import load_many

    return load_many(list(glossaries)).terms


def _read(path: Path, lang: str, segmented: bool, encoding: str | None) -> tuple[list[str], list[int], str]:
    """Sentences, the paragraph of each, and the segmenter's signature."""
    if segmented:
        lines = read_lines(path, encoding)
        return lines, [0] * len(lines), "seg:lines"
    from bilingual.corpus import read_document

    doc = read_document(path, lang, encoding)
    return doc.sentences(), [s.paragraph for s in doc.segments], doc.segmenter


@click.command("align")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Output file (a directory for a corpus)."
)
@click.option("--format", "fmt", type=click.Choice(CHOICES), default="beads", show_default=True)
@click.option(
    "--segmented/--no-segmented",
    default=False,
    show_default=True,
    help="Each input line is one sentence; ids are 0-based line numbers (how aligners are evaluated).",
)
@max_bead_option
@similarity_option()
@click.option(
    "--pins",
    "pins_path",
    type=click.Path(exists=True, path_type=Path),
    help="Links fixed by hand ([3,4]:[5] per line); for a corpus, a directory of NAME.pins files.",
)
@glossary_option("Glossary whose term pairs serve as anchors (repeatable).")
@encoding_option
def align_command(
    inputs: tuple[Path, ...],
    output: Path | None,
    fmt: str,
    segmented: bool,
    max_bead: int,
    similarity: str,
    pins_path: Path | None,
    glossaries: tuple[Path, ...],
    encoding: str | None,
) -> None:
    """Align the sentences of a Chinese file and its English translation.

    Writes one bead per line, `[zh ids]:[en ids]:confidence` (0-based sentence
    ids), or tsv / jsonl with the text and low-confidence beads marked. Given a
    corpus directory (zh/ and en/ paired by file name), writes one file per
    pair into the -o directory.

    \b
    Examples:
      bilingual align corpus/zh/a.txt corpus/en/a.txt --format tsv
      bilingual align --segmented 001.zh 001.en -o 001.align
      bilingual align corpus/ -o build/align --similarity lexical
    """
    config = AlignConfig(similarity=similarity, max_bead=max_bead)
    terms = _terms(glossaries)
    if len(inputs) == 1:
        if not inputs[0].is_dir():
            raise click.UsageError("give two files (ZH EN) or one corpus directory")
        if output is None:
            raise click.UsageError("aligning a corpus directory needs -o OUT_DIR")
        _align_corpus(inputs[0], output, fmt, config, pins_path, terms, encoding)
        return
    if len(inputs) != 2 or any(p.is_dir() for p in inputs):
        raise click.UsageError("give two files (ZH EN) or one corpus directory")
    zh_path, en_path = inputs
    zh, zh_par, zh_seg = _read(zh_path, ZH, segmented, encoding)
    en, en_par, _ = _read(en_path, EN, segmented, encoding)
    pins = pinning.load(pins_path, len(zh), len(en)) if pins_path else []
    beads = align(zh, en, config, pins=pins, terms=terms, paragraphs=(zh_par, en_par))
    signature = make_signature(segmenter=zh_seg, aligner=config.signature)
    doc_id = zh_path.stem
    text = render(beads, zh, en, fmt, doc_id, signature)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text(output, text)


def _align_corpus(
    root: Path,
    out_dir: Path,
    fmt: str,
    config: AlignConfig,
    pins_dir: Path | None,
    terms: Sequence[Term],
    encoding: str | None,
) -> None:
    from bilingual.corpus import pair_corpus, read_pair

    if out_dir.exists() and not out_dir.is_dir():
        raise InputError("is a file; -o needs a directory when aligning a corpus", out_dir)
    corpus = pair_corpus(root)
    for path in corpus.unpaired:
        log.warning("%s: no partner in the other language; skipped", path)
    for pair in corpus.pairs:
        zh_doc, en_doc = read_pair(pair, encoding)
        zh, en = zh_doc.sentences(), en_doc.sentences()
        pins: list[Bead] = []
        if pins_dir is not None:
            candidate = pins_dir / f"{pair.id}.pins"
            if candidate.exists():
                pins = pinning.load(candidate, len(zh), len(en))
        paragraphs = ([s.paragraph for s in zh_doc.segments], [s.paragraph for s in en_doc.segments])
        try:
            beads = align(zh, en, config, pins=pins, terms=terms, paragraphs=paragraphs)
        except BilingualError as exc:
            raise type(exc)(exc.message, exc.path or pair.zh, exc.line) from exc
        signature = make_signature(segmenter=zh_doc.segmenter, aligner=config.signature)
        write_text(
            out_dir / f"{pair.id}{FORMATS[fmt].suffix}", render(beads, zh, en, fmt, pair.id, signature)
        )
        click.echo(f"{pair.id}: {len(zh)} zh, {len(en)} en sentences, {len(beads)} beads", err=True)


COMMANDS: list[click.Command] = [align_command]
