"""The "receive from an issuer" use case over one wallet: preview, then obtain and import.

Each credential received goes through the ordinary import (``Wallet.import_bytes``: parsed, verified,
refused when invalid, stored in one transaction) and, when stored, gets a provenance row (issuer URL and
name, the date).  Deferred issuances are kept in the vault's ``pending_issuance`` table (encrypted with the
rest of the database) and polled by ``poll_pending``.  The ``Wallet`` facade calls in here; nothing here
prints or knows about Qt.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..clock import iso
from .http import HttpClient
from .vci import Obtained, Preview, Received, obtain, poll_deferred, prepare


def client(allow_loopback_http: bool = False) -> HttpClient:
    return HttpClient(allow_loopback_http=allow_loopback_http)


@dataclass
class ReceiveResult:
    """``receive --json``: ``{"issuer": ..., "credentials": [import --json item, ...], "pending": [...],
    "errors": [...]}``."""

    issuer: dict[str, Any]
    credentials: list[Any] = field(default_factory=list)  # ImportResult
    pending: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"issuer": self.issuer, "credentials": [r.to_json() for r in self.credentials],
                "pending": self.pending, "errors": self.errors}


def preview(wallet: Any, text: str, http: HttpClient) -> Preview:
    return prepare(text, http, wallet.trust_list())


def _import(wallet: Any, rec: Received, issuer: dict[str, Any], received_at: str, source: str) -> Any:
    label = f"{issuer['id']} ({rec.configuration_id})"
    result = wallet.import_bytes(rec.data, label)
    if result.id and not result.duplicate and result.error is None:
        wallet.store.set_provenance(result.id, source, issuer["id"], issuer.get("name") or "", received_at,
                                    {"configuration": rec.configuration_id, "format": rec.format})
    return result


def receive(wallet: Any, pv: Preview, http: HttpClient, *, tx_code: str | None = None,
            open_browser: Callable[[str], Any] | None = None, progress: Callable[[int, int, str], None] | None = None,
            cancel: Callable[[], bool] | None = None, **kw: Any) -> ReceiveResult:
    issuer = pv.metadata.display()
    got: Obtained = obtain(pv, wallet.holder(), http, tx_code=tx_code, open_browser=open_browser, progress=progress,
                           cancel=cancel, **kw)
    now = wallet.clock()
    out = ReceiveResult(issuer, errors=list(got.errors))
    for rec in got.received:
        out.credentials.append(_import(wallet, rec, issuer, iso(now), "openid4vci"))
    for d in got.deferred:
        pid = secrets.token_hex(8)
        wallet.store.add_pending(pid, d.issuer, d.issuer_name, d.configuration_id, d.format, iso(now),
                                 iso(now + dt.timedelta(seconds=d.interval)), d.secret)
        out.pending.append({"id": pid, "issuer": d.issuer, "configuration": d.configuration_id,
                            "poll_after": iso(now + dt.timedelta(seconds=d.interval))})
    return out


def pending(wallet: Any) -> list[dict[str, Any]]:
    """The deferred issuances waiting, without their secrets."""
    return [{k: v for k, v in p.items() if k != "secret"} for p in wallet.store.pending()]


def poll_pending(wallet: Any, http: HttpClient, *, force: bool = False) -> list[ReceiveResult]:
    """Ask again for every deferred credential whose wait is over (all of them with ``force``)."""
    now = wallet.clock()
    results = []
    for p in wallet.store.pending():
        issuer = {"id": p["issuer"], "name": p["issuer_name"], "logo": "", "logo_alt": "", "metadata": ""}
        res = ReceiveResult(issuer)
        results.append(res)
        if not force and p["next_poll"] > iso(now):
            res.pending.append({"id": p["id"], "issuer": p["issuer"], "configuration": p["configuration"],
                                "poll_after": p["next_poll"]})
            continue
        from .offer import IssuerError

        try:
            state, value = poll_deferred(p["secret"], p["format"], p["configuration"], http)
        except IssuerError as exc:
            res.errors.append(str(exc))
            res.pending.append({"id": p["id"], "issuer": p["issuer"], "configuration": p["configuration"],
                                "poll_after": p["next_poll"]})
            continue
        if state == "issued":
            for rec in value:
                res.credentials.append(_import(wallet, rec, issuer, iso(now), "openid4vci-deferred"))
            wallet.store.delete_pending(p["id"])
        elif state == "pending":
            after = iso(now + dt.timedelta(seconds=value))
            wallet.store.set_pending_poll(p["id"], after)
            res.pending.append({"id": p["id"], "issuer": p["issuer"], "configuration": p["configuration"],
                                "poll_after": after})
        else:
            wallet.store.delete_pending(p["id"])
            res.errors.append(f"{value}; the pending credential was dropped")
    return results
