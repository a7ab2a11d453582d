"""One untrusted input, parsed and checked without touching the vault: what an import checks (in the
checking process, wallet.bounded) and what ``verify FILE`` checks."""

from __future__ import annotations

from ..errors import BadInput
from ..messages import msg
from ..formats import Parsed, detect
from ..model import VerificationReport
from . import engine
from .engine import VerifyContext

# parse + verify result: (parsed, report), or a one-line error message
Checked = tuple[Parsed, VerificationReport] | str


def check_bytes(data: bytes, source: str, max_bytes: int, ctx: VerifyContext) -> tuple[Parsed, VerificationReport]:
    """Parse and verify one credential, refusing it before any parsing when it is over ``max_bytes``."""
    if len(data) > max_bytes:
        raise BadInput(msg("error.input.over_import_limit", max=f"{max_bytes:,}"), path=source)

    parsed = detect.parse(data, source)
    return parsed, engine.verify(parsed, ctx)
