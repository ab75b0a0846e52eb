"""Publishing: the editors' one command, from a corpus directory to every output.

``publish(corpus_root, out_dir)`` reads and aligns every pair, checks it with
the glossary, and writes under ``out_dir``::

    site/        the public build: index.html, ID.html (both languages), ID.zh.html,
                 ID.en.html, downloads/ID.tmx|.xlf|.po and the whole-corpus files,
                 bilingual.css, the logo, sitemap.xml and feed.xml (with a base_url)
    review/      the review build (noindex): index.html with confidences and findings,
                 ID.html (review mode: ID.html#review), bilingual.css
    po/ID.po     and every other per-document format: FORMAT/ID.SUFFIX
    tmx/bulletins.tmx, xliff/bulletins.xlf, ...   whole-corpus formats: FORMAT/bulletins.SUFFIX
    report.json  signature, per-bulletin confidence, findings, changes, files
    state.json   the English of every bulletin, one segment a line: what the next
                 publish compares its English with; the SHA-256 of each po/ID.po as written

Guarantees: a publish is one transaction (:mod:`bilingual.transaction`). The
whole output is built in a sibling staging folder, synced once, and made
current in one atomic step (Linux ``renameat2`` ``RENAME_EXCHANGE``, which keeps
``out_dir`` a real directory): readers, and a run killed at any point, see the
previous publish or the new one, never a mix. Everything that can fail on bad
input (reading, aligning, the glossary) is done before the first file is
written, and any failure leaves the previous publish untouched (and creates no
empty ``out_dir``). A lock beside ``out_dir`` makes a second publish into the
same folder fail at once. Files in ``out_dir`` that publish did not write (a
``CNAME``, a ``.git`` folder) are carried over into the new version; files of
the previous publish that this one no longer produces (a bulletin removed from
the corpus) are dropped. A PO file of ``po/`` holding a reviewer's edits that
``bilingual po import`` has not brought into the corpus is never replaced:
nothing is published (exit 2; :mod:`bilingual.publish.edits`, checked before any
work). The output is deterministic: dates come from SOURCE_DATE_EPOCH or the
bulletins, never the clock; files and JSON keys are sorted. When ``out_dir``
holds a previous publish (its ``report.json``), the review index gets a "changed
since last publish" column: chrF of the new English of each bulletin against the
previous one (100 = unchanged), read before building.

``builds`` chooses the site builds written (``--public-only``: only ``site``;
``--review-only``: only ``review``); a build not written is kept as the
previous publish left it (its files are not "owned" by this run, so the
transaction carries them over, and the report lists them again so the next
full publish replaces them). The public site's settings (title, organisation,
logo, base URL, footer, templates) come from the project file's ``[site]``
(:class:`~bilingual.formats.templating.SiteConfig`); its templates are parsed
and the logo checked before anything is written.

Memory stays flat however large the corpus: the checked documents are spooled
to disk inside the staging folder (:class:`Spool`) and each format reads them
back one at a time. ``--fail-on`` findings refuse the publish before anything
is written (exit 1); stale pins are listed in the report (``stale_pins``).

No printing here: progress goes through the ``progress`` callback.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from bilingual.align import pins as pinning
from bilingual.errors import BilingualError, ExportError, InputError
from bilingual.formats import ExportContext, Format, writers
from bilingual.formats.public import write_public
from bilingual.formats.site import IgnoreView, index_row, write_site
from bilingual.formats.templating import SiteConfig, Templates
from bilingual.glossary import Glossary
from bilingual.io import batch, write_atomic
from bilingual.model import Alignment, Checked, CorpusPair, Finding, Verdict
from bilingual.pipeline import Progress, Settings, context, run
from bilingual.publish.edits import EditGuard, corpus_documents, digests
from bilingual.publish.spool import Spool
from bilingual.score.metrics import chrf
from bilingual.transaction import FolderTransaction

log = logging.getLogger(__name__)

REPORT = "report.json"
SPOOL_DIR = ".spool"  # the checked documents of the run, inside staging; removed before the flip
TOOL = "bilingual publish"
SITE_DIR = "site"  # the public build
REVIEW_DIR = "review"  # the review build
BUILDS = (SITE_DIR, REVIEW_DIR)
STATE = "state.json"
CORPUS_STEM = "bulletins"  # file name of whole-corpus formats
# html: the site holds the pages and the index; beads and text: the aligner's and
# score's working files, not outputs for editors.
NOT_PUBLISHED = frozenset({"html", "beads", "text"})


@dataclass(frozen=True, slots=True)
class PublishResult:
    out_dir: Path
    documents: int
    files: tuple[str, ...]  # relative to out_dir, sorted
    findings: Mapping[str, int]  # problem findings by verdict, over the corpus
    previous: bool  # a previous publish was found and compared
    report: Mapping[str, Any] = field(default_factory=dict)


def _label(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _document_text(alignment: Alignment, lang: str) -> str:
    """The segments of one side, one a line (line breaks inside a segment become spaces)."""
    doc = alignment.zh if lang == "zh" else alignment.en
    return "".join(s.text.replace("\n", " ") + "\n" for s in doc.segments)


def read_previous(out_dir: Path) -> dict[str, Any] | None:
    """The report of a previous publish in ``out_dir``, or None."""
    path = out_dir / REPORT
    if not path.is_file():
        return None
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        log.warning("%s: not a readable publish report (%s); comparing with nothing", path, exc)
        return None
    if not isinstance(report, dict) or report.get("tool") != TOOL:
        log.warning("%s: not written by %s; comparing with nothing", path, TOOL)
        return None
    return report


def read_state(out_dir: Path) -> dict[str, str]:
    """The English of each bulletin at the previous publish (empty when unknown)."""
    try:
        state = json.loads((out_dir / STATE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return {}
    english = state.get("en") if isinstance(state, dict) else None
    return {k: v for k, v in english.items() if isinstance(v, str)} if isinstance(english, dict) else {}


def changes(items: Iterable[Checked | Alignment], previous: Mapping[str, str]) -> dict[str, float | None]:
    """chrF of each bulletin's new English against its previous English (None: a new bulletin)."""
    result: dict[str, float | None] = {}
    for item in items:
        alignment = item.alignment if isinstance(item, Checked) else item
        old = previous.get(alignment.id)
        if old is None:
            result[alignment.id] = None
            continue
        new = _document_text(alignment, "en")
        result[alignment.id] = 100.0 if old == new else round(chrf([new], [old]), 2)
    return result


