"""OpenID4VP end to end against the in-test verifier on 127.0.0.1: each client identifier prefix, request by
value and by reference (GET and POST), both response modes, the vp_token checked the way a verifier checks it
(issuer signature, KB-JWT nonce and audience, exactly the asked disclosures; DI challenge and domain), and the
attacks: forged signatures, wrong certificates, a response_uri that is not the client, replays, a malicious
redirect_uri.  Every refusal leaves nothing sent and nothing logged."""

from __future__ import annotations

import base64
import json

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from tests.exchange.verifier_server import Verifier, attestation, did_key_signer, make_pki
from wallet.crypto import jose, sdjwt
from wallet.crypto import publickeys as keys
from wallet.errors import CannotProceed, WalletError
from wallet.exchange.vp_request import RequestRefused
from wallet.present.verifier import verify_presentation

from ..present.test_present import employer

VCT = "https://demo.credwallet.org/vct/basic-life-support"
SD_CERT_TYPES = ["https://www.w3.org/2018/credentials#VerifiableCredential",
                 "https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential"]


def sd_query(*claims: list, claim_sets: list | None = None, ids: list | None = None) -> dict:
    q: dict = {"id": "licence", "format": "dc+sd-jwt", "meta": {"vct_values": [VCT]}}
    if claims:
        q["claims"] = [{"path": c, **({"id": ids[i]} if ids else {})} for i, c in enumerate(claims)]
    if claim_sets is not None:
        q["claim_sets"] = claim_sets
    return {"credentials": [q]}


def offer(demo, link: str, **kw):  # noqa: ANN001, ANN201
    return demo.vp_offer(link, allow_loopback_http=True, **kw)


def answer(demo, link: str, **kw):  # noqa: ANN001, ANN201
    off = offer(demo, link, **{k: v for k, v in kw.items() if k == "trust_roots"})
    ans = demo.vp_decide(off, **{k: v for k, v in kw.items() if k != "trust_roots"})
    return demo.vp_send(ans)


def disclosed_names(presentation: str) -> set[str]:
    sd = sdjwt.parse(presentation)
    return {d.name for d in sd.disclosures}


def check_sd_jwt(presentation: str, params: dict) -> None:
    """What a verifier checks: the KB-JWT signed by the cnf key over this nonce, this client id, this SD-JWT."""
    sd = sdjwt.parse(presentation)
    assert sd.kb_jwt, "no key binding"
    kb = jose.parse_compact(sd.kb_jwt)
    claims = sdjwt.reconstruct(sd)
    jose.verify(kb, keys.from_jwk(claims["cnf"]["jwk"]))
    body = kb.payload_json()
    assert kb.header["typ"] == "kb+jwt"
    assert body["nonce"] == params["nonce"] and body["aud"] == params["client_id"]
    assert body["sd_hash"] == sdjwt.sd_hash(sd)
    res = verify_presentation(presentation, employer(), audience=params["client_id"], nonce=params["nonce"])
    assert res.status == "verified", [c.to_json() for c in res.checks if c.status != "pass"]


def log_count(demo) -> int:  # noqa: ANN001
    return len(demo.disclosure_log())


# --- the happy paths ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["direct_post", "direct_post.jwt"])
def test_sd_jwt_exactly_the_asked_claims(demo, mode) -> None:  # noqa: ANN001
    with Verifier(redirect_uri="https://verifier.example/done") as v:
        link = v.make_request(sd_query(["given_name"], ["license_number"]), mode=mode)
        sent = answer(demo, link)
        assert sent.sent and sent.reply.accepted
        assert sent.reply.redirect_uri == "https://verifier.example/done"  # handed back, not followed
        (got,) = v.received
        assert got.encrypted is (mode == "direct_post.jwt")
        if got.encrypted:
            assert got.payload["_jwe_header"]["alg"] == "ECDH-ES" and got.payload["_jwe_header"]["enc"] == "A128GCM"
            assert set(got.form) == {"response"}
        params = v.last_params()
        assert got.payload["state"] == params["state"]
        (pres,) = got.payload["vp_token"]["licence"]
        assert disclosed_names(pres) == {"given_name", "license_number"}
        for secret in ("1999-04-02", "amira.haddad@example.org", "Haddad"):
            assert secret not in json.dumps(got.form)
        check_sd_jwt(pres, params)
    entry = demo.disclosure_log()[0]
    assert entry["form"] == "openid4vp" and entry["audience"] == params["client_id"]
    assert entry["disclosed"][0]["disclosed"] == ["/given_name", "/license_number"]
    assert entry["disclosed"][0]["verifier"]["identity"] == "unverified" and entry["at"]


