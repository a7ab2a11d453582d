"""Micro-credential elements (Council Recommendation of 16 June 2022 on a European approach to
micro-credentials, Annex I, mandatory elements): which ones a credential's description carries.

This describes how complete the *credential* is, never the learner.
"""

from __future__ import annotations

from typing import Any

from ..model import Normalized

ELEMENTS = (
    ("learner", "Identification of the learner"),
    ("title", "Title of the micro-credential"),
    ("country", "Country or region of the issuer"),
    ("awarding_body", "Awarding body"),
    ("date_of_issue", "Date of issuing"),
    ("learning_outcomes", "Learning outcomes"),
    ("workload", "Notional workload (e.g. ECTS credits)"),
    ("level", "Level (and cycle), if applicable (EQF, QF-EHEA)"),
    ("assessment", "Type of assessment"),
    ("participation", "Form of participation in the learning activity"),
    ("quality_assurance", "Type of quality assurance used"),
)


def elements(n: Normalized) -> dict[str, Any]:
    present = {
        "learner": bool(n.subject_name or n.subject_id),
        "title": bool(n.title),
        "country": bool(n.extra.get("issuer_country")),
        "awarding_body": bool(n.issuer_name or n.issuer_id),
        "date_of_issue": bool(n.issued),
        "learning_outcomes": bool(n.skills) or bool(n.extra.get("learning_outcomes")),
        "workload": bool(n.credits),
        "level": bool(n.level),
        "assessment": bool(n.extra.get("assessment") or n.extra.get("results")),
        "participation": bool(n.extra.get("participation")),
        "quality_assurance": bool(n.extra.get("quality_assurance")),
    }
    return {
        "present": [k for k, _ in ELEMENTS if present[k]],
        "missing": [k for k, _ in ELEMENTS if not present[k]],
        "labels": dict(ELEMENTS),
        "completeness": f"{sum(present.values())} of {len(ELEMENTS)}",
    }
