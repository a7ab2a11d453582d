"""Credential formats: detection by content (never by file name) and one parser per format."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Normalized

# the formats whose stored bytes are a W3C VC as JSON (wallet.formats.vc.family names them)
VC_JSON_FORMATS = ("ob3", "clr2", "edc", "blockcerts", "vc")


@dataclass
class Parsed:
    """What a parser yields: the format, the normalized view, and the decoded payload for verification."""

    format: str
    normalized: Normalized
    payload: Any = None  # parsed JSON / JWT parts / ..., handed to the verifier


def parse_as(fmt: str, data: bytes, source: str, known: Normalized) -> Parsed:
    """A credential whose format is already known (the store recorded what detection made of these very
    bytes), read by that format's parser alone: no detection walk through the image, PDF, SD-JWT and
    Open Badges 2.0 readers.  ``known`` is its display record (a stored credential's was read from what its
    proof covered), kept rather than normalized again only to be thrown away.  Bytes that are not plainly
    of that format (a baked image, a token, a record whose bytes and format disagree) are parsed as any
    input is (``detect.parse``), with what that finds."""
    from . import ob2, vc

    if fmt in VC_JSON_FORMATS and data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{":
        from .jsonutil import loads_strict

        obj = loads_strict(data, source)
        # detection's own order: a Blockcerts v2 certificate (a VC context, a Merkle receipt) is not read as a VC
        if isinstance(obj, dict) and not ob2.is_blockcerts_v2(obj) and vc.is_vc(obj) and vc.family(obj) == fmt:
            return Parsed(fmt, known, {"kind": "vc", "doc": obj})
    from .detect import parse

    return parse(data, source)
