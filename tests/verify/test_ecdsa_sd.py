"""ecdsa-sd-2023: base proofs (the issuer's, kept by the holder) and derivation (the holder's disclosure
proof for a verifier), step by step against the W3C vectors, plus round trips and tampering."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from tests.factory import ob3
from wallet.crypto import dataintegrity, ecdsa_sd, sd_primitives
from wallet.crypto import signing
from wallet.crypto import publickeys as keys
from wallet.crypto.did import KeyResolver
from wallet.crypto.jsonld import DocumentLoader, canonical_nquads

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
VECTORS = CORPUS / "w3c-vc-di-ecdsa" / "TestVectors"
CASES = {"employ": ("employMandatory.json", "employSelective.json"),
         "prc": ("prCredMandatory.json", "prCredSelective.json")}
LOADER = DocumentLoader(inline_contexts=True)  # the W3C vectors use inline @vocab contexts


def vec(case: str, name: str):  # noqa: ANN201
    path = VECTORS / "ecdsa-sd-2023" / case / name
    return path.read_text() if name.endswith(".txt") else json.loads(path.read_text())


def pointers(case: str) -> tuple[list[str], list[str]]:
    m, s = CASES[case]
    return json.loads((VECTORS / m).read_text()), json.loads((VECTORS / s).read_text())


def key_material() -> tuple[ec.EllipticCurvePrivateKey, ec.EllipticCurvePrivateKey, bytes]:
    km = json.loads((VECTORS / "ecdsa-sd-2023" / "SDKeyMaterial.json").read_text())

    def private(multibase: str) -> ec.EllipticCurvePrivateKey:
        raw = keys.multibase_decode(multibase)
        assert raw[:2] == b"\x86\x26"  # multicodec p256-priv
        return ec.derive_private_key(int.from_bytes(raw[2:], "big"), ec.SECP256R1())

    return private(km["baseKeyPair"]["secretKeyMultibase"]), private(km["proofKeyPair"]["secretKeyMultibase"]), \
        bytes.fromhex(km["hmacKeyString"])


def unsecured(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "proof"}


def config_nquads(doc: dict, proof: dict) -> str:
    return canonical_nquads(dataintegrity.proof_config(doc, proof), LOADER)


def issuer_key(doc: dict):  # noqa: ANN201
    return KeyResolver().resolve(doc["proof"]["verificationMethod"]).key


@pytest.mark.parametrize("case", sorted(CASES))
def test_base_proof_step_by_step(case: str) -> None:
    mandatory, _ = pointers(case)
    _issuer, _proof_key, hmac_key = key_material()
    signed = vec(case, "addSignedSDBase.json")
    doc = unsecured(signed)
    # the document's canonical form, then with HMAC labels
    grouped = sd_primitives.canonicalize_and_group(doc, sd_primitives.hmac_labeler(hmac_key),
                                                   {"mandatory": mandatory}, LOADER)
    plain = sd_primitives.canonical_id_map(sd_primitives.deskolemized_quads(grouped.skolemized, LOADER))
    assert sorted(plain.values()) == [f"c14n{i}" for i in range(len(plain))]
    assert grouped.nquads == vec(case, "addBaseDocHMACCanon.json")
    # the pointer values, the mandatory / non-mandatory split
    for item in vec(case, "addPointerValues.json"):
        sel = sd_primitives.select_json_ld([item["pointer"]], doc)
        assert sel is not None
        key = item["pointer"].strip("/").split("/")[-1]
        assert sel[key] == item["value"]
    transform = vec(case, "addBaseTransform.json")
    g = grouped.groups["mandatory"]
    assert [[i, q] for i, q in sorted(g.matching.items())] == transform["mandatory"]["value"]
    assert [[i, q] for i, q in sorted(g.non_matching.items())] == transform["nonMandatory"]["value"]
    # the hashes
    config = dict(vec(case, "addProofConfig.json"))
    assert canonical_nquads(config, LOADER) == vec(case, "addProofConfigCanon.txt")
    hashes = vec(case, "addHashData.json")
    assert hashlib.sha256(canonical_nquads(config, LOADER).encode()).hexdigest() == hashes["proofHash"]
    assert hashlib.sha256("".join(g.matching[i] for i in sorted(g.matching)).encode()).hexdigest() == \
        hashes["mandatoryHash"]
    # the serialized base proof holds the vectors' raw signatures, key, HMAC key and pointers
    base = ecdsa_sd.parse_base(signed["proof"]["proofValue"])
    raw = vec(case, "addRawBaseSignatureInfo.json")
    assert base.base_signature.hex() == raw["baseSignature"]
    assert keys.multibase_encode(base.public_key) == raw["publicKey"]
    assert [s.hex() for s in base.signatures] == raw["signatures"]
    assert base.hmac_key == hmac_key and base.mandatory_pointers == mandatory
    # and it verifies (the holder's check)
    ok, why = ecdsa_sd.verify_base(doc, signed["proof"], config_nquads(doc, signed["proof"]), issuer_key(signed), LOADER)
    assert ok, why


@pytest.mark.parametrize("case", sorted(CASES))
def test_add_base_proof_with_the_vector_keys(case: str) -> None:
    """ECDSA signatures are randomized, so bytes differ from the vector; everything else must not."""
    mandatory, _ = pointers(case)
    issuer, proof_key, hmac_key = key_material()
    signed = vec(case, "addSignedSDBase.json")
    proof = signed["proof"]
    ours = signing.add_ecdsa_sd_base_proof(unsecured(signed), issuer, proof["verificationMethod"], created=proof["created"],
                                   mandatory_pointers=mandatory, loader=LOADER, hmac_key=hmac_key,
                                   ephemeral_key=proof_key)
    assert unsecured(ours) == unsecured(signed)
    assert {k: v for k, v in ours["proof"].items() if k != "proofValue"} == \
        {k: v for k, v in proof.items() if k != "proofValue"}
    mine, theirs = ecdsa_sd.parse_base(ours["proof"]["proofValue"]), ecdsa_sd.parse_base(proof["proofValue"])
    assert (mine.public_key, mine.hmac_key, mine.mandatory_pointers, len(mine.signatures)) == \
        (theirs.public_key, theirs.hmac_key, theirs.mandatory_pointers, len(theirs.signatures))
    assert ecdsa_sd.verify_base(unsecured(ours), ours["proof"], config_nquads(ours, ours["proof"]), issuer_key(ours),
                                LOADER)[0]


@pytest.mark.parametrize("case", sorted(CASES))
def test_derive_step_by_step(case: str) -> None:
    _, selective = pointers(case)
    d = ecdsa_sd.derive(vec(case, "addSignedSDBase.json"), selective, LOADER)
    groups = vec(case, "derivedGroupIndexes.json")
    assert d.combined_indexes == groups["combinedIndexes"]
    assert d.mandatory_indexes == groups["mandatoryIndexes"]
    assert d.non_mandatory_indexes == groups["nonMandatoryIndexes"]
    assert d.selective_indexes == groups["selectiveIndexes"]
    assert d.adjusted_mandatory == vec(case, "derivedAdjMandatoryIndexes.json")["adjMandatoryIndexes"]
    sigs = vec(case, "derivedAdjSignatures.json")
    assert d.adjusted_selective == sigs["adjSignatureIndexes"]
    disclosure = vec(case, "derivedDisclosureData.json")
    assert list(d.label_map.items()) == [tuple(x) for x in disclosure["labelMap"]["value"]]
    assert unsecured(d.document) == vec(case, "derivedUnsignedReveal.json")
    # byte for byte, including the CBOR of the derived proof value
    assert d.document == vec(case, "derivedRevealDocument.json")
    parsed = ecdsa_sd.parse_derived(d.document["proof"]["proofValue"])
    assert [s.hex() for s in parsed.signatures] == sigs["filteredSignatures"]


def test_tampered_base_proof_fails() -> None:
    signed = vec("employ", "addSignedSDBase.json")
    key, proof = issuer_key(signed), signed["proof"]
    for path, value in ((("credentialSubject", "givenName"), "JANE"), (("issuer", "image"), "data:,x"),
                        (("validUntil",), "2099-12-03T00:00:00Z")):
        doc = copy.deepcopy(unsecured(signed))
        node = doc
        for p in path[:-1]:
            node = node[p]
        node[path[-1]] = value
        ok, why = ecdsa_sd.verify_base(doc, proof, config_nquads(doc, proof), key, LOADER)
        assert not ok, path
        assert "does not match" in why
    other = ec.generate_private_key(ec.SECP256R1()).public_key()
    assert not ecdsa_sd.verify_base(unsecured(signed), proof, config_nquads(signed, proof), other, LOADER)[0]


def test_selection_rules() -> None:
    doc = {"@context": ["x"], "id": "urn:a", "type": ["T"],
           "list": [{"id": "_:b0", "type": "N", "v": 1, "w": 2}, {"v": 3}, {"v": 4}],
           "node": {"type": "M", "a": {"b": "c"}, "d": "e"}}
    sel = sd_primitives.select_json_ld(["/list/2/v", "/list/0/w", "/node/a/b"], doc)
    assert sel == {"@context": ["x"], "id": "urn:a", "type": ["T"],
                   "list": [{"type": "N", "w": 2}, {"v": 4}],  # holes closed, blank node id not copied
                   "node": {"type": "M", "a": {"b": "c"}}}
    assert sd_primitives.select_json_ld([], doc) is None
    for bad in ("/nope", "/list/3/v", "/list/01/v", "node", "/list/x"):
        with pytest.raises(sd_primitives.SelectionError):
            sd_primitives.select_json_ld([bad], doc)
    assert sd_primitives.pointer_to_paths("/a~1b/c~0d") == ["a/b", "c~d"]


def test_open_badge_round_trip_reveals_only_what_was_chosen() -> None:
    cred = ob3(7, "Data Visualisation", "Charts that tell the truth.", subject="Ada Learner")
    cred["credentialSubject"]["achievement"]["creditsAvailable"] = 5
    issuer = ec.generate_private_key(ec.SECP256R1())
    did = "did:key:" + keys.to_multikey(issuer.public_key())
    cred["issuer"]["id"] = did
    signed = signing.add_ecdsa_sd_base_proof(cred, issuer, f"{did}#{did.split(':')[-1]}", created="2026-01-01T00:00:00Z",
                                     mandatory_pointers=["/issuer", "/validFrom"], loader=LOADER)
    assert ecdsa_sd.verify_base(unsecured(signed), signed["proof"], config_nquads(signed, signed["proof"]),
                                issuer.public_key(), LOADER)[0]
    d = ecdsa_sd.derive(signed, ["/credentialSubject/achievement/name"], LOADER)
    out = json.dumps(d.document)
    assert "Data Visualisation" in out and did in out
    for secret in ("Ada Learner", "Charts that tell the truth", "Did the work"):
        assert secret not in out
    doc = d.document
    assert ecdsa_sd.verify_derived(unsecured(doc), doc["proof"], config_nquads(doc, doc["proof"]), issuer.public_key(),
                                   LOADER)[0]
    # a disclosed value changed, or one added that was not disclosed: no longer verifies
    changed = copy.deepcopy(doc)
    changed["credentialSubject"]["achievement"]["name"] = "Data Science"
    added = copy.deepcopy(doc)
    added["credentialSubject"]["name"] = "Ada Learner"
    for bad in (changed, added):
        assert not ecdsa_sd.verify_derived(unsecured(bad), bad["proof"], config_nquads(bad, bad["proof"]),
                                           issuer.public_key(), LOADER)[0]
    # nothing but the mandatory statements
    bare = ecdsa_sd.derive(signed, [], LOADER).document
    assert "credentialSubject" not in bare
    assert ecdsa_sd.verify_derived(unsecured(bare), bare["proof"], config_nquads(bare, bare["proof"]),
                                   issuer.public_key(), LOADER)[0]
    with pytest.raises(sd_primitives.SelectionError):
        ecdsa_sd.derive(signed, ["/credentialSubject/birthDate"], LOADER)


def test_terms_the_contexts_do_not_define_are_refused() -> None:
    """Expansion would silently drop them, so they would be shown but not signed (safe mode)."""
    from wallet.crypto.jsonld import UnsafeDocument

    issuer = ec.generate_private_key(ec.SECP256R1())
    cred = ob3(8)
    cred["issuer"]["id"] = did = "did:key:" + keys.to_multikey(issuer.public_key())
    vm = f"{did}#{did.split(':')[-1]}"
    undefined = copy.deepcopy(cred)
    undefined["credentialSubject"]["birthDate"] = "1999-04-02"  # not an Open Badges term
    with pytest.raises(UnsafeDocument):
        signing.add_ecdsa_sd_base_proof(undefined, issuer, vm, created="2026-01-01T00:00:00Z", mandatory_pointers=["/issuer"],
                                loader=LOADER)
    signed = signing.add_ecdsa_sd_base_proof(cred, issuer, vm, created="2026-01-01T00:00:00Z", mandatory_pointers=["/issuer"],
                                     loader=LOADER)
    signed["credentialSubject"]["birthDate"] = "1999-04-02"
    result = dataintegrity.verify_proof(signed, signed["proof"], [signed["proof"]], KeyResolver(), LOADER)
    assert result.status == "fail" and "birthDate" in result.message


def test_malformed_proof_values() -> None:
    for value in ("", "zabc", "u!!!", "u" + keys.b64u_encode(b"\xd9\x5d\x00" + b"\x80"),
                  "u" + keys.b64u_encode(b"\xd9\x5d\x02\x80")):
        with pytest.raises(ecdsa_sd.SdProofError):
            ecdsa_sd.parse_base(value)
