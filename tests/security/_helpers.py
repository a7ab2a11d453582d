"""Shared pieces for the attack tests: keys, signing, an online fetcher served from memory."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from tests.factory import _loader, ob3
from wallet.crypto import signing
from wallet.crypto import publickeys as keys
from wallet.fetch import Fetcher, FetchRefused
from wallet.formats import detect
from wallet.verify import engine
from wallet.verify.trust import TrustList, parse_entries

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.timezone.utc)


def ed_key(label: str) -> ed25519.Ed25519PrivateKey:
    return ed25519.Ed25519PrivateKey.from_private_bytes(hashlib.sha256(label.encode()).digest())


def did_key(key: Any) -> str:
    return "did:key:" + keys.to_multikey(key.public_key())


def vm_of(did: str) -> str:
    return f"{did}#{did.split(':')[-1]}"


def credential(issuer_id: str, issuer_name: str, i: int = 1, title: str = "Doctor of Medicine (MD)") -> dict[str, Any]:
    cred = ob3(i, title)
    cred["issuer"] = {"id": issuer_id, "type": ["Profile"], "name": issuer_name}
    return cred


def sign_di(cred: dict[str, Any], key: Any, vm: str) -> dict[str, Any]:
    return signing.sign_data_integrity(cred, key, vm, created="2026-01-01T00:00:00Z", loader=_loader())


def sign_jwt(payload: dict[str, Any], key: Any, header: dict[str, Any]) -> str:
    alg = "EdDSA" if isinstance(key, ed25519.Ed25519PrivateKey) else "ES256"
    return signing.sign_jws({"alg": alg, **header}, json.dumps(payload).encode(), key)


def p256(label: str) -> ec.EllipticCurvePrivateKey:
    return ec.derive_private_key(int.from_bytes(hashlib.sha256(label.encode()).digest(), "big") % (2**255), ec.SECP256R1())


class MemoryFetcher(Fetcher):
    """Online, but served from memory: no socket is ever opened."""

    def __init__(self, docs: dict[str, Any]):
        super().__init__(online=True)
        self.docs = {u: (d if isinstance(d, bytes) else json.dumps(d).encode()) for u, d in docs.items()}

    def get(self, url: str, accept: str = "application/json") -> bytes:
        self.log.append({"url": url, "outcome": "ok" if url in self.docs else "not found"})
        if url not in self.docs:
            raise FetchRefused(f"could not fetch {url}: 404")
        return self.docs[url]


def trust(*entries: dict[str, Any]) -> TrustList:
    return TrustList(parse_entries(list(entries)))


def ctx(trust_list: TrustList | None = None, docs: dict[str, Any] | None = None) -> engine.VerifyContext:
    fetcher = MemoryFetcher(docs) if docs is not None else Fetcher(online=False)
    return engine.VerifyContext(clock=lambda: NOW, fetcher=fetcher, trust=trust_list or TrustList())


def verify(doc: Any, context: engine.VerifyContext):  # noqa: ANN201
    data = doc if isinstance(doc, str) else json.dumps(doc)
    parsed = detect.parse(data.encode(), "attack")
    return parsed, engine.verify(parsed, context)


def check(report: Any, cid: str):  # noqa: ANN201
    return next(c for c in report.checks if c.id == cid)
