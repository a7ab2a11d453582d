""""Check online" on the page: did:web keys, SD-JWT VC issuer metadata, status lists and Token Status Lists are
fetched only after the employer presses it, every request is listed, and the verdict and words equal
`verify-presentation` with online checks on (the same documents served to both: to the page by Playwright's
router, to the CLI from memory).  The status list attacks of tests/security/test_status_list_trust.py are
repeated through the page: none of them yields "not revoked"."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519

from tests import factory
from tests.web.test_verifier_page import AUD, NONCE, _holder, _signed_vp, put, strip
from wallet import paths
from wallet.crypto import publickeys as keys
from wallet.crypto import signing
from wallet.fetch import Fetcher, FetchRefused
from wallet.present import qr
from wallet.present.verifier import verify_presentation
from wallet.verify.engine import VerifyContext
from wallet.verify.trust import TrustList, parse_entries

ISSUER = ed25519.Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"credwallet web online issuer").digest())
MALLORY = ed25519.Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"credwallet web online mallory").digest())
STATUS_URL = "https://status.example/lists/online"


def _did(key: Any) -> tuple[str, str]:
    did = "did:key:" + keys.to_multikey(key.public_key())
    return did, f"{did}#{did.split(':')[-1]}"


class Served(Fetcher):
    """Online, the documents served from memory, answering as the page's test router does (404 otherwise)."""

    def __init__(self, docs: dict[str, bytes]):
        super().__init__(online=True)
        self.docs = docs

    def get(self, url: str, accept: str = "application/json") -> bytes:
        entry = {"url": url, "outcome": "ok"}
        self.log.append(entry)
        if url not in self.docs:
            entry["outcome"] = f"{url[:200]} answered HTTP 404"
            raise FetchRefused(entry["outcome"])
        return self.docs[url]


def online_on_both(browser: Any, site: Any, name: str, texts: list[str], docs: dict[str, bytes]) -> tuple[dict, dict]:
    """(offline result, online result) on the page, each asserted equal to the CLI's; the fetches compared."""
    trust = json.loads((paths.resources_dir() / "demo" / "trust.json").read_text("utf-8"))
    offline_expected = verify_presentation(texts, VerifyContext(trust=TrustList(parse_entries(trust))),
                                           audience=AUD, nonce=NONCE).to_json()
    fetcher = Served(docs)
    expected = verify_presentation(texts, VerifyContext(fetcher=fetcher, trust=TrustList(parse_entries(trust))),
                                   audience=AUD, nonce=NONCE).to_json()
    context = browser.new_context(bypass_csp=True)
    seen: list[str] = []

    def serve(route: Any, request: Any) -> None:
        seen.append(request.url)
        body = docs.get(request.url)
        route.fulfill(status=200 if body is not None else 404, body=body or b"not here",
                      headers={"Content-Type": "application/json", "Access-Control-Allow-Origin": "*"})

    context.route("https://**/*", serve)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    path = put(site, f"{name}.txt", "\n".join(texts))
    page.goto(f"{site[0]}index.html?qr={path}&trust=inputs/trust.json&aud={AUD}&nonce={NONCE}")
    page.wait_for_function("document.body.dataset.status !== undefined", timeout=30_000)
    offline = page.evaluate("window.credwalletResult")
    assert not seen, seen  # nothing is fetched before the employer asks
    page.click("#online")
    page.wait_for_function("document.body.dataset.status !== undefined && "
                           "document.getElementById('fetch-log').innerText.includes('https://')", timeout=30_000)
    got = page.evaluate("window.credwalletResult")
    log = page.inner_text("#fetch-log")
    context.close()
    assert not errors, errors
    for mine, cli in ((offline, offline_expected), (got, expected)):
        assert [c["id"] for c in strip(mine)["checks"]] == [c["id"] for c in strip(cli)["checks"]], name
        for a, b in zip(strip(mine)["checks"], strip(cli)["checks"]):
            assert a == b, name
        assert strip(mine) == strip(cli), name
    # the same requests, in the same order (the browser writes a bare origin with its "/")
    assert [u.rstrip("/") for u in seen] == [f["url"].rstrip("/") for f in fetcher.log], name
    assert all(url.rstrip("/") in log for url in seen)  # and every one is listed
    return offline, got


def _check(result: dict[str, Any], cid: str) -> dict[str, Any]:
    return next(c for c in result["checks"] if c["id"] == cid)


# --- status lists (Bitstring) -----------------------------------------------------------------------------


