"""The shared ignore list (.bilingual-ignore.toml): ids, --accept, accepted and stale findings,
bad files, --ignore-case-in-headlines and per-term severity."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from bilingual.cli import main
from bilingual.errors import InputError
from bilingual.glossary.fix import is_headline
from bilingual.glossary.ignore import (
    HEADLINE_REASON,
    IgnoreFileError,
    annotate,
    digest,
    identify,
    parse,
)
from bilingual.model import Finding, Term, Verdict

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The violations bulletin and one clean one, as a corpus with its project file and glossary."""
    root = tmp_path / "corpus"
    for side in ("zh", "en"):
        (root / side).mkdir(parents=True)
        for name in ("2023-07-01-red-boat-violations", "2023-03-20-rural-revitalization"):
            shutil.copy(ROOT / "corpus" / side / f"{name}.txt", root / side / f"{name}.txt")
    shutil.copy(ROOT / "corpus" / "bilingual.toml", root / "bilingual.toml")
    shutil.copytree(ROOT / "glossaries", tmp_path / "glossaries")
    return root


def findings_of(root: Path, *extra: str) -> tuple[int, list[dict[str, object]], str]:
    code, out, err = run("check", str(root), "--format", "json", *extra)
    return code, json.loads(out)["findings"], err


def finding(term: str = "t", en: str = "the red boat spirit", verdict: Verdict = Verdict.CASE) -> Finding:
    return Finding(segment="d:z0:e0", term=term, verdict=verdict, zh="红船精神", en=en, doc_id="d")


def test_ids_are_stable_and_follow_the_words() -> None:
    first = identify([finding()])[0].id
    assert len(first) == 16 and identify([finding()])[0].id == first
    assert identify([finding(en="the  red boat\u00a0spirit")])[0].id == first  # whitespace, NFKC
    assert identify([finding(en="the red boat spirit today")])[0].id != first  # a word changed
    assert identify([finding(term="u")])[0].id != first
    twice = identify([finding(), finding()])
    assert twice[0].id == first and twice[1].id != first  # the occurrence's index among equal ones
    ok = identify([finding(verdict=Verdict.OK)])[0]
    assert ok.id == ""


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("NANHU SCHOOLS BRING THE RED BOAT SPIRIT INTO CLASSROOMS", True),
        ("Nanhu District Schools Bring the Red Boat Spirit into Classrooms", True),
        ("Students learn about the red boat spirit.", False),
        ("Spirit", False),
        ("The District Held a Meeting.", False),
    ],
)
def test_headlines(text: str, headline: bool) -> None:
    assert is_headline(text) is headline


def test_annotate_headlines_and_severity() -> None:
    caps = finding(en="THE RED BOAT SPIRIT IN SCHOOLS")
    term = Term("t", ("红船精神",), ("Red Boat Spirit",), severity="warning")
    out = annotate([caps, finding()], {"t": term}, None, headlines=True)
    assert out[0].accepted == HEADLINE_REASON and out[0].status == "accepted"
    assert out[1].accepted is None and out[1].severity == "warning"


def test_accept_then_accepted_then_stale(corpus: Path) -> None:
    code, found, _ = findings_of(corpus)
    assert code == 1 and all(f["status"] == "open" and len(str(f["id"])) == 16 for f in found)
    case = next(f for f in found if f["verdict"] == "case")
    code, _, err = run("check", str(corpus), "--accept", str(case["id"]), "--reason", "quoted as written")
    assert code == 0 and "1 entry added" in err
    ignore = corpus / ".bilingual-ignore.toml"
    text = ignore.read_text(encoding="utf-8")
    assert 'reason = "quoted as written"' in text and 'verdict = "case"' in text and "date = " in text
    code, again, _ = findings_of(corpus)
    accepted = [f for f in again if f["status"] == "accepted"]
    assert [f["id"] for f in accepted] == [case["id"]] and accepted[0]["reason"] == "quoted as written"
    # Accepted findings never fail, whatever --fail-on says.
    others = [f for f in again if f["status"] == "open"]
    assert run("check", str(corpus), "--fail-on", "case")[0] == (1 if others else 0)
    assert run("check", str(corpus), "--fail-on", "case,unexpected")[0] == 0 or any(
        f["verdict"] == "unexpected" for f in others
    )
    # The sentence changes: the finding comes back open and the entry is stale (a warning).
    bulletin = corpus / "en" / "2023-07-01-red-boat-violations.txt"
    bulletin.write_text(
        bulletin.read_text(encoding="utf-8").replace("campus culture", "school culture"), encoding="utf-8"
    )
    code, out, err = run("check", str(corpus), "--format", "json")
    document = json.loads(out)
    assert "stale entry" in err and f"{ignore}:4" in err
    assert document["stale"][0]["id"] == case["id"]
    assert all(f["status"] == "open" for f in document["findings"])


