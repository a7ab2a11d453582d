"""Verifiable Presentations, as JSON-LD with a Data Integrity proof or as a VP-JWT: the holder's signature,
the audience, nonce and expiry it signs, and each credential inside, bound to who presents it."""

from __future__ import annotations

from typing import Any

from ..crypto import dataintegrity, jose, selective
from ..crypto import publickeys as keys
from ..crypto.did import KeyUnresolved, did_of
from ..crypto.jsonld import JsonLdProblem
from ..crypto.pointers import leaf_pointers
from ..errors import BadInput, WalletError
from ..formats import detect
from ..formats.common import as_list, as_str, ident
from ..formats.jsonutil import loads_strict
from ..messages import msg
from ..model import FAIL, PASS, SKIPPED, UNVERIFIED
from ..verify import blockcerts, engine
from ..verify.checks import day, parse_time
from ..verify.report import VerifyContext
from ..verify.signed_view import signed_view
from .verifier_checks import PresentationChecks, PresentationResult, expect, freshness
from .verifier_subject import Presenter, bind, subject_keys


def check_vp(text: str, ctx: VerifyContext, out: PresentationChecks, audience: str | None, nonce: str | None,
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
        raise BadInput(msg("error.vp.refused", reason=exc), path=source) from exc
    holder = ident(signed_vp.get("holder"))
    presenter = Presenter(claimed=holder)
    if not proofs:
        out.add("holder_binding", FAIL, msg("check.holder_binding.unsigned"))
    else:
        proof = proofs[0]
        if blockcerts.is_merkle(proof):
            _merkle_vp(vp, proofs, ctx, out, presenter)
        else:
            r = dataintegrity.verify_proof(vp, proof, proofs, ctx.resolver, ctx.loader, purpose="authentication")
            if r.status == PASS and r.resolved and holder and r.resolved.controller != did_of(holder):
                out.add("holder_binding", FAIL, msg("check.holder_binding.other_key"))
                presenter.unproven = msg("word.unproven.other_key")
            elif r.status == PASS and r.resolved:
                out.add("holder_binding", PASS, msg("check.holder_binding.by_holder", reason=r.message))
                presenter.dids, presenter.key = (r.resolved.controller,), r.resolved.key
                holder = holder or r.resolved.controller
            else:
                out.add("holder_binding", r.status, msg("check.result", reason=r.message))
                presenter.unproven = msg("word.unproven.bad_signature" if r.status == FAIL else
                                         "word.unproven.unchecked")
        signed = options  # audience, nonce, expiry and date as the holder's proof signs them
        expect(out, "audience", signed.get("domain"), audience, msg("word.audience_domain"))
        expect(out, "nonce", signed.get("challenge"), nonce, msg("word.nonce_challenge"))
        exp = parse_time(signed.get("expires")) if signed.get("expires") else None
        if signed.get("expires") and exp is None:
            out.add("freshness", FAIL, msg("check.freshness.bad_expiry"))
        elif exp is not None and exp < ctx.clock():
            out.add("freshness", FAIL, msg("check.freshness.expired", date=day(exp)))
        else:
            created = parse_time(signed.get("created"))
            out.add("freshness", PASS, msg("check.freshness.presented", date=day(created)) if created
                    else msg("check.freshness.no_date"))
    result = _credentials(vp, ctx, out, presenter, source)
    result.holder = holder
    return result


def _merkle_vp(vp: dict[str, Any], proofs: list[dict[str, Any]], ctx: VerifyContext, out: PresentationChecks,
               presenter: Presenter) -> None:
    """A Blockcerts presentation: its content is anchored by a Merkle receipt (checked offline), which shows
    the presentation is unaltered but not who is presenting it."""
    m = blockcerts.verify_merkle(vp, 0, proofs, ctx, what=msg("word.the_presentation"))
    out.add("signature", m.status, msg("check.result", reason=m.message))
    if m.status == PASS:
        blockcerts.anchor_check(out, m.anchors, ctx.online)
    who = f" {presenter.claimed}" if presenter.claimed else ""
    out.add("holder_binding", SKIPPED, msg("check.holder_binding.merkle", who=who))
    presenter.unproven = msg("word.unproven.merkle")


def _credentials(vp: dict[str, Any], ctx: VerifyContext, out: PresentationChecks, presenter: Presenter, source: str,
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
            out.add(f"credential{i}.format", FAIL, msg("check.credential.unreadable", reason=exc))
            continue
        report = engine.verify(parsed, ctx)
        out.absorb(f"credential{i}", report, drop=("subject",))  # decided here, against the presenter
        bind(out, f"credential{i}.subject", parsed, presenter)
        n = parsed.normalized
        issuers.append(n.issuer_name or n.issuer_id)
        entry: dict[str, Any] = {"credential": n.title, "format": parsed.format, "issuer": n.issuer_name or n.issuer_id,
                 "claims": "the whole credential", "subject": n.subject_name,
                 "subject_key": ", ".join(subject_keys(parsed)[0])}
        if selective.is_derived(item):  # selectively disclosed: exactly the fields the holder chose (and mandatory ones)
            view = parsed.payload.get("view") if isinstance(parsed.payload, dict) else None
            shown = view if isinstance(view, dict) else {}  # as signed; nothing if it could not be read
            entry["claims"] = {k: v for k, v in shown.items() if k not in ("@context", "proof", "type", "id")}
            entry["disclosed_paths"] = leaf_pointers(shown)
        disclosed.append(entry)
    if not disclosed and not creds:
        out.add("credentials", SKIPPED, msg("check.credentials.none"))
    elif not disclosed:
        out.add("credentials", FAIL, msg("check.credentials.unreadable"))
    holder = presenter.claimed or (presenter.dids[0] if presenter.dids else "")
    return PresentationResult(UNVERIFIED, kind, holder=holder, issuer=", ".join(dict.fromkeys(issuers)),
                              disclosed=disclosed)


def check_vp_jwt(text: str, ctx: VerifyContext, out: PresentationChecks, audience: str | None, nonce: str | None,
            source: str) -> PresentationResult:
    """A presentation signed as a JWT by the holder (VC-JWT 1.1 `vp` claim, or a VC 2.0 VP as the payload)."""
    try:
        jws = jose.parse_compact(text)
        claims = jws.payload_json()
    except jose.JoseError as exc:
        raise BadInput(msg("error.vp.jwt", reason=exc), path=source) from exc
    if not isinstance(claims, dict):
        raise BadInput(msg("error.vp.jwt_not_object"), path=source)
    vp: dict[str, Any] = v if isinstance(v := claims.get("vp"), dict) else claims
    if "VerifiablePresentation" not in as_list(vp.get("type")):
        raise BadInput(msg("error.vp.not_vp"), path=source)
    holder = iss if isinstance(iss := claims.get("iss"), str) else ident(vp.get("holder"))
    presenter = Presenter(claimed=holder)
    kid = as_str(jws.header.get("kid"))
    try:
        if not kid.startswith("did:"):
            raise jose.JoseError(msg("error.vp.no_kid"))
        resolved = ctx.resolver.resolve(kid)
        jose.verify(jws, resolved.key)
        if holder and resolved.controller != did_of(holder):
            raise jose.JoseError(msg("check.holder_binding.other_key"))
        out.add("holder_binding", PASS, msg("check.holder_binding.signed_key", key=jose.key_type(resolved.key)))
        presenter.dids, presenter.key = (resolved.controller,), resolved.key
    except (jose.JoseError, keys.KeyFormatError) as exc:
        out.add("holder_binding", FAIL, msg("check.holder_binding.bad_signature", reason=exc))
        presenter.unproven = msg("word.unproven.bad_signature")
    except KeyUnresolved as exc:  # a did:web key with online checks off, an unknown DID method...
        out.add("holder_binding", SKIPPED, msg("check.holder_binding.not_checked", reason=exc))
        presenter.unproven = msg("word.unproven.unchecked")
    aud = claims.get("aud")
    expect(out, "audience", aud[0] if isinstance(aud, list) and len(aud) == 1 else aud, audience, msg("word.audience"))
    expect(out, "nonce", claims.get("nonce"), nonce, msg("word.nonce"))
    freshness(out, claims, ctx.clock(), msg("word.the_presentation"))

    return _credentials(vp, ctx, out, presenter, source, "vp-jwt")


def _credential(item: Any, source: str) -> detect.Parsed:
    if isinstance(item, dict) and item.get("type") == "EnvelopedVerifiableCredential":
        ident = item.get("id")
        if not isinstance(ident, str) or not ident.startswith("data:") or "," not in ident:
            raise BadInput(msg("error.vp.enveloped_no_data"), path=source)
        token = ident.split(",", 1)[1]
        return detect.parse_token(token, source)
    if isinstance(item, dict):
        return detect.parse_json(item, source)
    if isinstance(item, str):  # a VC-JWT inside a VP-JWT
        return detect.parse_token(item, source)
    raise BadInput(msg("error.vp.credential_kind"), path=source)
