"""Hostile inputs shared by the fuzz tests: text, byte mutations, alignments, the sample exports.

Nothing here asserts. Text strategies mix the characters the formats have to
survive (control characters, lone surrogates, Extension-B ideographs,
``&<>"'``, RTL marks, non-characters, line breaks, very long words, empty
strings); :func:`mutated` applies a few byte-level edits (flip, insert,
delete, duplicate, truncate, splice in a token that parsers find interesting)
to real bytes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from hypothesis import strategies as st

from bilingual.formats import FORMATS, ExportContext
from bilingual.model import Alignment, Bead, Checked
from tests.conftest import CORPUS, ROOT
from tests.formats.conftest import make_alignment, write_outputs

GLOSSARIES = ROOT / "glossaries"

# Known bugs (reproducers in test_known_bugs.py, strict xfail): the property tests leave these
# inputs out until the bug is fixed; then delete the entry and the xfail together.
SURROGATE_BUGS: set[str] = set()  # writers that crash on a lone surrogate (none now)
PINNED_LOST: set[str] = set()  # writers whose readers give back pinned=False (none now)

# Characters that broke, or could break, a reader or a writer.
# fmt: off
SPECIALS = [
    "\x00", "\x04", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9f",  # C0, DEL, C1 controls
    "\t", "\n", "\r", "\r\n", "\u2028", "\u2029",  # line breaks of every kind
    "\ud800", "\udfff", "\udc80",  # lone surrogates
    "\ufffe", "\uffff", "\ufeff", "\ufffd",  # non-characters, BOM, replacement
    "\U00020000", "\U0002a700", "\U0002ebe0",  # Extension B, C, F ideographs
    "&", "<", ">", '"', "'", "&amp;", "]]>", "-->", "<!--", "&#0;", "&#x4;", "\\", "\\n", "\\t",
    "\u200f", "\u200e", "\u202e", "\u2066", "\u0627\u0644",  # RTL marks, isolates, Arabic
    "\u3000", "\xa0", " ", "  ",  # ideographic, no-break and plain spaces
    "#", "|", ",", ";", ":", "[", "]", "msgid", "msgstr", '"\n"',  # syntax of line formats
    "一", "。", "，", "“", "”", "红船精神",  # ordinary Chinese
]
# fmt: on

hostile_char = st.one_of(
    st.sampled_from(SPECIALS),
    st.characters(codec=None, exclude_categories=()),  # any code point, surrogates included
)
long_word = st.builds(
    lambda c, n: c * n, st.sampled_from(["长", "x", "𠀀", "&", "\x04"]), st.integers(1, 3000)
)
# A sentence a document can hold: not empty (an empty side is a bead with no segment).
sentence = st.one_of(
    st.lists(hostile_char, min_size=1, max_size=12).map("".join),
    st.lists(st.one_of(hostile_char, long_word), min_size=1, max_size=4).map("".join),
)
hostile_text = st.one_of(st.just(""), sentence)
SURROGATE = re.compile("[\ud800-\udfff]")


def _file_stem(text: str) -> str:
    stem = unicodedata.normalize("NFC", text.replace("/", "_").replace("\x00", "_"))
    return stem if stem.strip(".") else f"doc{stem}"


# A document id as the corpus reader makes one: a file name's stem, anything Linux allows (an
# undecodable byte is a lone surrogate, as os.fsdecode gives it).
doc_ids = st.lists(hostile_char, min_size=1, max_size=12).map("".join).map(_file_stem)


FUZZ_DOC = st.just("fuzz-doc")


@st.composite
def alignments(
    draw: st.DrawFn,
    ids: st.SearchStrategy[str] = FUZZ_DOC,
    surrogates: bool = True,
    max_beads: int = 5,
) -> Alignment:
    """An alignment of hostile sentences: 1-1, 1-0, 0-1, 2-1 and 1-2 beads in document order.

    ``surrogates=False`` leaves lone surrogates out of the text and the id (replaced by U+FFFD),
    for a format with a known bug about them (its reproducer is an xfail test)."""
    text = sentence if surrogates else sentence.map(lambda s: SURROGATE.sub("\ufffd", s))
    kinds = draw(
        st.lists(st.sampled_from(["1-1", "1-0", "0-1", "2-1", "1-2"]), min_size=1, max_size=max_beads)
    )
    zh: list[str] = []
    en: list[str] = []
    beads: list[Bead] = []
    for kind in kinds:
        n_zh, n_en = (int(k) for k in kind.split("-"))
        z = tuple(range(len(zh), len(zh) + n_zh))
        e = tuple(range(len(en), len(en) + n_en))
        zh += [draw(text) for _ in z]
        en += [draw(text) for _ in e]
        score = draw(st.sampled_from([0.0, 0.25, 0.5, 0.999, 1.0]))
        beads.append(Bead(z, e, score, pinned=draw(st.booleans())))
    doc_id = draw(ids) if surrogates else SURROGATE.sub("\ufffd", draw(ids))
    return make_alignment(doc_id, zh, en, beads)


# ------------------------------------------------------------ byte mutation

# fmt: off
TOKENS = [
    b"\x00", b"\xff", b"\xfe\xff", b"\xef\xbb\xbf", b"\xc3", b"\xed\xa0\x80",  # bad and odd UTF-8
    b"<", b">", b"&", b"&#0;", b"&#x110000;", b"&#xD800;", b"&foo;", b"]]>", b"<![CDATA[",
    b'<!DOCTYPE x [<!ENTITY e "e">]>', b'<!DOCTYPE x SYSTEM "http://example.com/x.dtd">',
    b'<?xml version="1.1"?>', b'encoding="latin-1"', b"xml:lang=\"\"", b"<cp hex=\"zz\"/>",
    b'<cp hex="110000"/>', b'<cp hex="-1"/>', b"<x:y>", b"</", b'"', b"\\", b"\\u", b"\\ud800",
    b"{", b"}", b"[", b"]", b"null", b"1e999", b"-0", b'"id":', b'"zh": 1', b"\t", b"\n", b"\r",
    b"msgctxt ", b"msgid ", b'msgstr ""', b"#, fuzzy", b"#~ ", b"msgstr[0] ",
    b"Content-Type: text/plain; charset=UTF-16\\n", b"charset=nonesuch", b":z", b":e", b"-", b"9" * 30,
    b"<tr id=\"x\">", b"<td lang=\"en\">", b'data-bead="[0]:[0]:nan"', b"<script>",
]
# fmt: on


@st.composite
def mutated(draw: st.DrawFn, data: bytes, max_edits: int = 4) -> bytes:
    """``data`` after one to ``max_edits`` random byte-level edits."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, max_edits))):
        op = draw(st.sampled_from(["flip", "insert", "token", "delete", "duplicate", "truncate"]))
        at = draw(st.integers(0, len(out)))
        if op == "flip" and at < len(out):
            out[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif op == "token":
            out[at:at] = draw(st.sampled_from(TOKENS))
        elif op == "delete":
            del out[at : at + draw(st.integers(1, 64))]
        elif op == "duplicate":
            out[at:at] = out[at : at + draw(st.integers(1, 256))]
        elif op == "truncate":
            del out[at:]
    return bytes(out)


# ------------------------------------------------------- the sample exports


def write(name: str, items: Sequence[Checked], ctx: ExportContext | None = None) -> list[bytes]:
    """The output(s) of format ``name`` for ``items``: one per item for per-document formats."""
    return write_outputs(name, items, ctx or ExportContext(signature="bilingual:fuzz", date="2023-02-14"))


def sample_exports() -> dict[str, bytes]:
    """``bilingual export corpus/ --to X`` for every readable format (per-document ones: the first
    bulletin), the glossary checked: real files, term markup and all."""
    from bilingual.pipeline import Settings, context, run

    settings = Settings.resolve([CORPUS], similarity="lexical")
    checked = list(run(settings))
    ctx = context(settings)
    return {
        name: write(name, checked[:1] if fmt.per_document else checked, ctx)[0]
        for name, fmt in sorted(FORMATS.items())
        if fmt.read is not None and fmt.write is not None
    }
