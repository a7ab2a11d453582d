"""Open Badges 2.0 assertions: hosted (JSON) and signed (JWS), with embedded badge class and issuer."""

from __future__ import annotations

from typing import Any

from ..model import Normalized
from .common import alignment_skills, as_dict, as_str, evidence_list, ident, image_of, text, types_of

OB2_CONTEXTS = ("https://w3id.org/openbadges/v2", "https://openbadgespec.org/v2/context.json")


def is_ob2(obj: Any) -> bool:
    if not isinstance(obj, dict):
        return False
    ctx = obj.get("@context")
    ctxs = ctx if isinstance(ctx, list) else [ctx]
    if any(isinstance(c, str) and c.startswith("https://w3id.org/blockcerts/") for c in ctxs):
        return False
    if any(c in OB2_CONTEXTS for c in ctxs if isinstance(c, str)):
        return True
    return "Assertion" in types_of(obj) and "badge" in obj and "recipient" in obj


def is_blockcerts_v2(obj: Any) -> bool:
    """Blockcerts 2.x: an Open Badges 2.0 assertion extended with a MerkleProof2017 signature."""
    if not isinstance(obj, dict) or not isinstance(obj.get("signature"), dict):
        return False
    ctx = obj.get("@context")
    ctxs = ctx if isinstance(ctx, list) else [ctx]
    return any(isinstance(c, str) and c.startswith("https://w3id.org/blockcerts/v2") for c in ctxs)


def normalize(obj: dict[str, Any]) -> Normalized:
    badge = as_dict(obj.get("badge"))
    issuer = as_dict(badge.get("issuer"))
    criteria = badge.get("criteria")
    recipient = as_dict(obj.get("recipient"))
    identity = as_str(recipient.get("identity"))
    hashed = recipient.get("hashed") is True
    n = Normalized(
        title=text(badge.get("name")) or ("Badge at " + obj["badge"] if isinstance(obj.get("badge"), str) else ""),
        description=text(badge.get("description")),
        issuer_name=text(issuer.get("name")),
        issuer_id=ident(badge.get("issuer")),
        subject_name="" if hashed else identity,
        subject_id="" if hashed else identity,
        issued=obj.get("issuedOn") if isinstance(obj.get("issuedOn"), str) else None,
        expires=obj.get("expires") if isinstance(obj.get("expires"), str) else None,
        criteria=text(criteria.get("narrative")) if isinstance(criteria, dict) else (criteria if isinstance(criteria, str) else ""),
        image=image_of(obj.get("image")) or image_of(badge.get("image")),
        skills=alignment_skills(badge.get("alignment")),
        evidence=evidence_list(obj.get("evidence")),
        credential_id=ident(obj) or None,
    )
    if hashed:
        n.extra["recipient_hashed"] = True
    tags = [t for t in badge.get("tags", []) if isinstance(t, str)] if isinstance(badge.get("tags"), list) else []
    if tags:
        n.extra["badge_tags"] = tags
    if isinstance(obj.get("endorsement"), list) or isinstance(badge.get("endorsement"), list):
        n.extra["endorsements"] = len(obj.get("endorsement") or []) + len(badge.get("endorsement") or [])
    return n
