"""The one registry of file formats: each :class:`Format` names how it is written and read back.

A format module (``tmx.py``, ``po.py``, ...) holds both directions of its
format and registers one :class:`Format` at import time. The CLI builds its
``--to`` choices from :data:`FORMATS` (formats with a writer), readers are
chosen by suffix, else by content, with :func:`format_for`, and the conformance suite runs over
all of it.

Writers take :class:`~bilingual.model.Checked` items (an alignment and its
findings) and write bytes to a binary stream. Formats that hold one bulletin
per file (PO, HTML page, plain text) set ``per_document`` and are called once
per item; corpus formats (TMX, XLIFF, bilingual XML) are called once with all
of them and stream (lxml's ``xmlfile``) so memory stays flat. A writer looks
up a pair's findings in its own item (``item.by_pair()``), so it may reorder
or buffer items without losing any. Readers return
:class:`~bilingual.model.AlignedPair` objects, ids as the file gives them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from bilingual.errors import InputError
from bilingual.formats.reading import sniff
from bilingual.model import AlignedPair, Checked, Finding


class ProblemLog:
    """Findings writers report about the text itself (control characters).

    Ordered and de-duplicated: several formats writing the same pair report
    the same finding once. The CLI prints them; ``publish`` lists them in its
    JSON report. The only mutable thing a writer touches.
    """

    def __init__(self) -> None:
        self._findings: dict[Finding, None] = {}

    def add(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            self._findings.setdefault(finding, None)

    def __iter__(self) -> Iterator[Finding]:
        return iter(list(self._findings))

    def __len__(self) -> int:
        return len(self._findings)


@dataclass(frozen=True, slots=True)
class ExportContext:
    """Everything a writer may use besides the checked alignments themselves."""

    signature: str
    date: str = "1970-01-01T00:00:00Z"  # from SOURCE_DATE_EPOCH or the bulletin, never the clock
    low_confidence: float = 0.5  # beads below this are marked fuzzy / needs-review
    site_title: str = "中英对照公告"  # the site's heading: bilingual.toml's [site] title
    problems: ProblemLog = field(default_factory=ProblemLog)  # what writers report, see markup.py
    # Inline marks (one of MARKS); None: the format's default (TMX none, XLIFF 2.1 terms).
    marks: str | None = None

    def report(self, findings: Iterable[Finding]) -> None:
        """Record findings about the text (e.g. ``markup.control_findings(pair)``)."""
        self.problems.add(findings)

    def is_low(self, score: float, pinned: bool) -> bool:
        """Whether a bead is marked for review: scored below ``low_confidence`` and not pinned."""
        return score < self.low_confidence and not pinned


#: The inline marks a writer may put in text: none, glossary terms, problem findings, all.
MARKS = ("none", "terms", "findings", "all")

Writer = Callable[[Iterable[Checked], ExportContext, BinaryIO], None]
Reader = Callable[..., list[AlignedPair]]  # (path) -> pairs; (path, zh_variant=, en_variant=) if variants


@dataclass(frozen=True)
class Format:
    """One file format: its name, suffixes, and the functions that write and read it."""

    name: str
    suffixes: tuple[str, ...]  # lower case, the first is the one written
    per_document: bool
    description: str
    write: Writer | None
    read: Reader | None
    assets: Callable[[], Mapping[str, bytes]] | None = None  # files per-document outputs need beside them
    variants: bool = False  # the reader takes zh_variant= and en_variant= (two variants of a side: TMX)

    @property
    def suffix(self) -> str:
        return self.suffixes[0]


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    """Add ``fmt`` to :data:`FORMATS` (a module calls this once, at import)."""
    FORMATS[fmt.name] = fmt
    return fmt


def writers() -> dict[str, Format]:
    """The formats that can be written, by name (the CLI's ``--to`` choices)."""
    return {name: fmt for name, fmt in sorted(FORMATS.items()) if fmt.write is not None}


# XML roots that are not pairs, with what they are: refused by read_pairs with this name.
NOT_PAIRS = {"tbx": "a glossary (TBX)", "martif": "a glossary (TBX 2008)", "mtf": "a glossary (MultiTerm)"}
# XML roots and the format that reads them, for files whose suffix says nothing (.sdlxliff, .xliff2, .xml).
_ROOTS = {"xliff": "xliff", "tmx": "tmx", "bilingual": "bxml"}


def _by_suffix(name: str) -> Format | None:
    best: tuple[int, Format] | None = None
    for fmt in FORMATS.values():
        if fmt.read is None:
            continue
        for suffix in fmt.suffixes:
            if name.endswith(suffix) and (best is None or len(suffix) > best[0]):
                best = (len(suffix), fmt)
    return best[1] if best else None


def _refuse_glossary(path: Path) -> list[AlignedPair]:
    what = sniff(path)
    root = what[1].split()[0] if what and what[0] == "xml" else "tbx"
    kind = NOT_PAIRS.get(root, "a glossary (TBX)")
    raise InputError(f"is {kind}, not a file of pairs; give it with --glossary", path, 1)


GLOSSARY = Format("tbx", (".tbx",), False, "a TBX glossary: refused as pairs", None, _refuse_glossary)


def format_for(path: Path | str) -> Format | None:
    """The readable format of ``path``: by its suffix (the longest matching), else by its content.

    A file whose suffix no format claims (``.sdlxliff``, ``.xliff2``, ``.xml``)
    is sniffed (:func:`~bilingual.formats.reading.sniff`): an ``<xliff>`` root
    is XLIFF, ``<tmx>`` TMX, a PO header PO. A TBX glossary (by suffix or root)
    gives :data:`GLOSSARY`, whose reader refuses it as pairs. Else None.
    """
    path = Path(path)
    name = path.name.lower()
    if name.endswith(".tbx"):
        return GLOSSARY
    found = _by_suffix(name)
    if found is not None and not name.endswith(".xml"):
        return found
    what = sniff(path) if path.is_file() else None
    if what is None:
        return found
    kind, detail = what
    if kind == "po":
        return FORMATS.get("po", found)
    root = detail.split()[0] if detail else ""
    if root in NOT_PAIRS:
        return GLOSSARY
    return FORMATS.get(_ROOTS.get(root, ""), found)


def is_exchange(path: Path) -> bool:
    """Whether ``path`` is a file of aligned pairs that a registered format reads."""
    found = format_for(path)
    if found is None or found.read is None or found.name == "text":
        return False  # plain text is a bulletin (or, for score, one side): never pairs
    if found.name == "html":  # a bulletin page, unless it is a review page we wrote
        try:
            with path.open("rb") as handle:
                head = handle.read(4096)
        except OSError:
            return False
        return b'name="generator" content="bilingual:' in head
    return True


def read_pairs(
    path: Path, *, zh_variant: str | None = None, en_variant: str | None = None
) -> list[AlignedPair]:
    """The aligned pairs of an exchange file, its format chosen by suffix, else by content.

    ``zh_variant``/``en_variant`` (``zh-TW``, ``en-GB``) name the variant read
    where a unit has two of one side (TMX); other formats have one per side.
    """
    fmt = format_for(path)
    if fmt is None or fmt.read is None:
        known = ", ".join(sorted({s for f in FORMATS.values() if f.read for s in f.suffixes}))
        raise InputError(
            f"unknown pair format {path.suffix or '(no suffix)'!r}; expected one of {known}", path
        )
    if not path.is_file():
        raise InputError("no such file", path)
    if fmt.variants and (zh_variant or en_variant):
        return fmt.read(path, zh_variant=zh_variant, en_variant=en_variant)
    return fmt.read(path)
