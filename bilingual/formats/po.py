"""gettext PO, one file per bulletin, for reviewers in Poedit or Weblate: written and read back.

Each bead becomes one entry: ``msgctxt`` is the bead id (``doc:z3-4:e5``),
``msgid`` the Chinese of the bead, ``msgstr`` its English. ``#.`` comments carry
the bead (vecalign form), the glossary terms and the findings (term and number
findings with their status and id: ``[status: accepted (REASON); id …]`` when
the corpus's ``.bilingual-ignore.toml`` accepts one, else ``[status: open; id …]``); ``#:`` references
point at the paragraph (1-based) of each side's file. A bead the aligner is
unsure of (score below ``context.low_confidence``, not pinned) gets the comment
``#. alignment 0.42: review``, never the ``fuzzy`` flag: gettext tools take a
fuzzy entry as untranslated (msgfmt drops it), and the English is a translation.

What the three-way PO import needs to tell a reviewer's edit from an editor's
(:mod:`bilingual.formats.po_import`) is written with every entry and in the header:

- ``#. en-fp A,B``: :func:`bilingual.model.fingerprint` of each English segment
  of the bead, in order (``-`` for a bead without English). They find the
  segments again after the English file gained or lost sentences.
- ``#. en-digest D``: :func:`text_digest` of the ``msgstr`` as exported, so an
  edit that only changes case or spacing still counts as the reviewer's edit.
- ``X-Bilingual-Target-Digest``: :func:`segments_digest` of the English
  document (the fingerprints of all its segments): equal at import time means
  the English sentences are still the ones exported.

References name files the way GNU gettext (0.22 and later) does: a name with a
space or a tab is enclosed in U+2068 FIRST STRONG ISOLATE and U+2069 POP
DIRECTIONAL ISOLATE, and one reference is never split across lines. A line
break cannot be written in a one-line comment (gettext has no escape for it),
so in a file name it becomes U+2424 SYMBOL FOR NEWLINE, here and in the header.
Reading (:func:`read_po`) takes any catalog, not only ours: msgctxt (else the
running number) is the id, the ``#. bead`` comment the bead; the Chinese side
is the one whose language is Chinese (the ``Language:`` header names the
msgstr's, ``X-Source-Language`` the msgid's, else the script of the texts
decides), whichever is msgid; a catalog without a Chinese and an English side
is refused. Obsolete entries are skipped; a fuzzy entry is read as
untranslated (as msgfmt counts it), and the number of them logged; a plural
entry is read whole, each side its forms (msgid and msgid_plural,
msgstr[0..n]) joined by a line break, untranslated if any msgstr[n] is empty;
a msgctxt used for several msgids (valid for ``msgfmt -c``, as GNOME does) is
allowed, such entries get the id ``msgctxt␄msgid`` (U+2404 standing for
gettext's own EOT separator), and only msgctxt and msgid together must be
unique. :mod:`bilingual.formats.po_import` reads such a file back and merges ``msgstr`` edits
into the English file.

Two things PO cannot hold, decided here:

- An empty ``msgid`` is the header; tools such as Weblate and Poedit refuse an
  entry with empty source text. A 0-1 bead (English added in translation) is
  written with the placeholder :data:`ADDED_MSGID` and a comment saying so.
- U+0000 and U+0004 (the MO context separator) make ``msgfmt`` fail. They are
  written as their visible Control Pictures (U+2400, U+2404, as in
  :mod:`bilingual.formats.markup`), reported as CONTROL_CHAR findings through
  ``context.report`` and noted in a ``#.`` comment: never dropped silently.
  Other control characters are legal PO text and kept as they are.

Rendering gives bytes only; only the reader touches a file.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

import polib

from bilingual.errors import ExportError, InputError
from bilingual.formats.markup import REPLACEMENT, SURROGATE, codepoint, control_findings, status_text
from bilingual.formats.reading import Units, lang_side, note_traditional, refuse_languages
from bilingual.formats.registry import ExportContext, Format, register
from bilingual.io import EXCHANGE_MAX_SIZE, read_bytes
from bilingual.model import (
    EN,
    ZH,
    AlignedPair,
    Checked,
    Document,
    Finding,
    Verdict,
    fingerprint,
    parse_bead,
)

log = logging.getLogger(__name__)

#: msgid of a 0-1 bead: "translation addition" (no Chinese source exists).
ADDED_MSGID = "〔译文增补〕"

# Characters a PO file cannot carry, mapped to visible stand-ins. NUL and EOT
# break msgfmt; backspace, vertical tab and form feed are legal PO escapes
# (\b \v \f) but translate-toolkit, and so Weblate, reads them as the letters
# b, v, f, which would corrupt a reviewer's text silently.
_UNSAFE = {"\x00": "\u2400", "\x04": "\u2404", "\x08": "\u2408", "\x0b": "\u240b", "\x0c": "\u240c"}


def po_text(text: str) -> str:
    """The form of ``text`` a PO file holds (the characters of ``_UNSAFE`` made visible; a lone
    surrogate, which UTF-8 cannot encode, as U+FFFD, reported like the others)."""
    for char, picture in _UNSAFE.items():
        if char in text:
            text = text.replace(char, picture)
    return SURROGATE.sub(REPLACEMENT, text)


_LINE_BREAKS = re.compile("[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")


def one_line(text: str) -> str:
    """``text`` fit for a ``#`` comment line: no line breaks of any kind, no NUL/EOT."""
    return po_text(_LINE_BREAKS.sub(" ", text))