def test_request_by_reference_get_and_post(demo) -> None:  # noqa: ANN001
    with Verifier() as v:
        for method in ("get", "post"):
            link = v.make_request(sd_query(["given_name"]), by_reference=True, method=method)
            assert "dcql_query" not in link
            sent = answer(demo, link)
            assert sent.reply.accepted
        pending = list(v.pending.values())
        assert pending[0].wallet_nonces == [] and len(pending[1].wallet_nonces) == 1 and pending[1].wallet_nonces[0]
        assert len(v.received) == 2


def test_ecdsa_sd_and_bbs_derived_to_the_asked_fields(demo) -> None:  # noqa: ANN001
    q = {"credentials": [{"id": "course", "format": "ldp_vc", "meta": {"type_values": [SD_CERT_TYPES]},
                          "claims": [{"path": ["credentialSubject", "achievement", "name"]}]}]}
    with Verifier() as v:
        link = v.make_request(q)
        off = offer(demo, link)
        (res,) = off.results
        titles = {m.candidate.title: m for m in res.matches}
        sd_titles = [t for t in titles if off.sources[titles[t].candidate.id].kind == "di-sd"]
        assert len(sd_titles) == 2  # the ecdsa-sd-2023 and the bbs-2023 demo credentials
        for title in sd_titles:
            cid = titles[title].candidate.id
            sent = demo.vp_send(demo.vp_decide(offer(demo, v.make_request(q)), select={"course": [cid]}))
            assert sent.reply.accepted
            params = v.last_params()
            (vp,) = v.received[-1].payload["vp_token"]["course"]
            assert vp["proof"]["challenge"] == params["nonce"] and vp["proof"]["domain"] == params["client_id"]
            res = verify_presentation(json.dumps(vp), employer(), audience=params["client_id"], nonce=params["nonce"])
            assert res.status == "verified", [c.to_json() for c in res.checks if c.status != "pass"]
            cred = vp["verifiableCredential"][0]
            assert cred["credentialSubject"]["achievement"]["name"] == title
            subject = cred["credentialSubject"]
            assert "result" not in subject and "identifier" not in subject  # not asked for, not shown
            mandatory = cred["proof"]["cryptosuite"] == "ecdsa-sd-2023"  # its issuer made the whole achievement so
            assert ("description" in subject["achievement"]) == mandatory


def test_claim_sets_decline_the_optional_claim(demo) -> None:  # noqa: ANN001
    q = sd_query(["given_name"], ["family_name"], ["email"], ids=["g", "f", "e"], claim_sets=[["g", "f", "e"], ["g", "f"]])
    with Verifier() as v:
        off = offer(demo, v.make_request(q))
        (m,) = off.results[0].matches
        assert [o.pointers for o in m.options] == [["/given_name", "/family_name", "/email"],
                                                   ["/given_name", "/family_name"]]
        assert off.to_json()["queries"][0]["matches"][0]["optional_claims"] == ["e"]
        sent = demo.vp_send(demo.vp_decide(off, decline_claims={"licence": {"e"}}))
        (pres,) = v.received[0].payload["vp_token"]["licence"]
        assert disclosed_names(pres) == {"given_name", "family_name"}
        assert "amira.haddad@example.org" not in json.dumps(v.received[0].form)
        assert sent.to_json()["claims"][0]["claims"] == ["/family_name", "/given_name"]


