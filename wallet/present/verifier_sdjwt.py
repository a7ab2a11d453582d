"""An SD-JWT presentation: the credential as import checks it, the disclosures, and its key binding (by the
one rule in verify.keybinding), compared with the audience and nonce the verifier asked for."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..crypto import sdjwt
from ..formats import detect
from ..model import FAIL, INVALID, PASS, SKIPPED
from ..verify import engine
from ..verify.keybinding import KeyBindingError, check_key_binding
from ..verify.report import VerifyContext
from .verifier_checks import PresentationChecks, PresentationResult, expect, freshness

TECHNICAL_CLAIMS = {"iss", "iat", "nbf", "exp", "cnf", "vct", "status", "_sd_alg", "sub", "jti", "vct#integrity"}


def check_sd_jwt(text: str, ctx: VerifyContext, out: PresentationChecks, audience: str | None,
                 nonce: str | None, source: str) -> PresentationResult:
    try:
        sd = sdjwt.parse(text)
        claims = sdjwt.reconstruct(sd)
    except sdjwt.SdJwtError as exc:
        out.add("disclosures", FAIL, f"SD-JWT: {exc}")
        return PresentationResult(INVALID, "sd-jwt")
    parsed = detect.parse_token(sd.issuer_jwt + "~" + "".join(d.raw + "~" for d in sd.disclosures), source)
    report = engine.verify(parsed, ctx)
    out.absorb("credential", report)
    now = ctx.clock()
    cnf = claims.get("cnf") if isinstance(claims.get("cnf"), dict) else None
    holder = ""
    if cnf is None:
        name = parsed.normalized.subject_name
        out.add("holder_binding", SKIPPED, "the credential is not bound to a holder key: anyone holding it could "
                                           "present it, so the presenter may not be the person it was issued to; "
                + (f"it names its subject '{name}' (as the credential claims)" if name else "it names no subject"),
                important=False)
        if sd.kb_jwt:
            out.add("holder_binding", FAIL, "a key binding JWT is present but the credential names no holder key")
    elif not sd.kb_jwt:
        out.add("holder_binding", FAIL, "the credential is bound to a holder key but the presentation has no "
                                        "key binding JWT (it may have been copied)")
    else:
        holder = json.dumps(cnf.get("jwk"), sort_keys=True)
        _kb_jwt(sd, cnf, out, audience, nonce, now)
    disclosed = {k: v for k, v in claims.items() if k not in TECHNICAL_CLAIMS}
    n = parsed.normalized
    return PresentationResult(
        INVALID, "sd-jwt", holder=holder, issuer=n.issuer_name or n.issuer_id,
        disclosed=[{"credential": n.title, "format": parsed.format, "issuer": n.issuer_name or n.issuer_id,
                    "claims": disclosed,
                    "disclosed_paths": sorted("/" + "/".join(p) for p in _paths(sd).values())}],
    )


def _paths(sd: sdjwt.SdJwt) -> dict[str, tuple[str, ...]]:
    paths: dict[str, tuple[str, ...]] = {}
    sdjwt.reconstruct(sd, paths)
    return paths


def _kb_jwt(sd: sdjwt.SdJwt, cnf: dict[str, Any], out: PresentationChecks, audience: str | None, nonce: str | None,
            now: dt.datetime) -> None:
    try:
        binding = check_key_binding(sd, cnf)  # the one rule (typ kb+jwt, the cnf key), shared with the engine
    except KeyBindingError as exc:
        out.add("holder_binding", FAIL, f"issued to someone else: {exc}" if exc.signer else f"key binding: {exc}")
        return
    payload = binding.payload
    out.add("holder_binding", PASS, "presented by the holder the credential was issued to (key binding signature)")
    if not binding.covers_disclosures:
        out.add("sd_hash", FAIL, "the key binding does not cover these disclosures (sd_hash mismatch)")
    else:
        out.add("sd_hash", PASS, "the key binding covers exactly these disclosures")
    expect(out, "audience", payload.get("aud"), audience, "audience")
    expect(out, "nonce", payload.get("nonce"), nonce, "nonce")
    freshness(out, payload, now, "the key binding")
