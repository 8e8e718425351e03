"""Merge actors: choose the one to keep, see how many annotations move to it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.model import Actor
from annotator.qt.util import plain_label


class MergeDialog(QDialog):
    """One radio button per actor; the others fold into the chosen one."""

    def __init__(
        self, actors: list[Actor], usage: dict[str, int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.actors = actors
        self.usage = usage
        self.setWindowTitle("Merge actors")
        self.setObjectName("mergeActorsDialog")
        self.group = QButtonGroup(self)
        self.radios: list[QRadioButton] = []
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label("Keep which actor? The others become its aliases."))
        # the most used name is the likely keeper
        best = max(range(len(actors)), key=lambda i: usage.get(actors[i].id, 0))
        for i, actor in enumerate(actors):
            n = usage.get(actor.id, 0)
            radio = QRadioButton(f"{actor.name}  ({n} annotation{'s' if n != 1 else ''})")
            radio.setChecked(i == best)
            self.group.addButton(radio, i)
            self.radios.append(radio)
            layout.addWidget(radio)
        self.summary = plain_label(name="mergeSummary")
        self.summary.setWordWrap(True)
        layout.addSpacing(6)
        layout.addWidget(self.summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = buttons.addButton("Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.group.idToggled.connect(lambda _id, _on: self._summarise())
        self._summarise()
        self.setMinimumWidth(420)

    def keep(self) -> Actor:
        return self.actors[max(0, self.group.checkedId())]

    def moving(self) -> int:
        keep = self.keep()
        return sum(self.usage.get(a.id, 0) for a in self.actors if a.id != keep.id)

    def _summarise(self) -> None:
        keep = self.keep()
        others = [a.name for a in self.actors if a.id != keep.id]
        n = self.moving()
        self.summary.setText(
            f"{n} annotation{'s' if n != 1 else ''} will move to “{keep.name}”, and "
            f"{', '.join(f'“{o}”' for o in others)} will become "
            f"{'its aliases' if len(others) > 1 else 'an alias'}. Every reference is kept."
        )
