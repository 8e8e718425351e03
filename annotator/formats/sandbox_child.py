"""The sandbox's side inside a reader child process (see :mod:`annotator.formats.sandbox`).

The child caps its own address space, runs the optional initializer, reads one page to
load the readers' lazy parts, says ``("ready", None)`` and then answers every source it
is sent with ``(kind, value)``: ``("ok", draft)``, ``("bad", message)``, ``("memory",
None)`` (and exits: the parent starts a fresh child) or ``("error", text)``. ``None``
ends it. Sources queue up in the pipe and are read one at a time, in order.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from annotator.domain.errors import BadInput

#: a function (importable by name) and its arguments, run in the child before any file
Initializer = tuple[Callable[..., None], tuple[Any, ...]]


def _limit_memory(memory: int) -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Windows
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash leaves no core file behind


# long enough for trafilatura's own extractor: a shorter page would also load jusText's
# stop words of every language (a third of a second), which a news page never needs
_WARM_UP_PAGE = (
    b"<html lang=en><head><title>Warm-up</title></head><body><article><h1>Warm-up</h1>"
    + b"".join(
        b"<p>Paragraph %d: the reader loads its parts once, before the first file is timed, "
        b"so that a page of a batch never pays for the imports of the extractor.</p>" % i
        for i in range(4)
    )
    + b"</article></body></html>"
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
    from annotator.formats.sandbox import source_name

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