def _exporting(fmt: Format, items: Iterable[Checked], context: ExportContext) -> Callable[[BinaryIO], object]:
    write = fmt.write
    if write is None:
        raise ExportError(f"{fmt.name} cannot be written")
    return lambda out: write(iter(items), context, out)


def _writer(data: bytes) -> Callable[[BinaryIO], object]:
    return lambda out: out.write(data)


def site_config(settings: Settings) -> SiteConfig:
    """The public site's settings from the project file (logo and template folder checked)."""
    project = settings.project
    corpus = settings.inputs.paths[0] if settings.inputs.paths else None
    return SiteConfig.from_project(project.site, project.root, corpus, context(settings).site_title)


class PublishRefused(BilingualError):
    """``--fail-on`` findings are open: nothing is published (exit status 1, as for findings)."""

    exit_code = 1


def publish(
    settings: Settings,
    out_dir: Path,
    *,
    progress: Progress | None = None,
    builds: Sequence[str] = BUILDS,
    refuse: Callable[[Sequence[Finding]], Sequence[Finding]] | None = None,
    memory: Path | None = None,
) -> PublishResult:
    """Run the pipeline over a corpus and write every format, the site builds and the report.

    See the module docstring; everything that can fail on bad input (reading,
    aligning, the glossary, the site's templates and logo) happens before the
    first file is written. ``refuse``: the findings that must block the
    publish (``--fail-on``); any at all raise :class:`PublishRefused` and
    nothing is written. ``memory``: a translation memory (SQLite) to bring up
    to date with the published beads.
    """
    if settings.inputs.kind != "corpus":
        raise InputError("publish takes one corpus folder (zh/ and en/)", settings.inputs.paths[0])
    site = site_config(settings)
    if SITE_DIR in builds:
        Templates(site)  # a broken template fails here, before any work
    pairs = {pair.id: pair for pair in settings.inputs.pairs}
    # The lock first (a second publish fails at once); -o a file or not writable: refused here.
    with FolderTransaction(out_dir) as transaction:
        previous = read_previous(transaction.out)  # the previous publish, read before building
        # A reviewer's PO edits not imported refuse the publish now, before any work (publish.edits).
        reading, corpus = corpus_documents(settings), str(settings.inputs.paths[0])
        replaced = _owned(previous) | {f"po/{doc_id}.po" for doc_id in pairs}  # also with no report
        guard = EditGuard.check(transaction.out, replaced, reading, corpus=corpus, shown=out_dir)
        spool_dir = transaction.staging / SPOOL_DIR  # inside staging: a killed run's is cleaned with it
        spool_dir.mkdir()
        items = Spool(spool_dir)
        blocking: list[Finding] = []
        stale: list[dict[str, Any]] = []
        seen: set[str] = set()  # finding ids, for the ignore list's stale entries
        documents: set[str] = set()
        for checked in run(settings, progress):
            items.append(checked)
            seen.update(f.id for f in checked.findings if f.id)
            documents.update(pair.doc_id for pair in checked.alignment.pairs())
            if refuse is not None:
                blocking += refuse(checked.findings)
            stale += _stale_pins(settings, pairs[checked.id], checked)
        if blocking:
            where = ", ".join(sorted({f.doc_id or f.segment.split(":z")[0] for f in blocking}))
            message = f"{len(blocking)} finding(s) at --fail-on in {where}: nothing published"
            raise PublishRefused(message, out_dir)
        _refuse_duplicates(items.ids, out_dir)
        items.sort()
        result = _publish_into(
            transaction,
            out_dir,
            items,
            previous=previous,
            guard=guard,
            context=context(settings),
            glossary=settings.glossary,
            unpaired=[_label(p) for p in settings.inputs.unpaired],
            site=site,
            builds=builds,
            stale_pins=stale,
            before_commit=lambda: _finish(items, spool_dir, memory, settings.signature),
            progress=progress,
            ignored=IgnoreView.of(
                settings.ignore,
                seen,
                documents,
                settings.inputs.paths[0],
                # Given on the command line: the check that accepts must find the same findings.
                settings.glossary.sources
                if settings.glossary and settings.glossary_origin == "--glossary"
                else (),
            ),
        )
    return result


