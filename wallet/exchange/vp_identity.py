"""The verifier's identity in an OpenID4VP request, checked according to its client identifier prefix
(section 5.9; the rules are listed in :mod:`wallet.exchange.vp_request`), and the types that name it: who the
learner trusts to vouch for verifiers (:class:`VpTrust`), the checked identity (:class:`Verifier`), and the
refusal (:class:`RequestRefused`)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509 import verification as x509v

from ..crypto import jose
from ..crypto import publickeys as keys
from ..crypto.did import KeyResolver, KeyUnresolved, did_of
from ..errors import BadInput
from ..fetch import Fetcher

ATTESTATION_TYP = "verifier-attestation+jwt"
SIGNED_PREFIXES = ("x509_san_dns", "x509_hash", "decentralized_identifier", "verifier_attestation")
KNOWN_PREFIXES = ("redirect_uri", *SIGNED_PREFIXES, "openid_federation", "origin")
UNVERIFIED = "unverified"
CLOCK_SKEW = 60  # seconds allowed between the verifier's clock and ours


class RequestRefused(BadInput):
    """The request cannot be answered: malformed, or its signature or client identity failed (exit 2)."""

    def __init__(self, message: str):
        super().__init__(f"verifier request refused: {message}")


@dataclass
class VpTrust:
    """What the learner (or a test) trusts to vouch for verifiers."""

    x509_roots: list[x509.Certificate] = field(default_factory=list)
    attesters: dict[str, dict[str, Any]] = field(default_factory=dict)  # attestation issuer -> public JWK


@dataclass
class Verifier:
    client_id: str
    prefix: str  # one of KNOWN_PREFIXES, or "pre-registered"
    verified: bool
    name: str  # the identity shown: the checked DNS name / DID / attested subject, or the client id
    how: str  # one sentence for people

    def to_json(self) -> dict[str, Any]:
        return {"client_id": self.client_id, "prefix": self.prefix, "verified": self.verified,
                "name": self.name, "identity": self.name if self.verified else UNVERIFIED, "how": self.how}


def split_client_id(client_id: str) -> tuple[str, str]:
    prefix, sep, rest = client_id.partition(":")
    if sep and prefix in KNOWN_PREFIXES:
        return prefix, rest
    return "pre-registered", client_id


def _verify(jws: jose.Jws, key: Any, who: str) -> None:
    try:
        jose.verify(jws, key)
    except jose.JoseError as exc:
        raise RequestRefused(f"the request signature does not verify with {who}: {exc}") from exc


def _host(url: str) -> str:
    return (urllib.parse.urlsplit(url).hostname or "").lower()


def _client_identity(client_id: str, jws: jose.Jws | None, response_uri: str, trust: VpTrust,
                     now: dt.datetime) -> Verifier:
    prefix, value = split_client_id(client_id)
    if prefix == "origin":
        raise RequestRefused("an 'origin:' client id is only for the browser Digital Credentials API")
    if prefix in SIGNED_PREFIXES and jws is None:
        raise RequestRefused(f"a {prefix} client must sign its request, and this one is not signed")
    if prefix == "redirect_uri":
        if jws is not None:
            raise RequestRefused("a redirect_uri client must not sign its request (its key cannot be checked)")
        if response_uri != value:
            raise RequestRefused(f"the answer would go to {response_uri[:120]}, but the client id says "
                                 f"{value[:120]}; they must be the same address")
        return Verifier(client_id, prefix, False, value,
                        "the verifier names itself only by the address answers go to; nothing proves who runs it")
    if prefix in ("x509_san_dns", "x509_hash"):
        assert jws is not None
        return _x509(client_id, prefix, value, jws, response_uri, trust, now)
    if prefix == "decentralized_identifier":
        assert jws is not None
        kid = jws.header.get("kid")
        if not isinstance(kid, str) or did_of(kid) != value:
            raise RequestRefused(f"the request's kid {kid!r:.80} is not a key of {value[:80]}")
        try:
            resolved = KeyResolver(Fetcher(online=False)).resolve(kid)
        except KeyUnresolved as exc:
            raise RequestRefused(f"the verifier's DID key cannot be checked: {exc}") from exc
        _verify(jws, resolved.key, f"the key of {value[:80]}")
        return Verifier(client_id, prefix, True, value, f"the request is signed with a key of {value[:80]} ({resolved.how})")
    if prefix == "verifier_attestation":
        assert jws is not None
        return _attested(client_id, value, jws, response_uri, trust, now)
    why = ("this wallet does not support OpenID Federation" if prefix == "openid_federation"
           else "the verifier is not registered with this wallet")
    return Verifier(client_id, prefix, False, client_id,
                    f"{why}: nothing proves who sent this request{' (its signature was not checked)' if jws else ''}")


def _x509(client_id: str, prefix: str, value: str, jws: jose.Jws, response_uri: str, trust: VpTrust,
          now: dt.datetime) -> Verifier:
    chain = jws.header.get("x5c")
    if not isinstance(chain, list) or not chain or not all(isinstance(c, str) for c in chain):
        raise RequestRefused(f"a {prefix} request must carry its certificate chain (x5c)")
    try:
        certs = [x509.load_der_x509_certificate(base64.b64decode(c, validate=True)) for c in chain[:8]]
    except ValueError as exc:
        raise RequestRefused(f"the request's x5c certificates cannot be read ({exc})") from exc
    leaf = certs[0]
    try:
        sans = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value.get_values_for_type(x509.DNSName)
    except x509.ExtensionNotFound:
        sans = []
    if prefix == "x509_san_dns":
        if value.lower() not in [s.lower() for s in sans]:
            raise RequestRefused(f"the certificate is for {', '.join(sans) or 'no DNS name'}, not for the client id "
                                 f"{value[:80]}")
        dns = value
    else:
        digest = base64.urlsafe_b64encode(hashlib.sha256(leaf.public_bytes(Encoding.DER)).digest()).rstrip(b"=").decode()
        if digest != value:
            raise RequestRefused("the certificate's hash is not the x509_hash client id")
        if not sans:
            raise RequestRefused("the x509_hash certificate names no DNS name to check")
        dns = sans[0]
    _verify(jws, leaf.public_key(), "the certificate's key")
    if not trust.x509_roots:
        raise RequestRefused(f"the verifier's certificate for {dns} cannot be checked: no trusted verifier roots "
                             "are set up (credwallet respond --trust-root PEM)")
    relaxed_ee = x509v.ExtensionPolicy.webpki_defaults_ee().may_be_present(
        x509.ExtendedKeyUsage, x509v.Criticality.AGNOSTIC, None)  # verifier certificates are not TLS servers
    builder = (x509v.PolicyBuilder().store(x509v.Store(trust.x509_roots)).time(now.replace(tzinfo=None))
               .extension_policies(ca_policy=x509v.ExtensionPolicy.webpki_defaults_ca(), ee_policy=relaxed_ee))
    try:
        builder.build_server_verifier(x509v.DNSName(dns)).verify(leaf, certs[1:])
    except (x509v.VerificationError, ValueError) as exc:
        raise RequestRefused(f"the verifier's certificate for {dns} does not chain to a trusted root ({exc})") from exc
    if _host(response_uri) != dns.lower():
        raise RequestRefused(f"the answer would go to {_host(response_uri) or response_uri[:80]}, not to the "
                             f"certified {dns}")
    issuer = leaf.issuer.rfc4514_string()
    return Verifier(client_id, prefix, True, dns, f"certificate for {dns} issued by {issuer[:120]}, from a trusted root")


def _attested(client_id: str, value: str, jws: jose.Jws, response_uri: str, trust: VpTrust,
              now: dt.datetime) -> Verifier:
    token = jws.header.get("jwt")
    if not isinstance(token, str):
        raise RequestRefused("a verifier_attestation request must carry the attestation in its jwt header")
    try:
        att = jose.parse_compact(token)
        claims = att.payload_json()
    except jose.JoseError as exc:
        raise RequestRefused(f"the verifier attestation is not a JWT ({exc})") from exc
    if att.header.get("typ") != ATTESTATION_TYP or not isinstance(claims, dict):
        raise RequestRefused(f"the verifier attestation's typ is not {ATTESTATION_TYP!r}")
    iss = claims.get("iss")
    if not isinstance(iss, str) or iss not in trust.attesters:
        raise RequestRefused(f"the verifier attestation comes from {str(iss)[:80]!r}, not an attester this wallet trusts")
    try:
        _verify(att, keys.from_jwk(trust.attesters[iss]), f"the attester {iss[:80]}")
    except keys.KeyFormatError as exc:
        raise RequestRefused(f"the trusted attester's key is unusable: {exc}") from exc
    if claims.get("sub") != value:
        raise RequestRefused(f"the attestation is about {str(claims.get('sub'))[:80]!r}, not this client {value[:80]!r}")
    exp, nbf = claims.get("exp"), claims.get("nbf")
    if not isinstance(exp, int | float) or exp < now.timestamp() - CLOCK_SKEW:
        raise RequestRefused("the verifier attestation has expired (or has no exp)")
    if isinstance(nbf, int | float) and nbf > now.timestamp() + CLOCK_SKEW:
        raise RequestRefused("the verifier attestation is not valid yet")
    cnf = claims.get("cnf")
    if not isinstance(cnf, dict) or not isinstance(cnf.get("jwk"), dict):
        raise RequestRefused("the verifier attestation binds no key (cnf.jwk)")
    try:
        key = keys.from_jwk(cnf["jwk"])
    except keys.KeyFormatError as exc:
        raise RequestRefused(f"the attested key is unusable: {exc}") from exc
    _verify(jws, key, "the attested key")
    uris = claims.get("redirect_uris")
    if isinstance(uris, list) and response_uri not in uris:
        raise RequestRefused(f"the attestation does not allow answers to {response_uri[:120]}")
    return Verifier(client_id, "verifier_attestation", True, value, f"attested by {iss[:80]}, an attester you trust")
