"""PO import: merge a reviewer's ``msgstr`` edits back into the English file of the corpus.

The PO file is one written by :mod:`bilingual.formats.po`: ``msgctxt`` is the bead
id ``DOC:zA-B:eC-D`` (:func:`bilingual.model.parse_bead_id`), which names the zh
and en segments of the bead, so no re-alignment is needed (and a newer aligner
cannot change what an id means).

The merge does not read the corpus itself (formats sit below the corpus
reader): the caller passes the bulletin's two documents, read and segmented,
as a mapping or a function from document id to ``(zh, en)``; the CLI reads them.

Rules:

- An entry whose ``msgstr`` equals the current English of its segments (joined
  with one space, as exported) or is empty is *not edited* and changes nothing:
  an empty ``msgstr`` never deletes English.
- An edited entry replaces the exact span of the original file from the start
  of its first English segment to the end of its last one; every other byte of
  the file stays identical and the file keeps its encoding (GB18030, UTF-16
  with its BOM, ...). For HTML files the new text is HTML-escaped.
- An edited 1-0 bead (Chinese without English) is inserted, after one space,
  at the end of the English of the nearest preceding bead of the PO file.
- ``fuzzy`` is ignored: it marks the aligner's doubt, not the reviewer's.
- The whole import is refused and nothing written when: the ``msgid`` of an
  entry no longer matches the corpus Chinese (stale PO), an id names a
  document or segments that do not exist, two entries edit the same English,
  or an edit cannot be placed or encoded. Every such conflict is listed.
- Broken PO syntax is an :class:`~bilingual.errors.InputError` with the line.

Reading the PO and writing the English file happen in :func:`import_po`;
:func:`plan_edits` and :func:`apply_edits` are pure.
"""

from __future__ import annotations

import codecs
import contextlib
import html
import logging
import os
import re
import stat
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html.entities import codepoint2name
from pathlib import Path

import polib

from bilingual.errors import ExportError, InputError
from bilingual.formats.po import po_msgid, po_text
from bilingual.io import EXCHANGE_MAX_SIZE, read_bytes, write_atomic
from bilingual.model import Document, parse_bead_id

log = logging.getLogger(__name__)

# The documents of a bulletin by its id: a mapping, or a function (None: no such bulletin).
Documents = Mapping[str, tuple[Document, Document]] | Callable[[str], tuple[Document, Document] | None]

_POLIB_LINE = re.compile(r"\(line (\d+)\)")


