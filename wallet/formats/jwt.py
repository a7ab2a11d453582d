"""JWT-shaped credentials: VC-JWT (VCDM 1.1 ``vc`` claim or VCDM 2.0 JOSE), signed OB 2.0 assertions,
and SD-JWT VCs.  Parsing only: signatures are checked in wallet.verify."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..crypto import sdjwt
from ..crypto.jose import JoseError, parse_compact
from ..crypto.pointers import to_pointer
from ..errors import BadInput
from ..messages import msg
from ..model import Normalized
from . import ob2, vc
from .common import as_dict, as_str, ident, text


def looks_like_jws(s: str) -> bool:
    s = s.strip()
    return s.count(".") == 2 and s[:3] in ("eyJ", "ewo", "ewog") and all(c not in s for c in " \n\r\t")


def _epoch(v: Any) -> str | None:
    if isinstance(v, int | float) and not isinstance(v, bool) and 0 < v < 1e11:
        return dt.datetime.fromtimestamp(v, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return None


def parse_jws(token: str, source: str) -> tuple[str, Normalized, dict[str, Any]]:
    try:
        jws = parse_compact(token)
        payload = jws.payload_json()
    except JoseError as exc:
        raise BadInput(msg("error.input.reason", reason=exc), path=source) from exc
    if not isinstance(payload, dict):
        raise BadInput(msg("error.jwt.payload_not_object"), path=source)
    if "_sd" in payload or "_sd_alg" in payload:  # an SD-JWT presented without disclosures
        return parse_sd_jwt(token.strip() + "~", source)
    info = {"kind": "jws", "token": token.strip(), "header": jws.header, "claims": payload}
    if ob2.is_ob2(payload):
        info["kind"] = "ob2-signed"
        return "ob2", ob2.normalize(payload), info
    credential = payload.get("vc") if isinstance(payload.get("vc"), dict) else (payload if vc.is_vc(payload) else None)
    if credential is None:
        raise BadInput(msg("error.jwt.not_credential"), path=source)
    info["credential"] = credential
    fam = vc.family(credential)
    n = vc.normalize(credential, fam)
    # VC-JWT 1.1 registered claims override the embedded properties (the JWT is what is signed)
    if isinstance(payload.get("iss"), str):
        n.issuer_id = payload["iss"]
    n.issued = _epoch(payload.get("nbf")) or _epoch(payload.get("iat")) or n.issued
    n.expires = _epoch(payload.get("exp")) or n.expires
    if isinstance(payload.get("jti"), str):
        n.credential_id = payload["jti"]
    if isinstance(payload.get("sub"), str) and not n.subject_id:
        n.subject_id = payload["sub"]
    n.extra["family"] = fam
    return "vc-jwt", n, info


def parse_sd_jwt(token: str, source: str) -> tuple[str, Normalized, dict[str, Any]]:
    unreferenced: list[sdjwt.Disclosure] = []  # tampering: the verifier reports it (invalid), it is not bad input
    try:
        sd = sdjwt.parse(token)
        claims = sdjwt.reconstruct(sd, unreferenced=unreferenced)
    except sdjwt.SdJwtError as exc:
        raise BadInput(msg("error.jwt.sd_jwt", reason=exc), path=source) from exc

    vct = as_str(claims.get("vct"))
    given = " ".join(x for x in (text(claims.get("given_name")), text(claims.get("family_name"))) if x)
    title = text(claims.get("name")) if not given else ""
    achievement = as_dict(claims.get("achievement"))
    n = Normalized(
        title=text(achievement.get("name")) or title or text(claims.get("title")) or vct.rstrip("/").rsplit("/", 1)[-1],
        description=text(achievement.get("description")) or text(claims.get("description")),
        issuer_name=text(claims.get("issuer_name")),
        issuer_id=iss if isinstance(iss := claims.get("iss"), str) else ident(claims.get("issuer")),
        subject_name=given or text(claims.get("name")),
        subject_id=as_str(claims.get("sub")),
        issued=_epoch(claims.get("iat")) or _epoch(claims.get("nbf")),
        expires=_epoch(claims.get("exp")),
        credential_id=None,
    )
    from .common import alignment_skills

    n.skills = alignment_skills(achievement.get("alignment"))
    n.extra["vct"] = vct
    paths: dict[str, tuple[str, ...]] = {}
    sdjwt.reconstruct(sd, paths, unreferenced=[])
    n.extra["disclosable"] = sorted(to_pointer(p) for p in paths.values())
    n.extra["holder_bound"] = isinstance(claims.get("cnf"), dict)
    return "sd-jwt-vc", n, {"kind": "sd-jwt", "token": token.strip(), "claims": claims}
