"""The fuzz suite's bounds, its seed, and the sample files it mutates.

Profiles (registered here, loaded unless ``--hypothesis-profile`` names
another): ``fuzz`` (local: 60 examples a test, random) and ``fuzz-ci`` (when
the ``CI`` environment variable is set: the same bounds, ``derandomize=True``,
so a CI failure reproduces on any machine). ``FUZZ_EXAMPLES=N`` overrides the
number of examples for a longer local run.

Locally one seed drives the whole session (``--hypothesis-seed`` if given,
else a fresh random one); it is printed in the header and again in the
summary, so ``pytest tests/fuzz --hypothesis-seed=N`` replays the session.
A failing example also prints its ``@reproduce_failure`` blob.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, core, settings

from tests.fuzz import hostile

_BOUNDS = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")),
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("fuzz", _BOUNDS, derandomize=False)
settings.register_profile("fuzz-ci", _BOUNDS, derandomize=True)
IN_CI = bool(os.environ.get("CI"))


def _seed_line() -> str:
    if settings().derandomize:
        return f"fuzz: hypothesis profile {settings.get_current_profile_name()!r}, derandomized (no seed)"
    seed = core.global_force_seed
    return f"fuzz: hypothesis seed {seed} (replay with --hypothesis-seed={seed})"


def pytest_configure(config: pytest.Config) -> None:
    if not config.getoption("hypothesis_profile", None):
        settings.load_profile("fuzz-ci" if IN_CI else "fuzz")
    if not settings().derandomize and core.global_force_seed is None:
        # What --hypothesis-seed sets: one seed for every test of the session, printed above.
        setattr(core, "global_force_seed", random.SystemRandom().getrandbits(32))  # noqa: B010


def pytest_report_header(config: pytest.Config) -> str:
    """Shown when the fuzz folder is run by itself (pytest reads this hook from initial conftests)."""
    return _seed_line()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Shown always, ``-q`` included, so a failure's log holds the seed."""
    terminalreporter.write_line(_seed_line())


@pytest.fixture(scope="session")
def samples() -> dict[str, bytes]:
    """Real files to mutate: the sample corpus exported to every format with a reader, by name."""
    return hostile.sample_exports()


@pytest.fixture(scope="session")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder the examples overwrite (function-scoped ``tmp_path`` does not mix with @given)."""
    yield tmp_path_factory.mktemp("fuzz")
