"""Where File → Export writes: the path it shows. A bare name goes into the dialog's
folder (not the process's working folder), ``..`` out of it, a Windows device name or a
NUL byte is refused in the dialog (found by the hostile-input corpus)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from annotator.qt.dialogs.export_dialog import ExportDialog

TEXT = "Moscow denies it. Washington says the opposite."


def _dialog(qtbot, window, project, folder: Path) -> ExportDialog:
    dialog = ExportDialog(project, window.article.id, window.settings, window)
    qtbot.addWidget(dialog)
    dialog.folder = folder
    return dialog


def test_the_default_place_is_a_full_path(qtbot, open_window) -> None:
    window, project, _ = open_window(TEXT)
    dialog = ExportDialog(project, window.article.id, window.settings, window)
    qtbot.addWidget(dialog)
    assert Path(dialog.path.text()).is_absolute()
    assert dialog.path.text().endswith("annotations.jsonld")


def test_a_bare_name_lands_in_the_dialog_folder_not_the_working_folder(
    qtbot, open_window, tmp_path, monkeypatch
) -> None:
    window, project, _ = open_window(TEXT)
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    folder = tmp_path / "chosen"
    folder.mkdir()
    dialog = _dialog(qtbot, window, project, folder)
    dialog.path.setText("mine.jsonld")
    dialog.run_export()
    assert (folder / "mine.jsonld").is_file()
    assert os.listdir(elsewhere) == []


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("../escaped.jsonld", "would leave"),
        ("sub/../../escaped.jsonld", "would leave"),
        ("CON.jsonld", "reserved device name"),
        ("bad\x00name.jsonld", "NUL character"),
    ],
)
def test_names_that_leave_the_folder_or_are_devices_are_refused(
    qtbot, open_window, tmp_path, typed, said
) -> None:
    window, project, _ = open_window(TEXT)
    folder = tmp_path / "chosen"
    folder.mkdir()
    dialog = _dialog(qtbot, window, project, folder)
    dialog.path.setText(typed)
    dialog.run_export()  # no exception escapes
    assert said in dialog.status.text()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert list(folder.iterdir()) == [] and not (tmp_path / "escaped.jsonld").exists()
