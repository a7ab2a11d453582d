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
    # the same list, as a credential the issuer signed, is believed
    payload = {"@context": ["https://www.w3.org/ns/credentials/v2"], "id": url, "type": ["VerifiableCredential"],
               "issuer": factory.DID, "validFrom": "2026-01-01T00:00:00Z",
               "credentialSubject": {"id": f"{url}#list", "revokedCredentials": [{"id": cid}]}}
    token = signing.sign_jws({"alg": "EdDSA", "typ": "vc+jwt", "kid": factory.VM}, _dumps(payload), factory.KEY)
    st, _ = _verify(token, json.dumps(cred).encode(), url=url)
    assert st.status == "fail" and st.message.startswith("revoked by the issuer"), st
