"""bilingual: read, align, check, export and score Chinese-English bulletins.

One pipeline: corpus (read, segment) -> align (beads) -> glossary (check) ->
formats (write); score sits beside it. :func:`Settings.resolve` and
:func:`run` are the one door every command goes through, and the names a
script needs are importable from here::

    import bilingual
    settings = bilingual.Settings.resolve(["corpus/"], similarity="lexical")
    for checked in bilingual.run(settings):
        print(checked.id, len(checked.alignment.beads), len(checked.findings))

The names are loaded on first use, so ``import bilingual`` stays cheap and
the command line starts fast.
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("bilingual")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+src"

# public name -> (module, attribute)
_API: dict[str, tuple[str, str]] = {
    "Settings": ("bilingual.pipeline", "Settings"),
    "run": ("bilingual.pipeline", "run"),
    "check_text": ("bilingual.pipeline", "check_text"),
    "export": ("bilingual.pipeline", "export"),
    "load_glossary": ("bilingual.glossary", "load_many"),
    "FORMATS": ("bilingual.formats.registry", "FORMATS"),
    "read_document": ("bilingual.corpus", "read_document"),
    "Alignment": ("bilingual.model", "Alignment"),
    "Bead": ("bilingual.model", "Bead"),
    "Checked": ("bilingual.model", "Checked"),
    "Document": ("bilingual.model", "Document"),
    "Finding": ("bilingual.model", "Finding"),
    "Term": ("bilingual.model", "Term"),
    "Verdict": ("bilingual.model", "Verdict"),
    "BilingualError": ("bilingual.errors", "BilingualError"),
}

__all__ = ["__version__", *_API]

if TYPE_CHECKING:  # for type checkers and IDEs only; at run time __getattr__ loads them
    from bilingual.corpus import read_document as read_document
    from bilingual.errors import BilingualError as BilingualError
    from bilingual.formats.registry import FORMATS as FORMATS
    from bilingual.glossary import load_many as load_glossary  # noqa: F401
    from bilingual.model import Alignment as Alignment
    from bilingual.model import Bead as Bead
    from bilingual.model import Checked as Checked
    from bilingual.model import Document as Document
    from bilingual.model import Finding as Finding
    from bilingual.model import Term as Term
    from bilingual.model import Verdict as Verdict
    from bilingual.pipeline import Settings as Settings
    from bilingual.pipeline import check_text as check_text
    from bilingual.pipeline import export as export
    from bilingual.pipeline import run as run


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _API[name]
    except KeyError:
        raise AttributeError(f"module 'bilingual' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])
