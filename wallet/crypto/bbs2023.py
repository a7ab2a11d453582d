"""bbs-2023 (W3C Data Integrity BBS Cryptosuites): the issuer's base proof (checked by the holder) and
derived proofs (checked by a verifier).  The BBS arithmetic is in ``bbs``; the statement handling is
shared with ecdsa-sd-2023 (``sd_primitives``).

The base proof signs every non-mandatory statement as one BBS message, with a header binding the proof
options and the mandatory statements.  Blank nodes get HMAC-derived labels, then are numbered by the
order of those labels ("b0", "b1", ...), so a derived proof reveals nothing about the issuer's HMAC.
A derived proof is a zero-knowledge BBS proof of the disclosed messages; with anonymous holder
binding it is a blind BBS proof that also covers a secret only the holder knows.  Pseudonym variants
(other headers) are reported as not supported.  The BBS arithmetic (BLS12-381) is
imported only when a BBS proof is checked or made.
"""

from __future__ import annotations

import hashlib
from typing import Any

import cbor2

from . import publickeys as keys
from . import sd_primitives
from .jsonld import DocumentLoader

BASE = b"\xd9\x5d\x02"
DERIVED = b"\xd9\x5d\x03"
HOLDER_BOUND_DERIVED = b"\xd9\x5d\x05"  # anonymous holder binding: a blind BBS proof
FEATURES = {  # the other bbs-2023 headers
    b"\xd9\x5d\x04": "a bbs-2023 base proof with anonymous holder binding (checking it needs the holder's secret)",
    **{bytes([0xd9, 0x5d, n]): "bbs-2023 with pseudonyms" for n in range(0x06, 0x0c)}}


class Bbs2023Error(ValueError):
    pass


FORMAT = sd_primitives.ProofFormat("bbs-2023", BASE, DERIVED, Bbs2023Error, (HOLDER_BOUND_DERIVED,))
is_base = FORMAT.is_base


def unsupported_feature(proof_value: Any) -> str | None:
    return FEATURES.get(sd_primitives.proof_header(proof_value) or b"")


def shuffled_labeler(hmac_key: bytes) -> Any:
    """createShuffledIdLabelMapFunction: blank nodes numbered by the sort order of their HMAC labels."""
    hmac_labels = sd_primitives.hmac_labeler(hmac_key)

    def label_map(canonical: dict[str, str]) -> dict[str, str]:
        labels = hmac_labels(canonical)
        order = {label: n for n, label in enumerate(sorted(labels.values()))}
        return {inp: f"b{order[label]}" for inp, label in labels.items()}

    return label_map


def _bls_key(key: Any) -> bytes:
    if not isinstance(key, keys.Bls12381G2PublicKey):
        raise Bbs2023Error("bbs-2023 needs a BLS12-381 G2 issuer key")
    return key.raw


def proof_header(proof_config_nquads: str, mandatory: list[str]) -> bytes:
    return hashlib.sha256(proof_config_nquads.encode()).digest() + hashlib.sha256("".join(mandatory).encode()).digest()


def verify_base(doc: dict[str, Any], proof: dict[str, Any], proof_config_nquads: str, issuer_key: Any,
                loader: DocumentLoader) -> tuple[bool, str]:
    """The holder's check: the BBS signature over every non-mandatory statement, under the header."""
    from . import bbs

    pk = _bls_key(issuer_key)
    signature, header, public_key, hmac_key, pointers = FORMAT.items(proof.get("proofValue"), BASE)
    if not all(isinstance(x, bytes) for x in (signature, header, public_key, hmac_key)) or \
            not isinstance(pointers, list) or not all(isinstance(p, str) for p in pointers):
        raise Bbs2023Error("malformed bbs-2023 base proof")
    if public_key != pk:
        return False, "the base proof names another public key than the verification method"
    try:
        grouped = sd_primitives.canonicalize_and_group(doc, shuffled_labeler(hmac_key), {"mandatory": pointers}, loader)
    except sd_primitives.SelectionError as exc:
        return False, f"the base proof's mandatory pointers do not fit the credential ({exc})"
    g = grouped.groups["mandatory"]
    mandatory = [g.matching[i] for i in sorted(g.matching)]
    messages = [g.non_matching[i].encode() for i in sorted(g.non_matching)]
    if header != proof_header(proof_config_nquads, mandatory):
        return False, "the proof options or mandatory statements do not match the base proof (altered)"
    try:
        ok = bbs.verify_signature(pk, signature, header, messages)
    except bbs.BbsError as exc:
        return False, f"bbs-2023: {exc}"
    if not ok:
        return False, "the BBS signature does not match the content (altered or wrong key)"
    return True, (f"valid bbs-2023 base proof: {len(messages)} selectively disclosable statements, "
                  f"{len(mandatory)} always disclosed")


