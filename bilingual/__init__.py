"""bilingual: read, align, check, export and score Chinese-English bulletins.

Pipeline: corpus (read) -> corpus.segment -> align -> glossary (check) -> export;
score sits beside them. Each stage is a pure function of the model in
:mod:`bilingual.model`; only readers, writers and the CLI touch files.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("bilingual")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+src"
