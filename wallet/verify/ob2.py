"""Open Badges 2.0: hosted assertions (fetched from the issuer, on an origin its profile allows), signed
assertions (a JWS), and Blockcerts 2 certificates (an Open Badges 2.0 assertion in a Merkle receipt)."""

from __future__ import annotations

from typing import Any

from ..crypto.did import domain_of
from ..crypto.jsonld import JsonLdProblem
from ..formats.common import as_dict, as_list, as_str, ident, types_of
from ..formats.ob2 import OB2_CONTEXTS
from ..messages import Message, msg
from ..model import FAIL, PASS, SKIPPED
from .checks import parse_time, validity
from .issuer import issuer_key, issuer_trust
from .jws import jws_check
from .report import Report
from .signed_view import signed_view


def ob2_problems(a: dict[str, Any]) -> list[str]:
    p = []
    if "Assertion" not in types_of(a):
        p.append("type is not Assertion")
    if not isinstance(a.get("recipient"), dict) or not a["recipient"].get("identity"):
        p.append("recipient is missing")
    if not a.get("badge"):
        p.append("badge is missing")
    if not isinstance(a.get("verification"), dict) or a["verification"].get("type") not in ("hosted", "signed",
                                                                                               "HostedBadge",
                                                                                               "SignedBadge"):
        p.append("verification type is missing or unknown")
    if parse_time(a.get("issuedOn")) is None:
        p.append("issuedOn is missing or not a date")
    img = a.get("image")
    if isinstance(img, str) and img.startswith("data:"):
        p.append("an assertion image may not be a data: URI")
    ctx = a.get("@context")
    if not any(c in OB2_CONTEXTS for c in (ctx if isinstance(ctx, list) else [ctx]) if isinstance(c, str)):
        p.append("@context is not the Open Badges 2.0 context")
    # verification.startsWith / allowedOrigins are the issuer's policy: they are read from the issuer's
    # profile (fetched, see _hosted_policy), never from the assertion, which anyone can write
    return p


def _fetch_json(rep: Report, url: str, what: str) -> Any:
    import json as _json

    from ..fetch import FetchRefused

    if not isinstance(url, str) or not url.startswith("https://"):
        raise ValueError(msg("error.ob2.not_https", what=what, url=repr(str(url)[:80])))
    try:
        return _json.loads(rep.ctx.fetcher.get(url))
    except FetchRefused as exc:
        raise ValueError(msg("error.ob2.fetch_failed", what=what, url=url, reason=exc)) from exc
    except ValueError as exc:
        raise ValueError(msg("error.ob2.not_json", what=what, url=url)) from exc


def _hosted_policy(rep: Report, assertion: dict[str, Any]) -> tuple[str, str]:
    """Fetch the badge class and the issuer's profile; check the assertion's URL against the issuer's
    hosted-verification policy (``verification.allowedOrigins`` / ``startsWith`` of the profile; by
    default the issuer profile's own host).  Returns (issuer id, the domain the issuer vouches for);
    raises ValueError when it could not be established, PermissionError when the policy refuses it."""
    import urllib.parse

    badge = assertion.get("badge")
    if isinstance(badge, str):
        badge = _fetch_json(rep, badge, msg("word.badge_class"))
    if not isinstance(badge, dict):
        raise ValueError(msg("error.ob2.no_badge_class"))
    issuer_ref = badge.get("issuer")
    issuer_id = ident(issuer_ref)
    profile = _fetch_json(rep, issuer_id, msg("word.issuer_profile"))
    if not isinstance(profile, dict) or ident(profile) not in ("", issuer_id):
        raise ValueError(msg("error.ob2.other_issuer"))
    aid = as_str(assertion.get("id"))
    host = (urllib.parse.urlsplit(aid).hostname or "").lower()
    policy = as_dict(profile.get("verification"))
    starts = [x for x in as_list(policy.get("startsWith")) if isinstance(x, str) and x]
    origins = [x.lower() for x in as_list(policy.get("allowedOrigins")) if isinstance(x, str) and x]
    if starts and not any(aid.startswith(x) for x in starts):
        raise PermissionError(msg("error.ob2.outside_starts_with"))
    if origins and host not in origins:
        raise PermissionError(msg("error.ob2.outside_origins"))
    if not starts and not origins and host != domain_of(issuer_id):
        raise PermissionError(msg("error.ob2.other_host", host=host, domain=domain_of(issuer_id)))
    return issuer_id, host


