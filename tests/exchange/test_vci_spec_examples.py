"""The examples of the OpenID4VCI 1.0 text (openid-4-verifiable-credential-issuance-1_0.md and its examples/
folder), parsed and checked by the wallet's own code.  Quoted here, with the section they come from."""

from __future__ import annotations

import json

import pytest

from wallet.crypto import jose
from wallet.crypto import publickeys as keys
from wallet.exchange.http import HttpClient
from wallet.exchange.metadata import ISSUER_WELL_KNOWN, parse_issuer_metadata, well_known
from wallet.exchange.offer import AUTH_CODE_GRANT, PRE_AUTH_GRANT, OfferError, parse_offer, parse_offer_object
from wallet.exchange.vci import PROOF_TYP, proof_jwt

# §4.1.2, "a Credential Offer that can be included in a QR code or a link" (line breaks removed)
BY_VALUE = ("openid-credential-offer://?credential_offer=%7B%22credential_issuer%22:%22https://credential-issuer.exam"
            "ple.com%22,%22credential_configuration_ids%22:%5B%22org.iso.18013.5.1.mDL%22%5D,%22grants%22:%7B%22urn:"
            "ietf:params:oauth:grant-type:pre-authorized_code%22:%7B%22pre-authorized_code%22:%22oaKazRN8I0IbtZ0C7"
            "JuMn5%22,%22tx_code%22:%7B%22input_mode%22:%22text%22,%22description%22:%22Please%20enter%20the%20serial"
            "%20number%20of%20your%20physical%20drivers%20license%22%7D%7D%7D%7D")
# §4.1.2, "a Credential Offer passed by value" (the GET request's query)
BY_VALUE_GET = ("https://wallet.example/credential_offer?credential_offer=%7B%22credential_issuer%22:%22https://"
                "credential-issuer.example.com%22,%22credential_configuration_ids%22:%5B%22UniversityDegree_JWT%22,%"
                "22org.iso.18013.5.1.mDL%22%5D,%22grants%22:%7B%22urn:ietf:params:oauth:grant-type:pre-authorized_co"
                "de%22:%7B%22pre-authorized_code%22:%22oaKazRN8I0IbtZ0C7JuMn5%22,%22tx_code%22:%7B%7D%7D%7D%7D")
# §4.1.3, by reference
BY_REFERENCE = ("openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fserver%2Eexample%2Ecom%2Fcredential-offer"
                "%2FGkurKxf5T0Y-mnPFCHqWOMiZi4VS138cQO_V7PZHAdM")
# examples/credential_offer_multiple_credentials.json
MULTIPLE = {"credential_issuer": "https://credential-issuer.example.com",
            "credential_configuration_ids": ["UniversityDegreeCredential", "org.iso.18013.5.1.mDL"],
            "grants": {PRE_AUTH_GRANT: {"pre-authorized_code": "oaKazRN8I0IbtZ0C7JuMn5",
                                        "tx_code": {"length": 4, "input_mode": "numeric",
                                                    "description": "Please provide the one-time code that was sent "
                                                                   "via e-mail"}}}}
# examples/credential_offer_authz_code.txt
AUTHZ = {"credential_issuer": "https://credential-issuer.example.com",
         "credential_configuration_ids": ["UniversityDegreeCredential"],
         "grants": {"authorization_code": {"issuer_state": "eyJhbGciOiJSU0Et...FYUaBy"}}}
# Appendix F.1, the jwt proof example
PROOF = ("eyJ0eXAiOiJvcGVuaWQ0dmNpLXByb29mK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwiY3J2IjoiUC0yNTYiLCJ4Ijoib"
         "lVXQW9BdjNYWml0aDhFN2kxOU9kYXhPTFlGT3dNLVoyRXVNMDJUaXJUNCIsInkiOiJIc2tIVThCalVpMVU5WHFpN1N3bWo4Z3dBS18weGtjRGp"
         "FV183MVNvc0VZIn19.eyJhdWQiOiJodHRwczovL2NyZWRlbnRpYWwtaXNzdWVyLmV4YW1wbGUuY29tIiwiaWF0IjoxNzAxOTYwNDQ0LCJub25jZSI"
         "6IkxhclJHU2JtVVBZdFJZTzZCUTR5bjgifQ.-a3EDsxClUB4O3LeDD5DVGEnNMT01FCQW4P6-2-BNBqc_Zxf0Qw4CWayLEpqkAomlkLb9zioZoipd"
         "P-jvh1WlA")


class NoNetwork(HttpClient):
    def request(self, *a, **kw):  # noqa: ANN002, ANN003, ANN201
        raise AssertionError("an offer by value must not touch the network")


