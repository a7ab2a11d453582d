"""Which credentials expire soon: the collection's "expiring within 90 days" filter and the unlock notice."""

from __future__ import annotations

import datetime as dt
from typing import Any

NOTICE_DAYS = 30  # the unlock notice
FILTER_DAYS = 90  # the collection filter


def expires_at(value: Any) -> dt.datetime | None:
    """A credential's expiry as an aware datetime (the same reader the validity check uses), or None."""
    from .verify.engine import parse_time

    return parse_time(value)


def expiring(summaries: list[Any], within_days: int, now: dt.datetime) -> list[Any]:
    """The summaries whose ``expires`` falls between ``now`` and ``within_days`` days later, soonest first.

    Already expired ones are not "expiring": the validity check reports them."""
    end = now + dt.timedelta(days=within_days)
    found = []
    for s in summaries:
        t = expires_at(getattr(s, "expires", None))
        if t is not None and now <= t <= end:
            found.append((t, s))
    found.sort(key=lambda x: x[0])
    return [s for _t, s in found]
