"""The verdict: one roll-up rule and one headline, used by the engine, the presentation verifier and
every front end (CLI, desktop, PDF), so that they all say the same thing in the same words.

Roll-up (``rollup``):

- ``invalid``: an important check failed (a broken signature, a revoked or altered credential...);
- ``unverified`` ("not checked"): the signature was not checked (it needs the network, the suite is
  not supported, or the document carries no signature at all);
- ``warning``: the signature is confirmed and something lesser is off: the issuer is not confirmed,
  the credential expired, its status could not be checked;
- ``verified``: everything was checked and holds.

Headline (``headline``): the verdict in one sentence, naming how the issuer was confirmed, strongest
first: in the trusted list; by a key published on the issuer's own web domain; by an unknown key.
When the issuer is not in the trusted list, it says that the name shown is the credential's own claim.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import (FAIL, INVALID, ISSUER_DOMAIN, NOT_CONFIRMED, PASS, SKIPPED, TRUST_LIST, UNKNOWN_KEY,
                     UNVERIFIED, VERIFIED, WARNING, Check, Normalized, VerificationReport)

STATUS_WORDS = {VERIFIED: "Verified", WARNING: "Verified with warnings", INVALID: "Invalid",
                UNVERIFIED: "Not checked"}

# checks that describe the issuer's identity: the headline words them itself
_ISSUER_CHECKS = ("issuer_key", "issuer_trust")


def is_signature(check_id: str) -> bool:
    """The check that says whether the issuer's signature (or Merkle receipt) holds; in a presentation,
    each credential's one (``credential1.signature``)."""
    return check_id == "signature" or check_id.endswith(".signature")


def rollup(checks: Iterable[Check], unverifiable: bool = False) -> str:
    """The one verdict rule for a credential or a presentation (see the module docstring)."""
    checks = list(checks)
    if any(c.status == FAIL and c.important for c in checks):
        return INVALID
    sigs = [c for c in checks if is_signature(c.id)]
    if unverifiable or not sigs or any(c.status != PASS for c in sigs):
        return UNVERIFIED
    if any(c.status == FAIL or (c.status == SKIPPED and c.important) for c in checks):
        return WARNING
    return VERIFIED


def short_key(ref: str, keep: int = 16) -> str:
    return ref if len(ref) <= keep + 1 else ref[:keep] + "…"


def confirmation(report: VerificationReport) -> dict:
    """How the issuer was confirmed (``report.issuer``), worked out from the checks for reports stored
    before it was recorded."""
    if report.issuer.get("confirmation"):
        return report.issuer
    trust = next((c for c in report.checks if c.id == "issuer_trust"), None)
    if trust is not None and trust.status == PASS:
        return {"confirmation": TRUST_LIST}
    sig = next((c for c in report.checks if is_signature(c.id)), None)
    return {"confirmation": UNKNOWN_KEY if sig is not None and sig.status == PASS else NOT_CONFIRMED}


def issuer_words(report: VerificationReport, normalized: Normalized | None = None) -> str:
    """How the issuer was confirmed, in the words every front end shows."""
    info = confirmation(report)
    rung = info.get("confirmation")
    name = ""
    if normalized is not None:
        name = normalized.issuer_name or normalized.issuer_id
    claimed = f"'{name}' is the name the signer gave itself" if name else "the signer did not name itself"
    if rung == TRUST_LIST:
        trusted = info.get("trusted_name") or name
        return f"issuer confirmed: in your trusted list as '{trusted}'" if trusted else \
            "issuer confirmed: in your trusted list"
    if rung == ISSUER_DOMAIN:
        return f"issuer confirmed only by its web domain ({info.get('domain')}): {claimed}"
    if rung == UNKNOWN_KEY:
        key = info.get("key")
        return f"issuer not confirmed: {claimed}" + (f" (key {short_key(key)})" if key else "")
    return f"issuer not confirmed: '{name}' is the credential's own claim" if name else "issuer not confirmed"


def _lesser(report: VerificationReport) -> list[str]:
    return [c.message for c in report.checks
            if c.id not in _ISSUER_CHECKS and not is_signature(c.id)
            and (c.status == FAIL or (c.status == SKIPPED and c.important))]


def headline(report: VerificationReport, normalized: Normalized | None = None) -> str:
    """The verdict in one line, e.g. "Signature valid — issuer not confirmed: 'Harvard University' is
    the name the signer gave itself (key did:key:z6MkhaXgBZDv…)"."""
    status = report.status
    if status == INVALID:
        bad = next((c for c in report.checks if c.status == FAIL and c.important), None)
        return "Invalid — " + (bad.message if bad else "an important check failed")
    if status == UNVERIFIED:
        sig = next((c for c in report.checks if is_signature(c.id) and c.status != PASS), None)
        why = sig.message if sig else next((c.message for c in report.checks if c.status == SKIPPED),
                                           "the signature was not checked")
        return f"Not checked — {why}; " + issuer_words(report, normalized)
    line = "Signature valid — " + issuer_words(report, normalized)
    lesser = _lesser(report)
    if lesser:
        line += " — also: " + "; ".join(lesser[:2])
    return line
