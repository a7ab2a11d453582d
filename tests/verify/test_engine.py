"""The verification engine on the demo set, tampered copies, JOSE negatives, dates, status, safe mode."""

from __future__ import annotations

import base64
import datetime as dt
import json
import socket
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CORPUS
from tests import factory
from tests.factory import ob3, signed
from wallet import paths
from wallet.crypto import jose
from wallet.crypto import signing
from wallet.fetch import Fetcher, FetchRefused
from wallet.formats import detect
from wallet.verify import engine
from wallet.verify.engine import VerifyContext
from wallet.verify.trust import TrustList, parse_entries

DEMO = paths.resources_dir() / "demo"
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.timezone.utc)


def demo_ctx(**kw) -> VerifyContext:
    trust = TrustList(parse_entries(json.loads((DEMO / "trust.json").read_text())))
    return VerifyContext(clock=lambda: NOW, trust=trust, **kw)


def check(report, cid: str):  # noqa: ANN001, ANN201
    return next(c for c in report.checks if c.id == cid)


EXPECTED = {
    "ob3-data-analysis-python.json": ("ob3", "verified"),
    "ob3-applied-statistics.svg": ("ob3", "verified"),
    "ob3-sd-cloud-data-engineering.json": ("ob3", "verified"),  # ecdsa-sd-2023 base proof, checked by the holder
    "ob3-bbs-workplace-spanish.json": ("ob3", "verified"),  # bbs-2023 base proof, checked by the holder
    "clr-data-analyst-pathway.json": ("clr2", "verified"),
    "ob2-first-aid-baked.png": ("ob2", "verified"),
    "vc-jwt-digital-literacy.jwt": ("vc-jwt", "verified"),
    "sd-jwt-vc-basic-life-support.txt": ("sd-jwt-vc", "verified"),
    "blockcerts-project-management.json": ("blockcerts", "warning"),  # test-network anchor cannot be checked
    "pdf-volunteering-certificate.pdf": ("pdf", "unverified"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_demo_set_verifies_for_real(name: str) -> None:
    parsed = detect.parse((DEMO / "credentials" / name).read_bytes(), name)
    report = engine.verify(parsed, demo_ctx())
    assert (parsed.format, report.status) == EXPECTED[name], [c.to_json() for c in report.checks]
    if report.status == "verified":
        assert check(report, "signature").status == "pass"
        assert check(report, "issuer_trust").status == "pass"


def test_demo_set_covers_every_demo_file() -> None:
    assert {p.name for p in (DEMO / "credentials").iterdir()} == set(EXPECTED)


def test_unknown_issuer_is_a_warning_not_a_failure() -> None:
    parsed = detect.parse((DEMO / "credentials" / "ob3-data-analysis-python.json").read_bytes(), "x")
    report = engine.verify(parsed, VerifyContext(clock=lambda: NOW))
    assert report.status == "warning"
    assert check(report, "signature").status == "pass"
    trust = check(report, "issuer_trust")
    assert trust.status == "skipped" and trust.message.startswith("issuer is not in your trusted list; the key")
    assert report.issuer["confirmation"] == "unknown_key" and report.issuer["key"] == parsed.normalized.issuer_id


def _tamper_json(path: Path, mutate) -> bytes:  # noqa: ANN001
    obj = json.loads(path.read_text())
    mutate(obj)
    return json.dumps(obj).encode()


@pytest.mark.parametrize("mutate", [
    lambda o: o.__setitem__("name", "Data Analysis with Python (Honours)"),
    lambda o: o["credentialSubject"].__setitem__("name", "Someone Else"),
    lambda o: o["credentialSubject"]["achievement"]["alignment"][0].__setitem__("targetName", "Use Rust"),
    lambda o: o.__setitem__("validFrom", "2026-03-14T09:00:01Z"),
    lambda o: o["proof"].__setitem__("proofValue", o["proof"]["proofValue"][:-2] + "zz"),
    lambda o: o["proof"].__setitem__("created", "2026-03-15T09:00:00Z"),
], ids=["title", "subject", "skill", "date", "proofValue", "proof-created"])
def test_tampered_ob3_is_invalid(mutate) -> None:  # noqa: ANN001
    data = _tamper_json(DEMO / "credentials" / "ob3-data-analysis-python.json", mutate)
    report = engine.verify(detect.parse(data, "t.json"), demo_ctx())
    assert report.status == "invalid"
    assert check(report, "signature").status == "fail"


def test_clr_lists_each_nested_credential() -> None:
    data = (DEMO / "credentials" / "clr-data-analyst-pathway.json").read_bytes()
    report = engine.verify(detect.parse(data, "clr"), demo_ctx())
    nested = [c for c in report.checks if c.id.startswith("nested.")]
    assert len(nested) == 2 and all(c.status == "pass" for c in nested)
    assert any("SQL Fundamentals" in c.message for c in nested)


def test_tampered_vc_jwt_and_sd_jwt() -> None:
    token = (DEMO / "credentials" / "vc-jwt-digital-literacy.jwt").read_text().strip()
    h, p, s = token.split(".")
    payload = json.loads(base64.urlsafe_b64decode(p + "=="))
    payload["name"] = "Advanced Digital Literacy"
    p2 = base64.urlsafe_b64encode(json.dumps(payload).encode()).rstrip(b"=").decode()
    report = engine.verify(detect.parse(f"{h}.{p2}.{s}".encode(), "jwt"), demo_ctx())
    assert report.status == "invalid" and check(report, "signature").status == "fail"

    sd = (DEMO / "credentials" / "sd-jwt-vc-basic-life-support.txt").read_text().strip()
    parts = sd.split("~")
    forged = base64.urlsafe_b64encode(json.dumps(["salt", "license_number", "FORGED"]).encode()).rstrip(b"=").decode()
    # an added disclosure is tampering: read (without it), then judged invalid; never "bad input"
    parsed = detect.parse("~".join([parts[0], forged] + parts[1:]).encode(), "sd")
    assert "FORGED" not in json.dumps(parsed.normalized.to_json())
    report = engine.verify(parsed, demo_ctx())
    assert report.status == "invalid" and check(report, "disclosures").status == "fail"
    assert "not referenced" in check(report, "disclosures").message


@pytest.mark.parametrize("header,why", [
    ({"alg": "none"}, "alg 'none'"),
    ({"alg": "HS256"}, "HMAC"),
    ({"alg": "EdDSA", "crit": ["exp"]}, "critical"),
    ({"alg": "EdDSA", "jku": "https://evil.example/keys"}, "never fetched"),
    ({"alg": "ES256"}, "not allowed with a Ed25519 key"),
])
def test_jose_refusals(header: dict, why: str) -> None:
    from tests.factory import KEY

    token = signing.sign_jws({"alg": "EdDSA"}, b'{"a":1}', KEY)
    _h, p, s = token.split(".")
    h = base64.urlsafe_b64encode(json.dumps(header).encode()).rstrip(b"=").decode()
    jws = jose.parse_compact(f"{h}.{p}.{s}")
    with pytest.raises(jose.JoseError, match=why):
        jose.verify(jws, KEY.public_key())


def test_dates_with_an_injected_clock() -> None:
    expired = signed(ob3(1, valid_until="2026-06-01T00:00:00Z"))
    report = engine.verify(detect.parse(json.dumps(expired).encode(), "e"), VerifyContext(clock=lambda: NOW))
    assert report.status == "warning" and check(report, "expiry").status == "fail"
    assert "expired on 1 Jun 2026" in check(report, "expiry").message
    early = VerifyContext(clock=lambda: dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc))
    report = engine.verify(detect.parse(json.dumps(signed(ob3(2))).encode(), "f"), early)
    assert report.status == "invalid" and "not valid until" in check(report, "validity").message


class StatusFetcher(Fetcher):
    """Online, but served from memory: no socket is ever opened."""

    def __init__(self, docs: dict[str, bytes]):
        super().__init__(online=True)
        self.docs = docs

    def get(self, url: str, accept: str = "application/json") -> bytes:
        self.log.append({"url": url, "outcome": "ok"})
        if url not in self.docs:
            raise FetchRefused(f"no such document {url}")
        return self.docs[url]


class CachingStatusFetcher(Fetcher):
    """Online, the status list served from memory and cached as a real fetch caches it; offline, a plain
    Fetcher.  Module-level: an import checks its inputs in a worker process, which gets the fetcher pickled."""

    def get(self, url: str, accept: str = "application/json") -> bytes:
        if not self.online:
            return super().get(url, accept)
        served = _status_list(None, url)
        self.log.append({"url": url, "at": "2026-11-20T10:00:00Z", "outcome": "ok"})
        assert self.cache is not None
        self.cache[url] = {"at": "2026-11-20T10:00:00Z", "body": base64.b64encode(served).decode()}
        self.dirty = True
        return served


def _status_list(revoked_index: int | None, url: str = "https://status.example/list/1") -> bytes:
    """The test issuer's signed status list at ``url`` (an unsigned one is not believed: tests/security)."""
    return factory.status_list_bytes(url, set() if revoked_index is None else {revoked_index})


@pytest.mark.parametrize("revoked", [None, 94567])
def test_bitstring_status_list(revoked: int | None) -> None:
    url = "https://status.example/list/1"
    cred = signed(ob3(5, extra={"credentialStatus": {
        "id": f"{url}#94567", "type": "BitstringStatusListEntry", "statusPurpose": "revocation",
        "statusListIndex": "94567", "statusListCredential": url}}))
    parsed = detect.parse(json.dumps(cred).encode(), "s")
    offline = engine.verify(parsed, VerifyContext(clock=lambda: NOW))
    assert check(offline, "status").status == "skipped" and "online checks are off" in check(offline, "status").message
    online = engine.verify(parsed, VerifyContext(clock=lambda: NOW, fetcher=StatusFetcher({url: _status_list(revoked, url)})))
    st = check(online, "status")
    if revoked is None:
        assert st.status == "pass" and st.message.startswith("not revoked (checked 2026-11-25")
    else:
        assert st.status == "fail" and online.status == "invalid"
    assert online.fetches and online.fetches[0]["url"] == url


def test_safe_mode_refuses_undefined_terms() -> None:
    path = CORPUS / "dcc-verifier-core/src/test-fixtures/verifiableCredentials/eddsa/v2/safeModeBreaker.json"
    report = engine.verify(detect.parse(path.read_bytes(), "breaker"), VerifyContext(clock=lambda: NOW))
    assert report.status == "invalid"
    fmt = check(report, "format")
    assert fmt.status == "fail" and fmt.message.startswith("refused: relative @type reference 'StatusList2021Entry'")
    assert not any(c.id == "signature" for c in report.checks)  # refused before anything is verified


def test_unbundled_context_is_refused_never_fetched() -> None:
    """A context credwallet does not ship could rename any field: refused, online or not, never fetched."""
    cred = signed(ob3(6))
    cred["@context"] = cred["@context"] + ["https://contexts.example/not-bundled.json"]
    for online in (False, True):
        fetcher = Fetcher(online=online)
        report = engine.verify(detect.parse(json.dumps(cred).encode(), "c"),
                               VerifyContext(clock=lambda: NOW, fetcher=fetcher))
        assert report.status == "invalid" and "context credwallet does not recognise" in check(report, "format").message
        assert not fetcher.log


def test_offline_verification_opens_no_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*a, **k):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("a socket was opened while offline")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    for f in (DEMO / "credentials").iterdir():
        engine.verify(detect.parse(f.read_bytes(), f.name), demo_ctx())
    did_web = CORPUS / "dcc-vc-test-fixtures/verifiableCredentials/v2/ed25519/didWeb/oidf-noStatus-notExpired.json"
    report = engine.verify(detect.parse(did_web.read_bytes(), "w"), VerifyContext(clock=lambda: NOW))
    assert check(report, "signature").status == "skipped" and "online checks are off" in check(report, "signature").message


