"""What the hostile-input run watches: a canary HTTP server on 127.0.0.1, the files the
app opens (a Python audit hook in this process and in the sandboxed reader, plus inotify
on the folder that holds the secret, which also sees opens by Qt's C++ code and by child
processes), and sockets the app's Python code opens."""

from __future__ import annotations

import ctypes
import os
import struct
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

# --- the canary ------------------------------------------------------------------------


class _Canary(BaseHTTPRequestHandler):
    def _answer(self) -> None:
        server: CanaryServer = self.server  # type: ignore[assignment]
        server.requests.append(f"{self.command} {self.path}")
        self.send_response(200)
        self.send_header("Content-Type", "image/gif")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = do_HEAD = do_PUT = do_OPTIONS = _answer

    def log_message(self, *args: Any) -> None:  # quiet
        return


class CanaryServer(ThreadingHTTPServer):
    """Answers anything on 127.0.0.1 and counts connections and requests."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Canary)
        self.requests: list[str] = []
        self.connections = 0
        self._thread = threading.Thread(target=self.serve_forever, name="canary", daemon=True)

    def verify_request(self, request: Any, client_address: Any) -> bool:
        self.connections += 1
        return True

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def start(self) -> CanaryServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


# --- files opened: inotify -------------------------------------------------------------

_IN_ACCESS, _IN_OPEN, _IN_ISDIR = 0x1, 0x20, 0x40000000
_EVENT = struct.Struct("iIII")


class FolderWatch:
    """Every open or read of a file in ``folder`` (or of the folder), by any process."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.events: list[str] = []
        self._libc = ctypes.CDLL(None, use_errno=True)
        self._fd = self._libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self._fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1 failed")
        wd = self._libc.inotify_add_watch(self._fd, os.fsencode(folder), _IN_OPEN | _IN_ACCESS)
        if wd < 0:
            raise OSError(ctypes.get_errno(), f"cannot watch {folder}")

    def drain(self) -> list[str]:
        """The events since the last call (``open secret.txt``, ``open <folder>``)."""
        while True:
            try:
                data = os.read(self._fd, 65536)
            except BlockingIOError:
                break
            offset = 0
            while offset < len(data):
                _wd, mask, _cookie, length = _EVENT.unpack_from(data, offset)
                raw = data[offset + _EVENT.size : offset + _EVENT.size + length]
                offset += _EVENT.size + length
                name = raw.rstrip(b"\0").decode("utf-8", "replace") or "<the folder>"
                what = "open" if mask & _IN_OPEN else "read"
                self.events.append(f"{what} {self.folder / name if name[0] != '<' else name}")
        return self.events

    def close(self) -> None:
        os.close(self._fd)


# --- files and sockets opened by Python code: audit hooks -----------------------------

NETWORK_EVENTS = frozenset(
    {
        "socket.connect",
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.gethostbyaddr",
        "socket.sendto",
        "socket.sendmsg",
        "urllib.Request",
    }
)


class AuditLog:
    """This process's audit hook (installed once; it cannot be removed, so it records only
    while :attr:`active`)."""

    opened: list[str] = []
    network: list[str] = []
    active = False
    _installed = False

    @classmethod
    def start(cls) -> None:
        cls.opened, cls.network = [], []
        if not cls._installed:
            sys.addaudithook(_parent_hook)
            cls._installed = True
        cls.active = True

    @classmethod
    def stop(cls) -> None:
        cls.active = False


def _parent_hook(event: str, args: tuple[Any, ...]) -> None:
    if not AuditLog.active:
        return
    if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        AuditLog.opened.append(os.fsdecode(args[0]))
    elif event in NETWORK_EVENTS:
        AuditLog.network.append(f"{event} {args[:2]!r}"[:200])


def child_audit(log_path: str) -> None:
    """The sandbox initializer: record every file and socket the reader opens in
    ``log_path`` (one ``open <path>`` or ``net <event>`` line each)."""
    fd = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o600)

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
            line = f"open {os.fsdecode(args[0])}\n"
        elif event in NETWORK_EVENTS:
            line = f"net {event} {args[:2]!r}"[:200] + "\n"
        else:
            return
        os.write(fd, line.encode("utf-8", "backslashreplace"))

    sys.addaudithook(hook)


def read_child_log(log_path: Path) -> tuple[list[str], list[str]]:
    """(files opened, network events) that :func:`child_audit` recorded."""
    if not log_path.exists():
        return [], []
    opened, network = [], []
    for line in log_path.read_text("utf-8").splitlines():
        kind, _, rest = line.partition(" ")
        (opened if kind == "open" else network).append(rest)
    return opened, network


def outside(paths: list[str], allowed: list[Path]) -> list[str]:
    """The paths (made absolute) under none of the ``allowed`` folders, without repeats."""
    roots = [str(a.resolve()) for a in allowed]
    found: list[str] = []
    for raw in paths:
        path = os.path.realpath(raw)
        if any(path == r or path.startswith(r.rstrip("/") + "/") for r in roots):
            continue
        if path not in found:
            found.append(path)
    return found
