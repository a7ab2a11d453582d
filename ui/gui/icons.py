"""The toolbar and navigation icons: bundled Adwaita symbolic SVGs (resources/icons/actions, see
docs/icons.md), drawn in the palette's text colour so they read in the light and the dark theme."""

from __future__ import annotations

from wallet import paths

from .qt import QApplication, QByteArray, QIcon, QImage, QPainter, QPalette, QPixmap, QSvgRenderer, Qt

INK = b"#2e3436"  # the one colour the symbolic icons are drawn in
NAMES = ("add", "share", "goal", "export-pdf", "print", "lock", "collection", "skills", "verify", "shared",
         "settings", "paste", "qr", "search", "expiry", "theme", "receive", "respond")
_cache: dict[tuple[str, str], QIcon] = {}


def svg_path(name: str):  # noqa: ANN201
    return paths.resources_dir() / "icons" / "actions" / f"{name}.svg"


def icon(name: str, palette: QPalette | None = None) -> QIcon:
    """``name`` (one of NAMES) recoloured to the palette's window text colour; cached per colour."""
    pal = palette or QApplication.palette()
    color = pal.color(QPalette.ColorRole.WindowText).name()
    key = (name, color)
    hit = _cache.get(key)
    if hit is not None:
        return hit
    data = svg_path(name).read_bytes().replace(INK, color.encode("ascii"))
    renderer = QSvgRenderer(QByteArray(data))
    out = QIcon()
    for size in (16, 24, 32, 48):
        img = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(Qt.GlobalColor.transparent)
        p = QPainter(img)
        renderer.render(p)
        p.end()
        out.addPixmap(QPixmap.fromImage(img))
    _cache[key] = out
    return out


def clear_cache() -> None:
    """After a theme change: the next icon() call draws in the new text colour."""
    _cache.clear()
