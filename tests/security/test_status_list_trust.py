"""Status lists are believed only when the credential's issuer vouches for them.

Whoever answers a status list URL (a compromised host, a man in the middle, a cache) serves a list of their
choosing.  Each attack starts from a credential the test issuer really signed, with a revocation entry whose
bit the issuer really set; the attacker then serves a list that says "not revoked" (or an outdated,
mismatched or foreign one).  None of them may yield a "not revoked" pass: the check is skipped and says why.
The genuine list, served the same way, is read (controls, so every assertion could fail).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests import factory
from tests.security._helpers import NOW, did_key, ed_key, vm_of
from tests.verify.test_engine import StatusFetcher
from wallet.crypto import publickeys as keys
from wallet.crypto import signing
from wallet.formats import detect
from wallet.model import Check, VerificationReport
from wallet.verify import engine
from wallet.verify.engine import VerifyContext

URL = "https://status.example/lists/3"
INDEX = 42
MALLORY = ed_key("status list attacker")


def _credential(purpose: str = "revocation", url: str = URL) -> bytes:
    cred = factory.signed(factory.ob3(700, "Revoked badge", extra={"credentialStatus": {
        "id": f"{url}#{INDEX}", "type": "BitstringStatusListEntry", "statusPurpose": purpose,
        "statusListIndex": str(INDEX), "statusListCredential": url}}))
    return json.dumps(cred).encode()


def _verify(served: bytes | str, cred: bytes | None = None, url: str = URL) -> tuple[Check, VerificationReport]:
    body = served.encode() if isinstance(served, str) else served
    report = engine.verify(detect.parse(cred or _credential(url=url), "c.json"),
                           VerifyContext(clock=lambda: NOW, fetcher=StatusFetcher({url: body})))
    return next(c for c in report.checks if c.id == "status"), report


def _dumps(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc).encode()


def test_the_genuine_lists_are_read() -> None:
    st, report = _verify(factory.status_list_bytes(URL, {INDEX}))
    assert st.status == "fail" and st.message.startswith("revoked by the issuer") and report.status == "invalid"
    st, report = _verify(factory.status_list_bytes(URL, set()))
    assert st.status == "pass" and st.message.startswith("not revoked")
    assert [f["url"] for f in report.fetches] == [URL]  # one fetch: the list's own status is not followed


def _not_passed(st: Check, why: str) -> None:
    assert st.status == "skipped", st
    assert st.message.startswith("revocation not checked: ") and why in st.message, st.message


def test_an_unsigned_list_is_not_believed() -> None:
    st, report = _verify(_dumps(factory.status_list(URL, set(), sign=False)))
    _not_passed(st, "not signed by its issuer")
    assert report.status != "verified"


def test_a_list_with_the_revoked_bit_cleared_after_signing() -> None:
    genuine = factory.status_list(URL, {INDEX})
    cleared = factory.status_list(URL, set(), sign=False)
    forged = {**genuine, "credentialSubject": cleared["credentialSubject"]}  # the issuer's proof, the attacker's bits
    st, _ = _verify(_dumps(forged))
    _not_passed(st, "not signed by its issuer")


def test_a_list_signed_by_another_issuer() -> None:
    mallory = did_key(MALLORY)
    forged = factory.status_list(URL, set(), issuer=mallory, key=MALLORY, vm=vm_of(mallory))
    st, _ = _verify(_dumps(forged))
    _not_passed(st, f"issued by {mallory[:60]}, not by the credential's issuer")


def test_a_list_naming_the_issuer_but_signed_with_another_key() -> None:
    mallory = did_key(MALLORY)
    forged = factory.status_list(URL, set(), key=MALLORY, vm=vm_of(mallory))  # issuer: the test issuer's DID
    st, _ = _verify(_dumps(forged))
    _not_passed(st, "not signed with a key of the credential's issuer")


@pytest.mark.parametrize(("dates", "why"), [
    ({"valid_until": "2026-06-01T00:00:00Z"}, "expired on 1 Jun 2026"),  # an old list, from before the revocation
    ({"valid_from": "2027-01-01T00:00:00Z"}, "not valid until 1 Jan 2027"),
])
def test_a_list_outside_its_validity_period(dates: dict[str, str], why: str) -> None:
    st, _ = _verify(factory.status_list_bytes(URL, set(), **dates))
    _not_passed(st, "the status list is not valid now")
    assert why in st.message


def test_the_issuers_suspension_list_served_for_its_revocation_list() -> None:
    st, _ = _verify(factory.status_list_bytes(URL, set(), purpose="suspension"))
    _not_passed(st, "the status list is for 'suspension', not 'revocation'")
    # a list for several purposes names the entry's: read
    st, _ = _verify(factory.status_list_bytes(URL, {INDEX}, purpose=["revocation", "suspension"]))
    assert st.status == "fail" and st.message.startswith("revoked")


def test_another_list_of_the_same_issuer_served_in_its_place() -> None:
    other = "https://status.example/lists/4"
    st, _ = _verify(factory.status_list_bytes(other, set()))
    _not_passed(st, f"the status list served is {other}, not {URL}")


def test_a_list_pointing_at_its_own_status_is_not_followed() -> None:
    """A list whose own credentialStatus names a list (a chain, or a loop back): the list is checked, that
    status is not followed (one fetch)."""
    other = "https://status.example/lists/of-lists"
    loop = factory.status_list(URL, {INDEX}, sign=False)
    loop["credentialStatus"] = {"id": f"{other}#0", "type": "BitstringStatusListEntry", "statusPurpose": "revocation",
                                "statusListIndex": "0", "statusListCredential": other}
    signed = signing.sign_data_integrity(loop, factory.KEY, factory.VM, created="2026-01-01T00:00:00Z",
                                         loader=factory._loader())
    st, report = _verify(_dumps(signed))
    assert st.status == "fail" and st.message.startswith("revoked")
    assert [f["url"] for f in report.fetches] == [URL]


def test_a_vc_jwt_list_signed_by_the_issuer_is_read_and_a_tampered_one_is_not() -> None:
    unsigned = factory.status_list(URL, {INDEX}, sign=False)
    token = signing.sign_jws({"alg": "EdDSA", "typ": "vc+jwt", "kid": factory.VM}, _dumps(unsigned), factory.KEY)
    st, _ = _verify(token)
    assert st.status == "fail" and st.message.startswith("revoked by the issuer")
    cleared = factory.status_list(URL, set(), sign=False)
    head, _payload, sig = token.split(".")
    forged = ".".join([head, keys.b64u_encode(_dumps(cleared)), sig])  # the issuer's signature, other bits
    st, _ = _verify(forged)
    _not_passed(st, "not signed by its issuer")


def test_something_else_served_as_the_list() -> None:
    st, _ = _verify(b"<html>not a list</html>")
    _not_passed(st, "the status list is not a credential credwallet can read")


def test_an_unsigned_1edtech_revocation_list_from_another_domain() -> None:
    url = "https://lists.example/revoked"
    cred = factory.ob3(701, extra={"credentialStatus": {"id": url, "type": "1EdTechRevocationList"}})
    cred["@context"] = [*cred["@context"], "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"]
    cred = factory.signed(cred)
    cid = cred["id"]
    listed = _dumps({"id": url, "revokedCredentials": []})
    st, _ = _verify(listed, json.dumps(cred).encode(), url=url)
    _not_passed(st, "not signed, and not published on the issuer's own domain")
    # the same unsigned list on the issuer's own domain (an https issuer) is read
    own = factory.ob3(702, extra={"credentialStatus": {"id": url, "type": "1EdTechRevocationList"},
                                  "issuer": {"id": "https://lists.example/issuer", "type": ["Profile"], "name": "Lists"}})
    own["@context"] = [*own["@context"], "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"]
    own = factory.signed(own)
    st, _ = _verify(_dumps({"id": url, "revokedCredentials": [{"id": own["id"], "revocationReason": "misconduct"}]}),
                    json.dumps(own).encode(), url=url)
    assert st.status == "fail" and st.message == "revoked by the issuer: misconduct", st
    st, _ = _verify(_dumps({"id": url, "issuer": "https://elsewhere.example", "revokedCredentials": []}),
                    json.dumps(own).encode(), url=url)
    _not_passed(st, "the revocation list is issued by https://elsewhere.example")
    # the same list, as a credential the issuer signed, is believed
    payload = {"@context": ["https://www.w3.org/ns/credentials/v2"], "id": url, "type": ["VerifiableCredential"],
               "issuer": factory.DID, "validFrom": "2026-01-01T00:00:00Z",
               "credentialSubject": {"id": f"{url}#list", "revokedCredentials": [{"id": cid}]}}
    token = signing.sign_jws({"alg": "EdDSA", "typ": "vc+jwt", "kid": factory.VM}, _dumps(payload), factory.KEY)
    st, _ = _verify(token, json.dumps(cred).encode(), url=url)
    assert st.status == "fail" and st.message.startswith("revoked by the issuer"), st


# --- SD-JWT VC: the Token Status List (draft-ietf-oauth-status-list) ----------------------------------------

TOKEN_URI = "https://status.example/tokens/9"
IAT = 1767225600  # 1 Jan 2026


def _sd_jwt_vc() -> bytes:
    payload = {"iss": factory.DID, "vct": "https://credentials.example/first-aid", "iat": IAT, "given_name": "Ada",
               "_sd_alg": "sha-256", "_sd": [], "status": {"status_list": {"idx": INDEX, "uri": TOKEN_URI}}}
    return (signing.sign_jws({"alg": "EdDSA", "typ": "dc+sd-jwt", "kid": factory.VM}, _dumps(payload), factory.KEY)
            + "~").encode()


def status_token(revoked: set[int], *, key: Any = None, kid: str | None = None, sub: str = TOKEN_URI,
                 typ: str = "statuslist+jwt", bits: int = 1, value: int = 1, **claims: Any) -> str:
    """A Status List Token of 1024 entries, the ones in ``revoked`` set to ``value`` (1 INVALID, 2 SUSPENDED)."""
    import zlib

    data = bytearray(1024 * bits // 8)
    for i in revoked:
        byte, shift = divmod(i * bits, 8)
        data[byte] |= value << shift
    payload = {"sub": sub, "iat": IAT, "status_list": {"bits": bits, "lst": keys.b64u_encode(zlib.compress(bytes(data)))},
               **claims}
    return signing.sign_jws({"alg": "EdDSA", "typ": typ, "kid": kid or factory.VM}, _dumps(payload), key or factory.KEY)


def _token_status(served: str, online: bool = True) -> Check:
    fetcher = StatusFetcher({TOKEN_URI: served.encode()})
    fetcher.online = online
    report = engine.verify(detect.parse(_sd_jwt_vc(), "vc.txt"), VerifyContext(clock=lambda: NOW, fetcher=fetcher))
    assert next(c for c in report.checks if c.id == "signature").status == "pass"
    return next(c for c in report.checks if c.id == "status")


def test_the_genuine_status_list_token_is_read() -> None:
    st = _token_status(status_token({INDEX}))
    assert st.status == "fail" and st.message == "revoked by the issuer (checked 2026-11-25)"
    st = _token_status(status_token({INDEX + 1}))
    assert st.status == "pass" and st.message == "not revoked (checked 2026-11-25)"
    st = _token_status(status_token({INDEX}, bits=2, value=2))
    assert st.status == "fail" and st.message.startswith("suspended by the issuer")
    st = _token_status(status_token({INDEX}), online=False)
    assert st.status == "skipped" and st.message == "token status list not checked (online checks are off)"


def _token_not_passed(st: Check, why: str) -> None:
    assert st.status == "skipped", st
    assert st.message.startswith("token status list not checked: ") and why in st.message, st.message


def test_a_status_list_token_signed_by_another_key() -> None:
    mallory = did_key(MALLORY)
    _token_not_passed(_token_status(status_token(set(), key=MALLORY, kid=vm_of(mallory))),
                      "not signed with a key of the credential's issuer")


def test_a_status_list_token_carrying_the_attackers_own_key() -> None:
    import base64 as b64

    jwk = keys.to_jwk(MALLORY.public_key())
    token = status_token(set(), key=MALLORY)
    head = json.loads(b64.urlsafe_b64decode(token.split(".")[0] + "=="))
    head = {**{k: v for k, v in head.items() if k != "kid"}, "jwk": jwk}
    payload = b64.urlsafe_b64decode(token.split(".")[1] + "==")
    forged = signing.sign_jws(head, payload, MALLORY)
    # the issuer's key is found (its DID): the attacker's signature does not match it
    _token_not_passed(_token_status(forged), "not signed by the issuer")


def test_a_status_list_token_with_the_bit_cleared_after_signing() -> None:
    genuine = status_token({INDEX})
    cleared = status_token(set())
    forged = ".".join([genuine.split(".")[0], cleared.split(".")[1], genuine.split(".")[2]])
    _token_not_passed(_token_status(forged), "not signed by the issuer")


def test_another_list_of_the_issuer_served_in_its_place() -> None:
    _token_not_passed(_token_status(status_token(set(), sub="https://status.example/tokens/10")),
                      f"is for https://status.example/tokens/10, not {TOKEN_URI}")


def test_an_expired_status_list_token() -> None:
    _token_not_passed(_token_status(status_token(set(), exp=IAT + 86400)), "expired on 2 Jan 2026")


def test_a_token_of_another_type_and_a_token_naming_another_issuer() -> None:
    _token_not_passed(_token_status(status_token(set(), typ="JWT")), "not a status list token")
    _token_not_passed(_token_status(status_token(set(), iss="did:example:mallory")),
                      "issued by did:example:mallory, not by the credential's issuer")
    _token_not_passed(_token_status("<html/>"), "the status list is not a JWT")
