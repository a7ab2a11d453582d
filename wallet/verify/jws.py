"""The issuer signature of a JWS (VC-JWT, signed Open Badge 2.0, SD-JWT): finding the issuer's key (pinned
in the trusted list, a DID, an x5c chain to a trusted root, SD-JWT VC issuer metadata, the JWS's own jwk
header) and checking the signature with it."""

from __future__ import annotations

from typing import Any

from ..crypto import jose
from ..crypto import publickeys as keys
from ..crypto.did import KeyUnresolved
from ..formats.common import as_str
from ..messages import msg
from ..model import FAIL, PASS, SKIPPED
from .report import Report


def _x5c_key(rep: Report, header: dict[str, Any], iss: str) -> tuple[keys.PublicKey | None, str]:
    """A key from the header's x5c chain, only if it chains to a root in the learner's trust list and the
    leaf certificate names the issuer's host."""
    import base64
    import urllib.parse

    from cryptography import x509
    from cryptography.x509.verification import ExtensionPolicy, PolicyBuilder, Store, VerificationError

    chain = header.get("x5c")
    roots = rep.ctx.trust.roots(iss)  # only the issuer's own entry's root: one issuer never certifies another
    if not isinstance(chain, list) or not chain or not all(isinstance(c, str) for c in chain):
        return None, "the x5c header is malformed"
    if not roots:
        return None, "the JWT carries a certificate chain, but your issuer list holds no trusted root for this issuer"
    try:
        certs = [x509.load_der_x509_certificate(base64.b64decode(c)) for c in chain]
        verifier = (PolicyBuilder().store(Store([r for _e, r in roots])).time(rep.ctx.clock())
                    .extension_policies(ca_policy=ExtensionPolicy.webpki_defaults_ca(),
                                        ee_policy=ExtensionPolicy.permit_all())
                    .build_client_verifier())
        verifier.verify(certs[0], certs[1:])
    except (ValueError, VerificationError) as exc:
        return None, f"the certificate chain does not lead to a trusted root ({exc})"
    host = urllib.parse.urlsplit(iss).hostname or ""
    try:
        san = certs[0].extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        names = san.get_values_for_type(x509.DNSName) + san.get_values_for_type(x509.UniformResourceIdentifier)
    except x509.ExtensionNotFound:
        names = []
    if not host or not any(n == host or n == iss or n.rstrip("/") == iss.rstrip("/") for n in names):
        return None, f"the certificate is not issued to {iss}"
    return certs[0].public_key(), iss  # type: ignore[return-value]


def _issuer_metadata_key(rep: Report, header: dict[str, Any], iss: str) -> tuple[keys.PublicKey | None, str]:
    """SD-JWT VC issuer metadata (/.well-known/jwt-vc-issuer), online only."""
    import json as _json
    import urllib.parse

    from ..fetch import FetchRefused

    parts = urllib.parse.urlsplit(iss)
    if parts.scheme != "https" or not parts.hostname:
        return None, "the issuer is not an https URL"
    url = f"https://{parts.netloc}/.well-known/jwt-vc-issuer{parts.path.rstrip('/')}"
    try:
        meta = _json.loads(rep.ctx.fetcher.get(url))
        if not isinstance(meta, dict) or meta.get("issuer") != iss:
            return None, "the issuer metadata names another issuer"
        jwks = meta.get("jwks")
        if jwks is None and isinstance(meta.get("jwks_uri"), str):
            jwks = _json.loads(rep.ctx.fetcher.get(meta["jwks_uri"]))
        kid = header.get("kid")
        for k in (jwks or {}).get("keys", []):
            if isinstance(k, dict) and (kid is None or k.get("kid") == kid):
                return keys.from_jwk({x: y for x, y in k.items() if x not in ("kid", "use", "alg")}), iss
        return None, "the issuer metadata has no matching key"
    except FetchRefused as exc:
        return None, f"the issuer's key is published online ({url}): {exc}"
    except (ValueError, keys.KeyFormatError) as exc:
        return None, f"the issuer metadata is unusable ({exc})"