def _status_credential() -> list[str]:
    did, vm = _did(ISSUER)
    _k, amira, _vm = _holder(b"amira")
    cred = factory.ob3(9301, "Online status test", extra={"issuer": {"id": did, "type": ["Profile"], "name": "Status issuer"}})
    cred["credentialSubject"]["id"] = amira
    cred["credentialStatus"] = {"id": f"{STATUS_URL}#5", "type": "BitstringStatusListEntry",
                                "statusPurpose": "revocation", "statusListIndex": "5", "statusListCredential": STATUS_URL}
    signed = signing.sign_data_integrity(cred, ISSUER, vm, created="2026-01-01T00:00:00Z", loader=factory._loader())
    return _signed_vp([signed], b"amira")


def _list(case: str) -> bytes:
    did, vm = _did(ISSUER)
    mallory, mallory_vm = _did(MALLORY)
    mine = {"issuer": did, "key": ISSUER, "vm": vm}
    if case == "genuine":
        doc = factory.status_list(STATUS_URL, {5}, **mine)
    elif case == "unsigned-cleared":
        doc = factory.status_list(STATUS_URL, set(), sign=False, issuer=did)
    elif case == "bit-cleared-after-signing":
        doc = factory.status_list(STATUS_URL, {5}, **mine)
        doc["credentialSubject"] = factory.status_list(STATUS_URL, set(), sign=False)["credentialSubject"]
    elif case == "another-key":
        doc = factory.status_list(STATUS_URL, set(), issuer=did, key=MALLORY, vm=mallory_vm)
    elif case == "another-issuer":
        doc = factory.status_list(STATUS_URL, set(), issuer=mallory, key=MALLORY, vm=mallory_vm)
    elif case == "expired":
        doc = factory.status_list(STATUS_URL, set(), valid_until="2026-02-01T00:00:00Z", **mine)
    else:
        raise AssertionError(case)
    return json.dumps(doc).encode()


@pytest.mark.parametrize("case", ["genuine", "unsigned-cleared", "bit-cleared-after-signing", "another-key",
                                  "another-issuer", "expired"])
def test_status_list_attacks_through_the_page(browser, site, case: str) -> None:  # noqa: ANN001
    offline, got = online_on_both(browser, site, f"status-{case}", _status_credential(), {STATUS_URL: _list(case)})
    assert _check(offline, "credential1.status")["status"] == "skipped"
    st = _check(got, "credential1.status")
    if case == "genuine":
        assert st["status"] == "fail" and st["message"].startswith("revoked by the issuer") and got["status"] == "invalid"
    else:  # the attacker's list is not believed: never "not revoked"
        assert st["status"] == "skipped" and st["message"].startswith("revocation not checked: the status list"), st
        assert got["status"] != "verified"


# --- did:web ------------------------------------------------------------------------------------------------

WEB_DID = "did:web:issuer.example"
WEB_VM = f"{WEB_DID}#key-1"
DID_URL = "https://issuer.example/.well-known/did.json"


def _did_doc(key: Any) -> bytes:
    return json.dumps({"@context": ["https://www.w3.org/ns/did/v1"], "id": WEB_DID,
                       "verificationMethod": [{"id": WEB_VM, "type": "Multikey", "controller": WEB_DID,
                                               "publicKeyMultibase": keys.to_multikey(key.public_key())}],
                       "assertionMethod": [WEB_VM]}).encode()


@pytest.mark.parametrize("served", ["issuer-key", "another-key", "missing"])
def test_a_did_web_issuer_after_check_online(browser, site, served: str) -> None:  # noqa: ANN001
    _k, amira, _vm = _holder(b"amira")
    cred = factory.ob3(9302, "did:web badge", extra={"issuer": {"id": WEB_DID, "type": ["Profile"], "name": "Web issuer"}})
    cred["credentialSubject"]["id"] = amira
    signed = signing.sign_data_integrity(cred, ISSUER, WEB_VM, created="2026-01-01T00:00:00Z", loader=factory._loader())
    docs = {"issuer-key": {DID_URL: _did_doc(ISSUER)}, "another-key": {DID_URL: _did_doc(MALLORY)}, "missing": {}}[served]
    offline, got = online_on_both(browser, site, f"didweb-{served}", _signed_vp([signed], b"amira"), docs)
    off_sig = _check(offline, "credential1.signature")
    assert off_sig["status"] == "skipped" and "online checks are off" in off_sig["message"]
    sig = _check(got, "credential1.signature")
    if served == "issuer-key":
        assert sig["status"] == "pass" and _check(got, "credential1.issuer_key")["status"] == "pass"
    elif served == "another-key":  # the DID document lists a key that did not sign it
        assert sig["status"] == "fail" and got["status"] == "invalid"
    else:
        assert sig["status"] == "skipped" and "answered HTTP 404" in sig["message"]


