"""W3C Data Integrity proofs: eddsa-rdfc-2022, eddsa-jcs-2022, Ed25519Signature2020, ecdsa-rdfc-2019 and
ecdsa-jcs-2019 (P-256, P-384), ecdsa-sd-2023 and bbs-2023 (base and derived); proof sets and proof chains.  Signing too (the demo issuer, the holder).

Transformation, hashing and verification follow the cryptosuite specs: the proof configuration
(proof minus proofValue, with the document's @context) and the document (minus proof) are each
canonicalized (RDFC-1.0 or JCS) and hashed, and the signature covers hash(config) || hash(document).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from . import publickeys as keys
from .canon import CanonicalizationError
from .did import KeyResolver, KeyUnresolved, ResolvedKey
from .jsonld import ContextNotAvailable, DocumentLoader, JsonLdProblem, canonical_nquads

SUPPORTED = {
    ("DataIntegrityProof", "eddsa-rdfc-2022"),
    ("DataIntegrityProof", "eddsa-2022"),  # the pre-Recommendation name, same algorithm
    ("DataIntegrityProof", "eddsa-jcs-2022"),
    ("DataIntegrityProof", "ecdsa-rdfc-2019"),
    ("DataIntegrityProof", "ecdsa-jcs-2019"),
    ("Ed25519Signature2020", None),
    ("DataIntegrityProof", "ecdsa-sd-2023"),  # base proofs (the holder's copy) and derived proofs (a verifier's)
    ("DataIntegrityProof", "bbs-2023"),  # the same, with BBS signatures (no holder binding or pseudonyms)
}


@dataclass
class ProofResult:
    status: str  # pass | fail | skipped
    message: str
    suite: str
    verification_method: str = ""
    resolved: ResolvedKey | None = None
    needs_network: bool = False


def suite_name(proof: dict[str, Any]) -> str:
    for key in ("cryptosuite", "type"):
        if isinstance(proof.get(key), str) and proof[key]:
            return str(proof[key])
    return "unknown"


def transform(doc: dict[str, Any], proof_config: dict[str, Any], suite: str, loader: DocumentLoader,
               curve: str | None) -> bytes:
    sha384 = curve == "P-384"
    h = hashlib.sha384 if sha384 else hashlib.sha256
    if is_jcs(suite):
        return h(rfc8785.dumps(proof_config)).digest() + h(rfc8785.dumps(doc)).digest()
    rdf_hash = "sha384" if sha384 else "sha256"
    config_nq = canonical_nquads(proof_config, loader, rdf_hash)
    doc_nq = canonical_nquads(doc, loader, rdf_hash)
    return h(config_nq.encode()).digest() + h(doc_nq.encode()).digest()


def is_jcs(suite: str) -> bool:
    return suite.endswith("jcs-2022") or suite.endswith("jcs-2019")


def proof_config(doc: dict[str, Any], proof: dict[str, Any], suite: str = "") -> dict[str, Any]:
    """Proof options as signed: the proof minus its value.  A proof that carries its own @context (as JCS
    proofs do) is hashed with that one, which must be the document's or a prefix of it.  RDFC suites hash
    the options as RDF, under the document's @context when the proof has none; JCS suites hash the options'
    JSON exactly as the proof carries them (eddsa-jcs-2022 / ecdsa-jcs-2019 "Verify Proof")."""
    config = {k: v for k, v in proof.items() if k != "proofValue"}
    if "@context" in proof:
        mine = proof["@context"] if isinstance(proof["@context"], list) else [proof["@context"]]
        theirs = c if isinstance(c := doc.get("@context"), list) else [c]
        if theirs[: len(mine)] != mine:
            raise ValueError("the proof's @context does not match the document's")
    elif "@context" in doc and not is_jcs(suite):
        config["@context"] = doc["@context"]
    return config


def signed_proof_options(doc: dict[str, Any], proof: dict[str, Any], loader: DocumentLoader) -> dict[str, Any]:
    """The proof's options (created, expires, domain, challenge, ...) as its signature covers them: read
    from the RDF of the proof configuration, not from JSON key names (a full-IRI key or a dropped one
    would hide an expiry).  JCS suites sign the JSON itself, so the same reading holds for them."""
    from ..verify.signed_view import signed_view

    return signed_view(proof_config(doc, proof), loader)


def curve_of(key: keys.PublicKey) -> str | None:
    if isinstance(key, ec.EllipticCurvePublicKey):
        return {"secp256r1": "P-256", "secp384r1": "P-384"}.get(key.curve.name, key.curve.name)
    return None


def _check_signature(key: keys.PublicKey, suite: str, sig: bytes, data: bytes) -> bool:
    try:
        if suite.startswith("eddsa") or suite == "Ed25519Signature2020":
            if not isinstance(key, ed25519.Ed25519PublicKey):
                return False
            key.verify(sig, data)
            return True
        if suite.startswith("ecdsa"):
            if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name not in ("secp256r1", "secp384r1"):
                return False
            size = 32 if key.curve.name == "secp256r1" else 48
            if len(sig) != 2 * size:
                return False
            der = encode_dss_signature(int.from_bytes(sig[:size], "big"), int.from_bytes(sig[size:], "big"))
            key.verify(der, data, ec.ECDSA(hashes.SHA256() if size == 32 else hashes.SHA384()))
            return True
    except InvalidSignature:
        return False
    return False


def proofs_of(doc: dict[str, Any]) -> list[dict[str, Any]]:
    p = doc.get("proof")
    if p is None:
        return []
    items = p if isinstance(p, list) else [p]
    return [x for x in items if isinstance(x, dict)]


def verify_proof(doc: dict[str, Any], proof: dict[str, Any], all_proofs: list[dict[str, Any]],
                 resolver: KeyResolver, loader: DocumentLoader, purpose: str = "assertionMethod") -> ProofResult:
    suite = suite_name(proof)
    ptype, csuite = proof.get("type"), proof.get("cryptosuite")
    if not isinstance(ptype, str) or not isinstance(csuite, str | None):
        return ProofResult("fail", "proof type or cryptosuite is not a string", "unknown", "")
    kind = (ptype, csuite if ptype == "DataIntegrityProof" else None)
    vm: str = v if isinstance(v := proof.get("verificationMethod"), str) else ""
    if kind not in SUPPORTED:
        return ProofResult("skipped", f"proof type {suite!r} is not supported", suite, vm)
    if proof.get("proofPurpose") != purpose:
        return ProofResult("fail", f"proof purpose is {proof.get('proofPurpose')!r}, expected {purpose!r}", suite, vm)
    value = proof.get("proofValue")
    if not isinstance(value, str):
        return ProofResult("fail", "proof has no proofValue", suite, vm)
    try:
        sig = keys.multibase_decode(value)
    except keys.KeyFormatError as exc:
        return ProofResult("fail", f"proofValue is not valid multibase ({exc})", suite, vm)
    try:
        resolved = resolver.resolve(vm)
    except KeyUnresolved as exc:
        return ProofResult("skipped", str(exc), suite, vm, needs_network=exc.needs_network)
    unsecured = {k: v for k, v in doc.items() if k != "proof"}
    if suite in ("ecdsa-sd-2023", "bbs-2023"):
        return _verify_selective(suite, unsecured, doc, proof, resolved, loader, vm)
    prev = proof.get("previousProof")
    if prev is not None:
        wanted = prev if isinstance(prev, list) else [prev]
        found = [p for p in all_proofs if p.get("id") in wanted]
        if len(found) != len(wanted):
            return ProofResult("fail", "a proof in the chain refers to a previous proof that is missing", suite, vm)
        unsecured["proof"] = found[0] if len(found) == 1 else found
    if is_jcs(suite) and "@context" in proof and proof["@context"] != doc.get("@context"):
        # the spec lets a JCS proof cover a prefix of the @context; the rest would then be unsigned yet
        # still decide what every field means (and so what is shown): refused
        return ProofResult("fail", "the document's @context is not the one its JCS proof signed", suite, vm)
    try:
        data = transform(unsecured, proof_config(doc, proof, suite), suite, loader, curve_of(resolved.key))
    except ContextNotAvailable as exc:
        return ProofResult("skipped", str(exc), suite, vm, needs_network=True)
    except (JsonLdProblem, CanonicalizationError) as exc:
        return ProofResult("fail", str(exc), suite, vm)
    except (TypeError, ValueError) as exc:
        return ProofResult("fail", f"cannot canonicalize the credential ({exc})", suite, vm)
    if _check_signature(resolved.key, suite, sig, data):
        return ProofResult("pass", f"valid {suite} signature by {keys.describe(resolved.key)} key", suite, vm, resolved)
    return ProofResult("fail", f"the {suite} signature does not match the content (altered or wrong key)", suite, vm,
                       resolved)


def _verify_selective(suite: str, unsecured: dict[str, Any], doc: dict[str, Any], proof: dict[str, Any],
                      resolved: ResolvedKey, loader: DocumentLoader, vm: str) -> ProofResult:
    """ecdsa-sd-2023 and bbs-2023: a base proof (the holder's copy) or a derived proof (a disclosure)."""
    from . import bbs2023, ecdsa_sd

    module: Any = ecdsa_sd if suite == "ecdsa-sd-2023" else bbs2023
    if suite == "bbs-2023" and bbs2023.unsupported_feature(proof.get("proofValue")):
        return ProofResult("skipped", f"{bbs2023.unsupported_feature(proof.get('proofValue'))} is not supported",
                           suite, vm)
    try:
        config_nq = canonical_nquads(proof_config(doc, proof), loader)
        check = module.verify_base if module.is_base(proof.get("proofValue")) else module.verify_derived
        ok, message = check(unsecured, proof, config_nq, resolved.key, loader)
    except ContextNotAvailable as exc:
        return ProofResult("skipped", str(exc), suite, vm, needs_network=True)
    except (JsonLdProblem, CanonicalizationError, ValueError, TypeError) as exc:
        return ProofResult("fail", str(exc), suite, vm)
    return ProofResult("pass" if ok else "fail", message, suite, vm, resolved)
