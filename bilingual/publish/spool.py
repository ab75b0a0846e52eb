"""The checked documents of a publish spooled to disk (:class:`Spool`), read back one at a time."""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import overload

from bilingual.model import Checked


class Spool(Sequence[Checked]):
    """The checked documents of a run, one pickle a document on disk, read back one at a time.

    Publish writes every format in its own pass over the documents; keeping
    them all in memory made its peak grow with the corpus (a 10 MB corpus
    peaked at 507 MB, most of it the documents' text). On disk, a pass costs a
    read per document and memory stays that of one document plus the small
    per-bulletin rows of the index and the report.
    """

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._entries: list[tuple[str, Path]] = []

    def append(self, item: Checked) -> None:
        path = self._folder / f"{len(self._entries):08d}.pickle"
        with path.open("wb") as handle:
            pickle.dump(item, handle, protocol=pickle.HIGHEST_PROTOCOL)
        self._entries.append((item.id, path))

    def sort(self) -> None:
        self._entries.sort(key=lambda entry: entry[0])

    @property
    def ids(self) -> list[str]:
        return [doc_id for doc_id, _ in self._entries]

    def __len__(self) -> int:
        return len(self._entries)

    def _load(self, path: Path) -> Checked:
        with path.open("rb") as handle:
            item: Checked = pickle.load(handle)  # written by this process, a moment ago
        return item

    @overload
    def __getitem__(self, index: int) -> Checked: ...
    @overload
    def __getitem__(self, index: slice) -> list[Checked]: ...
    def __getitem__(self, index: int | slice) -> Checked | list[Checked]:
        if isinstance(index, slice):
            return [self._load(path) for _, path in self._entries[index]]
        return self._load(self._entries[index][1])

    def __iter__(self) -> Iterator[Checked]:
        for _, path in self._entries:
            yield self._load(path)
