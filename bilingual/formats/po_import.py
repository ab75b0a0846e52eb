"""PO import: merge a reviewer's ``msgstr`` edits back into the English file of the corpus.

The PO file is one written by :mod:`bilingual.formats.po`: ``msgctxt`` is the bead
id ``DOC:zA-B:eC-D`` (:func:`bilingual.model.parse_bead_id`), which names the zh
and en segments of the bead, so no re-alignment is needed (and a newer aligner
cannot change what an id means).

The merge does not read the corpus itself (formats sit below the corpus
reader): the caller passes the bulletin's two documents, read and segmented,
as a mapping or a function from document id to ``(zh, en)``; the CLI reads them.

Rules (a three-way merge: *base* is the English as exported, known from the
``#. en-fp`` and ``#. en-digest`` comments of :mod:`bilingual.formats.po`;
*theirs* is the reviewer's ``msgstr``; *ours* is the English file now):

- An entry whose ``msgstr`` is the exported one (same ``en-digest``) or is
  empty is *not edited* and changes nothing, whatever happened to the file
  since: an empty ``msgstr`` never deletes English.
- An edited entry whose English segments are still in the file (found by
  fingerprint, in order, so sentences inserted or deleted elsewhere do not
  matter; :mod:`bilingual.formats.po_merge`) replaces the exact span of the
  file from the start of its first English segment to the end of its last
  one; every other byte of the file stays identical and the file keeps its
  encoding (GB18030, UTF-16 with its BOM, ...). For HTML files the new text is
  HTML-escaped, for Markdown files backslash-escaped (:func:`markdown_escape`).
- An edited entry whose English changed in the file too is a *conflict*: both
  texts are listed and nothing is written, unless ``resolve`` is ``"theirs"``
  (the reviewer's text replaces what the file now holds between the entry's
  unchanged neighbours) or ``"ours"`` (the file's text is kept). If the file
  now holds the reviewer's very text, there is nothing to do. A conflict whose
  place cannot be found (its neighbours changed too) cannot be resolved.
- An edited 1-0 bead (Chinese without English) is inserted, after one space,
  at the end of the English of the nearest preceding bead of the PO file
  (a conflict if the file gained English right there since the export).
- ``fuzzy`` is ignored: it marks the aligner's doubt, not the reviewer's.
- A PO exported before three-way import (entries without ``en-fp``) cannot
  tell an editor's change from a reviewer's: its edits are refused unless
  ``resolve`` is ``"theirs"``, which merges them by position as before, with
  one warning.
- The whole import is refused and nothing written when: the ``msgid`` of an
  entry no longer matches the corpus Chinese (stale PO), an id names a
  document or segments that do not exist, two entries edit the same English,
  an edit conflicts or cannot be placed or encoded. Every such reason is listed.
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
from dataclasses import dataclass, field, replace
from html.entities import codepoint2name
from pathlib import Path

import polib

from bilingual.errors import BilingualError, ExportError, InputError
from bilingual.formats.po import check_syntax, segments_digest, text_digest
from bilingual.formats.po_merge import (
    Edit,
    Entry,
    ImportConflict,
    Plan,
    Resolve,
    bead_ranges,
    plan_edits,
)
from bilingual.io import EXCHANGE_MAX_SIZE, read_bytes, write_atomic
from bilingual.model import Document

__all__ = [
    "Documents",
    "Edit",
    "Entry",
    "ImportConflict",
    "ImportResult",
    "Plan",
    "Resolve",
    "apply_edits",
    "bead_ranges",
    "document_id",
    "import_hint",
    "import_po",
    "markdown_escape",
    "not_imported",
    "plan_edits",
    "read_entries",
    "unimported",
]

log = logging.getLogger(__name__)

# The documents of a bulletin by its id: a mapping, or a function (None: no such bulletin).
Documents = Mapping[str, tuple[Document, Document]] | Callable[[str], tuple[Document, Document] | None]


_POLIB_LINE = re.compile(r"\(line (\d+)\)")


@dataclass(frozen=True, slots=True)
class ImportResult:
    path: Path
    edited: tuple[str, ...]  # bead ids whose English changed
    unchanged: int
    written: bool
    theirs: tuple[str, ...] = field(default=())
    ours: tuple[str, ...] = field(default=())
    english_changed: bool = False  # the English sentences differ from the exported ones


def read_entries(path: Path) -> tuple[dict[str, str], list[Entry]]:
    """The metadata and the (non-obsolete) entries of a PO file; syntax errors name the line."""
    raw = read_bytes(path, max_size=EXCHANGE_MAX_SIZE)
    # Another declared charset: polib decodes it and reports what it finds.
    with contextlib.suppress(UnicodeDecodeError):
        check_syntax(raw.decode("utf-8-sig"), path)
    try:
        catalogue = polib.pofile(str(path), wrapwidth=0)
    except FileNotFoundError as exc:
        raise InputError("no such file", path) from exc
    except UnicodeError as exc:  # UnicodeDecodeError, or UTF-16 declared without a byte-order mark
        reason = getattr(exc, "reason", None) or str(exc)
        raise InputError(f"is not in the charset its header declares ({reason})", path) from exc
    except OSError as exc:  # polib reports syntax errors as IOError("... (line N) ...")
        found = _POLIB_LINE.search(str(exc))
        detail = str(exc).split(":", 1)[1].strip() if ":" in str(exc) else "syntax error"
        raise InputError(f"broken PO syntax: {detail}", path, int(found[1]) if found else None) from exc
    entries = [
        Entry(e.linenum, e.msgctxt or "", e.msgid, e.msgstr, *_base(e.comment or ""))
        for e in catalogue
        if not e.obsolete and (e.msgid or e.msgctxt)
    ]
    return dict(catalogue.metadata), entries


def _base(comment: str) -> tuple[tuple[str, ...] | None, str | None]:
    """The ``en-fp`` fingerprints and the ``en-digest`` of an entry's extracted comments."""
    en_fp: tuple[str, ...] | None = None
    en_digest: str | None = None
    for line in comment.splitlines():
        key, _, value = line.strip().partition(" ")
        if key == "en-fp":
            en_fp = () if value.strip() == "-" else tuple(value.strip().split(","))
        elif key == "en-digest":
            en_digest = value.strip()
    return (en_fp, en_digest) if en_digest is not None else (None, None)


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