def test_blockcerts_v2_merkle_proof_2017() -> None:
    base = CORPUS / "blockcerts-cert-verifier-js/test/fixtures/v2"
    ok = engine.verify(detect.parse((base / "mocknet-valid-2.0.json").read_bytes(), "v2"), VerifyContext(clock=lambda: NOW))
    assert check(ok, "signature").status == "pass" and ok.status == "warning"  # the mockchain anchor
    assert "mockchain" in check(ok, "anchor").message
    bad = engine.verify(detect.parse((base / "ethereum-tampered-2.0.json").read_bytes(), "v2"), VerifyContext(clock=lambda: NOW))
    assert bad.status == "invalid" and "does not match" in check(bad, "signature").message


def caching_status_check(data: bytes, source: str, max_bytes: int, ctx: VerifyContext) -> Any:
    """The import check, with status lists served from memory (CachingStatusFetcher) in place of the network:
    it runs in the checking process, which builds its own context from the wallet's settings."""
    from wallet.bounded import check_one

    if not isinstance(ctx.fetcher, CachingStatusFetcher):
        ctx.fetcher = CachingStatusFetcher(online=ctx.fetcher.online, cache=ctx.fetcher.cache)
    return check_one(data, source, max_bytes, ctx)


def test_fetched_status_lists_are_cached_with_their_date(wallet) -> None:  # noqa: ANN001
    """Online once, then offline: the cached list is used and the message carries the fetch date.  The online
    check runs in the checking process: what it fetched comes back and is kept in the vault."""
    url = "https://status.example/list/9"
    cred = signed(ob3(7, extra={"credentialStatus": {
        "id": f"{url}#5", "type": "BitstringStatusListEntry", "statusPurpose": "revocation",
        "statusListIndex": "5", "statusListCredential": url}}))
    wallet.input_checker = caching_status_check
    r = wallet.import_bytes(json.dumps(cred).encode(), "s.json", online=True)
    assert set(wallet.setting("fetch.cache")) == {url}
    assert r.ok and next(c for c in r.checks if c["id"] == "status")["status"] == "pass"
    again = wallet.reverify(r.id, online=False)
    st = check(again.report, "status")
    assert st.status == "pass" and "checked 2026-11-20" in st.message
    assert "from cache" in again.report.fetches[0]["outcome"]


