"""bbs-2023 and the BBS scheme under it, against the W3C vc-di-bbs vectors (baseline, no holder binding
or pseudonyms): the ciphersuite constants, the base proof's transformation, the holder's signature
check, the verifier's proof check, and everything that must make them fail."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

import pytest

from wallet.crypto import bbs, bbs2023, dataintegrity, sd_primitives
from wallet.crypto import signing
from wallet.crypto import publickeys as keys
from wallet.crypto.did import KeyResolver
from wallet.crypto.jsonld import DocumentLoader, canonical_nquads
from wallet.formats import detect
from wallet.verify import engine
from wallet.verify.engine import VerifyContext

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
V = CORPUS / "w3c-vc-di-bbs" / "TestVectors"
LOADER = DocumentLoader(inline_contexts=True)  # the W3C vectors use inline @vocab contexts


def vec(name: str):  # noqa: ANN201
    return json.loads((V / name).read_text())


def unsecured(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "proof"}


def config(doc: dict) -> str:
    return canonical_nquads(dataintegrity.proof_config(doc, doc["proof"]), LOADER)


def test_ciphersuite_point_p1_is_derived_as_the_draft_says() -> None:
    """P1 is create_generators(1) from the BP seed: this checks expand_message_xmd and hash_to_curve G1."""
    p = bbs.create_generators(1, seed_name=b"BP_MESSAGE_GENERATOR_SEED")[0]
    assert bbs.point_to_octets(p).hex() == bbs.P1_HEX
    # generators are cached but the same whichever count is asked first
    assert bbs.create_generators(3)[:2] == bbs.create_generators(2)


def test_base_proof_transformation_and_signature() -> None:
    material = vec("BBSKeyMaterial.json")
    signed = vec("addSignedSDBase.json")
    doc = unsecured(signed)
    hmac_key = bytes.fromhex(material["hmacKeyString"])
    grouped = sd_primitives.canonicalize_and_group(doc, bbs2023.shuffled_labeler(hmac_key),
                                                   {"mandatory": vec("windMandatory.json")}, LOADER)
    assert grouped.nquads == vec("addBaseDocHMACCanon.json")
    transform = vec("addBaseTransform.json")
    g = grouped.groups["mandatory"]
    assert [[i, q] for i, q in sorted(g.matching.items())] == transform["mandatory"]["value"]
    assert [[i, q] for i, q in sorted(g.non_matching.items())] == transform["nonMandatory"]["value"]
    hashes = vec("addHashData.json")
    assert hashlib.sha256(config(signed).encode()).hexdigest() == hashes["proofHash"]
    mandatory = [g.matching[i] for i in sorted(g.matching)]
    assert hashlib.sha256("".join(mandatory).encode()).hexdigest() == hashes["mandatoryHash"]
    signature, header, pk, hk, pointers = bbs2023.FORMAT.items(signed["proof"]["proofValue"], bbs2023.BASE)
    assert signature.hex() == vec("addRawBaseSignatureInfo.json")["bbsSignature"]
    assert pk.hex() == material["publicKeyHex"] and hk == hmac_key and pointers == vec("windMandatory.json")
    messages = [g.non_matching[i].encode() for i in sorted(g.non_matching)]
    assert bbs.verify_signature(pk, signature, header, messages)
    assert not bbs.verify_signature(pk, signature, header, [messages[0] + b" "] + messages[1:])
    assert not bbs.verify_signature(pk, signature, header[:-1] + b"\0", messages)
    key = KeyResolver().resolve(signed["proof"]["verificationMethod"]).key
    assert bbs2023.verify_base(doc, signed["proof"], config(signed), key, LOADER)[0]
    changed = copy.deepcopy(doc)
    changed["credentialSubject"]["sails"][0]["size"] = 9.9
    assert not bbs2023.verify_base(changed, signed["proof"], config(signed), key, LOADER)[0]


def test_derived_proof_step_by_step() -> None:
    revealed = vec("derivedRevealDocument.json")
    assert unsecured(revealed) == vec("derivedUnsignedReveal.json")
    disclosure = vec("derivedDisclosureData.json")
    proof, labels, mandatory_idx, selective_idx, ph = bbs2023.FORMAT.items(revealed["proof"]["proofValue"], bbs2023.DERIVED)
    assert proof.hex() == disclosure["bbsProof"]
    assert [[f"c14n{k}", f"b{v}"] for k, v in labels.items()] == disclosure["labelMap"]["value"]
    assert mandatory_idx == disclosure["mandatoryIndexes"] and selective_idx == disclosure["adjSelectiveIndexes"]
    assert ph.hex() == vec("BBSDeriveMaterial.json")["presentationHeaderHex"]
    key = KeyResolver().resolve(revealed["proof"]["verificationMethod"]).key
    assert keys.describe(key) == "BLS12-381 G2"
    ok, why = bbs2023.verify_derived(unsecured(revealed), revealed["proof"], config(revealed), key, LOADER)
    assert ok, why
    # a disclosed value changed; the proof itself changed; another presentation header
    changed = copy.deepcopy(unsecured(revealed))
    changed["credentialSubject"]["sails"][0]["sailName"] = "Kihei"
    assert not bbs2023.verify_derived(changed, revealed["proof"], config(revealed), key, LOADER)[0]
    raw = bytearray(keys.b64u_decode(revealed["proof"]["proofValue"][1:]))
    for pos in (40, len(raw) - 12):
        bad = bytearray(raw)
        bad[pos] ^= 1
        proof = dict(revealed["proof"], proofValue="u" + keys.b64u_encode(bytes(bad)))
        try:
            assert not bbs2023.verify_derived(unsecured(revealed), proof, config(revealed), key, LOADER)[0]
        except ValueError:
            pass  # no longer a well-formed proof value: refused just the same
    assert not bbs.verify_proof(key.raw, proof_bytes := bytes.fromhex(disclosure["bbsProof"]),
                                b"other header", ph, [b"x"] * len(selective_idx), selective_idx)
    with pytest.raises(bbs.BbsError):
        bbs.verify_proof(key.raw, proof_bytes[:-1], b"", ph, [], [])


@pytest.mark.parametrize("name", ["addSignedSDBase.json", "derivedRevealDocument.json"])
def test_engine_checks_bbs_credentials(name: str) -> None:
    """The W3C vectors' signatures hold, but their inline @vocab context could rename anything a person
    reads, so the wallet refuses to show them as credentials (they are `valid-crypto-only` in the corpus)."""
    doc = json.loads((V / name).read_bytes())
    r = dataintegrity.verify_proof(doc, doc["proof"], [doc["proof"]], KeyResolver(), LOADER)
    assert r.status == "pass" and "bbs-2023" in r.message
    report = engine.verify(detect.parse((V / name).read_bytes(), name), VerifyContext())
    fmt = next(c for c in report.checks if c.id == "format")
    assert report.status == "invalid" and "context credwallet does not recognise" in fmt.message


@pytest.mark.parametrize("variant", ["Pseudonym", "PseudonymHB"])
def test_pseudonyms_are_reported_not_supported(variant: str) -> None:
    doc = json.loads((V / variant / "derivedRevealDocument.json").read_text())
    r = dataintegrity.verify_proof(doc, doc["proof"], [doc["proof"]], KeyResolver(), LOADER)
    assert r.status == "skipped" and "not supported" in r.message


def test_anonymous_holder_binding_blind_proof(monkeypatch: pytest.MonkeyPatch) -> None:
    """The HolderBinding vector's derived proof is a blind BBS proof (the holder's secret stays hidden).
    Its document needs a context the corpus lacks (vdl), so its canonical statements and proof options
    come from the vector's own intermediate files; everything after that runs for real."""
    hb = V / "HolderBinding"
    doc = json.loads((hb / "derivedRevealDocument.json").read_text())
    nquads = json.loads((hb / "verifyNQuads.json").read_text())
    config_canon = (hb / "addProofConfigCanon.txt").read_text()
    key = KeyResolver().resolve(doc["proof"]["verificationMethod"]).key
    monkeypatch.setattr(sd_primitives, "relabelled_nquads", lambda d, loader, labels: list(nquads))
    ok, why = bbs2023.verify_derived(unsecured(doc), doc["proof"], config_canon, key, LOADER)
    assert ok and "derived proof" in why, why
    altered = list(nquads)
    i = next(n for n, q in enumerate(altered) if '"' in q)
    altered[i] = altered[i].replace('"', '"altered ', 1)  # one value changed
    monkeypatch.setattr(sd_primitives, "relabelled_nquads", lambda d, loader, labels: list(altered))
    assert not bbs2023.verify_derived(unsecured(doc), doc["proof"], config_canon, key, LOADER)[0]
    assert not bbs2023.verify_derived(unsecured(doc), doc["proof"], config_canon + " ", key, LOADER)[0]
    from wallet.crypto import selective

    assert selective.is_derived(doc)
    base = json.loads((hb / "addSignedSDBase.json").read_text())
    assert "holder's secret" in (bbs2023.unsupported_feature(base["proof"]["proofValue"]) or "")