def test_accept_unknown_id_is_a_warning(corpus: Path) -> None:
    code, _, err = run("check", str(corpus), "--accept", "0123456789abcdef", "--reason", "x")
    assert code == 0 and "warning: no finding 0123456789abcdef" in err
    assert not (corpus / ".bilingual-ignore.toml").exists()


def test_accept_needs_a_reason(corpus: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(corpus), "--accept", "0123456789abcdef"])
    assert result.exit_code == 2 and "--reason" in result.stderr


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--accept", "0123456789abcdef", "--reason", "x", "--fix"), "--accept only adds"),
        (("--accept", "0123456789abcdef", "--reason", "x", "-o", "OUT/r.json"), "--accept only adds"),
        (("--fix", "--format", "xlsx", "-o", "OUT/r.xlsx"), "--fix writes corrected bulletins"),
        (("--fix", "--format", "json"), "not json"),
        (("--fix", "--in-place", "--format", "po"), "--in-place rewrites the bulletins"),
        (("--fix", "-o", "OUT/corpus/bilingual.toml"), "is a file: --fix writes the corrected bulletins"),
    ],
)
def test_options_that_cannot_go_together_are_refused(
    corpus: Path, options: tuple[str, ...], message: str
) -> None:
    """Each used to be ignored silently (the accept done and no fix; the fixes written to a folder
    named r.xlsx): a usage error now, nothing written."""
    before = sorted(p for p in corpus.parent.rglob("*"))
    options = tuple(o.replace("OUT/", f"{corpus.parent}/") for o in options)
    result = CliRunner().invoke(main, ["check", str(corpus), *options])
    assert result.exit_code == 2 and message in result.stderr
    assert sorted(p for p in corpus.parent.rglob("*")) == before


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('[[accepted]]\ncheck = "term"\nterm = \n', 3, "not valid TOML"),
        ('# a comment\n\n[[accepted]]\ncheck = "term"\n', 3, "entry without"),
        ('[[accepted]]\ncheck="term"\nterm="t"\nverdict="bad"\nzh=""\nen=""\nreason="r"\n', 1, "verdict"),
        (
            '[[accepted]]\ncheck="term"\nterm="t"\nverdict="case"\nzh=""\nen=""\nreason="r"\nwho="me"\n',
            1,
            "who",
        ),
        ('[[accepted]]\ncheck="term"\nterm="t"\nverdict="case"\nzh=""\nen=""\nreason=1\n', 1, "wrong type"),
        ('title = "x"\n', 1, "unknown key"),
        ("# shared\n\n[[rejected]]\nreason = 'x'\n", 3, "unknown key 'rejected'"),
        ("# shared\n[tool]\nx = 1\n", 2, "unknown key 'tool'"),
        ("# shared\n\nowner.name = 'x'\n", 3, "unknown key 'owner'"),
    ],
)
def test_malformed_files_name_the_line(text: str, line: int, message: str) -> None:
    with pytest.raises(IgnoreFileError) as caught:
        parse(text, Path("x.toml"))
    assert caught.value.line == line and message in caught.value.message


