"""What a command was given: a corpus folder, two bulletins, or files of aligned pairs.

Every command resolves its INPUT arguments here, once, into :class:`Inputs`:

- ``corpus``: one folder with ``zh/`` and ``en/`` (paired by file name; files
  without a partner are kept in ``unpaired`` so the caller can warn);
- ``pair``: two bulletin files, the Chinese first;
- ``files``: exchange files of aligned pairs (TMX, XLIFF, PO, JSONL, TSV...),
  read by the formats registry, not here.

``root`` is the corpus folder the inputs belong to (for two bulletins
``ROOT/zh/X.txt ROOT/en/X.txt``, that ROOT): where pins
(``ROOT/pins/NAME.pins``) and the project file are looked for. Whether a
file holds aligned pairs is the caller's question (``is_exchange``), since
only the formats registry knows the suffixes; this module imports no stage
above :mod:`bilingual.corpus`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bilingual.corpus.pairing import pair_corpus
from bilingual.corpus.read import doc_id
from bilingual.errors import InputError
from bilingual.model import EN, ZH, CorpusPair, Document, Paragraph, Segment

USAGE = (
    "INPUT is one corpus folder (zh/ and en/), two bulletin files (Chinese, then English), or files of pairs"
)


@dataclass(frozen=True, slots=True)
class Inputs:
    kind: str  # corpus | pair | files
    paths: tuple[Path, ...]
    pairs: tuple[CorpusPair, ...] = ()  # corpus and pair: the bulletins to align, by name
    unpaired: tuple[Path, ...] = ()
    root: Path | None = None  # the corpus folder, when there is one

    @property
    def aligned(self) -> bool:
        """Whether the inputs are bulletins that the pipeline aligns (not pairs read from files)."""
        return self.kind != "files"

    @property
    def name(self) -> str:
        """A name for whole-input outputs: the corpus folder's, the pair's, or the first file's stem."""
        if self.kind == "corpus":
            return self.paths[0].absolute().name
        if self.kind == "pair":
            return self.pairs[0].id
        return self.paths[0].stem


def corpus_root_of(path: Path) -> Path | None:
    """``ROOT`` for a bulletin at ``ROOT/zh/NAME`` or ``ROOT/en/NAME``, else None."""
    parent = path.absolute().parent
    return parent.parent if parent.name in (ZH, EN) else None


def resolve(paths: Sequence[Path], is_exchange: Callable[[Path], bool]) -> Inputs:
    """Tell what ``paths`` are; a usage error names the first path that does not fit."""
    paths = tuple(Path(p) for p in paths)
    if not paths:
        raise InputError(USAGE)
    for path in paths:
        if not path.exists():
            raise InputError("no such file or folder", path)
    if len(paths) == 1 and paths[0].is_dir():
        corpus = pair_corpus(paths[0])
        return Inputs("corpus", paths, corpus.pairs, corpus.unpaired, paths[0])
    folders = [p for p in paths if p.is_dir()]
    if folders:
        raise InputError("a corpus folder must be the only input", folders[0])
    if all(is_exchange(p) for p in paths):
        return Inputs("files", paths)
    if len(paths) == 2 and not any(is_exchange(p) for p in paths):
        zh, en = paths
        return Inputs("pair", paths, (CorpusPair(doc_id(zh), zh, en),), (), corpus_root_of(zh))
    odd = next((p for p in paths if not is_exchange(p)), paths[0])
    raise InputError(USAGE, odd)


def lines_document(
    path: Path,
    lang: str,
    name: str,
    encoding: str | None = None,
    *,
    max_size: int | None = None,
    max_segment: int | None = None,
) -> Document:
    """A file of one sentence a line (``align --segmented``, as aligners are evaluated): ids are
    0-based line numbers, every line a segment, one paragraph. The caps are
    :func:`bilingual.corpus.read_document`'s (``max_size`` None: the bulletin cap, 2 MB;
    ``max_segment`` None: no cap on a line)."""
    from bilingual.io import MAX_SIZE, decode_utf8, read_bytes

    data = read_bytes(path, max_size=max_size if max_size is not None else MAX_SIZE)
    text = decode_utf8(data, path, "; try --encoding gb18030", encoding=encoding)
    segments: list[Segment] = []
    offset = 0
    for raw in text.splitlines(keepends=True):  # as str.splitlines splits, so ids are line numbers
        body = raw.splitlines()[0] if raw.splitlines() else ""
        if max_segment is not None and len(body) > max_segment:
            raise InputError(
                f"line {len(segments) + 1} is {len(body):,} characters long (the cap is "
                f"{max_segment:,}; --max-segment): is this one sentence a line?",
                path,
                len(segments) + 1,
            )
        segments.append(Segment(len(segments), 0, offset, offset + len(body), body))
        offset += len(raw)
    paragraph = Paragraph(0, 0, len(text), text)
    return Document(
        id=name,
        lang=lang,
        text=text,
        paragraphs=(paragraph,),
        path=path,
        segments=tuple(segments),
        segmenter="seg:lines",
    )


def lines_documents(
    zh: Path, en: Path, name: str, encoding: str | None = None, **caps: int | None
) -> tuple[Document, Document]:
    """Both sides of ``align --segmented`` (:func:`lines_document`, ``caps`` its ``max_size`` and
    ``max_segment``). One side without a sentence aligns to skip beads, as aligners are
    evaluated; both without one is refused: reading nothing is never success."""
    zh_doc, en_doc = (
        lines_document(zh, ZH, name, encoding, **caps),
        lines_document(en, EN, name, encoding, **caps),
    )
    if not any(s.text.strip() for s in (*zh_doc.segments, *en_doc.segments)):
        raise InputError(f"holds no sentence, nor does {en} (one a line is expected)", zh)
    return zh_doc, en_doc
