"""No traceback, ever; valid output (issue #13 items 6, 8, 9): every probe that once failed.

Each test runs the whole CLI (click's ``CliRunner``, or a subprocess where a
real pipe matters) on hostile input and asserts the exit status, a one-line
error if any, no "Traceback", and output that is valid for its format: HTML
that holds no code point HTML5 or XML 1.0 forbids, terminal text without raw
control characters, XML that its schema accepts.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from lxml import etree

from bilingual.cli import main
from bilingual.formats import FORMATS
from bilingual.formats.bxml import schema as bxml_schema
from bilingual.formats.markup import input_control_findings
from bilingual.formats.registry import ExportContext
from bilingual.glossary.report import counts, render_html, render_text
from bilingual.model import AlignedPair, Alignment, Bead, Checked, Verdict
from tests.conftest import ROOT

GLOSSARY = (
    "id,zh,en,en_variants_ok,forbidden,case_sensitive,note\n"
    "cp,共同富裕,common prosperity,,common wealth,false,\n"
)
# Every code point HTML5 reports as a parse error or XML 1.0 cannot hold (written independently
# of bilingual.display): C0 but TAB/LF/CR (FF too: XML), DEL, C1, surrogates, non-characters.
FORBIDDEN_IN_HTML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # on a terminal: anything but TAB, LF
HOSTILE_ZH = "推进\x00共同富裕\x01\x0b"
HOSTILE_EN = "\x1b]0;pwned\x07Promote common wealth\x1b[2J\x9b\x85 now\x0c"
XLIFF_SURROGATE = """<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="zh-CN" trgLang="en">
  <file id="d">
    <unit id="u1"><segment><source>推进共同富裕<cp hex="D800"/>。</source>
      <target>Promote common wealth<cp hex="DFFF"/> now<cp hex="0001"/>.</target></segment></unit>
    <unit id="u2"><segment><source>共同富裕。</source><target>Common prosperity.</target></segment></unit>
  </file>
</xliff>
"""


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args], env={"SOURCE_DATE_EPOCH": "1700000000"})
    return result.exit_code, result.stdout, result.stderr


def assert_clean(code: int, out: str, err: str, codes: tuple[int, ...] = (0, 1)) -> None:
    """The command ended as designed: an expected exit status, no traceback anywhere."""
    assert code in codes, (code, out, err)
    assert "Traceback" not in out + err
    assert "internal error" not in err


def assert_valid_html(page: str) -> None:
    """No forbidden code point (raw), and lxml's HTML parser reads the page."""
    bad = sorted({f"U+{ord(c):04X}" for c in FORBIDDEN_IN_HTML.findall(page)})
    assert not bad, bad
    raw = page.encode("utf-8")
    for byte in (b"\x00", b"\x01", b"\x0b", b"\x1b", b"\x07"):
        assert byte not in raw
    root = lxml.html.document_fromstring(page)
    assert root.find(".//body") is not None


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    path = tmp_path / "glossary.csv"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


