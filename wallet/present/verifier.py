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

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from ..clock import iso
from ..crypto import dataintegrity, jose, sdjwt, selective
from ..crypto import publickeys as keys
from ..crypto.did import KeyUnresolved, did_of
from ..crypto.jsonld import JsonLdProblem
from ..crypto.pointers import leaf_pointers
from ..errors import BadInput, WalletError
from ..formats import detect
from ..formats.common import as_list, ident
from ..formats.jsonutil import loads_strict
from ..model import FAIL, INVALID, PASS, SKIPPED, UNVERIFIED, Check
from ..verify import blockcerts, engine, verdict
from ..verify.signed_view import signed_view
from . import qr
from .audience import same_audience

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


class _Out:
    def __init__(self, at: str):
        self.at = at
        self.checks: list[Check] = []

    def add(self, cid: str, status: str, message: str, important: bool = True) -> None:
        self.checks.append(Check(cid, status, message, self.at, important))

    def absorb(self, prefix: str, report: Any, drop: tuple[str, ...] = ()) -> None:
        for c in report.checks:
            if c.id in drop:
                continue
            self.checks.append(Check(f"{prefix}.{c.id}", c.status, c.message, c.checked_at, c.important))

    def status(self) -> str:
        return verdict.rollup(self.checks)  # the engine's one roll-up rule, for presentations too


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
    elif got == wanted or (cid == "audience" and same_audience(got, wanted)):
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


def _kb_jwt(sd: sdjwt.SdJwt, cnf: dict[str, Any], out: _Out, audience: str | None, nonce: str | None,
            now: dt.datetime) -> None:
    try:
        kb = jose.parse_compact(sd.kb_jwt or "")
        if kb.header.get("typ") != "kb+jwt":
            raise jose.JoseError("the key binding JWT is not typed kb+jwt")
        key = keys.from_jwk(cnf.get("jwk"))
        payload = kb.payload_json()
        if not isinstance(payload, dict):
            raise jose.JoseError("key binding JWT payload is not an object")
    except (jose.JoseError, keys.KeyError_) as exc:
        out.add("holder_binding", FAIL, f"key binding: {exc}")
        return
    try:
        jose.verify(kb, key)
    except jose.JoseError as exc:
        out.add("holder_binding", FAIL, "issued to someone else: the key binding JWT is not signed by the key the "
                                        f"credential was issued to (cnf): {exc}")
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


@dataclass
class Presenter:
    """Who is presenting, as far as the presentation itself proves it."""

    claimed: str = ""  # the holder the presentation names (its own word)
    dids: tuple[str, ...] = ()  # the DID whose key signed the presentation, once that signature held
    key: keys.PublicKey | None = None  # that key
    unproven: str = "the presentation is not signed by its holder"  # why nobody is proven, if nobody is

    @property
    def proven(self) -> bool:
        return bool(self.dids) or self.key is not None

    def who(self) -> str:
        if self.dids:
            return self.dids[0]
        return f"a {jose.key_type(self.key)} key" if self.key is not None else "nobody proven"


def subject_keys(parsed: detect.Parsed) -> tuple[list[str], dict[str, Any] | None]:
    """The keys a credential names for its subject, from what its issuer signed: DIDs given as
    ``credentialSubject.id`` (or a JWT's ``sub``), and an SD-JWT's ``cnf``."""
    info = parsed.payload if isinstance(parsed.payload, dict) else {}
    kind = info.get("kind")
    ids: list[str] = []
    cnf = None
    if kind == "vc":
        ids = _subject_ids(info["doc"])
    elif kind == "jws":
        ids = _subject_ids(info.get("credential") if isinstance(info.get("credential"), dict) else {})
        ids.append(info["claims"].get("sub") if isinstance(info["claims"].get("sub"), str) else "")
    elif kind == "sd-jwt":
        claims = info["claims"]
        ids = [claims.get("sub") if isinstance(claims.get("sub"), str) else ""]
        cnf = claims.get("cnf") if isinstance(claims.get("cnf"), dict) else None
    dids = list(dict.fromkeys(did_of(i) for i in ids if isinstance(i, str) and i.startswith("did:")))
    return dids, cnf


def _subject_ids(cred: dict[str, Any]) -> list[str]:
    """``id`` or its JSON-LD keyword form ``@id``, of every subject (either names the subject)."""
    return [v for s in as_list(cred.get("credentialSubject")) if isinstance(s, dict)
            for v in (s.get("id"), s.get("@id")) if isinstance(v, str)]


def _cnf_matches(cnf: dict[str, Any], presenter: Presenter) -> bool:
    kid = cnf.get("kid")
    if isinstance(kid, str) and kid.startswith("did:") and did_of(kid) in presenter.dids:
        return True
    if presenter.key is None or not isinstance(cnf.get("jwk"), dict):
        return False
    try:
        return keys.to_jwk(keys.from_jwk(cnf["jwk"])) == keys.to_jwk(presenter.key)
    except keys.KeyError_:
        return False