# --- SD-JWT VC: issuer metadata and the Token Status List ----------------------------------------------------

SD_ISS = "https://sd-issuer.example"
META_URL = f"{SD_ISS}/.well-known/jwt-vc-issuer"
TOKEN_URL = f"{SD_ISS}/status/1"


def _status_token(revoked: set[int], key: Any) -> bytes:
    import zlib

    data = bytearray(128)
    for i in revoked:
        data[i // 8] |= 1 << (i % 8)
    payload = {"sub": TOKEN_URL, "iat": 1767225600,
               "status_list": {"bits": 1, "lst": keys.b64u_encode(zlib.compress(bytes(data)))}}
    return signing.sign_jws({"alg": "EdDSA", "typ": "statuslist+jwt", "kid": "k1"},
                            json.dumps(payload).encode(), key).encode()


@pytest.mark.parametrize("case", ["valid", "revoked", "token-by-another-key"])
def test_sd_jwt_vc_issuer_metadata_and_token_status_list(browser, site, case: str) -> None:  # noqa: ANN001
    payload = {"iss": SD_ISS, "vct": f"{SD_ISS}/vct/first-aid", "iat": 1767225600, "given_name": "Ada",
               "_sd_alg": "sha-256", "_sd": [], "status": {"status_list": {"idx": 7, "uri": TOKEN_URL}}}
    token = signing.sign_jws({"alg": "EdDSA", "typ": "dc+sd-jwt", "kid": "k1"}, json.dumps(payload).encode(), ISSUER) + "~"
    texts = qr.to_texts(qr.Presentation("sd-jwt", token))
    meta = {"issuer": SD_ISS, "jwks": {"keys": [{**keys.to_jwk(ISSUER.public_key()), "kid": "k1"}]}}
    listed = {"valid": _status_token({6}, ISSUER), "revoked": _status_token({7}, ISSUER),
              "token-by-another-key": _status_token(set(), MALLORY)}[case]
    offline, got = online_on_both(browser, site, f"sdjwt-{case}", texts,
                                  {META_URL: json.dumps(meta).encode(), TOKEN_URL: listed})
    assert _check(offline, "credential.signature")["status"] == "skipped"
    assert _check(offline, "credential.status")["message"] == "token status list not checked (online checks are off)"
    assert _check(got, "credential.signature")["status"] == "pass"
    st = _check(got, "credential.status")
    if case == "valid":
        assert st["status"] == "pass" and st["message"].startswith("not revoked")
    elif case == "revoked":
        assert st["status"] == "fail" and st["message"].startswith("revoked by the issuer") and got["status"] == "invalid"
    else:
        assert st["status"] == "skipped" and "not signed by the issuer" in st["message"], st


# --- 1EdTech revocation lists --------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["issuer-domain", "another-domain"])
def test_an_unsigned_revocation_list_is_read_only_from_the_issuers_domain(browser, site, where: str) -> None:  # noqa: ANN001
    host = "lists.example" if where == "issuer-domain" else "elsewhere.example"
    url = f"https://{host}/revoked"
    _k, amira, _vm = _holder(b"amira")
    cred = factory.ob3(9303, "Revocable badge", extra={
        "issuer": {"id": "https://lists.example/issuer", "type": ["Profile"], "name": "Lists"},
        "credentialStatus": {"id": url, "type": "1EdTechRevocationList"}})
    cred["@context"] = [*cred["@context"], "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"]
    cred["credentialSubject"]["id"] = amira
    signed = factory.signed(cred)
    listed = json.dumps({"id": url, "revokedCredentials": [{"id": signed["id"], "revocationReason": "withdrawn"}]})
    _offline, got = online_on_both(browser, site, f"revlist-{where}", _signed_vp([signed], b"amira"), {url: listed.encode()})
    st = _check(got, "credential1.status")
    if where == "issuer-domain":
        assert st["status"] == "fail" and st["message"] == "revoked by the issuer: withdrawn"
    else:
        assert st["status"] == "skipped" and "not published on the issuer's own domain" in st["message"]