def verify_ob2_hosted(info: dict[str, Any], rep: Report) -> None:
    """A hosted Open Badge 2.0 is authentic if the issuer still hosts this very assertion at its URL, on
    an origin the issuer's own profile allows.  Offline, neither that nor revocation can be checked."""
    offline = msg("word.offline_suffix") if not rep.ctx.online else ""
    if info.get("kind") == "ob2-url":
        rep.add("format", PASS, msg("check.ob2.baked_url"))
        rep.add("signature", SKIPPED, msg("check.ob2.hosted_offline", offline=offline))
        rep.add("status", SKIPPED, msg("check.ob2.status_not_fetched", offline=offline))
        return
    a = info["doc"]
    problems = ob2_problems(a)
    rep.add("format", FAIL if problems else PASS,
            msg("check.ob2.invalid", problems="; ".join(problems[:3])) if problems else msg("check.ob2.hosted_ok"))
    url = as_str(a.get("id"))
    badge = a.get("badge")
    issuer_id = ident(badge.get("issuer")) if isinstance(badge, dict) else ""
    hosted = False
    if not rep.ctx.online:
        rep.add("signature", SKIPPED, msg("check.ob2.authenticity_offline", offline=offline))
        rep.add("status", SKIPPED, msg("check.status.not_checked_offline", offline=offline))
    else:
        fetched: Any = None
        try:
            fetched = _fetch_json(rep, url, msg("word.hosted_assertion"))
            if fetched != a:
                rep.add("signature", FAIL, msg("check.ob2.hosted_differs"))
            else:
                issuer_id, host = _hosted_policy(rep, a)
                hosted = True
                rep.issuer.update(key=url, domain=host)
                rep.add("signature", PASS, msg("check.ob2.hosted_same", host=host))
        except PermissionError as exc:
            rep.add("signature", FAIL, msg("check.ob2.refused", reason=exc))
        except ValueError as exc:
            rep.add("signature", SKIPPED, msg("check.ob2.hosted_not_checked", reason=exc))
        if not hosted:
            rep.add("status", SKIPPED, msg("check.ob2.status_unconfirmed"))
        elif isinstance(fetched, dict) and fetched.get("revoked") is True:
            reason = fetched.get("revocationReason")
            rep.add("status", FAIL, msg("check.status.revoked_because", note=str(reason)[:120]) if reason
                    else msg("check.status.revoked"))
        else:
            rep.add("status", PASS, msg("check.ob2.still_hosted"))
    rep.add("issuer_key", PASS if hosted else SKIPPED,
            msg("check.ob2.own_origin") if hosted else msg("check.ob2.not_fetched"), important=False)
    issuer_trust(rep, issuer_id, hosted)
    validity(rep, a.get("issuedOn"), a.get("expires"))


def verify_blockcerts_v2(doc: dict[str, Any], rep: Report) -> dict[str, Any] | None:
    """Blockcerts 2 (an Open Badges 2.0 assertion whose RDF is hashed into a Merkle receipt): checked and
    shown from its signed view, like the JSON-LD credentials."""
    from . import blockcerts

    try:
        view = signed_view({k: v for k, v in doc.items() if k != "signature"}, rep.ctx.loader, ("Assertion",))
    except JsonLdProblem as exc:
        rep.add("format", FAIL, msg("check.format.refused", reason=exc))
        return None
    problems = [p for p in ob2_problems(view) if "verification type" not in p]
    rep.add("format", FAIL if problems else PASS,
            msg("check.blockcerts.invalid", problems="; ".join(problems[:3])) if problems
            else msg("check.blockcerts.ok"))
    blockcerts.check_v2(doc, rep, rep.ctx)
    badge = view.get("badge")
    issuer_id = ident(badge.get("issuer")) if isinstance(badge, dict) else ""
    rep.add("issuer_key", SKIPPED, msg("check.blockcerts.issuer_key"), important=False)
    issuer_trust(rep, issuer_id, False)
    issuer = badge.get("issuer") if isinstance(badge, dict) else None
    if isinstance(issuer, dict) and issuer.get("revocationList"):
        rep.add("status", SKIPPED, msg("check.status.list_not_checked", offline=_offline(rep)))
    else:
        rep.add("status", PASS, msg("check.status.no_list"))
    validity(rep, view.get("issuedOn"), view.get("expires"))
    return view


def verify_ob2_signed(info: dict[str, Any], rep: Report) -> None:
    a = info["claims"]
    problems = ob2_problems(a)
    rep.add("format", FAIL if problems else PASS,
            msg("check.ob2.invalid", problems="; ".join(problems[:3])) if problems else msg("check.ob2.signed_ok"))
    badge = a.get("badge")
    issuer_id = ident(badge.get("issuer")) if isinstance(badge, dict) else ""
    creator = a.get("verification", {}).get("creator") if isinstance(a.get("verification"), dict) else None
    ctrl = jws_check(rep, info["token"], creator if isinstance(creator, str) else issuer_id, (issuer_id,))
    issuer_trust(rep, issuer_id, issuer_key(rep, issuer_id, [ctrl] if ctrl else []))
    issuer = badge.get("issuer") if isinstance(badge, dict) else None
    if isinstance(issuer, dict) and "revocationList" not in issuer:
        rep.add("status", PASS, msg("check.status.no_list"))
    else:
        rep.add("status", SKIPPED, msg("check.status.list_not_checked", offline=_offline(rep)))

    validity(rep, a.get("issuedOn"), a.get("expires"))


def _offline(rep: Report) -> Message | str:
    return "" if rep.ctx.online else msg("word.offline_suffix")
