"""Attack class 4: the issuer is who signed.

Each test signs a credential for real, then makes one party pass itself off as another: a trusted
issuer signing as another trusted issuer, a key document that names a victim as its controller, a key
other than the one the trusted list pins.  None of them may come out as the named issuer.
"""

from __future__ import annotations

import base64
import json

import pytest

from tests.security._helpers import (
    MemoryFetcher,
    check,
    credential,
    ctx,
    did_key,
    ed_key,
    p256,
    sign_di,
    sign_jwt,
    trust,
    verify,
    vm_of,
)
from wallet.crypto import publickeys as keys
from wallet.crypto.did import KeyResolver

ALPHA_KEY, BRAVO_KEY, MALLORY_KEY = ed_key("alpha college"), ed_key("bravo university"), ed_key("mallory")
ALPHA, BRAVO, MALLORY = did_key(ALPHA_KEY), did_key(BRAVO_KEY), did_key(MALLORY_KEY)
BRAVO_URL = "https://bravo.example/issuer"


def _jwk(key) -> dict:  # noqa: ANN001
    return keys.to_jwk(key.public_key())


BRAVO_ENTRIES = {
    "did": {"id": BRAVO_URL, "name": "Bravo University", "did": BRAVO},
    "jwk": {"id": BRAVO_URL, "name": "Bravo University", "jwk": _jwk(BRAVO_KEY)},
    "url-only": {"id": BRAVO_URL, "name": "Bravo University"},
}


@pytest.mark.parametrize("bravo", sorted(BRAVO_ENTRIES))
def test_trusted_issuer_cannot_sign_as_another_trusted_issuer(bravo: str) -> None:
    alpha = {"id": ALPHA, "name": "Alpha College", "did": ALPHA, "jwk": _jwk(ALPHA_KEY)}
    trusted = trust(alpha, BRAVO_ENTRIES[bravo])
    forged = sign_di(credential(BRAVO_URL, "Bravo University"), ALPHA_KEY, vm_of(ALPHA))
    _, report = verify(forged, ctx(trusted))
    assert check(report, "signature").status == "pass"  # Alpha's signature is real...
    assert check(report, "issuer_key").status != "pass"  # ...but Alpha's key is not Bravo's
    assert check(report, "issuer_trust").status != "pass"
    assert report.issuer["confirmation"] != "trust_list" and report.status != "verified"
    if bravo == "jwk":  # Bravo pins its key: any other signer claiming to be Bravo is refused
        assert report.status == "invalid" and check(report, "issuer_key").status == "fail"
    # the positive control: Bravo's own key is confirmed as Bravo
    genuine = sign_di(credential(BRAVO_URL, "Bravo University"),
                      BRAVO_KEY, vm_of(BRAVO)) if bravo == "did" else None
    if genuine is not None:
        _, ok = verify(genuine, ctx(trusted))
        assert ok.status == "verified" and ok.issuer["confirmation"] == "trust_list"


def test_a_trusted_key_does_not_vouch_for_an_issuer_it_does_not_name() -> None:
    """The old lookup found the trust entry by the signing key's controller: Alpha's pinned key signing a
    credential from an unlisted 'Harvard University' came out as 'signed with the issuer's key'."""
    alpha = {"id": ALPHA, "name": "Alpha College", "did": ALPHA, "jwk": _jwk(ALPHA_KEY)}
    forged = sign_di(credential("https://harvard.example/issuer", "Harvard University"), ALPHA_KEY, vm_of(ALPHA))
    _, report = verify(forged, ctx(trust(alpha)))
    assert check(report, "signature").status == "pass"
    assert check(report, "issuer_key").status != "pass"
    assert report.issuer["confirmation"] == "unknown_key" and report.status == "warning"


def _key_doc(url: str, key, controller: str) -> dict:  # noqa: ANN001
    return {"@context": "https://w3id.org/security/multikey/v1", "id": url, "type": "Multikey",
            "controller": controller, "publicKeyMultibase": keys.to_multikey(key.public_key())}


def test_fetched_key_document_claiming_the_victim_as_controller_is_not_the_victims() -> None:
    victim = "https://victim.example/issuer"
    key_url = "https://attacker.example/keys/1"
    docs = {key_url: _key_doc(key_url, MALLORY_KEY, controller=victim),
            victim: {"id": victim, "type": "Profile", "name": "Victim University"}}
    forged = sign_di(credential(victim, "Victim University"), MALLORY_KEY, key_url)
    trusted = trust({"id": victim, "name": "Victim University"})
    _, report = verify(forged, ctx(trusted, docs))
    assert check(report, "signature").status == "pass"
    assert check(report, "issuer_key").status != "pass" and check(report, "issuer_trust").status != "pass"
    assert report.issuer["confirmation"] == "unknown_key" and report.issuer["key"] == key_url
    # the key belongs to the URL it came from, whatever the document says
    assert KeyResolver(MemoryFetcher(docs)).resolve(key_url).controller == key_url


