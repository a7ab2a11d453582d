"""Admission to the vault: what decides whether one checked input becomes a stored credential (refused,
duplicate, or a new record).  Used by importing and by backup (a backup's credentials are admitted exactly
as an import admits them); not a use case itself."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from typing import Any

from ..clock import iso
from ..errors import WalletError
from ..model import INVALID, Credential
from ..verify.engine import VerifyContext
from ..verify.inputs import Checked, check_bytes
from .session import Session

log = logging.getLogger(__name__)


@dataclass
class ImportResult:
    """One input's outcome; ``to_json`` is the documented ``import --json`` shape."""

    input: str
    id: str | None = None
    format: str | None = None
    status: str | None = None
    checks: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    duplicate: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_json(self) -> dict[str, Any]:
        return {"input": self.input, "id": self.id, "format": self.format, "status": self.status,
                "checks": self.checks, "error": self.error, "duplicate": self.duplicate}


def credential_id_for(sha256: str) -> str:
    return sha256[:16]


class Pending:
    """Credentials accepted in the batch not yet committed (so duplicates inside one import are caught)."""

    def __init__(self) -> None:
        self.by_sha: dict[str, str] = {}
        self.by_key: dict[str, str] = {}
        self.status: dict[str, str] = {}

    def find(self, sha: str, key: str | None) -> str | None:
        return self.by_sha.get(sha) or (self.by_key.get(key) if key else None)

    def add(self, cred: Credential) -> None:
        self.by_sha[cred.sha256] = cred.id
        if cred.normalized.credential_id:
            self.by_key[cred.normalized.credential_id] = cred.id
        self.status[cred.id] = cred.report.status

    def clear(self) -> None:
        self.by_sha.clear()
        self.by_key.clear()
        self.status.clear()


def admit(s: Session, data: bytes, source: str, file_name: str | None, ctx: VerifyContext, keep_invalid: bool,
          checked: Checked | None, pending: Pending) -> tuple[ImportResult, Credential | None]:
    """The record to store for one input (or None, with the reason in the result).  ``checked``: the
    parse+verify result from the checking process; None checks here, in this process."""
    result = ImportResult(input=source)
    try:
        if checked is None:
            checked = check_bytes(data, source, s.max_file_bytes, ctx)
        if isinstance(checked, str):
            raise WalletError(checked)
        parsed, report = checked
        result.format = parsed.format
        sha = hashlib.sha256(data).hexdigest()
        key = parsed.normalized.credential_id
        existing = pending.find(sha, key) or s.store.find_duplicate(sha, key)
        if existing:
            result.id, result.duplicate = existing, True
            result.status = pending.status.get(existing) or s.store.get(existing).report.status
            result.error = f"already in the wallet as {existing}"
            return result, None
        result.status, result.checks = report.status, [c.to_json() for c in report.checks]
        if report.status == INVALID and not keep_invalid:
            bad = next((c for c in report.checks if c.status == "fail"), None)
            result.error = "refused: invalid credential" + (f" ({bad.message})" if bad else "")
            return result, None
        cred = Credential(id=credential_id_for(sha), format=parsed.format, original=data, sha256=sha,
                          normalized=parsed.normalized, report=report, file_name=file_name,
                          imported_at=report.checked_at or iso(s.clock()))
        result.id = cred.id
        pending.add(cred)
        return result, cred
    except WalletError as exc:
        result.error = str(exc)
    except Exception as exc:  # noqa: BLE001 - a bug must not lose the rest of a bulk import
        log.error("internal error importing an input: %s", type(exc).__name__)
        result.error = f"{source}: internal error while reading it ({type(exc).__name__}); please report this"
    return result, None
