"""OpenID4VCI 1.0 §12.2: Credential Issuer metadata (unsigned or signed), and the Authorization Server's
(RFC 8414, with the OpenID Connect discovery location as a fallback).

The well-known path is inserted between the host and the path of the identifier (§12.2.2, RFC 8414 §3.1).
The ``credential_issuer`` in the metadata must equal, as a plain string, the identifier it was fetched for
(and so the offer's): otherwise nothing of it is used.  Signed metadata (``application/jwt``, §12.2.3) is used
only when its signature checks and its signer is a key the learner's trust list pins for that issuer; signed
metadata whose signer is not trusted is set aside (as the text requires) and the unsigned form is read.
"""

from __future__ import annotations

import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from ..crypto import jose
from ..crypto import publickeys as keys
from .http import HttpClient, Response
from .offer import IssuerError, Offer, OfferError, call

ISSUER_WELL_KNOWN = "/.well-known/openid-credential-issuer"
AS_WELL_KNOWN = "/.well-known/oauth-authorization-server"
OIDC_WELL_KNOWN = "/.well-known/openid-configuration"
SIGNED_METADATA_TYP = "openidvci-issuer-metadata+jwt"  # as spelled in §12.2.3
SUPPORTED_FORMATS = ("dc+sd-jwt", "jwt_vc_json", "ldp_vc")
MAX_METADATA_BYTES = 1024 * 1024


def well_known(identifier: str, suffix: str) -> str:
    """``https://host/tenant`` -> ``https://host/<suffix>/tenant`` (a terminating slash is dropped first)."""
    parts = urllib.parse.urlsplit(identifier)
    path = parts.path.rstrip("/")
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, suffix + path, "", ""))


def _pick_display(items: Any, locales: tuple[str, ...] = ("en",)) -> dict[str, Any]:
    if not isinstance(items, list):
        return {}
    good = [d for d in items if isinstance(d, dict)]
    for loc in locales:
        for d in good:
            if isinstance(d.get("locale"), str) and d["locale"].lower().split("-")[0] == loc:
                return d
    return good[0] if good else {}


def _text(v: Any, limit: int = 300) -> str:
    return v[:limit] if isinstance(v, str) else ""


@dataclass
class Configuration:
    id: str
    format: str
    name: str
    description: str
    proof_algs: list[str]  # from proof_types_supported.jwt; empty when no proof is asked for
    proofs_required: bool
    scope: str | None
    types: list[str]  # vct, or credential_definition.type
    raw: dict[str, Any] = field(repr=False, default_factory=dict)
    key_attestation: bool = False  # the issuer wants key attestations (this wallet has none to give)
    binding: list[str] = field(default_factory=list)  # cryptographic_binding_methods_supported

    @property
    def binds_to_did_key(self) -> bool:
        """The credential is bound to a did:key rather than a bare JWK: the proof names the key by ``kid``."""
        return "did:key" in self.binding and "jwk" not in self.binding

    @property
    def supported(self) -> bool:
        return self.format in SUPPORTED_FORMATS

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "format": self.format, "name": self.name, "description": self.description,
                "types": self.types, "supported": self.supported}


@dataclass
class IssuerMetadata:
    credential_issuer: str
    credential_endpoint: str
    nonce_endpoint: str | None
    deferred_endpoint: str | None
    authorization_servers: list[str]
    batch_size: int
    name: str
    logo_uri: str
    logo_alt: str
    configurations: dict[str, Configuration]
    signed: str  # "unsigned" | "signed by a trusted key" | "signed, signer not trusted: unsigned form used"
    raw: dict[str, Any] = field(repr=False, default_factory=dict)

    def display(self) -> dict[str, Any]:
        return {"id": self.credential_issuer, "name": self.name, "logo": self.logo_uri, "logo_alt": self.logo_alt,
                "metadata": self.signed}


def _configuration(cid: str, c: Any) -> Configuration:
    if not isinstance(c, dict) or not isinstance(c.get("format"), str):
        raise IssuerError(f"the issuer's metadata describes {cid!r} without a format")
    meta: dict[str, Any] = c["credential_metadata"] if isinstance(c.get("credential_metadata"), dict) else {}
    disp = _pick_display(meta.get("display") or c.get("display"))
    proof_types: Any = c.get("proof_types_supported")
    algs: list[str] = []
    attest = False
    required = isinstance(proof_types, dict) and bool(proof_types)
    if required:
        jwt = proof_types.get("jwt")
        if isinstance(jwt, dict) and isinstance(jwt.get("proof_signing_alg_values_supported"), list):
            algs = [a for a in jwt["proof_signing_alg_values_supported"] if isinstance(a, str)]
        attest = isinstance(jwt, dict) and "key_attestations_required" in jwt
    types: list[str] = []
    if isinstance(c.get("vct"), str):
        types = [c["vct"]]
    elif isinstance(c.get("credential_definition"), dict) and isinstance(c["credential_definition"].get("type"), list):
        types = [t for t in c["credential_definition"]["type"] if isinstance(t, str)][:10]
    return Configuration(cid, c["format"], _text(disp.get("name"), 200) or cid, _text(disp.get("description")),
                         algs, required, c.get("scope") if isinstance(c.get("scope"), str) else None, types, c,
                         attest, [b for b in c.get("cryptographic_binding_methods_supported") or [] if isinstance(b, str)]
                         if isinstance(c.get("cryptographic_binding_methods_supported"), list) else [])