def _ca_and_leaf(host: str):  # noqa: ANN202
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    def name(cn: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    start = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(name("Test Trust Anchor")).issuer_name(name("Test Trust Anchor"))
          .public_key(ca_key.public_key()).serial_number(1).not_valid_before(start)
          .not_valid_after(start + dt.timedelta(days=3650))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))
    leaf_key = ec.generate_private_key(ec.SECP256R1())
    leaf = (x509.CertificateBuilder().subject_name(name(host)).issuer_name(ca.subject)
            .public_key(leaf_key.public_key()).serial_number(2).not_valid_before(start)
            .not_valid_after(start + dt.timedelta(days=365))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    return ca, leaf, leaf_key


def test_sd_jwt_issuer_key_from_x5c_and_from_issuer_metadata() -> None:
    from cryptography.hazmat.primitives.serialization import Encoding

    from wallet.crypto import publickeys as keys_mod

    ca, leaf, leaf_key = _ca_and_leaf("issuer.example")
    payload = {"iss": "https://issuer.example", "vct": "https://issuer.example/vct/x", "iat": 1767225600,
               "given_name": "Ada", "_sd_alg": "sha-256", "_sd": []}
    x5c = [base64.b64encode(leaf.public_bytes(Encoding.DER)).decode()]
    token = signing.sign_jws({"alg": "ES256", "typ": "dc+sd-jwt", "x5c": x5c}, json.dumps(payload).encode(), leaf_key) + "~"
    parsed = detect.parse(token.encode(), "x5c")
    trusted = TrustList(parse_entries([{"id": "https://issuer.example", "name": "Example issuer",
                                        "x5c_root": ca.public_bytes(Encoding.PEM).decode()}]))
    ok = engine.verify(parsed, VerifyContext(clock=lambda: NOW, trust=trusted))
    assert check(ok, "signature").status == "pass" and check(ok, "issuer_trust").status == "pass"
    untrusted = engine.verify(parsed, VerifyContext(clock=lambda: NOW))
    assert check(untrusted, "signature").status == "skipped" and "no trusted root" in check(untrusted, "signature").message
    # issuer metadata, online (served from memory here)
    meta = {"issuer": "https://issuer.example", "jwks": {"keys": [dict(keys_mod.to_jwk(leaf_key.public_key()), kid="k1")]}}
    token2 = signing.sign_jws({"alg": "ES256", "typ": "dc+sd-jwt", "kid": "k1"}, json.dumps(payload).encode(), leaf_key) + "~"
    fetcher = StatusFetcher({"https://issuer.example/.well-known/jwt-vc-issuer": json.dumps(meta).encode()})
    online = engine.verify(detect.parse(token2.encode(), "meta"), VerifyContext(clock=lambda: NOW, fetcher=fetcher))
    assert check(online, "signature").status == "pass"
    offline = engine.verify(detect.parse(token2.encode(), "meta"), VerifyContext(clock=lambda: NOW))
    assert check(offline, "signature").status == "skipped" and "online checks are off" in check(offline, "signature").message


@pytest.mark.parametrize("case", ["employ", "prc"])
def test_ecdsa_sd_2023_derived_proof_step_by_step(case: str) -> None:
    import hashlib

    from wallet.crypto import dataintegrity, ecdsa_sd, sd_primitives
    from wallet.crypto import publickeys as keys_mod
    from wallet.crypto.did import KeyResolver
    from wallet.crypto.jsonld import DocumentLoader, canonical_nquads

    base = CORPUS / "w3c-vc-di-ecdsa/TestVectors/ecdsa-sd-2023" / case
    signed_doc = json.loads((base / "derivedRevealDocument.json").read_text())
    proof = signed_doc["proof"]
    doc = {k: v for k, v in signed_doc.items() if k != "proof"}
    parsed = ecdsa_sd.parse_derived(proof["proofValue"])
    expected = json.loads((base / "verifyDerivedProofValue.json").read_text())
    assert parsed.base_signature.hex() == expected["baseSignature"]
    assert keys_mod.multibase_encode(parsed.public_key) == expected["publicKey"]
    assert [s.hex() for s in parsed.signatures] == expected["signatures"]
    loader = DocumentLoader()
    assert sd_primitives.relabelled_nquads(doc, loader, parsed.label_map) == json.loads((base / "verifyNQuads.json").read_text())
    config = canonical_nquads(dataintegrity.proof_config(doc, proof), loader)
    assert hashlib.sha256(config.encode()).hexdigest() == json.loads((base / "verifyCreateVerifyData.json").read_text())["proofHash"]
    key = KeyResolver().resolve(proof["verificationMethod"]).key
    assert ecdsa_sd.verify_derived(doc, proof, config, key, loader)[0]
    # one disclosed statement changed: its ephemeral signature no longer matches
    tampered = json.loads(json.dumps(doc))

    def change_first_value(node) -> bool:  # noqa: ANN001
        for k, v in list(node.items()):
            if k in ("id", "type", "@context"):
                continue
            if isinstance(v, str):
                node[k] = v + " (changed)"
                return True
            if isinstance(v, dict) and change_first_value(v):
                return True
        return False

    assert change_first_value(tampered["credentialSubject"])
    ok, why = ecdsa_sd.verify_derived(tampered, proof, config, key, loader)
    assert not ok, why
