"""Glossary stage: CSV and TSV glossaries, read and written.

Header (any order; the first three are required)::

    id,zh,en,en_variants_ok,forbidden,case_sensitive,note[,severity]

Several values in one cell are separated by ``|``: ``zh`` may hold several
forms (``共同富裕|共富``), ``en`` the preferred renderings, ``en_variants_ok``
the admitted ones (approved in every respect), ``forbidden`` the deprecated
ones. ``case_sensitive`` is ``true``/``false`` (empty: true); the optional
``severity`` is ``error`` (empty: error) or ``warning`` (reported, never fails
a check). TSV has the same
columns. Files are UTF-8, with or without BOM. Line numbers in messages are
1-based and count physical lines (a quoted cell may span several).

Two-column glossaries, as other tools export them, are read too: a header of
just ``zh,en`` (in either order; language tags such as ``zh-CN``, ``en-US``
or the names ``Chinese``, ``English`` alike), or ``source,target`` with
``source_lang`` (``"zh"`` or ``"en"``, the CLI's ``--source-lang``) naming the
language of the source column. Such rows get generated ids that do not
depend on row order: ``g`` and the first 10 hex digits of the SHA-256 of the
zh cell (``-2``, ``-3`` for a zh cell seen again).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Sequence
from pathlib import Path

from bilingual.errors import GlossaryError
from bilingual.model import Term

COLUMNS = ("id", "zh", "en", "en_variants_ok", "forbidden", "case_sensitive", "note", "severity")
SEVERITIES = ("error", "warning")
REQUIRED = ("id", "zh", "en")
_TRUE = {"true", "yes", "1", "y", ""}
_FALSE = {"false", "no", "0", "n"}


def _split(cell: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in cell.split("|") if v.strip())


def _decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GlossaryError(
            f"not UTF-8 (byte 0x{data[exc.start]:02X} at offset {exc.start}); save the glossary as UTF-8",
            path,
            line,
        ) from exc


def _side(name: str) -> str | None:
    primary = re.split(r"[-_ ]", name, maxsplit=1)[0]
    if primary in {"zh", "zho", "chi", "cmn", "chinese"}:
        return "zh"
    if primary in {"en", "eng", "english"}:
        return "en"
    return None


def _two_columns(header: list[str], source_lang: str | None, path: Path) -> list[str] | None:
    """The header renamed to ``zh``/``en`` for a two-column glossary, else None (the full header)."""
    if "id" in header or len(header) != 2:
        return None
    if header == ["source", "target"]:
        side = _side(source_lang or "")
        if side is None:
            raise GlossaryError(
                "a source,target glossary needs the language of its source column: "
                "give --source-lang zh or --source-lang en",
                path,
                1,
            )
        return [side, "en" if side == "zh" else "zh"]
    sides = [_side(h) for h in header]
    return [s for s in sides if s] if sorted(s or "" for s in sides) == ["en", "zh"] else None


def _generated_id(zh: str, seen: dict[str, int]) -> str:
    base = "g" + hashlib.sha256(zh.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    seen[base] = seen.get(base, 0) + 1
    return base if seen[base] == 1 else f"{base}-{seen[base]}"


def read_csv(data: bytes, path: Path, delimiter: str = ",", *, source_lang: str | None = None) -> list[Term]:
    """Terms of a CSV (``delimiter=","``) or TSV (``"\\t"``) glossary (two columns too: see above)."""
    text = _decode(data, path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise GlossaryError("empty file: expected the header " + delimiter.join(COLUMNS), path, 1) from None
    except csv.Error as exc:
        raise GlossaryError(f"malformed header: {exc}", path, 1) from exc
    two = _two_columns(header, source_lang, path)
    generated: dict[str, int] | None = None
    if two is not None:
        header, generated = ["id", *two], {}
    for name in REQUIRED:
        if name not in header:
            raise GlossaryError(
                f"missing column {name!r}; the header must be {delimiter.join(COLUMNS)!r}", path, 1
            )
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise GlossaryError(f"unknown column(s) {', '.join(map(repr, unknown))}; expected {COLUMNS}", path, 1)
    index = {name: header.index(name) for name in COLUMNS if name in header}
    terms: list[Term] = []
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise GlossaryError(f"malformed row: {exc}", path, line) from exc
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if generated is not None:
            row = [
                _generated_id(row[header.index("zh") - 1].strip() if len(row) == 2 else "", generated),
                *row,
            ]
        if len(row) != len(header):
            raise GlossaryError(f"expected {len(header)} fields, found {len(row)}", path, start)

        def cell(name: str, row: Sequence[str] = row) -> str:
            return row[index[name]].strip() if name in index else ""

        flag = cell("case_sensitive").lower()
        if flag not in _TRUE | _FALSE:
            column = index["case_sensitive"] + 1
            raise GlossaryError(
                f"column {column} (case_sensitive): {flag!r} is not true or false", path, start
            )
        severity = cell("severity").lower() or "error"
        if severity not in SEVERITIES:
            column = index["severity"] + 1
            raise GlossaryError(
                f"column {column} (severity): {severity!r} is not error or warning", path, start
            )
        terms.append(
            Term(
                id=cell("id"),
                zh=_split(cell("zh")),
                en=_split(cell("en")),
                en_ok=_split(cell("en_variants_ok")),
                forbidden=_split(cell("forbidden")),
                case_sensitive=flag in _TRUE,
                note=cell("note"),
                source=f"{path}:{start}",
                severity=severity,
            )
        )
    if generated is not None:
        _check_sides(terms, path, source_lang)
    return terms


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _check_sides(terms: Sequence[Term], path: Path, source_lang: str | None) -> None:
    """A two-column glossary whose English column holds the Chinese is refused, not read backwards.

    The header (or ``--source-lang``) names the sides; the script decides whether
    they are believed: more rows with Han characters in the en column than in
    the zh column means the columns are the other way round.
    """
    han_zh = sum(1 for t in terms if any(_HAN.search(z) for z in t.zh))
    han_en = sum(1 for t in terms if any(_HAN.search(e) for e in t.en))
    if han_en > han_zh:
        told = f"--source-lang {source_lang}" if source_lang else "the header"
        fix = "swap the header's names"
        if source_lang:
            fix = f"give --source-lang {'en' if source_lang == 'zh' else 'zh'}"
        raise GlossaryError(
            f"the columns are the other way round: the en column (as {told} names it) holds Chinese in "
            f"{han_en} of {len(terms)} rows, the zh column in {han_zh}; {fix}",
            path,
            1,
        )


def write_csv(terms: Sequence[Term], delimiter: str = ",") -> bytes:
    """The CSV (or TSV) text of ``terms``: UTF-8, ``\\n`` line ends, every column."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    # The severity column only when a term is a warning, so older readers read what we write.
    severity = any(t.severity != "error" for t in terms)
    writer.writerow(COLUMNS if severity else COLUMNS[:-1])
    for t in terms:
        for value in (*t.zh, *t.en, *t.en_ok, *t.forbidden):
            if "|" in value:
                raise GlossaryError(f"entry {t.id!r}: {value!r} contains '|', which CSV uses as separator")
        writer.writerow(
            [
                t.id,
                "|".join(t.zh),
                "|".join(t.en),
                "|".join(t.en_ok),
                "|".join(t.forbidden),
                "true" if t.case_sensitive else "false",
                t.note,
                *([t.severity] if severity else []),
            ]
        )
    return out.getvalue().encode("utf-8")