def _finish(items: Spool, spool_dir: Path, memory: Path | None, signature: str) -> None:
    """Before the flip: the translation memory brought up to date (a failure publishes nothing); the
    spool dropped."""
    if memory is not None:
        from bilingual.memory import add_checked, open_memory

        with open_memory(memory, create=True) as store:
            add_checked(store, items, signature)
    shutil.rmtree(spool_dir)


def _stale_pins(settings: Settings, pair: CorpusPair, checked: Checked) -> list[dict[str, Any]]:
    """The pins of ``pair`` that no longer fit its text (already logged by the pipeline), for the report."""
    path = settings.pins_file(pair)
    if path is None:
        return []
    found = pinning.resolve(path, checked.alignment.zh, checked.alignment.en).stale
    return [
        {"document": pair.id, "file": _label(path), "line": x.pin.line, "pin": str(x.pin), "reason": x.reason}
        for x in found
    ]


def write_publish(
    items: Sequence[Checked],
    out_dir: Path,
    *,
    context: ExportContext,
    glossary: Glossary | None = None,
    unpaired: Sequence[str] = (),
    site: SiteConfig | None = None,
    builds: Sequence[str] = BUILDS,
) -> PublishResult:
    """The writing half of :func:`publish`, for checked alignments already made (benchmarks, tests).

    ``context``: the signature, date and review threshold to stamp
    (:func:`bilingual.pipeline.context` of the run's settings); ``site``: the
    public site's settings (default: the context's site title, nothing else).
    """
    items = _checked_ids(items, out_dir)
    site = site or SiteConfig(title=context.site_title)
    if SITE_DIR in builds:
        Templates(site)
    with FolderTransaction(out_dir) as transaction:
        previous = read_previous(transaction.out)
        documents = {c.id: (c.alignment.zh, c.alignment.en) for c in items}
        replaced = _owned(previous) | {f"po/{doc_id}.po" for doc_id in documents}
        guard = EditGuard.check(transaction.out, replaced, documents, shown=out_dir)
        return _publish_into(
            transaction,
            out_dir,
            items,
            previous=previous,
            guard=guard,
            context=context,
            glossary=glossary,
            unpaired=unpaired,
            site=site,
            builds=builds,
        )


def _refuse_duplicates(ids: Sequence[str], out_dir: Path) -> None:
    """Two bulletins with one id are refused (before anything is written)."""
    if len(set(ids)) != len(ids):
        dupes = sorted(i for i, n in Counter(ids).items() if n > 1)
        raise ExportError(f"two bulletins share an id: {', '.join(dupes)}", out_dir)


def _checked_ids(items: Sequence[Checked], out_dir: Path) -> list[Checked]:
    """The items sorted by id; two bulletins with one id are refused (before anything is written)."""
    _refuse_duplicates([c.id for c in items], out_dir)
    return sorted(items, key=lambda c: c.id)