def verify_derived(doc: dict[str, Any], proof: dict[str, Any], proof_config_nquads: str, issuer_key: Any,
                   loader: DocumentLoader) -> tuple[bool, str]:
    """A verifier's check of a disclosure: the BBS proof over the revealed statements."""
    from . import bbs

    pk = _bls_key(issuer_key)
    value = proof.get("proofValue")
    signer_messages = None
    if sd_primitives.proof_header(value) == HOLDER_BOUND_DERIVED:
        bbs_proof, compressed, mandatory_idx, selective_idx, ph, signer_messages = FORMAT.items(
            value, HOLDER_BOUND_DERIVED, 6)
        if not isinstance(signer_messages, int) or isinstance(signer_messages, bool):
            raise Bbs2023Error("malformed bbs-2023 derived proof (message count)")
    else:
        bbs_proof, compressed, mandatory_idx, selective_idx, ph = FORMAT.items(value, DERIVED)
    try:
        label_map = {f"c14n{int(k)}": f"b{int(v)}" for k, v in dict(compressed).items()}
        mandatory_idx = [int(i) for i in mandatory_idx]
        selective_idx = [int(i) for i in selective_idx]
    except (TypeError, ValueError) as exc:
        raise Bbs2023Error(f"malformed bbs-2023 derived proof ({exc})") from exc
    if not isinstance(bbs_proof, bytes) or not isinstance(ph, bytes):
        raise Bbs2023Error("malformed bbs-2023 derived proof")
    nquads = sd_primitives.relabelled_nquads(doc, loader, label_map)
    if any(not 0 <= i < len(nquads) for i in mandatory_idx):
        return False, "the proof names statements the document does not have"
    wanted = set(mandatory_idx)
    mandatory = [nquads[i] for i in mandatory_idx]
    disclosed = [q.encode() for i, q in enumerate(nquads) if i not in wanted]
    header = proof_header(proof_config_nquads, mandatory)
    try:
        if signer_messages is None:
            ok = bbs.verify_proof(pk, bbs_proof, header, ph, disclosed, selective_idx)
        else:  # bound to a secret only the holder knows, proven without revealing it
            ok = bbs.verify_blind_proof(pk, bbs_proof, header, ph, signer_messages, disclosed, selective_idx)
    except bbs.BbsError as exc:
        return False, f"bbs-2023: {exc}"
    if not ok:
        return False, "the BBS proof does not match the disclosed statements (altered or wrong key)"
    return True, f"valid bbs-2023 derived proof ({len(disclosed)} disclosed statements, {len(mandatory)} mandatory)"


def derive(document: dict[str, Any], selective_pointers: list[str], loader: DocumentLoader, *,
           presentation_header: bytes = b"", randomness: Any = None) -> sd_primitives.Derived:
    """A derived proof revealing the statements the pointers select plus the mandatory ones: a BBS
    proof that discloses exactly those messages."""
    from . import bbs

    proof = document.get("proof")
    if not isinstance(proof, dict) or proof.get("cryptosuite") != "bbs-2023":
        raise Bbs2023Error("the credential has no bbs-2023 proof to derive from")
    signature, header, pk, hmac_key, mandatory_pointers = FORMAT.items(proof.get("proofValue"), BASE)
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    d = sd_primitives.derive_groups(unsecured, shuffled_labeler(hmac_key), list(mandatory_pointers),
                                    selective_pointers, loader)
    messages = [d.grouped.nquads[i].encode() for i in d.non_mandatory_indexes]
    kw = {"randomness": randomness} if randomness else {}
    bbs_proof = bbs.proof_gen(pk, signature, header, presentation_header, messages, d.adjusted_selective, **kw)
    compressed = {int(c14n.removeprefix("c14n")): int(label.removeprefix("b")) for c14n, label in d.label_map.items()}
    payload = cbor2.dumps([bbs_proof, compressed, d.adjusted_mandatory, d.adjusted_selective, presentation_header])
    d.document["proof"] = dict(proof, proofValue="u" + keys.b64u_encode(DERIVED + payload))
    return d
