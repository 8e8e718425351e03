"""Settings: annotator name, theme, reading font, word snapping."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QFormLayout,
    QInputDialog,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from annotator.settings import Settings, os_user


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.name = QLineEdit(settings.annotator or os_user())
        self.name.setObjectName("settingsName")
        self.theme = QComboBox()
        self.theme.addItem("Light", "light")
        self.theme.addItem("Dark", "dark")
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        self.font_family = QFontComboBox()
        if settings.font_family:
            self.font_family.setCurrentFont(QFont(settings.font_family))
        self.font_size = QSpinBox()
        self.font_size.setRange(8, 36)
        self.font_size.setValue(settings.font_size)
        self.snap = QCheckBox(
            "Snap selections to whole words (hold Alt while selecting to turn it off once)"
        )
        self.snap.setChecked(settings.snap_to_words)
        self.organisation = QLineEdit(settings.organisation)
        self.organisation.setObjectName("settingsOrganisation")
        self.organisation.setPlaceholderText("e.g. Example Fact Check (publishes the verdicts)")
        self.organisation_url = QLineEdit(settings.organisation_url)
        self.organisation_url.setPlaceholderText("https://factcheck.example.org")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Your name (annotator)", self.name)
        form.addRow("Theme", self.theme)
        form.addRow("Reading font", self.font_family)
        form.addRow("Font size", self.font_size)
        form.addRow(self.snap)
        form.addRow("Organisation", self.organisation)
        form.addRow("Organisation URL", self.organisation_url)
        form.addRow(buttons)

    def result_settings(self, base: Settings) -> Settings:
        return Settings(
            annotator=" ".join(self.name.text().split()) or base.annotator,
            theme=self.theme.currentData(),
            font_family=self.font_family.currentFont().family(),
            font_size=self.font_size.value(),
            snap_to_words=self.snap.isChecked(),
            organisation=" ".join(self.organisation.text().split()),
            organisation_url=self.organisation_url.text().strip(),
        )


def ask_annotator_name(parent: QWidget | None = None) -> str | None:
    """First start: who is annotating? Prefilled with the OS user."""
    name, ok = QInputDialog.getText(
        parent,
        "Welcome to annotator",
        "Your name, as it will appear on your annotations and reviews:",
        QLineEdit.EchoMode.Normal,
        os_user(),
    )
    name = " ".join(name.split())
    return name if ok and name else None