def _publish_into(
    transaction: FolderTransaction,
    out_dir: Path,
    items: Sequence[Checked],
    *,
    previous: Mapping[str, Any] | None,
    guard: EditGuard,
    context: ExportContext,
    glossary: Glossary | None,
    unpaired: Sequence[str],
    site: SiteConfig,
    builds: Sequence[str],
    stale_pins: Sequence[Mapping[str, Any]] = (),
    before_commit: Callable[[], object] | None = None,
    progress: Progress | None = None,
    ignored: IgnoreView | None = None,
) -> PublishResult:
    """Build the publish in the staging folder, carry over the office's files, sync, then flip."""
    staging = transaction.staging
    changed = changes(items, read_state(transaction.out)) if previous is not None else None
    written: list[str] = []
    with batch():  # no fsync per file; one file system sync before the flip (see bilingual.io)
        formats = _write_formats(items, staging, context, changed, written, site, builds, progress, ignored)
        kept = _kept_builds(previous, builds, transaction.out)
        formats.update(kept)
        report = _report(items, context, glossary, unpaired, changed, previous is not None, formats)
        report["stale_pins"] = list(stale_pins)
        report["stale_ignore"] = ignored.report() if ignored else []
        data = json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        write_atomic(staging / REPORT, _writer(data.encode("utf-8")))
        # Not written now but in out_dir: the office's files come along, the previous publish's do not.
        carried = transaction.carry_over(_owned(previous) - {f for files in kept.values() for f in files})
    guard.verify()  # a PO saved in OUT while this run built: refused, not replaced
    if before_commit is not None:
        before_commit()  # the spool goes before the flip: it is no part of the output
    transaction.commit()  # after the batch's sync: only a complete, synced tree becomes current
    if carried:
        log.info("carried over from the previous version: %s", ", ".join(carried))
    return PublishResult(
        out_dir=out_dir,
        documents=len(items),
        files=tuple(sorted([*written, REPORT])),
        findings=report["totals"]["findings"],
        previous=previous is not None,
        report=report,
    )


def _report(
    items: Sequence[Checked],
    context: ExportContext,
    glossary: Glossary | None,
    unpaired: Sequence[str],
    changed: Mapping[str, float | None] | None,
    previous: bool,
    formats: Mapping[str, list[str]],
) -> dict[str, Any]:
    """report.json: signature, per-bulletin confidence and findings, totals, the files by format."""
    low_confidence = context.low_confidence
    totals: Counter[str] = Counter()
    documents = []
    for item in items:  # one document in memory at a time (items may be a Spool)
        alignment = item.alignment
        row = index_row(item, context, (changed or {}).get(item.id))
        totals.update(dict(row.findings))
        documents.append(
            {
                "id": alignment.id,
                "date": row.date,
                "title_zh": row.title_zh,
                "title_en": row.title_en,
                "zh": _label(alignment.zh.path) if alignment.zh.path else None,
                "en": _label(alignment.en.path) if alignment.en.path else None,
                "beads": row.beads,
                "low_confidence_beads": row.low,
                "confidence": round(row.confidence, 4),
                "findings": dict(row.findings),
                "accepted": row.accepted,
                "status": "compliant" if not row.problems else "findings",
                "changed_chrf": row.changed,
            }
        )
    problems = [
        {
            "segment": f.segment,
            "message": f.message,
            "codepoint": f"U+{ord(f.found):04X}" if f.found else None,
        }
        for f in context.problems
        if f.verdict is Verdict.CONTROL_CHAR
    ]
    report: dict[str, Any] = {
        "tool": TOOL,
        "signature": context.signature,
        "date": context.date,
        "glossary": {"checksum": glossary.checksum, "sources": [Path(s).name for s in glossary.sources]}
        if glossary
        else None,
        "low_confidence": low_confidence,
        "previous_publish": previous,
        "documents": documents,
        "totals": {"documents": len(documents), "findings": dict(sorted(totals.items()))},
        "text_problems": problems,
        "unpaired": list(unpaired),
        "formats": formats,
    }
    return report


