"""How strongly a credential evidences its skills: an assessed result, or participation.

The rule is ``Normalized.evidence_strength`` (wallet/model.py), so that the store can index it without
calling up into the portfolio layer; this module names it for the portfolio's readers."""

from __future__ import annotations

from ..model import ASSESSED, PARTICIPATION, Normalized

__all__ = ["ASSESSED", "PARTICIPATION", "strength_of"]


def strength_of(n: Normalized) -> str:
    """``assessed`` when the credential records a result or describes an assessment; else participation."""
    return n.evidence_strength()