def test_declining_a_required_claim_sends_nothing(demo) -> None:  # noqa: ANN001
    with Verifier() as v:
        off = offer(demo, v.make_request(sd_query(["email"], ids=["e"])))
        before = log_count(demo)
        with pytest.raises(WalletError, match="cannot answer this request"):
            demo.vp_decide(off, decline_claims={"licence": {"e"}})
        assert v.received == [] and log_count(demo) == before


def test_optional_credential_set_can_be_declined(demo) -> None:  # noqa: ANN001
    q = {"credentials": [sd_query(["given_name"])["credentials"][0],
                         {"id": "course", "format": "ldp_vc", "meta": {"type_values": [SD_CERT_TYPES]},
                          "claims": [{"path": ["credentialSubject", "achievement", "name"]}]}],
         "credential_sets": [{"options": [["licence"]]}, {"options": [["course"]], "required": False}]}
    with Verifier() as v:
        off = offer(demo, v.make_request(q))
        assert [qq["required"] for qq in off.to_json()["queries"]] == [True, False]
        demo.vp_send(demo.vp_decide(off, decline_queries={"course"}))
        assert set(v.received[0].payload["vp_token"]) == {"licence"}
        with pytest.raises(WalletError, match="requires licence"):
            demo.vp_decide(offer(demo, v.make_request(q)), decline_queries={"licence"})


# --- client identity: each prefix, and its attacks ---------------------------------------------------------


def test_x509_san_dns_signed_request(demo) -> None:  # noqa: ANN001
    pki = make_pki("127.0.0.1")
    with Verifier() as v:
        link = v.make_request(sd_query(["given_name"]), prefix="x509_san_dns", client_value="127.0.0.1",
                              signer=pki.leaf_key, header={"x5c": pki.x5c()}, mode="direct_post.jwt")
        with pytest.raises(RequestRefused, match="no trusted verifier roots"):
            offer(demo, link)
        roots = _roots(pki.root_pem)
        off = offer(demo, link, trust_roots=roots)
        assert off.request.verifier.verified and off.request.verifier.name == "127.0.0.1"
        demo.vp_send(demo.vp_decide(off))
        (pres,) = v.received[0].payload["vp_token"]["licence"]
        check_sd_jwt(pres, v.last_params())
        assert jose.parse_compact(sdjwt.parse(pres).kb_jwt).payload_json()["aud"] == "x509_san_dns:127.0.0.1"


def _roots(pem: bytes) -> list:
    from cryptography import x509

    return x509.load_pem_x509_certificates(pem)


def test_x509_attacks_are_refused(demo) -> None:  # noqa: ANN001
    pki = make_pki("127.0.0.1")
    other = make_pki("127.0.0.1", "Some Other Root")
    elsewhere = make_pki("verifier.example")
    with Verifier() as v:
        before = log_count(demo)
        cases = [
            # leaf SAN is verifier.example, client id says 127.0.0.1
            ({"signer": elsewhere.leaf_key, "header": {"x5c": elsewhere.x5c()}}, [elsewhere.root], "certificate is for"),
            # chain goes to a root the wallet does not trust
            ({"signer": other.leaf_key, "header": {"x5c": other.x5c()}}, [pki.root], "does not chain"),
            # signed with another key than the certificate's
            ({"signer": ec.generate_private_key(ec.SECP256R1()), "header": {"x5c": pki.x5c()}}, [pki.root],
             "signature does not verify"),
        ]
        for kw, roots, why in cases:
            link = v.make_request(sd_query(["given_name"]), prefix="x509_san_dns", client_value="127.0.0.1", **kw)
            with pytest.raises(RequestRefused, match=why):
                offer(demo, link, trust_roots=roots)
        # the certified name is right, but the answer would go to another host
        good = make_pki("verifier.example")
        link = v.make_request(sd_query(["given_name"]), prefix="x509_san_dns", client_value="verifier.example",
                              signer=good.leaf_key, header={"x5c": good.x5c()})
        with pytest.raises(RequestRefused, match="not to the certified verifier.example"):
            offer(demo, link, trust_roots=[good.root])
        assert v.received == [] and log_count(demo) == before


