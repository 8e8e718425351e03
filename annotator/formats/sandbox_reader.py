"""One reader child of the sandbox, seen from the parent: spawn it, hand it sources, read
its replies, stop and reap it (see :mod:`annotator.formats.sandbox`)."""

from __future__ import annotations

import signal
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.context import SpawnContext
from typing import Any

from annotator.domain.errors import AnnotatorError
from annotator.formats.sandbox_child import Initializer, child_main


@dataclass(frozen=True)
class Job:
    """One source of a batch: its place in the batch, how it is named, its time limit."""

    index: int
    source: str
    name: str
    limit: float


class Reader:
    """A child process started with ``spawn`` (never a fork of a Qt process).

    ``jobs`` are the sources sent and not yet answered, in the order the child reads
    them; the first one has been read since ``since``. The child's start never counts
    against a file: nothing is sent before it said it is ready.
    """

    def __init__(self, context: SpawnContext, memory: int, initializer: Initializer | None):
        parent_end, child_end = context.Pipe(duplex=True)
        process = context.Process(
            target=child_main,
            args=(child_end, memory, initializer),
            name="annotator-reader",
            daemon=True,
        )
        try:
            process.start()
        except OSError as exc:  # no process can be started (limits, memory)
            parent_end.close()
            child_end.close()
            raise AnnotatorError(f"the file reader could not be started ({exc})") from None
        child_end.close()
        self.process = process
        self.conn = parent_end
        self.spawned = time.monotonic()
        self.ready = False
        self.jobs: deque[Job] = deque()
        self.since = 0.0
        self.exitcode: int | None = None
        self._stopped = False

    @property
    def pid(self) -> int | None:
        """The child's process id while it runs."""
        try:
            alive = not self._stopped and self.process.is_alive()
        except ValueError:  # closed by the thread running the batch meanwhile
            return None
        return self.process.pid if alive else None

    def send(self, job: Job) -> bool:
        """Queue ``job`` in the child; False when the child is gone."""
        try:
            self.conn.send(job.source)
        except (OSError, ValueError):
            return False
        if not self.jobs:
            self.since = time.monotonic()
        self.jobs.append(job)
        return True

    def receive(self) -> tuple[str, Any] | None:
        """The child's next message, or None when it died (its end of the pipe closed)."""
        try:
            message: tuple[str, Any] = self.conn.recv()
        except (EOFError, OSError):
            return None
        return message

    def answered(self) -> Job:
        """The job the child just answered; the next one started now."""
        job = self.jobs.popleft()
        self.since = time.monotonic()
        return job

    def deadline(self) -> float | None:
        """When the file being read runs out of time (None: nothing is being read)."""
        return self.since + self.jobs[0].limit if self.jobs else None

    def ask_to_stop(self) -> None:
        """Ask a ready child to end after what it reads (an unready one is killed)."""
        if self.ready and not self._stopped:
            try:
                self.conn.send(None)
            except (OSError, ValueError):
                pass

    def stop(self, grace: float = 0.0) -> int | None:
        """End the child (waiting up to ``grace`` seconds for one asked to stop, then
        killing it), reap it so no zombie is left, and return its exit code."""
        if self._stopped:
            return self.exitcode
        self._stopped = True
        process = self.process
        if grace > 0:
            process.join(grace)
        self.conn.close()
        if process.is_alive():
            process.kill()
        process.join(10.0)
        self.exitcode = process.exitcode
        if self.exitcode is not None:  # reaped: its handles can go
            process.close()
        return self.exitcode


def _size_label(n: int) -> str:
    if n >= 1024**3:
        return f"{n / 1024**3:.1f} GB"
    return f"{n / 1024**2:.0f} MB"


def out_of_memory(memory: int) -> str:
    """The message of a file that needs more than a child's ``memory`` to read."""
    return f"needs more than {_size_label(memory)} of memory to read; not imported"


def death(code: int | None, memory: int) -> str:
    """Why a child that died while reading a file stopped, for that file's message."""
    if code is not None and code < 0:
        number = -code
        if number == signal.SIGKILL:  # not us: the system ran out of memory and chose it
            return out_of_memory(memory)
        try:
            label = signal.Signals(number).name
        except ValueError:
            label = f"signal {number}"
        return f"made the reader crash ({label}); not imported"
    return f"made the reader stop (exit code {code}); not imported"
