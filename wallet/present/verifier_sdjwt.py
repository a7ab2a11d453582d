"""An SD-JWT presentation: the credential as import checks it, the disclosures, and its key binding (by the
one rule in verify.keybinding), compared with the audience and nonce the verifier asked for."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..crypto import sdjwt
from ..formats import detect
from ..messages import msg
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
        out.add("disclosures", FAIL, msg("check.disclosures.sd_jwt", reason=exc))
        return PresentationResult(INVALID, "sd-jwt")
    parsed = detect.parse_token(sd.issuer_jwt + "~" + "".join(d.raw + "~" for d in sd.disclosures), source)
    report = engine.verify(parsed, ctx)
    out.absorb("credential", report)
    now = ctx.clock()
    cnf = claims.get("cnf") if isinstance(claims.get("cnf"), dict) else None
    holder = ""
    if cnf is None:
        name = parsed.normalized.subject_name
        out.add("holder_binding", SKIPPED, msg("check.holder_binding.not_bound",
                                               names=msg("word.names_subject", name=name) if name
                                               else msg("word.names_no_subject")), important=False)
        if sd.kb_jwt:
            out.add("holder_binding", FAIL, msg("check.holder_binding.kb_without_key"))
    elif not sd.kb_jwt:
        out.add("holder_binding", FAIL, msg("check.holder_binding.no_kb"))
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
        out.add("holder_binding", FAIL, msg("check.holder_binding.someone_else", reason=exc) if exc.signer
                else msg("check.holder_binding.failed", reason=exc))
        return
    payload = binding.payload
    out.add("holder_binding", PASS, msg("check.holder_binding.kb_ok"))
    if not binding.covers_disclosures:
        out.add("sd_hash", FAIL, msg("check.sd_hash.mismatch"))
    else:
        out.add("sd_hash", PASS, msg("check.sd_hash.ok"))
    expect(out, "audience", payload.get("aud"), audience, msg("word.audience"))
    expect(out, "nonce", payload.get("nonce"), nonce, msg("word.nonce"))
    freshness(out, payload, now, msg("word.the_key_binding"))
