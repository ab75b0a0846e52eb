"""The collector pause: what a one-shot process keeps is frozen; anywhere else nothing is."""

from __future__ import annotations

import subprocess
import sys

import pytest

SCRIPT = """
import gc
from bilingual.glossary import collector
if {one_shot}:
    collector.one_shot()
if {serves}:
    collector.one_shot(False)  # bilingual review, under the same console script
before = gc.get_freeze_count()
with collector.collector_paused(keep={keep}):
    kept = [[k] for k in range(1000)]
print(gc.isenabled(), gc.get_freeze_count() - before)
"""


@pytest.mark.parametrize(
    ("one_shot", "serves", "keep", "frozen"),
    [
        (True, False, True, True),
        (True, False, False, False),
        (False, False, True, False),
        (False, False, False, False),
        (True, True, True, False),
    ],
)
def test_only_a_one_shot_process_freezes_what_a_pause_kept(
    one_shot: bool, serves: bool, keep: bool, frozen: bool
) -> None:
    # In a process of its own: freezing is for good, and this test session is long-lived.
    script = SCRIPT.format(one_shot=one_shot, serves=serves, keep=keep)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    enabled, count = out.split()
    assert enabled == "True"  # the collector's state is restored
    assert (int(count) >= 1000) is frozen


def test_the_console_script_is_the_one_shot_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib.metadata import entry_points

    import bilingual.__main__ as console
    import bilingual.cli

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "bilingual"]
    assert script.value == "bilingual.__main__:entry"
    ran: list[bool] = []
    monkeypatch.setattr(bilingual.cli, "entry", lambda: ran.append(True))
    console.entry()
    assert ran == [True]  # what it loads is cli.entry, which declares the process one-shot


def test_ctrl_c_while_the_toolkit_loads_is_no_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An interrupt inside the first imports ends as click ends one later: "Aborted!", exit 1."""
    import builtins

    import bilingual.__main__ as console

    real = builtins.__import__

    def interrupted(name: str, *args: object, **kwargs: object) -> object:
        if name == "bilingual.cli":
            raise KeyboardInterrupt
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", interrupted)
    with pytest.raises(SystemExit) as caught:
        console.entry()
    assert caught.value.code == 1 and capsys.readouterr().err == "\nAborted!\n"
