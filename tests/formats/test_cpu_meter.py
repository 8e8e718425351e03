"""The meter of idle cores (annotator.formats.cpu_meter) that decides whether the reading
sandbox starts a second reader: read from /proc/stat, idle and iowait counted as idle, the
guest columns left out (already in user and nice), and nothing told about an interval too
short or too old to measure."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from annotator.formats import cpu_meter, sandbox
from annotator.formats.cpu_meter import CpuMeter, cpu_times, idle_share

STAT_BEFORE = """cpu  1000 50 300 5000 100 0 20 10 7 3
cpu0 500 25 150 2500 50 0 10 5 3 1
cpu1 500 25 150 2500 50 0 10 5 4 2
intr 12345 0 0
ctxt 999
"""
# 2 s of two cores: 400 ticks; one core busy (200 ticks of user), the other idle
STAT_AFTER = """cpu  1195 50 305 5180 120 0 20 10 97 3
cpu0 695 25 155 2500 50 0 10 5 93 1
cpu1 500 25 150 2680 70 0 10 5 4 2
intr 23456 0 0
"""


def test_cpu_times_reads_the_cpu_line_and_counts_the_cpus() -> None:
    assert cpu_times(STAT_BEFORE) == (5100, 6480, 2)
    with pytest.raises(ValueError):
        cpu_times("intr 1 2 3\n")
    with pytest.raises(ValueError):
        cpu_times("")


def test_idle_share_is_the_idle_part_of_all_cores() -> None:
    assert idle_share(cpu_times(STAT_BEFORE), cpu_times(STAT_AFTER)) == pytest.approx(1.0)
    # all four columns busy: no core idle; no tick counted: nothing to tell
    busy = STAT_BEFORE.replace("cpu  1000 50 300", "cpu  1400 50 300")
    assert idle_share(cpu_times(STAT_BEFORE), cpu_times(busy)) == pytest.approx(0.0)
    assert idle_share(cpu_times(STAT_BEFORE), cpu_times(STAT_BEFORE)) is None


@pytest.fixture
def stat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[float]]:
    """A /proc/stat of our own (write it) and the meter's clock (move it)."""
    path = tmp_path / "stat"
    clock = [100.0]
    monkeypatch.setattr(cpu_meter, "_STAT", path)
    monkeypatch.setattr(cpu_meter.time, "monotonic", lambda: clock[0])
    return path, clock


def test_the_meter_measures_between_readings_and_not_too_soon(
    stat: tuple[Path, list[float]],
) -> None:
    path, clock = stat
    path.write_text(STAT_BEFORE)
    meter = CpuMeter()
    assert meter.available
    path.write_text(STAT_AFTER)
    clock[0] += cpu_meter.MIN_INTERVAL / 2
    assert meter.idle_cores() is None  # too soon to tell
    clock[0] += cpu_meter.MIN_INTERVAL
    assert meter.idle_cores() == pytest.approx(1.0)
    assert sandbox.idle_cores(meter) is None  # the next interval is too short again
    clock[0] += cpu_meter.MIN_INTERVAL
    path.write_text(STAT_AFTER.replace("cpu  1195 50 305 5180", "cpu  1195 50 305 5260"))
    assert sandbox.idle_cores(meter) == 2  # 80 idle ticks of 80


def test_an_old_reading_is_not_measured_against(stat: tuple[Path, list[float]]) -> None:
    path, clock = stat
    path.write_text(STAT_BEFORE)
    meter = CpuMeter()
    path.write_text(STAT_AFTER)
    clock[0] += cpu_meter.MAX_INTERVAL + 1
    assert meter.idle_cores() is None  # an average over a long past says little of now
    path.write_text(STAT_AFTER.replace("cpu  1195 50 305 5180", "cpu  1195 50 305 5380"))
    clock[0] += 0.1
    assert meter.idle_cores() == pytest.approx(2.0)  # measured from the last reading


def test_without_proc_stat_the_sandbox_falls_back_to_the_load_average(
    stat: tuple[Path, list[float]], monkeypatch: pytest.MonkeyPatch
) -> None:
    meter = CpuMeter()  # no such file
    assert not meter.available
    monkeypatch.setattr(sandbox, "_cores", lambda: 2)
    monkeypatch.setattr(sandbox.os, "getloadavg", lambda: (0.2, 0.0, 0.0))
    assert sandbox.idle_cores(meter) == 2


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/stat is Linux's")
def test_the_meter_reads_this_machine() -> None:
    meter = CpuMeter()
    assert meter.available
    time.sleep(cpu_meter.MIN_INTERVAL * 3)
    idle = meter.idle_cores()
    assert idle is not None and 0.0 <= idle <= cpu_times(open("/proc/stat").read())[2]
