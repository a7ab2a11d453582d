"""The learner's list of trusted issuers (kept in the vault's settings), import/export as JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from ..errors import BadInput
from . import keys

SETTING = "trust.issuers"


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
            except keys.KeyError_ as exc:
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

    def find(self, issuer_id: str, controller: str | None = None) -> TrustedIssuer | None:
        if issuer_id in self.entries:
            return self.entries[issuer_id]
        for e in self.entries.values():
            if e.did and (e.did == issuer_id or (controller and e.did == controller)):
                return e
        return None

    def roots(self) -> list[tuple[TrustedIssuer, Any]]:
        from cryptography import x509

        return [(e, x509.load_pem_x509_certificate(e.x5c_root.encode())) for e in self.entries.values() if e.x5c_root]

    def key_map(self) -> dict[str, dict[str, Any]]:
        """For the key resolver: issuer id (and DID) -> JWK, for entries that carry a key."""
        out: dict[str, dict[str, Any]] = {}
        for e in self.entries.values():
            if e.jwk:
                out[e.id] = e.jwk
                if e.did:
                    out[e.did] = e.jwk
        return out