def presented_by_subject(parsed: detect.Parsed, presenter: Presenter) -> bool | None:
    """Whether a proven presenter is the one the credential was issued to: None when the credential names no
    subject key (nothing to compare).  The one rule, for the verifier and for the wallet before it shares."""
    dids, cnf = subject_keys(parsed)
    if not dids and cnf is None:
        return None
    return any(d in presenter.dids for d in dids) or (cnf is not None and _cnf_matches(cnf, presenter))


def bind(out: _Out, cid: str, parsed: detect.Parsed, presenter: Presenter) -> None:
    """Is the presenter the one the credential was issued to?  (The one place this is decided.)"""
    dids, cnf = subject_keys(parsed)
    name = parsed.normalized.subject_name
    named = f"names its subject '{name}'" if name else "names no subject"
    if not dids and cnf is None:
        out.add(cid, SKIPPED, "the credential names no key for its subject, so nothing shows that the presenter "
                              f"is the person it was issued to; it {named} (as the credential claims)",
                important=False)
        return
    subject = dids[0] if dids else "a holder key (cnf)"
    shown = f"{subject}" + (f" ('{name}')" if name else "")
    if presenter.proven:
        if presented_by_subject(parsed, presenter):
            out.add(cid, PASS, f"issued to the presenter: {shown} signed this presentation")
        else:
            out.add(cid, FAIL, f"issued to someone else: the credential was issued to {shown}, but this "
                               f"presentation was signed by {presenter.who()}")
        return
    claimed = did_of(presenter.claimed) if presenter.claimed else ""
    if claimed and dids and claimed not in dids:
        out.add(cid, FAIL, f"issued to someone else: the credential was issued to {shown}, but the presentation "
                           f"names {claimed} as its holder")
    else:
        out.add(cid, SKIPPED, f"the presenter could not be confirmed as {shown}, to whom it was issued: "
                              f"{presenter.unproven}")


def _vp(text: str, ctx: engine.VerifyContext, out: _Out, audience: str | None, nonce: str | None,
        source: str) -> PresentationResult:
    vp = loads_strict(text, source)
    if not isinstance(vp, dict):
        raise BadInput("presentation is not a JSON object", path=source)
    proofs = dataintegrity.proofs_of(vp)
    try:
        # the holder and the proof's audience, nonce and expiry as signed (never from JSON key names)
        signed_vp = signed_view({k: v for k, v in vp.items() if k != "proof"}, ctx.loader, ("VerifiablePresentation",))
        options = dataintegrity.signed_proof_options(vp, proofs[0], ctx.loader) if proofs else {}
    except (JsonLdProblem, ValueError) as exc:  # ValueError: a proof @context that is not the document's
        raise BadInput(f"presentation refused: {exc}", path=source) from exc
    holder = ident(signed_vp.get("holder"))
    presenter = Presenter(claimed=holder)
    if not proofs:
        out.add("holder_binding", FAIL, "the presentation is not signed by its holder")
    else:
        proof = proofs[0]
        if blockcerts.is_merkle(proof):
            _merkle_vp(vp, proofs, ctx, out, presenter)
        else:
            r = dataintegrity.verify_proof(vp, proof, proofs, ctx.resolver, ctx.loader, purpose="authentication")
            if r.status == PASS and r.resolved and holder and r.resolved.controller != did_of(holder):
                out.add("holder_binding", FAIL, "signed by a key that is not the presentation's holder")
                presenter.unproven = "the presentation is signed by a key that is not its holder's"
            elif r.status == PASS and r.resolved:
                out.add("holder_binding", PASS, "signed by the holder: " + r.message)
                presenter.dids, presenter.key = (r.resolved.controller,), r.resolved.key
                holder = holder or r.resolved.controller
            else:
                out.add("holder_binding", r.status, r.message)
                presenter.unproven = ("the presentation's own signature does not hold" if r.status == FAIL else
                                      "the presentation's own signature could not be checked")
        signed = options  # audience, nonce, expiry and date as the holder's proof signs them
        _expect(out, "audience", signed.get("domain"), audience, "audience (domain)")
        _expect(out, "nonce", signed.get("challenge"), nonce, "nonce (challenge)")
        exp = engine.parse_time(signed.get("expires")) if signed.get("expires") else None
        if signed.get("expires") and exp is None:
            out.add("freshness", FAIL, "the presentation's expiry date is not a date")
        elif exp is not None and exp < ctx.clock():
            out.add("freshness", FAIL, f"this presentation expired on {engine.day(exp)}")
        else:
            created = engine.parse_time(signed.get("created"))
            out.add("freshness", PASS, f"presented on {engine.day(created)}" if created else "no presentation date")
    result = _credentials(vp, ctx, out, presenter, source)
    result.holder = holder
    return result


