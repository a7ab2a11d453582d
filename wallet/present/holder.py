"""The learner's holder keys: Ed25519 (as a did:key, for Verifiable Presentations) and P-256 (as a JWK,
for SD-JWT key binding and ES256).  Private keys live only inside the encrypted vault."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from ..crypto import publickeys as keys

ED25519 = "ed25519"
P256 = "p256"


@dataclass
class HolderKeys:
    ed25519: ed25519.Ed25519PrivateKey
    p256: ec.EllipticCurvePrivateKey

    @property
    def did(self) -> str:
        return "did:key:" + keys.to_multikey(self.ed25519.public_key())

    @property
    def verification_method(self) -> str:
        return f"{self.did}#{self.did.split(':')[-1]}"

    @property
    def p256_jwk(self) -> dict[str, str]:
        return keys.to_jwk(self.p256.public_key())

    def public(self) -> dict[str, Any]:
        return {"did": self.did, "jwk": self.p256_jwk}


def private_jwk(key: ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey) -> dict[str, str]:
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    jwk = keys.to_jwk(key.public_key())
    if isinstance(key, ed25519.Ed25519PrivateKey):
        d = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    else:
        d = key.private_numbers().private_value.to_bytes(32, "big")
    return dict(jwk, d=keys.b64u_encode(d))


def from_private_jwk(jwk: dict[str, Any]) -> ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey:
    d = keys.b64u_decode(jwk["d"])
    if jwk.get("kty") == "OKP" and jwk.get("crv") == "Ed25519":
        return ed25519.Ed25519PrivateKey.from_private_bytes(d)
    if jwk.get("kty") == "EC" and jwk.get("crv") == "P-256":
        return ec.derive_private_key(int.from_bytes(d, "big"), ec.SECP256R1())
    raise keys.KeyFormatError("unsupported holder key")


def generate() -> HolderKeys:
    return HolderKeys(ed25519.Ed25519PrivateKey.generate(), ec.generate_private_key(ec.SECP256R1()))
