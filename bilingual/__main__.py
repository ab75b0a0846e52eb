"""The ``bilingual`` console script, and ``python -m bilingual``.

The command line imports most of the toolkit before it reads an option (0.4 to
0.7 s): a Ctrl-C then raised KeyboardInterrupt inside an import, and Python
printed its traceback. Here the import is guarded, so an interrupt ends as
click ends one during a command: "Aborted!" on standard error, exit 1.
"""

from __future__ import annotations

import sys


def entry() -> None:
    """Load the command line, then run it as :func:`bilingual.cli.entry` does."""
    try:
        from bilingual.cli import entry as run
    except KeyboardInterrupt:
        print("\nAborted!", file=sys.stderr)
        raise SystemExit(1) from None
    run()


if __name__ == "__main__":
    entry()
