"""The bulletin benchmarks' shared frame: one fresh child process per case.

A child process per case, so that each case's peak RSS is its own and no
cache of one case warms the next; the child prints its figures as one JSON
line, which the parent reads.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from typing import Any


def parser(doc: str | None) -> argparse.ArgumentParser:
    """--docs and --beads (the synthetic corpus's size) and the hidden --child."""
    out = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    out.add_argument("--docs", type=int, default=1000)
    out.add_argument("--beads", type=int, default=20)
    out.add_argument("--child", help=argparse.SUPPRESS)
    return out


def run(script: str, case: str, docs: int, beads: int) -> dict[str, Any] | None:
    """Run ``script --child case`` and return its figures, or print why it failed and return None."""
    command = [sys.executable, script, "--child", case, "--docs", str(docs), "--beads", str(beads)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        print(f"{case}: failed\n{done.stderr[-2000:]}")
        return None
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures
