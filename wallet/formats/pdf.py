"""PDF certificates: stored as documents (title, issuer, date editable), unless the PDF carries an
embedded credential as an attached file, which is then parsed and verified like any other.

Attachments are read with bounded work: the declared size is checked first, then the stream is
inflated incrementally and refused as soon as it grows past the cap, so a small PDF cannot expand
into gigabytes (a "PDF bomb").  Only the filters a credential attachment uses are decoded here
(Flate, ASCIIHex, ASCII85, none); an attachment in any other encoding is not read.
"""

from __future__ import annotations

import base64
import binascii
import io
import zlib
from collections.abc import Callable
from typing import Any

from ..errors import BadInput, TooLarge, WalletError
from ..messages import msg
from ..model import Normalized

MAX_ATTACHMENT = 5 * 1024 * 1024  # one embedded file, decoded
MAX_ATTACHMENTS = 20  # embedded files looked at per PDF
MAX_ATTACHMENTS_TOTAL = 20 * 1024 * 1024  # all of them together, decoded
_CHUNK = 64 * 1024


class _Unreadable(Exception):
    """An attachment in an encoding credwallet does not decode (it cannot be a credential we read)."""


def _meta(pdf: Any, key: str) -> str:
    try:
        v = pdf.docinfo.get(key)
        return str(v)[:500] if v is not None else ""
    except Exception:  # noqa: BLE001 - odd metadata is not an error
        return ""


def _pdf_date(s: str) -> str | None:
    if s.startswith("D:") and len(s) >= 10 and s[2:10].isdigit():
        return f"{s[2:6]}-{s[6:8]}-{s[8:10]}"
    return None


def inflate_capped(data: bytes, cap: int, what: str, source: str) -> bytes:
    """zlib-inflate ``data`` a chunk at a time, refusing it as soon as it grows past ``cap`` bytes."""
    d = zlib.decompressobj()
    out = bytearray()
    pending = data
    try:
        while True:
            chunk = d.decompress(pending, _CHUNK)
            out += chunk
            if len(out) > cap:
                raise TooLarge(msg("error.pdf.bomb", what=what, cap=f"{cap:,}"), path=source)
            pending = d.unconsumed_tail
            if d.eof or (not pending and not chunk):
                return bytes(out)
    except zlib.error as exc:
        raise _Unreadable(f"damaged compressed data ({exc})") from exc


def _names(v: Any) -> list[str]:
    import pikepdf

    if v is None:
        return []
    if isinstance(v, pikepdf.Array):
        return [str(x) for x in v]
    return [str(v)]


def _embedded_stream(spec: Any) -> Any:
    import pikepdf

    ef = spec.obj.get("/EF")
    if not isinstance(ef, pikepdf.Dictionary):
        raise _Unreadable("no embedded file")
    for key in ("/UF", "/F"):
        s = ef.get(key)
        if isinstance(s, pikepdf.Stream):
            return s
    raise _Unreadable("no embedded file stream")


def read_attachment(spec: Any, name: str, source: str, cap: int = MAX_ATTACHMENT) -> bytes:
    """The decoded bytes of one embedded file, with bounded work (see the module docstring)."""
    import pikepdf

    stream = _embedded_stream(spec)
    params = stream.get("/Params")
    declared = params.get("/Size") if isinstance(params, pikepdf.Dictionary) else None
    if isinstance(declared, int) and declared > cap:
        raise TooLarge(msg("error.pdf.attachment_too_large", name=repr(name), size=f"{int(declared):,}", cap=f"{cap:,}"),
                       path=source)
    filters = _names(stream.get("/Filter"))
    parms = stream.get("/DecodeParms")
    if any(p is not None and not (isinstance(p, pikepdf.Dictionary) and len(p.keys()) == 0)
           for p in (parms if isinstance(parms, pikepdf.Array) else [parms])):
        raise _Unreadable("decode parameters (predictors) are not read in attachments")
    data = bytes(stream.read_raw_bytes())  # as stored: bounded by the size of the PDF itself
    what = msg("word.attachment", name=repr(name))
    for f in filters:
        if f in ("/FlateDecode", "/Fl"):
            data = inflate_capped(data, cap, what, source)
        elif f in ("/ASCIIHexDecode", "/AHx"):  # output is half the input: bounded
            hexdigits = bytes(c for c in data.split(b">", 1)[0] if chr(c) in "0123456789abcdefABCDEF")
            data = binascii.unhexlify(hexdigits + b"0" * (len(hexdigits) % 2))
        elif f in ("/ASCII85Decode", "/A85"):  # at most 4 bytes out per byte in ('z')
            body = data.strip()
            body = (body[2:] if body.startswith(b"<~") else body).split(b"~>", 1)[0]
            try:
                data = base64.a85decode(body)
            except ValueError as exc:
                raise _Unreadable(f"damaged ASCII85 data ({exc})") from exc
        else:
            raise _Unreadable(f"encoded with {f}, which is not read in attachments")
        if len(data) > cap:
            raise TooLarge(msg("error.pdf.decoded_too_large", what=what, cap=f"{cap:,}"), path=source)
    return data


def parse_pdf(data: bytes, source: str, parse_inner: Callable[[bytes, str], Any]) -> tuple[str, Normalized, dict[str, Any]]:
    import pikepdf

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except (pikepdf.PdfError, ValueError, OSError) as exc:
        raise BadInput(msg("error.pdf.unreadable", detail=exc), path=source) from exc

    with pdf:
        try:
            attachments = dict(pdf.attachments)
        except Exception:  # noqa: BLE001
            attachments = {}
        skipped: list[str] = []
        total = 0
        for i, (name, spec) in enumerate(attachments.items()):
            if i >= MAX_ATTACHMENTS:
                skipped.append(f"{len(attachments) - i} more attachments not read (at most {MAX_ATTACHMENTS})")
                break
            try:
                blob = read_attachment(spec, name, source, min(MAX_ATTACHMENT, MAX_ATTACHMENTS_TOTAL - total))
            except TooLarge:
                raise
            except (_Unreadable, pikepdf.PdfError, ValueError, TypeError) as exc:
                skipped.append(f"{name}: {exc}"[:200])
                continue
            total += len(blob)
            try:
                inner = parse_inner(blob, f"{source}#{name}")
            except WalletError:
                continue
            inner.normalized.extra["container"] = "pdf"
            inner.normalized.extra["attachment"] = name
            return inner.format, inner.normalized, dict(inner.payload or {}, embedded_in_pdf=name)
        n = Normalized(
            title=_meta(pdf, "/Title"),
            issuer_name=_meta(pdf, "/Author"),
            issued=_pdf_date(_meta(pdf, "/CreationDate")),
            description=_meta(pdf, "/Subject"),
        )
        n.extra["pages"] = len(pdf.pages)
        n.extra["document"] = True
        if skipped:
            n.extra["attachments_not_read"] = skipped
    return "pdf", n, {"kind": "document"}