def test_x509_hash(demo) -> None:  # noqa: ANN001
    pki = make_pki("127.0.0.1")
    with Verifier() as v:
        link = v.make_request(sd_query(["given_name"]), prefix="x509_hash", client_value=pki.leaf_hash(),
                              signer=pki.leaf_key, header={"x5c": pki.x5c()})
        assert offer(demo, link, trust_roots=[pki.root]).request.verifier.verified
        bad = v.make_request(sd_query(["given_name"]), prefix="x509_hash", client_value="A" * 43,
                             signer=pki.leaf_key, header={"x5c": pki.x5c()})
        with pytest.raises(RequestRefused, match="hash"):
            offer(demo, bad, trust_roots=[pki.root])


def test_decentralized_identifier(demo) -> None:  # noqa: ANN001
    key, did, kid = did_key_signer()
    with Verifier() as v:
        link = v.make_request(sd_query(["given_name"]), prefix="decentralized_identifier", client_value=did,
                              signer=key, header={"kid": kid}, method="post")
        off = offer(demo, link)
        assert off.request.verifier.verified and off.request.verifier.name == did
        demo.vp_send(demo.vp_decide(off))
        check_sd_jwt(v.received[0].payload["vp_token"]["licence"][0], v.last_params())
        # signed by someone else's key, claiming this DID
        other, _did2, _kid2 = did_key_signer()
        forged = v.make_request(sd_query(["given_name"]), prefix="decentralized_identifier", client_value=did,
                                signer=other, header={"kid": kid})
        with pytest.raises(RequestRefused, match="signature does not verify"):
            offer(demo, forged)
        _k3, _did3, kid3 = did_key_signer()
        wrong_kid = v.make_request(sd_query(["given_name"]), prefix="decentralized_identifier", client_value=did,
                                   signer=_k3, header={"kid": kid3})
        with pytest.raises(RequestRefused, match="is not a key of"):
            offer(demo, wrong_kid)
        assert len(v.received) == 1


def test_verifier_attestation(demo) -> None:  # noqa: ANN001
    attester = ec.generate_private_key(ec.SECP256R1())
    verifier_key = ec.generate_private_key(ec.SECP256R1())
    demo.vp_add_attester("https://attester.example", keys.to_jwk(attester.public_key()))
    with Verifier() as v:
        def link(att: str, signer=verifier_key) -> str:  # noqa: ANN001
            return v.make_request(sd_query(["given_name"]), prefix="verifier_attestation", client_value="shop.example",
                                  signer=signer, header={"jwt": att})

        good = attestation(attester, "https://attester.example", "shop.example", verifier_key.public_key())
        off = offer(demo, link(good))
        assert off.request.verifier.verified and "attester.example" in off.request.verifier.how
        stranger = ec.generate_private_key(ec.SECP256R1())
        cases = [
            (attestation(stranger, "https://attester.example", "shop.example", verifier_key.public_key()),
             verifier_key, "signature does not verify"),
            (attestation(stranger, "https://stranger.example", "shop.example", verifier_key.public_key()),
             verifier_key, "not an attester this wallet trusts"),
            (attestation(attester, "https://attester.example", "other.example", verifier_key.public_key()),
             verifier_key, "not this client"),
            (good, stranger, "signature does not verify with the attested key"),
            (attestation(attester, "https://attester.example", "shop.example", verifier_key.public_key(),
                         redirect_uris=["https://shop.example/cb"]), verifier_key, "does not allow answers"),
            (attestation(attester, "https://attester.example", "shop.example", verifier_key.public_key(), exp_in=-600),
             verifier_key, "expired"),
        ]
        for att, signer, why in cases:
            with pytest.raises(RequestRefused, match=why):
                offer(demo, link(att, signer))


