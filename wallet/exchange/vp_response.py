"""The OpenID4VP answer on the wire (section 8): ``direct_post`` (form: ``vp_token`` as JSON, ``state``) and
``direct_post.jwt`` (form: ``response`` = a JWE encrypted to the verifier's key from ``client_metadata.jwks``,
ECDH-ES (or the key-wrapping variant the key names as its alg) with A128GCM or A256GCM as ``encrypted_response_enc_values_supported`` allows; jwcrypto does the JWE).

The verifier's reply is read, never acted on: a ``redirect_uri`` it returns is handed back to be shown to
the learner (only https, or http to a loopback address under --allow-loopback-http; anything else, such as
``javascript:``, is dropped with a note).
"""

from __future__ import annotations

import json
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from ..errors import BadInput
from .http import ExchangeRefused, HttpClient, check_url

ENC_SUPPORTED = ("A128GCM", "A256GCM")
EC_CURVES = ("P-256", "P-384", "P-521")
KEY_ALGS = ("ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A256KW")  # the JWE alg is the key's own alg (8.3)


def encryption_key(metadata: dict[str, Any]) -> dict[str, Any]:
    """The verifier's public key for ECDH-ES: the first suitable key in client_metadata.jwks; BadInput when none."""
    jwks = metadata.get("jwks")
    found = jwks.get("keys") if isinstance(jwks, dict) else None
    if not isinstance(found, list) or not found:
        raise BadInput("verifier request refused: direct_post.jwt needs the verifier's encryption key "
                       "(client_metadata.jwks), and there is none")
    for k in found:
        if not isinstance(k, dict) or "d" in k:
            continue
        if k.get("use") not in (None, "enc") or k.get("alg", "ECDH-ES") not in KEY_ALGS:
            continue
        if (k.get("kty") == "EC" and k.get("crv") in EC_CURVES) or (k.get("kty") == "OKP" and k.get("crv") == "X25519"):
            return k
    raise BadInput("verifier request refused: client_metadata.jwks has no key usable with ECDH-ES "
                   "(an EC P-256/P-384/P-521 or X25519 key)")


def choose_enc(metadata: dict[str, Any]) -> str:
    offered = metadata.get("encrypted_response_enc_values_supported")
    if offered is None:
        return "A128GCM"  # the default of section 8.3
    if not isinstance(offered, list):
        raise BadInput("verifier request refused: encrypted_response_enc_values_supported is not a list")
    for enc in offered:
        if enc in ENC_SUPPORTED:
            return enc
    raise BadInput(f"verifier request refused: none of the verifier's encryption methods {offered[:5]} is "
                   f"supported ({', '.join(ENC_SUPPORTED)})")


def encrypt(payload: dict[str, Any], metadata: dict[str, Any]) -> str:
    """The JWE (compact) of the response parameters, to the verifier's key."""
    from jwcrypto import jwe, jwk  # type: ignore[import-untyped]

    key_json = encryption_key(metadata)
    try:
        key = jwk.JWK(**key_json)
    except Exception as exc:  # noqa: BLE001 - jwcrypto raises several types for a bad key
        raise BadInput(f"verifier request refused: the verifier's encryption key is unusable ({exc})") from exc
    header = {"alg": key_json.get("alg", "ECDH-ES"), "enc": choose_enc(metadata)}
    if isinstance(key_json.get("kid"), str):
        header["kid"] = key_json["kid"]
    token = jwe.JWE(json.dumps(payload, separators=(",", ":")).encode("utf-8"), protected=json.dumps(header))
    token.add_recipient(key)
    return token.serialize(compact=True)


@dataclass
class Reply:
    status: int
    accepted: bool
    redirect_uri: str | None
    notes: list[str] = field(default_factory=list)
    error: str | None = None


def safe_redirect(value: Any, allow_loopback_http: bool) -> tuple[str | None, str | None]:
    """(the redirect_uri to show, a note when one was dropped)."""
    if value is None:
        return None, None
    if not isinstance(value, str):
        return None, "the verifier returned a redirect_uri that is not text; ignored"
    try:
        check_url(value, allow_loopback_http)
    except ExchangeRefused as exc:
        return None, f"the verifier returned an address that is not shown ({urllib.parse.quote(value[:80], safe=':/')}): {exc}"
    return value, None


def post(http: HttpClient, response_uri: str, form: dict[str, str]) -> Reply:
    """POST the answer; ExchangeRefused when the verifier cannot be reached."""
    resp = http.post_form(response_uri, form)
    notes: list[str] = []
    body: Any = None
    if resp.body:
        try:
            body = resp.json()
        except ExchangeRefused:
            body = None
    if resp.status == 200:
        redirect, note = safe_redirect(body.get("redirect_uri") if isinstance(body, dict) else None,
                                       http.allow_loopback_http)
        if note:
            notes.append(note)
        return Reply(200, True, redirect, notes)
    err = None
    if isinstance(body, dict):
        err = " ".join(str(body.get(k, ""))[:200] for k in ("error", "error_description")).strip() or None
    return Reply(resp.status, False, None, notes, err or f"HTTP {resp.status}")
