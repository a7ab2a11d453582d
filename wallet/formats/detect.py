"""Which format is this?  Decided from the bytes alone, never from the file name."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from ..errors import BadInput, TooLarge, UnsupportedFormat, WalletError
from ..messages import msg
from . import Parsed, baked, jwt, ob2, pdf, vc
from .jsonutil import loads_strict

MAX_TEXT_TOKEN = 2 * 1024 * 1024
log = logging.getLogger(__name__)
_F = TypeVar("_F", bound=Callable[..., Parsed])


def unexpected_input(exc: BaseException, source: str) -> BadInput:
    """The clear error for an input that made a parser fail in a way no check foresaw (hostile or broken
    data must never surface as an internal error)."""
    log.warning("unforeseen failure reading %s: %s", source, type(exc).__name__)
    if isinstance(exc, RecursionError):
        return BadInput(msg("error.input.too_deep"), path=source)
    if isinstance(exc, MemoryError):
        return TooLarge(msg("error.input.too_large"), path=source)
    return BadInput(msg("error.input.malformed", type=type(exc).__name__, detail=str(exc)[:120]), path=source)



def _clean_errors(fn: _F) -> _F:
    """Every public parser raises only WalletError: anything else becomes a BadInput naming the source."""

    @functools.wraps(fn)
    def wrapper(data: Any, source: str = "input") -> Parsed:
        try:
            return fn(data, source)
        except WalletError:
            raise
        except Exception as exc:  # noqa: BLE001 - converted to a clear bad-input error
            raise unexpected_input(exc, source) from exc

    return wrapper  # type: ignore[return-value]


@_clean_errors
def parse(data: bytes, source: str = "input") -> Parsed:
    """Parse untrusted bytes into a normalized record, or raise a BadInput naming ``source``."""
    if not data.strip():
        raise BadInput(msg("error.input.empty"), path=source)
    if data.startswith(baked.PNG_SIGNATURE):
        ex = baked.extract_png(data, source)
        assert ex is not None
        return _baked(ex, source)
    if data.startswith(b"%PDF-"):
        fmt, n, info = pdf.parse_pdf(data, source, parse)
        return Parsed(fmt, n, info)
    if baked.looks_like_svg(data):
        return _baked(baked.extract_svg(data, source), source)
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"{", b"["):
        return parse_json(loads_strict(data, source), source)
    if len(data) <= MAX_TEXT_TOKEN:
        try:
            text = data.decode("ascii").strip()
        except UnicodeDecodeError:
            text = ""
        if text and _sd_or_jws(text):
            return parse_token(text, source)
    raise UnsupportedFormat(msg("error.input.unsupported"), path=source)


def _sd_or_jws(text: str) -> bool:
    from ..crypto import sdjwt

    return sdjwt.looks_like_sd_jwt(text) or jwt.looks_like_jws(text)


@_clean_errors
def parse_token(text: str, source: str) -> Parsed:
    from ..crypto import sdjwt

    if sdjwt.looks_like_sd_jwt(text):
        fmt, n, info = jwt.parse_sd_jwt(text, source)
    else:
        fmt, n, info = jwt.parse_jws(text, source)
    return Parsed(fmt, n, info)


@_clean_errors
def parse_json(obj: Any, source: str) -> Parsed:
    if isinstance(obj, list):
        raise BadInput(msg("error.json.list"), path=source)
    if not isinstance(obj, dict):
        raise BadInput(msg("error.json.not_object"), path=source)
    from ..crypto import sdjwt as sdjwt_mod

    if sdjwt_mod.is_json_serialization(obj):
        try:
            compact, count = sdjwt_mod.from_json_serialization(obj)
        except sdjwt_mod.SdJwtError as exc:
            raise BadInput(msg("error.jwt.sd_jwt", reason=exc), path=source) from exc

        parsed = parse_token(compact, source)
        parsed.normalized.extra["serialization"] = "json"
        if count > 1:
            parsed.normalized.extra["signatures"] = count
            parsed.payload["signatures"] = count
        return parsed
    if ob2.is_blockcerts_v2(obj):
        n = ob2.normalize(obj)
        rp = obj.get("recipientProfile")
        if isinstance(rp, dict) and isinstance(rp.get("name"), str):
            n.subject_name = rp["name"]
        return Parsed("blockcerts", n, {"kind": "blockcerts-v2", "doc": obj})
    if ob2.is_ob2(obj):
        n = ob2.normalize(obj)
        return Parsed("ob2", n, {"kind": "ob2-hosted", "doc": obj})
    if vc.is_vc(obj):
        fam = vc.family(obj)
        n = vc.normalize(obj, fam)
        return Parsed(fam, n, {"kind": "vc", "doc": obj})
    if "@context" in obj and ("type" in obj or "@type" in obj):
        raise UnsupportedFormat(msg("error.json.jsonld_not_credential"), path=source)
    raise UnsupportedFormat(msg("error.json.unknown"),
                            path=source)


def _baked(ex: baked.Extracted, source: str) -> Parsed:
    inner_src = f"{source} (baked {ex.container.upper()})"
    payload = ex.payload.strip()
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(msg("error.baked.not_utf8"), path=inner_src) from exc
    if text.startswith("{"):
        parsed = parse_json(loads_strict(payload, inner_src), inner_src)
    elif _sd_or_jws(text):
        parsed = parse_token(text, inner_src)
    elif text.startswith(("http://", "https://")):
        from ..model import Normalized

        n = Normalized(title="Hosted badge", credential_id=text)
        n.extra["hosted_url"] = text
        parsed = Parsed("ob2", n, {"kind": "ob2-url", "url": text})
    else:
        raise BadInput(msg("error.baked.unknown"), path=inner_src)
    parsed.normalized.extra["container"] = ex.container
    parsed.normalized.image = parsed.normalized.image or f"baked:{ex.container}"
    return parsed
