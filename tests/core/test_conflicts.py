"""Two people editing one annotation: a conflicting edit is refused, never overwritten."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from annotator.core.commands import CommandStack, SetVerdict, UpdateAnnotation
from annotator.core.project import Project
from annotator.domain.errors import Busy, Conflict
from annotator.store import database
from tests.conftest import make_draft

TEXT = "The United States says North Korea has supplied Russia with artillery rounds."


@pytest.fixture
def two(tmp_path: Path):
    path = tmp_path / "shared.db"
    ana = Project.open(path, "Ana")
    ben = Project.open(path, "Ben")
    article = ana.import_draft(make_draft(TEXT, title="Shells")).article
    claim = ana.annotate_quote(article.id, "North Korea has supplied Russia", "Claim")
    yield ana, ben, claim.id
    ana.close()
    ben.close()


def test_a_note_changed_by_someone_else_is_refused_with_their_value(two) -> None:
    ana, ben, aid = two
    ben.update_annotation(aid, note="Ben's reading")
    before = ana.history(aid)
    with pytest.raises(Conflict) as caught:
        ana.update_annotation(aid, note="Ana's reading", expected={"note": ""})
    conflict = caught.value
    assert (conflict.field, conflict.base, conflict.mine, conflict.theirs) == (
        "note",
        "",
        "Ana's reading",
        "Ben's reading",
    )
    assert conflict.by == "Ben" and conflict.at
    assert "Ben changed its note while you were editing it" in str(conflict)
    assert ana.annotation(aid).note == "Ben's reading"  # nothing overwritten
    assert len(ana.history(aid)) == len(before)  # nothing recorded either


def test_keep_mine_overwrites_and_history_keeps_theirs(two) -> None:
    ana, ben, aid = two
    ben.update_annotation(aid, note="Ben's reading")
    ana.update_annotation(aid, note="Ana's reading")  # "keep mine": saved without a base
    assert ben.annotation(aid).note == "Ana's reading"
    notes = [e.after.get("note") for e in ana.history(aid) if e.after and "note" in e.after]
    assert notes[-2:] == ["Ben's reading", "Ana's reading"]


def test_other_fields_and_identical_edits_do_not_conflict(two) -> None:
    ana, ben, aid = two
    ben.update_annotation(aid, tag="Evidence")  # a different field
    ana.update_annotation(aid, note="mine", expected={"note": ""})
    assert ana.annotation(aid).tag == "Evidence" and ana.annotation(aid).note == "mine"
    ben.update_annotation(aid, actor="United States")
    ana.update_annotation(aid, actor="United States", expected={"actor": None})  # same value
    assert ana.annotation(aid).actor == "United States"


def test_a_deletion_by_someone_else_is_a_conflict(two) -> None:
    ana, ben, aid = two
    ben.delete_annotation(aid)
    with pytest.raises(Conflict) as caught:
        ana.update_annotation(aid, tag="Denial", expected={"tag": "Claim"})
    assert caught.value.field == "deleted" and caught.value.by == "Ben"
    assert "Ben deleted this annotation" in str(caught.value)
    assert ana.annotation(aid).deleted and ana.annotation(aid).tag == "Claim"


def test_the_undo_command_checks_its_base_on_the_first_do_only(two) -> None:
    ana, ben, aid = two
    stack = CommandStack(ana)
    stack.push(UpdateAnnotation(aid, {"note": "first"}, expected={"note": ""}))
    ben.update_annotation(aid, note="Ben")
    with pytest.raises(Conflict):
        stack.push(UpdateAnnotation(aid, {"note": "second"}, expected={"note": "first"}))
    assert ana.annotation(aid).note == "Ben"
    stack.undo()  # undoes "first": back to the empty note
    stack.redo()  # a redo re-applies the user's own edit without a conflict
    assert ana.annotation(aid).note == "first"


def _hold_write_lock(path: Path, seconds: float, ready: threading.Event) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE annotations SET note = note")
    ready.set()
    time.sleep(seconds)
    conn.execute("COMMIT")
    conn.close()


def test_a_busy_database_is_waited_for(two, tmp_path: Path) -> None:
    ana, _ben, aid = two
    ready = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(tmp_path / "shared.db", 1.0, ready))
    holder.start()
    ready.wait(5)
    started = time.monotonic()
    ana.update_annotation(aid, note="after the wait")  # no "database is locked"
    waited = time.monotonic() - started
    holder.join()
    assert ana.annotation(aid).note == "after the wait"
    assert waited >= 0.5


def test_a_lock_held_too_long_is_a_clear_error_and_nothing_changes(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 300)
    path = tmp_path / "shared.db"
    ana = Project.open(path, "Ana")
    article = ana.import_draft(make_draft(TEXT, title="Shells")).article
    aid = ana.annotate_quote(article.id, "North Korea", "Claim").id
    ready = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(path, 2.0, ready))
    holder.start()
    ready.wait(5)
    with pytest.raises(Busy) as caught:
        ana.update_annotation(aid, note="never saved")
    holder.join()
    assert "database is busy" in str(caught.value) and "locked" not in str(caught.value)
    assert ana.annotation(aid).note == ""
    ana.close()


def test_boundaries_moved_by_someone_else_are_one_conflict(two) -> None:
    ana, ben, aid = two
    shown = ana.annotation(aid)
    ben.update_annotation(aid, end=shown.end - 7)  # "North Korea has supplied"
    with pytest.raises(Conflict) as caught:
        ana.update_annotation(
            aid, start=shown.start + 6, expected={"start": shown.start, "end": shown.end}
        )
    c = caught.value
    assert c.field == "boundaries" and c.by == "Ben"
    assert (c.base, c.mine, c.theirs) == (
        (shown.start, shown.end),
        (shown.start + 6, shown.end),
        (shown.start, shown.end - 7),
    )
    assert "Ben changed its boundaries" in str(c)
    assert ana.annotation(aid).start == shown.start  # nothing written
    # a tag change by someone else does not stop a resize
    ben.update_annotation(aid, tag="Evidence")
    now = ana.annotation(aid)
    ana.update_annotation(aid, start=now.start + 6, expected={"start": now.start, "end": now.end})
    assert ana.annotation(aid).exact == "Korea has supplied"


def test_a_verdict_changed_by_someone_else_is_refused(two) -> None:
    ana, ben, aid = two
    ana.set_verdict(aid, "False", "No shipments found.", expected=("", ""))
    ben.set_verdict(aid, "Mostly true", "Satellite images show the trains.")
    with pytest.raises(Conflict) as caught:
        ana.set_verdict(
            aid,
            "False",
            "No shipments found; denied by both.",
            expected=("False", "No shipments found."),
        )
    c = caught.value
    assert c.field == "verdict" and c.by == "Ben"
    assert c.theirs == ("Mostly true", "Satellite images show the trains.")
    assert c.mine == ("False", "No shipments found; denied by both.")
    assert "Ben changed its verdict" in str(c)
    verdict = ana.verdict(aid)
    assert (verdict.rating, verdict.explanation) == c.theirs  # nothing overwritten
    with pytest.raises(Conflict):  # clearing it is refused the same way
        ana.clear_verdict(aid, expected=("False", "No shipments found."))
    assert ana.verdict(aid) is not None
    # the same value as theirs, or their unchanged one, is no conflict
    ana.set_verdict(aid, "Mostly true", "Satellite images show the trains.", expected=("", ""))
    ana.clear_verdict(aid, expected=("Mostly true", "Satellite images show the trains."))
    assert ana.verdict(aid) is None


def test_a_first_verdict_given_by_two_people_at_once_is_a_conflict(two) -> None:
    ana, ben, aid = two
    ben.set_verdict(aid, "Mostly true", "", expected=("", ""))
    with pytest.raises(Conflict) as caught:
        ana.set_verdict(aid, "False", "", expected=("", ""))
    assert caught.value.base == ("", "") and caught.value.theirs == ("Mostly true", "")


def test_the_verdict_command_checks_its_base_on_the_first_do_only(two) -> None:
    ana, ben, aid = two
    stack = CommandStack(ana)
    stack.push(SetVerdict(aid, "False", "first", expected=("", "")))
    ben.set_verdict(aid, "Mostly true", "Ben")
    with pytest.raises(Conflict):
        stack.push(SetVerdict(aid, "False", "second", expected=("False", "first")))
    assert ana.verdict(aid).explanation == "Ben"
    stack.undo()  # undoes "first": no verdict again
    assert ana.verdict(aid) is None
    stack.redo()  # a redo re-applies the user's own edit without a conflict
    assert ana.verdict(aid).explanation == "first"
