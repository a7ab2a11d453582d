"""What every kind of presentation check shares: the list of checks it rolls up (with the one verdict
rule, verify.verdict.rollup), the result an employer reads, and the audience/nonce and freshness comparisons."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..messages import msg
from ..model import FAIL, PASS, SKIPPED, Check
from ..verify import verdict
from ..verify.checks import day
from .audience import same_audience

MAX_KB_AGE = dt.timedelta(days=31)  # a KB-JWT older than this is stale even without an exp claim


@dataclass
class PresentationResult:
    status: str
    kind: str
    holder: str = ""
    issuer: str = ""
    disclosed: list[dict[str, Any]] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "kind": self.kind, "issuer": self.issuer, "holder": self.holder,
                "disclosed": self.disclosed, "checks": [c.to_json() for c in self.checks]}


class PresentationChecks:
    def __init__(self, at: str):
        self.at = at
        self.checks: list[Check] = []

    def add(self, cid: str, status: str, message: str, important: bool = True) -> None:
        self.checks.append(Check(cid, status, message, self.at, important))

    def absorb(self, prefix: str, report: Any, drop: tuple[str, ...] = ()) -> None:
        for c in report.checks:
            if c.id in drop:
                continue
            self.checks.append(Check(f"{prefix}.{c.id}", c.status, c.message, c.checked_at, c.important,
                                     c.message_id, dict(c.args)))

    def status(self) -> str:
        return verdict.rollup(self.checks)  # the engine's one roll-up rule, for presentations too


def expect(out: PresentationChecks, cid: str, got: Any, wanted: str | None, what: str) -> None:
    if wanted is None:
        out.add(cid, SKIPPED, msg("check.expect.not_compared", what=what, got=repr(got)), important=False)
    elif got == wanted or (cid == "audience" and same_audience(got, wanted)):
        out.add(cid, PASS, msg("check.expect.matches", what=what, wanted=wanted))
    else:
        out.add(cid, FAIL, msg("check.expect.differs", what=what, got=repr(got), wanted=repr(wanted)))


def freshness(out: PresentationChecks, claims: dict[str, Any], now: dt.datetime, what: str) -> None:
    """iat / exp of a JWT made at presentation time (a KB-JWT, a VP-JWT)."""
    iat = claims.get("iat")
    if not isinstance(iat, int | float) or isinstance(iat, bool):
        out.add("freshness", FAIL, msg("check.freshness.no_iat", what=what))
        return
    try:
        issued = dt.datetime.fromtimestamp(iat, dt.timezone.utc)
        exp = claims.get("exp")
        expires = dt.datetime.fromtimestamp(exp, dt.timezone.utc) if isinstance(exp, int | float) else None
    except (OverflowError, OSError, ValueError):
        out.add("freshness", FAIL, msg("check.freshness.impossible", what=what))
        return
    if issued > now + dt.timedelta(minutes=5):
        out.add("freshness", FAIL, msg("check.freshness.future", date=day(issued)))
    elif expires is not None and expires < now:
        out.add("freshness", FAIL, msg("check.freshness.expired", date=day(expires)))
    elif expires is None and now - issued > MAX_KB_AGE:
        out.add("freshness", FAIL, msg("check.freshness.too_old", date=day(issued)))
    else:
        out.add("freshness", PASS, msg("check.freshness.presented", date=day(issued)))
