"""The sandboxed reader: one child per batch, a time limit, a memory cap, crashes and
cancels reported per file, the batch going on, and no child left behind."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from annotator.domain.errors import BadInput
from annotator.formats.importing import load_file
from annotator.formats.sandbox import Cancelled, ReaderFailed, Sandbox, source_name

pytestmark = pytest.mark.skipif(os.name != "posix", reason="RLIMIT_AS and signals are POSIX")


def _page(path: Path, paragraphs: int) -> Path:
    """A real HTML page; 10,000 paragraphs take about a second or two to read."""
    body = "".join(
        f"<p>Paragraph {i}: the ministry said figure {i * 7} was revised for region {i % 97}.</p>\n"
        for i in range(paragraphs)
    )
    path.write_text(
        f"<html><head><title>{path.stem}</title></head><body><article><h1>{path.stem}</h1>"
        f"{body}</article></body></html>",
        encoding="utf-8",
    )
    return path


def _text(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _gone(pid: int) -> bool:
    """True when ``pid`` no longer exists or is not our zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] != "Z" and stat.split()[3] != str(os.getpid())


def _busy(box: Sandbox, path: Path) -> tuple[threading.Thread, list[object]]:
    """Read ``path`` in a thread; returns once the child is reading it."""
    outcome: list[object] = []
    box.load(str(_text(path.with_name("first.txt"), "First\n\nThe child is up.")))

    def read() -> None:
        try:
            outcome.append(box.load(str(path)))
        except Exception as exc:  # noqa: BLE001 - the test looks at it
            outcome.append(exc)

    thread = threading.Thread(target=read)
    thread.start()
    time.sleep(0.4)  # well into the read (the page takes seconds)
    return thread, outcome


def test_a_batch_is_read_by_one_child_as_in_process(tmp_path: Path) -> None:
    files = [_text(tmp_path / f"n{i}.txt", f"Note {i}\n\nText of note {i}.") for i in range(5)]
    files.append(_page(tmp_path / "page.html", 30))
    with Sandbox() as box:
        drafts = [box.load(str(f)) for f in files]
        assert box.starts == 1
        pid = box.pid
    assert drafts == [load_file(f) for f in files]
    assert pid is not None and _gone(pid)


def test_bad_files_keep_their_message_and_the_child(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    good = _text(tmp_path / "good.txt", "Good\n\nA good note.")
    with Sandbox() as box:
        with pytest.raises(BadInput, match=r"^empty\.txt: is empty$"):
            box.load(str(empty))
        with pytest.raises(BadInput, match=r"^missing\.html: no such file$"):
            box.load(str(tmp_path / "missing.html"))
        assert box.load(str(good)).title == "Good"
        assert box.starts == 1


def test_a_file_over_the_time_limit_is_refused_and_the_batch_goes_on(tmp_path: Path) -> None:
    slow = _page(tmp_path / "slow.html", 12_000)
    good = _text(tmp_path / "good.txt", "Good\n\nA good note.")
    with Sandbox(timeout=0.5) as box:
        started = time.monotonic()
        with pytest.raises(BadInput, match=r"^slow\.html: took longer than 0\.5 s to read"):
            box.load(str(slow))
        assert time.monotonic() - started < 30  # a guard against waiting it out
        first = box.starts
        assert box.load(str(good)).title == "Good"
        assert box.starts == first + 1  # the killed child was replaced


def test_a_file_over_the_memory_cap_is_refused_and_the_batch_goes_on(tmp_path: Path) -> None:
    line = "The ministry said the figures were revised after a review. Façade.\n"
    big = _text(tmp_path / "big.txt", line * (30_000_000 // len(line)))
    good = _text(tmp_path / "good.txt", "Good\n\nA good note.")
    with Sandbox(memory=200 * 1024 * 1024) as box:
        with pytest.raises(BadInput, match=r"^big\.txt: needs more than 200 MB of memory"):
            box.load(str(big))
        assert box.load(str(good)).title == "Good"
        assert box.starts == 2


def test_a_crash_of_the_child_is_reported_for_that_file_only(tmp_path: Path) -> None:
    slow = _page(tmp_path / "slow.html", 60_000)
    good = _text(tmp_path / "good.txt", "Good\n\nA good note.")
    with Sandbox() as box:
        thread, outcome = _busy(box, slow)
        pid = box.pid
        assert pid is not None
        os.kill(pid, signal.SIGSEGV)
        thread.join(20)
        [error] = outcome
        assert isinstance(error, ReaderFailed)
        assert str(error) == "slow.html: made the reader crash (SIGSEGV); not imported"
        assert _gone(pid)
        assert box.load(str(good)).title == "Good"


def test_cancel_stops_the_file_being_read_and_every_later_one(tmp_path: Path) -> None:
    slow = _page(tmp_path / "slow.html", 60_000)
    good = _text(tmp_path / "good.txt", "Good\n\nA good note.")
    box = Sandbox()
    thread, outcome = _busy(box, slow)
    pid = box.pid
    started = time.monotonic()
    box.cancel()
    thread.join(10)
    assert time.monotonic() - started < 5  # reading the whole page takes 6 s or more
    [error] = outcome
    assert isinstance(error, Cancelled)
    with pytest.raises(Cancelled):
        box.load(str(good))
    box.close()
    assert pid is not None and _gone(pid)
    assert box.pid is None


def test_close_leaves_no_child_process(tmp_path: Path) -> None:
    good = _text(tmp_path / "good.txt", "Good\n\nA good note.")
    pids = []
    for _ in range(3):
        box = Sandbox()
        box.load(str(good))
        pids.append(box.pid)
        box.close()
    assert all(pid is not None and _gone(pid) for pid in pids)
    assert not [p for p in multiprocessing.active_children() if p.name == "annotator-reader"]


def test_source_names_in_messages() -> None:
    assert source_name("/tmp/a/page.html") == "page.html"
    assert source_name(" https://example.org/x ") == "https://example.org/x"
    with pytest.raises(ValueError):
        Sandbox(timeout=0)
