"""The learner's list of trusted issuers (kept in the vault's settings), import/export as JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from ..crypto import publickeys as keys
from ..errors import BadInput


@dataclass
class TrustedIssuer:
    id: str  # issuer id (URL, DID or URN) as it appears in credentials
    name: str = ""
    jwk: dict[str, Any] | None = None  # a public key the learner vouches for
    did: str | None = None  # a DID whose keys are the issuer's
    x5c_root: str | None = None  # a PEM root certificate: SD-JWTs whose x5c chains to it are trusted

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (None, "")}


def parse_entries(data: Any, source: str = "trust list") -> list[TrustedIssuer]:
    items = data.get("issuers") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise BadInput("a trust list is a JSON list of issuers (or {\"issuers\": [...]})", path=source)
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"]:
            raise BadInput(f"entry {i} has no issuer id", path=source)
        jwk = item.get("jwk")
        if jwk is not None:
            try:
                keys.from_jwk(jwk)
            except keys.KeyFormatError as exc:
                raise BadInput(f"entry {i} ({item['id']}): {exc}", path=source) from exc
        did = item.get("did")
        if did is not None and (not isinstance(did, str) or not did.startswith("did:")):
            raise BadInput(f"entry {i} ({item['id']}): 'did' must be a DID", path=source)
        root = item.get("x5c_root")
        if root is not None:
            from cryptography import x509

            try:
                x509.load_pem_x509_certificate(str(root).encode())
            except ValueError as exc:
                raise BadInput(f"entry {i} ({item['id']}): x5c_root is not a PEM certificate", path=source) from exc
        out.append(TrustedIssuer(item["id"], str(item.get("name", "")), jwk, did, root))
    return out


def _normal_jwk(jwk: dict[str, Any]) -> dict[str, str] | None:
    try:
        return keys.to_jwk(keys.from_jwk(jwk))
    except keys.KeyFormatError:
        return None


class TrustList:
    def __init__(self, entries: list[TrustedIssuer] | None = None):
        self.entries = {e.id: e for e in entries or []}

    @classmethod
    def from_setting(cls, value: Any) -> TrustList:
        return cls(parse_entries(value or []))

    def to_setting(self) -> list[dict[str, Any]]:
        return [e.to_json() for e in sorted(self.entries.values(), key=lambda e: e.id)]

    def export_json(self) -> str:
        return json.dumps({"issuers": self.to_setting()}, indent=2, ensure_ascii=False)

    def find(self, issuer_id: str) -> TrustedIssuer | None:
        """The entry for the issuer a credential names, looked up by that id only (its own id, or the DID
        an entry gives as the issuer's).  Never by the signing key: a key decides nothing about which
        entry applies, it can only belong to the entry found here or not (``owns``)."""
        if not issuer_id:
            return None
        if issuer_id in self.entries:
            return self.entries[issuer_id]
        for e in self.entries.values():
            if e.did and e.did == issuer_id:
                return e
        return None

    def roots(self, issuer_id: str | None = None) -> list[tuple[TrustedIssuer, Any]]:
        """Trusted root certificates; with ``issuer_id``, only the root of that issuer's own entry (one
        issuer's root never certifies another issuer)."""
        from cryptography import x509

        if issuer_id is not None:
            e = self.find(issuer_id)
            chosen = [e] if e is not None and e.x5c_root else []
        else:
            chosen = [e for e in self.entries.values() if e.x5c_root]
        return [(e, x509.load_pem_x509_certificate(e.x5c_root.encode())) for e in chosen if e.x5c_root]

    def owns(self, entry: TrustedIssuer, controller: str) -> bool:
        """Does a key controlled by ``controller`` (the DID or URL it was resolved from) belong to this
        entry?  A pinned JWK is resolved under the entry's id and DID only (see ``key_map``), so for a
        pinning entry this is true exactly when the pinned key signed."""
        from ..crypto.did import did_of

        if not controller:
            return False
        ref = did_of(controller)
        if ref in {x for x in (entry.id, entry.did) if x}:
            return True
        if not entry.jwk:
            return False
        # the same pinned key, listed under another id of the list (a verification method id, say)
        mine = _normal_jwk(entry.jwk)
        return any(e.jwk and _normal_jwk(e.jwk) == mine and ref in {did_of(e.id), e.did}
                   for e in self.entries.values())

    def key_map(self) -> dict[str, dict[str, Any]]:
        """For the key resolver: issuer id (and DID) -> JWK, for entries that carry a key."""
        out: dict[str, dict[str, Any]] = {}
        for e in self.entries.values():
            if e.jwk:
                out[e.id] = e.jwk
                if e.did:
                    out[e.did] = e.jwk
        return out
