"""QR codes: one module matrix (``matrix``) for every surface, drawn by three painters: ``png_bytes`` (PNG
files and the GUI's QImage), ``svg_bytes`` (SVG files) and ``draw`` (any QPainter: the portfolio PDF).
Error correction M, dense modes chosen per segment."""

from __future__ import annotations

from pathlib import Path

import qrcode
import qrcode.image.svg

from wallet.errors import WalletError
from wallet.service import qr_version, require_folder, write_atomic


def matrix(text: str) -> list[list[bool]]:
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    qr.add_data(text, optimize=20)
    qr.make(fit=True)
    return qr.get_matrix()


def version(text: str) -> int:
    """The QR version (level M) the text needs (wallet.service.qr_version)."""
    return qr_version(text)


def png_bytes(text: str, box: int = 8, border: int = 4) -> bytes:
    import io

    from PIL import Image

    m = matrix(text)
    n = len(m) + 2 * border
    img = Image.new("1", (n, n), 1)  # one pixel per module, then scaled up: the same pixels, 64x fewer writes
    px = img.load()
    for y, row in enumerate(m):
        for x, on in enumerate(row):
            if on:
                px[x + border, y + border] = 0
    img = img.resize((n * box, n * box), Image.Resampling.NEAREST)
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def svg_bytes(text: str, border: int = 4) -> bytes:
    m = matrix(text)
    n = len(m) + 2 * border
    rects = "".join(f'<rect x="{x + border}" y="{y + border}" width="1" height="1"/>'
                    for y, row in enumerate(m) for x, on in enumerate(row) if on)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {n} {n}" shape-rendering="crispEdges">'
            f'<rect width="{n}" height="{n}" fill="#fff"/><g fill="#000">{rects}</g></svg>\n').encode()


def check_target(out: Path) -> None:
    """Whether QR images can be written at ``out``: its folder exists and it ends in .png or .svg (asked
    before a presentation is made, so that nothing is shared and logged for images that cannot be written)."""
    require_folder(out)
    if out.suffix.lower() not in (".png", ".svg"):
        raise WalletError("a QR image file must end in .png or .svg", path=str(out))


def write(texts: list[str], out: Path) -> list[Path]:
    """Write one image per QR text; a sequence gets -1, -2, ... before the extension."""
    out = Path(out)
    check_target(out)
    render = png_bytes if out.suffix.lower() == ".png" else svg_bytes
    paths = [out] if len(texts) == 1 else [out.with_name(f"{out.stem}-{i}{out.suffix}") for i in range(1, len(texts) + 1)]
    for text, p in zip(texts, paths, strict=True):
        write_atomic(p, render(text), mode=0o644)
    return paths


def decode_images(files: list[Path]) -> list[str]:
    """Every credwallet QR text found in the images (screenshots or photos), in file order."""
    import zxingcpp
    from PIL import Image, UnidentifiedImageError

    texts = []
    for f in files:
        try:
            with Image.open(f) as img:
                img.load()
                found = zxingcpp.read_barcodes(img.convert("L"), formats=zxingcpp.BarcodeFormat.QRCode)
        except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as exc:
            raise WalletError(f"cannot read the image ({exc})", path=str(f)) from exc
        got = [r.text for r in found if r.text]
        if not got:
            raise WalletError("no QR code found in the image", path=str(f))
        texts += got
    return texts


def draw(painter, rect, text: str) -> None:  # noqa: ANN001
    """Draw a QR code into ``rect`` on any QPainter (screen, image, PDF), with a 4-module quiet zone."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor

    m = matrix(text)
    n = len(m) + 8
    side = min(rect.width(), rect.height())
    cell = side / n
    x0 = rect.x() + (rect.width() - side) / 2
    y0 = rect.y() + (rect.height() - side) / 2
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.fillRect(QRectF(x0, y0, side, side), QColor("white"))
    painter.setBrush(QColor("black"))
    for y, row in enumerate(m):
        for x, on in enumerate(row):
            if on:
                painter.drawRect(QRectF(x0 + (x + 4) * cell, y0 + (y + 4) * cell, cell * 1.02, cell * 1.02))
    painter.restore()
