"""W3C Verifiable Credentials (VCDM 1.1 and 2.0) and the families built on them:
Open Badges 3.0, CLR 2.0, Europass EDC, Blockcerts v3.  Detection and normalization only."""

from __future__ import annotations

from typing import Any

from ..crypto.pointers import leaf_pointers, pointer_tokens
from ..model import Normalized, Skill
from .common import (alignment_skills, as_dict, as_list, contexts_of, evidence_list, ident, image_of, text,
                     types_of)

VC_V1 = "https://www.w3.org/2018/credentials/v1"
VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB3_PREFIX = "https://purl.imsglobal.org/spec/ob/v3p0/"
CLR_PREFIX = "https://purl.imsglobal.org/spec/clr/v2p0/"
BLOCKCERTS_PREFIX = "https://w3id.org/blockcerts/"
EDC_MARKERS = ("europa.eu/snb", "europass", "elm", "edc")


def is_vc(obj: Any) -> bool:
    ctx = contexts_of(obj)
    return bool(ctx) and ctx[0] in (VC_V1, VC_V2)


def family(obj: dict[str, Any]) -> str:
    ctx = contexts_of(obj)
    types = types_of(obj)
    if "ClrCredential" in types or any(c.startswith(CLR_PREFIX) for c in ctx):
        return "clr2"
    if types & {"OpenBadgeCredential", "AchievementCredential", "EndorsementCredential"} or any(
        c.startswith(OB3_PREFIX) for c in ctx
    ):
        return "ob3"
    if "BlockcertsCredential" in types or any(c.startswith(BLOCKCERTS_PREFIX) for c in ctx):
        return "blockcerts"
    if "EuropeanDigitalCredential" in types or any(m in c.lower() for c in ctx for m in EDC_MARKERS):
        return "edc"
    return "vc"


def _issuer(obj: dict[str, Any]) -> tuple[str, str]:
    iss = obj.get("issuer")
    return text(iss.get("name")) if isinstance(iss, dict) else "", ident(iss)


def _subject(obj: dict[str, Any]) -> dict[str, Any]:
    subs = [s for s in as_list(obj.get("credentialSubject")) if isinstance(s, dict)]
    return subs[0] if subs else {}


def _dates(obj: dict[str, Any]) -> tuple[str | None, str | None]:
    issued = obj.get("validFrom") or obj.get("issuanceDate") or obj.get("awardedDate")
    expires = obj.get("validUntil") or obj.get("expirationDate")
    return (issued if isinstance(issued, str) else None, expires if isinstance(expires, str) else None)


def _subject_name(sub: dict[str, Any]) -> str:
    name = text(sub.get("name"))
    if name:
        return name
    for ident_obj in as_list(sub.get("identifier")):
        if isinstance(ident_obj, dict) and ident_obj.get("identityType") in ("name", "emailAddress"):
            if ident_obj.get("hashed") is not True and isinstance(ident_obj.get("identityHash"), str):
                return ident_obj["identityHash"]
    return text(sub.get("email")) if isinstance(sub.get("email"), str) else ""


def _achievement_fields(n: Normalized, ach: dict[str, Any]) -> None:
    n.title = n.title or text(ach.get("name"))
    n.description = n.description or text(ach.get("description"))
    crit = ach.get("criteria")
    n.criteria = n.criteria or (text(crit.get("narrative")) or ident(crit) if isinstance(crit, dict) else "")
    n.image = n.image or image_of(ach.get("image"))
    n.skills += alignment_skills(ach.get("alignment"))
    for rd in as_list(ach.get("resultDescription")):
        if isinstance(rd, dict):
            n.skills += alignment_skills(rd.get("alignment"))
    credits = ach.get("creditsAvailable")
    if isinstance(credits, int | float) and not isinstance(credits, bool):
        n.credits = {"value": credits, "system": "credits"}
    if isinstance(ach.get("achievementType"), str):
        n.extra["achievement_type"] = ach["achievementType"]
    if isinstance(ach.get("fieldOfStudy"), str):
        n.extra["field_of_study"] = ach["fieldOfStudy"]
    if isinstance(ach.get("humanCode"), str):
        n.extra["human_code"] = ach["humanCode"]
    tags = [t for t in as_list(ach.get("tag")) if isinstance(t, str)]
    if tags:
        n.extra["achievement_tags"] = tags


