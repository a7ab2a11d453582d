"""Is a presentation made for this verifier?  One rule, used by every verifier (CLI, desktop, the web page
mirrors it in ui/web/verifier/src/engine.js ``sameAudience``).

A web audience is an origin: ``https://employer.example/``, ``HTTPS://Employer.example`` and
``https://employer.example:443`` are the same verifier.  Only a bare origin is read that way (scheme, host,
optional port, an empty path or ``/``); anything else — a path, a query, user info, a DID, an OpenID4VP
client id — must match exactly, character for character.
"""

from __future__ import annotations

import re
from typing import Any

_ORIGIN = re.compile(r"^(https?)://([A-Za-z0-9.-]+)(?::([0-9]{1,5}))?/?$", re.IGNORECASE)
_DEFAULT_PORT = {"https": 443, "http": 80}


def origin(value: Any) -> tuple[str, str, int] | None:
    """(scheme, host, port) of a bare http(s) origin, lower-cased; None for anything else."""
    if not isinstance(value, str):
        return None
    m = _ORIGIN.match(value)
    if not m:
        return None
    scheme, host = m.group(1).lower(), m.group(2).lower().rstrip(".")
    port = int(m.group(3)) if m.group(3) else _DEFAULT_PORT[scheme]
    return (scheme, host, port) if host else None


def same_audience(got: Any, wanted: Any) -> bool:
    if got == wanted:
        return True
    a, b = origin(got), origin(wanted)
    return a is not None and a == b
