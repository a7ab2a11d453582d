"""A credential's own picture: which image may be shown, its bytes, and a safe raster decode.

Only what the proof covers is shown as the credential's image: ``Normalized.image`` is read from the signed
view (wallet.verify.engine.shown_as_signed), so it is used only when the report says the signature was
checked and held.  A baked badge is the learner's own file: the PNG or SVG itself is the picture, whatever
its report says.  Anything else (no passing signature, an unsupported scheme, bytes that do not decode)
gives ``None`` and the front end draws initials.

Remote images are fetched only with online checks on, through the bounded Fetcher, and kept in the vault's
image cache (the encrypted database), so an image seen once is there offline.  Raster images are decoded
with Pillow under a pixel cap (decompression bombs raise instead of allocating), SVG is left to the front
end (QtSvg), after ``svg_is_self_contained`` refused anything that points outside the file.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import urllib.parse
from dataclasses import dataclass
from typing import Any

from .model import PASS, Credential

MAX_IMAGE_BYTES = 2 * 1024 * 1024  # an encoded badge image (data: URI, download); baked files are the credential
MAX_PIXELS = 4096 * 4096  # decoded pixels before Pillow refuses (decompression bombs)
MAX_SIDE = 8192
FETCH_SECONDS = 5.0  # a badge image is not worth a long wait (the fetch runs on the database worker)
RASTER_TYPES = {"image/png": "png", "image/jpeg": "jpeg", "image/gif": "gif", "image/webp": "webp"}
SVG_TYPE = "image/svg+xml"


@dataclass(frozen=True)
class BadgeImage:
    """Encoded image bytes and their kind ("png", "jpeg", "gif", "webp" or "svg"), and where they came from."""

    data: bytes
    kind: str
    source: str  # "baked", "data", "url"


def proof_covers_image(cred: Credential) -> bool:
    """True when the record was read from what a checked, holding signature covers."""
    return any(c.id == "signature" and c.status == PASS for c in cred.report.checks)


def image_reference(cred: Credential) -> str | None:
    """The image to show for ``cred``: "baked", a data: URI, an https URL, or None (draw initials)."""
    n = cred.normalized
    if n.extra.get("container") in ("png", "svg"):
        return "baked"  # the learner's own file is the picture
    ref = n.image
    if not isinstance(ref, str) or not ref or ref.startswith("baked:"):
        return None
    if not proof_covers_image(cred):
        return None
    if ref.startswith("data:") or ref.startswith("https://"):
        return ref
    return None


def kind_of(data: bytes) -> str | None:
    """Sniff the image type from its first bytes (never trust a declared type alone)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in head:
        return "svg"
    return None


def decode_data_uri(uri: str, max_bytes: int = MAX_IMAGE_BYTES) -> BadgeImage | None:
    """The bytes of an image ``data:`` URI (base64 or percent-encoded), or None if it is not one we show."""
    head, sep, body = uri.partition(",")
    if not sep or not head.startswith("data:"):
        return None
    if len(body) > max_bytes * 4 // 3 + 4:
        return None
    params = head[5:].split(";")
    media = params[0].strip().lower()
    if media not in RASTER_TYPES and media != SVG_TYPE:
        return None
    try:
        data = base64.b64decode(body, validate=False) if "base64" in params[1:] else \
            urllib.parse.unquote_to_bytes(body)
    except (binascii.Error, ValueError):
        return None
    kind = kind_of(data)
    declared = "svg" if media == SVG_TYPE else RASTER_TYPES[media]
    if kind != declared or len(data) > max_bytes:  # an SVG that calls itself a PNG is neither
        return None
    return BadgeImage(data, kind, "data")


_EXTERNAL = re.compile(rb"""(?:href|src)\s*=\s*["']\s*(?!#|data:)""", re.IGNORECASE)
_CSS_URL = re.compile(rb"""url\(\s*["']?\s*(?!#|data:)""", re.IGNORECASE)


def svg_is_self_contained(data: bytes) -> bool:
    """No external references: every href/src and CSS url() points inside the file (``#id``) or is data:,
    and there is no DTD or entity (the same refusal as the baked-badge reader)."""
    from defusedxml import ElementTree as SafeET
    from defusedxml.common import DefusedXmlException

    if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
        return False
    if _EXTERNAL.search(data) or _CSS_URL.search(data) or b"@import" in data:
        return False
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except (DefusedXmlException, SafeET.ParseError, ValueError, LookupError):
        return False
    return isinstance(root.tag, str) and root.tag.endswith("svg")


def raster_thumbnail(data: bytes, side: int) -> tuple[int, int, bytes]:
    """Decode a raster image safely and scale it to fit ``side`` x ``side``: (width, height, RGBA bytes).

    The header is read first and the size checked before any pixel is decoded; Pillow's own bomb check is
    an error, never a warning."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # DecompressionBombError above 2x this; checked below before that
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(data)) as im:
            w, h = im.size
            if w <= 0 or h <= 0 or w > MAX_SIDE or h > MAX_SIDE or w * h > MAX_PIXELS:
                raise ValueError(f"image is too large ({w}x{h} pixels)")
            im.draft("RGB", (side, side))  # JPEG: decode at a smaller scale
            if getattr(im, "n_frames", 1) > 1:
                im.seek(0)
            rgba = im.convert("RGBA")
    rgba.thumbnail((side, side), Image.Resampling.LANCZOS)
    return rgba.width, rgba.height, rgba.tobytes("raw", "RGBA")


def image_bytes(cred: Credential, cache: Any = None, fetcher: Any = None) -> BadgeImage | None:
    """The encoded image to show for ``cred`` (see ``image_reference``), or None.

    ``cache``: an object with ``get_image(url)`` / ``put_image(url, kind, data)`` (the vault store);
    ``fetcher``: a wallet.fetch.Fetcher, used only if it is online and the URL is not cached."""
    ref = image_reference(cred)
    if ref is None:
        return None
    if ref == "baked":
        kind = kind_of(cred.original)
        return BadgeImage(cred.original, kind, "baked") if kind in ("png", "svg") else None
    if ref.startswith("data:"):
        return decode_data_uri(ref)
    if cache is not None:
        hit = cache.get_image(ref)
        if hit is not None:
            return BadgeImage(hit[1], hit[0], "url")
    if fetcher is None or not getattr(fetcher, "online", False):
        return None
    from .fetch import FetchRefused

    try:
        data = fetcher.get(ref, accept="image/png, image/jpeg, image/svg+xml, image/*;q=0.8")
    except FetchRefused:
        return None
    kind = kind_of(data)
    if kind is None or len(data) > MAX_IMAGE_BYTES:
        return None
    if cache is not None:
        cache.put_image(ref, kind, data)
    return BadgeImage(data, kind, "url")

