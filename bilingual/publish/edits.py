"""Reviewers' edits in a publish's output: a PO in ``OUT/po/`` that is not imported is never replaced.

The PO review loop (README) has a reviewer edit ``OUT/po/ID.po`` and bring the
edits into the corpus with ``bilingual po import``. A publish replaces ``OUT``
as a whole (:mod:`bilingual.transaction`) and drops the files the previous one
wrote, so a publish between the edit and the import would delete the edits.

``state.json`` records, under ``"digests"``, the SHA-256 of each file a person
may edit (:func:`editable`: the PO files of ``po/``; the other formats are for
tools and have no import back, the sites are for reading) as the publish wrote
it. Before a publish writes anything, :meth:`EditGuard.check` looks at each such
file of ``OUT`` that the publish would replace or drop (the previous one's, and
``po/ID.po`` for each bulletin of this one):

- the bytes of its digest: untouched, replaced as before;
- other bytes, or no digest (a ``state.json`` written before the digests): the
  PO itself is asked (:func:`bilingual.formats.po_import.unimported`, which
  tells an untouched PO from its ``en-digest`` comments without reading the
  corpus). Edits that ``po import`` would still write into the corpus, or a PO
  that it cannot merge as it is (a conflict, a stale or broken file, a bulletin
  no longer in the corpus), refuse the publish: :class:`EditsNotImported`, exit
  2, nothing written, one line naming the file and what to do (import it, or
  delete it to discard the edits). A PO whose msgstr are unchanged (re-saved by
  an editor: Poedit rewraps lines and stamps its header) or already imported
  is replaced. So an older ``state.json`` never blocks a publish for good: its
  PO files are judged by their content, once, and the new state has digests.

Just before the new version becomes current, :meth:`EditGuard.verify` hashes
the files again: a PO saved while the publish ran refuses it too (run it again).
"""

from __future__ import annotations

import hashlib
import json
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path

from bilingual.corpus import read_pair
from bilingual.errors import ExportError
from bilingual.formats.po_import import Documents, import_hint, not_imported
from bilingual.model import Document
from bilingual.pipeline import Settings

DIGESTS = "digests"  # the key of state.json: {path relative to OUT: SHA-256 of the file as written}
SHOWN = 3  # other files named in the message


class EditsNotImported(ExportError):
    """A PO in ``OUT`` holds a reviewer's edits the corpus does not: nothing published (exit 2)."""


def editable(name: str) -> bool:
    """Whether the publish's file ``name`` (relative to OUT, POSIX) is one a reviewer edits."""
    return name.startswith("po/") and name.endswith(".po")


def file_digest(path: Path) -> str | None:
    """SHA-256 of a regular file (not followed through a link); None when there is none."""
    try:
        if not stat.S_ISREG(path.lstat().st_mode):
            return None
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except FileNotFoundError:
        return None


def digests(folder: Path, names: Iterable[str]) -> dict[str, str]:
    """The digests to record in state.json: the editable files among ``names``, as written in ``folder``."""
    found = {name: file_digest(folder / name) for name in names if editable(name)}
    return {name: digest for name, digest in sorted(found.items()) if digest is not None}


def recorded(state: Path) -> dict[str, str]:
    """The digests a previous publish recorded in its state.json (empty: none, or an older state)."""
    try:
        data = json.loads(state.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return {}
    found = data.get(DIGESTS) if isinstance(data, dict) else None
    if not isinstance(found, dict):
        return {}
    return {k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, str)}


def corpus_documents(settings: Settings) -> Documents:
    """The (zh, en) documents of a corpus's bulletins by id, read as ``bilingual po import`` reads them."""
    pairs = {pair.id: pair for pair in settings.inputs.pairs}

    def documents(doc_id: str) -> tuple[Document, Document] | None:
        pair = pairs.get(doc_id)
        if pair is None:
            return None
        size, longest = settings.bulletin_max_size, settings.max_segment
        return read_pair(pair, settings.encoding, max_size=size, max_segment=longest)

    return documents


class EditGuard:
    """The editable files of ``OUT`` as a publish found them; see the module docstring."""

    def __init__(self, out: Path, seen: Mapping[str, str | None], shown: Path) -> None:
        self.out = out
        self.seen = dict(seen)  # editable path → its digest when checked (None: not there)
        self.shown = shown

    @classmethod
    def check(
        cls,
        out: Path,
        owned: Iterable[str],
        documents: Documents,
        *,
        corpus: str = "",
        shown: Path | None = None,
    ) -> EditGuard:
        """Refuse (:class:`EditsNotImported`) while a PO of ``out`` to be replaced holds edits not imported.

        ``owned``: the files the previous publish wrote and those this one will
        write (a PO put there by ``export``, or with a report unreadable, is
        checked too: it has no digest, so its content is); ``documents``: the
        corpus the edits would be imported into (``corpus`` names it in the
        message); ``shown``: ``out`` as the user wrote it, for messages.
        """
        shown = shown or out
        known = recorded(out / "state.json")
        seen: dict[str, str | None] = {}
        refused: list[tuple[str, str]] = []  # (path, what is wrong)
        for name in sorted(n for n in owned if editable(n)):
            seen[name] = digest = file_digest(out / name)
            if digest is None or known.get(name) == digest:
                continue
            why = not_imported(out / name, documents, where=corpus)
            if why is not None:
                refused.append((name, why))
        if refused:
            (name, why), others = refused[0], [n for n, _ in refused[1:]]
            path = shown / name
            more = ", ".join(Path(n).name for n in others[:SHOWN]) + (", ..." if len(others) > SHOWN else "")
            raise EditsNotImported(
                f"edited since the last publish: {why}; {import_hint(path, corpus)}; nothing published"
                + (f" (also edited: {more})" if others else ""),
                path,
            )
        return cls(out, seen, shown)

    def verify(self) -> None:
        """Refuse when an editable file changed since :meth:`check` (saved while the publish ran)."""
        for name, digest in self.seen.items():
            if file_digest(self.out / name) != digest:
                raise EditsNotImported(
                    "saved while this publish ran; nothing published: run the publish again",
                    self.shown / name,
                )
