"""The claims board in the window: grouped by actor, denials under claims, jump by Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt

TEXT = (
    "The United States says that North Korea has supplied Russia with artillery rounds, "
    "although both Russia and North Korea deny that.\n\n"
    "Kim said relations were at an all-time high."
)


def _texts(item) -> list[str]:
    return [item.child(i).text(0) for i in range(item.childCount())]


def test_board_shows_the_claim_with_both_denials_and_jumps(qtbot, open_window) -> None:
    window, project, article = open_window(TEXT)
    source = project.annotate_quote(
        article.id, "The United States says", "Source", actor="United States"
    )
    claim = project.annotate_quote(
        article.id,
        "North Korea has supplied Russia with artillery rounds",
        "Claim",
        actor="United States",
    )
    russia = project.annotate_quote(
        article.id, "both Russia and North Korea deny that", "Denial", actor="Russia"
    )
    korea = project.annotate_quote(article.id, "deny that", "Denial", actor="North Korea")
    project.annotate_quote(
        article.id, "relations were at an all-time high", "Claim", actor="Kim Jong Un"
    )
    project.link(claim.id, source.id)
    project.link(russia.id, claim.id)
    project.link(korea.id, claim.id)
    project.set_verdict(claim.id, "Mostly true", "public reporting")
    qtbot.keyClick(window.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    board = window.board
    assert window.board_dock.isVisible()
    tree = board.tree
    groups = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert groups == ["Kim Jong Un — 1 claim", "United States — 1 claim"]
    us_claim = tree.topLevelItem(1).child(0)
    assert us_claim.text(0).startswith("“North Korea has supplied Russia")
    assert us_claim.text(2) == "Mostly true"
    children = _texts(us_claim)
    assert "denied by (Russia): “both Russia and North Korea deny that”" in children
    assert "denied by (North Korea): “deny that”" in children
    assert "source (United States): “The United States says”" in children
    assert board.summary.text().startswith("2 claims · 1 denied · 1 with a verdict")
    # Enter on a denial jumps to it in the text
    denial_row = next(
        us_claim.child(i)
        for i in range(us_claim.childCount())
        if "Russia)" in us_claim.child(i).text(0)
    )
    tree.setFocus()
    tree.setCurrentItem(denial_row)
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert window.view.selected_id == russia.id
    # filtering and live refresh
    qtbot.keyClicks(board.filter, "kim")
    assert tree.topLevelItemCount() == 1
    board.filter.clear()
    project.unlink(project.relations(article.id)[-1].id)  # North Korea's denial
    qtbot.waitUntil(
        lambda: (
            "denied by (North Korea): “deny that”"
            not in _texts(board.tree.topLevelItem(1).child(0))
        ),
        timeout=2000,
    )
