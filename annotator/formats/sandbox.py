"""Reading articles in child processes, with a time limit and a memory cap.

HTML, Word and PDF extraction runs third-party parsers over bytes that anyone may have
crafted. :class:`Sandbox` runs :func:`~annotator.formats.importing.load_source` in a
small pool of reader child processes per batch: at most :func:`default_readers` (one per
usable core, up to four), one for every :data:`FILES_PER_READER` files of the batch, and
more than one only on cores the machine leaves idle (:func:`idle_cores`, measured).
Each child is started with ``spawn`` (never a fork of a Qt process), caps its own address
space with ``setrlimit(RLIMIT_AS)``, is reused for every file it is given and is killed
when one file takes longer than the time limit; only that child is started again, so a
batch of a thousand pages is not a thousand process starts. The children read side by
side, each with the next source already waiting in its pipe, and the results come back
in the order they are ready (:meth:`Sandbox.load_all`).

Every problem with one file is a :class:`~annotator.domain.errors.BadInput` whose
message starts with the file name (``page.html: took longer than 30 s to read; not
imported``); the batch goes on. :meth:`Sandbox.cancel` (from any thread) stops the files
being read and every later one with :class:`Cancelled`. :meth:`Sandbox.start` starts
children ahead of the batch (while the user picks files), so a single file does not
wait for a child to load its parsers.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import wait
from pathlib import Path

from annotator.domain.errors import AnnotatorError, BadInput
from annotator.formats.cpu_meter import CpuMeter
from annotator.formats.draft import ArticleDraft, bad, one_line
from annotator.formats.sandbox_child import Initializer
from annotator.formats.sandbox_reader import Job, Reader, death, out_of_memory

__all__ = ["Cancelled", "Initializer", "ReaderFailed", "Sandbox", "is_url", "source_name"]

#: the longest one file may take to read (seconds)
DEFAULT_TIMEOUT = 30.0
#: the most address space one child may use (bytes)
DEFAULT_MEMORY = 1536 * 1024 * 1024
#: added to the time limit of a URL: the fetch has its own 20 s budget
FETCH_ALLOWANCE = 25.0
#: the longest a child may take to start (seconds)
STARTUP_TIMEOUT = 60.0
#: the most children of one batch
MAX_READERS = 4
#: files left to read for each child started (fewer share the children already there)
FILES_PER_READER = 16
#: sources waiting in a child's pipe besides the one it reads (hides the round trip)
_QUEUED = 1
_POLL = 0.05  # seconds between checks for cancel and time limits while files are read

#: one source's fate in :meth:`Sandbox.load_all`: its draft, or why it was not read
Outcome = ArticleDraft | BadInput


class Cancelled(AnnotatorError):
    """The user stopped the import; the files being read were abandoned."""


class ReaderFailed(BadInput):
    """A reader raised an unexpected exception or crashed the child: a bug to report,
    told to the user like any file that cannot be imported."""


_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(source: str) -> bool:
    return bool(_URL.match(source.strip()))


def source_name(source: str) -> str:
    """How a source is named in messages: a URL as it is, a file by its name."""
    source = source.strip()
    if is_url(source):
        return source
    path = Path(source).expanduser()
    return path.name or str(path)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def default_readers() -> int:
    """Children per batch: one per core this process may use, at most :data:`MAX_READERS`."""
    return max(1, min(MAX_READERS, _cores()))


def idle_cores(meter: CpuMeter | None = None) -> int | None:
    """Cores the rest of the machine leaves free (our own children count as busy): a child
    more on a busy machine gets no more of its time, and two children sharing a core each
    read slower than one alone. As ``meter`` measured them since its last reading (None
    while that is too recent to tell); where it cannot measure (not Linux), by the last
    minute's load average."""
    if meter is not None and meter.available:
        idle = meter.idle_cores()
        return None if idle is None else max(0, round(idle))
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # pragma: no cover - not on Unix
        return _cores()
    return max(0, _cores() - round(load))