def test_key_listed_by_the_issuers_own_profile_is_the_issuers() -> None:
    """Positive control for the test above: the same kind of key document, listed by the issuer's profile."""
    issuer = "https://victim.example/issuer"
    key_url = "https://victim.example/keys/1"
    docs = {key_url: _key_doc(key_url, BRAVO_KEY, controller="https://someone.else/"),
            issuer: {"id": issuer, "type": "Profile", "publicKey": [key_url]}}
    signed = sign_di(credential(issuer, "Victim University"), BRAVO_KEY, key_url)
    _, untrusted = verify(signed, ctx(None, docs))
    assert check(untrusted, "issuer_key").status == "pass"
    assert untrusted.issuer == {"confirmation": "issuer_domain", "domain": "victim.example", "key": key_url}
    _, trusted = verify(signed, ctx(trust({"id": issuer, "name": "Victim University"}), docs))
    assert trusted.status == "verified" and trusted.issuer["confirmation"] == "trust_list"


def test_did_web_document_naming_another_controller_stays_the_host_s() -> None:
    attacker_did = "did:web:attacker.example"
    vm = attacker_did + "#k"
    did_doc = {"id": attacker_did, "verificationMethod": [
        {"id": vm, "type": "Multikey", "controller": "did:web:victim.example",
         "publicKeyMultibase": keys.to_multikey(MALLORY_KEY.public_key())}]}
    forged = sign_di(credential("did:web:victim.example", "Victim University"), MALLORY_KEY, vm)
    trusted = trust({"id": "did:web:victim.example", "name": "Victim University"})
    _, report = verify(forged, ctx(trusted, {"https://attacker.example/.well-known/did.json": did_doc}))
    assert check(report, "signature").status == "pass"
    assert check(report, "issuer_trust").status != "pass" and report.issuer["confirmation"] == "unknown_key"


PINNED_DID = "did:web:pinned.example"


def _pinned_docs(key) -> dict:  # noqa: ANN001
    return {"https://pinned.example/.well-known/did.json": {"id": PINNED_DID, "verificationMethod": [
        {"id": PINNED_DID + "#k2", "type": "Multikey", "controller": PINNED_DID,
         "publicKeyMultibase": keys.to_multikey(key.public_key())}]}}


def test_pinned_jwk_refuses_another_key_of_the_same_did() -> None:
    # the DID document really lists k2: without the pin, it would be the issuer's key
    docs = _pinned_docs(MALLORY_KEY)
    signed = sign_di(credential(PINNED_DID, "Pinned Institute"), MALLORY_KEY, PINNED_DID + "#k2")
    _, unpinned = verify(signed, ctx(None, docs))
    assert unpinned.status == "warning" and check(unpinned, "issuer_key").status == "pass"
    assert unpinned.issuer["confirmation"] == "issuer_domain" and unpinned.issuer["domain"] == "pinned.example"
    pinned = trust({"id": PINNED_DID, "name": "Pinned Institute", "jwk": _jwk(BRAVO_KEY)})
    _, refused = verify(signed, ctx(pinned, docs))
    assert refused.status == "invalid" and check(refused, "signature").status == "fail"
    # the pinned key itself is accepted
    good = sign_di(credential(PINNED_DID, "Pinned Institute"), BRAVO_KEY, PINNED_DID + "#k2")
    _, ok = verify(good, ctx(pinned, docs))
    assert ok.status == "verified" and ok.issuer["confirmation"] == "trust_list"


def test_pinned_jwk_refuses_a_vc_jwt_signed_by_its_kid_or_its_own_jwk() -> None:
    issuer = "https://pinned.example/issuer"
    pinned = trust({"id": issuer, "name": "Pinned Institute", "jwk": _jwk(BRAVO_KEY)})
    payload = credential(issuer, "Pinned Institute")
    other = p256("someone else")
    for header in ({"kid": "did:jwk:" + keys.b64u_encode(json.dumps(keys.to_jwk(other.public_key())).encode())},
                   {"jwk": keys.to_jwk(other.public_key())}):
        token = sign_jwt(payload, other, {"typ": "vc+jwt", **header})
        _, report = verify(token, ctx(pinned))
        assert report.status == "invalid" and check(report, "signature").status == "fail", header
    _, ok = verify(sign_jwt(payload, BRAVO_KEY, {"typ": "vc+jwt"}), ctx(pinned))
    assert ok.status == "verified" and ok.issuer["confirmation"] == "trust_list"


def test_one_issuers_x5c_root_does_not_certify_another_issuer() -> None:
    from cryptography.hazmat.primitives.serialization import Encoding

    from tests.verify.test_engine import _ca_and_leaf

    ca, leaf, leaf_key = _ca_and_leaf("evil.example")
    root = ca.public_bytes(Encoding.PEM).decode()
    payload = {"iss": "https://evil.example", "vct": "https://evil.example/vct/x", "iat": 1767225600,
               "given_name": "Ada", "_sd_alg": "sha-256", "_sd": []}
    x5c = [base64.b64encode(leaf.public_bytes(Encoding.DER)).decode()]
    token = sign_jwt(payload, leaf_key, {"typ": "dc+sd-jwt", "x5c": x5c}) + "~"
    other_issuers_root = trust({"id": "https://alpha.example", "name": "Alpha", "x5c_root": root})
    _, report = verify(token, ctx(other_issuers_root))
    assert check(report, "signature").status == "skipped" and report.status == "unverified"
    own_root = trust({"id": "https://evil.example", "name": "Evil Inc", "x5c_root": root})
    _, ok = verify(token, ctx(own_root))
    assert check(ok, "signature").status == "pass" and ok.issuer["confirmation"] == "trust_list"