@pytest.fixture
def hostile_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.jsonl"
    records = [
        {"id": "a\x1b]0;title\x07", "zh": HOSTILE_ZH, "en": HOSTILE_EN},
        {"id": "b", "zh": "共同富裕。", "en": "Common wealth."},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def surrogate_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "surrogate.jsonl"
    # json.dumps writes a lone surrogate as its escape: "\ud800", as a broken exporter would.
    record = {"id": "s1", "zh": "推进共同富裕\ud800。", "en": "Promote common wealth\udfff now."}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert "\\ud800" in path.read_text(encoding="utf-8")
    return path


# -- item 1: lone surrogates ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "html", "json", "jsonl"])
def test_lone_surrogate_in_jsonl_does_not_crash_check(
    fmt: str, surrogate_jsonl: Path, glossary: Path, tmp_path: Path
) -> None:
    code, out, err = run("check", surrogate_jsonl, "-g", glossary, "--format", fmt)
    assert_clean(code, out, err, (1,))  # the forbidden rendering is still found
    assert "\ufffd" in out  # read as U+FFFD: visible, never dropped
    assert not re.search("[\ud800-\udfff]", out)
    report = tmp_path / f"report.{fmt}"
    code, out, err = run("check", surrogate_jsonl, "-g", glossary, "--format", fmt, "-o", report)
    assert_clean(code, out, err, (1,))
    assert "\ufffd" in report.read_text(encoding="utf-8")


def test_lone_surrogate_in_jsonl_is_read_as_replacement_with_a_warning(
    surrogate_jsonl: Path, caplog: pytest.LogCaptureFixture
) -> None:
    pairs = FORMATS["jsonl"].read(surrogate_jsonl)  # type: ignore[misc]
    assert pairs[0].zh == "推进共同富裕\ufffd。" and pairs[0].en == "Promote common wealth\ufffd now."
    assert f"{surrogate_jsonl}:1:" in caplog.text and "U+FFFD" in caplog.text


@pytest.mark.parametrize("fmt", ["text", "html", "json"])
def test_lone_surrogate_cp_in_xliff_does_not_crash_score(fmt: str, tmp_path: Path) -> None:
    xlf = tmp_path / "draft.xlf"
    xlf.write_text(XLIFF_SURROGATE, encoding="utf-8")
    ref = tmp_path / "published.xlf"
    ref.write_text(XLIFF_SURROGATE.replace("common wealth", "common prosperity"), encoding="utf-8")
    code, out, err = run("score", "--ref", ref, "--hyp", xlf, "--format", fmt)
    assert_clean(code, out, err, (0,))
    assert not re.search("[\ud800-\udfff]", out)
    if fmt == "html":
        assert_valid_html(out)
    if fmt == "text":
        assert not RAW_CONTROL.search(out)


def test_lone_surrogate_cp_in_xliff_does_not_crash_check(tmp_path: Path, glossary: Path) -> None:
    xlf = tmp_path / "draft.xlf"
    xlf.write_text(XLIFF_SURROGATE, encoding="utf-8")
    pairs = FORMATS["xliff"].read(xlf)  # type: ignore[misc]
    assert pairs[0].zh == "推进共同富裕\ufffd。"
    for fmt in ("text", "html"):
        code, out, err = run("check", xlf, "-g", glossary, "--format", fmt)
        assert_clean(code, out, err, (1,))
        assert "\ufffd" in out


# -- items 2 and 3: control characters in input, valid HTML and XML out ----------------------


def test_check_html_escapes_nul_and_controls(hostile_jsonl: Path, glossary: Path, tmp_path: Path) -> None:
    code, out, err = run("check", hostile_jsonl, "-g", glossary, "--format", "html", "--all")
    assert_clean(code, out, err, (1,))
    assert_valid_html(out)
    assert "␀" in out and "␁" in out and "␋" in out and "␛" in out  # visible stand-ins
    page = tmp_path / "check.html"
    code, out, err = run("check", hostile_jsonl, "-g", glossary, "--format", "html", "-o", page)
    assert_clean(code, out, err, (1,))
    assert_valid_html(page.read_text(encoding="utf-8"))


def test_score_html_escapes_nul_and_controls(hostile_jsonl: Path, tmp_path: Path) -> None:
    ref = tmp_path / "ref.jsonl"
    ref.write_text(
        hostile_jsonl.read_text(encoding="utf-8").replace("wealth", "prosperity"), encoding="utf-8"
    )
    code, out, err = run("score", "--ref", ref, "--hyp", hostile_jsonl, "--format", "html")
    assert_clean(code, out, err, (0,))
    assert_valid_html(out)
    page = tmp_path / "score.html"
    code, out, err = run("score", "--ref", ref, "--hyp", hostile_jsonl, "--format", "html", "-o", page)
    assert_clean(code, out, err, (0,))
    assert_valid_html(page.read_text(encoding="utf-8"))


def test_control_characters_in_jsonl_never_crash_export(
    hostile_jsonl: Path, glossary: Path, tmp_path: Path
) -> None:
    """Every writer: a unit id and text full of controls is written, reported, and stays valid."""
    for name, fmt in sorted(FORMATS.items()):
        if fmt.write is None:
            continue
        out_dir = tmp_path / name
        code, out, err = run("export", hostile_jsonl, "-g", glossary, "--to", name, "-o", out_dir)
        assert_clean(code, out, err, (0,))
        assert not RAW_CONTROL.search(err), (name, err)  # the warnings quote the text, escaped
        for path in out_dir.rglob("*") if out_dir.is_dir() else [out_dir]:
            data = path.read_bytes()
            if path.suffix in (".html", ".htm"):
                assert_valid_html(data.decode("utf-8"))
            elif name in ("tmx", "xliff", "xliff12", "bxml"):
                etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


# -- item 4: terminal output ---------------------------------------------------------------------


def test_terminal_output_escapes_escape_sequences(
    hostile_jsonl: Path, glossary: Path, tmp_path: Path
) -> None:
    # check, text report: the text escaped, ESC shown as \x1b.
    code, out, err = run("check", hostile_jsonl, "-g", glossary, "--all")
    assert_clean(code, out, err, (1,))
    assert not RAW_CONTROL.search(out)
    assert "\\x1b]0;pwned\\x07" in out and "\\x00" in out and "\\x85" in out

    # check --consistency: the renderings found quote the English, escaped too.
    code, out, err = run("check", hostile_jsonl, "-g", glossary, "--consistency")
    assert_clean(code, out, err, (1,))
    assert not RAW_CONTROL.search(out) and "Glossary terms: renderings found" in out

    # check --color: the deliberate colour codes stay, the text's escape sequences do not.
    code, out, err = run("check", hostile_jsonl, "-g", glossary, "--color")
    assert "\x1b[1;31m" in out and "\x1b[0m" in out
    without_colours = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert not RAW_CONTROL.search(without_colours)
    assert "\\x1b[2J" in out

    # score, text report.
    ref = tmp_path / "ref.jsonl"
    ref.write_text(hostile_jsonl.read_text(encoding="utf-8").replace("wealth", "prosp"), encoding="utf-8")
    code, out, err = run("score", "--ref", ref, "--hyp", hostile_jsonl)
    assert_clean(code, out, err, (0,))
    assert not RAW_CONTROL.search(out) and "\\x1b" in out

    # corpus list: a title with an OSC window-title sequence and a clear-screen.
    corpus = tmp_path / "corpus"
    for lang, text in (("zh", "标题\x1b[2J\n\n正文。\n"), ("en", "Title\x1b]0;x\x07\n\nBody.\n")):
        (corpus / lang).mkdir(parents=True)
        (corpus / lang / "doc.txt").write_text(text, encoding="utf-8")
    code, out, err = run("corpus", "list", corpus)
    assert_clean(code, out, err, (0,))
    assert not RAW_CONTROL.search(out)

    # glossary show: the loader refuses a note with a bell and an escape, quoting it escaped.
    noisy = tmp_path / "noisy.csv"
    noisy.write_text(GLOSSARY.replace("false,\n", 'false,"beep\x07 \x1b[31mred"\n'), encoding="utf-8")
    code, out, err = run("glossary", "show", noisy)
    assert code == 2 and "Traceback" not in err and len(err.splitlines()) == 1
    assert not RAW_CONTROL.search(err) and "\\x07" in err
    # ... and shows a clean one; a term's text is never raw on the terminal.
    code, out, err = run("glossary", "show", glossary)
    assert_clean(code, out, err, (0,))
    assert not RAW_CONTROL.search(out)


def test_error_messages_are_one_terminal_safe_line(tmp_path: Path, glossary: Path) -> None:
    bad = tmp_path / "a\x1b]0;x\x07b.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    code, _, err = run("check", bad, "-g", glossary)
    assert code == 2 and "Traceback" not in err
    assert not RAW_CONTROL.search(err) and len(err.strip().splitlines()) == 1
    # click's own usage errors quote the name typed, escaped too.
    code, _, err = run("check", tmp_path / "no\x1b[2Jsuch.jsonl")
    assert code == 2 and not RAW_CONTROL.search(err) and "\\x1b[2J" in err


def test_unexpected_exception_is_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def boom(*args: object, **kwargs: object) -> object:
        raise ZeroDivisionError("x\x1b[2J")

    monkeypatch.setattr("bilingual.cli.corpus_cmds.pair_corpus", boom)
    code, _, err = run("corpus", "list", tmp_path)
    assert code == 2 and "Traceback" not in err
    assert err.count("\n") == 1 and "internal error (ZeroDivisionError: x\\x1b[2J)" in err


# -- item 5: a reader that goes away ----------------------------------------------------------


def _piped_into_head(args: list[str]) -> tuple[int, str]:
    """Run the CLI with its stdout piped into ``head -1``; its exit status and stderr.

    Pipes here may hold megabytes, so ``head`` could take its line only after
    everything was written. To make the break certain, ``head -1`` gets its line
    first and exits, then the CLI writes into the pipe nobody reads any more (as
    when ``head`` has long exited).
    """
    head = shutil.which("head")
    if head is None:
        pytest.skip("no head(1)")
    read_end, write_end = os.pipe()
    consumer = subprocess.Popen([head, "-1"], stdin=read_end, stdout=subprocess.DEVNULL)
    os.close(read_end)
    os.write(write_end, b"first line\n")
    consumer.wait(timeout=60)
    command = [sys.executable, "-c", "from bilingual.cli import main; main()", *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        producer = subprocess.run(
            command, stdout=write_end, stderr=subprocess.PIPE, cwd=ROOT, env=env, timeout=120, check=False
        )
    finally:
        os.close(write_end)
    return producer.returncode, producer.stderr.decode("utf-8", "replace")


@pytest.mark.parametrize("fmt", ["text", "jsonl"])
def test_broken_pipe_exits_0_silently(fmt: str, tmp_path: Path, glossary: Path) -> None:
    big = tmp_path / "big.jsonl"
    line = json.dumps({"id": "x", "zh": "推进共同富裕。", "en": "Promote common wealth."})
    big.write_text("".join(line.replace('"x"', f'"u{n}"') + "\n" for n in range(5000)), encoding="utf-8")
    code, err = _piped_into_head(["check", str(big), "-g", str(glossary), "--format", fmt])
    assert code == 0, err
    assert err == "", err  # no "Error: Broken pipe", no "Exception ignored ... BrokenPipeError"


def test_broken_pipe_in_export_to_stdout_exits_0_silently(tmp_path: Path, glossary: Path) -> None:
    big = tmp_path / "big.jsonl"
    line = json.dumps({"id": "x", "zh": "推进共同富裕。", "en": "Promote common wealth."})
    big.write_text("".join(line.replace('"x"', f'"u{n}"') + "\n" for n in range(5000)), encoding="utf-8")
    code, err = _piped_into_head(["export", str(big), "-g", str(glossary), "--to", "jsonl"])
    assert code == 0, err
    assert "Error" not in err and "Exception ignored" not in err and "Traceback" not in err


# -- item 6: ids that must be NMTOKENs ------------------------------------------------------------


@pytest.fixture
def unicode_corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    texts = (("zh", "推进共同富裕。\n\n第二句。\n"), ("en", "Promote common prosperity.\n\nSecond.\n"))
    for lang, text in texts:
        (root / lang).mkdir(parents=True)
        for name in ("通知.txt", "公告 通知.txt"):
            (root / lang / name).write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize("name", ["xliff", "bxml"])
def test_unicode_file_names_become_reversible_nmtokens(
    name: str, unicode_corpus: Path, glossary: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    target = tmp_path / f"out{FORMATS[name].suffix}"
    code, out, err = run("export", unicode_corpus, "-g", glossary, "--to", name, "-o", target)
    assert_clean(code, out, err, (0,))
    root = etree.parse(str(target), etree.XMLParser(resolve_entities=False, no_network=True))
    ids = root.xpath("//*[local-name()='file' or local-name()='document']/@id")
    assert isinstance(ids, list) and sorted(map(str, ids)) == ["公告_x0020_通知", "通知"]
    if name == "bxml":
        validator: etree._Validator = bxml_schema()
    else:
        shared = request.getfixturevalue("shared")
        xsd = shared / "schemas" / "xliff21" / "LOCAL_core_plus_modules.xsd"
        validator = etree.XMLSchema(etree.parse(str(xsd), etree.XMLParser(no_network=True)))
    assert validator.validate(root), validator.error_log
    # Read back: the same document ids as the file names, through check as a user would.
    code, out, err = run("check", target, "-g", glossary, "--format", "json", "--all")
    assert_clean(code, out, err, (0, 1))
    assert {f["doc_id"] for f in json.loads(out)["findings"]} == {"通知", "公告 通知"}
    pairs = FORMATS[name].read(target)  # type: ignore[misc]
    assert {p.doc_id for p in pairs} == {"通知", "公告 通知"}
    assert all(p.id.startswith(f"{p.doc_id}:") for p in pairs)


def test_lone_surrogate_is_written_to_jsonl_as_replacement_and_reported() -> None:
    """The JSONL writer never writes a ``\\udXXX`` escape strict readers refuse; it reports it."""
    pair = AlignedPair("d:z0:e0", "一\ud800", "One\udfff", Bead((0,), (0,)), "d")
    context = ExportContext("sig")
    buffer = io.BytesIO()
    FORMATS["jsonl"].write([Checked(Alignment.from_pairs("d", [pair], Path("d.jsonl")))], context, buffer)  # type: ignore[misc]
    data = buffer.getvalue()
    assert b"\\ud" not in data and b"\\udf" not in data
    record = json.loads(data.decode("utf-8"))
    assert (record["zh"], record["en"]) == ("一\ufffd", "One\ufffd")
    problems = list(context.problems)
    assert [p.verdict for p in problems] == [Verdict.CONTROL_CHAR] * 2


def test_control_characters_in_input_are_findings_shown_escaped() -> None:
    """markup.input_control_findings: one CONTROL_CHAR finding per control, reports show it safely."""
    pair = AlignedPair("d:z0:e0", HOSTILE_ZH, HOSTILE_EN, Bead((0,), (0,)), "d")
    found = input_control_findings(pair)
    assert [f.found for f in found] == [
        "\x00",
        "\x01",
        "\x0b",
        "\x1b",
        "\x07",
        "\x1b",
        "\x9b",
        "\x85",
        "\x0c",
    ]
    assert all(f.verdict is Verdict.CONTROL_CHAR for f in found)
    assert (
        found[3].en_span == (0, 1)
        and found[3].message == "en offset 0: U+001B is a control character; remove it"
    )
    assert counts(found)["control-char"] == 9 and "control-char" not in counts([])
    text = render_text(found, color=True)
    assert not RAW_CONTROL.search(re.sub(r"\x1b\[[0-9;]*m", "", text))
    assert_valid_html(render_html(found))
