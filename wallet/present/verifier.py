"""The employer's side: what was disclosed, by whom, to whom, and whether it holds.

Input: a QR text (or several, for a sequence), an SD-JWT presentation, or a Verifiable Presentation.
Checks: each credential as the wallet checks it on import (issuer signature, issuer key, trust,
status, dates), every disclosure digest, the holder binding (KB-JWT or the VP's own proof), the
audience and nonce/challenge, freshness and expiry.  A presentation replayed to another audience or
with another nonce is invalid.

Who presents: a credential that names its subject by a key (a DID as ``credentialSubject.id`` or ``sub``,
or an SD-JWT ``cnf``) must have been presented by that key: the key that signed the presentation (the VP
proof, the VP-JWT, the KB-JWT).  Anything else is "issued to someone else".  A credential that names no
subject key is said plainly to prove nothing about the presenter, with the name it claims for its subject.
"""

from __future__ import annotations

from ..clock import iso
from ..crypto import jose, sdjwt
from ..errors import BadInput, WalletError
from ..messages import msg
from ..formats import detect
from ..formats.common import as_list
from ..formats.jsonutil import loads_strict
from ..model import FAIL, INVALID
from ..verify.report import VerifyContext, unforeseen_failure
from . import qr
from .verifier_checks import PresentationChecks, PresentationResult
from .verifier_sdjwt import TECHNICAL_CLAIMS, check_sd_jwt
from .verifier_subject import Presenter, bind, presented_by_subject, subject_keys
from .verifier_vp import check_vp, check_vp_jwt

# the verifier's pieces live beside it (verifier_checks, verifier_sdjwt, verifier_subject, verifier_vp);
# these are the names callers read from here
__all__ = [
    "TECHNICAL_CLAIMS",
    "PresentationResult",
    "Presenter",
    "bind",
    "decode",
    "is_presentation",
    "presented_by_subject",
    "subject_keys",
    "verify_presentation",
]


def decode(data: bytes | str | list[str], source: str = "presentation") -> qr.Presentation:
    if isinstance(data, list):
        return qr.from_texts(data)
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    text = text.strip()
    if qr.is_qr_text(text):
        return qr.from_texts([text])
    if text.startswith("{"):
        obj = loads_strict(text, source)
        if sdjwt.is_json_serialization(obj):
            try:
                return qr.Presentation("sd-jwt", sdjwt.from_json_serialization(obj)[0])
            except sdjwt.SdJwtError as exc:
                raise BadInput(msg("error.jwt.sd_jwt", reason=exc), path=source) from exc

        if not isinstance(obj, dict) or "VerifiablePresentation" not in (obj.get("type") or []):
            raise BadInput(msg("error.vp.json_not_vp"), path=source)
        return qr.Presentation("vp", text)
    if sdjwt.looks_like_sd_jwt(text):
        return qr.Presentation("sd-jwt", text)
    if text.count(".") == 2 and "~" not in text:  # a VP-JWT, as other wallets send them
        return qr.Presentation("vp-jwt", text)
    raise BadInput(msg("error.vp.not_presentation"), path=source)



def is_presentation(data: bytes | str) -> bool:
    """Whether an input is a presentation rather than a credential: a Verifiable Presentation (JSON or
    VP-JWT), an SD-JWT that ends in a key binding JWT, or a credwallet QR text.  Nothing is checked here;
    anything unreadable is left to the credential parser to explain."""
    try:
        text = (data.decode("utf-8") if isinstance(data, bytes) else data).strip()
    except UnicodeDecodeError:
        return False
    if qr.is_qr_text(text):
        return True
    if text.startswith("{"):
        try:
            obj = loads_strict(text, "input")
        except WalletError:
            return False
        if sdjwt.is_json_serialization(obj):
            try:
                return not sdjwt.from_json_serialization(obj)[0].endswith("~")
            except (sdjwt.SdJwtError, TypeError, KeyError):
                return False
        return isinstance(obj, dict) and "VerifiablePresentation" in as_list(obj.get("type"))
    if sdjwt.looks_like_sd_jwt(text):
        return not text.endswith("~")  # the last part is a key binding JWT: made at presentation time
    if text.count(".") == 2 and "~" not in text and "\n" not in text:
        try:
            claims = jose.parse_compact(text).payload_json()
        except jose.JoseError:
            return False
        return isinstance(claims, dict) and (isinstance(claims.get("vp"), dict)
                                             or "VerifiablePresentation" in as_list(claims.get("type")))
    return False


def verify_presentation(data: bytes | str | list[str], ctx: VerifyContext, *, audience: str | None = None,
                        nonce: str | None = None, source: str = "presentation") -> PresentationResult:
    try:
        p = decode(data, source)
    except WalletError:
        raise
    except Exception as exc:
        raise detect.unexpected_input(exc, source) from exc
    out = PresentationChecks(iso(ctx.clock()))
    try:
        if p.kind == "sd-jwt":
            result = check_sd_jwt(p.text, ctx, out, audience, nonce, source)
        elif p.kind == "vp-jwt":
            result = check_vp_jwt(p.text, ctx, out, audience, nonce, source)
        else:
            result = check_vp(p.text, ctx, out, audience, nonce, source)
    except WalletError:
        raise
    except Exception as exc:
        out.add("presentation", FAIL, unforeseen_failure(exc))
        result = PresentationResult(INVALID, p.kind)
    result.checks = out.checks
    result.status = out.status()
    return result
