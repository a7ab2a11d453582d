"""Which format is this?  Decided from the bytes alone."""

from __future__ import annotations

from ..errors import BadInput
from . import FORMAT_UNKNOWN, Parsed
from .jsonutil import loads_strict
from ..model import Normalized


def parse(data: bytes, source: str = "input") -> Parsed:
    """Parse untrusted bytes into a normalized record, or raise a BadInput naming ``source``."""
    stripped = data.lstrip()
    if stripped[:1] in (b"{", b"["):
        obj = loads_strict(data, source)
        if not isinstance(obj, dict):
            raise BadInput("JSON is not an object", path=source)
        title = obj.get("name") if isinstance(obj.get("name"), str) else ""
        return Parsed(FORMAT_UNKNOWN, Normalized(title=title or "", credential_id=_str(obj.get("id"))), obj)
    raise BadInput("not a credential format credwallet can read", path=source)


def _str(v: object) -> str | None:
    return v if isinstance(v, str) and v else None