class Sandbox:
    """A pool of reader children for one batch (see module doc).

    ``timeout`` (seconds) and ``memory`` (bytes) are the limits per file and per child; a
    URL gets :data:`FETCH_ALLOWANCE` more. ``readers`` is the most children reading at
    once (default :func:`default_readers`). ``initializer`` runs in each child before its
    first file (the hostile-input tests use it to record what the children open).
    """

    def __init__(
        self,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        memory: int = DEFAULT_MEMORY,
        initializer: Initializer | None = None,
        readers: int | None = None,
    ) -> None:
        if timeout <= 0 or memory <= 0:
            raise ValueError("the sandbox needs a positive time limit and memory cap")
        if readers is not None and readers < 1:
            raise ValueError("the sandbox needs at least one reader")
        self.timeout = timeout
        self.memory = memory
        self.initializer = initializer
        self.readers = readers or default_readers()
        self.starts = 0  # child processes started (for the figures and the tests)
        self._context = multiprocessing.get_context("spawn")
        self._pool: list[Reader] = []
        self._meter: CpuMeter | None = None  # idle cores, from the first batch on
        self._cancelled = threading.Event()
        self._lock = threading.Lock()  # one batch at a time

    # --- the public side ----------------------------------------------------------------

    @property
    def pid(self) -> int | None:
        """The process id of a running child (the first one), or None."""
        return next(iter(self.pids), None)

    @property
    def pids(self) -> list[int]:
        """The process ids of the running children."""
        return [pid for pid in (r.pid for r in list(self._pool)) if pid is not None]

    def start(self, count: int = 1) -> None:
        """Start up to ``count`` children now, without waiting for them (a warm start:
        they load their parsers while the user picks files or the batch is set up)."""
        if not self._lock.acquire(blocking=False):  # a batch runs: it starts its own
            return
        try:
            if not self._cancelled.is_set():
                self._spawn(min(count, self.readers))
        finally:
            self._lock.release()

    def load(self, source: str) -> ArticleDraft:
        """The article in ``source`` (a file path or an http(s) URL), read in a child.

        Raises :class:`BadInput` naming the source, or :class:`Cancelled`.
        """
        outcomes: list[Outcome] = []
        self.load_all([source], lambda _index, outcome: outcomes.append(outcome))
        [outcome] = outcomes
        if isinstance(outcome, BadInput):
            raise outcome
        return outcome

    def load_all(
        self,
        sources: Iterable[str],
        done: Callable[[int, Outcome], None],
        *,
        started: Callable[[int, str], None] | None = None,
        idle: Callable[[], None] | None = None,
    ) -> None:
        """Read every source; ``done(index in sources, draft or BadInput)`` is called for
        each, in the order the children finish them. ``started(index, name)`` is called
        when a source is handed to a child, ``idle()`` about every 50 ms while every
        child is busy. All three run in the calling thread; an exception they raise ends
        the batch.

        Raises :class:`Cancelled` once :meth:`cancel` was called, or
        :class:`~annotator.domain.errors.AnnotatorError` when no child can be started.
        """
        jobs = deque(
            Job(i, s, source_name(s), self.timeout + (FETCH_ALLOWANCE if is_url(s) else 0.0))
            for i, s in enumerate(sources)
        )
        with self._lock:
            try:
                self._run(jobs, done, started, idle)
            finally:
                # a batch left half-way (an error, or cancel): children still holding
                # sources are stopped, so no late answer reaches the next batch
                for reader in [r for r in self._pool if r.jobs]:
                    self._drop(reader)

    def cancel(self) -> None:
        """Stop the files being read (their children are killed) and refuse every later one."""
        self._cancelled.set()

    def close(self) -> None:
        """Stop the children (asking first, then killing them) and reap them: no zombie."""
        with self._lock:
            pool, self._pool = self._pool, []
            for reader in pool:
                reader.ask_to_stop()
            deadline = time.monotonic() + 2.0
            for reader in pool:
                grace = max(0.0, deadline - time.monotonic()) if reader.ready else 0.0
                reader.stop(grace)

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the batch ------------------------------------------------------------------------

    def _run(
        self,
        jobs: deque[Job],
        done: Callable[[int, Outcome], None],
        started: Callable[[int, str], None] | None,
        idle: Callable[[], None] | None,
    ) -> None:
        announced: set[int] = set()
        while jobs or any(r.jobs for r in self._pool):
            self._check_cancel(jobs)
            self._staff(len(jobs) + sum(len(r.jobs) for r in self._pool))
            self._feed(jobs)
            for head in [r.jobs[0] for r in self._pool if r.jobs]:
                if started is not None and head.index not in announced:
                    announced.add(head.index)
                    started(head.index, head.name)
            ready = self._wait()
            if not ready and idle is not None:
                idle()
            for reader in ready:
                outcome = self._answer(reader, jobs)
                if outcome is not None:
                    done(*outcome)
            for outcome in self._overdue(jobs):
                done(*outcome)

    def _check_cancel(self, jobs: deque[Job]) -> None:
        if not self._cancelled.is_set():
            return
        reading = [r.jobs[0] for r in self._pool if r.jobs]
        name = (reading or list(jobs) or [None])[0]
        for reader in list(self._pool):
            self._drop(reader)
        raise Cancelled(f"{name.name}: import stopped" if name else "import stopped")

    def _staff(self, work: int) -> None:
        """Start children until there are as many as the work needs (within the limit):
        one more for every :data:`FILES_PER_READER` files left, as a child's start costs
        about what it takes to read that many pages, and a second one only on a core
        the machine leaves idle — measured while the first one starts (a few hundredths
        of a second after it), and again during the batch while more would help."""
        if self._meter is None:
            self._meter = CpuMeter()
        wanted = min(self.readers, -(-work // FILES_PER_READER))
        have = max(1, len(self._pool))
        if wanted > have:
            idle = idle_cores(self._meter)
            wanted = have if idle is None else min(wanted, have + idle)
        self._spawn(wanted)

    def _spawn(self, count: int) -> None:
        while len(self._pool) < count:
            self._pool.append(Reader(self._context, self.memory, self.initializer))
            self.starts += 1

    def _feed(self, jobs: deque[Job]) -> None:
        """Hand out sources: first one to every idle ready child, then one more each to
        wait in its pipe."""
        for depth in range(_QUEUED + 1):
            for reader in list(self._pool):
                if not jobs or not reader.ready or len(reader.jobs) > depth:
                    continue
                job = jobs.popleft()
                if not reader.send(job):  # it died between two files: the next wait
                    jobs.appendleft(job)  # sees it and it is replaced

    def _wait(self) -> list[Reader]:
        """The children with something to say, waiting at most until the next check."""
        now = time.monotonic()
        limits = [d for d in (r.deadline() for r in self._pool) if d is not None]
        limits += [r.spawned + STARTUP_TIMEOUT for r in self._pool if not r.ready]
        timeout = max(0.0, min([now + _POLL, *limits]) - now)
        by_conn = {r.conn: r for r in self._pool}
        return [by_conn[c] for c in wait(list(by_conn), timeout)]  # type: ignore[index]

    def _answer(self, reader: Reader, jobs: deque[Job]) -> tuple[int, Outcome] | None:
        """What a child said: ready, or its answer for the file it read."""
        reply = reader.receive()
        if not reader.ready:
            if reply == ("ready", None):
                reader.ready = True
                return None
            self._drop(reader)
            raise AnnotatorError("the file reader could not be started (see the log for why)")
        if reply is None or not reader.jobs:  # it died (while reading, or idle)
            if not reader.jobs:
                self._drop(reader)
                return None
            job = reader.jobs.popleft()
            code = self._drop(reader, jobs)
            message = death(code, self.memory)
            if message == out_of_memory(self.memory):
                return job.index, bad(job.name, message)
            return job.index, ReaderFailed(f"{job.name}: {message}")
        job = reader.answered()
        kind, value = reply
        if kind == "ok":
            return job.index, value
        if kind == "memory":
            self._drop(reader, jobs)  # a child that ran out of memory starts afresh
            return job.index, bad(job.name, out_of_memory(self.memory))
        if kind == "bad":
            return job.index, BadInput(value)
        message = one_line(f"{job.name}: the reader failed ({value}); not imported")
        return job.index, ReaderFailed(message)

    def _overdue(self, jobs: deque[Job]) -> Iterator[tuple[int, Outcome]]:
        """Files over their time limit: their children are killed, the files refused."""
        now = time.monotonic()
        for reader in list(self._pool):
            if not reader.ready and now > reader.spawned + STARTUP_TIMEOUT:
                self._drop(reader)
                raise AnnotatorError("the file reader could not be started (it took too long)")
            deadline = reader.deadline()
            if deadline is not None and now > deadline:
                job = reader.jobs.popleft()
                self._drop(reader, jobs)
                yield (
                    job.index,
                    bad(job.name, f"took longer than {job.limit:g} s to read; not imported"),
                )

    def _drop(self, reader: Reader, jobs: deque[Job] | None = None) -> int | None:
        """Kill and reap a child; the sources waiting in its pipe go back to the front of
        ``jobs`` (they were not read). Returns its exit code."""
        if reader in self._pool:
            self._pool.remove(reader)
        if jobs is not None:
            jobs.extendleft(reversed(reader.jobs))
        reader.jobs.clear()
        return reader.stop()