def test_redirect_uri_prefix_rules(demo) -> None:  # noqa: ANN001
    with Verifier() as v:
        before = log_count(demo)
        # the answer would go somewhere else than the client id names
        link = v.make_request(sd_query(["given_name"]), client_value="https://verifier.example/cb")
        with pytest.raises(RequestRefused, match="must be the same address"):
            offer(demo, link)
        # a redirect_uri client may not sign (its key could not be checked)
        key = ec.generate_private_key(ec.SECP256R1())
        with pytest.raises(RequestRefused, match="must not sign"):
            offer(demo, v.make_request(sd_query(["given_name"]), signer=key))
        # an unsigned request may not claim a prefix that needs a signature
        with pytest.raises(RequestRefused, match="must sign its request"):
            offer(demo, v.make_request(sd_query(["given_name"]), prefix="x509_san_dns", client_value="127.0.0.1"))
        assert v.received == [] and log_count(demo) == before


def test_pre_registered_is_shown_unverified(demo) -> None:  # noqa: ANN001
    with Verifier() as v:
        off = offer(demo, v.make_request(sd_query(["given_name"]), prefix="pre-registered", client_value="shop-42"))
        assert off.to_json()["verifier"]["identity"] == "unverified"
        assert "not registered" in off.request.verifier.how


def test_tampered_signed_request_is_refused(demo) -> None:  # noqa: ANN001
    key, did, kid = did_key_signer()
    with Verifier() as v:
        link = v.make_request(sd_query(["given_name"]), prefix="decentralized_identifier", client_value=did,
                              signer=key, header={"kid": kid})
        rid = list(v.pending)[-1]
        good = v.request_object(rid, None)
        h, p, s = good.split(".")
        payload = json.loads(base64.urlsafe_b64decode(p + "=="))
        payload["response_uri"] = "http://127.0.0.1:9/steal"
        forged = ".".join([h, base64.urlsafe_b64encode(json.dumps(payload).encode()).rstrip(b"=").decode(), s])
        with pytest.raises(RequestRefused, match="signature does not verify"):
            offer(demo, "openid4vp://?" + f"client_id=decentralized_identifier:{did}&request={forged}")
        del link


# --- replay, redirects, errors ---------------------------------------------------------------------------


def test_same_nonce_twice_is_refused(demo) -> None:  # noqa: ANN001
    with Verifier() as v:
        link = v.make_request(sd_query(["given_name"]), nonce="nonce-once-only")
        off = offer(demo, link)
        demo.vp_send(demo.vp_decide(off))
        before = log_count(demo)
        with pytest.raises(RequestRefused, match="already answered"):
            offer(demo, link)
        with pytest.raises(RequestRefused, match="already answered"):  # an offer prepared before the first answer
            demo.vp_send(demo.vp_decide(off))
        assert len(v.received) == 1 and log_count(demo) == before


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "http://evil.example/x", "file:///etc/passwd"])
def test_malicious_redirect_uri_is_not_shown(demo, bad) -> None:  # noqa: ANN001
    with Verifier(redirect_uri=bad) as v:
        sent = answer(demo, v.make_request(sd_query(["given_name"])))
        assert sent.reply.accepted and sent.reply.redirect_uri is None
        assert any("not shown" in n for n in sent.notes)


def test_verifier_rejects_is_reported(demo) -> None:  # noqa: ANN001
    with Verifier(reject=True) as v:
        sent = answer(demo, v.make_request(sd_query(["given_name"])))
        assert sent.sent and not sent.reply.accepted and "not good enough" in sent.reply.error
        assert demo.disclosure_log()[0]["disclosed"][0]["outcome"].startswith("rejected")


