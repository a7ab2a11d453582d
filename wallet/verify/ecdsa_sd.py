"""ecdsa-sd-2023 derived proofs (W3C VC Data Integrity ECDSA Cryptosuites, section 3.4): verification.

A derived proof carries the issuer's base signature (over the proof options, an ephemeral public key
and the mandatory statements) and one ephemeral-key signature per disclosed non-mandatory statement;
blank nodes are relabelled with the HMAC-derived labels the proof carries.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import cbor2
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from . import keys
from .canon import canonicalize_dataset_lines
from .jsonld import DocumentLoader, rdf_dataset

BASE_HEADER = b"\xd9\x5d\x00"
DERIVED_HEADER = b"\xd9\x5d\x01"


class SdProofError(ValueError):
    pass


@dataclass
class DerivedProof:
    base_signature: bytes
    public_key: bytes  # multicodec P-256 compressed key (the ephemeral key)
    signatures: list[bytes]
    label_map: dict[str, str]
    mandatory_indexes: list[int]


def parse_derived(proof_value: str) -> DerivedProof:
    if not isinstance(proof_value, str) or not proof_value.startswith("u"):
        raise SdProofError("ecdsa-sd-2023 proof value is not base64url multibase")
    raw = keys.b64u_decode(proof_value[1:])
    if raw.startswith(BASE_HEADER):
        raise SdProofError("this is a base proof (for the holder), not a derived proof for a verifier")
    if not raw.startswith(DERIVED_HEADER):
        raise SdProofError("unknown ecdsa-sd-2023 proof header")
    try:
        items = cbor2.loads(raw[3:])
        base_sig, pub, sigs, compressed, mandatory = items
        labels = {f"c14n{int(k)}": "u" + keys.b64u_encode(bytes(v)) for k, v in dict(compressed).items()}
        out = DerivedProof(bytes(base_sig), bytes(pub), [bytes(s) for s in sigs], labels, [int(i) for i in mandatory])
    except (ValueError, TypeError, cbor2.CBORDecodeError) as exc:
        raise SdProofError(f"malformed ecdsa-sd-2023 proof ({exc})") from exc
    if len(out.base_signature) != 64 or any(len(s) != 64 for s in out.signatures):
        raise SdProofError("ecdsa-sd-2023 signatures have the wrong length")
    return out


def relabelled_nquads(doc: dict[str, Any], loader: DocumentLoader, label_map: dict[str, str]) -> list[str]:
    lines = canonicalize_dataset_lines(rdf_dataset(doc, loader))
    out = []
    for line in lines:
        for c14n, label in label_map.items():
            line = line.replace(f"_:{c14n} ", f"_:{label} ").replace(f"_:{c14n} .", f"_:{label} .")
        out.append(line)
    return sorted(out)


def _verify(key: ec.EllipticCurvePublicKey, sig: bytes, data: bytes) -> bool:
    der = encode_dss_signature(int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big"))
    try:
        key.verify(der, data, ec.ECDSA(hashes.SHA256()))
        return True
    except InvalidSignature:
        return False


def verify_derived(doc: dict[str, Any], proof: dict[str, Any], proof_config_nquads: str, issuer_key: Any,
                   loader: DocumentLoader) -> tuple[bool, str]:
    """(ok, message).  ``doc`` is the revealed document without its proof."""
    if not isinstance(issuer_key, ec.EllipticCurvePublicKey) or issuer_key.curve.name != "secp256r1":
        return False, "ecdsa-sd-2023 needs a P-256 issuer key"
    d = parse_derived(proof.get("proofValue", ""))
    nquads = relabelled_nquads(doc, loader, d.label_map)
    if any(i < 0 or i >= len(nquads) for i in d.mandatory_indexes):
        return False, "the proof names statements the document does not have"
    mandatory = [nquads[i] for i in d.mandatory_indexes]
    optional = [q for i, q in enumerate(nquads) if i not in set(d.mandatory_indexes)]
    if len(optional) != len(d.signatures):
        return False, f"{len(optional)} disclosed statements but {len(d.signatures)} signatures"
    proof_hash = hashlib.sha256(proof_config_nquads.encode()).digest()
    mandatory_hash = hashlib.sha256("".join(mandatory).encode()).digest()
    if not _verify(issuer_key, d.base_signature, proof_hash + d.public_key + mandatory_hash):
        return False, "the issuer's base signature does not match (altered or wrong key)"
    try:
        ephemeral = keys.from_multikey(keys.multibase_encode(d.public_key))
    except keys.KeyError_ as exc:
        return False, f"the proof's ephemeral key is unusable ({exc})"
    if not isinstance(ephemeral, ec.EllipticCurvePublicKey):
        return False, "the proof's ephemeral key is not P-256"
    for q, sig in zip(optional, d.signatures, strict=True):
        if not _verify(ephemeral, sig, q.encode()):
            return False, "a disclosed statement does not match its signature (altered)"
    return True, f"valid ecdsa-sd-2023 derived proof ({len(optional)} disclosed statements, {len(mandatory)} mandatory)"
