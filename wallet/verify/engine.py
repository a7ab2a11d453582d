"""One engine, one report per credential: every check says pass, fail or skipped, with its reason.

The overall verdict is rolled up by ``verdict.rollup`` (the one rule every caller shares):
``invalid`` if an important check failed; ``unverified`` ("not checked") if the signature was not
checked (needs the network, unsupported suite, no signature at all); ``warning`` if the signature
holds and something lesser is off (issuer not confirmed, expired, status not checked); ``verified``
otherwise.  How the issuer was confirmed is recorded in ``VerificationReport.issuer``.

This module dispatches on the format and checks the W3C credentials (Data Integrity, VC-JWT, SD-JWT);
the checks it shares with other families live beside it: report.py (context and report), checks.py
(data model, dates, subject), issuer.py (whose key signed it), jws.py (JWS signatures), ob2.py (Open
Badges 2.0 and Blockcerts 2), keybinding.py (SD-JWT key binding), status.py, blockcerts.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..clock import iso
from ..crypto import dataintegrity as di
from ..crypto import sdjwt
from ..crypto.jsonld import JsonLdProblem
from ..errors import WalletError
from ..formats import Parsed
from ..formats import vc as _vcfmt  # at the top: an import in the function cost a microsecond a credential
from ..formats.common import as_list, as_str, contexts_of, ident
from ..messages import Message, msg
from ..model import FAIL, INVALID, PASS, SKIPPED, Check, VerificationReport
from . import ob2, status, token_status
from .checks import VC_V1, VC_V2, data_model_problems, day, parse_time, subject, validity
from .issuer import issuer_key, issuer_trust
from .jws import jws_check
from .keybinding import KeyBindingError, check_key_binding
from .report import Report, VerifyContext, unforeseen_failure
from .signed_view import signed_view

# names other modules and the front ends read from here
__all__ = [
    "MAX_PROOFS",
    "VC_V1",
    "VC_V2",
    "VerifyContext",
    "data_model_problems",
    "day",
    "parse_time",
    "shown_as_signed",
    "signed_view_of",
    "unforeseen_failure",
    "verify",
]


def verify(parsed: Parsed, ctx: VerifyContext | None = None) -> VerificationReport:
    ctx = ctx or VerifyContext()
    ctx.fetcher.log.clear()
    rep = Report(ctx)
    try:
        return _verify_parsed(parsed, rep)
    except WalletError:
        raise
    except Exception as exc:
        rep.add("verification", FAIL, unforeseen_failure(exc))
        return rep.finish()


def _verify_parsed(parsed: Parsed, rep: Report) -> VerificationReport:
    info = parsed.payload if isinstance(parsed.payload, dict) else {}
    kind = info.get("kind")
    if kind == "vc":
        view = _verify_vc(info["doc"], parsed.format, rep)
        if view is not None:
            parsed.normalized = shown_as_signed(parsed, view)
            info["view"] = view
    elif kind == "jws":
        _verify_vc_jwt(info, rep)
    elif kind == "ob2-signed":
        ob2.verify_ob2_signed(info, rep)
    elif kind in ("ob2-hosted", "ob2-url"):
        ob2.verify_ob2_hosted(info, rep)
    elif kind == "blockcerts-v2":
        view = ob2.verify_blockcerts_v2(info["doc"], rep)
        if view is not None:
            parsed.normalized = _blockcerts_v2_shown(parsed, view)
            info["view"] = view
    elif kind == "sd-jwt":
        _verify_sd_jwt(info, rep)
    elif kind == "document":
        rep.add("format", PASS, msg("check.format.pdf"))
        rep.add("signature", SKIPPED, msg("check.signature.document"), important=False)
        return rep.finish(unverifiable=True)
    else:
        rep.add("format", SKIPPED, msg("check.format.unsupported", format=repr(parsed.format)))
        return rep.finish(unverifiable=True)
    return rep.finish()


# --- W3C VC (Data Integrity) -------------------------------------------------------------------


_FORMAT_EXTRAS = ("container", "serialization", "signatures", "disclosable", "always_shared")


def _blockcerts_v2_shown(parsed: Parsed, view: dict[str, Any]) -> Any:
    from ..formats import ob2

    after = ob2.normalize(view)
    rp = view.get("recipientProfile")
    if isinstance(rp, dict) and isinstance(rp.get("name"), str):
        after.subject_name = rp["name"]
    after.extra.update({k: parsed.normalized.extra[k] for k in _FORMAT_EXTRAS if k in parsed.normalized.extra})
    return after


def shown_as_signed(parsed: Parsed, view: dict[str, Any]) -> Any:
    """The normalized record rebuilt from the signed view, keeping what the parser learnt about the
    container (baked image, serialization) and the holder's own disclosure choices (JSON pointers into the
    original, which the derivation uses)."""
    before = parsed.normalized
    after = _vcfmt.normalize(view, parsed.format, selective=False)
    after.extra.update({k: before.extra[k] for k in _FORMAT_EXTRAS if k in before.extra})
    if not after.image and isinstance(before.image, str) and before.image.startswith("baked:"):
        after.image = before.image
    return after


MAX_PROOFS = 8  # a proof set or chain longer than this is refused before any of it is checked


def signed_view_of(doc: dict[str, Any], ctx: VerifyContext) -> dict[str, Any]:
    """The credential as its proof covers it (see signed_view): what every check below and everything a
    person sees is read from.  Raises JsonLdProblem when the document breaks the rules that make this
    possible (contexts credwallet does not know, values RDF drops, over the work budget)."""
    unsecured = {k: v for k, v in doc.items() if k != "proof"}
    return signed_view(unsecured, ctx.loader, ("VerifiableCredential",))


def _verify_vc(doc: dict[str, Any], fam: str, rep: Report, nested_depth: int = 0) -> dict[str, Any] | None:
    """Check a JSON-LD credential; returns its signed view (None if it has none: the report says why)."""
    ctx = rep.ctx
    try:
        view = signed_view_of(doc, ctx)
    except JsonLdProblem as exc:
        rep.add("format", FAIL, msg("check.format.refused", reason=exc))
        return None
    problems = data_model_problems(view, fam)
    if problems:
        rep.add("format", FAIL, msg("check.format.invalid_vc", problems="; ".join(problems[:3])))
    else:
        names = {"ob3": "Open Badges 3.0", "clr2": "CLR 2.0", "edc": "Europass", "blockcerts": "Blockcerts",
                 "vc": "W3C Verifiable Credential"}
        version = "2.0" if contexts_of(doc)[0] == VC_V2 else "1.1"
        rep.add("format", PASS, msg("check.format.well_formed_vc", family=names.get(fam, fam), version=version))
    issuer_id = ident(view.get("issuer"))
    proofs = di.proofs_of(doc)
    controllers: list[str] = []
    if len(proofs) > MAX_PROOFS:
        rep.add("signature", FAIL, msg("check.signature.carries_too_many", n=len(proofs), max=MAX_PROOFS))
    elif fam == "blockcerts" and any(str(p.get("type")) in ("MerkleProof2019", "ChainedProof2021")
                                     or p.get("cryptosuite") == "merkle-proof-2019" for p in proofs):
        from . import blockcerts

        blockcerts.check(doc, rep, ctx)
    elif not proofs:
        rep.add("signature", FAIL, msg("check.signature.none"))
    else:
        results = [di.verify_proof(doc, p, proofs, ctx.resolver, ctx.loader) for p in proofs]
        fails = [r for r in results if r.status == FAIL]
        passes = [r for r in results if r.status == PASS]
        unchecked = [r for r in results if r.status == SKIPPED]
        if fails:
            rep.add("signature", FAIL, msg("check.signature.failed", reason=fails[0].message))
        elif unchecked:
            # every proof of a set must hold: one we cannot check is never papered over by another
            what = (msg("word.proofs_not_checked", n=len(unchecked), total=len(results)) if len(results) > 1
                    else msg("word.signature_not_checked"))
            rep.add("signature", SKIPPED, msg("check.signature.not_checked", what=what, reason=unchecked[0].message))
        else:
            rep.add("signature", PASS, msg("check.signature.valid_all", n=len(passes), reason=passes[0].message)
                    if len(results) > 1 else msg("check.signature.valid", reason=passes[0].message))
            controllers = [r.resolved.controller for r in passes if r.resolved]
    issuer_trust(rep, issuer_id, issuer_key(rep, issuer_id, controllers))
    # dates and status as signed: a key the proof does not cover (or one moved to a full IRI) is not read
    status.check(view, rep, ctx)
    validity(rep, _one(view, "validFrom", "issuanceDate"), _one(view, "validUntil", "expirationDate"))
    subject(rep, [ident(s) for s in as_list(view.get("credentialSubject")) if isinstance(s, dict)])
    if fam == "clr2" and nested_depth == 0:
        _nested(doc, rep)
    return view


def _one(view: dict[str, Any], *names: str) -> Any:
    """The first of ``names`` that the signed view has; a list (two signed values for one date) is passed on
    as it is, and validity refuses it as not a date."""
    for n in names:
        if n in view:
            return view[n]
    return None


def _nested(doc: dict[str, Any], rep: Report) -> None:
    from ..formats import vc as vcfmt

    subs = [s for s in as_list(doc.get("credentialSubject")) if isinstance(s, dict)]
    items = [c for s in subs for c in as_list(s.get("verifiableCredential"))]
    for i, inner in enumerate(items, 1):
        sub_rep = Report(rep.ctx)
        if isinstance(inner, dict):
            view = _verify_vc(inner, vcfmt.family(inner), sub_rep, nested_depth=1)
            title = (vcfmt.normalize(view, vcfmt.family(inner)).title if view else "") or f"#{i}"
        elif isinstance(inner, str) and inner.count(".") == 2:
            from ..formats import jwt as jwtfmt

            try:
                _fmt, n, info = jwtfmt.parse_jws(inner, "nested")
                _verify_vc_jwt(info, sub_rep)
                title = n.title or f"#{i}"
            except Exception as exc:
                sub_rep.add("format", FAIL, msg("check.signature.failed", reason=exc))
                title = f"#{i}"
        else:
            sub_rep.add("format", FAIL, msg("check.format.not_credential"))
            title = f"#{i}"
        result = sub_rep.finish()
        worst = next((c for c in result.checks if c.status == FAIL and c.important), None)
        said = (msg("check.nested_because", title=repr(title), status=msg(f"word.verdict.{result.status}"),
                    reason=_nested_arg(worst))
                if worst else msg("check.nested", title=repr(title), status=msg(f"word.verdict.{result.status}")))
        rep.add(f"nested.{i}", FAIL if result.status == INVALID else PASS, said)


def _verify_vc_jwt(info: dict[str, Any], rep: Report) -> None:
    claims, cred = info["claims"], info["credential"]
    from ..formats import vc as vcfmt

    fam = vcfmt.family(cred)
    inner = dict(cred)
    if "vc" in claims:  # VCDM 1.1 JWT: registered claims stand in for the properties
        inner.setdefault("issuer", claims.get("iss"))
        if "issuanceDate" not in inner and isinstance(claims.get("nbf"), int | float):
            inner["issuanceDate"] = iso(dt.datetime.fromtimestamp(claims["nbf"], dt.timezone.utc))
        sub = inner.get("credentialSubject")
        if isinstance(sub, dict) and "id" not in sub and isinstance(claims.get("sub"), str):
            inner["credentialSubject"] = dict(sub, id=claims["sub"])
    problems = data_model_problems(inner, fam)
    rep.add("format", FAIL if problems else PASS,
            msg("check.format.invalid_vc", problems="; ".join(problems[:3])) if problems else msg("check.format.vc_jwt"))
    issuer_id = ident(inner.get("issuer")) or (as_str(claims.get("iss")))
    ctrl = jws_check(rep, info["token"], issuer_id)
    issuer_trust(rep, issuer_id, issuer_key(rep, issuer_id, [ctrl] if ctrl else []))
    status.check(inner, rep, rep.ctx)
    nbf = claims.get("nbf") if isinstance(claims.get("nbf"), int | float) else None
    exp = claims.get("exp") if isinstance(claims.get("exp"), int | float) else None
    issued = iso(dt.datetime.fromtimestamp(nbf, dt.timezone.utc)) if nbf else inner.get("validFrom") or inner.get("issuanceDate")
    expires = iso(dt.datetime.fromtimestamp(exp, dt.timezone.utc)) if exp else inner.get("validUntil") or inner.get("expirationDate")
    validity(rep, issued, expires)
    subject(rep, [ident(s) for s in as_list(inner.get("credentialSubject")) if isinstance(s, dict)])


def check_supporting(parsed: Parsed, rep: Report) -> tuple[dict[str, Any] | None, str]:
    """Check a credential fetched in support of another (a status list) into ``rep``, as any credential is
    checked; returns what its proof covers (the signed view, or a VC-JWT's verified credential) and its issuer
    id, or (None, '') for anything else (the report says why)."""
    info = parsed.payload if isinstance(parsed.payload, dict) else {}
    if info.get("kind") == "vc" and parsed.format != "blockcerts":
        view = _verify_vc(info["doc"], parsed.format, rep, nested_depth=1)
        return view, ident(view.get("issuer")) if view else ""
    if info.get("kind") == "jws":
        _verify_vc_jwt(info, rep)
        cred = info["credential"]
        return cred, ident(cred.get("issuer")) or as_str(info["claims"].get("iss"))
    rep.add("format", FAIL, msg("check.format.not_w3c", format=parsed.format))
    return None, ""


def _verify_sd_jwt(info: dict[str, Any], rep: Report) -> None:
    token, claims = info["token"], info["claims"]
    try:
        sd = sdjwt.parse(token)
        sdjwt.reconstruct(sd)
        tampered = ""
    except sdjwt.UnreferencedDisclosure as exc:
        tampered = str(exc)
    except sdjwt.SdJwtError as exc:
        rep.add("format", FAIL, msg("check.format.sd_jwt_error", reason=exc))
        return
    typ = sd.jws.header.get("typ")
    if isinstance(claims.get("vct"), str):
        rep.add("format", PASS, msg("check.format.sd_jwt_vc", n=len(sd.disclosures)))
    elif typ in ("vc+sd-jwt", "dc+sd-jwt"):
        rep.add("format", FAIL, msg("check.format.sd_jwt_no_vct"))
    else:
        rep.add("format", PASS, msg("check.format.sd_jwt_plain", n=len(sd.disclosures)))
    if tampered:
        rep.add("disclosures", FAIL, msg("check.disclosures.altered", reason=tampered))
    else:
        rep.add("disclosures", PASS, msg("check.disclosures.match", n=len(sd.disclosures)))
    iss = claims.get("iss") if isinstance(claims.get("iss"), str) else ident(claims.get("issuer"))
    ctrl = jws_check(rep, sd.issuer_jwt, iss)
    issuer_trust(rep, iss, issuer_key(rep, iss, [ctrl] if ctrl else []))
    token_status.check(claims, iss, rep)
    iat = claims.get("nbf") or claims.get("iat")
    exp = claims.get("exp")
    validity(rep, iso(dt.datetime.fromtimestamp(iat, dt.timezone.utc)) if isinstance(iat, int | float) else None,
              iso(dt.datetime.fromtimestamp(exp, dt.timezone.utc)) if isinstance(exp, int | float) else None)
    cnf = claims.get("cnf") if isinstance(claims.get("cnf"), dict) else None
    if sd.kb_jwt:
        # a presentation kept as it was received: its key binding must hold too (the one rule: keybinding.py)
        try:
            if not check_key_binding(sd, cnf).covers_disclosures:
                raise KeyBindingError(msg("error.kb.not_covering"))
            rep.add("holder_binding", PASS, msg("check.holder_binding.cnf"))
        except KeyBindingError as exc:
            rep.add("holder_binding", FAIL, msg("check.holder_binding.failed", reason=exc))
    else:
        rep.add("holder_binding", PASS if cnf else SKIPPED,
                msg("check.holder_binding.bound") if cnf else msg("check.holder_binding.unbound"), important=False)
    n_sigs = info.get("signatures", 1)
    if n_sigs > 1:
        sig = next(c for c in rep.checks if c.id == "signature")
        if sig.status == PASS:
            sig.status = SKIPPED
            first = msg("check.signature.first_of", n=n_sigs, reason=_nested_arg(sig))
            sig.message, sig.message_id, sig.args = str(first), first.id, first.args



def _nested_arg(check: Check | None) -> Message | str:
    """A check's message to put inside another message, keeping its id (so that it is translated too)."""
    if check is None:
        return ""
    if check.message_id:
        return Message(check.message, check.message_id, check.args)
    return check.message
