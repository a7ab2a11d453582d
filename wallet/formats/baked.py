"""Baked badges: the credential hidden inside a PNG (iTXt chunk) or an SVG (openbadges element).

PNG chunks are walked by hand with every length checked against the file, and a compressed iTXt
is inflated with a size cap; no image decoder runs on untrusted pixels here.  SVG is parsed with
defusedxml: entities and external references are forbidden; a DOCTYPE is accepted only without an
internal subset (1EdTech's own samples carry the SVG 1.1 public DOCTYPE), and is never fetched.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml import ElementTree as SafeET

from ..errors import BadInput
from ..messages import msg

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_KEYWORDS = ("openbadgecredential", "openbadges")
MAX_TEXT = 8 * 1024 * 1024
MAX_CHUNKS = 10_000


@dataclass
class Extracted:
    container: str  # "png" | "svg"
    keyword: str  # "openbadges" (OB 2.0) | "openbadgecredential" (OB 3.0)
    payload: bytes  # JSON or a compact JWS, or a bare URL for hosted OB 2.0
    verify_url: str | None = None


def _inflate(data: bytes, source: str) -> bytes:
    d = zlib.decompressobj()
    try:
        out = d.decompress(data, MAX_TEXT)
    except zlib.error as exc:
        raise BadInput(msg("error.png.corrupt_text", detail=exc), path=source) from exc
    if d.unconsumed_tail:
        raise BadInput(msg("error.png.inflates"), path=source)
    return out


def extract_png(data: bytes, source: str) -> Extracted | None:
    if not data.startswith(PNG_SIGNATURE):
        return None
    pos, n = len(PNG_SIGNATURE), 0
    found: Extracted | None = None
    while pos + 8 <= len(data):
        n += 1
        if n > MAX_CHUNKS:
            raise BadInput(msg("error.png.too_many_chunks"), path=source)
        length, ctype = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if len(body) != length or pos + 12 + length > len(data):
            raise BadInput(msg("error.png.truncated"), path=source)
        crc = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])[0]
        if zlib.crc32(ctype + body) & 0xFFFFFFFF != crc:
            raise BadInput(msg("error.png.bad_crc", chunk=repr(ctype.decode("latin-1"))), path=source)
        pos += 12 + length
        if ctype == b"iTXt":
            parts = body.split(b"\x00", 1)
            if len(parts) != 2 or len(parts[1]) < 2:
                raise BadInput(msg("error.png.bad_itxt"), path=source)
            keyword, rest = parts[0].decode("latin-1"), parts[1]
            if keyword not in PNG_KEYWORDS:
                continue
            compressed, rest = rest[0], rest[2:]  # rest[1]: compression method (0 = zlib, the only one)
            fields = rest.split(b"\x00", 2)
            if len(fields) != 3:
                raise BadInput(msg("error.png.bad_itxt"), path=source)
            text = _inflate(fields[2], source) if compressed else fields[2]
            if found is not None:
                raise BadInput(msg("error.png.two_credentials"), path=source)
            found = Extracted("png", keyword, text)
        elif ctype == b"tEXt":
            raw_keyword, _, value = body.partition(b"\x00")
            if raw_keyword.decode("latin-1") in PNG_KEYWORDS:
                if found is not None:
                    raise BadInput(msg("error.png.two_credentials"), path=source)
                found = Extracted("png", raw_keyword.decode("latin-1"), value)
        elif ctype == b"IEND":
            break
    if found is None:
        raise BadInput(msg("error.png.no_badge"), path=source)
    return found


def _parse_xml(data: bytes, source: str):  # noqa: ANN202
    try:
        return _parse_xml_inner(data, source)
    except (LookupError, ValueError) as exc:  # an unknown or bogus encoding= declaration
        raise BadInput(msg("error.xml.unreadable", detail=exc), path=source) from exc



def _parse_xml_inner(data: bytes, source: str):  # noqa: ANN202
    try:
        return SafeET.fromstring(data, forbid_dtd=True)
    except DTDForbidden:
        head = data[: data.find(b">", data.find(b"<!DOCTYPE")) + 1] if b"<!DOCTYPE" in data else b""
        if b"[" in head:
            raise BadInput(msg("error.svg.dtd"), path=source) from None
        try:
            return SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
        except (EntitiesForbidden, ExternalReferenceForbidden) as exc:
            raise BadInput(msg("error.svg.entities"), path=source) from exc
        except SafeET.ParseError as exc:
            raise BadInput(msg("error.xml.not_well_formed", detail=exc), path=source) from exc
    except (EntitiesForbidden, ExternalReferenceForbidden) as exc:
        raise BadInput(msg("error.svg.entities"), path=source) from exc
    except SafeET.ParseError as exc:
        raise BadInput(msg("error.xml.not_well_formed", detail=exc), path=source) from exc


def looks_like_svg(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<?xml") or head.startswith(b"<svg") or head.startswith(b"<!doctype svg") or (
        head.startswith(b"<!--") and b"<svg" in head
    )


def extract_svg(data: bytes, source: str) -> Extracted:
    root = _parse_xml(data, source)
    if not root.tag.endswith("svg"):
        raise BadInput(msg("error.svg.not_svg"), path=source)
    found = None
    for el in root.iter():
        tag = el.tag.split("}", 1)[-1] if isinstance(el.tag, str) else ""
        if tag in ("assertion", "credential") and isinstance(el.tag, str) and "}" in el.tag:
            if found is not None:
                raise BadInput(msg("error.svg.two_credentials"), path=source)
            keyword = "openbadges" if tag == "assertion" else "openbadgecredential"
            text = (el.text or "").strip()
            found = Extracted("svg", keyword, text.encode("utf-8"), el.get("verify"))
    if found is None:
        raise BadInput(msg("error.svg.no_badge"), path=source)
    if not found.payload and found.verify_url:
        found.payload = found.verify_url.encode("utf-8")
    if not found.payload:
        raise BadInput(msg("error.svg.empty"), path=source)
    return found