def _read_json(resp: Response, what: str) -> dict[str, Any]:
    if len(resp.body) > MAX_METADATA_BYTES:
        raise IssuerError(f"{what} is too large")
    try:
        obj = resp.json()
    except Exception as exc:  # noqa: BLE001 - ExchangeRefused from a body that is not JSON
        raise IssuerError(f"{what}: {exc}") from exc
    if not isinstance(obj, dict):
        raise IssuerError(f"{what} is not a JSON object")
    return obj


def _signed_claims(token: str, identifier: str, trust: Any, now: float) -> tuple[dict[str, Any], bool]:
    """The claims of signed metadata and whether its signer is trusted; a bad signature is a refusal."""
    try:
        jws = jose.parse_compact(token.strip())
    except jose.JoseError as exc:
        raise IssuerError(f"the issuer's signed metadata is malformed ({exc})") from exc
    h = jws.header
    if h.get("typ") != SIGNED_METADATA_TYP:
        raise IssuerError(f"the issuer's signed metadata has typ {h.get('typ')!r}, not {SIGNED_METADATA_TYP!r}")
    key = None
    if isinstance(h.get("jwk"), dict):
        key = keys.from_jwk(h["jwk"])
    elif isinstance(h.get("x5c"), list) and h["x5c"] and isinstance(h["x5c"][0], str):
        import base64

        from cryptography import x509

        try:
            key = x509.load_der_x509_certificate(base64.b64decode(h["x5c"][0])).public_key()  # type: ignore[assignment]
        except ValueError as exc:
            raise IssuerError("the issuer's signed metadata carries an unreadable certificate") from exc
    if key is None:
        return {}, False  # no key we can check it with: treated as an untrusted signer
    try:
        jose.verify(jws, key, allow_embedded_jwk=True)
    except jose.JoseError as exc:
        raise IssuerError(f"the issuer's signed metadata does not verify: {exc}") from exc
    claims = jws.payload_json()
    if not isinstance(claims, dict):
        raise IssuerError("the issuer's signed metadata is not a JSON object")
    if claims.get("sub") != identifier:
        raise IssuerError(f"the issuer's signed metadata is about {str(claims.get('sub'))[:100]!r}, not {identifier!r}")
    if not isinstance(claims.get("iat"), int | float) or (isinstance(claims.get("exp"), int | float)
                                                          and claims["exp"] < now):
        raise IssuerError("the issuer's signed metadata has no issue time or has expired")
    entry = trust.find(identifier) if trust is not None else None
    trusted = bool(entry and entry.jwk and keys.to_jwk(keys.from_jwk(entry.jwk)) == keys.to_jwk(key))
    return claims, trusted


def fetch_issuer_metadata(offer: Offer, http: HttpClient, trust: Any = None, now: float | None = None) -> IssuerMetadata:
    identifier = offer.credential_issuer
    url = well_known(identifier, ISSUER_WELL_KNOWN)
    resp = call(http.get, url, accept="application/json, application/jwt;q=0.9",
                headers={"Accept-Language": "en"})
    signed = "unsigned"
    if resp.status != 200:
        raise IssuerError(f"the issuer's metadata at {url[:200]} could not be read (HTTP {resp.status})")
    if resp.content_type == "application/jwt":
        if len(resp.body) > MAX_METADATA_BYTES:
            raise IssuerError("the issuer's metadata is too large")
        claims, trusted = _signed_claims(resp.body.decode("ascii", "replace"), identifier, trust,
                                         time.time() if now is None else now)
        if trusted:
            meta, signed = claims, "signed by a key your trust list holds for this issuer"
        else:  # §12.2.3: without trust in the signer the signed metadata must be rejected; read the plain one
            resp = call(http.get, url, accept="application/json", headers={"Accept-Language": "en"})
            if resp.status != 200 or resp.content_type != "application/json":
                raise IssuerError("the issuer's metadata is signed by a key you have not trusted, and it offers "
                                  "no unsigned metadata")
            meta = _read_json(resp, "the issuer's metadata")
            signed = "signed by a key you have not trusted (not used); the unsigned metadata is shown"
    else:
        meta = _read_json(resp, "the issuer's metadata")
    return parse_issuer_metadata(meta, identifier, signed)