def _write_formats(
    items: Sequence[Checked],
    out_dir: Path,
    context: ExportContext,
    changed: Mapping[str, float | None] | None,
    written: list[str],
    site_config: SiteConfig,
    builds: Sequence[str],
    progress: Progress | None = None,
    ignored: IgnoreView | None = None,
) -> dict[str, list[str]]:
    """Every format, the site builds and state.json; the written paths go to ``written``; names by format.

    ``progress`` hears ``write`` once a document a format or build (and once for state.json).
    """
    formats: dict[str, list[str]] = {}
    published = [(n, f) for n, f in writers().items() if n not in NOT_PUBLISHED]
    steps = len(items) * (len(published) + sum(b in builds for b in BUILDS)) + 1
    report = _WriteProgress(progress, steps)
    for name, exporter in published:
        if exporter.per_document:
            names = []
            for item in items:  # one document in memory at a time (items may be a Spool)
                names.append(f"{name}/{item.id}{exporter.suffix}")
                write_atomic(out_dir / names[-1], _exporting(exporter, [item], context))
                report(names[-1])
        else:
            names = [f"{name}/{CORPUS_STEM}{exporter.suffix}"]
            write_atomic(out_dir / names[0], _exporting(exporter, report.each(items, names[0]), context))
        written.extend(names)
        formats[name] = names
    if SITE_DIR in builds:
        corpus_files = {
            Path(name).name: out_dir / name
            for fmt in ("tmx", "xliff")
            for name in formats.get(fmt, [])
            if not writers()[fmt].per_document
        }
        per_bulletin = {Path(name).name: out_dir / name for name in formats.get("po", [])}
        public = write_public(
            report.each(items, f"{SITE_DIR}/"),
            context,
            site_config,
            out_dir / SITE_DIR,
            corpus_files=corpus_files,
            written_files=per_bulletin,
        )
        formats[SITE_DIR] = sorted(p.relative_to(out_dir).as_posix() for p in public)
        written.extend(formats[SITE_DIR])
    if REVIEW_DIR in builds:
        review = write_site(
            report.each(items, f"{REVIEW_DIR}/"),
            context,
            out_dir / REVIEW_DIR,
            changed=changed,
            noindex=True,
            ignored=ignored,
        )
        formats[REVIEW_DIR] = [p.relative_to(out_dir).as_posix() for p in review]
        written.extend(formats[REVIEW_DIR])
    recorded = digests(out_dir, written)  # the PO files as written: the next publish compares them
    write_atomic(out_dir / STATE, lambda out: _write_state(items, out, recorded))
    written.append(STATE)
    report(STATE)
    return formats


class _WriteProgress:
    """Counts the writing steps of a publish for the ``progress`` callback (``write`` phase)."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress = progress
        self.total = total
        self.done = 0

    def __call__(self, name: str) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress("write", self.done, self.total, name)

    def each(self, items: Sequence[Checked], where: str) -> Iterable[Checked]:
        """``items`` as a writer reads them (once), one step reported a document (``where`` + its id)."""
        return items if self.progress is None else self._each(items, where)

    def _each(self, items: Sequence[Checked], where: str) -> Iterator[Checked]:
        for item in items:
            yield item
            self(f"{where}{item.id}" if where.endswith("/") else where)


def _write_state(items: Iterable[Checked], out: BinaryIO, recorded: Mapping[str, str]) -> None:
    """state.json, streamed a bulletin at a time, byte for byte what ``json.dumps(state, indent=0,
    sort_keys=True)`` gives for ``{"digests": {path: SHA-256}, "en": {id: English}, "tool": TOOL}``
    (items come sorted by id; digests of the files a reviewer edits, :mod:`bilingual.publish.edits`)."""
    listed = json.dumps(recorded, ensure_ascii=False, indent=0, sort_keys=True)
    out.write(f'{{\n"digests": {listed},\n"en": {{'.encode())
    for k, item in enumerate(items):
        key = json.dumps(item.id, ensure_ascii=False)
        value = json.dumps(_document_text(item.alignment, "en"), ensure_ascii=False)
        out.write(f"{',' if k else ''}\n{key}: {value}".encode())
    out.write(f'\n}},\n"tool": {json.dumps(TOOL)}\n}}\n'.encode())


def _kept_builds(
    previous: Mapping[str, Any] | None, builds: Sequence[str], out: Path
) -> dict[str, list[str]]:
    """The files of the builds this run does not write, as the previous publish left them."""
    formats = previous.get("formats") if previous else None
    if not isinstance(formats, dict):
        return {}
    kept = {}
    for build in BUILDS:
        files = formats.get(build)
        if build in builds or not isinstance(files, list):
            continue
        kept[build] = sorted(f for f in files if isinstance(f, str) and (out / f).is_file())
    return kept


def _owned(previous: Mapping[str, Any] | None) -> set[str]:
    """The files the previous publish wrote (from its report): not carried into the new version."""
    if not previous:
        return set()
    formats = previous.get("formats")
    names = formats.values() if isinstance(formats, dict) else []
    owned = {f for group in names if isinstance(group, list) for f in group if isinstance(f, str)}
    return owned | {REPORT, STATE}
