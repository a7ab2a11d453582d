"""Appearance: follow the system, or a light or dark Fusion palette; remembered on this computer.

The choice lives in the machine-local GUI preferences (beside the language, ui.gui.i18n): it applies before
any wallet is unlocked, so the unlock dialog already looks right."""

from __future__ import annotations

from . import i18n
from .qt import QApplication, QColor, QPalette, QStyleFactory

MODES = ("system", "light", "dark")
_system: dict[str, object] = {}  # the style and palette the application started with


def chosen() -> str:
    mode = i18n.read_prefs().get("theme")
    return mode if mode in MODES else "system"


def save(mode: str) -> None:
    if mode not in MODES:
        raise ValueError(f"unknown theme {mode!r}")
    i18n.save_pref("theme", mode)


def dark_palette() -> QPalette:
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2d30", QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#1f2023", QPalette.ColorRole.AlternateBase: "#2b2d30",
        QPalette.ColorRole.ToolTipBase: "#3c4043", QPalette.ColorRole.ToolTipText: "#e8eaed",
        QPalette.ColorRole.PlaceholderText: "#9aa0a6", QPalette.ColorRole.Text: "#e8eaed",
        QPalette.ColorRole.Button: "#35373b", QPalette.ColorRole.ButtonText: "#e8eaed",
        QPalette.ColorRole.BrightText: "#ff8a80", QPalette.ColorRole.Link: "#8ab4f8",
        QPalette.ColorRole.Highlight: "#3d6fb4", QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Mid: "#5f6368", QPalette.ColorRole.Dark: "#17181a", QPalette.ColorRole.Light: "#45474b",
        QPalette.ColorRole.Midlight: "#3c3e42", QPalette.ColorRole.Shadow: "#000000",
    }
    for role, color in roles.items():
        p.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#80868b"))
    return p


def light_palette() -> QPalette:
    style = QStyleFactory.create("Fusion")
    return style.standardPalette() if style is not None else QPalette()


def apply(mode: str | None = None, app: QApplication | None = None) -> str:
    """Apply ``mode`` (default: the remembered one) to the application; returns the mode applied."""
    app = app or QApplication.instance()
    mode = mode if mode in MODES else chosen()
    if not _system:
        _system["style"] = app.style().name()
        _system["palette"] = QPalette(app.palette())
    if mode == "system":
        app.setStyle(str(_system["style"]))
        app.setPalette(_system["palette"])  # type: ignore[arg-type]
    else:
        app.setStyle("Fusion")
        app.setPalette(dark_palette() if mode == "dark" else light_palette())
    app.setProperty("credwallet_theme", mode)
    return mode


def current(app: QApplication | None = None) -> str:
    app = app or QApplication.instance()
    mode = app.property("credwallet_theme") if app is not None else None
    return mode if mode in MODES else "system"


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128
