"""OpenID4VCI receive, end to end against the in-test issuer (tests/exchange/issuer_server.py): every grant,
every format, deferred and batch issuance, and the attacks: each fails clearly, and nothing is stored or sent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.exchange.issuer_server import METADATA_KEY, IssuerServer, browser
from wallet.clock import iso
from wallet.crypto import jose
from wallet.crypto import publickeys as keys
from wallet.errors import BadInput, CannotProceed
from wallet.exchange.loopback import RedirectRefused
from wallet.exchange.offer import IssuerError, OfferError, offer_link

ROOT = Path(__file__).resolve().parents[2]
ALL = ["bls_sd_jwt", "literacy_jwt", "badge_ldp"]


@pytest.fixture
def w(wallet):  # noqa: ANN001, ANN201
    wallet.import_trust_list(ROOT / "resources" / "demo" / "trust.json")
    return wallet


@pytest.fixture
def srv():  # noqa: ANN201
    with IssuerServer() as s:
        yield s


def posts(s: IssuerServer) -> list[str]:
    return [p for m, p, _ in s.log if m == "POST"]


def receive(w, link: str, **kw):  # noqa: ANN001, ANN201
    pv = w.receive_preview(link, allow_loopback_http=True)
    return pv, w.receive(pv, allow_loopback_http=True, **kw)


# --- the flows ------------------------------------------------------------------------------------------------


def test_pre_authorized_with_tx_code_receives_every_format(w, srv: IssuerServer) -> None:
    link = offer_link(srv.offer(ALL + ["licence_mdoc"], tx_code="4921"))
    pv = w.receive_preview(link, allow_loopback_http=True)
    assert posts(srv) == []  # the preview only read public metadata
    shown = pv.to_json()
    assert shown["issuer"]["name"] == "Riverside Training Centre" and shown["issuer"]["id"] == srv.id
    assert shown["tx_code"] == {"input_mode": "numeric", "length": 4, "description": "sent to you by e-mail"}
    assert [c["supported"] for c in shown["offered"]] == [True, True, True, False]
    res = w.receive(pv, tx_code="4921", allow_loopback_http=True)
    assert [(r.format, r.status, r.error) for r in res.credentials] == [
        ("sd-jwt-vc", "verified", None), ("vc-jwt", "verified", None), ("ob3", res.credentials[2].status, None)]
    assert res.credentials[2].status != "invalid"
    assert any("mso_mdoc" in e for e in res.errors)
    assert w.count() == 3
    for r in res.credentials:
        prov = w.received_from(r.id)
        assert prov["issuer"] == srv.id and prov["issuer_name"] == "Riverside Training Centre"
        assert prov["received_at"][:10] == iso(w.clock())[:10] and prov["source"] == "openid4vci"
    # proofs: one per credential that asks for one, each with a fresh single-use nonce, aud = the issuer
    assert {h["typ"] for h in srv.proof_headers} == {"openid4vci-proof+jwt"}
    assert {h["alg"] for h in srv.proof_headers} == {"ES256"}
    sd_proof, jwt_proof = srv.proof_headers  # the ldp_vc configuration asks for no proof
    assert sd_proof["jwk"] == w.holder().p256_jwk and "kid" not in sd_proof  # bound to a JWK
    # bound to a did:key (cryptographic_binding_methods_supported: ["did:key"]): named by kid, no jwk
    assert "jwk" not in jwt_proof and jwt_proof["kid"].startswith("did:key:zDn")
    # the SD-JWT is bound to the learner's key (cnf) and the token is nowhere in the vault
    assert w.store.pending() == []


def test_pre_authorized_without_tx_code_and_offer_by_reference(w, srv: IssuerServer) -> None:
    uri = srv.offer_uri(srv.offer(["literacy_jwt"]))
    link = "openid-credential-offer://?credential_offer_uri=" + uri
    pv, res = receive(w, link)
    assert pv.offer.by_reference == uri and not pv.needs_tx_code
    assert [r.status for r in res.credentials] == ["verified"]


def test_https_link_carrying_the_offer(w, srv: IssuerServer) -> None:
    link = offer_link(srv.offer(["bls_sd_jwt"])).replace("openid-credential-offer://", "https://wallet.example/offer")
    _pv, res = receive(w, link)
    assert [r.status for r in res.credentials] == ["verified"]
    assert not any(p.startswith("/offer") for _m, p, _b in srv.log)  # the https link itself is never fetched


def test_authorization_code_flow_with_pkce_and_issuer_state(w, srv: IssuerServer) -> None:
    link = offer_link(srv.offer(["literacy_jwt", "bls_sd_jwt"], pre=False, issuer_state="st-77"))
    pv = w.receive_preview(link, allow_loopback_http=True)
    assert pv.needs_browser
    res = w.receive(pv, allow_loopback_http=True, open_browser=browser(), browser_wait=20)
    assert [r.status for r in res.credentials] == ["verified", "verified"]
    assert srv.issuer_states == ["st-77"]
    assert [p for p in posts(srv) if p.endswith("/token")] == [srv.path + "/token"]


@pytest.mark.parametrize("fault", [{"state": "forged-state"},
                                   {"redirect_to": lambda r: r.replace("/callback", "/elsewhere")}])
def test_auth_code_redirect_or_state_mismatch_sends_nothing(w, fault) -> None:  # noqa: ANN001
    with IssuerServer(**fault) as srv:
        pv = w.receive_preview(offer_link(srv.offer(["literacy_jwt"], pre=False)), allow_loopback_http=True)
        with pytest.raises(RedirectRefused, match="nothing was sent"):
            w.receive(pv, allow_loopback_http=True, open_browser=browser(), browser_wait=20)
        assert not any(p.endswith("/token") for p in posts(srv))
    assert w.count() == 0


def test_deferred_issuance_is_kept_encrypted_across_restarts_and_polled(w, srv: IssuerServer, wallet_home,
                                                                         data_key) -> None:  # noqa: ANN001
    srv.faults["deferred"] = 2
    _pv, res = receive(w, offer_link(srv.offer(["literacy_jwt"])))
    assert res.credentials == [] and len(res.pending) == 1 and w.count() == 0
    tid = next(iter(srv.transactions))
    token = next(iter(srv.tokens))
    w.lock()
    for f in wallet_home.rglob("*"):  # neither the transaction id nor the token is in any file in plaintext
        if f.is_file():
            blob = f.read_bytes()
            assert tid.encode() not in blob and token.encode() not in blob, f
    from wallet.service import Wallet
    from wallet.vault import Vault

    again = Wallet(Vault.unlock(wallet_home, data_key=data_key))
    try:
        assert [p["configuration"] for p in again.receive_pending()] == ["literacy_jwt"]
        assert "secret" not in again.receive_pending()[0]
        first = again.poll_deferred(allow_loopback_http=True, force=True)
        assert first[0].credentials == [] and len(first[0].pending) == 1  # still being prepared
        second = again.poll_deferred(allow_loopback_http=True, force=True)
        assert [r.status for r in second[0].credentials] == ["verified"]
        assert again.receive_pending() == [] and again.count() == 1
        assert again.received_from(second[0].credentials[0].id)["source"] == "openid4vci-deferred"
        # polls not yet due are left alone without --force
        assert again.poll_deferred(allow_loopback_http=True) == []
    finally:
        again.lock()


def test_batch_issuance_one_credential_per_holder_key(w) -> None:  # noqa: ANN001
    with IssuerServer(batch_size=2) as srv:
        _pv, res = receive(w, offer_link(srv.offer(["bls_sd_jwt"])))
    assert [r.status for r in res.credentials] == ["verified", "verified"]
    assert sorted(h["alg"] for h in srv.proof_headers) == ["ES256", "EdDSA"]
    bound = set()
    for r in res.credentials:
        token = w.get(r.id).original.decode().split("~")[0]
        bound.add(json.dumps(jose.parse_compact(token).payload_json()["cnf"]["jwk"], sort_keys=True))
    assert len(bound) == 2


# --- attacks and failures -------------------------------------------------------------------------------------


def test_wrong_c_nonce_is_reported_and_nothing_stored(w) -> None:  # noqa: ANN001
    with IssuerServer(wrong_nonce=True) as srv:
        _pv, res = receive(w, offer_link(srv.offer(["bls_sd_jwt"])))
        assert res.credentials == [] and w.count() == 0
        assert any("invalid_nonce" in e for e in res.errors)
        assert posts(srv).count(srv.path + "/nonce") == 2  # one fresh nonce and one retry, then it stops


def test_offer_pointing_to_another_issuer_than_its_metadata(w) -> None:  # noqa: ANN001
    with IssuerServer(metadata_issuer="https://university.example") as srv:
        with pytest.raises(OfferError, match="impostor"):
            w.receive_preview(offer_link(srv.offer(["bls_sd_jwt"])), allow_loopback_http=True)
        assert posts(srv) == []


def test_replayed_pre_authorized_code_is_refused(w, srv: IssuerServer) -> None:
    link = offer_link(srv.offer(["literacy_jwt"]))
    receive(w, link)
    with pytest.raises(IssuerError, match="invalid_grant"):
        receive(w, link)
    assert w.count() == 1


def test_credential_failing_verification_is_not_stored(w) -> None:  # noqa: ANN001
    with IssuerServer(tamper=True) as srv:
        _pv, res = receive(w, offer_link(srv.offer(["bls_sd_jwt"])))
    assert res.credentials[0].status == "invalid" and res.credentials[0].error.startswith("refused")
    assert w.count() == 0 and w.store.provenance() == {}


def test_wrong_tx_code(w, srv: IssuerServer) -> None:
    pv = w.receive_preview(offer_link(srv.offer(["literacy_jwt"], tx_code="4921")), allow_loopback_http=True)
    with pytest.raises(OfferError, match="4 characters"):  # the shape the offer gave is checked first
        w.receive(pv, tx_code="49", allow_loopback_http=True)
    with pytest.raises(OfferError, match="transaction code"):
        w.receive(pv, allow_loopback_http=True)
    assert posts(srv) == []
    with pytest.raises(IssuerError, match="wrong transaction code"):
        w.receive(pv, tx_code="1111", allow_loopback_http=True)
    assert w.count() == 0


def test_oversized_response_is_refused(w) -> None:  # noqa: ANN001
    with IssuerServer(oversized=True) as srv:
        _pv, res = receive(w, offer_link(srv.offer(["literacy_jwt"])))
    assert any("more than" in e for e in res.errors) and w.count() == 0


def test_more_credentials_than_keys_proved_is_refused(w) -> None:  # noqa: ANN001
    with IssuerServer(extra_credentials=1) as srv:
        _pv, res = receive(w, offer_link(srv.offer(["bls_sd_jwt"])))
    assert any("2 credentials for 1 key" in e for e in res.errors) and w.count() == 0


def test_plain_http_only_to_literal_loopback_and_only_with_the_flag(w, srv: IssuerServer) -> None:
    for issuer in ("http://issuer.example", "http://localhost:8080", "ftp://issuer.example"):
        with pytest.raises(OfferError):
            w.receive_preview(offer_link(srv.offer(["bls_sd_jwt"], issuer=issuer)), allow_loopback_http=True)
    with pytest.raises(OfferError, match="only https"):
        w.receive_preview(offer_link(srv.offer(["bls_sd_jwt"])))  # no flag
    with pytest.raises(OfferError):
        w.receive_preview("openid-credential-offer://?credential_offer_uri=http://10.1.2.3/offer",
                          allow_loopback_http=True)
    assert srv.log == []


def test_signed_metadata_trusted_untrusted_and_tampered(w) -> None:  # noqa: ANN001
    with IssuerServer(signed_metadata=True) as srv:
        link = offer_link(srv.offer(["bls_sd_jwt"]))
        pv = w.receive_preview(link, allow_loopback_http=True)
        assert "not trusted" in pv.metadata.signed  # set aside, the unsigned form read instead
        trust = w.trust_list()
        from wallet.verify.trust import TrustedIssuer

        trust.entries[srv.id] = TrustedIssuer(srv.id, "Riverside", keys.to_jwk(METADATA_KEY.public_key()))
        w.save_trust_list(trust)
        assert w.receive_preview(link, allow_loopback_http=True).metadata.signed.startswith("signed by a key your")
        srv.faults["signed_metadata"] = "tampered"
        with pytest.raises(IssuerError, match="does not verify"):
            w.receive_preview(link, allow_loopback_http=True)


def test_issuer_down_is_could_not_proceed(w) -> None:  # noqa: ANN001
    with IssuerServer() as srv:
        link = offer_link(srv.offer(["bls_sd_jwt"]))
    with pytest.raises(CannotProceed):
        w.receive_preview(link, allow_loopback_http=True)


def test_offer_text_errors_are_bad_input(w) -> None:  # noqa: ANN001
    bad = ["openid-credential-offer://?credential_offer=%7B%7D&credential_offer_uri=https%3A%2F%2Fa.example%2Fo",
           "openid-credential-offer://?nothing=1",
           "openid-credential-offer://?credential_offer=not-json",
           "mailto:someone@example.org",
           '{"credential_issuer": "https://a.example", "credential_configuration_ids": []}',
           '{"credential_issuer": "https://a.example?x=1", "credential_configuration_ids": ["a"]}',
           '{"credential_issuer": "https://a.example", "credential_configuration_ids": ["a", "a"]}',
           '{"credential_issuer": "https://a.example", "credential_configuration_ids": ["a"], "grants": '
           '{"urn:ietf:params:oauth:grant-type:pre-authorized_code": {"pre-authorized_code": "x", '
           '"tx_code": {"input_mode": "emoji"}}}}',
           "openid-credential-offer://?credential_offer=%7B%7D&credential_offer=%7B%7D",
           "openid-credential-offer://[::1?credential_offer=%7B%7D",
           "openid-credential-offer://?credential_offer_uri=http://[::1/offer"]
    for text in bad:
        with pytest.raises(BadInput):
            w.receive_preview(text)


def test_pushed_authorization_request(w) -> None:  # noqa: ANN001
    with IssuerServer(par=True) as srv:
        pv = w.receive_preview(offer_link(srv.offer(["literacy_jwt"], pre=False, issuer_state="s1")),
                               allow_loopback_http=True)
        res = w.receive(pv, allow_loopback_http=True, open_browser=browser(), browser_wait=20)
        assert [r.status for r in res.credentials] == ["verified"] and srv.issuer_states == ["s1"]
        assert posts(srv)[0] == srv.path + "/par"


def test_credential_identifiers_from_the_token_response(w) -> None:  # noqa: ANN001
    with IssuerServer(identifiers=True, client_id_required=True) as srv:
        _pv, res = receive(w, offer_link(srv.offer(["literacy_jwt"])))
        assert [r.status for r in res.credentials] == ["verified", "verified"]
        assert [r.get("credential_identifier") for r in srv.credential_requests] == ["literacy_jwt-2025",
                                                                                     "literacy_jwt-2026"]
        assert not any("credential_configuration_id" in r for r in srv.credential_requests)
        assert srv.token_forms[0]["client_id"] == "credwallet"  # not anonymous: the proofs name the client
        assert all(jose.parse_compact(r["proofs"]["jwt"][0]).payload_json()["iss"] == "credwallet"
                   for r in srv.credential_requests)


def test_dpop_tokens_are_refused_clearly(w) -> None:  # noqa: ANN001
    with IssuerServer(token_type="DPoP") as srv:
        with pytest.raises(IssuerError, match="only Bearer"):
            receive(w, offer_link(srv.offer(["literacy_jwt"])))
        assert not any(p.endswith("/credential") for p in posts(srv))


def test_cancel_before_anything_is_sent(w, srv: IssuerServer) -> None:
    from wallet.errors import Cancelled

    pv = w.receive_preview(offer_link(srv.offer(["literacy_jwt"])), allow_loopback_http=True)
    with pytest.raises(Cancelled):
        w.receive(pv, allow_loopback_http=True, cancel=lambda: True)
    assert posts(srv) == [] and w.count() == 0


def test_authorization_server_hint_must_be_one_of_several() -> None:
    from wallet.exchange.metadata import choose_auth_server, parse_issuer_metadata
    from wallet.exchange.offer import parse_offer_object

    base = {"credential_issuer": "https://i.example", "credential_endpoint": "https://i.example/c",
            "credential_configurations_supported": {"a": {"format": "jwt_vc_json"}}}
    offer = parse_offer_object({"credential_issuer": "https://i.example", "credential_configuration_ids": ["a"],
                                "grants": {"authorization_code": {"authorization_server": "https://as2.example"}}})
    meta = parse_issuer_metadata(dict(base, authorization_servers=["https://as1.example", "https://as2.example"]),
                                 "https://i.example")
    assert choose_auth_server(offer, meta, pre_auth=False) == "https://as2.example"
    for servers in (["https://as1.example", "https://as3.example"], ["https://as2.example"]):
        meta = parse_issuer_metadata(dict(base, authorization_servers=servers), "https://i.example")
        with pytest.raises(OfferError):
            choose_auth_server(offer, meta, pre_auth=False)


@pytest.mark.parametrize(("fault", "error", "match"), [
    ({"offer_type": "text/html"}, OfferError, "not application/json"),
    ({"metadata_body": b"<html>hello</html>"}, IssuerError, "JSON"),
    ({"metadata_body": b"[1, 2]"}, IssuerError, "not a JSON object"),
    ({"metadata_body": b'{"a": 1, "a": 2}'}, IssuerError, "duplicate"),
])
def test_malformed_offer_or_metadata_answers(w, fault, error, match) -> None:  # noqa: ANN001
    with IssuerServer(**fault) as srv:
        link = "openid-credential-offer://?credential_offer_uri=" + srv.offer_uri(srv.offer(["bls_sd_jwt"]))
        with pytest.raises(error, match=match):
            w.receive_preview(link, allow_loopback_http=True)
        assert posts(srv) == []