def parse_issuer_metadata(meta: dict[str, Any], identifier: str, signed: str = "unsigned") -> IssuerMetadata:
    if meta.get("credential_issuer") != identifier:
        raise OfferError(f"the offer names the issuer {identifier!r} but its metadata says "
                         f"{str(meta.get('credential_issuer'))[:100]!r}: refused (the offer may point to an impostor)")
    endpoint = meta.get("credential_endpoint")
    if not isinstance(endpoint, str) or not endpoint:
        raise IssuerError("the issuer's metadata has no credential_endpoint")
    configs = meta.get("credential_configurations_supported")
    if not isinstance(configs, dict) or not configs:
        raise IssuerError("the issuer's metadata lists no credential_configurations_supported")
    servers = meta.get("authorization_servers")
    if servers is not None and (not isinstance(servers, list) or not servers
                                or not all(isinstance(s, str) and s for s in servers)):
        raise IssuerError("authorization_servers in the issuer's metadata is not a list of identifiers")
    batch = meta.get("batch_credential_issuance")
    size = batch.get("batch_size") if isinstance(batch, dict) else None
    disp = _pick_display(meta.get("display"))
    logo: dict[str, Any] = disp["logo"] if isinstance(disp.get("logo"), dict) else {}

    def opt(name: str) -> str | None:
        v = meta.get(name)
        return v if isinstance(v, str) and v else None

    return IssuerMetadata(
        credential_issuer=identifier, credential_endpoint=endpoint, nonce_endpoint=opt("nonce_endpoint"),
        deferred_endpoint=opt("deferred_credential_endpoint"), authorization_servers=list(servers or [identifier]),
        batch_size=size if isinstance(size, int) and not isinstance(size, bool) and size >= 2 else 1,
        name=_text(disp.get("name"), 200), logo_uri=_text(logo.get("uri"), 100_000),
        logo_alt=_text(logo.get("alt_text"), 200),
        configurations={cid: _configuration(cid, c) for cid, c in list(configs.items())[:200]},
        signed=signed, raw=meta)


@dataclass
class AuthServer:
    issuer: str
    token_endpoint: str
    authorization_endpoint: str | None
    anonymous_pre_auth: bool
    iss_in_response: bool
    par_endpoint: str | None
    require_par: bool
    raw: dict[str, Any] = field(repr=False, default_factory=dict)


def choose_auth_server(offer: Offer, meta: IssuerMetadata, pre_auth: bool) -> str:
    hint = offer.pre_auth_server if pre_auth else offer.auth_code_server
    if hint is not None:
        if hint not in meta.authorization_servers or len(meta.authorization_servers) < 2:
            raise OfferError(f"the offer names the authorization server {hint[:100]!r}, which the issuer's metadata "
                             "does not list among several: refused")
        return hint
    return meta.authorization_servers[0]


def fetch_auth_server(identifier: str, http: HttpClient) -> AuthServer:
    """RFC 8414 metadata at the inserted well-known path; OpenID Connect discovery (appended) as a fallback."""
    tried = []
    for url in (well_known(identifier, AS_WELL_KNOWN), identifier.rstrip("/") + OIDC_WELL_KNOWN):
        resp = call(http.get, url, accept="application/json")
        tried.append(f"{url[:200]} (HTTP {resp.status})")
        if resp.status == 200:
            meta = _read_json(resp, "the authorization server's metadata")
            break
    else:
        raise IssuerError("the authorization server's metadata could not be read: " + "; ".join(tried))
    if meta.get("issuer") != identifier:  # RFC 8414 §3.3
        raise IssuerError(f"the authorization server's metadata names {str(meta.get('issuer'))[:100]!r}, "
                          f"not {identifier!r}: refused")
    token = meta.get("token_endpoint")
    if not isinstance(token, str) or not token:
        raise IssuerError("the authorization server's metadata has no token_endpoint")

    def opt(name: str) -> str | None:
        v = meta.get(name)
        return v if isinstance(v, str) and v else None

    return AuthServer(identifier, token, opt("authorization_endpoint"),
                      meta.get("pre-authorized_grant_anonymous_access_supported") is True,
                      meta.get("authorization_response_iss_parameter_supported") is True,
                      opt("pushed_authorization_request_endpoint"),
                      meta.get("require_pushed_authorization_requests") is True, meta)