_MD_INLINE = re.compile(r"[\\`*_\[\]<>#]")
# At a line start: a list item, a setext underline or rule, an ordered list item.
_MD_LINE_START = re.compile(r"^([ \t]*)(?:([-+=])|(\d{1,9})([.)]))", re.MULTILINE)
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def markdown_escape(text: str) -> str:
    """``text`` as Markdown that reads back as exactly ``text`` (CommonMark backslash escapes).

    ``\\ ` * _ [ ] < > #`` are escaped wherever they are; ``- + =`` and the
    ``.`` or ``)`` of a number only at the start of a line, where they would
    start a list, a heading underline or a rule.
    """
    text = _MD_INLINE.sub(lambda m: "\\" + m.group(), text)
    return _MD_LINE_START.sub(
        lambda m: m.group(1) + (f"\\{m.group(2)}" if m.group(2) else f"{m.group(3)}\\{m.group(4)}"), text
    )


def _pattern(needle: str, markup: bool, markdown: bool = False) -> re.Pattern[str]:
    """A regex for ``needle`` as it may be written in the file.

    Whitespace runs match any whitespace run (extraction collapses them); in
    HTML a character may also be written as a named or numeric reference, in
    Markdown ASCII punctuation may be backslash-escaped.
    """
    parts: list[str] = []
    for match in re.finditer(r"[ \t\r\n]+|.", needle, re.DOTALL):
        char = match.group()
        if char.isspace() and char[0] != "\xa0":
            parts.append(r"\s+")
            continue
        if markdown and char in _ASCII_PUNCTUATION:
            parts.append(r"\\?" + re.escape(char))
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


def _locate(decoded: str, doc: Document, start: int, end: int, after: bool = True) -> tuple[int, int] | None:
    """Offsets in ``decoded`` (the file's text) of ``doc.text[start:end]``; None when not unique."""
    if decoded == doc.text:
        return start, end
    if start == end and after:  # an insertion point: anchor on the segment text just before it
        anchor = doc.text[max(0, start - 40) : start]
        found = _locate(decoded, doc, start - len(anchor), start) if anchor.strip() else None
        return (found[1], found[1]) if found else None
    if start == end:  # or on the segment text just after it
        anchor = doc.text[start : start + 40]
        found = _locate(decoded, doc, start, start + len(anchor)) if anchor.strip() else None
        return (found[0], found[0]) if found else None
    needle = doc.text[start:end]
    nth = doc.text.count(needle, 0, start + len(needle) - 1)  # occurrences before this one
    matches = list(_pattern(needle, doc.format == "html", doc.format == "md").finditer(decoded))
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
        found = _locate(decoded, en, edit.start, edit.end, edit.after)
        if found is None:
            problems.append(f"{edit.bead}: its English cannot be found verbatim in the file; edit it by hand")
            continue
        start, end = found
        text = edit.text
        if en.format == "html":
            text = html.escape(text, quote=False)
        elif en.format == "md":
            text = markdown_escape(text)
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


