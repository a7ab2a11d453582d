"""The page checks every Data Integrity suite the core checks, with the same verdict and the same words:
eddsa-jcs-2022, Ed25519Signature2020, ecdsa-rdfc-2019 (P-256 and P-384) and ecdsa-jcs-2019, in
presentations the wallet made of credentials really signed with each; and a credential altered after
signing is invalid on both."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from tests import factory
from tests.web.test_verifier_page import AUD, NONCE, employer, open_page, page_for_texts, strip
from wallet.crypto import dataintegrity
from wallet.crypto.signing import sign_data_integrity
from wallet.crypto import publickeys as keys
from wallet.present import qr
from wallet.present.verifier import verify_presentation

ED = ed25519.Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"credwallet web suites ed").digest())
P256 = ec.derive_private_key(int.from_bytes(hashlib.sha256(b"credwallet web suites p256").digest(), "big"), ec.SECP256R1())
P384 = ec.derive_private_key(int.from_bytes(hashlib.sha384(b"credwallet web suites p384").digest(), "big"), ec.SECP384R1())
ED2020_CONTEXT = "https://w3id.org/security/suites/ed25519-2020/v1"


def _did(key: Any) -> tuple[str, str]:
    did = "did:key:" + keys.to_multikey(key.public_key())
    return did, f"{did}#{did.split(':')[-1]}"


def _credential(i: int, key: Any, holder: str, suite: str) -> dict[str, Any]:
    did, vm = _did(key)
    cred = factory.ob3(900 + i, f"Suite test {suite}", extra={"issuer": {"id": did, "type": ["Profile"], "name": f"Issuer {suite}"}})
    cred["credentialSubject"]["id"] = holder
    if suite == "Ed25519Signature2020":
        cred["@context"] = [*cred["@context"], ED2020_CONTEXT]
        proof = {"type": "Ed25519Signature2020", "created": "2026-01-01T00:00:00Z", "verificationMethod": vm,
                 "proofPurpose": "assertionMethod"}
        loader = factory._loader()
        data = dataintegrity.transform(cred, dataintegrity.proof_config(cred, proof, suite), suite, loader, None)
        return {**cred, "proof": {**proof, "proofValue": keys.multibase_encode(key.sign(data))}}
    return sign_data_integrity(cred, key, vm, cryptosuite=suite, created="2026-01-01T00:00:00Z", loader=factory._loader())


CASES = [("eddsa-jcs-2022", ED), ("Ed25519Signature2020", ED), ("ecdsa-rdfc-2019", P256),
         ("ecdsa-rdfc-2019", P384), ("ecdsa-jcs-2019", P256)]


@pytest.fixture(scope="module")
def suites_wallet(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    from wallet.demo import make_demo_wallet

    w = make_demo_wallet(tmp_path_factory.mktemp("suites") / "w")
    holder = w.holder().did
    refs = {}
    for i, (suite, key) in enumerate(CASES):
        cred = _credential(i, key, holder, suite)
        res = w.import_bytes(json.dumps(cred).encode(), f"{suite}-{i}.json", f"{suite}-{i}.json")
        assert res.id, (suite, res.error, res.checks)
        refs[f"{suite}-{i}"] = (res.id, cred)
    yield w, refs
    w.lock()


@pytest.mark.parametrize("case", [f"{s}-{i}" for i, (s, _k) in enumerate(CASES)])
def test_each_suite_gives_the_same_verdict_on_the_page(browser, site, suites_wallet, case: str) -> None:  # noqa: ANN001
    wallet, refs = suites_wallet
    ref, cred = refs[case]
    texts = qr.encode_for_qr(wallet.present([ref], audience=AUD, nonce=NONCE).presentation())
    expected = verify_presentation(texts, employer(), audience=AUD, nonce=NONCE).to_json()
    assert expected["status"] in ("verified", "warning")
    got = page_for_texts(browser, site, f"suite-{case}.txt", texts, f"&aud={AUD}&nonce={NONCE}")
    assert strip({k: v for k, v in got.items() if not k.startswith("_")}) == strip(expected), case
    sig = next(c for c in got["checks"] if c["id"] == "credential1.signature")
    assert sig["status"] == "pass" and case.rsplit("-", 1)[0] in sig["message"]

    # the same credential with its achievement renamed after signing: invalid on both, same words
    forged = json.loads(json.dumps(cred))
    forged["credentialSubject"]["achievement"]["name"] = "Forged achievement"
    p = qr.from_texts(texts)
    vp = json.loads(p.text)
    vp["verifiableCredential"] = [forged]
    bad = qr.to_texts(qr.Presentation("vp", json.dumps(vp)))
    expected = verify_presentation(bad, employer(), audience=AUD, nonce=NONCE).to_json()
    got = page_for_texts(browser, site, f"suite-forged-{case}.txt", bad, f"&aud={AUD}&nonce={NONCE}")
    assert expected["status"] == got["status"] == "invalid", case
    sig = next(c for c in got["checks"] if c["id"] == "credential1.signature")
    assert sig["status"] == "fail", sig  # the issuer's signature itself catches the rename
    assert strip({k: v for k, v in got.items() if not k.startswith("_")}) == strip(expected), case



def test_blockcerts_receipts_are_checked_on_the_page(browser, site, demo) -> None:  # noqa: ANN001
    """The demo Blockcerts (MerkleProof2019 on mocknet): its receipt is checked by the page as by the core, the
    anchor is never "pass", and a certificate renamed after anchoring is caught by both."""
    from tests.web.test_verifier_page import unsigned_vp

    cid = next(s.id for s in demo.credentials() if s.format == "blockcerts")
    genuine = demo.get(cid).original
    for name, cred in [("genuine", genuine), ("renamed", genuine.replace(b"Certificate in Project Management",
                                                                        b"Certificate in Brain Surgery"))]:
        texts = unsigned_vp(cred, "did:example:amira")
        expected = verify_presentation(texts, employer()).to_json()
        got = page_for_texts(browser, site, f"blockcerts-{name}.txt", texts)
        assert strip({k: v for k, v in got.items() if not k.startswith("_")}) == strip(expected), name
        sig = next(c for c in got["checks"] if c["id"] == "credential1.signature")
        if name == "genuine":
            assert sig["status"] == "pass" and "matches its Merkle proof" in sig["message"]
            anchor = next(c for c in got["checks"] if c["id"] == "credential1.anchor")
            assert anchor["status"] == "skipped" and "mocknet" in anchor["message"]
        else:
            assert sig["status"] == "fail" and "does not match its Merkle receipt" in sig["message"]
            assert got["status"] == "invalid"


def test_sd_jwt_with_an_x5c_chain_on_the_page(browser, site, suites_wallet) -> None:  # noqa: ANN001
    """An SD-JWT VC whose issuer key comes in an x5c chain. The page cannot check X.509 chains, and says so
    (skipped, never pass); with no trusted root for that issuer it says what the CLI says; and when the
    employer's trust list pins the issuer's key, both use that key and agree on a verdict."""
    import base64

    from cryptography.hazmat.primitives.serialization import Encoding

    from tests.verify.test_engine import _ca_and_leaf
    from wallet.crypto.signing import sign_jws
    from wallet.verify.engine import VerifyContext
    from wallet.verify.trust import TrustList, parse_entries

    wallet, _refs = suites_wallet
    ca, leaf, leaf_key = _ca_and_leaf("x5c-issuer.example")
    iss = "https://x5c-issuer.example"
    payload = {"iss": iss, "vct": f"{iss}/vct/first-aid", "iat": 1767225600, "given_name": "Ada",
               "cnf": {"jwk": wallet.holder().p256_jwk}, "_sd_alg": "sha-256", "_sd": []}
    x5c = [base64.b64encode(leaf.public_bytes(Encoding.DER)).decode()]
    token = sign_jws({"alg": "ES256", "typ": "dc+sd-jwt", "x5c": x5c}, json.dumps(payload).encode(),
                              leaf_key) + "~"
    res = wallet.import_bytes(token.encode(), "x5c.txt", "x5c.txt")
    assert res.id, (res.error, res.checks)
    texts = qr.encode_for_qr(wallet.present([res.id], audience=AUD, nonce=NONCE).presentation())
    pem = ca.public_bytes(Encoding.PEM).decode()
    pinned_jwk = keys.to_jwk(leaf_key.public_key())
    for name, entries in [("no root", [{"id": iss, "name": "X5C issuer"}]),
                          ("root", [{"id": iss, "name": "X5C issuer", "x5c_root": pem}]),
                          ("pinned", [{"id": iss, "name": "X5C issuer", "jwk": pinned_jwk}])]:
        (site[1] / f"trust-{name.replace(' ', '-')}.json").write_text(json.dumps(entries), "utf-8")
        ctx = VerifyContext(trust=TrustList(parse_entries(entries)))
        expected = verify_presentation(texts, ctx, audience=AUD, nonce=NONCE).to_json()
        path = f"inputs/x5c-{name.replace(' ', '-')}.txt"
        (site[1] / path.split("/", 1)[1]).write_text("\n".join(texts), "utf-8")
        got = open_page(browser, f"{site[0]}index.html?qr={path}&trust=inputs/trust-{name.replace(' ', '-')}.json"
                                 f"&aud={AUD}&nonce={NONCE}")
        sig = next(c for c in got["checks"] if c["id"] == "credential.signature")
        py_sig = next(c for c in expected["checks"] if c["id"] == "credential.signature")
        if name == "root":  # the CLI follows the chain to the trusted root; the page cannot, and says so
            assert py_sig["status"] == "pass"
            assert sig["status"] == "skipped" and "does not check" in sig["message"]
            assert got["status"] == "unverified"
        else:
            assert strip({k: v for k, v in got.items() if not k.startswith("_")}) == strip(expected), name
            if name == "pinned":
                assert sig["status"] == "pass"
            else:
                assert sig["status"] == "skipped" and "no trusted root" in sig["message"]


def _status_list(revoked: set[int], url: str) -> dict[str, Any]:
    """The status issuer's own list at ``url``, signed by its key (an unsigned list is not believed)."""
    did, vm = _did(ED)
    return factory.status_list(url, revoked, issuer=did, key=ED, vm=vm)


