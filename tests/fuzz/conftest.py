"""Fuzz targets: share the ``make fuzz`` time box among the collected targets and print
what each one tried at the end (see ``harness.py``)."""

from __future__ import annotations

import pytest

from tests.fuzz import harness


def pytest_collection_finish(session: pytest.Session) -> None:
    """The weights of the selected fuzz targets (``harness.fuzz_target``)."""
    functions = (getattr(item, "function", None) for item in session.items)
    harness.plan(sum(getattr(f, "__fuzz_target__", 0) for f in functions))


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    if not harness.FUZZING:
        return
    lines = harness.summary_lines()
    if lines:
        terminalreporter.section(f"fuzz ({harness.FUZZ_SECONDS:.0f} s time box)")
        for line in lines:
            terminalreporter.write_line(line)
