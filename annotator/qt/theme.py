"""Light and dark themes (Fusion style with a palette) and tag colours for both."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

LIGHT = {
    "window": "#F4F5F7",
    "base": "#FFFFFF",
    "alt": "#F0F2F5",
    "text": "#1F2328",
    "muted": "#57606A",
    "button": "#EEF0F3",
    "highlight": "#2F6FEB",
    "hl_text": "#FFFFFF",
    "border": "#D0D7DE",
    "light": "#FFFFFF",
    "dark": "#8C959F",
    "paper": "#FFFFFF",
    "fill_alpha": 70,
    "selected_alpha": 150,
}
DARK = {
    "window": "#1E2227",
    "base": "#16191D",
    "alt": "#22272E",
    "text": "#E6EDF3",
    "muted": "#9DA7B3",
    "button": "#2D333B",
    "highlight": "#4C8DFF",
    "hl_text": "#FFFFFF",
    "border": "#3A414A",
    "light": "#4A525C",
    "dark": "#9DA7B3",
    "paper": "#16191D",
    "fill_alpha": 95,
    "selected_alpha": 170,
}


def colours(theme: str) -> dict:
    return DARK if theme == "dark" else LIGHT


_STYLE_SET = "annotatorStyle"


def apply_theme(app: QApplication, theme: str, *, sheet: bool = True) -> None:
    """Style, palette and style sheet of ``theme``; what is already set is not set again
    (each setter polishes every widget again: ~50 ms on a start, applied twice).

    ``sheet=False`` leaves the style sheet out: the app's start sets it once the main
    window is built, since while a sheet is set every widget added to the window is
    polished again at each step (~20 ms of a start)."""
    c = colours(theme)
    # once a style sheet is set, app.style() is Qt's style-sheet wrapper (no name)
    if app.property(_STYLE_SET) != "Fusion":
        if app.style().name().casefold() != "fusion":
            app.setStyle("Fusion")
        app.setProperty(_STYLE_SET, "Fusion")
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: c["window"],
        QPalette.ColorRole.WindowText: c["text"],
        QPalette.ColorRole.Base: c["base"],
        QPalette.ColorRole.AlternateBase: c["alt"],
        QPalette.ColorRole.Text: c["text"],
        QPalette.ColorRole.Button: c["button"],
        QPalette.ColorRole.ButtonText: c["text"],
        QPalette.ColorRole.Highlight: c["highlight"],
        QPalette.ColorRole.HighlightedText: c["hl_text"],
        QPalette.ColorRole.ToolTipBase: c["alt"],
        QPalette.ColorRole.ToolTipText: c["text"],
        QPalette.ColorRole.PlaceholderText: c["muted"],
        QPalette.ColorRole.Mid: c["border"],
        # Fusion draws check boxes, frames and separators with these
        QPalette.ColorRole.Light: c["light"],
        QPalette.ColorRole.Midlight: c["border"],
        QPalette.ColorRole.Dark: c["dark"],
        QPalette.ColorRole.Shadow: c["dark"],
    }
    for role, value in roles.items():
        p.setColor(role, QColor(value))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(c["muted"]))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(c["muted"]))
    if app.palette() != p:
        app.setPalette(p)
    if sheet and app.styleSheet() != (text := style_sheet(c)):
        app.setStyleSheet(text)


def style_sheet(c: dict) -> str:
    """The application style sheet in the colours ``c``."""
    return f"""
        QToolTip {{ color: {c["text"]}; background: {c["alt"]}; border: 1px solid {c["border"]};
                    padding: 4px; }}
        QSplitter::handle {{ background: {c["border"]}; }}
        QLabel#articleTitle {{ font-size: 20pt; font-weight: 600; color: {c["text"]}; }}
        QLabel#articleMeta {{ color: {c["muted"]}; }}
        QLabel#panelTitle {{ font-weight: 600; color: {c["muted"]}; text-transform: uppercase; }}
        QFrame#articleHeader {{ background: {c["paper"]}; border: none;
                                border-bottom: 1px solid {c["border"]}; }}
        QPushButton#tagButton {{ text-align: left; padding: 5px 10px; border-radius: 4px;
                                 border: 1px solid {c["border"]}; background: {c["base"]}; }}
        QPushButton#tagButton:hover {{ background: {c["alt"]}; }}
        QStatusBar QLabel {{ color: {c["muted"]}; }}
        """


def tag_colour(hex_colour: str, alpha: int) -> QColor:
    colour = QColor(hex_colour)
    colour.setAlpha(alpha)
    return colour
