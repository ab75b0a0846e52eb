"""Fuzzing the glossary loaders: TBX v3, TBX 2008 (martif), CSV and TSV, through ``load`` and ``load_many``.

Inputs: the project glossary (``glossaries/zhejiang.tbx`` and ``.csv``, and
its TSV) mutated byte by byte; a TBX 2008 martif file and a TBX v3 file whose
fields (ids, terms, language tags, statuses, notes) are hostile; CSV and TSV
rows of hostile cells. Property: a loader returns a validated Glossary or
raises a GlossaryError (a BilingualError naming the file), never anything else.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from bilingual.errors import BilingualError, GlossaryError
from bilingual.glossary import Glossary, load, load_many
from bilingual.glossary.load_csv import write_csv
from tests.fuzz import hostile

TBX = (hostile.GLOSSARIES / "zhejiang.tbx").read_bytes()
CSV = (hostile.GLOSSARIES / "zhejiang.csv").read_bytes()
TSV = write_csv(load(hostile.GLOSSARIES / "zhejiang.csv").terms, delimiter="\t")
SAMPLES = {".tbx": TBX, ".csv": CSV, ".tsv": TSV}


def load_or_refuse(data: bytes, suffix: str, folder: Path) -> Glossary | None:
    path = folder / f"glossary{suffix}"
    path.write_bytes(data)
    try:
        glossary = load(path)
    except GlossaryError as exc:
        assert exc.path is not None and exc.message
        event("refused")
        return None
    event("loaded")
    assert glossary.terms and len({t.id for t in glossary.terms}) == len(glossary.terms)
    return glossary


@pytest.mark.parametrize("suffix", sorted(SAMPLES))
@given(data=st.data())
def test_mutated_project_glossary_loads_or_refuses(suffix: str, data: st.DataObject, scratch: Path) -> None:
    """Property: the project glossary, byte-mutated, loads (valid, unique ids) or raises a GlossaryError."""
    load_or_refuse(data.draw(hostile.mutated(SAMPLES[suffix]), label="bytes"), suffix, scratch)


# Text an XML file can hold as written (lone surrogates and most controls it cannot: those are
# the byte-level test's business), escaped for elements or attributes.
xml_text = hostile.hostile_text.map(
    lambda s: escape(hostile.SURROGATE.sub("", s)).encode("utf-8", "replace").decode()
)
LANGS = ["zh", "zh-CN", "en", "en-US", "EN", "fr", "", "zh_Hans", "x-\u202e"]
STATUSES = ["preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts",
            "supersededTerm-admn-sts", "", "nonsense"]  # fmt: skip


def _xml_chars(text: str) -> str:
    return "".join(c for c in text if c in "\t\n\r" or (c >= " " and c not in "\ufffe\uffff"))


FORMS = ["共同富裕", "红船精神", "枫桥经验", "common prosperity", "Red Boat Spirit", "Red Ship Spirit"]
forms = st.one_of(st.sampled_from(FORMS), st.sampled_from(FORMS), xml_text)


@st.composite
def term_groups(draw: st.DrawFn, v3: bool) -> str:
    """Language sections of one entry: most often a zh and an en one, with ordinary or hostile forms."""
    lang_tag, group = ("langSec", "termSec") if v3 else ("langSet", "ntig")
    parts = []
    for code in draw(st.one_of(st.just(["zh", "en"]), st.lists(st.sampled_from(LANGS), max_size=3))):
        lang = quoteattr(_xml_chars(code))
        terms = []
        for _ in range(draw(st.integers(0, 3))):
            term = _xml_chars(draw(forms))
            status = draw(st.sampled_from(STATUSES))
            note = f'<termNote type="administrativeStatus">{status}</termNote>' if status else ""
            inner = f"<term>{term}</term>{note}"
            terms.append(f"<{group}>{inner if v3 else f'<termGrp>{inner}</termGrp>'}</{group}>")
        parts.append(f"<{lang_tag} xml:lang={lang}>{''.join(terms)}</{lang_tag}>")
    return "".join(parts)


@st.composite
def tbx_documents(draw: st.DrawFn) -> bytes:
    """A TBX v3 or TBX 2008 martif document whose entries have hostile ids, forms and notes."""
    v3 = draw(st.booleans())
    entries = []
    for _ in range(draw(st.integers(1, 3))):
        ident = quoteattr(
            _xml_chars(draw(st.one_of(st.sampled_from(["t1", "t2", "t1 ", "1", ""]), xml_text)))
        )
        admin = draw(st.sampled_from(["", "case-sensitive", "case-insensitive", "maybe"]))
        extra = f'<admin type="projectSubset">{admin}</admin>' if admin else ""
        note = f"<note>{_xml_chars(draw(xml_text))}</note>" if draw(st.booleans()) else ""
        tag = "conceptEntry" if v3 else "termEntry"
        entries.append(f"<{tag} id={ident}>{extra}{note}{draw(term_groups(v3))}</{tag}>")
    body = f"<text><body>{''.join(entries)}</body></text>"
    if v3:
        root = (
            f'<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">{body}</tbx>'
        )
    else:
        root = f'<martif type="TBX" xml:lang="en">{body}</martif>'
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + root).encode("utf-8")


@given(data=tbx_documents())
def test_tbx_with_hostile_fields_loads_or_refuses(data: bytes, scratch: Path) -> None:
    """Property: well-formed TBX v3 and TBX 2008 files with hostile fields load or raise a GlossaryError."""
    load_or_refuse(data, ".tbx", scratch)


cells = st.one_of(hostile.hostile_text, st.sampled_from(["t1", "共同富裕", "a|b", "true", "no"]))


@st.composite
def csv_documents(draw: st.DrawFn, delimiter: str) -> bytes:
    """A CSV or TSV glossary: a shuffled, possibly incomplete header and rows of hostile cells."""
    columns = draw(
        st.permutations(["id", "zh", "en", "en_variants_ok", "forbidden", "case_sensitive", "note"])
    )
    header = columns[: draw(st.integers(2, len(columns)))] + draw(st.sampled_from([[], ["extra"], [" ID"]]))
    if draw(st.booleans()):
        header = ["id", "zh", "en", "forbidden", "case_sensitive"]  # the usual columns, hostile cells
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(header)
    for _ in range(draw(st.integers(0, 4))):
        width = len(header) + draw(st.sampled_from([0, 0, 0, -1, 1]))
        writer.writerow([draw(cells) for _ in range(max(width, 0))])
    return out.getvalue().encode("utf-8", draw(st.sampled_from(["surrogatepass", "replace", "replace"])))


@pytest.mark.parametrize("suffix", [".csv", ".tsv"])
@given(data=st.data())
def test_csv_and_tsv_with_hostile_cells_load_or_refuse(
    suffix: str, data: st.DataObject, scratch: Path
) -> None:
    """Property: CSV and TSV glossaries with hostile cells and headers load or raise a GlossaryError."""
    raw = data.draw(csv_documents("," if suffix == ".csv" else "\t"), label=suffix)
    load_or_refuse(raw, suffix, scratch)


@given(first=hostile.mutated(CSV, max_edits=2), second=hostile.mutated(TBX, max_edits=2))
def test_load_many_of_mutated_files_loads_or_refuses(first: bytes, second: bytes, scratch: Path) -> None:
    """Property: ``load_many`` of two mutated glossaries (the same ids twice, most of the time)
    returns one glossary with unique ids or raises a BilingualError."""
    paths = [scratch / "many.csv", scratch / "many.tbx"]
    for path, data in zip(paths, (first, second), strict=True):
        path.write_bytes(data)
    try:
        glossary = load_many(paths)
    except BilingualError:
        return
    assert len({t.id for t in glossary.terms}) == len(glossary.terms)
