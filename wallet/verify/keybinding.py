"""The key binding of an SD-JWT presentation (RFC 9901 §4.3, checked as §7.3 says): the one rule, used when
a credential arrives with its key binding still attached (the engine) and when an employer checks a
presentation (present.verifier).

A key binding JWT holds only if it is a compact JWS typed ``kb+jwt``, its payload is a JSON object, the
credential names a holder key (``cnf.jwk``), and it is signed by that key.  Whether it covers these very
disclosures (``sd_hash``) is reported apart, so that a verifier can say which of the two failed; the
audience, nonce and freshness are the verifier's to compare (it knows what it asked for).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..crypto import jose, sdjwt
from ..crypto import publickeys as keys

KB_JWT_TYP = "kb+jwt"


class KeyBindingError(ValueError):
    """The key binding does not hold.  ``signer`` is True when the KB-JWT is well formed but is not signed by
    the holder key the credential names (someone else made it)."""

    def __init__(self, message: str, *, signer: bool = False):
        super().__init__(message)
        self.signer = signer


@dataclass(frozen=True)
class KeyBinding:
    payload: dict[str, Any]  # the KB-JWT's claims (iat, aud, nonce, sd_hash...), its signature checked
    covers_disclosures: bool  # sd_hash is the digest of exactly this issuer JWT and these disclosures


def check_key_binding(sd: sdjwt.SdJwt, cnf: dict[str, Any] | None) -> KeyBinding:
    """Check ``sd.kb_jwt`` against the holder key ``cnf`` the issuer signed into the credential; raises
    KeyBindingError saying why it does not hold."""
    if not sd.kb_jwt:
        raise KeyBindingError("there is no key binding JWT")
    if not isinstance(cnf, dict):
        raise KeyBindingError("a key binding JWT is present, but the credential names no holder key (cnf)")
    try:
        kb = jose.parse_compact(sd.kb_jwt)
        if kb.header.get("typ") != KB_JWT_TYP:
            raise KeyBindingError(f"the key binding JWT is not typed {KB_JWT_TYP}")
        key = keys.from_jwk(cnf.get("jwk"))
        payload = kb.payload_json()
        if not isinstance(payload, dict):
            raise KeyBindingError("key binding JWT payload is not an object")
    except (jose.JoseError, keys.KeyFormatError) as exc:
        raise KeyBindingError(str(exc)) from exc
    try:
        jose.verify(kb, key)
    except jose.JoseError as exc:
        raise KeyBindingError("the key binding JWT is not signed by the key the credential was issued to (cnf): "
                              f"{exc}", signer=True) from exc
    return KeyBinding(payload, payload.get("sd_hash") == sdjwt.sd_hash(sd))
