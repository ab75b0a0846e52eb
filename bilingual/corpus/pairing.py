"""Pairing a corpus directory: ``zh/NAME.*`` with ``en/NAME.*``.

The pairing key is the file stem, so ``zh/2023-02-14-safety.html`` pairs with
``en/2023-02-14-safety.txt``. Files without a partner are returned, not
dropped, so callers can warn about them. A name with a bulletin suffix that
is not a regular file (a FIFO, a device, a broken link) is an error, not
skipped: reading it could hang, skipping it would lose a bulletin unsaid.
"""

from __future__ import annotations

import stat
from pathlib import Path

from bilingual.corpus.read import SUFFIXES, doc_id
from bilingual.errors import CorpusError
from bilingual.model import Corpus, CorpusPair


def _side(folder: Path) -> dict[str, Path]:
    files: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.suffix.lower() not in SUFFIXES or path.is_dir():
            continue
        _require_file(path)
        key = doc_id(path)
        if key in files:
            raise CorpusError(f"two files share the name {key!r}: {files[key].name} and {path.name}", folder)
        files[key] = path
    return files


def _require_file(path: Path) -> None:
    """A bulletin name that is not a regular file is refused, never skipped as if absent."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError as exc:
        raise CorpusError("is a broken symbolic link; a corpus holds bulletin files", path) from exc
    except OSError as exc:
        raise CorpusError(f"cannot be read: {exc.strerror or exc}", path) from exc
    if not stat.S_ISREG(mode):
        kind = "a FIFO" if stat.S_ISFIFO(mode) else "a device or socket"
        raise CorpusError(f"is {kind}, not a file; a corpus holds bulletin files", path)


def pair_corpus(root: Path) -> Corpus:
    root = Path(root)
    if not root.is_dir():
        raise CorpusError("is not a directory (expected a corpus with zh/ and en/ folders)", root)
    missing = [name for name in ("zh", "en") if not (root / name).is_dir()]
    if missing:
        raise CorpusError(f"has no {' or '.join(m + '/' for m in missing)} folder", root)
    zh, en = _side(root / "zh"), _side(root / "en")
    gold = root / "gold"
    pairs = tuple(
        CorpusPair(
            key, zh[key], en[key], (gold / f"{key}.align") if (gold / f"{key}.align").is_file() else None
        )
        for key in sorted(zh.keys() & en.keys())
    )
    lonely = [zh[k] for k in zh.keys() - en.keys()] + [en[k] for k in en.keys() - zh.keys()]
    unpaired = tuple(sorted(lonely, key=lambda p: (p.name, str(p))))
    if not pairs:
        raise CorpusError("holds no zh/en pair of bulletins with the same file name", root)
    return Corpus(root, pairs, unpaired)
