"""Checks every credential family shares: the W3C data model, the dates (issued, expires), the subject."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..formats.common import as_list, contexts_of, ident, types_of
from ..messages import msg
from ..model import FAIL, PASS, SKIPPED
from .report import Report

VC_V1 = "https://www.w3.org/2018/credentials/v1"
VC_V2 = "https://www.w3.org/ns/credentials/v2"
_DATETIME = re.compile(r"^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_time(s: Any) -> dt.datetime | None:
    if not isinstance(s, str):
        return None
    s = s.strip()
    try:
        if _DATE_ONLY.match(s):
            return dt.datetime.fromisoformat(s).replace(tzinfo=dt.timezone.utc)
        if not _DATETIME.match(s):
            return None
        t = dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=dt.timezone.utc)


def day(t: dt.datetime) -> str:
    """A date as people read it, "5 Nov 2026" (no "%-d": Windows' strftime refuses it)."""
    return f"{t.day} {t.strftime('%b %Y')}"


def data_model_problems(doc: dict[str, Any], fam: str) -> list[str]:
    problems = []
    ctx = contexts_of(doc)
    if not ctx or ctx[0] not in (VC_V1, VC_V2):
        problems.append("the first @context is not the W3C credentials context")
    types = types_of(doc)
    if "VerifiableCredential" not in types:
        problems.append("type does not include VerifiableCredential")
    subs = as_list(doc.get("credentialSubject"))
    if not subs or not all(isinstance(s, dict) and s for s in subs):
        problems.append("credentialSubject is missing or empty")
    issuer = ident(doc.get("issuer"))
    if not issuer or ":" not in issuer:
        problems.append("issuer is missing or not a URL")
    if "id" in doc and (not isinstance(doc["id"], str) or ":" not in doc["id"]):
        problems.append("id is not a URL")
    v1 = bool(ctx) and ctx[0] == VC_V1
    if v1 and "issuanceDate" not in doc:
        problems.append("issuanceDate is missing (required by VCDM 1.1)")
    for key in ("issuanceDate", "expirationDate", "validFrom", "validUntil"):
        if key in doc and parse_time(doc[key]) is None:
            problems.append(f"{key} is not a valid date-time: {str(doc[key])[:40]!r}")
    for st in as_list(doc.get("credentialStatus")):
        if not isinstance(st, dict) or not st.get("type"):
            problems.append("credentialStatus has no type")
    for sc in as_list(doc.get("credentialSchema")):
        if not isinstance(sc, dict) or not sc.get("id") or not sc.get("type"):
            problems.append("credentialSchema needs an id and a type")
    if fam == "ob3" and types & {"OpenBadgeCredential", "AchievementCredential"}:
        sub = subs[0] if subs and isinstance(subs[0], dict) else {}
        if "AchievementSubject" not in types_of(sub):
            problems.append("credentialSubject is not typed AchievementSubject")
        ach = sub.get("achievement")
        if not isinstance(ach, dict) or "Achievement" not in types_of(ach):
            problems.append("credentialSubject.achievement is missing or not typed Achievement")
        iss = doc.get("issuer")
        if isinstance(iss, dict) and "Profile" not in types_of(iss):
            problems.append("issuer is not typed Profile")
        for ev in as_list(doc.get("evidence")):
            if isinstance(ev, dict) and "Evidence" not in types_of(ev):
                problems.append("evidence is not typed Evidence")
    return problems


def validity(rep: Report, issued: Any, expires: Any) -> None:
    now = rep.ctx.clock()
    t_from = parse_time(issued) if issued is not None else None
    t_until = parse_time(expires) if expires is not None else None
    if issued is not None and t_from is None:
        rep.add("validity", FAIL, msg("check.validity.bad_issue_date", value=repr(str(issued)[:40])))
        return
    if expires is not None and t_until is None:
        rep.add("validity", FAIL, msg("check.validity.bad_expiry_date", value=repr(str(expires)[:40])))
        return
    if t_from and t_until and t_until < t_from:
        rep.add("validity", FAIL, msg("check.validity.expires_before_issued", expires=day(t_until), issued=day(t_from)))
        return
    if t_from and t_from > now + dt.timedelta(minutes=5):
        rep.add("validity", FAIL, msg("check.validity.not_yet_valid", date=day(t_from)))
        return
    rep.add("validity", PASS, msg("check.validity.issued", date=day(t_from)) if t_from
            else msg("check.validity.no_issue_date"))
    if t_until is None:
        rep.add("expiry", PASS, msg("check.expiry.none"))
    elif t_until < now:
        rep.add("expiry", FAIL, msg("check.expiry.expired", date=day(t_until)), important=False)
    else:
        rep.add("expiry", PASS, msg("check.expiry.valid_until", date=day(t_until)))


def subject(rep: Report, subject_ids: list[str]) -> None:
    holders = rep.ctx.holder_dids
    dids = [s for s in subject_ids if s.startswith("did:")]
    if not dids:
        rep.add("subject", SKIPPED, msg("check.subject.no_subject_key"), important=False)
    elif not holders:
        rep.add("subject", SKIPPED, msg("check.subject.no_holder_key"), important=False)
    elif any(s in holders for s in dids):
        rep.add("subject", PASS, msg("check.subject.holder"))
    else:
        rep.add("subject", SKIPPED, msg("check.subject.other"), important=False)

