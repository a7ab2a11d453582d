"""OpenID4VCI 1.0 client: from an offer to the credentials it carries.

Two steps, so that the learner sees who is offering what before anything is sent:

* ``prepare(text, http, trust)`` reads the offer (a GET when it comes by reference), the issuer's metadata and
  the authorization server's metadata, and gives a ``Preview`` (issuer name and logo, what is offered).
  Only GET requests for public documents are made; no code, token or key leaves the wallet.
* ``obtain(preview, holder, http, ...)`` runs the grant (pre-authorized code with its transaction code, or
  the authorization code flow with PKCE S256 through the system browser and a loopback redirect), then, for
  each credential offered, gets a fresh ``c_nonce`` from the nonce endpoint, proves possession of the
  holder's key with a ``jwt`` proof (``openid4vci-proof+jwt``, ES256 with the P-256 key or EdDSA with the
  Ed25519 key, whichever the issuer accepts; one proof per key of the learner when the issuer takes batches)
  and asks the credential endpoint.  The access token lives in this call only; it is handed out only with a
  deferred transaction, to be kept inside the encrypted vault.

Every request goes through ``HttpClient`` (bounded, https only; loopback http only with the flag).
Credentials come back as bytes, unverified: the caller imports them through the ordinary import.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import Cancelled
from .http import HttpClient
from .metadata import (AuthServer, Configuration, IssuerMetadata, choose_auth_server, fetch_auth_server,
                       fetch_issuer_metadata)
from .offer import PRE_AUTH_GRANT, IssuerError, Offer, OfferError, call, parse_offer
from .vci_tokens import (PROOF_TYP, Token, _holder_keys, _json_object, _protocol_error,
                         authorization_code_token, authorization_request, fresh_nonce, pkce_pair,
                         pre_authorized_token, proof_jwt)
DEFAULT_CLIENT_ID = "credwallet"
BROWSER_WAIT_SECONDS = 300.0
MAX_CREDENTIAL_CHARS = 2 * 1024 * 1024

__all__ = ["IssuerError", "OfferError", "Preview", "prepare", "obtain", "poll_deferred", "Obtained", "Deferred",
           "Received",
           # the grant and the proofs live in vci_tokens; their public names stay importable from here
           "PROOF_TYP", "Token", "pre_authorized_token", "pkce_pair", "authorization_request",
           "authorization_code_token", "proof_jwt", "fresh_nonce"]


@dataclass
class Preview:
    """What the learner is shown before confirming (the CLI prints it, the desktop shows it and asks)."""

    offer: Offer
    metadata: IssuerMetadata
    auth_server: AuthServer
    offered: list[Configuration]

    @property
    def needs_tx_code(self) -> bool:
        return self.offer.grant == PRE_AUTH_GRANT and self.offer.tx_code is not None

    @property
    def needs_browser(self) -> bool:
        return self.offer.grant != PRE_AUTH_GRANT

    def to_json(self) -> dict[str, Any]:
        return {
            "issuer": self.metadata.display(),
            "offered": [c.to_json() for c in self.offered],
            "grant": "pre-authorized_code" if self.offer.grant == PRE_AUTH_GRANT else "authorization_code",
            "tx_code": self.offer.tx_code.to_json() if self.needs_tx_code and self.offer.tx_code else None,
            "browser": self.needs_browser,
        }


def prepare(text: str, http: HttpClient, trust: Any = None) -> Preview:
    offer = parse_offer(text, http)
    meta = fetch_issuer_metadata(offer, http, trust)
    unknown = [cid for cid in offer.configuration_ids if cid not in meta.configurations]
    if unknown:
        raise OfferError(f"the offer names credentials its issuer does not describe: {', '.join(unknown)[:200]}")
    offered = [meta.configurations[cid] for cid in offer.configuration_ids]
    if not any(c.supported for c in offered):
        raise OfferError("nothing offered is in a format this wallet reads ("
                         + ", ".join(sorted({c.format for c in offered}))[:200] + "); supported: dc+sd-jwt, "
                         "jwt_vc_json, ldp_vc")
    as_id = choose_auth_server(offer, meta, offer.grant == PRE_AUTH_GRANT)
    auth = fetch_auth_server(as_id, http)
    if offer.grant != PRE_AUTH_GRANT and not auth.authorization_endpoint:
        raise IssuerError("the offer needs the authorization code flow but the authorization server has no "
                          "authorization_endpoint")
    return Preview(offer, meta, auth, offered)



@dataclass
class Received:
    configuration_id: str
    format: str
    data: bytes


@dataclass
class Deferred:
    """A credential the issuer will hand out later; ``secret`` (transaction id, access token) goes only into
    the encrypted vault."""

    issuer: str
    issuer_name: str
    configuration_id: str
    format: str
    interval: int
    secret: dict[str, str] = field(repr=False, default_factory=dict)


@dataclass
class Obtained:
    received: list[Received] = field(default_factory=list)
    deferred: list[Deferred] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def credential_bytes(item: Any, fmt: str) -> bytes:
    value = item.get("credential") if isinstance(item, dict) else None
    if fmt in ("dc+sd-jwt", "jwt_vc_json"):
        if not isinstance(value, str) or not value or len(value) > MAX_CREDENTIAL_CHARS:
            raise IssuerError(f"a {fmt} credential must be a string")
        return value.encode("utf-8")
    if fmt == "ldp_vc":
        if not isinstance(value, dict):
            raise IssuerError("an ldp_vc credential must be a JSON object")
        return json.dumps(value, ensure_ascii=False).encode("utf-8")
    raise IssuerError(f"format {fmt!r} is not supported")


def read_credentials(body: dict[str, Any], fmt: str, limit: int, cid: str) -> list[Received]:
    items = body.get("credentials")
    if not isinstance(items, list) or not items:
        raise IssuerError("the credential response has neither credentials nor a transaction_id")
    if len(items) > limit:
        raise IssuerError(f"the issuer sent {len(items)} credentials for {limit} key(s) proved; refused")
    return [Received(cid, fmt, credential_bytes(item, fmt)) for item in items]


def _deferred(body: dict[str, Any], meta: IssuerMetadata, token: Token, config: Configuration) -> Deferred:
    tid = body.get("transaction_id")
    interval = body.get("interval")
    if not isinstance(tid, str) or not tid or len(tid) > 4096:
        raise IssuerError("the issuer deferred the credential without a transaction_id")
    if not meta.deferred_endpoint:
        raise IssuerError("the issuer deferred the credential but has no deferred_credential_endpoint")
    if isinstance(interval, bool) or not isinstance(interval, int | float) or interval <= 0:
        interval = 60
    return Deferred(meta.credential_issuer, meta.name, config.id, config.format, int(min(interval, 30 * 86400)),
                    {"transaction_id": tid, "access_token": token.access_token, "endpoint": meta.deferred_endpoint,
                     "limit": str(max(1, meta.batch_size))})


def request_credential(meta: IssuerMetadata, http: HttpClient, token: Token, config: Configuration,
                       identifier: str | None, holder: Any, now: Callable[[], float]) -> Obtained:
    """One Credential Request (with a retry when the issuer says the nonce went stale)."""
    out = Obtained()
    if config.key_attestation:
        raise IssuerError(f"{config.name}: the issuer wants a key attestation (a statement from the device maker "
                          "about how the key is stored), which this desktop wallet cannot give; not asked for")
    keys_ = _holder_keys(holder, config) if config.proofs_required else []
    if config.proofs_required and not keys_:
        raise IssuerError(f"{config.name}: the issuer accepts proofs signed with "
                          f"{', '.join(config.proof_algs)[:100] or 'no jwt algorithm'}; this wallet signs with ES256 "
                          "or EdDSA")
    keys_ = keys_[: max(1, meta.batch_size)]
    for attempt in (1, 2):
        body: dict[str, Any] = ({"credential_identifier": identifier} if identifier
                                else {"credential_configuration_id": config.id})
        if keys_:
            nonce = fresh_nonce(meta, http)
            iss = None if token.anonymous else token.client_id
            body["proofs"] = {"jwt": [proof_jwt(k, alg, meta.credential_issuer, nonce, int(now()), iss,
                                                config.binds_to_did_key) for alg, k in keys_]}
        resp = call(http.post_json, meta.credential_endpoint, body,
                    headers={"Authorization": f"Bearer {token.access_token}"})
        if resp.status == 400 and attempt == 1 and meta.nonce_endpoint:
            try:
                err = resp.json()
            except Exception:  # noqa: BLE001
                err = None
            if isinstance(err, dict) and err.get("error") == "invalid_nonce":
                continue  # §8.3.1.2: fetch a new c_nonce and try once more
        break
    if resp.status == 200:
        out.received = read_credentials(_json_object(resp, "the credential response"), config.format,
                                        max(1, len(keys_)), config.id)
    elif resp.status == 202:
        out.deferred.append(_deferred(_json_object(resp, "the credential response"), meta, token, config))
    elif resp.status in (401, 403):
        raise IssuerError(_protocol_error(resp, f"{config.name}: the issuer refused the access token"))
    else:
        raise IssuerError(_protocol_error(resp, f"{config.name}: the credential request"))
    return out


def obtain(preview: Preview, holder: Any, http: HttpClient, *, tx_code: str | None = None,
           client_id: str = DEFAULT_CLIENT_ID, open_browser: Callable[[str], Any] | None = None,
           progress: Callable[[int, int, str], None] | None = None, cancel: Callable[[], bool] | None = None,
           now: Callable[[], float] = time.time, browser_wait: float = BROWSER_WAIT_SECONDS) -> Obtained:
    """Run the grant and ask for every supported credential offered (see the module docstring)."""
    supported = [c for c in preview.offered if c.supported]
    total = len(supported) + 1

    def step(done: int, label: str) -> None:
        if cancel and cancel():
            raise Cancelled(f"stopped: {done - 1} of {len(supported)} credentials asked for")
        if progress:
            progress(done, total, label)

    if preview.needs_tx_code and preview.offer.tx_code is not None:
        preview.offer.tx_code.check(tx_code)  # before anything is sent
    step(0, "asking the issuer for access")
    if preview.offer.grant == PRE_AUTH_GRANT:
        token = pre_authorized_token(preview, http, tx_code, client_id)
    else:
        if open_browser is None:
            import webbrowser

            open_browser = webbrowser.open
        token = authorization_code_token(preview, http, client_id, open_browser, cancel, browser_wait)
    out = Obtained()
    by_config: dict[str, list[str]] = {}
    for d in token.details:
        ids = d.get("credential_identifiers")
        if isinstance(d.get("credential_configuration_id"), str) and isinstance(ids, list):
            by_config.setdefault(d["credential_configuration_id"], []).extend(i for i in ids if isinstance(i, str))
    for n, config in enumerate(supported, start=1):
        step(n, f"receiving {config.name}")
        known = by_config.get(config.id, [])[:20]
        identifiers: list[str | None] = list(known) if known else [None]
        for ident in identifiers:
            try:
                got = request_credential(preview.metadata, http, token, config, ident, holder, now)
            except IssuerError as exc:
                out.errors.append(str(exc))
                continue
            out.received += got.received
            out.deferred += got.deferred
    for c in preview.offered:
        if not c.supported:
            out.errors.append(f"{c.name}: format {c.format!r} is not supported; not asked for")
    if progress:
        progress(total, total, "")
    return out


def poll_deferred(secret: dict[str, str], fmt: str, cid: str, http: HttpClient) -> tuple[str, Any]:
    """One Deferred Credential Request: ("issued", [Received]), ("pending", interval) or ("gone", why)."""
    resp = call(http.post_json, secret["endpoint"], {"transaction_id": secret["transaction_id"]},
                headers={"Authorization": f"Bearer {secret['access_token']}"})
    if resp.status == 200:
        limit = int(secret.get("limit", "1"))
        return "issued", read_credentials(_json_object(resp, "the deferred credential response"), fmt, limit, cid)
    if resp.status == 202:
        body = _json_object(resp, "the deferred credential response")
        if body.get("transaction_id") != secret["transaction_id"]:
            raise IssuerError("the deferred credential response names another transaction")
        interval = body.get("interval")
        return "pending", int(interval) if isinstance(interval, int) and interval > 0 else 60
    try:
        err = resp.json()
    except Exception:  # noqa: BLE001
        err = None
    code = err.get("error") if isinstance(err, dict) else None
    if code in ("invalid_transaction_id", "credential_request_denied") or resp.status in (401, 403):
        return "gone", _protocol_error(resp, "the deferred credential")
    raise IssuerError(_protocol_error(resp, "the deferred credential request"))