def test_check_online_reads_the_status_list_like_the_cli(browser, site, suites_wallet) -> None:  # noqa: ANN001
    """Only after "Check online": the page fetches the status list the credential's signed status entry names,
    and says revoked / not revoked exactly as the CLI does with online checks on; every request is listed.
    Before the button, nothing is fetched and both say revocation was not checked."""
    from tests.verify.test_engine import StatusFetcher
    from wallet.verify.engine import VerifyContext
    from wallet.verify.trust import TrustList, parse_entries

    wallet, _refs = suites_wallet
    holder = wallet.holder().did
    url = "https://status.example/lists/7"
    listed = json.dumps(_status_list({5}, url)).encode()
    did, vm = _did(ED)
    from wallet import paths

    trust = json.loads((paths.resources_dir() / "demo" / "trust.json").read_text("utf-8"))
    (site[1] / "trust.json").write_text(json.dumps(trust), "utf-8")
    for index, word in [(5, "revoked"), (6, "not revoked")]:
        cred = factory.ob3(950 + index, f"Status test {index}", extra={"issuer": {"id": did, "type": ["Profile"], "name": "Status issuer"}})
        cred["credentialSubject"]["id"] = holder
        cred["credentialStatus"] = {"id": f"{url}#{index}", "type": "BitstringStatusListEntry", "statusPurpose": "revocation",
                                    "statusListIndex": str(index), "statusListCredential": url}
        signed = sign_data_integrity(cred, ED, vm, created="2026-01-01T00:00:00Z", loader=factory._loader())
        res = wallet.import_bytes(json.dumps(signed).encode(), f"status-{index}.json", f"status-{index}.json")
        assert res.id, (res.error, res.checks)
        texts = qr.encode_for_qr(wallet.present([res.id], audience=AUD, nonce=NONCE).presentation())
        ctx = VerifyContext(fetcher=StatusFetcher({url: listed}), trust=TrustList(parse_entries(trust)))
        expected = verify_presentation(texts, ctx, audience=AUD, nonce=NONCE).to_json()
        py_status = next(c for c in expected["checks"] if c["id"] == "credential1.status")
        assert py_status["message"].startswith(word), py_status

        context = browser.new_context(bypass_csp=True)
        seen: list[str] = []

        def serve(route, request) -> None:  # noqa: ANN001
            seen.append(request.url)
            route.fulfill(status=200, body=listed, headers={"Content-Type": "application/json",
                                                            "Access-Control-Allow-Origin": "*"})

        context.route("https://status.example/**", serve)
        page = context.new_page()
        path = f"inputs/status-{index}.txt"
        (site[1] / path.split("/", 1)[1]).write_text("\n".join(texts), "utf-8")
        page.goto(f"{site[0]}index.html?qr={path}&trust=inputs/trust.json&aud={AUD}&nonce={NONCE}")
        page.wait_for_function("document.body.dataset.status !== undefined", timeout=30_000)
        offline = page.evaluate("window.credwalletResult")
        assert not seen  # nothing is fetched before the employer asks
        st = next(c for c in offline["checks"] if c["id"] == "credential1.status")
        assert st["status"] == "skipped" and "online checks are off" in st["message"]
        page.click("#online")
        page.wait_for_function("document.body.dataset.status !== undefined && "
                               "window.credwalletResult.checks.some(c => c.id === 'credential1.status' && c.status !== 'skipped')",
                               timeout=30_000)
        got = page.evaluate("window.credwalletResult")
        log = page.inner_text("#fetch-log")
        context.close()
        assert seen == [url]
        assert url in log and "ok" in log
        assert strip(got) == strip(expected), index
        assert got["status"] == ("invalid" if index == 5 else expected["status"])
