"""Running fuzz targets: a few examples in ``make test``, a time box under ``make fuzz``.

``FUZZ_SECONDS`` (environment) above 0 turns fuzzing on. Each target then gets an equal
share of the time left (divided among the targets still to run) and runs hypothesis in
chunks until its share is spent: hypothesis has no wall-clock limit of its own, so the
chunk size is adapted to the measured time per input. Without ``FUZZ_SECONDS`` each
target runs a small, derandomised example count (the same inputs on every run).

Every input goes through :func:`run`'s guard instead of failing at once: an exception
that is not the importer's declared error (a :class:`BadInput` with a one-line message
that names the file) is recorded with its smallest input and the run goes on, so the
summary can say how many inputs failed and in how many distinct ways. Under ``make
fuzz`` an input that takes longer than ``FUZZ_INPUT_SECONDS`` (default 5) or raises the
process's peak memory by more than ``FUZZ_MEMORY_MB`` (default 512) is a failure too,
and a watchdog stops an input that hangs. The target fails at the end when anything
failed; the smallest input of each failure is written under ``FUZZ_FAILURES``
(default: ``annotator-fuzz`` in the temporary folder).
"""

from __future__ import annotations

import hashlib
import os
import resource
import signal
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.domain.errors import BadInput

FUZZ_SECONDS = float(os.environ.get("FUZZ_SECONDS") or 0)
FUZZING = FUZZ_SECONDS > 0
INPUT_SECONDS = float(os.environ.get("FUZZ_INPUT_SECONDS") or 5)
MEMORY_MB = float(os.environ.get("FUZZ_MEMORY_MB") or 512)
#: examples per target in ``make test``
TEST_EXAMPLES = 15
_ROOT = Path(__file__).resolve().parents[2]
_PACKAGE = str(_ROOT / "annotator")


@dataclass
class Failure:
    signature: str
    message: str
    count: int = 0
    smallest: Any = None
    size: int = 0
    trace: str = ""


@dataclass
class Stats:
    """What one target did: inputs tried, failing inputs, time spent, the slowest input."""

    name: str
    tried: int = 0
    #: steps run, for a state machine (its inputs are programs of steps)
    steps: int = 0
    failing: int = 0
    seconds: float = 0.0
    slowest: float = 0.0
    failures: dict[str, Failure] = field(default_factory=dict)


#: every target's figures, printed by ``tests/fuzz/conftest.py`` at the end of the run
STATS: dict[str, Stats] = {}


class _Clock:
    """The time box of the whole run, shared out among the targets still to run in
    proportion to their weights."""

    started: float | None = None
    planned: float | None = None  # the weights of the collected targets (conftest)
    done: float = 0.0

    @classmethod
    def share(cls, weight: float) -> float:
        now = time.monotonic()
        if cls.started is None:
            cls.started = now
        left = max(weight, (cls.planned or len(STATS) + weight) - cls.done)
        remaining = FUZZ_SECONDS - (now - cls.started)
        return max(2.0, remaining * weight / left)


def plan(total_weight: float) -> None:
    """The weights of the fuzz targets this run will execute (for sharing the time box)."""
    _Clock.planned = total_weight


def fuzz_target(function: Callable[..., Any] | None = None, *, weight: float = 1.0) -> Any:
    """Mark a test as a fuzz target with its share of the time box (``weight``)."""

    def mark(f: Callable[..., Any]) -> Callable[..., Any]:
        f.__fuzz_target__ = weight  # type: ignore[attr-defined]
        return f

    return mark(function) if function is not None else mark


class _Hang(BaseException):
    """Raised by the watchdog inside an input that runs far too long."""


@contextmanager
def _watchdog(seconds: float) -> Iterator[None]:
    if not FUZZING:
        yield
        return

    def _alarm(signum: int, frame: Any) -> None:
        raise _Hang()

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _size(value: Any) -> int:
    if isinstance(value, bytes | str):
        return len(value)
    if isinstance(value, tuple | list):
        return sum(_size(v) for v in value)
    return len(repr(value))


