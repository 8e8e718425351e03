"""The main window's side of the library: choosing, dropping and importing articles, and
corpus search (the box at the top of the library; Ctrl+Shift+F focuses it).

Kept out of ``main_window.py``, which is at its size limit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.domain.search import SearchHit

if TYPE_CHECKING:
    from annotator.qt.main_window import MainWindow

#: the changes after which shown hits are searched again
REFRESH_ON = frozenset({"annotations", "orphans", "articles", "external"})


def connect_library(window: MainWindow) -> None:
    library = window.library
    library.articleChosen.connect(window.open_article)
    library.filesDropped.connect(window.import_files)
    library.importRequested.connect(window.import_dialog)
    box = library.search
    box.set_searcher(window.project.search)
    box.hitChosen.connect(lambda hit: open_hit(window, hit))
    # hits shown while notes are edited or annotations deleted are searched again
    unsubscribe = window.project.subscribe(
        lambda change: box.refresh() if change.kind in REFRESH_ON else None
    )
    box.destroyed.connect(lambda *_: unsubscribe())


def open_hit(window: MainWindow, hit: SearchHit) -> None:
    """Open the hit's article and select what matched: the matched text of a text hit,
    the annotation of a quote or note hit (its matched words when it is not shown)."""
    if window.article is None or window.article.id != hit.article_id:
        window.open_article(hit.article_id)
    view = window.view
    if hit.annotation_id is not None:
        view.select_annotation(hit.annotation_id, scroll=True, flash=True)
        if view.selected_id == hit.annotation_id:
            view.setFocus()
            return
    if hit.text_start is not None and hit.text_end is not None:
        view.select_cp(hit.text_start, hit.text_end)
        view.centerCursor()
    elif hit.annotation_id is not None:
        window.statusBar().showMessage(
            "That annotation is not shown in the text (an orphan, or hidden by Show).", 6000
        )
    view.setFocus()
