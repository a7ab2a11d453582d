"""Compact JWS with an explicit algorithm allow-list per key type.

Refused outright: ``alg: none``, HMAC (a public key must never become an HMAC secret), any
algorithm that does not match the key type, unknown ``crit`` parameters, and keys offered in the
header itself (``jwk``, ``jku``, ``x5u``) unless the caller explicitly trusts that source.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from . import publickeys as keys

ALLOWED = {
    "Ed25519": {"EdDSA", "Ed25519"},
    "P-256": {"ES256"},
    "P-384": {"ES384"},
    "secp256k1": {"ES256K"},
    "RSA": {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512"},
}
_HASH: dict[str, Callable[[], hashes.HashAlgorithm]] = {"256": hashes.SHA256, "384": hashes.SHA384,
                                                        "512": hashes.SHA512}
UNDERSTOOD_CRIT: set[str] = set()


class JoseError(ValueError):
    pass


@dataclass
class Jws:
    header: dict[str, Any]
    payload: bytes
    signing_input: bytes
    signature: bytes

    def payload_json(self) -> Any:
        return strict_json(self.payload, "JWS payload")


def strict_json(data: bytes, what: str) -> Any:
    """Untrusted JSON inside a token, read with the strict loader (depth, duplicate keys, NaN, UTF-8)."""
    from ..errors import BadInput
    from ..formats.jsonutil import loads_strict

    try:
        return loads_strict(data, what)
    except BadInput as exc:
        raise JoseError(str(exc)) from exc


def parse_compact(token: str) -> Jws:
    if not isinstance(token, str):
        raise JoseError("JWS is not text")
    token = token.strip()
    parts = token.split(".")
    if len(parts) != 3:
        raise JoseError("not a compact JWS (expected three dot-separated parts)")
    try:
        header_bytes = keys.b64u_decode(parts[0])
        payload = keys.b64u_decode(parts[1])
        sig = keys.b64u_decode(parts[2])
    except (keys.KeyFormatError, UnicodeDecodeError, ValueError) as exc:
        raise JoseError(f"malformed JWS ({exc})") from exc
    try:
        header = strict_json(header_bytes, "JWS header")
    except JoseError as exc:
        raise JoseError(f"malformed JWS ({exc})") from exc
    if not isinstance(header, dict):
        raise JoseError("JWS header is not an object")
    return Jws(header, payload, f"{parts[0]}.{parts[1]}".encode("ascii"), sig)


def check_header(header: dict[str, Any], *, allow_embedded_jwk: bool = False) -> str:
    alg = header.get("alg")
    if not isinstance(alg, str) or not alg:
        raise JoseError("JWS header has no algorithm")
    if alg.lower() == "none":
        raise JoseError("unsigned JWS (alg 'none') is never accepted")
    if alg.startswith("HS"):
        raise JoseError(f"HMAC algorithm {alg} is not accepted for credentials")
    crit = header.get("crit")
    if crit is not None:
        if not isinstance(crit, list) or not crit or any(c not in UNDERSTOOD_CRIT for c in crit):
            raise JoseError(f"JWS has critical header parameters this verifier does not understand: {crit}")
    for untrusted in ("jku", "x5u"):  # x5c is allowed: it is only believed when it chains to a trusted root
        if untrusted in header:
            raise JoseError(f"JWS header names a key location ({untrusted}); keys are never fetched from it")
    if "jwk" in header and not allow_embedded_jwk:
        raise JoseError("JWS carries its own key (jwk header); a self-supplied key proves nothing")
    return alg


def key_type(key: keys.PublicKey) -> str:
    if isinstance(key, rsa.RSAPublicKey):
        return "RSA"
    return keys.describe(key)


def verify(jws: Jws, key: keys.PublicKey, *, allow_embedded_jwk: bool = False) -> None:
    alg = check_header(jws.header, allow_embedded_jwk=allow_embedded_jwk)
    kt = key_type(key)
    if alg not in ALLOWED.get(kt, set()):
        raise JoseError(f"algorithm {alg} is not allowed with a {kt} key")
    data, sig = jws.signing_input, jws.signature
    try:
        if isinstance(key, ed25519.Ed25519PublicKey):
            key.verify(sig, data)
        elif isinstance(key, ec.EllipticCurvePublicKey):
            size = (key.curve.key_size + 7) // 8
            if len(sig) != 2 * size:
                raise JoseError("ECDSA signature has the wrong length")
            der = encode_dss_signature(int.from_bytes(sig[:size], "big"), int.from_bytes(sig[size:], "big"))
            key.verify(der, data, ec.ECDSA(_HASH[alg[2:5]]()))
        elif isinstance(key, rsa.RSAPublicKey):
            h = _HASH[alg[2:]]()
            pad = padding.PKCS1v15() if alg.startswith("RS") else padding.PSS(padding.MGF1(h), h.digest_size)
            key.verify(sig, data, pad, h)
        else:
            raise JoseError("unsupported key type")
    except InvalidSignature as exc:
        raise JoseError("the JWS signature does not match (altered or wrong key)") from exc
