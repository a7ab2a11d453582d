"""OpenID4VP 1.0 authorization requests, as a wallet receives them: a link (``openid4vp://``, ``haip-vp://``,
an https link carrying the parameters), a request object passed by value (``request``) or by reference
(``request_uri``, fetched with GET or, when ``request_uri_method=post``, POST with ``wallet_nonce``), and the
verifier's identity checked according to its client identifier prefix (section 5.9):

- ``redirect_uri:``  the request must not be signed; answers go to the address in the client identifier;
- ``x509_san_dns:`` / ``x509_hash:``  signed with the key of the leaf certificate in ``x5c``, whose chain
  reaches a root the learner trusts; the leaf's DNS name is the client identifier (san_dns) or the leaf's
  SHA-256 is (hash); answers go to that DNS name only;
- ``decentralized_identifier:``  signed with a key of that DID, named by ``kid`` (did:key and did:jwk
  offline);
- ``verifier_attestation:``  the ``jwt`` header carries an attestation signed by an attester the learner
  trusts, about this client (``sub``), whose ``cnf`` key signed the request;
- no prefix (pre-registered) and prefixes this wallet does not know: shown as *unverified*; ``origin:``
  is refused (it exists only for the browser Digital Credentials API).

A request whose signature or client identity fails is refused (:class:`RequestRefused`, exit 2); nothing
is sent anywhere.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import sys
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..crypto import jose
from ..errors import BadInput, CannotProceed
from . import dcql
from .http import ExchangeRefused, HttpClient, check_url
from .vp_identity import (ATTESTATION_TYP, CLOCK_SKEW, KNOWN_PREFIXES, SIGNED_PREFIXES, UNVERIFIED,
                          RequestRefused, Verifier, VpTrust, _client_identity, split_client_id)

REQUEST_TYP = "oauth-authz-req+jwt"
RESPONSE_MODES = ("direct_post", "direct_post.jwt")
SCHEMES = ("openid4vp", "haip-vp", "eudi-openid4vp", "mdoc-openid4vp", "https")
MAX_SOURCE = 64 * 1024

# the client-identity checks live in vp_identity; their public names stay importable from here
__all__ = ["REQUEST_TYP", "ATTESTATION_TYP", "RESPONSE_MODES", "SIGNED_PREFIXES", "KNOWN_PREFIXES", "SCHEMES",
           "MAX_SOURCE", "UNVERIFIED", "CLOCK_SKEW", "RequestRefused", "NetworkFailed", "VpTrust", "Verifier",
           "Request", "read_request_source", "parse_link", "split_client_id", "load"]


class NetworkFailed(CannotProceed):
    """The verifier could not be reached (exit 3)."""


@dataclass
class Request:
    params: dict[str, Any]
    verifier: Verifier
    nonce: str
    state: str | None
    response_mode: str
    response_uri: str
    query: dcql.Query
    client_metadata: dict[str, Any]
    signed: bool
    notes: list[str] = field(default_factory=list)


# --- where the request comes from ------------------------------------------------------------------------


def read_request_source(value: str, stdin: Any = None) -> str:  # TODO(merge): use exchange.links.read_link
    """The request text: ``-`` reads stdin, an existing file is read (bounded), anything else is the text
    itself (a link or pasted parameters).  QR images are decoded by the front ends (they own the decoder)."""
    if value == "-":
        data = (stdin or sys.stdin).read(MAX_SOURCE + 1)
        if len(data) > MAX_SOURCE:
            raise BadInput(f"over the {MAX_SOURCE:,}-character limit for a request", path="stdin")
        return data.strip()
    if "://" not in value and len(value) < 4096:
        p = Path(value)
        if p.is_file():
            from ..fsutil import read_capped

            raw = read_capped(p, MAX_SOURCE)
            try:
                return raw.decode("utf-8").strip()
            except UnicodeDecodeError as exc:
                raise BadInput("not a text file (for a QR image, give the image to the app or to "
                               "credwallet respond as a .png/.jpg file)", path=value) from exc
    return value.strip()


def parse_link(text: str) -> dict[str, Any]:
    """The authorization request parameters in a link, a pasted JSON object, or a bare request object."""
    text = text.strip()
    if not text:
        raise RequestRefused("the request is empty")
    if text.startswith("{"):
        try:
            obj = json.loads(text)
        except ValueError as exc:
            raise RequestRefused(f"the pasted request is not JSON ({exc})") from exc
        if not isinstance(obj, dict):
            raise RequestRefused("the pasted request is not a JSON object")
        return obj
    if text.count(".") == 2 and "://" not in text and " " not in text:
        return {"request": text}
    parts = urllib.parse.urlsplit(text)
    if parts.scheme.lower() not in SCHEMES:
        raise RequestRefused(f"not an OpenID4VP request link ({text[:60]!r}); expected openid4vp://, haip-vp:// "
                             "or an https link carrying client_id")
    params: dict[str, Any] = {}
    for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True):
        if k in params:
            raise RequestRefused(f"the parameter {k!r} appears twice")
        params[k] = v
    if "client_id" not in params:
        raise RequestRefused("the link carries no client_id: it is not an OpenID4VP request")
    params["_scheme"] = parts.scheme.lower()
    return params


# --- loading and checking ---------------------------------------------------------------------------------


def _json_param(params: dict[str, Any], name: str) -> Any:
    value = params.get(name)
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError as exc:
            raise RequestRefused(f"{name} is not JSON ({exc})") from exc
    return value


def _fetch_request_object(params: dict[str, Any], http: HttpClient) -> tuple[str, str | None]:
    prefix = split_client_id(str(params.get("client_id", "")))[0]
    uri = params["request_uri"]
    method = params.get("request_uri_method", "get")
    if method not in ("get", "post"):
        raise RequestRefused(f"request_uri_method must be 'get' or 'post', not {method!r:.30}")
    accept = "application/oauth-authz-req+jwt"
    try:
        if method == "post":
            wallet_nonce = secrets.token_urlsafe(16)
            metadata = {"vp_formats_supported": {dcql.SD_JWT: {"sd-jwt_alg_values": ["ES256", "EdDSA"],
                                                               "kb-jwt_alg_values": ["ES256"]},
                                                 dcql.LDP_VC: {"proof_type_values": ["DataIntegrityProof"],
                                                               "cryptosuite_values": ["ecdsa-sd-2023", "bbs-2023",
                                                                                      "eddsa-rdfc-2022"]}},
                        "client_id_prefixes_supported": list(SIGNED_PREFIXES) + ["redirect_uri"],
                        "response_modes_supported": list(RESPONSE_MODES)}
            if prefix != "redirect_uri":  # section 5.10: not for a prefix whose requests cannot be signed
                metadata["request_object_signing_alg_values_supported"] = ["ES256", "ES384", "EdDSA", "RS256", "PS256"]
            resp = http.post_form(uri, {"wallet_metadata": json.dumps(metadata), "wallet_nonce": wallet_nonce},
                                  accept=accept)
        else:
            wallet_nonce = None
            resp = http.get(uri, accept=accept)
    except ExchangeRefused as exc:
        raise NetworkFailed(f"could not fetch the verifier's request: {exc}") from exc
    if resp.status != 200:
        raise RequestRefused(f"the verifier's request_uri answered {resp.status}")
    try:
        return resp.body.decode("ascii").strip(), wallet_nonce
    except UnicodeDecodeError as exc:
        raise RequestRefused("the request object is not a JWT") from exc


def _unsigned_jwt(token: str) -> dict[str, Any] | None:
    """The payload of an unsigned request object (``alg: none``), else None."""
    try:
        jws = jose.parse_compact(token)
    except jose.JoseError as exc:
        raise RequestRefused(f"the request object is not a JWT ({exc})") from exc
    if str(jws.header.get("alg", "")).lower() != "none":
        return None
    if jws.signature:
        raise RequestRefused("the request object says alg 'none' but carries a signature")
    payload = jws.payload_json()
    if not isinstance(payload, dict):
        raise RequestRefused("the request object is not a JSON object")
    return payload


def load(text: str, *, http: HttpClient, trust: VpTrust, now: dt.datetime) -> Request:
    """Parse, fetch (request_uri) and check a request; RequestRefused / NetworkFailed when it cannot be answered."""
    params = parse_link(text)
    scheme = params.pop("_scheme", "")
    outer_client = params.get("client_id")
    token = params.get("request")
    wallet_nonce = None
    if "request_uri" in params:
        if token is not None:
            raise RequestRefused("both request and request_uri are given")
        token, wallet_nonce = _fetch_request_object(params, http)
    signed_header: dict[str, Any] | None = None
    jws = None
    if token is not None:
        if not isinstance(token, str):
            raise RequestRefused("request is not a JWT")
        unsigned = _unsigned_jwt(token)
        if unsigned is not None:
            inner = unsigned
        else:
            jws = jose.parse_compact(token)
            signed_header = jws.header
            if signed_header.get("typ") != REQUEST_TYP:
                raise RequestRefused(f"the signed request object's typ is {signed_header.get('typ')!r}, "
                                     f"not {REQUEST_TYP!r}")
            inner = jws.payload_json()
            if not isinstance(inner, dict):
                raise RequestRefused("the request object is not a JSON object")
        if outer_client is not None and inner.get("client_id") != outer_client:
            raise RequestRefused("the client_id inside the request object differs from the one in the link")
        if wallet_nonce is not None and inner.get("wallet_nonce") != wallet_nonce:
            raise RequestRefused("the request object does not carry the wallet_nonce this wallet sent")
        exp = inner.get("exp")
        if exp is not None and (not isinstance(exp, int | float) or exp < now.timestamp() - CLOCK_SKEW):
            raise RequestRefused("the request object has expired")
        params = inner
    client_id = params.get("client_id")
    if not isinstance(client_id, str) or not client_id:
        raise RequestRefused("the request names no client_id")
    if params.get("response_type") != "vp_token":
        raise RequestRefused(f"response_type {params.get('response_type')!r:.40} is not supported "
                             "(this wallet answers 'vp_token' requests)")
    if "presentation_definition" in params or "presentation_definition_uri" in params:
        raise RequestRefused("the verifier asks with Presentation Exchange (presentation_definition), which this "
                             "wallet does not support; it answers DCQL queries (dcql_query)")
    if "transaction_data" in params:
        raise RequestRefused("the request carries transaction_data, which this wallet does not support")
    nonce = params.get("nonce")
    if not isinstance(nonce, str) or not nonce:
        raise RequestRefused("the request has no nonce")
    mode = params.get("response_mode", "fragment")
    if mode not in RESPONSE_MODES:
        raise RequestRefused(f"response_mode {mode!r:.40} is not supported (a desktop wallet answers with "
                             "direct_post or direct_post.jwt)")
    response_uri = params.get("response_uri")
    if response_uri is None and client_id.startswith("redirect_uri:"):
        response_uri = client_id[len("redirect_uri:"):]  # section 5.9.3: the verifier may leave it out
    if not isinstance(response_uri, str) or not response_uri:
        raise RequestRefused(f"response_mode {mode} needs a response_uri")
    if "redirect_uri" in params:
        raise RequestRefused(f"redirect_uri must not be present with response_mode {mode}")
    try:
        check_url(response_uri, http.allow_loopback_http)
    except ExchangeRefused as exc:
        raise RequestRefused(f"response_uri: {exc}") from exc
    state = params.get("state")
    if state is not None and not isinstance(state, str):
        raise RequestRefused("state must be a string")
    raw_query = _json_param(params, "dcql_query")
    if raw_query is None:
        raise RequestRefused("the request carries no dcql_query" + (" (a scope-only request is not supported)"
                                                                   if "scope" in params else ""))
    query = dcql.parse(raw_query)
    metadata = _json_param(params, "client_metadata") or {}
    if not isinstance(metadata, dict):
        raise RequestRefused("client_metadata is not an object")
    verifier = _client_identity(client_id, jws, response_uri, trust, now)
    if scheme == "haip-vp":
        if verifier.prefix not in ("x509_san_dns", "x509_hash"):
            raise RequestRefused("a haip-vp:// request must be signed with an x509_san_dns or x509_hash client id")
        if mode != "direct_post.jwt":
            raise RequestRefused("a haip-vp:// request must ask for an encrypted answer (direct_post.jwt)")
    req = Request(params, verifier, nonce, state, mode, response_uri, query, metadata, jws is not None)
    if mode == "direct_post.jwt":
        from .vp_response import choose_enc, encryption_key

        encryption_key(metadata)
        choose_enc(metadata)  # refused now, before the learner is asked, when there is no usable key
    return req
