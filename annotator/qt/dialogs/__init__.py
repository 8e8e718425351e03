"""Dialogs opened from the Tools menu: the tag set editor and the actor registry."""

from annotator.qt.dialogs.actors_dialog import ActorsDialog
from annotator.qt.dialogs.tagset_editor import TagSetEditor

__all__ = ["ActorsDialog", "TagSetEditor"]
