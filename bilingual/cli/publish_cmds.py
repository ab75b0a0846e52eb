"""`bilingual publish` and `bilingual po import`: thin click layer over
:mod:`bilingual.publish` and :mod:`bilingual.formats.po_import`.

Errors are typed (:mod:`bilingual.errors`) and become one line and exit 2 in
the group of :mod:`bilingual.cli`; nothing here calls ``sys.exit``.
"""

from __future__ import annotations

from pathlib import Path

import click

from bilingual.align import pins as pinning
from bilingual.cli.glossary_cmds import fail_names, failing
from bilingual.cli.options import (
    cluster_option,
    encoding_option,
    glossary_option,
    jobs_option,
    limits_options,
    low_confidence_option,
    marks_option,
    max_bead_option,
    pins_option,
    similarity_option,
)
from bilingual.cli.progress import progress_option, reporter
from bilingual.corpus import MAX_SIZE, pair_corpus, read_pair
from bilingual.formats.po_import import Resolve, import_po
from bilingual.model import Document, fingerprint
from bilingual.pipeline import Settings
from bilingual.publish import BUILDS, SITE_DIR, publish


@click.command("publish")
@click.argument("corpus_dir", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option(
    "-o", "--out", "out_dir", required=True, type=click.Path(path_type=Path), help="Output directory."
)
@glossary_option()
@similarity_option()
@max_bead_option
@pins_option
@encoding_option
@low_confidence_option("Beads below this are marked for review in PO and on the site.")
@limits_options
@marks_option
@jobs_option()
@cluster_option
@click.option(
    "--public-only",
    "only",
    flag_value="site",
    help="Write only the public site (OUT/site); keep OUT/review as it is.",
)
@click.option(
    "--review-only",
    "only",
    flag_value="review",
    help="Write only the review site (OUT/review); keep OUT/site as it is.",
)
@click.option(
    "--fail-on",
    default=None,
    callback=lambda _ctx, _param, value: None if value is None else fail_names(value),
    help="Refuse to publish (exit 1, nothing written) while such findings are open: one verdict is a "
    "threshold, a comma list names verdicts and checks exactly (forbidden,number).",
)
@click.option(
    "--memory",
    "memory",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A translation memory (SQLite, see `bilingual tm`) to bring up to date with the published beads.",
)
@progress_option
def publish_cmd(
    corpus_dir: Path,
    out_dir: Path,
    glossaries: tuple[Path, ...],
    similarity: str | None,
    max_bead: int | None,
    pins_path: Path | None,
    encoding: str | None,
    low_confidence: float | None,
    max_size: int | None,
    max_segment: int,
    marks: str | None,
    jobs: int,
    cluster: str | None,
    only: str | None,
    fail_on: tuple[str, ...] | None,
    memory: Path | None,
    show_progress: bool,
) -> None:
    """Align, check and export a whole corpus: every format, the two HTML sites and a JSON report.

    Writes OUT/site/ (the public site: reading view, one page per language,
    downloads, sitemap and feed; title, logo, base URL and templates from
    bilingual.toml's [site]), OUT/review/ (findings and confidences, noindex),
    OUT/po/ID.po and one folder per format, OUT/report.json and OUT/state.json.
    Progress (aligning, then writing) goes to stderr: a bar on a terminal, else
    a line every few seconds.
    Run it again on the same OUT to get a "changed since last publish" column
    (chrF) in the review index. Outputs are
    deterministic (set SOURCE_DATE_EPOCH to stamp a date). A publish is one
    transaction: built beside OUT, then swapped in whole, so OUT is always the old
    or the new publish; files of your own in OUT (CNAME, .git) are kept. A second
    publish into the same OUT while one runs fails at once (exit 2). A reviewer's
    edits in OUT/po/ID.po not yet brought in with `bilingual po import` refuse the
    publish (exit 2, nothing written): import them first, or delete the file.
    Pins in CORPUS/pins/NAME.pins (an editor's fixed beads) are kept.

    \b
    Example:
      bilingual publish corpus/ -o build/publish
      bilingual publish corpus/ -o build/publish --glossary glossaries/zhejiang.tbx
      bilingual publish corpus/ -o build/publish --public-only
      bilingual publish corpus/ -o build/publish --fail-on forbidden,number --memory build/memory.sqlite
    """
    builds = (only,) if only else BUILDS
    settings = Settings.resolve(
        [corpus_dir],
        glossaries=glossaries,
        similarity=similarity,
        max_bead=max_bead,
        pins=pins_path,
        encoding=encoding,
        low_confidence=low_confidence,
        max_size=max_size,
        max_segment=max_segment,
        jobs=jobs,
        cluster=cluster,
        marks=marks,
    )
    refuse = (lambda found: failing(found, fail_on)) if fail_on else None
    progress = reporter(show_progress)
    try:
        result = publish(settings, out_dir, progress=progress, builds=builds, refuse=refuse, memory=memory)
    finally:
        if progress is not None:
            progress.done()  # a refused or failed publish's message starts on a clean line too
    findings = sum(result.findings.values())
    detail = ", ".join(f"{n} {v}" for v, n in result.findings.items())
    accepted = sum(d.get("accepted", 0) for d in result.report.get("documents", ()))
    click.echo(
        f"published {result.documents} bulletins to {result.out_dir}: {len(result.files)} files, "
        f"{findings} open findings"
        + (f" ({detail})" if detail else "")
        + (f", {accepted} accepted (.bilingual-ignore.toml)" if accepted else "")
        + ("; compared with the previous publish" if result.previous else "")
    )
    for build in builds:
        label = "site" if build == SITE_DIR else "review"
        click.echo(f"{label}: {result.out_dir / build / 'index.html'}")


@click.group("po")
def po_group() -> None:
    """Work with PO files exported by `bilingual publish` (or `export --to po`).

    \b
    Example:
      bilingual po import build/publish/po/2023-02-14-grassroots-safety.po --corpus corpus/
    """


@po_group.command("import")
@click.argument("po_file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--corpus",
    "corpus_dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=Path("corpus"),
    show_default=True,
    help="Corpus whose en/ file receives the edits.",
)
@encoding_option
@limits_options
@click.option("--dry-run/--no-dry-run", default=False, show_default=True, help="Report, write nothing.")
@click.option(
    "--theirs",
    "resolve",
    flag_value="theirs",
    help="On a conflict take the reviewer's text (the PO's msgstr).",
)
@click.option(
    "--ours",
    "resolve",
    flag_value="ours",
    help="On a conflict keep the English file's text.",
)
def po_import_cmd(
    po_file: Path,
    corpus_dir: Path,
    encoding: str | None,
    max_size: int | None,
    max_segment: int,
    dry_run: bool,
    resolve: Resolve,
) -> None:
    """Merge a reviewer's msgstr edits back into the English file of the corpus.

    A three-way merge: only the sentences the reviewer edited change (found
    by fingerprint, so sentences an editor inserted or deleted since the
    export stay as they are); every other byte of the file, and its encoding,
    stay as they were. A sentence edited both in the PO and in the English
    file since the export is a conflict: both texts are listed and nothing is
    written (exit 2), unless --theirs or --ours says which one wins. A PO
    whose Chinese no longer matches the corpus (stale), or that names
    segments that do not exist, is refused the same way. A PO exported
    before three-way import is merged by position only with --theirs.

    \b
    Example:
      bilingual po import reviewed/2023-02-14-grassroots-safety.po --corpus corpus/
      bilingual po import reviewed/2023-02-14-grassroots-safety.po --corpus corpus/ --ours
    """
    pairs = {pair.id: pair for pair in pair_corpus(corpus_dir).pairs}

    read: dict[str, tuple[Document, Document]] = {}

    def documents(doc_id: str) -> tuple[Document, Document] | None:
        pair = pairs.get(doc_id)
        if pair is None:
            return None
        read[doc_id] = read_pair(pair, encoding, max_size=max_size or MAX_SIZE, max_segment=max_segment)
        return read[doc_id]

    result = import_po(po_file, documents, where=str(corpus_dir), dry_run=dry_run, resolve=resolve)
    if result.written:
        # A translator's fix must not unpin an editor's bead: re-anchor the pins of the edited sentences.
        for doc_id, (_, before) in read.items():
            pins_file = corpus_dir / "pins" / f"{doc_id}.pins"
            if not pins_file.is_file():
                continue
            after = read_pair(
                pairs[doc_id], encoding, max_size=max_size or MAX_SIZE, max_segment=max_segment
            )[1]
            old, new = before.segments, after.segments
            if len(old) != len(new):
                continue  # sentences added or removed: the pins are re-found by fingerprint on reading
            changed = {
                k: (fingerprint(a.text), fingerprint(b.text))
                for k, (a, b) in enumerate(zip(old, new, strict=True))
                if a.text != b.text
            }
            if changed and (count := pinning.update_fingerprints(pins_file, "en", changed)):
                click.echo(f"{pins_file}: {count} pin(s) follow the edited English")
    if result.english_changed:
        click.echo(f"{result.path}: the English changed since the export; merged three-way")
    for bead in result.ours:
        click.echo(f"  {bead}: conflict, kept the file's text (--ours)")
    if not result.edited:
        click.echo(f"{result.path}: no edits ({result.unchanged} entries unchanged)")
        return
    verb = "would change" if dry_run else "changed"
    click.echo(f"{result.path}: {verb} {len(result.edited)} beads ({result.unchanged} unchanged)")
    for bead in result.edited:
        settled = " (conflict, took the reviewer's text: --theirs)" if bead in result.theirs else ""
        click.echo(f"  {bead}{settled}")


COMMANDS: list[click.Command] = [publish_cmd, po_group]
