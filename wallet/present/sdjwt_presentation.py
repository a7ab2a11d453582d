"""SD-JWT presentations: only the chosen disclosures, plus a Key Binding JWT signed with the holder key.

Paths are JSON Pointers into the processed claims (``/given_name``, ``/address/street_address``,
``/nationalities/1``).  Choosing a path brings the disclosures of its parents (without them the
digest could not be found) and of everything beneath it.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec

from ..crypto import sdjwt, signing
from ..crypto.pointers import is_personal, pointer_tokens, to_pointer
from ..errors import WalletError


def disclosure_map(sd: sdjwt.SdJwt) -> dict[str, tuple[str, ...]]:
    paths: dict[str, tuple[str, ...]] = {}
    sdjwt.reconstruct(sd, paths)
    return paths


def default_pointers(sd: sdjwt.SdJwt) -> list[str]:
    """What was achieved and who: every disclosure except personal details (birthdate, e-mail, address...)."""
    return sorted(to_pointer(p) for p in disclosure_map(sd).values() if not is_personal(p))


def select(sd: sdjwt.SdJwt, pointers: list[str]) -> list[sdjwt.Disclosure]:
    paths = disclosure_map(sd)
    try:
        wanted = [pointer_tokens(p) for p in pointers]
    except ValueError as exc:
        raise WalletError(str(exc)) from exc
    unknown = [p for p, w in zip(pointers, wanted, strict=True)
               if not any(path[: len(w)] == w or w[: len(path)] == path for path in paths.values())]
    if unknown:
        raise WalletError(f"nothing selectively disclosable at {', '.join(unknown)}")
    chosen = []
    for d in sd.disclosures:
        path = paths[d.raw]
        if any(path[: len(w)] == w or (len(path) < len(w) and w[: len(path)] == path) for w in wanted):
            chosen.append(d)
    return chosen


def present(token: str, pointers: list[str] | None, holder_key: ec.EllipticCurvePrivateKey | None, *,
            audience: str, nonce: str, iat: int, exp: int | None = None) -> tuple[str, list[str]]:
    """Returns the presentation (issuer JWT ~ chosen disclosures ~ KB-JWT) and the disclosed pointers."""
    sd = sdjwt.parse(token)
    if sd.kb_jwt:
        raise WalletError("this SD-JWT already carries a key binding; present the stored credential instead")
    pointers = default_pointers(sd) if pointers is None else pointers
    chosen = select(sd, pointers)
    body = sd.issuer_jwt + "~" + "".join(d.raw + "~" for d in chosen)
    claims = sdjwt.reconstruct(sd)
    if not isinstance(claims.get("cnf"), dict):
        return body, pointers  # no holder binding requested by the issuer: no KB-JWT
    if holder_key is None:
        raise WalletError("this credential is bound to a holder key, and no holder key is available")
    bound = claims["cnf"].get("jwk")
    from ..crypto import publickeys as keys

    if bound != keys.to_jwk(holder_key.public_key()):
        raise WalletError("this credential is bound to a different holder key than this wallet's")
    sd_alg = sdjwt.HASHES.get(sd.sd_alg, hashlib.sha256)
    sd_hash = keys.b64u_encode(sd_alg(body.encode("ascii")).digest())
    payload: dict[str, Any] = {"iat": iat, "aud": audience, "nonce": nonce, "sd_hash": sd_hash}
    if exp is not None:
        payload["exp"] = exp
    kb = signing.sign_jws({"alg": "ES256", "typ": "kb+jwt"}, json.dumps(payload, separators=(",", ":")).encode(),
                           holder_key)
    return body + kb, pointers
