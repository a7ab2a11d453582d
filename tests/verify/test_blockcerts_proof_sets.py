"""Blockcerts v3 certificates with several proofs: each Merkle receipt is checked against the document as
it stood when the receipt was made (without proofs, or with only the proofs before it), every other proof
of the set is checked too, and edits that the receipts do not cover are caught."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

from tests.conftest import CORPUS
from wallet.crypto.dataintegrity import proofs_of
from wallet.crypto.jsonld import DocumentLoader
from wallet.formats import detect
from wallet.verify import blockcerts, engine
from wallet.verify.engine import VerifyContext

V3 = CORPUS / "blockcerts-cert-verifier-js" / "test" / "fixtures" / "v3"
NOW = dt.datetime(2026, 11, 25, tzinfo=dt.timezone.utc)
NON_CHAINED = "example-non-chained-proofs.json"  # an issuer signature, then a Merkle receipt beside it
TWO_RECEIPTS = "mocknet-vc-v2-data-integrity-proof-multiple-signatures-non-chained.json"

pytestmark = pytest.mark.skipif(not V3.exists(), reason="the shared corpus is not here")


def load(name: str) -> dict:
    return json.loads((V3 / name).read_text("utf-8"))


def signature(doc: dict):  # noqa: ANN201
    """The engine's signature check.  Some Blockcerts fixtures carry an inline @context, which the wallet
    refuses to show (test_inline_context_fixtures_are_refused); their Merkle logic is checked here with a
    loader that allows it, as the W3C step-by-step tests do."""
    ctx = VerifyContext(clock=lambda: NOW)
    if any(not isinstance(c, str) for c in doc.get("@context", [])):
        ctx.loader = DocumentLoader(ctx.fetcher, inline_contexts=True)
    report = engine.verify(detect.parse(json.dumps(doc).encode(), "cert.json"), ctx)
    return next(c for c in report.checks if c.id == "signature"), report


def test_inline_context_fixtures_are_refused() -> None:
    report = engine.verify(detect.parse((V3 / TWO_RECEIPTS).read_bytes(), "cert.json"), VerifyContext(clock=lambda: NOW))
    fmt = next(c for c in report.checks if c.id == "format")
    assert report.status == "invalid" and "context credwallet does not recognise" in fmt.message


def test_receipt_after_a_signature_covers_that_signature() -> None:
    doc = load(NON_CHAINED)
    proofs = proofs_of(doc)
    assert [blockcerts.is_merkle(p) for p in proofs] == [False, True]
    ctx = VerifyContext(clock=lambda: NOW)
    assert blockcerts.verify_merkle(doc, 1, proofs, ctx).status == "pass"
    sig, report = signature(doc)
    # the receipt holds; the secp256k1 signature beside it is honestly reported as not checked, never as passed
    assert sig.status == "skipped" and "1 of 2 proofs not checked" in sig.message, sig.message
    assert report.status != "invalid"
    assert next(c for c in report.checks if c.id == "anchor").status == "skipped"


def test_every_receipt_of_a_set_is_checked() -> None:
    doc = load(TWO_RECEIPTS)
    sig, _ = signature(doc)
    assert sig.status == "pass" and "all 2 proofs" in sig.message


@pytest.mark.parametrize("name", [NON_CHAINED, TWO_RECEIPTS])
def test_content_edit_is_caught(name: str) -> None:
    doc = load(name)
    doc["credentialSubject"]["name"] = "Doctor of Medicine"
    sig, report = signature(doc)
    assert sig.status == "fail" and "does not match its Merkle receipt" in sig.message
    assert report.status == "invalid"


def test_dropping_the_proof_a_receipt_was_made_after_is_caught() -> None:
    """The receipt hashed the document together with the signature before it: strip or swap that signature
    (to hide who signed, or to put another signer there) and the receipt no longer matches."""
    doc = load(NON_CHAINED)
    receipt_only = copy.deepcopy(doc)
    receipt_only["proof"] = [doc["proof"][1]]
    swapped = copy.deepcopy(doc)
    swapped["proof"][0]["verificationMethod"] = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#x"
    reordered = copy.deepcopy(doc)
    reordered["proof"] = doc["proof"][::-1]
    for bad in (receipt_only, swapped, reordered):
        sig, report = signature(bad)
        assert sig.status == "fail" and report.status == "invalid", (sig.message, bad["proof"])


def test_second_receipt_depends_on_the_first() -> None:
    doc = load(TWO_RECEIPTS)
    first_removed = copy.deepcopy(doc)
    first_removed["proof"] = [doc["proof"][1]]
    sig, _ = signature(first_removed)
    assert sig.status == "fail"


def test_proof_set_is_bounded() -> None:
    doc = load(TWO_RECEIPTS)
    doc["proof"] = doc["proof"] * (blockcerts.MAX_PROOFS // 2 + 1)
    sig, report = signature(doc)
    assert sig.status == "fail" and "at most" in sig.message and report.status == "invalid"
