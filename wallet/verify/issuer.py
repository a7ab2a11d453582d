"""Who signed it: is the signing key the issuer's (its DID, its URL, a key its profile lists, the key the
trusted list holds for it), and how far the issuer is confirmed (the ladder recorded in the report)."""

from __future__ import annotations

from ..crypto.did import KeyUnresolved, did_of, domain_of, lists_key
from ..messages import msg
from ..model import FAIL, ISSUER_DOMAIN, NOT_CONFIRMED, PASS, SKIPPED, TRUST_LIST, UNKNOWN_KEY
from . import verdict
from .report import Report


def _own_key(rep: Report, issuer_id: str, ctrl: str) -> tuple[str, str]:
    """Is a key resolved from ``ctrl`` (a DID or URL) the issuer's own, by what the issuer itself
    publishes?  Returns (how, why-not): ``how`` is '' when it is not established."""
    if not issuer_id or not ctrl:
        return "", ""
    if ctrl == issuer_id or did_of(ctrl) == did_of(issuer_id):
        return msg("word.own_did" if issuer_id.startswith("did:") else "word.own_url"), ""
    if issuer_id.startswith("https://"):
        # a key elsewhere is the issuer's only if the issuer's own profile lists it
        profile_url = did_of(issuer_id)
        try:
            profile = rep.ctx.resolver.document(profile_url, "the issuer's profile")
        except KeyUnresolved as exc:
            return "", msg("error.issuer.profile_unreadable", reason=exc)
        if lists_key(profile, ctrl):
            return msg("word.listed_by_profile", domain=domain_of(issuer_id)), ""
        return "", msg("error.issuer.profile_does_not_list")
    return "", ""


def issuer_key(rep: Report, issuer_id: str, controllers: list[str]) -> bool:
    """Is the key that signed it the issuer's?  Returns True only when that is established.

    The trusted list is consulted by the issuer id alone; the signing key must then belong to that
    entry (its DID, its pinned JWK, keys published under its id).  Otherwise the key counts only if it
    is the issuer's own: the issuer's DID, its URL, or a key its profile lists.  A key's ``controller``
    is where it was resolved from (see did.KeyResolver), never what a key document says of itself."""
    if not controllers:
        rep.add("issuer_key", SKIPPED, msg("check.issuer_key.no_signature"), important=False)
        return False
    trust = rep.ctx.trust
    entry = trust.find(issuer_id)
    ctrl = controllers[0]
    rep.issuer["key"] = ctrl
    who = entry.name or entry.id if entry is not None else ""
    if entry is not None:
        mine = next((c for c in controllers if trust.owns(entry, c)), None)
        if mine is not None:
            rep.issuer["key"] = mine
            rep.add("issuer_key", PASS, msg("check.issuer_key.trusted", who=who))
            return True
        if entry.jwk:
            rep.add("issuer_key", FAIL, msg("check.issuer_key.not_trusted_key", who=who, key=verdict.short_key(ctrl, 40)))
            return False
    why_not = ""
    for c in controllers:
        how, why = _own_key(rep, issuer_id, c)
        if how:
            rep.issuer["key"] = c
            dom = domain_of(issuer_id) if domain_of(c) or how.startswith("listed") else ""
            if dom:
                rep.issuer["domain"] = dom
            rep.add("issuer_key", PASS, msg("check.issuer_key.own", how=how, issuer=issuer_id[:60]))
            return True
        why_not = why_not or why
    if issuer_id.startswith(("did:key:", "did:jwk:")) and ctrl.startswith("did:"):
        # the issuer's only keys are in its DID itself: a different signer is certainly not the issuer
        rep.add("issuer_key", FAIL, msg("check.issuer_key.other_did", key=ctrl[:60], issuer=issuer_id[:60]))
        return False
    rep.add("issuer_key", SKIPPED,
            msg("check.issuer_key.unconfirmed_because", key=ctrl[:50], issuer=issuer_id[:50], reason=why_not)
            if why_not else msg("check.issuer_key.unconfirmed", key=ctrl[:50], issuer=issuer_id[:50]), important=False)
    return False


def issuer_trust(rep: Report, issuer_id: str, key_is_issuers: bool) -> None:
    """The issuer_trust check and the rung of the confirmation ladder (``rep.issuer``): trusted list,
    a key published on the issuer's own domain, an unknown key."""
    entry = rep.ctx.trust.find(issuer_id)
    if entry is not None and key_is_issuers:
        rep.issuer.update(confirmation=TRUST_LIST, trusted_name=entry.name or entry.id)
        rep.issuer.pop("domain", None)
        rep.add("issuer_trust", PASS, msg("check.issuer_trust.trusted", name=entry.name or entry.id))
        return
    domain = rep.issuer.get("domain") if key_is_issuers else None
    key = rep.issuer.get("key")
    if domain:
        rep.issuer["confirmation"] = ISSUER_DOMAIN
        ladder = msg("word.ladder.domain", domain=domain)
    elif key:
        rep.issuer["confirmation"] = UNKNOWN_KEY
        rep.issuer.pop("domain", None)
        ladder = msg("word.ladder.unknown_key", key=verdict.short_key(key, 40))
    else:
        rep.issuer["confirmation"] = NOT_CONFIRMED
        rep.issuer.pop("domain", None)
        ladder = msg("word.ladder.nothing")
    if entry is None:
        rep.add("issuer_trust", SKIPPED, msg("check.issuer_trust.not_in_list", ladder=ladder))
    else:
        rep.add("issuer_trust", SKIPPED, msg("check.issuer_trust.untied", name=entry.name or entry.id))