@dataclass(frozen=True, slots=True)
class Entry:
    """What the import needs of one PO entry."""

    line: int  # 1-based line of the entry in the PO file
    msgctxt: str
    msgid: str
    msgstr: str


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``doc.text[start:end]`` of the English document with ``text``.

    ``start == end`` is an insertion; ``order`` keeps insertions at one point in
    PO order.
    """

    bead: str
    start: int
    end: int
    text: str
    order: int


@dataclass(frozen=True, slots=True)
class ImportResult:
    path: Path
    edited: tuple[str, ...]  # bead ids whose English changed
    unchanged: int
    written: bool


class ImportConflict(ExportError):
    """The PO cannot be merged; ``conflicts`` lists every reason, nothing is written."""

    def __init__(self, summary: str, conflicts: Sequence[str], path: str | Path | None = None) -> None:
        listed = "\n".join(f"  {c}" for c in conflicts)
        super().__init__(f"{summary}; nothing written\n{listed}", path)
        self.conflicts = tuple(conflicts)


def bead_ranges(bead_id: str) -> tuple[str, tuple[int, ...], tuple[int, ...]] | None:
    """``doc:z3-4:e5`` → ``("doc", (3, 4), (5,))``; None when it is not a bead id or names no segment."""
    parsed = parse_bead_id(bead_id)
    if parsed is None or not (parsed[1].zh or parsed[1].en):
        return None
    return parsed[0], parsed[1].zh, parsed[1].en


_PO_LINE = re.compile(r'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+)?"(?:[^"\\]|\\.)*"')


def check_syntax(text: str, path: Path) -> None:
    """Reject what polib would silently accept (an unterminated string, a stray word), with the line."""
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not _PO_LINE.fullmatch(stripped):
            raise InputError(
                f"broken PO syntax: not a keyword and a quoted string: {_short(stripped)}", path, number
            )


def read_entries(path: Path) -> tuple[dict[str, str], list[Entry]]:
    """The metadata and the (non-obsolete) entries of a PO file; syntax errors name the line."""
    raw = read_bytes(path, max_size=EXCHANGE_MAX_SIZE)
    # Another declared charset: polib decodes it and reports what it finds.
    with contextlib.suppress(UnicodeDecodeError):
        check_syntax(raw.decode("utf-8"), path)
    try:
        catalogue = polib.pofile(str(path), wrapwidth=0)
    except FileNotFoundError as exc:
        raise InputError("no such file", path) from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"is not in the charset its header declares ({exc.reason})", path) from exc
    except OSError as exc:  # polib reports syntax errors as IOError("... (line N) ...")
        found = _POLIB_LINE.search(str(exc))
        detail = str(exc).split(":", 1)[1].strip() if ":" in str(exc) else "syntax error"
        raise InputError(f"broken PO syntax: {detail}", path, int(found[1]) if found else None) from exc
    entries = [
        Entry(e.linenum, e.msgctxt or "", e.msgid, e.msgstr)
        for e in catalogue
        if not e.obsolete and (e.msgid or e.msgctxt)
    ]
    return dict(catalogue.metadata), entries


def plan_edits(
    entries: Sequence[Entry], zh: Document, en: Document, po_path: str = ""
) -> tuple[list[Edit], int]:
    """The edits the PO asks for, and the number of unchanged entries.

    Raises :class:`ImportConflict` listing every stale, unknown or clashing entry.
    """
    stale: list[str] = []
    unknown: list[str] = []
    clashes: list[str] = []
    edits: list[Edit] = []
    unchanged = 0
    claimed: dict[int, str] = {}  # en segment → bead that edits it
    last_en: int | None = None  # largest en segment of the entries read so far
    for order, entry in enumerate(entries):
        where = f"{po_path}:{entry.line}: {entry.msgctxt or '(no msgctxt)'}"
        parsed = bead_ranges(entry.msgctxt)
        if parsed is None or parsed[0] != zh.id:
            unknown.append(f"{where}: not a bead id of bulletin {zh.id}")
            continue
        _, zh_ids, en_ids = parsed
        if any(i >= len(zh.segments) for i in zh_ids) or any(j >= len(en.segments) for j in en_ids):
            unknown.append(
                f"{where}: no such segments (the corpus has {len(zh.segments)} zh and "
                f"{len(en.segments)} en segments)"
            )
            continue
        corpus_zh = "".join(zh.segments[i].text for i in zh_ids)
        if entry.msgid != po_msgid(corpus_zh):
            stale.append(f"{where}: msgid {_short(entry.msgid)} but the corpus zh is {_short(corpus_zh)}")
            continue
        current = po_text(" ".join(en.segments[j].text for j in en_ids))
        if en_ids:
            previous_last = last_en
            last_en = max(en_ids[-1], last_en if last_en is not None else -1)
        else:
            previous_last = last_en
        if not entry.msgstr or entry.msgstr == current:
            unchanged += 1
            continue
        if en_ids:
            for j in en_ids:
                if j in claimed:
                    clashes.append(f"{where}: en segment {j} is also edited by {claimed[j]}")
                claimed[j] = entry.msgctxt
            start, end = en.segments[en_ids[0]].start, en.segments[en_ids[-1]].end
            edits.append(Edit(entry.msgctxt, start, end, entry.msgstr, order))
        elif previous_last is not None:
            point = en.segments[previous_last].end
            edits.append(Edit(entry.msgctxt, point, point, " " + entry.msgstr, order))
        else:
            clashes.append(f"{where}: untranslated bead before any English; add its English by hand")
    conflicts = stale + unknown + clashes
    if conflicts:
        parts = []
        if stale:
            parts.append(f"{len(stale)} stale entries (the corpus Chinese changed since the export)")
        if unknown:
            parts.append(f"{len(unknown)} unknown ids")
        if clashes:
            parts.append(f"{len(clashes)} edits that cannot be placed")
        raise ImportConflict("PO refused: " + ", ".join(parts), conflicts, po_path or None)
    return edits, unchanged


def _short(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _codec(data: bytes, encoding: str) -> tuple[str, int]:
    """A stateless codec for offsets inside ``data`` and the length of its BOM."""
    name = codecs.lookup(encoding).name
    if name == "utf-8-sig":
        return "utf-8", len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    if name in ("utf-16", "utf-32"):
        le = codecs.BOM_UTF16_LE if name == "utf-16" else codecs.BOM_UTF32_LE
        be = codecs.BOM_UTF16_BE if name == "utf-16" else codecs.BOM_UTF32_BE
        if data.startswith(le):
            return f"{name}-le", len(le)
        if data.startswith(be):
            return f"{name}-be", len(be)
    return name, 0


def _pattern(needle: str, markup: bool) -> re.Pattern[str]:
    """A regex for ``needle`` as it may be written in the file.

    Whitespace runs match any whitespace run (extraction collapses them); in
    HTML a character may also be written as a named or numeric reference.
    """
    parts: list[str] = []
    for match in re.finditer(r"[ \t\r\n]+|.", needle, re.DOTALL):
        char = match.group()
        if char.isspace() and char[0] != "\xa0":
            parts.append(r"\s+")
            continue
        forms = [re.escape(char)]
        if markup:
            code = ord(char)
            forms.append(f"&#0*{code};|&#[xX]0*{code:x};")
            name = codepoint2name.get(code)
            if name:
                forms.append(f"&{name};")
        parts.append(f"(?:{'|'.join(forms)})" if len(forms) > 1 else forms[0])
    return re.compile("".join(parts))


def _locate(decoded: str, doc: Document, start: int, end: int) -> tuple[int, int] | None:
    """Offsets in ``decoded`` (the file's text) of ``doc.text[start:end]``; None when not unique."""
    if decoded == doc.text:
        return start, end
    if start == end:  # an insertion point: anchor on the segment text just before it
        anchor = doc.text[max(0, start - 40) : start]
        found = _locate(decoded, doc, start - len(anchor), start) if anchor.strip() else None
        return (found[1], found[1]) if found else None
    needle = doc.text[start:end]
    nth = doc.text.count(needle, 0, start + len(needle) - 1)  # occurrences before this one
    matches = list(_pattern(needle, doc.format == "html").finditer(decoded))
    if len(matches) != doc.text.count(needle):
        return None  # the file and the extracted text disagree: cannot tell which is which
    return matches[nth].start(), matches[nth].end()


def apply_edits(data: bytes, en: Document, edits: Sequence[Edit], path: str = "") -> bytes:
    """``data`` (the English file's bytes) with ``edits`` spliced in; untouched bytes stay identical."""
    codec, bom = _codec(data, en.encoding)
    decoded = data[bom:].decode(codec)
    problems: list[str] = []
    spliced: list[tuple[int, int, int, bytes]] = []
    for edit in edits:
        found = _locate(decoded, en, edit.start, edit.end)
        if found is None:
            problems.append(f"{edit.bead}: its English cannot be found verbatim in the file; edit it by hand")
            continue
        start, end = found
        text = html.escape(edit.text, quote=False) if en.format == "html" else edit.text
        try:
            new = text.encode(codec)
        except UnicodeEncodeError as exc:
            problems.append(
                f"{edit.bead}: {exc.object[exc.start : exc.end]!r} cannot be written in {en.encoding}"
            )
            continue
        b_start = bom + len(decoded[:start].encode(codec))
        b_end = b_start + len(decoded[start:end].encode(codec))
        spliced.append((b_start, b_end, edit.order, new))
    if problems:
        raise ImportConflict(f"{len(problems)} edits cannot be merged", problems, path or None)
    out = data
    # From the end backwards, so earlier offsets stay valid; insertions at one
    # point are applied last-first so they end up in PO order.
    for b_start, b_end, _, new in sorted(spliced, key=lambda s: (s[0], s[2]), reverse=True):
        out = out[:b_start] + new + out[b_end:]
    return out


def document_id(po_path: Path) -> str:
    """The bulletin a PO export is about (its header, else its first bead id)."""
    return _document_id(po_path, *read_entries(po_path))


def _document_id(po_path: Path, metadata: Mapping[str, str], entries: Sequence[Entry]) -> str:
    doc_id = metadata.get("X-Bilingual-Document")
    if not doc_id:
        parsed = next((bead_ranges(e.msgctxt) for e in entries if bead_ranges(e.msgctxt)), None)
        if parsed is None:
            raise InputError(
                "no X-Bilingual-Document header and no bead ids: not a bilingual PO export", po_path
            )
        doc_id = parsed[0]
    return doc_id


def import_po(po_path: Path, documents: Documents, *, where: str = "", dry_run: bool = False) -> ImportResult:
    """Merge ``po_path``'s edits into the English file of its bulletin.

    ``documents`` gives the bulletin's (zh, en) documents by id, read from the
    files the edits go to (``en.path``); ``where`` names the corpus in messages.
    """
    metadata, entries = read_entries(po_path)
    doc_id = _document_id(po_path, metadata, entries)
    found = documents.get(doc_id) if isinstance(documents, Mapping) else documents(doc_id)
    if found is None:
        raise ImportConflict(
            "PO refused: unknown document",
            [f"{po_path}: bulletin {doc_id!r} is not in the corpus {where}".rstrip()],
            po_path,
        )
    zh, en = found
    if en.path is None:
        raise ExportError(f"bulletin {doc_id!r}: its English was not read from a file", po_path)
    en_path = Path(en.path)
    edits, unchanged = plan_edits(entries, zh, en, str(po_path))
    if not edits:
        return ImportResult(en_path, (), unchanged, written=False)
    data = read_bytes(en_path)
    new = apply_edits(data, en, edits, str(en_path))
    if not dry_run and new != data:
        mode = stat.S_IMODE(en_path.stat().st_mode)
        write_atomic(en_path, lambda out: out.write(new))
        os.chmod(en_path, mode)  # keep the file's permissions (write_atomic makes 0644)
        log.info("%s: merged %d edits from %s", en_path, len(edits), po_path)
    return ImportResult(en_path, tuple(e.bead for e in edits), unchanged, written=not dry_run and new != data)
