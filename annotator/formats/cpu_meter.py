"""How many cores the machine leaves idle now, measured (Linux ``/proc/stat``).

The reading sandbox starts a second reader only on a core nothing else uses: a child
more on a busy machine gets no more of its time, and two sharing a core each read slower
than one alone. The last minute's load average answers that late (a neighbour that has
just finished still counts for a minute, one that has just started not yet), so
:class:`CpuMeter` measures the CPU time left idle between two readings instead — over
the first reader's own start, for instance, which then counts as busy.
"""

from __future__ import annotations

import time
from pathlib import Path

#: the shortest interval measured (seconds): /proc/stat counts in hundredths of a second
MIN_INTERVAL = 0.04
#: a reading older than this is not measured against (it would average a long past)
MAX_INTERVAL = 2.0

_STAT = Path("/proc/stat")


def cpu_times(stat: str) -> tuple[int, int, int]:
    """(idle ticks, all ticks, number of CPUs) from the text of ``/proc/stat``: idle is
    ``idle`` + ``iowait``; all is every column of the ``cpu`` line but the guest ones
    (already counted in ``user`` and ``nice``)."""
    lines = stat.splitlines()
    if not lines or not lines[0].startswith("cpu "):
        raise ValueError("not the text of /proc/stat")
    fields = [int(v) for v in lines[0].split()[1:]]
    if len(fields) < 4:
        raise ValueError("not the text of /proc/stat")
    cpus = sum(1 for line in lines[1:] if line.startswith("cpu") and line[3:4].isdigit())
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return idle, sum(fields[:8]), max(1, cpus)


def idle_share(before: tuple[int, int, int], after: tuple[int, int, int]) -> float | None:
    """Cores left idle between two :func:`cpu_times` readings (None: no time counted)."""
    idle, total = after[0] - before[0], after[1] - before[1]
    if total <= 0 or idle < 0:
        return None
    return after[2] * idle / total


class CpuMeter:
    """The idle cores of the machine between one reading and the next."""

    def __init__(self) -> None:
        self._last = self._read()

    @staticmethod
    def _read() -> tuple[float, tuple[int, int, int]] | None:
        try:
            return time.monotonic(), cpu_times(_STAT.read_text(encoding="ascii"))
        except (OSError, ValueError):
            return None

    @property
    def available(self) -> bool:
        """Whether this system lets the meter measure (Linux)."""
        return self._last is not None

    def idle_cores(self) -> float | None:
        """Cores left idle since the last reading that was measured against; None when
        it is too recent to tell (:data:`MIN_INTERVAL`) or nothing can be measured."""
        if self._last is None:
            return None
        since, before = self._last
        if time.monotonic() - since < MIN_INTERVAL:
            return None
        now = self._read()
        if now is None:
            return None
        self._last = now
        if now[0] - since > MAX_INTERVAL:
            return None  # an old reading: measure from this one on
        return idle_share(before, now[1])
