"""`bilingual corpus list` and `bilingual segment` (filled in by the foundation work)."""

import click

COMMANDS: list[click.Command] = []