def _signature(exc: BaseException) -> str:
    """The exception's type and the innermost frame inside the annotator package."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if f.filename.startswith(_PACKAGE)]
    where = (ours or frames or [None])[-1]
    place = f"{Path(where.filename).name}:{where.lineno}" if where is not None else "?"
    return f"{type(exc).__name__} at {place}"


def _record(stats: Stats, signature: str, message: str, value: Any, trace: str) -> None:
    stats.failing += 1
    failure = stats.failures.setdefault(signature, Failure(signature, message))
    failure.count += 1
    size = _size(value)
    if failure.smallest is None or size < failure.size:
        failure.smallest, failure.size, failure.message, failure.trace = (
            value,
            size,
            message,
            trace,
        )


def declared_error(names: tuple[str, ...]) -> Callable[[BadInput], str | None]:
    """The check of a declared error: one line that starts with one of ``names`` (any
    start when ``names`` is empty)."""

    def check(exc: BadInput) -> str | None:
        message = str(exc)
        if len(message.splitlines()) > 1:
            return "the error message is not one line"
        if names and not message.startswith(names):
            return f"the error message does not start with {names[0]!r}"
        return None

    return check


def guard(
    stats: Stats,
    body: Callable[[Any], Any],
    value: Any,
    check_error: Callable[[BadInput], str | None] | None = None,
) -> None:
    """Run ``body(value)``; record anything but the declared error (see the module doc)."""
    stats.tried += 1
    peak = _peak_mb()
    started = time.perf_counter()
    try:
        with _watchdog(max(INPUT_SECONDS * 4, 20.0)):
            body(value)
    except BadInput as exc:
        problem = check_error(exc) if check_error is not None else None
        if problem is not None:
            _record(stats, f"BadInput: {problem}", str(exc)[:300], value, "")
    except _Hang:
        _record(stats, "hang", f"stopped after {INPUT_SECONDS * 4:.0f} s", value, "")
    except Exception as exc:  # noqa: BLE001 - anything else is the bug we look for
        _record(
            stats,
            _signature(exc),
            f"{type(exc).__name__}: {exc}"[:300],
            value,
            "".join(traceback.format_exception(exc)[-6:]),
        )
    elapsed = time.perf_counter() - started
    stats.seconds += elapsed
    stats.slowest = max(stats.slowest, elapsed)
    if FUZZING and elapsed > INPUT_SECONDS:
        _record(stats, "too slow", f"{elapsed:.1f} s for one input", value, "")
    grown = _peak_mb() - peak
    if FUZZING and grown > MEMORY_MB:
        _record(stats, "too much memory", f"peak memory grew by {grown:.0f} MB", value, "")


def time_boxed(name: str, chunk: Callable[[int], None], *, weight: float = 1.0) -> None:
    """Call ``chunk(n)`` (run n more examples) until this target's share of the time box
    is spent. ``STATS[name].tried`` must grow with the examples run."""
    stats = STATS.setdefault(name, Stats(name))
    deadline = time.monotonic() + _Clock.share(weight)
    n = 10
    try:
        while time.monotonic() < deadline:
            before, started = stats.tried, time.monotonic()
            chunk(n)
            spent = time.monotonic() - started
            per = spent / max(1, stats.tried - before)
            left = deadline - time.monotonic()
            n = int(min(max(left / 2, 1.0) / max(per, 1e-4), 5000))
            n = max(n, 1)
    finally:
        _Clock.done += weight


def run(
    name: str,
    strategy: st.SearchStrategy[Any],
    body: Callable[[Any], Any],
    *,
    check_error: Callable[[BadInput], str | None] | None = None,
    examples: int = TEST_EXAMPLES,
) -> None:
    """Fuzz ``body`` with inputs from ``strategy``; fail naming each distinct failure."""
    stats = STATS.setdefault(name, Stats(name))

    def make(count: int, *, derandomize: bool) -> Callable[[], None]:
        @settings(
            max_examples=count,
            deadline=None,
            database=None,
            derandomize=derandomize,
            suppress_health_check=list(HealthCheck),
        )
        @given(strategy)
        def chunk(value: Any) -> None:
            guard(stats, body, value, check_error)

        return chunk

    if FUZZING:
        time_boxed(name, lambda n: make(n, derandomize=False)())
    else:
        make(examples, derandomize=True)()
    if stats.failures:
        pytest.fail(report(stats), pytrace=False)


def _save(stats: Stats, failure: Failure) -> Path | None:
    folder = Path(os.environ.get("FUZZ_FAILURES") or Path(tempfile.gettempdir()) / "annotator-fuzz")
    value = failure.smallest
    data = value if isinstance(value, bytes) else repr(value).encode("utf-8")
    digest = hashlib.sha256(failure.signature.encode()).hexdigest()[:12]
    path = folder / stats.name / f"{digest}.bin"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError:
        return None
    return path


def report(stats: Stats) -> str:
    lines = [f"{stats.name}: {stats.failing} of {stats.tried} inputs failed"]
    for failure in stats.failures.values():
        shown = repr(failure.smallest)
        shown = shown if len(shown) <= 400 else shown[:400] + " …"
        lines.append(f"- {failure.signature} ({failure.count}×): {failure.message}")
        lines.append(f"  smallest input ({failure.size}): {shown}")
        if FUZZING:
            lines.append(f"  saved: {_save(stats, failure)}")
        if failure.trace:
            lines.append("  " + failure.trace.replace("\n", "\n  ").rstrip())
    return "\n".join(lines)


def summary_lines() -> list[str]:
    """One line per target: inputs tried, failing inputs, distinct failures, time."""
    if not STATS:
        return []
    width = max(len(s.name) for s in STATS.values())
    head = f"{'target':<{width}}  {'inputs':>8}  {'failing':>7}  {'distinct':>8}  "
    lines = [head + f"{'seconds':>8}  {'slowest':>8}"]
    for s in STATS.values():
        lines.append(
            f"{s.name:<{width}}  {s.tried:>8}  {s.failing:>7}  {len(s.failures):>8}  "
            f"{s.seconds:>8.1f}  "
            + (f"{s.slowest:>7.2f}s" if s.slowest else f"{'-':>8}")
            + (f"  ({s.steps} steps)" if s.steps else "")
        )
    total = sum(s.tried for s in STATS.values())
    failing = sum(s.failing for s in STATS.values())
    lines.append(f"{'all':<{width}}  {total:>8}  {failing:>7}")
    return lines
