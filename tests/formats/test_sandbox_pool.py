"""The sandbox's pool of readers: files read side by side and answered in the order they
are ready, each child keeping its own limits (a slow file or a crash costs only its own
child and file, the files queued behind it are read by a fresh one), cancel from another
thread, a warm start, and no child left behind."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from annotator.domain.errors import BadInput
from annotator.formats import sandbox
from annotator.formats.importing import load_file
from annotator.formats.sandbox import (
    FILES_PER_READER,
    Cancelled,
    Outcome,
    ReaderFailed,
    Sandbox,
)
from tests.formats.test_sandbox import _gone, _page, _text

pytestmark = pytest.mark.skipif(os.name != "posix", reason="RLIMIT_AS and signals are POSIX")


def _notes(folder: Path, count: int) -> list[Path]:
    return [_text(folder / f"n{i}.txt", f"Note {i}\n\nText of note {i}.") for i in range(count)]


def _read(box: Sandbox, paths: list[Path], **callbacks: object) -> dict[int, Outcome]:
    """Every outcome by index; fails if one comes twice."""
    outcomes: dict[int, Outcome] = {}

    def done(index: int, outcome: Outcome) -> None:
        assert index not in outcomes
        outcomes[index] = outcome

    box.load_all([str(p) for p in paths], done, **callbacks)  # type: ignore[arg-type]
    return outcomes


def test_two_children_read_a_batch_as_in_process_with_errors_per_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sandbox, "idle_cores", lambda *_: 2)  # an idle machine
    files = _notes(tmp_path, 20)  # more than FILES_PER_READER: worth a second child
    files.insert(5, _page(tmp_path / "page.html", 40))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    files.insert(3, empty)
    started: list[tuple[int, str]] = []
    with Sandbox(readers=2) as box:
        outcomes = _read(box, files, started=lambda i, name: started.append((i, name)))
        assert box.starts == 2
        pids = box.pids
        assert len(pids) == 2
    assert sorted(outcomes) == list(range(len(files)))
    error = outcomes.pop(3)
    assert isinstance(error, BadInput) and str(error) == "empty.txt: is empty"
    assert outcomes == {i: load_file(files[i]) for i in outcomes}
    assert sorted(started) == [(i, f.name) for i, f in enumerate(files)]  # each once
    assert all(_gone(pid) for pid in pids)


def test_on_a_busy_machine_one_child_reads_the_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sandbox, "idle_cores", lambda *_: 0)  # every core busy elsewhere
    files = _notes(tmp_path, 3 * FILES_PER_READER)
    with Sandbox(readers=4) as box:
        outcomes = _read(box, files)
        assert box.starts == 1  # a second child would only share the same core
    assert sorted(outcomes) == list(range(len(files)))


def test_without_a_meter_idle_cores_follow_the_load_average(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sandbox, "_cores", lambda: 4)
    monkeypatch.setattr(sandbox.os, "getloadavg", lambda: (1.2, 0.0, 0.0))
    assert sandbox.idle_cores() == 3
    monkeypatch.setattr(sandbox.os, "getloadavg", lambda: (6.0, 0.0, 0.0))
    assert sandbox.idle_cores() == 0


def test_a_second_child_waits_for_the_measure_of_idle_cores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first child starts at once; the second only once the meter has measured a free
    core (here: nothing measured during the first batch, a free core in the second)."""
    measures: list[int | None] = [None]
    monkeypatch.setattr(sandbox, "idle_cores", lambda meter: measures[0])
    files = _notes(tmp_path, 3 * FILES_PER_READER)
    with Sandbox(readers=2) as box:
        assert sorted(_read(box, files)) == list(range(len(files)))
        assert box.starts == 1
        measures[0] = 1
        assert sorted(_read(box, files)) == list(range(len(files)))
        assert box.starts == 2


def test_a_small_batch_is_read_by_one_child(tmp_path: Path) -> None:
    files = _notes(tmp_path, FILES_PER_READER)
    with Sandbox(readers=4) as box:
        outcomes = _read(box, files)
        assert box.starts == 1  # a second child's start would cost more than it saves
    assert outcomes == {i: load_file(f) for i, f in enumerate(files)}


