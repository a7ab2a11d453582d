"""ecdsa-sd-2023 (W3C VC Data Integrity ECDSA Cryptosuites, section 3.4): base proofs and derived proofs.

The issuer signs a *base proof*: its signature covers the proof options, an ephemeral public key and
the mandatory statements; every other canonical statement is signed on its own with the ephemeral
key, and an HMAC key relabels blank nodes.  The holder keeps the base proof and, for each verifier,
*derives* a proof revealing only the chosen statements (plus the mandatory ones).  The verifier checks
the derived proof: the issuer's base signature and one ephemeral signature per disclosed statement.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass
from typing import Any

import cbor2
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from . import publickeys as keys
from . import sd_primitives
from .jsonld import DocumentLoader

BASE_HEADER = b"\xd9\x5d\x00"
DERIVED_HEADER = b"\xd9\x5d\x01"


class SdProofError(ValueError):
    pass


FORMAT = sd_primitives.ProofFormat("ecdsa-sd-2023", BASE_HEADER, DERIVED_HEADER, SdProofError)
is_base = FORMAT.is_base


@dataclass
class DerivedProof:
    base_signature: bytes
    public_key: bytes  # multicodec P-256 compressed key (the ephemeral key)
    signatures: list[bytes]
    label_map: dict[str, str]
    mandatory_indexes: list[int]


@dataclass
class BaseProof:
    base_signature: bytes
    public_key: bytes  # multicodec P-256 compressed key (the ephemeral key)
    hmac_key: bytes
    signatures: list[bytes]
    mandatory_pointers: list[str]


def parse_base(proof_value: str) -> BaseProof:
    base_sig, pub, hmac_key, sigs, pointers = FORMAT.items(proof_value, BASE_HEADER)
    try:
        out = BaseProof(bytes(base_sig), bytes(pub), bytes(hmac_key), [bytes(s) for s in sigs],
                        [str(p) for p in pointers])
    except (ValueError, TypeError) as exc:
        raise SdProofError(f"malformed ecdsa-sd-2023 base proof ({exc})") from exc
    if len(out.base_signature) != 64 or any(len(s) != 64 for s in out.signatures) or len(out.hmac_key) != 32:
        raise SdProofError("ecdsa-sd-2023 base proof has signatures or an HMAC key of the wrong length")
    if not all(isinstance(p, str) and p.startswith("/") for p in pointers):
        raise SdProofError("ecdsa-sd-2023 base proof has mandatory pointers that are not JSON Pointers")
    return out


def parse_derived(proof_value: str) -> DerivedProof:
    base_sig, pub, sigs, compressed, mandatory = FORMAT.items(proof_value, DERIVED_HEADER)
    try:
        labels = {f"c14n{int(k)}": "u" + keys.b64u_encode(bytes(v)) for k, v in dict(compressed).items()}
        out = DerivedProof(bytes(base_sig), bytes(pub), [bytes(s) for s in sigs], labels, [int(i) for i in mandatory])
    except (ValueError, TypeError) as exc:
        raise SdProofError(f"malformed ecdsa-sd-2023 proof ({exc})") from exc
    if len(out.base_signature) != 64 or any(len(s) != 64 for s in out.signatures):
        raise SdProofError("ecdsa-sd-2023 signatures have the wrong length")
    return out


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
    nquads = sd_primitives.relabelled_nquads(doc, loader, d.label_map)
    if any(i < 0 or i >= len(nquads) for i in d.mandatory_indexes):
        return False, "the proof names statements the document does not have"
    mandatory = [nquads[i] for i in d.mandatory_indexes]
    optional = [q for i, q in enumerate(nquads) if i not in set(d.mandatory_indexes)]
    problem = _check_signatures(issuer_key, proof_config_nquads, d.base_signature, d.public_key, mandatory, optional,
                                d.signatures)
    if problem:
        return False, problem
    return True, f"valid ecdsa-sd-2023 derived proof ({len(optional)} disclosed statements, {len(mandatory)} mandatory)"


def _check_signatures(issuer_key: ec.EllipticCurvePublicKey, proof_config_nquads: str, base_signature: bytes,
                      public_key: bytes, mandatory: list[str], optional: list[str], signatures: list[bytes]) -> str:
    """The issuer's signature over (proof options, ephemeral key, mandatory statements), then the
    ephemeral key's signature of each other statement; what is wrong, or '' if nothing."""
    if len(optional) != len(signatures):
        return f"{len(optional)} statements but {len(signatures)} signatures"
    proof_hash = hashlib.sha256(proof_config_nquads.encode()).digest()
    mandatory_hash = hashlib.sha256("".join(mandatory).encode()).digest()
    if not _verify(issuer_key, base_signature, proof_hash + public_key + mandatory_hash):
        return "the issuer's base signature does not match (altered or wrong key)"
    ephemeral = _ephemeral_public(public_key)
    for q, sig in zip(optional, signatures, strict=True):
        if not _verify(ephemeral, sig, q.encode()):
            return "a statement does not match its signature (altered)"
    return ""