def test_sign_reproduces_the_vector_signature() -> None:
    """BBS signing is deterministic: with the vector's key the signature comes out byte for byte."""
    material = vec("BBSKeyMaterial.json")
    sk = int(material["privateKeyHex"], 16)
    assert signing.bbs_public_key(sk).hex() == material["publicKeyHex"]
    signed = vec("addSignedSDBase.json")
    ours = signing.add_bbs2023_base_proof(unsecured(signed), sk, signed["proof"]["verificationMethod"],
                                  created=signed["proof"]["created"], mandatory_pointers=vec("windMandatory.json"),
                                  loader=LOADER, hmac_key=bytes.fromhex(material["hmacKeyString"]))
    assert ours == signed  # the whole base proof value included


def test_derive_step_by_step_and_round_trip() -> None:
    """Everything but the proof's random blinding matches the vectors; the proof verifies."""
    signed = vec("addSignedSDBase.json")
    ph = bytes.fromhex(vec("BBSDeriveMaterial.json")["presentationHeaderHex"])
    d = bbs2023.derive(signed, vec("windSelective.json"), LOADER, presentation_header=ph)
    groups = vec("derivedGroupIndexes.json")
    assert (d.combined_indexes, d.mandatory_indexes, d.non_mandatory_indexes, d.selective_indexes) == (
        groups["combinedIndexes"], groups["mandatoryIndexes"], groups["nonMandatoryIndexes"], groups["selectiveIndexes"])
    adjusted = vec("derivedAdjIndexes.json")
    assert d.adjusted_mandatory == adjusted["adjMandatoryIndexes"]
    assert d.adjusted_selective == adjusted["adjSelectiveIndexes"]
    assert list(d.label_map.items()) == [tuple(x) for x in vec("derivedDisclosureData.json")["labelMap"]["value"]]
    assert unsecured(d.document) == vec("derivedUnsignedReveal.json")
    key = KeyResolver().resolve(signed["proof"]["verificationMethod"]).key
    doc = d.document
    assert bbs2023.verify_derived(unsecured(doc), doc["proof"], config(doc), key, LOADER)[0]
    # two derivations of the same disclosure are unlinkable: different proof bytes, both valid
    again = bbs2023.derive(signed, vec("windSelective.json"), LOADER, presentation_header=ph).document
    assert again["proof"]["proofValue"] != doc["proof"]["proofValue"]
    assert bbs2023.verify_derived(unsecured(again), again["proof"], config(again), key, LOADER)[0]