def test_a_slow_file_costs_only_its_child_and_the_files_behind_it_are_read(
    tmp_path: Path,
) -> None:
    slow = _page(tmp_path / "slow.html", 12_000)
    files = [slow, *_notes(tmp_path, 9)]
    with Sandbox(timeout=0.5, readers=2) as box:
        started = time.monotonic()
        outcomes = _read(box, files)
        assert time.monotonic() - started < 60  # a guard against hanging, not a speed goal
    error = outcomes.pop(0)
    assert isinstance(error, BadInput)
    assert str(error) == "slow.html: took longer than 0.5 s to read; not imported"
    assert outcomes == {i: load_file(files[i]) for i in range(1, len(files))}


def test_a_crashed_child_fails_its_file_only(tmp_path: Path) -> None:
    slow = _page(tmp_path / "slow.html", 60_000)
    files = [slow, *_notes(tmp_path, 6)]
    seen: list[int] = []
    with Sandbox(readers=2) as box:
        box.start(2)

        def started(index: int, _name: str) -> None:
            if index == 0:  # the slow page went to a child: crash that child shortly
                [victim] = [r.pid for r in box._pool if r.jobs and r.jobs[0].index == 0]
                assert victim is not None
                threading.Timer(0.4, os.kill, (victim, signal.SIGSEGV)).start()
                seen.append(victim)

        outcomes = _read(box, files, started=started)
    error = outcomes.pop(0)
    assert isinstance(error, ReaderFailed)
    assert str(error) == "slow.html: made the reader crash (SIGSEGV); not imported"
    assert outcomes == {i: load_file(files[i]) for i in range(1, len(files))}
    assert seen and _gone(seen[0])


def test_cancel_from_another_thread_stops_every_child(tmp_path: Path) -> None:
    files = [_page(tmp_path / f"slow{i}.html", 60_000) for i in range(2)]
    files += _notes(tmp_path, 4)
    box = Sandbox(readers=2)
    box.start(2)
    outcome: list[object] = []

    def read() -> None:
        try:
            _read(box, files)
        except Exception as exc:  # noqa: BLE001 - the test looks at it
            outcome.append(exc)

    thread = threading.Thread(target=read)
    thread.start()
    deadline = time.monotonic() + 20
    while sum(1 for r in box._pool if r.jobs) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)  # both children reading a slow page
    pids = box.pids
    assert len(pids) == 2
    started = time.monotonic()
    box.cancel()
    thread.join(10)
    assert time.monotonic() - started < 5  # each slow page takes several seconds to read
    [error] = outcome
    assert isinstance(error, Cancelled) and str(error).endswith(": import stopped")
    assert all(_gone(pid) for pid in pids)
    box.close()
    assert box.pids == []


def test_a_warm_start_is_the_child_that_reads_the_first_file(tmp_path: Path) -> None:
    [note] = _notes(tmp_path, 1)
    with Sandbox() as box:
        box.start()
        pid = box.pid
        assert pid is not None and box.starts == 1
        assert box.load(str(note)) == load_file(note)
        assert box.pid == pid and box.starts == 1
    assert _gone(pid)


def test_closing_a_warm_sandbox_unused_reaps_its_child_at_once() -> None:
    box = Sandbox(readers=2)
    box.start(2)
    pids = box.pids
    started = time.monotonic()
    box.close()
    assert time.monotonic() - started < 3  # a child still loading is killed, not awaited
    assert len(pids) == 2 and all(_gone(pid) for pid in pids)


def test_idle_is_called_while_every_child_is_busy(tmp_path: Path) -> None:
    slow = _page(tmp_path / "slow.html", 6_000)
    calls: list[float] = []
    with Sandbox(readers=1) as box:
        box.load(str(_notes(tmp_path, 1)[0]))  # the child is up: only reading is timed
        outcomes = _read(box, [slow], idle=lambda: calls.append(time.monotonic()))
    assert outcomes == {0: load_file(slow)}
    assert len(calls) >= 2


def test_an_error_in_a_callback_ends_the_batch_and_stops_the_busy_children(
    tmp_path: Path,
) -> None:
    files = [*_notes(tmp_path, 2), _page(tmp_path / "slow.html", 60_000)]
    box = Sandbox(readers=1)

    def done(index: int, _outcome: Outcome) -> None:
        if index == 1:
            raise RuntimeError("the caller gave up")

    with pytest.raises(RuntimeError, match="gave up"):
        box.load_all([str(p) for p in files], done)
    assert box.pids == [] or all(not r.jobs for r in box._pool)
    assert box.load(str(files[0])) == load_file(files[0])  # the next batch is not confused
    box.close()
    assert box.pids == []
