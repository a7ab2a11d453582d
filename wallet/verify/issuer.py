"""Who signed it: is the signing key the issuer's (its DID, its URL, a key its profile lists, the key the
trusted list holds for it), and how far the issuer is confirmed (the ladder recorded in the report)."""

from __future__ import annotations

from ..crypto.did import KeyUnresolved, did_of, domain_of, lists_key
from ..model import FAIL, ISSUER_DOMAIN, NOT_CONFIRMED, PASS, SKIPPED, TRUST_LIST, UNKNOWN_KEY
from . import verdict
from .report import Report


def _own_key(rep: Report, issuer_id: str, ctrl: str) -> tuple[str, str]:
    """Is a key resolved from ``ctrl`` (a DID or URL) the issuer's own, by what the issuer itself
    publishes?  Returns (how, why-not): ``how`` is '' when it is not established."""
    if not issuer_id or not ctrl:
        return "", ""
    if ctrl == issuer_id or did_of(ctrl) == did_of(issuer_id):
        return "its own " + ("DID" if issuer_id.startswith("did:") else "URL"), ""
    if issuer_id.startswith("https://"):
        # a key elsewhere is the issuer's only if the issuer's own profile lists it
        profile_url = did_of(issuer_id)
        try:
            profile = rep.ctx.resolver.document(profile_url, "the issuer's profile")
        except KeyUnresolved as exc:
            return "", f"the issuer's profile could not be read to see whether it lists that key: {exc}"
        if lists_key(profile, ctrl):
            return f"listed by the issuer's profile on {domain_of(issuer_id)}", ""
        return "", "the issuer's profile does not list that key"
    return "", ""


def issuer_key(rep: Report, issuer_id: str, controllers: list[str]) -> bool:
    """Is the key that signed it the issuer's?  Returns True only when that is established.

    The trusted list is consulted by the issuer id alone; the signing key must then belong to that
    entry (its DID, its pinned JWK, keys published under its id).  Otherwise the key counts only if it
    is the issuer's own: the issuer's DID, its URL, or a key its profile lists.  A key's ``controller``
    is where it was resolved from (see did.KeyResolver), never what a key document says of itself."""
    if not controllers:
        rep.add("issuer_key", SKIPPED, "no checked signature to tie to the issuer", important=False)
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
            rep.add("issuer_key", PASS, f"signed with the key your trusted list holds for {who}")
            return True
        if entry.jwk:
            rep.add("issuer_key", FAIL, f"claims to be {who}, but it is signed by {verdict.short_key(ctrl, 40)}, "
                                        "not by the one key your trusted list accepts for that issuer")
            return False
    why_not = ""
    for c in controllers:
        how, why = _own_key(rep, issuer_id, c)
        if how:
            rep.issuer["key"] = c
            dom = domain_of(issuer_id) if domain_of(c) or how.startswith("listed") else ""
            if dom:
                rep.issuer["domain"] = dom
            rep.add("issuer_key", PASS, f"signed with a key that belongs to the issuer ({how}: {issuer_id[:60]})")
            return True
        why_not = why_not or why
    if issuer_id.startswith(("did:key:", "did:jwk:")) and ctrl.startswith("did:"):
        # the issuer's only keys are in its DID itself: a different signer is certainly not the issuer
        rep.add("issuer_key", FAIL, f"signed by {ctrl[:60]}, which is not the issuer {issuer_id[:60]}")
        return False
    rep.add("issuer_key", SKIPPED,
            f"could not confirm that the signing key ({ctrl[:50]}) belongs to the issuer ({issuer_id[:50]})"
            + (f": {why_not}" if why_not else ""), important=False)
    return False


def issuer_trust(rep: Report, issuer_id: str, key_is_issuers: bool) -> None:
    """The issuer_trust check and the rung of the confirmation ladder (``rep.issuer``): trusted list,
    a key published on the issuer's own domain, an unknown key."""
    entry = rep.ctx.trust.find(issuer_id)
    if entry is not None and key_is_issuers:
        rep.issuer.update(confirmation=TRUST_LIST, trusted_name=entry.name or entry.id)
        rep.issuer.pop("domain", None)
        rep.add("issuer_trust", PASS, f"issuer is in your trusted list ({entry.name or entry.id})")
        return
    domain = rep.issuer.get("domain") if key_is_issuers else None
    key = rep.issuer.get("key")
    if domain:
        rep.issuer["confirmation"] = ISSUER_DOMAIN
        ladder = f"its key is published on its own web domain ({domain}), which says nothing about its name"
    elif key:
        rep.issuer["confirmation"] = UNKNOWN_KEY
        rep.issuer.pop("domain", None)
        ladder = f"the key that signed it ({verdict.short_key(key, 40)}) ties it to no name"
    else:
        rep.issuer["confirmation"] = NOT_CONFIRMED
        rep.issuer.pop("domain", None)
        ladder = "nothing ties it to its name"
    if entry is None:
        rep.add("issuer_trust", SKIPPED, f"issuer is not in your trusted list; {ladder}")
    else:
        rep.add("issuer_trust", SKIPPED, f"claims to be {entry.name or entry.id}, which you trust, but the "
                                         "signature could not be tied to that issuer")
