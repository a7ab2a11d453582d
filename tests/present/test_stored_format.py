"""Sharing reads a stored credential by the format the store recorded (``formats.parse_as``), not by a
detection walk.  The attack: a record whose recorded format and bytes disagree (a bad disk, a hand-edited
database, a detector that changed between versions) must be read as any input is, so that nothing is
shared that today's wallet would refuse, and a selectively disclosable credential never leaves with its
base proof because its record named it something else."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from tests.present.test_present import AUD, NONCE, SD_CERT, employer, ids
from wallet.errors import WalletError
from wallet.formats import VC_JSON_FORMATS, detect, parse_as
from wallet.present.verifier import verify_presentation

FORMATS = (*VC_JSON_FORMATS, "ob2", "vc-jwt", "sd-jwt-vc", "pdf", "no-such-format")


@contextmanager
def recorded(wallet, cid: str, *, fmt: str | None = None,  # noqa: ANN001
             original: bytes | None = None) -> Iterator[None]:
    """What an attacker with the database (or a bad disk) does to one record, undone afterwards."""
    row = wallet.store.db.execute("SELECT format, original FROM credentials WHERE id = ?", (cid,)).fetchone()
    with wallet.store.transaction() as db:
        db.execute("UPDATE credentials SET format = ?, original = ? WHERE id = ?",
                   (fmt or row[0], original if original is not None else bytes(row[1]), cid))
    try:
        yield
    finally:
        with wallet.store.transaction() as db:
            db.execute("UPDATE credentials SET format = ?, original = ? WHERE id = ?", (row[0], row[1], cid))


def _log_size(wallet) -> int:  # noqa: ANN001
    return len(wallet.disclosure_log())


def test_a_stored_vc_is_read_by_its_format_alone(demo, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    stored = [demo.get(s.id) for s in demo.credentials()]
    vc_json = [c for c in stored if c.format in VC_JSON_FORMATS and c.original.lstrip()[:1] == b"{"]
    assert len(vc_json) >= 4  # the demo's plain OB 3.0, ecdsa-sd, bbs, CLR and Blockcerts credentials
    expected = {c.id: detect.parse(c.original, c.id) for c in stored}

    def no_detection(*_a: object, **_k: object) -> None:
        raise AssertionError("detection walk on a credential whose format is known")

    monkeypatch.setattr(detect, "parse", no_detection)
    for c in vc_json:
        got = parse_as(c.format, c.original, c.id, c.normalized)
        assert got.format == c.format == expected[c.id].format
        assert got.payload == expected[c.id].payload
        assert got.normalized is c.normalized  # the stored view (read from what the proof covered), not re-read
    monkeypatch.undo()
    for c in stored:  # every other format (baked images, tokens, the PDF) is read as detection reads it
        got = parse_as(c.format, c.original, c.id, c.normalized)
        assert (got.format, got.payload) == (expected[c.id].format, expected[c.id].payload), c.format


@pytest.mark.parametrize("fmt", FORMATS)
def test_bytes_that_disagree_with_their_recorded_format_read_as_detection_reads_them(
        demo, fmt: str) -> None:  # noqa: ANN001
    for s in demo.credentials():
        c = demo.get(s.id)
        if c.format == fmt:
            continue
        truth = detect.parse(c.original, c.id)
        got = parse_as(fmt, c.original, c.id, c.normalized)
        assert (got.format, got.payload) == (truth.format, truth.payload), (c.format, fmt)
        assert got.normalized is not c.normalized  # a record that lies about its format keeps no stored view


@pytest.mark.parametrize("data", [b"", b"   ", b"{not json", b'{"a": 1, "a": 2}', b"[1, 2]",
                                  b'{"@context": ["https://www.w3.org/ns/credentials/v2"], "type": "X"',
                                  b"\xff\xfe{}", b"[" * 5000 + b"]" * 5000])
def test_broken_bytes_under_a_vc_format_are_bad_input(demo, data: bytes) -> None:  # noqa: ANN001
    known = demo.get(ids(demo)["Data Analysis with Python"]).normalized
    for fmt in VC_JSON_FORMATS:
        with pytest.raises(WalletError) as got:
            parse_as(fmt, data, "stored-1", known)
        assert got.value.path == "stored-1"
        with pytest.raises(type(got.value)):
            detect.parse(data, "stored-1")


def test_a_jwt_recorded_as_ob3_is_shared_as_today(demo) -> None:  # noqa: ANN001
    cid = ids(demo)["vc-jwt"]
    with recorded(demo, cid, fmt="ob3"):
        shared = demo.present([cid], audience=AUD, nonce=NONCE)
    vp = json.loads(shared.text)
    assert vp["verifiableCredential"][0]["id"].startswith("data:application/vc+jwt,")  # enveloped, as today
    res = verify_presentation(shared.text, employer(), audience=AUD, nonce=NONCE)
    assert res.status == "verified", [c.to_json() for c in res.checks if c.status != "pass"]


def test_a_selective_credential_recorded_as_whole_still_hides_its_base_proof(demo) -> None:  # noqa: ANN001
    cred = demo.get(ids(demo)[SD_CERT])
    base = json.loads(cred.original)["proof"]["proofValue"]
    for fmt in ("clr2", "vc", "ob2", "vc-jwt"):  # a record naming another VC family, or no VC at all
        with recorded(demo, cred.id, fmt=fmt):
            shared = demo.present([cred.id], audience=AUD, nonce=NONCE)
        item = json.loads(shared.text)["verifiableCredential"][0]
        assert item["proof"]["proofValue"] != base and base not in shared.text, fmt
        assert "amira.haddad@example.org" not in shared.text  # the privacy-preserving default still applies
        assert shared.disclosed[0]["disclosed"] != "whole credential"
        res = verify_presentation(shared.text, employer(), audience=AUD, nonce=NONCE)
        assert res.status == "verified", (fmt, [c.to_json() for c in res.checks if c.status != "pass"])


def test_a_hosted_badge_recorded_as_ob3_is_refused_as_today(demo) -> None:  # noqa: ANN001
    cid = ids(demo)["Data Analysis with Python"]
    hosted = {"@context": "https://w3id.org/openbadges/v2", "type": "Assertion", "id": "https://x.example/a/1",
              "recipient": {"type": "email", "identity": "a@example.org", "hashed": False},
              "badge": "https://x.example/b/1", "verification": {"type": "hosted"}, "issuedOn": "2024-01-01"}
    before = _log_size(demo)
    with recorded(demo, cid, original=json.dumps(hosted).encode()), \
            pytest.raises(WalletError, match="its issuer did not sign it"):
        demo.present([cid], audience=AUD, nonce=NONCE)
    assert _log_size(demo) == before  # nothing shared, nothing logged


def test_garbage_recorded_as_ob3_is_a_clear_error_naming_the_record(demo) -> None:  # noqa: ANN001
    cid = ids(demo)["Data Analysis with Python"]
    before = _log_size(demo)
    with recorded(demo, cid, original=b'{"@context": ["https://www.w3.org/ns/credentials/v2"], "name": '), \
            pytest.raises(WalletError) as got:
        demo.present([cid], audience=AUD, nonce=NONCE)
    assert got.value.path == cid and "JSON" in str(got.value)
    assert _log_size(demo) == before


def test_a_blockcerts_v2_certificate_with_a_vc_context_reads_as_detection_reads_it() -> None:
    """A Blockcerts v2 certificate that also names the VC context (as 2.1 certificates do) is a Merkle-receipt
    certificate, not a VC: read by its recorded format it must stay what detection made of it (a VC reading
    would put it in a presentation that detection's reading refuses)."""
    from tests.conftest import CORPUS
    from wallet.formats import vc

    cert = json.loads((CORPUS / "blockcerts-cert-schema/examples/2.0/bbba8553-8ec1-445f-82c9-a57251dd731c.json")
                      .read_text("utf-8"))
    cert["@context"] = ["https://www.w3.org/2018/credentials/v1", *cert["@context"]]
    cert["type"] = ["VerifiableCredential", cert["type"]]
    data = json.dumps(cert).encode()
    assert vc.is_vc(cert) and vc.family(cert) == "blockcerts"  # the premise: it also looks like a VC
    seen = detect.parse(data, "cert.json")
    assert (seen.format, seen.payload["kind"]) == ("blockcerts", "blockcerts-v2")
    again = parse_as("blockcerts", data, "cert.json", seen.normalized)
    assert (again.format, again.payload["kind"]) == ("blockcerts", "blockcerts-v2")
