"""Public keys from their encodings: multibase/multicodec (did:key, Multikey), JWK, base58.

Only the key types the allow-lists know are accepted: Ed25519, P-256, P-384, secp256k1, RSA >= 2048,
and BLS12-381 G2 keys for BBS (kept as bytes; the BBS code checks the point).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any, Union

import base58
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa


@dataclass(frozen=True)
class Bls12381G2PublicKey:
    """A BBS public key: a compressed BLS12-381 G2 point (96 bytes)."""

    raw: bytes


PublicKey = Union[ed25519.Ed25519PublicKey, ec.EllipticCurvePublicKey, rsa.RSAPublicKey, Bls12381G2PublicKey]


class KeyFormatError(ValueError):
    """A key that cannot be decoded or is not allowed."""


# multicodec varint prefixes
_ED25519 = b"\xed\x01"
_P256 = b"\x80\x24"
_P384 = b"\x81\x24"
_SECP256K1 = b"\xe7\x01"
_BLS12381_G2 = b"\xeb\x01"


def b64u_decode(s: str) -> bytes:
    if not isinstance(s, str) or any(c in s for c in "+/="):
        raise KeyFormatError("not base64url")
    try:
        return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
    except (ValueError, TypeError) as exc:
        raise KeyFormatError("not base64url") from exc


def b64u_encode(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode("ascii")


_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


_B58_DIGITS = bytes(_B58.index(chr(c)) if chr(c) in _B58 else 255 for c in range(256))


def b58decode(text: str) -> bytes:
    """base58btc (Bitcoin alphabet) to bytes: one big-integer pass, as the base58 package does, without its
    per-character overhead (it was 5% of verifying a credential): the digits looked up in one translate,
    then taken four at a time (58**4 fits a machine word)."""
    try:
        digits = text.encode("ascii").translate(_B58_DIGITS)
    except UnicodeEncodeError as exc:
        raise KeyFormatError("invalid base58btc") from exc
    if b"\xff" in digits:
        raise KeyFormatError("invalid base58btc")
    n = 0
    head = len(digits) % 4
    for d in digits[:head]:
        n = n * 58 + d
    quads = iter(digits[head:])
    for a, b, c, d in zip(quads, quads, quads, quads):
        n = n * 11_316_496 + ((a * 58 + b) * 58 + c) * 58 + d  # 58**4
    zeros = len(text) - len(text.lstrip("1"))
    return b"\0" * zeros + (n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b"")


def multibase_decode(value: str) -> bytes:
    """base58btc ('z') and base64url ('u') multibase strings."""
    if not isinstance(value, str) or len(value) < 2:
        raise KeyFormatError("empty multibase value")
    if value[0] == "z":
        return b58decode(value[1:])
    if value[0] == "u":
        return b64u_decode(value[1:])
    raise KeyFormatError(f"unsupported multibase prefix {value[0]!r}")


def multibase_encode(data: bytes) -> str:
    return "z" + base58.b58encode(data).decode("ascii")


def from_multikey(value: str) -> PublicKey:
    raw = multibase_decode(value)
    try:
        if raw.startswith(_ED25519) and len(raw) == 34:
            return ed25519.Ed25519PublicKey.from_public_bytes(raw[2:])
        if raw.startswith(_P256):
            return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw[2:])
        if raw.startswith(_P384):
            return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP384R1(), raw[2:])
        if raw.startswith(_SECP256K1):
            return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256K1(), raw[2:])
        if raw.startswith(_BLS12381_G2) and len(raw) == 98:
            return Bls12381G2PublicKey(raw[2:])
    except ValueError as exc:
        raise KeyFormatError(f"invalid key bytes ({exc})") from exc
    raise KeyFormatError("unsupported or malformed multikey")


def to_multikey(key: PublicKey) -> str:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    if isinstance(key, ed25519.Ed25519PublicKey):
        return multibase_encode(_ED25519 + key.public_bytes(Encoding.Raw, PublicFormat.Raw))
    if isinstance(key, ec.EllipticCurvePublicKey):
        prefix = {"secp256r1": _P256, "secp384r1": _P384, "secp256k1": _SECP256K1}[key.curve.name]
        return multibase_encode(prefix + key.public_bytes(Encoding.X962, PublicFormat.CompressedPoint))
    if isinstance(key, Bls12381G2PublicKey):
        return multibase_encode(_BLS12381_G2 + key.raw)
    raise KeyFormatError("cannot express this key as a multikey")


_CURVES = {"P-256": ec.SECP256R1(), "P-384": ec.SECP384R1(), "secp256k1": ec.SECP256K1()}


def from_jwk(jwk: Any) -> PublicKey:
    if not isinstance(jwk, dict):
        raise KeyFormatError("JWK is not an object")
    if "d" in jwk:
        raise KeyFormatError("JWK holds a private key; refusing to use it as a public key")
    kty = jwk.get("kty")
    try:
        if kty == "OKP" and jwk.get("crv") == "Ed25519":
            return ed25519.Ed25519PublicKey.from_public_bytes(b64u_decode(jwk["x"]))
        if kty == "EC" and jwk.get("crv") in _CURVES:
            x, y = b64u_decode(jwk["x"]), b64u_decode(jwk["y"])
            nums = ec.EllipticCurvePublicNumbers(int.from_bytes(x, "big"), int.from_bytes(y, "big"), _CURVES[jwk["crv"]])
            return nums.public_key()
        if kty == "RSA":
            n = int.from_bytes(b64u_decode(jwk["n"]), "big")
            e = int.from_bytes(b64u_decode(jwk["e"]), "big")
            if n.bit_length() < 2048:
                raise KeyFormatError("RSA keys under 2048 bits are not accepted")
            return rsa.RSAPublicNumbers(e, n).public_key()
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, KeyFormatError):
            raise
        raise KeyFormatError(f"malformed JWK ({exc})") from exc
    raise KeyFormatError(f"unsupported JWK key type {kty!r}/{jwk.get('crv')!r}")


def to_jwk(key: PublicKey) -> dict[str, str]:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    if isinstance(key, ed25519.Ed25519PublicKey):
        return {"kty": "OKP", "crv": "Ed25519", "x": b64u_encode(key.public_bytes(Encoding.Raw, PublicFormat.Raw))}
    if isinstance(key, ec.EllipticCurvePublicKey):
        crv = {"secp256r1": "P-256", "secp384r1": "P-384", "secp256k1": "secp256k1"}[key.curve.name]
        size = (key.curve.key_size + 7) // 8
        n = key.public_numbers()
        return {"kty": "EC", "crv": crv, "x": b64u_encode(n.x.to_bytes(size, "big")),
                "y": b64u_encode(n.y.to_bytes(size, "big"))}
    if isinstance(key, rsa.RSAPublicKey):
        rn = key.public_numbers()
        return {"kty": "RSA", "n": b64u_encode(rn.n.to_bytes((rn.n.bit_length() + 7) // 8, "big")),
                "e": b64u_encode(rn.e.to_bytes((rn.e.bit_length() + 7) // 8, "big"))}
    raise KeyFormatError("unsupported key")


def from_verification_method(vm: Any) -> PublicKey:
    """A key from a DID document verification method (Multikey, JsonWebKey, Ed25519 2018/2020)."""
    if not isinstance(vm, dict):
        raise KeyFormatError("verification method is not an object")
    if isinstance(vm.get("publicKeyMultibase"), str):
        value = vm["publicKeyMultibase"]
        if vm.get("type") == "Ed25519VerificationKey2020" or vm.get("type") == "Multikey":
            return from_multikey(value)
        raw = multibase_decode(value)
        if len(raw) == 32:
            return ed25519.Ed25519PublicKey.from_public_bytes(raw)
        return from_multikey(value)
    if isinstance(vm.get("publicKeyJwk"), dict):
        return from_jwk(vm["publicKeyJwk"])
    if isinstance(vm.get("publicKeyBase58"), str) and vm.get("type", "").startswith("Ed25519"):
        raw = base58.b58decode(vm["publicKeyBase58"])
        if len(raw) != 32:
            raise KeyFormatError("Ed25519 key is not 32 bytes")
        return ed25519.Ed25519PublicKey.from_public_bytes(raw)
    raise KeyFormatError("verification method holds no key credwallet can read")


def describe(key: PublicKey) -> str:
    if isinstance(key, ed25519.Ed25519PublicKey):
        return "Ed25519"
    if isinstance(key, ec.EllipticCurvePublicKey):
        return {"secp256r1": "P-256", "secp384r1": "P-384"}.get(key.curve.name, key.curve.name)
    if isinstance(key, Bls12381G2PublicKey):
        return "BLS12-381 G2"
    return f"RSA-{key.key_size}"


def multikey_from_jwk(jwk: dict[str, Any]) -> str:
    return to_multikey(from_jwk({k: v for k, v in jwk.items() if k != "d"}))
