"""The signature stamped on every export and report, in sacrebleu's spirit.

``bilingual:0.1.0|seg:rules-1|align:lexical|max-bead:5|glossary:sha256-1a2b3c4d5e6f``
says what produced an output, so that it can be reproduced and two outputs
compared. It never contains a clock time: outputs are deterministic.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from datetime import UTC, datetime

from bilingual import __version__


def checksum(chunks: Iterable[bytes]) -> str:
    """A short, stable content hash (sha256, 12 hex digits)."""
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
    return f"sha256-{digest.hexdigest()[:12]}"


def make_signature(*, segmenter: str = "", aligner: str = "", glossary: str = "") -> str:
    parts = [f"bilingual:{__version__}"]
    parts += [part for part in (segmenter, aligner) if part]
    parts.append(f"glossary:{glossary or 'none'}")
    return "|".join(parts)


def build_date(fallback: str | None = None) -> str:
    """The date to stamp on outputs: SOURCE_DATE_EPOCH, else ``fallback``, else 1970-01-01.

    Never the clock, so two runs give byte-identical files.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if fallback:
        return fallback
    return "1970-01-01T00:00:00Z"
