"""Reading articles in a child process, with a time limit and a memory cap.

HTML, Word and PDF extraction runs third-party parsers over bytes that anyone
may have crafted. :class:`Sandbox` runs :func:`~annotator.formats.importing.load_source`
in one child process per batch (started with ``spawn``: never a fork of a Qt
process) whose address space is capped with ``setrlimit(RLIMIT_AS)`` and which is
killed when one file takes longer than the time limit. The child is reused for
every file of the batch and started again only after it was killed or ran out of
memory, so a batch of a thousand pages is not a thousand process starts.

Every problem with one file is a :class:`~annotator.domain.errors.BadInput` whose
message starts with the file name (``page.html: took longer than 30 s to read; not
imported``); the sandbox is ready for the next file. :meth:`Sandbox.cancel` (from
any thread) stops the file being read and every later one with :class:`Cancelled`.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from annotator.domain.errors import AnnotatorError, BadInput
from annotator.formats.draft import ArticleDraft, bad, one_line

#: the longest one file may take to read (seconds)
DEFAULT_TIMEOUT = 30.0
#: the most address space the child may use (bytes)
DEFAULT_MEMORY = 1536 * 1024 * 1024
#: added to the time limit of a URL: the fetch has its own 20 s budget
FETCH_ALLOWANCE = 25.0
#: the longest the child may take to start (seconds)
STARTUP_TIMEOUT = 60.0
_POLL = 0.05  # seconds between checks for cancel while a file is read

#: a function (importable by name) and its arguments, run in the child before any file
Initializer = tuple[Callable[..., None], tuple[Any, ...]]


class Cancelled(AnnotatorError):
    """The user stopped the import; the file being read was abandoned."""


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


def _size(n: int) -> str:
    if n >= 1024**3:
        return f"{n / 1024**3:.1f} GB"
    return f"{n / 1024**2:.0f} MB"


class Sandbox:
    """One child process that reads the files of a batch (see module doc).

    ``timeout`` (seconds) and ``memory`` (bytes) are the limits per file; a URL gets
    :data:`FETCH_ALLOWANCE` more. ``initializer`` runs in the child before its first
    file (the hostile-input tests use it to record what the child opens).
    """

    def __init__(
        self,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        memory: int = DEFAULT_MEMORY,
        initializer: Initializer | None = None,
    ) -> None:
        if timeout <= 0 or memory <= 0:
            raise ValueError("the sandbox needs a positive time limit and memory cap")
        self.timeout = timeout
        self.memory = memory
        self.initializer = initializer
        self.starts = 0  # child processes started (for the figures and the tests)
        self._context = multiprocessing.get_context("spawn")
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._cancelled = threading.Event()
        self._lock = threading.Lock()  # one file at a time

    # --- the public side ----------------------------------------------------------------

    @property
    def pid(self) -> int | None:
        """The child's process id while it runs."""
        process = self._process
        return process.pid if process is not None and process.is_alive() else None

    def load(self, source: str) -> ArticleDraft:
        """The article in ``source`` (a file path or an http(s) URL), read in the child.

        Raises :class:`BadInput` naming the source, or :class:`Cancelled`.
        """
        name = source_name(source)
        limit = self.timeout + (FETCH_ALLOWANCE if is_url(source) else 0.0)
        with self._lock:
            if self._cancelled.is_set():
                raise Cancelled(f"{name}: import stopped")
            conn = self._ensure_child()
            try:
                conn.send(source)
            except (OSError, ValueError):  # the child died between two files
                self._stop_child()
                conn = self._ensure_child()
                conn.send(source)
            reply = self._wait(conn, name, limit)
            return self._result(reply, name)

    def cancel(self) -> None:
        """Stop the file being read (the child is killed) and refuse every later one."""
        self._cancelled.set()

    def close(self) -> None:
        """Stop the child (asking first, then killing it) and reap it: no zombie is left."""
        with self._lock:
            conn, process = self._conn, self._process
            if conn is not None and process is not None and process.is_alive():
                try:
                    conn.send(None)
                except (OSError, ValueError):
                    pass
                process.join(2.0)
            self._stop_child()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the child's lifecycle ------------------------------------------------------------

    def _ensure_child(self) -> Connection:
        if self._process is not None and self._process.is_alive() and self._conn is not None:
            return self._conn
        self._stop_child()
        parent_end, child_end = self._context.Pipe(duplex=True)
        process = self._context.Process(
            target=child_main,
            args=(child_end, self.memory, self.initializer),
            name="annotator-reader",
            daemon=True,
        )
        process.start()
        child_end.close()
        self._process, self._conn = process, parent_end
        self.starts += 1
        # the child says when it is ready, so its start never counts against a file's time
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not self._cancelled.is_set() and time.monotonic() < deadline:
            try:
                if parent_end.poll(_POLL):
                    if parent_end.recv() == ("ready", None):
                        return parent_end
                    break
            except (EOFError, OSError):
                break
        cancelled = self._cancelled.is_set()
        self._stop_child()
        if cancelled:
            raise Cancelled("import stopped")
        raise AnnotatorError("the file reader could not be started (see the log for why)")

    def _stop_child(self) -> int | None:
        """Kill the child if it still runs, reap it, and return its exit code."""
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if conn is not None:
            conn.close()
        if process is None:
            return None
        if process.is_alive():
            process.kill()
        process.join(10.0)
        code = process.exitcode
        if code is not None:  # reaped: no zombie; its handles can go
            process.close()
        return code

    def _wait(self, conn: Connection, name: str, limit: float) -> tuple[str, Any] | None:
        """The child's reply, or None when it died; kills it on timeout or cancel."""
        deadline = time.monotonic() + limit
        while True:
            if self._cancelled.is_set():
                self._stop_child()
                raise Cancelled(f"{name}: import stopped")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self._stop_child()
                raise bad(name, f"took longer than {limit:g} s to read; not imported")
            try:
                if conn.poll(min(_POLL, remaining)):
                    return conn.recv()
            except (EOFError, OSError):
                return None

    def _result(self, reply: tuple[str, Any] | None, name: str) -> ArticleDraft:
        if reply is None:  # the child died while reading
            code = self._stop_child()
            message = _death(code, self.memory)
            if message.startswith("needs more"):
                raise bad(name, message)
            raise ReaderFailed(f"{name}: {message}")
        kind, value = reply
        if kind == "ok":
            return value
        if kind == "memory":
            self._stop_child()  # a child that ran out of memory starts afresh
            raise bad(name, f"needs more than {_size(self.memory)} of memory to read; not imported")
        if kind == "bad":
            raise BadInput(value)
        raise ReaderFailed(one_line(f"{name}: the reader failed ({value}); not imported"))


