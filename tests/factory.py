"""Real, signed test credentials (Open Badges 3.0, eddsa-rdfc-2022, did:key) with chosen content."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ed25519

from wallet.crypto import signing
from wallet.crypto import publickeys as keys
from wallet.crypto.jsonld import DocumentLoader

KEY = ed25519.Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"credwallet test issuer").digest())
DID = "did:key:" + keys.to_multikey(KEY.public_key())
VM = f"{DID}#{DID.split(':')[-1]}"


@lru_cache(maxsize=1)
def _loader() -> DocumentLoader:
    return DocumentLoader()


def ob3(i: int, name: str | None = None, description: str = "A test achievement.", *,
        subject: str = "Test Learner", extra: dict[str, Any] | None = None, issued: str = "2026-01-01T00:00:00Z",
        valid_until: str | None = None) -> dict[str, Any]:
    cred: dict[str, Any] = {
        "@context": ["https://www.w3.org/ns/credentials/v2",
                     "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
        "id": f"urn:uuid:00000000-0000-4000-8000-{i:012d}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": DID, "type": ["Profile"], "name": "Test Issuer"},
        "validFrom": issued,
        "name": name or f"Badge {i}",
        "credentialSubject": {
            "type": ["AchievementSubject"], "name": subject,
            "achievement": {"id": f"https://example.org/achievements/{i}", "type": ["Achievement"],
                            "name": name or f"Badge {i}", "description": description,
                            "criteria": {"narrative": "Did the work."}},
        },
    }
    if valid_until:
        cred["validUntil"] = valid_until
    if extra:
        cred.update(extra)
    return cred


def signed(cred: dict[str, Any]) -> dict[str, Any]:
    return signing.sign_data_integrity(cred, KEY, VM, created=cred.get("validFrom", "2026-01-01T00:00:00Z"), loader=_loader())


def ob3_bytes(i: int, name: str | None = None, description: str = "A test achievement.", **kw: Any) -> bytes:
    return json.dumps(signed(ob3(i, name, description, **kw))).encode()


def status_list(url: str, revoked: set[int] | frozenset[int] = frozenset(), purpose: Any = "revocation", *,
                size_bits: int = 16 * 1024 * 8, issuer: str | None = None, key: Any = None, vm: str | None = None,
                valid_from: str = "2026-01-01T00:00:00Z", valid_until: str | None = None,
                sign: bool = True) -> dict[str, Any]:
    """A BitstringStatusListCredential published at ``url`` with the bits in ``revoked`` set, signed (eddsa-
    rdfc-2022) by the test issuer unless another ``key`` / ``vm`` / ``issuer`` is given or ``sign`` is False."""
    import base64
    import gzip

    bits = bytearray(size_bits // 8)
    for i in revoked:
        bits[i // 8] |= 0x80 >> (i % 8)
    encoded = "u" + base64.urlsafe_b64encode(gzip.compress(bytes(bits))).decode().rstrip("=")
    cred: dict[str, Any] = {
        "@context": ["https://www.w3.org/ns/credentials/v2"], "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer or DID, "validFrom": valid_from,
        "credentialSubject": {"id": f"{url}#list", "type": "BitstringStatusList", "statusPurpose": purpose,
                              "encodedList": encoded},
    }
    if valid_until:
        cred["validUntil"] = valid_until
    if not sign:
        return cred
    return signing.sign_data_integrity(cred, key or KEY, vm or VM, created=valid_from, loader=_loader())


def status_list_bytes(url: str, revoked: set[int] | frozenset[int] = frozenset(), **kw: Any) -> bytes:
    return json.dumps(status_list(url, revoked, **kw)).encode()