def po_msgid(zh: str) -> str:
    """The ``msgid`` written for a bead whose Chinese is ``zh``."""
    return po_text(zh) if zh else ADDED_MSGID


def po_date(date: str) -> str:
    """``2023-02-14T16:18:00Z`` (or ``2023-02-14``) as a PO header date ``2023-02-14 16:18+0000``."""
    day, _, clock = date.partition("T")
    hhmm = clock[:5] if len(clock) >= 5 else "00:00"
    return f"{day} {hhmm}+0000"


def file_label(doc: Document) -> str:
    """``zh/NAME.txt``: a reference that is the same on every machine (never an absolute path).

    Line breaks in a name become U+2424 (a PO comment or header line cannot hold them).
    """
    if doc.path is None:
        label = f"{doc.lang}/{doc.id}"
    else:
        path = Path(doc.path)
        label = f"{path.parent.name}/{path.name}" if path.parent.name else path.name
    return po_text(_LINE_BREAKS.sub("\u2424", label))


def po_reference(label: str, line: str = "") -> str:
    """One ``#:`` reference as GNU gettext writes it: a name with a space or tab is isolated."""
    if " " in label or "\t" in label:
        label = f"\u2068{label}\u2069"
    return f"{label}:{line}" if line else label


def text_digest(text: str) -> str:
    """A short digest of ``text`` exactly as it is (case and spacing count)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def segments_digest(doc: Document) -> str:
    """A short digest of the fingerprints of all segments of ``doc``, in order."""
    return text_digest("\n".join(fingerprint(s.text) for s in doc.segments))


def en_fingerprints(doc: Document, segment_ids: Sequence[int]) -> str:
    """The ``en-fp`` value of a bead: the fingerprints of its English segments, or ``-``."""
    return ",".join(fingerprint(doc.segments[j].text) for j in segment_ids) or "-"


class _Entry(polib.POEntry):
    """A POEntry whose ``#:`` line is written the GNU gettext way (see the module docstring).

    polib splits a reference line at any space (so inside an isolated name)
    and turns ``*`` in a name into ``-``; here references are whole units and
    a line breaks only between them.
    """

    def __unicode__(self, wrapwidth: int = 78) -> str:
        references: list[tuple[str, str]] = self.__dict__["occurrences"]
        self.__dict__["occurrences"] = []
        try:
            text: str = super().__unicode__(wrapwidth)
        finally:
            self.__dict__["occurrences"] = references
        lines: list[str] = []
        for reference in (po_reference(name, line) for name, line in references):
            if not lines or (wrapwidth > 0 and len(lines[-1]) + 1 + len(reference) > wrapwidth):
                lines.append("#:")
            lines[-1] += " " + reference
        out = text.split("\n")
        at = next((i for i, line in enumerate(out) if not line.startswith(("#.", "# "))), len(out))
        return "\n".join(out[:at] + lines + out[at:])


def _paragraph(doc: Document, segment_ids: Sequence[int]) -> int | None:
    if not segment_ids or segment_ids[0] >= len(doc.segments):
        return None
    return doc.segments[segment_ids[0]].paragraph + 1  # 1-based, like a line number


def _finding_comment(finding: Finding) -> str:
    if finding.verdict is Verdict.OK:
        rendering = finding.found or ", ".join(finding.expected)
        return f"term {finding.term}: {finding.zh} = {rendering}"
    expected = f" (approved: {' | '.join(finding.expected)})" if finding.expected else ""
    detail = finding.message or f"{finding.zh} / {finding.found or ''}".strip(" /")
    status = "" if finding.verdict is Verdict.CONTROL_CHAR else f" [{status_text(finding)}]"
    return f"{finding.verdict.value.upper()} {finding.term}: {detail}{expected}{status}"


def _comments(pair: AlignedPair, findings: Sequence[Finding], en_doc: Document) -> list[str]:
    lines = [f"bead {pair.bead.type} {pair.bead}" + (" pinned" if pair.bead.pinned else "")]
    if not pair.zh:
        lines.append("English added in translation: no Chinese source; the msgid is a placeholder")
    if not pair.en:
        lines.append("untranslated: no English yet; a msgstr written here is inserted on import")
    lines += [_finding_comment(f) for f in findings]
    lines.append(f"en-fp {en_fingerprints(en_doc, pair.bead.en)}")
    lines.append(f"en-digest {text_digest(po_text(pair.en))}")
    return lines


def po_control_findings(pair: AlignedPair) -> list[Finding]:
    """CONTROL_CHAR findings for the characters of ``_UNSAFE`` in ``pair``."""
    found = []
    for finding in control_findings(pair):
        lone = bool(finding.found and SURROGATE.fullmatch(finding.found))
        if finding.found not in _UNSAFE and not lone:
            continue  # other controls are legal PO text and kept as they are
        side = "zh" if finding.zh_span is not None else "en"
        span = finding.zh_span or finding.en_span or (0, 0)
        picture = REPLACEMENT if lone else _UNSAFE[finding.found or ""]
        message = (
            f"{side} offset {span[0]}: {codepoint(finding.found or '')} cannot be written to a PO file; "
            f"written as {picture} ({codepoint(picture)})"
        )
        found.append(replace(finding, message=message))
    return found


def render_po(item: Checked, context: ExportContext) -> polib.POFile:
    """The PO catalogue of one bulletin (pure: no I/O)."""
    alignment = item.alignment
    by_pair = item.by_pair()
    zh_doc, en_doc = alignment.zh, alignment.en
    po = polib.POFile(wrapwidth=78, check_for_duplicates=False)
    titles = " / ".join(t for t in (zh_doc.title, en_doc.title) if t)
    po.header = "\n".join(
        one_line(line)
        for line in (
            f"Bulletin {alignment.id}" + (f": {titles}" if titles else ""),
            f"Released {zh_doc.date or en_doc.date}" if (zh_doc.date or en_doc.date) else "",
            f"Source: {zh_doc.url or en_doc.url}" if (zh_doc.url or en_doc.url) else "",
            f"Signature: {context.signature}",
        )
        if line
    )
    date = po_date(context.date)
    po.metadata = {
        "Project-Id-Version": f"bilingual {alignment.id}",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": date,
        "PO-Revision-Date": date,
        "Last-Translator": "bilingual (automatic export)",
        "Language-Team": "English",
        "Language": "en",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": context.signature,
        "X-Source-Language": "zh_CN",
        "X-Bilingual-Document": alignment.id,
        "X-Bilingual-Source": file_label(zh_doc),
        "X-Bilingual-Target": file_label(en_doc),
        "X-Bilingual-Target-Digest": segments_digest(en_doc),
        "X-Bilingual-Aligner": alignment.settings,
    }
    for pair in alignment.pairs():
        occurrences = []
        for doc, ids in ((zh_doc, pair.bead.zh), (en_doc, pair.bead.en)):
            paragraph = _paragraph(doc, ids)
            if paragraph is not None:
                occurrences.append((file_label(doc), str(paragraph)))
        problems = po_control_findings(pair)
        context.report(problems)
        comments = _comments(pair, by_pair.get(pair.id, ()), en_doc)
        comments += [f"CONTROL-CHAR {p.message}" for p in problems]
        if pair.en and context.is_low(pair.bead.score, pair.bead.pinned):
            comments.append(f"alignment {pair.bead.score:.2f}: review")
        po.append(
            _Entry(
                msgctxt=po_text(pair.id),
                msgid=po_msgid(pair.zh),
                msgstr=po_text(pair.en),
                comment="\n".join(one_line(c) for c in comments),
                occurrences=occurrences,
            )
        )
    return po


def write_po(items: Iterable[Checked], context: ExportContext, out: BinaryIO) -> None:
    """gettext PO, one file per bulletin (Poedit, Weblate)."""
    checked = list(items)
    if len(checked) != 1:
        raise ExportError(f"PO holds exactly one bulletin per file; got {len(checked)}")
    # polib ends the last entry with one newline already; keep exactly one.
    text = str(render_po(checked[0], context)).rstrip("\n") + "\n"
    # Segment text was made writable (and reported) by po_text; a lone surrogate left in the header
    # (a title, a file name) becomes U+FFFD here, visible, rather than an encoding error.
    out.write(SURROGATE.sub(REPLACEMENT, text).encode("utf-8"))


_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LATIN = re.compile("[A-Za-z]")


def _share(texts: Sequence[str], pattern: re.Pattern[str]) -> float:
    """The share of the non-empty ``texts`` that hold a character of ``pattern`` (0.0 if none)."""
    texts = [t for t in texts if t.strip()]
    return sum(1 for t in texts if pattern.search(t)) / len(texts) if texts else 0.0


def msgid_is_chinese(catalog: polib.POFile, path: Path) -> bool:
    """Whether the msgids are the Chinese side (else the msgstrs are); refuses a catalog that is not zh-en.

    ``Language`` names the msgstr's language, ``X-Source-Language`` the
    msgid's; where a header says nothing, the script of the texts decides.
    """
    language = (catalog.metadata.get("Language") or "").strip()
    source = (catalog.metadata.get("X-Source-Language") or "").strip()
    target_side, source_side = lang_side(language), lang_side(source)
    if (language and target_side is None) or (source and source_side is None):
        raise refuse_languages([language, source], path, 1)
    entries = [e for e in catalog if not e.obsolete]
    msgids = [e.msgid for e in entries if e.msgid != ADDED_MSGID]
    msgstrs = [e.msgstr or next(iter(e.msgstr_plural.values()), "") for e in entries]
    han_ids, han_strs = _share(msgids, _HAN), _share(msgstrs, _HAN)
    if target_side is None:
        target_side = {ZH: EN, EN: ZH}.get(source_side or "")
    if target_side is None:  # no header: the script of the texts decides
        if han_ids == han_strs:
            raise InputError(
                "cannot tell the Chinese side: no Language header, and the script does not say", path, 1
            )
        target_side = EN if han_ids > han_strs else ZH
    if source_side == target_side:
        raise refuse_languages([language, source], path, 1)
    if target_side == EN:
        note_traditional(source, path)
        if msgids and han_ids == 0 and source_side is None:  # X-Source-Language decides when given
            raise InputError(
                f"Language is {language or 'English'} but no msgid is Chinese: not a zh-en catalog", path, 1
            )
        return True
    note_traditional(language, path)
    if msgids and source_side is None and (han_ids > 0.5 or _share(msgids, _LATIN) == 0):
        raise InputError(
            f"Language is {language or 'Chinese'} but the msgids are not English: not a zh-en catalog",
            path,
            1,
        )
    return False


def _whole(forms: Sequence[str]) -> str:
    """A plural side read whole: its distinct forms joined by a line break; "" if any is empty."""
    if not all(forms):
        return ""
    return "\n".join(dict.fromkeys(forms))


def shorten(text: str, limit: int = 40) -> str:
    """``text`` quoted for a message, cut to ``limit`` characters."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


