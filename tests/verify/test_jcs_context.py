"""JCS suites (eddsa-jcs-2022, ecdsa-jcs-2019) sign the JSON itself, proof options included: a proof
carries the document's @context ("Create Proof"), is checked with its options exactly as carried ("Verify
Proof"), and an @context the proof did not sign is refused (it would decide what every field means)."""

from __future__ import annotations

import copy

from tests import factory
from wallet.crypto import dataintegrity
from wallet.crypto.signing import sign_data_integrity
from wallet.crypto.did import KeyResolver
from wallet.crypto.jsonld import DocumentLoader


def _verify(doc: dict) -> dataintegrity.ProofResult:
    proof = doc["proof"]
    return dataintegrity.verify_proof(doc, proof, [proof], KeyResolver(), DocumentLoader())


def test_jcs_proof_carries_and_signs_the_documents_context() -> None:
    cred = sign_data_integrity(factory.ob3(1), factory.KEY, factory.VM, cryptosuite="eddsa-jcs-2022",
                              created="2026-01-01T00:00:00Z", loader=DocumentLoader())
    assert cred["proof"]["@context"] == cred["@context"]
    assert _verify(cred).status == "pass"

    # the proof's @context taken away: its options no longer hash to what was signed
    bare = copy.deepcopy(cred)
    del bare["proof"]["@context"]
    assert _verify(bare).status == "fail"

    # a context appended to the document (the proof signed only the first two): refused, not "pass"
    extended = copy.deepcopy(cred)
    extended["@context"] = [*cred["@context"], "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"]
    res = _verify(extended)
    assert res.status == "fail" and "not the one its JCS proof signed" in res.message
