"""Bitstring status purposes: a set revocation bit is "revoked", a set suspension bit "suspended"; a set bit
for a purpose that says nothing about validity (refresh, message) never fails the credential; an entry whose
type is written as a one-item list is read like the plain one."""

from __future__ import annotations

import json

import pytest

from tests import factory
from tests.factory import ob3, signed
from tests.verify.test_engine import StatusFetcher
from wallet.formats import detect
from wallet.verify import engine
from wallet.verify.engine import VerifyContext

URL = "https://status.example/lists/purposes"


def _list(purpose: str, index: int) -> bytes:
    return factory.status_list_bytes(URL, {index}, purpose=purpose)


def _status(purpose: str, index: int, set_bit: int, entry_type: object = "BitstringStatusListEntry"):  # noqa: ANN202
    cred = signed(ob3(300 + index, extra={"credentialStatus": {
        "id": f"{URL}#{index}", "type": entry_type, "statusPurpose": purpose,
        "statusListIndex": str(index), "statusListCredential": URL}}))
    report = engine.verify(detect.parse(json.dumps(cred).encode(), "s.json"),
                           VerifyContext(fetcher=StatusFetcher({URL: _list(purpose, set_bit)})))
    return next(c for c in report.checks if c.id == "status"), report


@pytest.mark.parametrize(("purpose", "word"), [("revocation", "revoked"), ("suspension", "suspended")])
def test_purposes_that_end_validity(purpose: str, word: str) -> None:
    st, report = _status(purpose, 9, set_bit=9)
    assert st.status == "fail" and st.message.startswith(f"{word} by the issuer") and report.status == "invalid"
    st, _ = _status(purpose, 10, set_bit=9)
    assert st.status == "pass" and st.message.startswith(f"not {word}")


@pytest.mark.parametrize("purpose", ["refresh", "message"])
def test_other_purposes_never_fail_a_credential(purpose: str) -> None:
    st, report = _status(purpose, 9, set_bit=9)
    assert st.status == "skipped" and purpose in st.message and report.status != "invalid"


def test_a_type_written_as_a_list_is_read() -> None:
    st, _ = _status("revocation", 9, set_bit=9, entry_type=["BitstringStatusListEntry"])
    assert st.status == "fail" and st.message.startswith("revoked")
