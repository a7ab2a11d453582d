"""The employer's side: what was disclosed, by whom, to whom, and whether it holds.

Input: a QR text (or several, for a sequence), an SD-JWT presentation, or a Verifiable Presentation.
Checks: each credential as the wallet checks it on import (issuer signature, issuer key, trust,
status, dates), every disclosure digest, the holder binding (KB-JWT or the VP's own proof), the
audience and nonce/challenge, freshness and expiry.  A presentation replayed to another audience or
with another nonce is invalid.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from ..clock import iso
from ..errors import BadInput, WalletError
from ..formats import detect
from ..formats.jsonutil import loads_strict
from ..formats.pointers import leaf_pointers
from ..model import FAIL, INVALID, PASS, SKIPPED, UNVERIFIED, VERIFIED, WARNING, Check
from ..verify import dataintegrity, engine, jose, keys, sdjwt, selective
from ..verify.did import KeyUnresolved
from . import qr

MAX_KB_AGE = dt.timedelta(days=31)  # a KB-JWT older than this is stale even without an exp claim
TECHNICAL_CLAIMS = {"iss", "iat", "nbf", "exp", "cnf", "vct", "status", "_sd_alg", "sub", "jti", "vct#integrity"}


@dataclass
class PresentationResult:
    status: str
    kind: str
    holder: str = ""
    issuer: str = ""
    disclosed: list[dict[str, Any]] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "kind": self.kind, "issuer": self.issuer, "holder": self.holder,
                "disclosed": self.disclosed, "checks": [c.to_json() for c in self.checks]}


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
                raise BadInput(f"SD-JWT: {exc}", path=source) from exc
        if not isinstance(obj, dict) or "VerifiablePresentation" not in (obj.get("type") or []):
            raise BadInput("JSON that is not a Verifiable Presentation", path=source)
        return qr.Presentation("vp", text)
    if sdjwt.looks_like_sd_jwt(text):
        return qr.Presentation("sd-jwt", text)
    if text.count(".") == 2 and "~" not in text:  # a VP-JWT, as other wallets send them
        return qr.Presentation("vp-jwt", text)
    raise BadInput("not a presentation: expected a credwallet QR text, an SD-JWT, a Verifiable Presentation "
                   "or a VP-JWT", path=source)


class _Out:
    def __init__(self, at: str):
        self.at = at
        self.checks: list[Check] = []

    def add(self, cid: str, status: str, message: str, important: bool = True) -> None:
        self.checks.append(Check(cid, status, message, self.at, important))

    def absorb(self, prefix: str, report: Any) -> None:
        for c in report.checks:
            self.checks.append(Check(f"{prefix}.{c.id}", c.status, c.message, c.checked_at, c.important))

    def status(self) -> str:
        if any(c.status == FAIL and c.important for c in self.checks):
            return INVALID
        if any(c.status == FAIL or (c.status == SKIPPED and c.important) for c in self.checks):
            return WARNING
        return VERIFIED


def verify_presentation(data: bytes | str | list[str], ctx: engine.VerifyContext, *, audience: str | None = None,
                        nonce: str | None = None, source: str = "presentation") -> PresentationResult:
    try:
        p = decode(data, source)
    except WalletError:
        raise
    except Exception as exc:  # noqa: BLE001 - hostile input is bad input, never an internal error
        raise detect.unexpected_input(exc, source) from exc
    out = _Out(iso(ctx.clock()))
    try:
        if p.kind == "sd-jwt":
            result = _sd_jwt(p.text, ctx, out, audience, nonce, source)
        elif p.kind == "vp-jwt":
            result = _vp_jwt(p.text, ctx, out, audience, nonce, source)
        else:
            result = _vp(p.text, ctx, out, audience, nonce, source)
    except WalletError:
        raise
    except Exception as exc:  # noqa: BLE001 - a presentation that breaks a check fails it, with the reason
        out.add("presentation", FAIL, engine.unforeseen_failure(exc))
        result = PresentationResult(INVALID, p.kind)
    result.checks = out.checks
    result.status = out.status()
    return result


def _expect(out: _Out, cid: str, got: Any, wanted: str | None, what: str) -> None:
    if wanted is None:
        out.add(cid, SKIPPED, f"{what} not compared: the presentation says {got!r}; give the expected value to check it",
                important=False)
    elif got == wanted:
        out.add(cid, PASS, f"{what} matches ({wanted})")
    else:
        out.add(cid, FAIL, f"{what} is {got!r}, not {wanted!r}: this presentation was made for someone else")


def _sd_jwt(text: str, ctx: engine.VerifyContext, out: _Out, audience: str | None, nonce: str | None,
            source: str) -> PresentationResult:
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
        out.add("holder_binding", SKIPPED, "the credential is not bound to a holder key: anyone holding it could "
                                           "present it", important=False)
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


def _kb_jwt(sd: sdjwt.SdJwt, cnf: dict[str, Any], out: _Out, audience: str | None, nonce: str | None,
            now: dt.datetime) -> None:
    try:
        kb = jose.parse_compact(sd.kb_jwt or "")
        if kb.header.get("typ") != "kb+jwt":
            raise jose.JoseError("the key binding JWT is not typed kb+jwt")
        key = keys.from_jwk(cnf.get("jwk"))
        jose.verify(kb, key)
        payload = kb.payload_json()
        if not isinstance(payload, dict):
            raise jose.JoseError("key binding JWT payload is not an object")
    except (jose.JoseError, keys.KeyError_) as exc:
        out.add("holder_binding", FAIL, f"key binding: {exc}")
        return
    out.add("holder_binding", PASS, "presented by the holder the credential was issued to (key binding signature)")
    expected_hash = sdjwt.sd_hash(sd)
    if payload.get("sd_hash") != expected_hash:
        out.add("sd_hash", FAIL, "the key binding does not cover these disclosures (sd_hash mismatch)")
    else:
        out.add("sd_hash", PASS, "the key binding covers exactly these disclosures")
    _expect(out, "audience", payload.get("aud"), audience, "audience")
    _expect(out, "nonce", payload.get("nonce"), nonce, "nonce")
    _freshness(out, payload, now, "the key binding")


def _freshness(out: _Out, claims: dict[str, Any], now: dt.datetime, what: str) -> None:
    """iat / exp of a JWT made at presentation time (a KB-JWT, a VP-JWT)."""
    iat = claims.get("iat")
    if not isinstance(iat, int | float) or isinstance(iat, bool):
        out.add("freshness", FAIL, f"{what} has no issue time")
        return
    try:
        issued = dt.datetime.fromtimestamp(iat, dt.timezone.utc)
        exp = claims.get("exp")
        expires = dt.datetime.fromtimestamp(exp, dt.timezone.utc) if isinstance(exp, int | float) else None
    except (OverflowError, OSError, ValueError):
        out.add("freshness", FAIL, f"{what} has an impossible date")
        return
    if issued > now + dt.timedelta(minutes=5):
        out.add("freshness", FAIL, f"presented in the future ({engine.day(issued)})")
    elif expires is not None and expires < now:
        out.add("freshness", FAIL, f"this presentation expired on {engine.day(expires)}")
    elif expires is None and now - issued > MAX_KB_AGE:
        out.add("freshness", FAIL, f"presented on {engine.day(issued)}: too old to accept")
    else:
        out.add("freshness", PASS, f"presented on {engine.day(issued)}")


def _vp(text: str, ctx: engine.VerifyContext, out: _Out, audience: str | None, nonce: str | None,
        source: str) -> PresentationResult:
    vp = loads_strict(text, source)
    if not isinstance(vp, dict):
        raise BadInput("presentation is not a JSON object", path=source)
    holder = vp.get("holder") if isinstance(vp.get("holder"), str) else ""
    proofs = dataintegrity.proofs_of(vp)
    if not proofs:
        out.add("holder_binding", FAIL, "the presentation is not signed by its holder")
    else:
        proof = proofs[0]
        r = dataintegrity.verify_proof(vp, proof, proofs, ctx.resolver, ctx.loader, purpose="authentication")
        if r.status == PASS and r.resolved and r.resolved.controller != holder.split("#")[0]:
            out.add("holder_binding", FAIL, "signed by a key that is not the presentation's holder")
        else:
            out.add("holder_binding", r.status, ("signed by the holder: " + r.message) if r.status == PASS else r.message)
        _expect(out, "audience", proof.get("domain"), audience, "audience (domain)")
        _expect(out, "nonce", proof.get("challenge"), nonce, "nonce (challenge)")
        exp = engine.parse_time(proof.get("expires")) if proof.get("expires") else None
        if proof.get("expires") and exp is None:
            out.add("freshness", FAIL, "the presentation's expiry date is not a date")
        elif exp is not None and exp < ctx.clock():
            out.add("freshness", FAIL, f"this presentation expired on {engine.day(exp)}")
        else:
            created = engine.parse_time(proof.get("created"))
            out.add("freshness", PASS, f"presented on {engine.day(created)}" if created else "no presentation date")
    return _credentials(vp, ctx, out, holder, source)


def _credentials(vp: dict[str, Any], ctx: engine.VerifyContext, out: _Out, holder: str, source: str,
                 kind: str = "vp") -> PresentationResult:
    """Each credential in a presentation, checked as import checks it; what each one discloses."""
    disclosed = []
    issuers = []
    ctx.holder_dids = (holder,) if holder else ()  # subjects are matched against the presenting holder
    creds = vp.get("verifiableCredential")
    for i, item in enumerate(creds if isinstance(creds, list) else [creds] if creds else [], 1):
        try:
            parsed = _credential(item, f"{source}#credential{i}")
        except WalletError as exc:
            out.add(f"credential{i}.format", FAIL, str(exc))
            continue
        report = engine.verify(parsed, ctx)
        out.absorb(f"credential{i}", report)
        n = parsed.normalized
        issuers.append(n.issuer_name or n.issuer_id)
        entry = {"credential": n.title, "format": parsed.format, "issuer": n.issuer_name or n.issuer_id,
                 "claims": "the whole credential", "subject": n.subject_name}
        if selective.is_derived(item):  # selectively disclosed: exactly the fields the holder chose (and mandatory ones)
            entry["claims"] = {k: v for k, v in item.items() if k not in ("@context", "proof", "type", "id")}
            entry["disclosed_paths"] = leaf_pointers(item)
        disclosed.append(entry)
    if not disclosed:
        out.add("credentials", FAIL, "the presentation holds no credential")
    return PresentationResult(UNVERIFIED, kind, holder=holder, issuer=", ".join(dict.fromkeys(issuers)),
                              disclosed=disclosed)


def _vp_jwt(text: str, ctx: engine.VerifyContext, out: _Out, audience: str | None, nonce: str | None,
            source: str) -> PresentationResult:
    """A presentation signed as a JWT by the holder (VC-JWT 1.1 `vp` claim, or a VC 2.0 VP as the payload)."""
    try:
        jws = jose.parse_compact(text)
        claims = jws.payload_json()
    except jose.JoseError as exc:
        raise BadInput(f"VP-JWT: {exc}", path=source) from exc
    if not isinstance(claims, dict):
        raise BadInput("VP-JWT payload is not an object", path=source)
    vp = claims.get("vp") if isinstance(claims.get("vp"), dict) else claims
    if "VerifiablePresentation" not in (vp.get("type") if isinstance(vp.get("type"), list) else [vp.get("type")]):
        raise BadInput("a JWT that is not a Verifiable Presentation", path=source)
    holder = claims.get("iss") if isinstance(claims.get("iss"), str) else vp.get("holder")
    holder = holder if isinstance(holder, str) else ""
    kid = jws.header.get("kid") if isinstance(jws.header.get("kid"), str) else ""
    try:
        if not kid.startswith("did:"):
            raise jose.JoseError("the VP-JWT names no DID key (kid) of its holder")
        resolved = ctx.resolver.resolve(kid)
        jose.verify(jws, resolved.key)
        if holder and resolved.controller != holder.split("#")[0]:
            raise jose.JoseError("signed by a key that is not the presentation's holder")
        out.add("holder_binding", PASS, f"signed by the holder ({jose.key_type(resolved.key)} key)")
    except (jose.JoseError, keys.KeyError_) as exc:
        out.add("holder_binding", FAIL, f"holder signature: {exc}")
    except KeyUnresolved as exc:  # a did:web key with online checks off, an unknown DID method...
        out.add("holder_binding", SKIPPED, f"holder signature not checked: {exc}")
    aud = claims.get("aud")
    _expect(out, "audience", aud[0] if isinstance(aud, list) and len(aud) == 1 else aud, audience, "audience")
    _expect(out, "nonce", claims.get("nonce"), nonce, "nonce")
    _freshness(out, claims, ctx.clock(), "the presentation")
    return _credentials(vp, ctx, out, holder, source, "vp-jwt")


def _credential(item: Any, source: str) -> detect.Parsed:
    if isinstance(item, dict) and item.get("type") == "EnvelopedVerifiableCredential":
        ident = item.get("id")
        if not isinstance(ident, str) or not ident.startswith("data:") or "," not in ident:
            raise BadInput("enveloped credential without a data: URL", path=source)
        token = ident.split(",", 1)[1]
        return detect.parse_token(token, source)
    if isinstance(item, dict):
        return detect.parse_json(item, source)
    if isinstance(item, str):  # a VC-JWT inside a VP-JWT
        return detect.parse_token(item, source)
    raise BadInput("a credential in the presentation is neither an object nor an enveloped credential", path=source)