def test_malformed_file_stops_the_check(corpus: Path) -> None:
    (corpus / ".bilingual-ignore.toml").write_text("[[accepted]]\ncheck = \n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(corpus), "--format", "json"])
    assert result.exit_code == 2 and result.stdout == ""
    assert ".bilingual-ignore.toml:2" in result.stderr


def test_ignore_case_in_headlines(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    rows = [
        {"id": "d:z0:e0", "zh": "弘扬红船精神", "en": "CARRY FORWARD THE RED BOAT SPIRIT"},
        {"id": "d:z1:e1", "zh": "弘扬红船精神", "en": "We carry forward the red boat spirit."},
    ]
    pairs.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    glossary = str(ROOT / "glossaries" / "zhejiang.tbx")
    _, out, _ = run("check", str(pairs), "-g", glossary, "--format", "json")
    assert [f["verdict"] for f in json.loads(out)["findings"]] == ["case", "case"]
    code, out, _ = run("check", str(pairs), "-g", glossary, "--format", "json", "--ignore-case-in-headlines")
    found = json.loads(out)["findings"]
    assert [f["status"] for f in found] == ["accepted", "open"] and found[0]["reason"] == HEADLINE_REASON
    assert code == 1


def test_warning_terms_never_fail(tmp_path: Path) -> None:
    glossary = tmp_path / "g.csv"
    glossary.write_text(
        "id,zh,en,forbidden,severity\nrbs,红船精神,Red Boat Spirit,Red Ship Spirit,warning\n",
        encoding="utf-8",
    )
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("a\t弘扬红船精神\tCarry forward the Red Ship Spirit.\n", encoding="utf-8")
    code, out, _ = run("check", str(pairs), "-g", str(glossary), "--format", "json", "--fail-on", "any")
    found = json.loads(out)["findings"]
    assert code == 0 and [(f["verdict"], f["severity"]) for f in found] == [("forbidden", "warning")]
    glossary.write_text("id,zh,en,severity\nrbs,红船精神,Red Boat Spirit,fatal\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(pairs), "-g", str(glossary)])
    assert result.exit_code == 2 and "severity" in result.stderr


def test_tbx_severity(tmp_path: Path) -> None:
    from bilingual.glossary import load
    from bilingual.glossary.load_tbx import write_tbx

    data = write_tbx([Term("rbs", ("红船精神",), ("Red Boat Spirit",)), Term("cp", ("共同富裕",), ("x",))])
    marked = data.replace(
        b'<conceptEntry id="rbs">', b'<conceptEntry id="rbs"><admin type="severity">warning</admin>', 1
    )
    assert marked != data
    path = tmp_path / "g.tbx"
    path.write_bytes(marked)
    assert [t.severity for t in load(path).terms] == ["warning", "error"]
    path.write_bytes(marked.replace(b">warning<", b">fatal<"))
    with pytest.raises(InputError, match="severity"):
        load(path)


def test_annotate_keeps_every_other_field() -> None:
    from dataclasses import fields, replace

    original = Finding(
        "d:z0:e0",
        "t",
        Verdict.FORBIDDEN,
        "红船精神",
        "the Red Ship Spirit",
        (0, 4),
        (4, 19),
        ("Red Boat Spirit",),
        "Red Ship Spirit",
        "use it",
        "d",
        "term",
    )
    term = Term("t", ("红船精神",), ("Red Boat Spirit",), forbidden=("Red Ship Spirit",), severity="warning")
    (out,) = annotate([original], {"t": term}, None)
    assert out.id == digest("term", "t", "forbidden", original.zh, original.en, 0)
    assert (out.severity, out.suggestion, out.accepted) == ("warning", "Red Boat Spirit", None)
    assert replace(out, id="", severity="error", suggestion=None) == original
    assert {f.name for f in fields(Finding)} >= {"id", "accepted", "severity", "suggestion"}
    assert len(fields(Finding)) == 16  # annotate builds a Finding positionally: a new field needs it too
