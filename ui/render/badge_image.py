"""A credential's badge image as bytes, and as a QImage to draw (the portfolio PDF).

Only what is already in hand: a ``data:`` URI in the credential's ``image`` (OB 2.0/3.0), or the baked
PNG/SVG the credential came in.  Remote image URLs are never fetched here.  Sizes are bounded before
decoding: the bytes, and the pixels of the decoded image."""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any
from urllib.parse import unquote_to_bytes

MAX_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 4096 * 4096
_DATA_URI = re.compile(r"^data:(image/(?:png|jpeg|gif|webp|svg\+xml))(;[^,]*)?,(.*)$", re.I | re.S)


def image_bytes(image: Any, original: bytes | None = None, container: str | None = None) -> bytes | None:
    """The image's bytes: a data: URI decoded, else the baked PNG/SVG original, else None."""
    if isinstance(image, dict):
        image = image.get("id")
    if isinstance(image, str) and (m := _DATA_URI.match(image.strip())):
        payload = m.group(3)
        if len(payload) > MAX_BYTES * 4 // 3 + 4:
            return None
        try:
            data = base64.b64decode(payload, validate=False) if ";base64" in (m.group(2) or "").lower() \
                else unquote_to_bytes(payload)
        except (binascii.Error, ValueError):
            return None
        return data if 0 < len(data) <= MAX_BYTES else None
    if container in ("png", "svg") and original and len(original) <= MAX_BYTES:
        return original
    return None


def to_qimage(data: bytes | None):  # noqa: ANN201 - a QImage, or None
    """Decode within the pixel bound; None when it is not an image Qt can read."""
    if not data:
        return None
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QImageReader

    buf = QBuffer()
    buf.setData(QByteArray(data))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buf)
    size = reader.size()
    if size.isValid() and size.width() * size.height() > MAX_PIXELS:
        return None
    if size.isValid() and max(size.width(), size.height()) > 512:  # SVG: rasterize small, not at its own size
        size.scale(512, 512, Qt.AspectRatioMode.KeepAspectRatio)
        reader.setScaledSize(size)
    img = reader.read()
    if not isinstance(img, QImage) or img.isNull():
        return None
    return img