def test_oversized_proofs_are_refused_before_any_work(monkeypatch: pytest.MonkeyPatch) -> None:
    pk = bytes.fromhex(vec("BBSKeyMaterial.json")["publicKeyHex"])
    huge = bytes(3 * bbs.POINT_LEN + (4 + bbs.MAX_MESSAGES + 1) * bbs.SCALAR_LEN)

    def work(*_a, **_k):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("curve arithmetic ran before the size bound")

    with monkeypatch.context() as m:  # "before any work": no point decoded, no generator, no hash, no pairing
        for name in ("octets_to_pubkey", "octets_to_g1", "create_generators", "messages_to_scalars", "_pairing_is_one"):
            m.setattr(bbs, name, work)
        with pytest.raises(bbs.BbsError, match="too many"):
            bbs.verify_proof(pk, huge, b"", b"", [], [])
        with pytest.raises(bbs.BbsError, match="too many"):
            bbs.verify_signature(pk, bytes(80), b"", [b""] * (bbs.MAX_MESSAGES + 1))
        with pytest.raises(AssertionError, match="before the size bound"):  # the guard does see real work
            bbs.verify_signature(pk, bytes(80), b"", [b""] * bbs.MAX_MESSAGES)
    with pytest.raises(bbs.BbsError, match="repeated or out of range"):
        bbs.verify_proof(pk, bytes(3 * bbs.POINT_LEN + 4 * bbs.SCALAR_LEN), b"", b"", [b"a"], [5])
