"""Blockcerts v3: the MerkleProof2019 receipt checked offline against the certificate content.

The certificate (without its proof) is canonicalized (RDFC-1.0) and hashed (SHA-256); that hash must
equal the receipt's targetHash, and walking the receipt's path must reproduce its merkleRoot.  Whether
the merkle root was really anchored in a blockchain transaction needs a blockchain explorer: online
only, and otherwise reported as skipped.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import cbor2

from ..crypto import publickeys as keys
from ..crypto.canon import CanonicalizationError
from ..crypto.jsonld import ContextNotAvailable, JsonLdProblem, canonical_nquads
from ..messages import msg
from ..model import FAIL, PASS, SKIPPED

MAX_PROOFS = 8  # a proof set larger than this is refused, not checked
_KEYS = {0: "merkleRoot", 1: "targetHash", 2: "anchors", 3: "path"}
_SIDES = {0: "left", 1: "right"}  # LD Merkle Proof 2019 key map
_CHAINS = {-1: "mocknet", 0: "bitcoin", 1: "ethereum"}


def _value(v: Any) -> Any:
    """Values are CBOR-encoded text (hex strings) or raw bytes."""
    if isinstance(v, bytes) and v[:1] in (b"x", b"y", b"X", b"Y") and len(v) > 2:
        try:
            return cbor2.loads(v)
        except cbor2.CBORDecodeError:
            return v
    return v


def decode_receipt(proof_value: str) -> dict[str, Any]:
    """LD Merkle Proof 2019 receipt: base58btc multibase of CBOR ``[[key, cbor(value)], ...]``."""
    obj = cbor2.loads(keys.multibase_decode(proof_value))
    if isinstance(obj, dict):
        return obj
    if not isinstance(obj, list):
        raise ValueError(msg("error.merkle.bad_receipt"))
    out: dict[str, Any] = {}
    for entry in obj:
        if not isinstance(entry, list) or len(entry) != 2 or entry[0] not in _KEYS:
            raise ValueError(msg("error.merkle.bad_entry"))
        name, value = _KEYS[entry[0]], entry[1]
        if name == "path":
            steps = []
            for step in value:
                if isinstance(step, list) and len(step) == 2 and isinstance(step[0], int):
                    steps.append({_SIDES.get(step[0], "?"): _value(step[1])})
                elif isinstance(step, list) and step and isinstance(step[0], list) and len(step[0]) == 2:
                    steps.append({_SIDES.get(step[0][0], "?"): _value(step[0][1])})
                else:
                    raise ValueError(msg("error.merkle.bad_step"))
            out[name] = steps
        elif name == "anchors":
            anchors = []
            for a in value:
                parts = {p[0]: p[1] for p in a if isinstance(p, list) and len(p) == 2}
                code = parts.get(0)
                chain = _CHAINS.get(code, str(code)) if isinstance(code, int) else str(code)
                anchors.append(f"blink:{chain}:{_value(parts.get(1, b''))!s}")
            out[name] = anchors
        else:
            out[name] = _value(value)
    return out


def _hexish(v: Any) -> str:
    return v.hex() if isinstance(v, bytes) else str(v)


def merkle_root(target: bytes, path: list[Any]) -> bytes:
    node = target
    for step in path:
        if not isinstance(step, dict) or len(step) != 1:
            raise ValueError(msg("error.merkle.bad_step"))
        (side, value), = step.items()
        sibling = bytes.fromhex(_hexish(value))
        if side in ("left", 0, "l"):
            node = hashlib.sha256(sibling + node).digest()
        elif side in ("right", 1, "r"):
            node = hashlib.sha256(node + sibling).digest()
        else:
            raise ValueError(msg("error.merkle.bad_side", side=repr(side)))
    return node


def is_merkle(proof: Any) -> bool:
    """A MerkleProof2019 receipt, in any of the shapes Blockcerts uses (its own type, the Data Integrity
    cryptosuite name, or the last link of a ChainedProof2021)."""
    return isinstance(proof, dict) and (
        proof.get("type") == "MerkleProof2019" or proof.get("cryptosuite") == "merkle-proof-2019"
        or (proof.get("type") == "ChainedProof2021" and proof.get("chainedProofType") == "MerkleProof2019"))


@dataclass
class MerkleResult:
    status: str  # pass | fail | skipped
    message: str
    anchors: list[str] = field(default_factory=list)


def verify_merkle(doc: dict[str, Any], index: int, proofs: list[dict[str, Any]], ctx: Any,
                  what: str = "") -> MerkleResult:
    """Check the MerkleProof2019 receipt ``proofs[index]`` of ``doc`` (a credential or a presentation).

    What was hashed is the document as it stood when that receipt was made: without its proofs, or, in a
    proof set, with only the proofs that came before it (the Blockcerts verifier hashes
    ``proof.slice(0, index)``), so a receipt added after an issuer's signature covers that signature too,
    chained (ChainedProof2021) or not."""
    what = what or msg("word.the_certificate")
    merkle = proofs[index]
    try:
        receipt = decode_receipt(str(merkle.get("proofValue", "")))
        unsigned = {k: v for k, v in doc.items() if k != "proof"}
        earlier = proofs[:index]
        if earlier:
            unsigned["proof"] = earlier[0] if len(earlier) == 1 else earlier
        digest = hashlib.sha256(canonical_nquads(unsigned, ctx.loader).encode()).digest()
    except ContextNotAvailable as exc:
        return MerkleResult(SKIPPED, msg("check.blockcerts.merkle_not_checked", reason=exc))
    except (ValueError, TypeError, CanonicalizationError, JsonLdProblem, keys.KeyFormatError, cbor2.CBORDecodeError) as exc:
        return MerkleResult(FAIL, msg("check.blockcerts.cannot_check", reason=exc))
    if _hexish(receipt.get("targetHash")) != digest.hex():
        return MerkleResult(FAIL, msg("check.merkle.altered", what=what))
    try:
        root = merkle_root(digest, list(receipt.get("path") or []))
    except (ValueError, TypeError) as exc:
        return MerkleResult(FAIL, msg("check.blockcerts.malformed", reason=exc))
    if root.hex() != _hexish(receipt.get("merkleRoot")):
        return MerkleResult(FAIL, msg("check.blockcerts.wrong_root"))
    return MerkleResult(PASS, msg("check.merkle.matches", what=what),

                        [str(a) for a in receipt.get("anchors") or []])


def anchor_check(rep: Any, anchors: list[str], online: bool) -> None:
    """Whether a Merkle root was really written to a blockchain needs a blockchain explorer: never ``pass``
    offline."""
    if anchors and all("mocknet" in a for a in anchors):
        rep.add("anchor", SKIPPED, msg("check.anchor.mocknet"))
    else:
        rep.add("anchor", SKIPPED, msg("check.anchor.not_checked" if online else "check.anchor.not_checked_offline"))


def check(doc: dict[str, Any], rep: Any, ctx: Any) -> None:
    """Every proof of a Blockcerts v3 certificate: each Merkle receipt, and each signature beside it (a
    proof set must hold as a whole; a proof that cannot be checked is never papered over by another)."""
    from ..crypto import dataintegrity as di

    proofs = di.proofs_of(doc)
    if not any(is_merkle(p) for p in proofs):
        rep.add("signature", SKIPPED, msg("check.blockcerts.unsupported_proof"))
        return
    if len(proofs) > MAX_PROOFS:  # each receipt hashes a different document: bound the work before it starts
        rep.add("signature", FAIL, msg("check.signature.too_many_proofs", n=len(proofs), max=MAX_PROOFS))
        return
    results: list[tuple[str, str]] = []
    anchors: list[str] = []
    for i, p in enumerate(proofs):
        if is_merkle(p):
            m = verify_merkle(doc, i, proofs, ctx)
            results.append((m.status, m.message))
            anchors += m.anchors
        else:
            r = di.verify_proof(doc, p, proofs, ctx.resolver, ctx.loader)
            results.append((r.status, r.message))
    fails = [m for s, m in results if s == FAIL]
    unchecked = [m for s, m in results if s == SKIPPED]
    several = len(results) > 1
    if fails:
        rep.add("signature", FAIL, msg("check.signature.failed", reason=fails[0]))
        return
    if unchecked:
        what = (msg("word.proofs_not_checked", n=len(unchecked), total=len(results)) if several
                else msg("word.merkle_not_checked"))
        rep.add("signature", SKIPPED, msg("check.signature.not_checked", what=what, reason=unchecked[0]))
    else:
        rep.add("signature", PASS, msg("check.blockcerts.matches_all", n=len(results)) if several
                else msg("check.blockcerts.matches"))
    if anchors:
        anchor_check(rep, anchors, ctx.online)


def check_v2(doc: dict[str, Any], rep: Any, ctx: Any) -> None:
    """Blockcerts 2.x (MerkleProof2017): the receipt is plain JSON in ``signature``; the target hash is
    SHA-256 over the RDF-canonical form of the certificate without its signature."""
    sig = doc.get("signature")
    if not isinstance(sig, dict) or "MerkleProof2017" not in (sig.get("type") or []):
        rep.add("signature", FAIL, msg("check.blockcerts.not_2017"))
        return
    try:
        unsigned = {k: v for k, v in doc.items() if k != "signature"}
        digest = hashlib.sha256(canonical_nquads(unsigned, ctx.loader).encode()).digest()
    except ContextNotAvailable as exc:
        rep.add("signature", SKIPPED, msg("check.blockcerts.merkle_not_checked", reason=exc))
        return
    except (ValueError, CanonicalizationError, JsonLdProblem) as exc:
        rep.add("signature", FAIL, msg("check.blockcerts.cannot_check", reason=exc))
        return
    if str(sig.get("targetHash", "")).lower() != digest.hex():
        rep.add("signature", FAIL, msg("check.blockcerts.altered"))
        return
    try:
        path = sig.get("proof") or []
        if not isinstance(path, list):
            raise ValueError(msg("error.blockcerts.proof_not_list"))
        root = merkle_root(digest, path)
    except ValueError as exc:
        rep.add("signature", FAIL, msg("check.blockcerts.malformed", reason=exc))
        return
    if root.hex() != str(sig.get("merkleRoot", "")).lower():
        rep.add("signature", FAIL, msg("check.blockcerts.wrong_root"))
        return
    rep.add("signature", PASS, msg("check.blockcerts.matches"))
    anchors = [a for a in sig.get("anchors") or [] if isinstance(a, dict)]
    if any(str(a.get("chain", "")).startswith("mock") or a.get("type") == "Mock" for a in anchors):
        rep.add("anchor", SKIPPED, msg("check.anchor.mockchain"))
    else:
        rep.add("anchor", SKIPPED, msg("check.anchor.not_checked" if ctx.online else "check.anchor.not_checked_offline"))