def test_unreachable_verifier_is_exit_3(demo) -> None:  # noqa: ANN001
    with Verifier() as v:
        link = v.make_request(sd_query(["given_name"]), response_uri="http://127.0.0.1:9/nothing-listens",
                              client_value="http://127.0.0.1:9/nothing-listens")
        off = offer(demo, link)
    with pytest.raises(CannotProceed):
        demo.vp_send(demo.vp_decide(off))


def test_presentation_exchange_and_other_modes_are_refused_clearly(demo) -> None:  # noqa: ANN001
    with Verifier() as v:
        pe = v.make_request(sd_query(["given_name"]), extra={"presentation_definition": {"id": "x"}})
        with pytest.raises(RequestRefused, match="Presentation Exchange"):
            offer(demo, pe)
        with pytest.raises(RequestRefused, match="response_mode 'fragment'"):
            offer(demo, v.make_request(sd_query(["given_name"]), mode="fragment"))
        with pytest.raises(RequestRefused, match="only https"):
            demo.vp_offer(v.make_request(sd_query(["given_name"])))  # no --allow-loopback-http
        with pytest.raises(RequestRefused, match="haip-vp:// request must be signed"):
            offer(demo, v.make_request(sd_query(["given_name"]), scheme="haip-vp"))


def test_a256gcm_when_the_verifier_asks(demo) -> None:  # noqa: ANN001
    with Verifier() as v:
        answer(demo, v.make_request(sd_query(["given_name"]), mode="direct_post.jwt", enc_values=["A256GCM"]))
        assert v.received[0].payload["_jwe_header"]["enc"] == "A256GCM"
        with pytest.raises(WalletError, match="encryption methods"):
            offer(demo, v.make_request(sd_query(["given_name"]), mode="direct_post.jwt", enc_values=["A192CBC-HS384"]))


def test_haip_vp_signed_x509_encrypted(demo) -> None:  # noqa: ANN001
    pki = make_pki("127.0.0.1")
    with Verifier() as v:
        link = v.make_request(sd_query(["given_name"]), prefix="x509_hash", client_value=pki.leaf_hash(),
                              signer=pki.leaf_key, header={"x5c": pki.x5c()}, mode="direct_post.jwt",
                              scheme="haip-vp", method="post")
        assert link.startswith("haip-vp://")
        sent = demo.vp_send(demo.vp_decide(offer(demo, link, trust_roots=[pki.root])))
        assert sent.reply.accepted and v.received[0].encrypted
        check_sd_jwt(v.received[0].payload["vp_token"]["licence"][0], v.last_params())
        plain = v.make_request(sd_query(["given_name"]), prefix="x509_hash", client_value=pki.leaf_hash(),
                               signer=pki.leaf_key, header={"x5c": pki.x5c()}, scheme="haip-vp")
        with pytest.raises(RequestRefused, match="encrypted answer"):
            offer(demo, plain, trust_roots=[pki.root])


def test_default_pick_reveals_least(demo) -> None:  # noqa: ANN001
    """With --yes and no --select, a credential shown field by field is picked before one signed as a whole."""
    q = {"credentials": [{"id": "course", "format": "ldp_vc", "meta": {"type_values": [SD_CERT_TYPES]},
                          "claims": [{"path": ["credentialSubject", "achievement", "name"]}]}]}
    with Verifier() as v:
        off = offer(demo, v.make_request(q))
        kinds = [off.sources[m.candidate.id].kind for m in off.results[0].matches]
        assert "whole" in kinds and kinds.index("whole") > max(i for i, k in enumerate(kinds) if k == "di-sd")
        whole = next(m for m in off.results[0].matches if off.sources[m.candidate.id].kind == "whole")
        assert off.to_json()["queries"][0]["matches"][kinds.index("whole")]["reveals"]["whole"] is True
        assert whole.candidate.whole