def _ephemeral_public(public_key: bytes) -> ec.EllipticCurvePublicKey:
    try:
        key = keys.from_multikey(keys.multibase_encode(public_key))
    except keys.KeyFormatError as exc:
        raise SdProofError(f"the proof's ephemeral key is unusable ({exc})") from exc
    if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != "secp256r1":
        raise SdProofError("the proof's ephemeral key is not P-256")
    return key


def split_mandatory(grouped: sd_primitives.Grouped) -> tuple[list[str], list[str]]:
    g = grouped.groups["mandatory"]
    return [g.matching[i] for i in sorted(g.matching)], [g.non_matching[i] for i in sorted(g.non_matching)]


def verify_base(doc: dict[str, Any], proof: dict[str, Any], proof_config_nquads: str, issuer_key: Any,
                loader: DocumentLoader) -> tuple[bool, str]:
    """The holder's check of a base proof: the issuer's signature over the mandatory statements and
    the ephemeral key, and the ephemeral signature of every other statement.  ``doc`` has no proof."""
    if not isinstance(issuer_key, ec.EllipticCurvePublicKey) or issuer_key.curve.name != "secp256r1":
        return False, "ecdsa-sd-2023 needs a P-256 issuer key"
    b = parse_base(proof.get("proofValue", ""))
    try:
        grouped = sd_primitives.canonicalize_and_group(doc, sd_primitives.hmac_labeler(b.hmac_key),
                                                       {"mandatory": b.mandatory_pointers}, loader)
    except sd_primitives.SelectionError as exc:
        return False, f"the base proof's mandatory pointers do not fit the credential ({exc})"
    mandatory, optional = split_mandatory(grouped)
    problem = _check_signatures(issuer_key, proof_config_nquads, b.base_signature, b.public_key, mandatory, optional,
                                b.signatures)
    if problem:
        return False, problem
    return True, (f"valid ecdsa-sd-2023 base proof: {len(optional)} selectively disclosable statements, "
                  f"{len(mandatory)} always disclosed")


def derive(document: dict[str, Any], selective_pointers: list[str], loader: DocumentLoader) -> sd_primitives.Derived:
    """A derived proof revealing the statements the pointers select plus the mandatory ones."""
    proof = document.get("proof")
    if not isinstance(proof, dict) or proof.get("cryptosuite") != "ecdsa-sd-2023":
        raise SdProofError("the credential has no ecdsa-sd-2023 proof to derive from")
    b = parse_base(proof.get("proofValue", ""))
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    d = sd_primitives.derive_groups(unsecured, sd_primitives.hmac_labeler(b.hmac_key), b.mandatory_pointers,
                                    selective_pointers, loader)
    if len(d.non_mandatory_indexes) != len(b.signatures):
        raise SdProofError("the base proof does not fit this credential (statement and signature counts differ)")
    compressed = {int(c14n.removeprefix("c14n")): keys.b64u_decode(label[1:]) for c14n, label in d.label_map.items()}
    payload = cbor2.dumps([b.base_signature, b.public_key, [b.signatures[n] for n in d.adjusted_selective],
                           compressed, d.adjusted_mandatory])
    d.document["proof"] = dict(copy.deepcopy(proof), proofValue="u" + keys.b64u_encode(DERIVED_HEADER + payload))
    return d