_PO_LINE = re.compile(r'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+)?"(?:[^"\\]|\\.)*"')


def check_syntax(text: str, path: Path) -> None:
    """Reject what polib would silently accept (an unterminated string, a stray word), with the line."""
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not _PO_LINE.fullmatch(stripped):
            raise InputError(
                f"broken PO syntax: not a keyword and a quoted string: {shorten(stripped)}", path, number
            )


def read_po(path: Path) -> list[AlignedPair]:
    """PO: see the module docstring (sides by language, fuzzy untranslated, plurals whole)."""
    # polib reads an unterminated string to the end of the file, less its last character.
    with contextlib.suppress(UnicodeDecodeError):  # another charset: polib decodes it as declared
        check_syntax(read_bytes(path, max_size=EXCHANGE_MAX_SIZE).decode("utf-8-sig"), path)
    try:
        catalog = polib.pofile(str(path))
    except UnicodeDecodeError as exc:  # in the charset the header declares
        where = exc.object[: exc.start].count(b"\n") + 1
        raise InputError(f"not valid {exc.encoding}: byte {exc.object[exc.start]:#04x}", path, where) from exc
    except (OSError, ValueError) as exc:
        message = str(exc)
        match = re.search(r"\(line (\d+)\)", message)
        line = int(match.group(1)) if match else None
        message = re.sub(r"\s*\(line \d+\)", "", message).replace(f" {path}", "")
        raise InputError(message or "cannot read PO file", path, line) from exc
    zh_first = msgid_is_chinese(catalog, path)
    active = [e for e in catalog if not e.obsolete]
    contexts = Counter(e.msgctxt for e in active if e.msgctxt is not None)
    units = Units(path)
    fuzzy = plural = 0
    for entry in active:
        sources = [entry.msgid, *([entry.msgid_plural] if entry.msgid_plural else [])]
        if entry.msgid_plural:
            plural += 1
            targets = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)] or [""]
        else:
            targets = [entry.msgstr]
        source, target = _whole(sources), _whole(targets)
        if entry.fuzzy and target:
            fuzzy += 1
            target = ""  # gettext: a fuzzy entry is not a translation
        if zh_first and source == ADDED_MSGID:
            source = ""  # a 0-1 bead is written with a placeholder msgid (PO has no empty msgid)
        bead_lines = [c for c in (entry.comment or "").splitlines() if c.startswith("bead ")]
        bead = parse_bead(bead_lines[0]) if bead_lines else None
        unit_id = entry.msgctxt
        if unit_id is not None and contexts[unit_id] > 1:
            unit_id = f"{unit_id}\u2404{entry.msgid}"  # gettext's key: msgctxt EOT msgid
        texts = {ZH: source, EN: target} if zh_first else {ZH: target, EN: source}
        units.add(unit_id, texts, "", entry.linenum, bead)
    if fuzzy:
        log.warning("%s: %d fuzzy entr%s read as untranslated", path, fuzzy, "y" if fuzzy == 1 else "ies")
    if plural:
        log.info(
            "%s: %d plural entr%s read whole (forms joined by a line break)",
            path,
            plural,
            "y" if plural == 1 else "ies",
        )
    return units.pairs


FORMAT = register(
    Format(
        name="po",
        suffixes=(".po", ".pot"),
        per_document=True,
        description="gettext PO, one file per bulletin (Poedit, Weblate)",
        write=write_po,
        read=read_po,
    )
)
