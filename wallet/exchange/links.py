"""Turn whatever the learner gave into the text of an offer or a request.

A source is one of: ``-`` (standard input), the path of a QR image (PNG, JPEG, GIF, BMP, WebP: the QR code in
it is decoded with zxing-cpp through Pillow, no Qt), the path of a text file, or the text itself (an
``openid-credential-offer://`` / ``openid4vp://`` URL, an https link, or pasted JSON).  ``read_link`` returns
that text, stripped; ``require_scheme`` and ``single_params`` check a URL before anything is taken from it.
Shared by OpenID4VCI (receive) and OpenID4VP (respond).  Nothing here touches the network.
"""

from __future__ import annotations

import io
import sys
import urllib.parse
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import BadInput

MAX_LINK_BYTES = 64 * 1024  # an offer or request by value; large ones come by reference
MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000

_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM", b"RIFF")


def is_image(data: bytes) -> bool:
    return any(data.startswith(m) for m in _IMAGE_MAGIC)


def decode_qr(data: bytes, source: str) -> str:
    """The text of the one QR code in an image; refuses an image with none, or with several different ones."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_IMAGE_BYTES:
        raise BadInput(f"the image is over {MAX_IMAGE_BYTES:,} bytes", path=source)
    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.width * img.height > MAX_IMAGE_PIXELS:
                raise BadInput(f"the image is too large ({img.width}x{img.height} pixels)", path=source)
            img.load()
            return decode_qr_image(img.convert("L"), source)
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError) as exc:
        raise BadInput(f"cannot read the image ({exc})", path=source) from exc


def decode_qr_image(img: Any, source: str) -> str:
    """The same, from a Pillow image already in memory (a picture pasted in the desktop app)."""
    import zxingcpp

    if img.width * img.height > MAX_IMAGE_PIXELS:
        raise BadInput(f"the image is too large ({img.width}x{img.height} pixels)", path=source)
    found = zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormat.QRCode)  # type: ignore[arg-type]
    texts = list(dict.fromkeys(r.text for r in found if r.text))
    if not texts:
        raise BadInput("no QR code found in the image", path=source)
    if len(texts) > 1:
        raise BadInput(f"the image holds {len(texts)} different QR codes; crop it to the one to use", path=source)
    return texts[0]


def _text(data: bytes, source: str) -> str:
    if len(data) > MAX_LINK_BYTES:
        raise BadInput(f"over {MAX_LINK_BYTES:,} bytes: not a link or an offer", path=source)
    try:
        return data.decode("utf-8-sig").strip()
    except UnicodeDecodeError as exc:
        raise BadInput("not text (and not an image with a QR code)", path=source) from exc


def read_link(source: str, stdin: BinaryIO | None = None) -> str:
    """The offer or request text ``source`` stands for (see the module docstring)."""
    if not isinstance(source, str) or not source.strip():
        raise BadInput("nothing given: pass a link, a QR image, or - to read standard input")
    if source == "-":
        stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", sys.stdin)  # a text stream too
        data = stream.read(MAX_IMAGE_BYTES + 1)
        if isinstance(data, str):
            data = data.encode("utf-8")
        if is_image(data):
            return decode_qr(data, "standard input")
        text = _text(data, "standard input")
        if not text:
            raise BadInput("standard input was empty")
        return text
    stripped = source.strip()
    scheme = _scheme(stripped) if "\n" not in stripped else ""
    if len(scheme) <= 1 and len(stripped) < 4096 and not stripped.startswith(("{", "[")):
        path = Path(stripped)
        try:
            exists = path.is_file()
        except OSError:
            exists = False
        if exists:
            from ..fsutil import read_capped

            data = read_capped(path, MAX_IMAGE_BYTES)
            if is_image(data):
                return decode_qr(data, str(path))
            text = _text(data, str(path))
            if not text:
                raise BadInput("the file is empty", path=str(path))
            return text
    if len(stripped.encode("utf-8")) > MAX_LINK_BYTES:
        raise BadInput(f"over {MAX_LINK_BYTES:,} bytes: not a link or an offer")
    return stripped


def _scheme(text: str) -> str:
    try:
        return urllib.parse.urlsplit(text).scheme
    except ValueError:  # a malformed IPv6 literal, say: not a URL
        return ""


def require_scheme(text: str, schemes: tuple[str, ...], what: str) -> urllib.parse.SplitResult:
    """``text`` as a URL whose scheme is one of ``schemes`` (compared without case); a clear refusal else."""
    try:
        parts = urllib.parse.urlsplit(text.strip())
    except ValueError:
        parts = urllib.parse.SplitResult("", "", "", "", "")
    if parts.scheme.lower() not in schemes:
        shown = text.strip()[:80]
        raise BadInput(f"not {what}: expected a link starting with {' or '.join(s + ':' for s in schemes)}, "
                       f"got {shown!r}")
    return parts


def single_params(query: str, what: str) -> dict[str, str]:
    """The query parameters, each at most once (a repeated parameter is refused, not guessed between)."""
    try:
        pairs = urllib.parse.parse_qsl(query, keep_blank_values=True, max_num_fields=50)
    except ValueError as exc:
        raise BadInput(f"{what}: too many parameters") from exc
    out: dict[str, str] = {}
    for k, v in pairs:
        if k in out:
            raise BadInput(f"{what}: the parameter {k!r} appears more than once")
        out[k] = v
    return out
