"""The one registry of export formats.

An exporter writes one or more alignments (bulletins) to a binary stream.
Formats that hold one bulletin per file (PO, HTML page) set
``per_document = True`` and are called once per alignment; formats that hold
the whole corpus (TMX, XLIFF, bilingual XML) are called once with all of
them, and must stream (lxml's ``xmlfile``) so memory stays flat.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO, Protocol

from bilingual.model import Alignment, Finding


class ProblemLog:
    """Findings exporters report about the text itself (control characters).

    Ordered and de-duplicated: several formats exporting the same pair report
    the same finding once. The CLI prints them; ``publish`` lists them in its
    JSON report. The only mutable thing an exporter touches.
    """

    def __init__(self) -> None:
        self._findings: dict[Finding, None] = {}

    def add(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            self._findings.setdefault(finding, None)

    def __iter__(self) -> Iterator[Finding]:
        return iter(list(self._findings))

    def __len__(self) -> int:
        return len(self._findings)


@dataclass(frozen=True, slots=True)
class ExportContext:
    """Everything an exporter may use besides the alignments themselves."""

    signature: str
    findings: Mapping[str, Sequence[Finding]] = field(default_factory=dict)  # by pair id
    date: str = "1970-01-01T00:00:00Z"  # from SOURCE_DATE_EPOCH or the bulletin, never the clock
    low_confidence: float = 0.5  # beads below this are marked fuzzy / needs-review
    problems: ProblemLog = field(default_factory=ProblemLog)  # what exporters report, see markup.py

    def report(self, findings: Iterable[Finding]) -> None:
        """Record findings about the text (e.g. ``markup.control_findings(pair)``)."""
        self.problems.add(findings)


class Exporter(Protocol):
    # Read-only members, so frozen dataclasses satisfy the protocol.
    @property
    def name(self) -> str: ...
    @property
    def suffix(self) -> str: ...
    @property
    def per_document(self) -> bool: ...
    @property
    def description(self) -> str: ...
    @property
    def assets(self) -> Callable[[], Mapping[str, bytes]] | None:
        """Files that per-document outputs need beside them (an HTML page's stylesheet)."""

    def write(self, alignments: Iterable[Alignment], context: ExportContext, out: BinaryIO) -> None: ...


@dataclass(frozen=True, slots=True)
class FunctionExporter:
    """An exporter made from a plain function (the usual case)."""

    name: str
    suffix: str
    per_document: bool
    description: str
    function: Callable[[Iterable[Alignment], ExportContext, BinaryIO], None]
    assets: Callable[[], Mapping[str, bytes]] | None = None

    def write(self, alignments: Iterable[Alignment], context: ExportContext, out: BinaryIO) -> None:
        self.function(alignments, context, out)


EXPORTERS: dict[str, Exporter] = {}


def register(
    name: str,
    suffix: str,
    *,
    per_document: bool = False,
    description: str = "",
    assets: Callable[[], Mapping[str, bytes]] | None = None,
) -> Callable[
    [Callable[[Iterable[Alignment], ExportContext, BinaryIO], None]],
    Callable[[Iterable[Alignment], ExportContext, BinaryIO], None],
]:
    """Decorator: ``@register("tmx", ".tmx")`` above ``def write_tmx(alignments, context, out)``."""

    def decorate(
        function: Callable[[Iterable[Alignment], ExportContext, BinaryIO], None],
    ) -> Callable[[Iterable[Alignment], ExportContext, BinaryIO], None]:
        summary = description or (function.__doc__ or "").strip().split("\n")[0]
        EXPORTERS[name] = FunctionExporter(name, suffix, per_document, summary, function, assets)
        return function

    return decorate