def _merkle_vp(vp: dict[str, Any], proofs: list[dict[str, Any]], ctx: engine.VerifyContext, out: _Out,
               presenter: Presenter) -> None:
    """A Blockcerts presentation: its content is anchored by a Merkle receipt (checked offline), which shows
    the presentation is unaltered but not who is presenting it."""
    m = blockcerts.verify_merkle(vp, 0, proofs, ctx, what="the presentation")
    out.add("signature", m.status, m.message)
    if m.status == PASS:
        blockcerts.anchor_check(out, m.anchors, ctx.online)
    who = f" {presenter.claimed}" if presenter.claimed else ""
    out.add("holder_binding", SKIPPED, "the presentation is anchored by a Merkle receipt, not signed by its holder: "
                                       f"nothing shows that the presenter is its holder{who}")
    presenter.unproven = "the presentation carries a Merkle receipt, not its holder's signature"


def _credentials(vp: dict[str, Any], ctx: engine.VerifyContext, out: _Out, presenter: Presenter, source: str,
                 kind: str = "vp") -> PresentationResult:
    """Each credential in a presentation, checked as import checks it, and bound to who presents it."""
    disclosed = []
    issuers = []
    ctx.holder_dids = presenter.dids  # only a holder whose signature held
    creds = vp.get("verifiableCredential")
    for i, item in enumerate(creds if isinstance(creds, list) else [creds] if creds else [], 1):
        try:
            parsed = _credential(item, f"{source}#credential{i}")
        except WalletError as exc:
            out.add(f"credential{i}.format", FAIL, str(exc))
            continue
        report = engine.verify(parsed, ctx)
        out.absorb(f"credential{i}", report, drop=("subject",))  # decided here, against the presenter
        bind(out, f"credential{i}.subject", parsed, presenter)
        n = parsed.normalized
        issuers.append(n.issuer_name or n.issuer_id)
        entry = {"credential": n.title, "format": parsed.format, "issuer": n.issuer_name or n.issuer_id,
                 "claims": "the whole credential", "subject": n.subject_name,
                 "subject_key": ", ".join(subject_keys(parsed)[0])}
        if selective.is_derived(item):  # selectively disclosed: exactly the fields the holder chose (and mandatory ones)
            view = parsed.payload.get("view") if isinstance(parsed.payload, dict) else None
            shown = view if isinstance(view, dict) else {}  # as signed; nothing if it could not be read
            entry["claims"] = {k: v for k, v in shown.items() if k not in ("@context", "proof", "type", "id")}
            entry["disclosed_paths"] = leaf_pointers(shown)
        disclosed.append(entry)
    if not disclosed and not creds:
        out.add("credentials", SKIPPED, "the presentation holds no credential: it only shows who signed it")
    elif not disclosed:
        out.add("credentials", FAIL, "the presentation holds no credential that could be read")
    holder = presenter.claimed or (presenter.dids[0] if presenter.dids else "")
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
    holder = claims.get("iss") if isinstance(claims.get("iss"), str) else ident(vp.get("holder"))
    holder = holder if isinstance(holder, str) else ""
    presenter = Presenter(claimed=holder)
    kid = jws.header.get("kid") if isinstance(jws.header.get("kid"), str) else ""
    try:
        if not kid.startswith("did:"):
            raise jose.JoseError("the VP-JWT names no DID key (kid) of its holder")
        resolved = ctx.resolver.resolve(kid)
        jose.verify(jws, resolved.key)
        if holder and resolved.controller != did_of(holder):
            raise jose.JoseError("signed by a key that is not the presentation's holder")
        out.add("holder_binding", PASS, f"signed by the holder ({jose.key_type(resolved.key)} key)")
        presenter.dids, presenter.key = (resolved.controller,), resolved.key
    except (jose.JoseError, keys.KeyError_) as exc:
        out.add("holder_binding", FAIL, f"holder signature: {exc}")
        presenter.unproven = "the presentation's own signature does not hold"
    except KeyUnresolved as exc:  # a did:web key with online checks off, an unknown DID method...
        out.add("holder_binding", SKIPPED, f"holder signature not checked: {exc}")
        presenter.unproven = "the presentation's own signature could not be checked"
    aud = claims.get("aud")
    _expect(out, "audience", aud[0] if isinstance(aud, list) and len(aud) == 1 else aud, audience, "audience")
    _expect(out, "nonce", claims.get("nonce"), nonce, "nonce")
    _freshness(out, claims, ctx.clock(), "the presentation")
    return _credentials(vp, ctx, out, presenter, source, "vp-jwt")


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
