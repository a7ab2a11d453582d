"""Render the app icon's PNG sizes, the Windows .ico and the macOS .icns from its SVG (maintainers run it
after editing the SVG; the output is committed and tests/packaging/test_icons.py checks it is current).

    QT_QPA_PLATFORM=offscreen python packaging/make_icons.py

Rendering is Qt's own SVG renderer (QtSvg, part of PySide6-Essentials), so no other tool is needed;
Pillow writes the .ico and .icns from the exact renders (no rescaling of one big image).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
APP_ID = "org.credwallet.CredWallet"
SVG = ICONS / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)  # the hicolor sizes desktops look for
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # what Windows uses (256 is the largest an .ico holds)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)  # macOS, incl. the @2x variants


def png_path(icons: Path, size: int) -> Path:
    return icons / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def render(svg: Path, size: int):  # noqa: ANN201 - a PIL.Image.Image
    """The SVG drawn at ``size`` x ``size`` pixels on a transparent background, as a Pillow RGBA image."""
    from PIL import Image
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not an SVG that Qt can draw")
    img = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    painter = QPainter(img)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    buf.close()
    import io

    with Image.open(io.BytesIO(bytes(data))) as im:
        return im.convert("RGBA")


def make(svg: Path = SVG, icons: Path = ICONS) -> list[Path]:
    renders = {s: render(svg, s) for s in sorted(set(PNG_SIZES) | set(ICO_SIZES) | set(ICNS_SIZES))}
    written = []
    for s in PNG_SIZES:
        out = png_path(icons, s)
        out.parent.mkdir(parents=True, exist_ok=True)
        renders[s].save(out, optimize=True)
        written.append(out)
    ico = icons / f"{APP_ID}.ico"
    big = renders[max(ICO_SIZES)]
    big.save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES],
             append_images=[renders[s] for s in ICO_SIZES if s != max(ICO_SIZES)])
    icns = icons / f"{APP_ID}.icns"
    renders[1024].save(icns, format="ICNS", append_images=[renders[s] for s in ICNS_SIZES if s != 1024])
    return [*written, ico, icns]


if __name__ == "__main__":
    for p in make():
        print(p.relative_to(ROOT))
    sys.exit(0)
