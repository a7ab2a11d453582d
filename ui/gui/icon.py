"""The app icon (resources/icons, rendered from its SVG by packaging/make_icons.py)."""

from __future__ import annotations

from wallet import paths

from .qt import QIcon, QPixmap


def app_icon() -> QIcon:
    """Every rendered size, so the window, the task bar and the About dialog each get a sharp one."""
    icon = QIcon()
    for png in sorted((paths.resources_dir() / "icons" / "hicolor").glob(f"*x*/apps/{paths.APP_ID}.png")):
        icon.addFile(str(png))
    return icon


def app_pixmap(size: int) -> QPixmap:
    return app_icon().pixmap(size, size)