def _found(po_path: Path, doc_id: str, documents: Documents, where: str) -> tuple[Document, Document]:
    found = documents.get(doc_id) if isinstance(documents, Mapping) else documents(doc_id)
    if found is None:
        raise ImportConflict(
            "PO refused: unknown document",
            [f"{po_path}: bulletin {doc_id!r} is not in the corpus {where}".rstrip()],
            po_path,
        )
    return found


def unimported(po_path: Path, documents: Documents, *, where: str = "") -> tuple[str, ...]:
    """The bead ids whose reviewer's ``msgstr`` :func:`import_po` would still write into the corpus.

    Empty when nothing was edited (every msgstr empty or the exported one, by
    its ``en-digest``: told from the PO alone, the corpus is not read) or when
    the English file already says what the reviewer wrote (imported). Raises as
    :func:`import_po` does when the import could not be done as it is (a stale
    PO, an unknown bulletin, a conflict, broken syntax): those edits are not in
    the corpus either. What ``publish`` and ``export`` ask before they replace a PO.
    """
    metadata, entries = read_entries(po_path)
    if all(not e.msgstr or (e.en_digest and text_digest(e.msgstr) == e.en_digest) for e in entries):
        return ()
    zh, en = _found(po_path, _document_id(po_path, metadata, entries), documents, where)
    return tuple(edit.bead for edit in plan_edits(entries, zh, en, str(po_path)).edits)


def not_imported(po_path: Path, documents: Documents, *, where: str = "") -> str | None:
    """Why replacing ``po_path`` would lose a reviewer's work (see :func:`unimported`); None: it would not."""
    try:
        pending = unimported(po_path, documents, where=where)
    except BilingualError as exc:
        reason = exc.message.splitlines()[0].removesuffix("; nothing written")
        return f"po import cannot merge it as it is ({reason})"
    return f"{len(pending)} msgstr not in the corpus yet" if pending else None


def import_hint(po_path: Path | str, corpus: Path | str | None) -> str:
    """What to do with a PO that holds edits not imported, for a message."""
    return (
        f"run `bilingual po import {po_path} --corpus {corpus or 'CORPUS'}` first, "
        "or delete the file to discard the edits"
    )


def import_po(
    po_path: Path,
    documents: Documents,
    *,
    where: str = "",
    dry_run: bool = False,
    resolve: Resolve = None,
) -> ImportResult:
    """Merge ``po_path``'s edits into the English file of its bulletin.

    ``documents`` gives the bulletin's (zh, en) documents by id, read from the
    files the edits go to (``en.path``); ``where`` names the corpus in messages;
    ``resolve`` settles conflicts (None: refuse, see the module docstring).
    """
    metadata, entries = read_entries(po_path)
    doc_id = _document_id(po_path, metadata, entries)
    zh, en = _found(po_path, doc_id, documents, where)
    if en.path is None:
        raise ExportError(f"bulletin {doc_id!r}: its English was not read from a file", po_path)
    en_path = Path(en.path)
    plan = plan_edits(entries, zh, en, str(po_path), resolve=resolve)
    if plan.by_position and plan.edits:
        log.warning(
            "%s was exported before three-way import (no en-fp comments): merged by position (--theirs); "
            "changes made to %s since the export may be overwritten",
            po_path,
            en_path,
        )
    exported = metadata.get("X-Bilingual-Target-Digest")
    changed = exported is not None and exported != segments_digest(en)
    result = ImportResult(en_path, (), plan.unchanged, False, plan.theirs, plan.ours, english_changed=changed)
    if not plan.edits:
        return result
    data = read_bytes(en_path)
    new = apply_edits(data, en, plan.edits, str(en_path))
    written = not dry_run and new != data
    if written:
        mode = stat.S_IMODE(en_path.stat().st_mode)
        write_atomic(en_path, lambda out: out.write(new))
        os.chmod(en_path, mode)  # keep the file's permissions (write_atomic makes 0644)
        log.info("%s: merged %d edits from %s", en_path, len(plan.edits), po_path)
    return replace(result, edited=tuple(e.bead for e in plan.edits), written=written)
