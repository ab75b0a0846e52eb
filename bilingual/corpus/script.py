"""Which script a text is written in: the check that a zh side is Chinese and an en side English.

Swapped arguments (``check en/X.txt zh/X.txt``) used to pass silently: the
"Chinese" had no Chinese term to find, so no finding, exit 0. Counting
letters by script catches that before anything is aligned: a side whose
letters are mostly Latin where Chinese is expected, while the other side is
mostly Han, is a swapped pair (an error naming both files), and so are two
sides in the same one of the two languages; a side that is mostly neither
(Cyrillic, Arabic, digits only...) is a warning. Counts are
over letters only, so figures, punctuation and markup do not vote.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from bilingual.errors import InputError

log = logging.getLogger(__name__)

CHINESE = 0.5  # a side is Chinese when at least half of its letters are Han
ENGLISH = 0.5  # ... English when at least half are Latin
SAMPLE = 200_000  # characters read per side: enough to judge, bounded for huge inputs
SAME = 20  # letters each side needs before two sides in one language are refused ("x" and "y" are not)


@dataclass(frozen=True, slots=True)
class Script:
    """Shares of Han and Latin letters among the letters of a text."""

    han: float
    latin: float
    letters: int


def _is_han(code: int) -> bool:
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x323AF


def script_of(text: str) -> Script:
    han = latin = letters = 0
    for char in text[:SAMPLE]:
        if not char.isalpha():
            continue
        letters += 1
        code = ord(char)
        if _is_han(code):
            han += 1
        elif code < 0x250 or 0x1E00 <= code <= 0x1EFF or 0xFF21 <= code <= 0xFF5A:  # Latin, full-width Latin
            latin += 1
    if not letters:
        return Script(0.0, 0.0, 0)
    return Script(han / letters, latin / letters, letters)


def check_sides(
    zh: str, en: str, zh_name: str | Path, en_name: str | Path, *, catalogue: bool = False
) -> None:
    """Refuse a swapped pair, or two bulletins in the same one of the two languages (the Chinese
    file given twice: a check of it would find every term "missing" and pass ``--fail-on
    forbidden``); warn about a side in neither language. Sides without letters pass.

    ``catalogue``: the sides of a file of pairs, where placeholders and markup (a Django
    catalogue's ``%(value)s 百萬``) give the Chinese side Latin letters: one language on both
    sides is only the warning."""
    z, e = script_of(zh), script_of(en)
    if z.letters and e.letters and z.han < CHINESE and e.han >= CHINESE and z.latin >= ENGLISH:
        raise InputError(
            f"the Chinese side ({zh_name}) is {z.latin:.0%} Latin letters and the English side "
            f"({en_name}) {e.han:.0%} Han: the two are swapped; give the Chinese first",
            zh_name,
        )
    enough = not catalogue and min(z.letters, e.letters) >= SAME
    if enough and z.han >= CHINESE and e.han >= CHINESE:
        raise InputError(
            f"the English side is {e.han:.0%} Han letters, as the Chinese side ({zh_name}) is: "
            "not an English text (the Chinese file twice, or untranslated?)",
            en_name,
        )
    if enough and z.latin >= ENGLISH and e.latin >= ENGLISH:
        raise InputError(
            f"the Chinese side is {z.latin:.0%} Latin letters, as the English side ({en_name}) is: "
            "not a Chinese text (the English file twice?)",
            zh_name,
        )
    if z.letters and z.han < CHINESE:
        log.warning(
            "%s: only %.0f%% of its letters are Chinese; is this the Chinese side?", zh_name, 100 * z.han
        )
    if e.letters and e.latin < ENGLISH:
        log.warning(
            "%s: only %.0f%% of its letters are Latin; is this the English side?", en_name, 100 * e.latin
        )