def normalize(obj: dict[str, Any], fam: str, selective: bool = True) -> Normalized:
    """The display record.  For a checked credential ``obj`` is its signed view (wallet.verify.signed_view),
    so nothing the proof does not cover is read; the parser's first call on the raw JSON is replaced."""
    issuer_name, issuer_id = _issuer(obj)
    sub = _subject(obj)
    issued, expires = _dates(obj)
    n = Normalized(
        title=text(obj.get("name")),
        description=text(obj.get("description")),
        issuer_name=issuer_name,
        issuer_id=issuer_id,
        subject_name=_subject_name(sub),
        subject_id=ident(sub),
        issued=issued,
        expires=expires,
        image=image_of(obj.get("image")),
        evidence=evidence_list(obj.get("evidence")),
        credential_id=ident(obj) or None,
    )
    iss = obj.get("issuer")
    if isinstance(iss, dict) and isinstance(iss.get("address"), dict):
        country = text(iss["address"].get("addressCountry")) or text(iss["address"].get("addressCountryCode"))
        if country:
            n.extra["issuer_country"] = country
    ach = sub.get("achievement")
    if isinstance(ach, dict):
        _achievement_fields(n, ach)
    for res in as_list(sub.get("result")):
        if isinstance(res, dict):
            n.extra.setdefault("results", []).append(
                {k: res[k] for k in ("achievedLevel", "status", "value") if isinstance(res.get(k), str)}
            )
    if isinstance(sub.get("creditsEarned"), int | float) and not isinstance(sub.get("creditsEarned"), bool):
        n.credits = {"value": sub["creditsEarned"], "system": "credits"}
    if fam == "clr2":
        nested = []
        for vc in as_list(sub.get("verifiableCredential")):
            if isinstance(vc, dict):
                inner = normalize(vc, family(vc), selective=False)
                nested.append({"title": inner.title, "issuer": inner.issuer_name or inner.issuer_id})
                n.skills += inner.skills
        for a in as_list(sub.get("achievement")):
            if isinstance(a, dict):
                n.skills += alignment_skills(a.get("alignment"))
        n.extra["nested"] = nested
    if fam == "edc":
        _edc(n, obj, sub)
    if fam == "blockcerts":
        n.subject_name = n.subject_name or text(sub.get("name"))
    n.skills = _dedupe(n.skills)
    if obj.get("endorsement"):
        n.extra["endorsements"] = len(as_list(obj.get("endorsement")))
    if selective:
        _selective(n, obj)
    return n


def selective_fields(obj: dict[str, Any]) -> tuple[list[str], list[str]] | None:
    """For a credential with a selective-disclosure base proof (ecdsa-sd-2023, bbs-2023): (the fields
    the learner can choose to show, the mandatory pointers the issuer always shows); else None."""
    from ..crypto.selective import mandatory_pointers

    pointers = mandatory_pointers(obj)
    if pointers is None:
        return None
    mandatory = [pointer_tokens(m) for m in pointers]
    fields = [p for p in leaf_pointers(obj) if not any(pointer_tokens(p)[: len(m)] == m for m in mandatory)]
    return fields, list(pointers)


def _selective(n: Normalized, obj: dict[str, Any]) -> None:
    sel = selective_fields(obj)
    if sel is not None:
        n.extra["disclosable"], n.extra["always_shared"] = sel


def _edc(n: Normalized, obj: dict[str, Any], sub: dict[str, Any]) -> None:
    """Europass EDC: learning achievements with learning outcomes, credits (ECTS) and EQF level."""
    disp = as_dict(obj.get("displayParameter"))
    n.title = n.title or text(disp.get("title"))
    n.description = n.description or text(disp.get("description"))
    claims = [c for c in as_list(sub.get("hasClaim") or sub.get("learningAchievement")) if isinstance(c, dict)]
    for claim in claims:
        n.title = n.title or text(claim.get("title"))
        spec = as_dict(claim.get("specifiedBy"))
        for lo in as_list(spec.get("learningOutcome")):
            if isinstance(lo, dict):
                name = text(lo.get("title")) or text(lo.get("name"))
                esco = next((ident(r) for r in as_list(lo.get("relatedESCOSkill")) if ident(r)), None)
                if name:
                    n.skills.append(Skill(name=name, framework="ESCO" if esco else None, url=esco))
        for credit in as_list(spec.get("creditPoint") or spec.get("ECTSCreditPoint")):
            if isinstance(credit, dict) and isinstance(credit.get("point"), str | int | float):
                n.credits = {"value": credit["point"], "system": text(credit.get("framework")) or "ECTS"}
            elif isinstance(credit, int | float | str):
                n.credits = {"value": credit, "system": "ECTS"}
        for lvl in as_list(spec.get("eqfLevel") or spec.get("EQFLevel")):
            level = ident(lvl) or text(lvl)
            if level:
                n.level = {"value": level.rsplit("/", 1)[-1], "framework": "EQF"}


def _dedupe(skills: list[Skill]) -> list[Skill]:
    seen, out = set(), []
    for s in skills:
        key = (s.name.casefold(), s.url or "", s.code or "")
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out
