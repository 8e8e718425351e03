"""The import job stores a batch a group at a time: one signal per file, a failed group
rolled back and its articles stored one by one, the library told a few times rather than
once per article (its rows appended, not the list re-read); the import dialogs start the
reader while the user picks."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from annotator.core.project import Project
from annotator.domain.errors import AnnotatorError
from annotator.qt.models import ID_ROLE
from annotator.store import database
from tests.formats.test_sandbox import _gone

TEXT = "Moscow denies it. Washington says the opposite."


def _notes(folder: Path, titles: list[str]) -> list[str]:
    paths = []
    for i, title in enumerate(titles):
        path = folder / f"note{i:02d}.txt"
        path.write_text(f"{title}\n\nA claim made in {title.lower()}.", encoding="utf-8")
        paths.append(str(path))
    return paths


def _readers() -> list[int]:
    return [p.pid for p in multiprocessing.active_children() if p.name == "annotator-reader"]


def test_a_batch_is_stored_in_groups_and_told_per_file(qtbot, open_window, tmp_path, monkeypatch):
    window, project, _ = open_window(TEXT)
    monkeypatch.setattr(QMessageBox, "open", lambda self: None)
    commits = []
    begin = database.begin
    monkeypatch.setattr(database, "begin", lambda conn: (commits.append(1), begin(conn)))
    library = window.library
    resets, inserts = [], []
    library.model.modelReset.connect(lambda: resets.append(1))
    library.model.rowsInserted.connect(lambda *_: inserts.append(1))
    titles = [f"Article {i}" for i in range(30)]
    sources = _notes(tmp_path, titles)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    sources.insert(7, str(empty))
    fates = []
    with qtbot.waitSignal(window.import_finished, timeout=30000) as blocker:
        job = window.import_files(sources)
        job.item_done.connect(lambda *fate: fates.append(fate))
    ids, errors = blocker.args
    assert errors == ["empty.txt: is empty"]
    assert sorted(project.article(i).title for i in ids) == sorted(titles)
    assert sorted(f[0] for f in fates) == sorted(sources)  # one signal per file
    assert {f[0]: f[2] for f in fates}[str(empty)] == "empty.txt: is empty"
    # 30 articles in groups of at most 25: two or a few commits, not thirty
    assert 2 <= len(commits) < 30
    # the new articles join the library's list a few times a second; it is not re-read
    assert resets == [] and 1 <= len(inserts) < 10
    assert library.model.rowCount() == 31 and library.title.text() == "Library (31)"
    assert library.list.currentIndex().data(ID_ROLE) == ids[0]  # opened when done


def test_a_failed_group_is_rolled_back_and_its_articles_stored_one_by_one(
    qtbot, open_window, tmp_path, monkeypatch
):
    window, project, _ = open_window(TEXT)
    shown = []
    monkeypatch.setattr(QMessageBox, "open", lambda self: shown.append(self.detailedText()))
    import_draft = Project.import_draft

    def failing(self, draft):  # type: ignore[no-untyped-def]
        result = import_draft(self, draft)  # written, then refused: the group must undo it
        if draft.title == "Bad":
            raise AnnotatorError("bad article: cannot be stored")
        return result

    monkeypatch.setattr(Project, "import_draft", failing)
    titles = ["One", "Two", "Bad", "Four", "Five"]
    with qtbot.waitSignal(window.import_finished, timeout=30000) as blocker:
        window.import_files(_notes(tmp_path, titles))
    ids, errors = blocker.args
    assert errors == ["bad article: cannot be stored"]
    assert shown == ["bad article: cannot be stored"]
    stored = [a.title for a in project.articles()]
    assert sorted(stored) == sorted(["Test article", "One", "Two", "Four", "Five"])
    assert sorted(project.article(i).title for i in ids) == ["Five", "Four", "One", "Two"]


def test_the_import_dialog_starts_the_reader_while_the_user_picks(
    qtbot, open_window, tmp_path, monkeypatch
):
    window, project, _ = open_window(TEXT)
    [note] = _notes(tmp_path, ["Picked"])
    running = []

    def pick(*_args):  # type: ignore[no-untyped-def]
        running.extend(_readers())
        return [note], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", pick)
    with qtbot.waitSignal(window.import_finished, timeout=30000) as blocker:
        window.import_dialog()
    ids, errors = blocker.args
    assert errors == [] and [project.article(i).title for i in ids] == ["Picked"]
    assert len(running) == 1  # started before the dialog returned …
    assert _gone(running[0])  # … the one that read the file, reaped when done


def test_cancelling_the_import_dialogs_leaves_no_reader(qtbot, open_window, monkeypatch):
    window, project, _ = open_window(TEXT)
    running = []

    def pick(*_args):  # type: ignore[no-untyped-def]
        running.extend(_readers())
        return [], ""

    def ask(*_args):  # type: ignore[no-untyped-def]
        running.extend(_readers())
        return "", False

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", pick)
    monkeypatch.setattr(QInputDialog, "getText", ask)
    window.import_dialog()
    window.import_url_dialog()
    assert len(running) == 2
    assert all(_gone(pid) for pid in running)
    assert _readers() == []
    assert len(project.articles()) == 1
