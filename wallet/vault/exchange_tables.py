"""Provenance (which OpenID4VCI issuer handed a credential over, and when) and deferred issuances still
pending (their transaction id and access token stay inside the encrypted database).  Mixed into Store."""

from __future__ import annotations

import contextlib
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlcipher3


class ExchangeTables:
    if TYPE_CHECKING:
        @property
        def db(self) -> sqlcipher3.Connection: ...

        def transaction(self) -> contextlib.AbstractContextManager[sqlcipher3.Connection]: ...

    def set_provenance(self, cid: str, source: str, issuer: str, issuer_name: str, received_at: str,
                       detail: dict[str, Any]) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO provenance VALUES (?,?,?,?,?,?)",
                       (cid, source, issuer, issuer_name, received_at, json.dumps(detail)))

    def provenance(self, cid: str | None = None) -> dict[str, dict[str, Any]]:
        """credential id -> {source, issuer, issuer_name, received_at, detail}; every row, or one."""
        sql = "SELECT credential_id, source, issuer, issuer_name, received_at, detail FROM provenance"
        rows = self.db.execute(sql + " WHERE credential_id = ?", (cid,)) if cid else self.db.execute(sql)
        return {r[0]: {"source": r[1], "issuer": r[2], "issuer_name": r[3], "received_at": r[4],
                       "detail": json.loads(r[5])} for r in rows}

    def add_pending(self, pid: str, issuer: str, issuer_name: str, configuration: str, fmt: str, created: str,
                    next_poll: str, secret: dict[str, Any]) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO pending_issuance VALUES (?,?,?,?,?,?,?,?)",
                       (pid, issuer, issuer_name, configuration, fmt, created, next_poll, json.dumps(secret)))

    def pending(self) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT id, issuer, issuer_name, configuration, format, created, next_poll, secret"
                               " FROM pending_issuance ORDER BY created, id").fetchall()
        return [{"id": r[0], "issuer": r[1], "issuer_name": r[2], "configuration": r[3], "format": r[4],
                 "created": r[5], "next_poll": r[6], "secret": json.loads(r[7])} for r in rows]

    def set_pending_poll(self, pid: str, next_poll: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE pending_issuance SET next_poll = ? WHERE id = ?", (next_poll, pid))

    def delete_pending(self, pid: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM pending_issuance WHERE id = ?", (pid,))