def _death(code: int | None, memory: int) -> str:
    if code is not None and code < 0:
        number = -code
        if number == signal.SIGKILL:  # not us: the system ran out of memory and chose it
            return f"needs more than {_size(memory)} of memory to read; not imported"
        try:
            label = signal.Signals(number).name
        except ValueError:
            label = f"signal {number}"
        return f"made the reader crash ({label}); not imported"
    return f"made the reader stop (exit code {code}); not imported"


# --- in the child --------------------------------------------------------------------------


def _limit_memory(memory: int) -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Windows
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash leaves no core file behind


_WARM_UP_PAGE = (
    b"<html lang=en><head><title>Warm-up</title></head><body><article><h1>Warm-up</h1>"
    b"<p>The reader loads its parts once, before the first file is timed.</p>"
    b"<p>A second paragraph, so the extractor runs every step.</p></article></body></html>"
)


def _warm_up() -> None:
    """Run the HTML reader once, so its lazy imports happen before the first file."""
    from annotator.formats.html import load_html

    try:
        load_html(_WARM_UP_PAGE, "warm-up.html")
    except BadInput:  # pragma: no cover - the page is ours; a failure only costs speed
        pass


def child_main(conn: Connection, memory: int, initializer: Initializer | None) -> None:
    """The child's loop: read a source, answer ``(kind, value)``; ``None`` ends it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    _limit_memory(memory)
    if initializer is not None:
        function, args = initializer
        function(*args)
    from annotator.formats.importing import load_source

    _warm_up()
    conn.send(("ready", None))
    while True:
        try:
            source = conn.recv()
        except (EOFError, OSError):
            return
        if source is None:
            return
        reply: tuple[str, Any]
        try:
            reply = ("ok", load_source(source))
        except BadInput as exc:
            reply = ("bad", str(exc))
        except MemoryError:
            reply = ("memory", None)
        except RecursionError:
            reply = ("bad", f"{source_name(source)}: is nested too deeply to read; not imported")
        except Exception as exc:  # noqa: BLE001 - reported for this one file
            reply = ("error", f"{type(exc).__name__}: {exc}"[:300])
        try:
            conn.send(reply)
        except MemoryError:
            reply = ("memory", None)
            conn.send(reply)
        except (OSError, ValueError):
            return
        if reply[0] == "memory":
            os._exit(0)  # the parent starts a fresh child for the next file
