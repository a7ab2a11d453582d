"""How strongly a credential evidences its skills: an assessed result, or participation."""

from __future__ import annotations

import re

from ..model import Normalized

ASSESSED, PARTICIPATION = "assessed", "participation"
_ASSESSED_WORDS = re.compile(r"\b(assess\w*|exam\w*|test(ed)?|pass(ed)?|grade[ds]?|graded|score[ds]?|"
                             r"proctored|practical|capstone|demonstrat\w*|certif\w*)\b", re.I)
_ASSESSED_TYPES = {"certification", "certificate", "license", "assessmentresult", "course", "degree", "diploma"}


def strength_of(n: Normalized) -> str:
    """``assessed`` when the credential records a result or describes an assessment; else participation."""
    if n.extra.get("results"):
        return ASSESSED
    if str(n.extra.get("achievement_type", "")).lower() in _ASSESSED_TYPES:
        return ASSESSED
    if n.extra.get("assessment"):
        return ASSESSED
    return ASSESSED if _ASSESSED_WORDS.search(n.criteria or "") else PARTICIPATION