def _jwt_key(rep: Report, header: dict[str, Any], iss: str, also: tuple[str, ...] = ()) -> tuple[keys.PublicKey | None, str]:
    """The issuer's key for a JWT and where it was resolved from (its controller), or None and why not."""
    pinned = [a for a in (*also, iss) if a and a in rep.ctx.resolver.trusted]
    if pinned:
        # the trusted list pins this issuer's key: that key and no other (not the header's kid or x5c)
        try:
            r = rep.ctx.resolver.resolve(pinned[0])
            return r.key, r.controller
        except KeyUnresolved as exc:
            return None, str(exc)
    if "x5c" in header:
        return _x5c_key(rep, header, iss)
    kid = as_str(header.get("kid"))
    candidates = []
    if kid.startswith("did:"):
        candidates.append(kid)
    elif kid and iss.startswith("did:"):
        candidates.append(iss + kid if kid.startswith("#") else f"{iss}#{kid}")
    if iss:
        candidates.append(iss)
    last_err: str = msg("error.jwt.no_key")
    for c in candidates:
        try:
            r = rep.ctx.resolver.resolve(c)
            return r.key, r.controller
        except KeyUnresolved as exc:
            last_err = str(exc)
    if iss.startswith("https://"):
        key, who = _issuer_metadata_key(rep, header, iss)
        if key is not None:
            return key, who
        last_err = who
    return None, last_err


def _embedded_jwk(header: dict[str, Any]) -> tuple[keys.PublicKey, str] | None:
    """The key a JWS carries in its own ``jwk`` header, named as a did:jwk (it names no one)."""
    import json as _json

    jwk = header.get("jwk")
    if not isinstance(jwk, dict):
        return None
    public = {k: v for k, v in jwk.items() if k in ("kty", "crv", "x", "y", "n", "e")}
    try:
        key = keys.from_jwk(public)
    except keys.KeyFormatError:
        return None
    name = "did:jwk:" + keys.b64u_encode(_json.dumps(public, sort_keys=True, separators=(",", ":")).encode())
    return key, name


def jws_check(rep: Report, token: str, iss: str, also: tuple[str, ...] = ()) -> str | None:
    """Check a JWS with the issuer's key; returns the key's controller (where it was resolved from).

    A JWS whose issuer key cannot be found but that carries its own key (``jwk`` header) is checked
    with that key: this proves the content was not altered since it was signed, never who signed it
    (the controller returned is that key as a did:jwk, which the issuer checks do not accept as the
    issuer's unless the issuer id is that very did:jwk)."""
    try:
        jws = jose.parse_compact(token)
        jose.check_header(jws.header, allow_embedded_jwk=True)
    except jose.JoseError as exc:
        rep.add("signature", FAIL, msg("check.signature.failed", reason=exc))
        return None
    key, who = _jwt_key(rep, jws.header, iss, also)
    embedded = None
    if key is None and "jwk" in jws.header:
        embedded = _embedded_jwk(jws.header)
        if embedded is None:
            rep.add("signature", FAIL, msg("check.signature.unusable_jwk"))
            return None
        key, who = embedded
    if key is None:
        rep.add("signature", SKIPPED, msg("check.signature.not_checked_because", reason=who))
        return None
    try:
        jose.verify(jws, key, allow_embedded_jwk=True)
    except jose.JoseError as exc:
        rep.add("signature", FAIL, msg("check.signature.failed", reason=exc))
        return None
    if embedded is not None:
        rep.add("signature", PASS, msg("check.signature.valid_embedded", alg=str(jws.header.get("alg")),
                                       key=keys.describe(key)))
    else:
        rep.add("signature", PASS, msg("check.signature.valid_jws", alg=str(jws.header.get("alg")), key=keys.describe(key)))

    return who