def test_offers_by_value() -> None:
    o = parse_offer(BY_VALUE, NoNetwork())
    assert o.credential_issuer == "https://credential-issuer.example.com"
    assert o.configuration_ids == ["org.iso.18013.5.1.mDL"] and o.grant == PRE_AUTH_GRANT
    assert o.tx_code is not None and o.tx_code.input_mode == "text" and o.tx_code.length is None
    assert "serial number" in o.tx_code.description
    o = parse_offer(BY_VALUE_GET, NoNetwork())
    assert o.configuration_ids == ["UniversityDegree_JWT", "org.iso.18013.5.1.mDL"]
    assert o.tx_code is not None and o.tx_code.input_mode == "numeric"  # "tx_code": {} -> the default mode
    o = parse_offer_object(MULTIPLE)
    assert o.tx_code is not None and o.tx_code.length == 4 and o.pre_authorized_code == "oaKazRN8I0IbtZ0C7JuMn5"
    with pytest.raises(OfferError, match="4 characters"):
        o.tx_code.check("12345")
    assert o.tx_code.check("4921") == "4921"
    o = parse_offer_object(AUTHZ)
    assert o.grant == AUTH_CODE_GRANT and o.issuer_state == "eyJhbGciOiJSU0Et...FYUaBy"


def test_offer_by_reference_is_fetched_from_its_https_uri() -> None:
    asked = []

    class Recorder(HttpClient):
        def request(self, method, url, **kw):  # noqa: ANN001, ANN003, ANN201
            from wallet.exchange.http import Response

            asked.append((method, url, kw.get("accept")))
            return Response(200, {"content-type": "application/json"}, json.dumps(AUTHZ).encode(), url)

    o = parse_offer(BY_REFERENCE, Recorder())
    assert asked == [("GET", "https://server.example.com/credential-offer/GkurKxf5T0Y-mnPFCHqWOMiZi4VS138cQO_V7PZHAdM",
                      "application/json")]
    assert o.by_reference == asked[0][1] and o.issuer_state == "eyJhbGciOiJSU0Et...FYUaBy"


def test_well_known_insertion() -> None:  # §12.2.2's two examples
    assert well_known("https://issuer.example.com/tenant", ISSUER_WELL_KNOWN) == \
        "https://issuer.example.com/.well-known/openid-credential-issuer/tenant"
    assert well_known("https://tenant.issuer.example.com", ISSUER_WELL_KNOWN) == \
        "https://tenant.issuer.example.com/.well-known/openid-credential-issuer"


def test_sd_jwt_vc_metadata_example() -> None:  # examples/credential_metadata_sd_jwt_vc.json (abridged claims)
    configs = {"SD_JWT_VC_example_in_OpenID4VCI": {
        "format": "dc+sd-jwt", "scope": "SD_JWT_VC_example_in_OpenID4VCI",
        "cryptographic_binding_methods_supported": ["jwk"], "credential_signing_alg_values_supported": ["ES256"],
        "proof_types_supported": {"jwt": {"proof_signing_alg_values_supported": ["ES256"],
                                          "key_attestations_required": {"key_storage": ["iso_18045_moderate"],
                                                                        "user_authentication": ["iso_18045_moderate"]}}},
        "vct": "SD_JWT_VC_example_in_OpenID4VCI",
        "credential_metadata": {"display": [{"name": "IdentityCredential", "locale": "en-US",
                                             "logo": {"uri": "https://university.example.edu/public/logo.png",
                                                      "alt_text": "a square logo of a university"},
                                             "background_color": "#12107c", "text_color": "#FFFFFF"}],
                                "claims": [{"path": ["given_name"]}, {"path": ["address", "locality"]}]}}}
    meta = parse_issuer_metadata({"credential_issuer": "https://credential-issuer.example.com",
                                  "credential_endpoint": "https://credential-issuer.example.com/credential",
                                  "credential_configurations_supported": configs},
                                 "https://credential-issuer.example.com")
    c = meta.configurations["SD_JWT_VC_example_in_OpenID4VCI"]
    assert (c.format, c.name, c.proof_algs, c.types, c.supported) == (
        "dc+sd-jwt", "IdentityCredential", ["ES256"], ["SD_JWT_VC_example_in_OpenID4VCI"], True)
    assert c.key_attestation  # this wallet says it cannot give one, rather than send a proof the issuer refuses
    assert meta.authorization_servers == ["https://credential-issuer.example.com"] and meta.batch_size == 1
    with pytest.raises(OfferError, match="impostor"):
        parse_issuer_metadata({"credential_issuer": "https://credential-issuer.example.com/",
                               "credential_endpoint": "x", "credential_configurations_supported": configs},
                              "https://credential-issuer.example.com")  # simple string comparison, no normalising


def test_proof_example_and_ours_have_the_same_shape() -> None:
    example = jose.parse_compact(PROOF)
    jose.verify(example, keys.from_jwk(example.header["jwk"]), allow_embedded_jwk=True)
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    ours = jose.parse_compact(proof_jwt(key, "ES256", "https://credential-issuer.example.com",
                                        "LarRGSbmUPYtRYO6BQ4yn8", 1701960444, None))
    jose.verify(ours, key.public_key(), allow_embedded_jwk=True)
    assert set(ours.header) == set(example.header) and ours.header["typ"] == example.header["typ"] == PROOF_TYP
    assert ours.payload_json() == example.payload_json()
