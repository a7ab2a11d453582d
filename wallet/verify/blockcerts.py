"""Blockcerts v3: the MerkleProof2019 receipt checked offline against the certificate content.

The certificate (without its proof) is canonicalized (RDFC-1.0) and hashed (SHA-256); that hash must
equal the receipt's targetHash, and walking the receipt's path must reproduce its merkleRoot.  Whether
the merkle root was really anchored in a blockchain transaction needs a blockchain explorer: online
only, and otherwise reported as skipped.
"""

from __future__ import annotations

import hashlib
from typing import Any

import cbor2

from ..model import FAIL, PASS, SKIPPED
from . import keys
from .canon import CanonicalizationError
from .jsonld import ContextNotAvailable, JsonLdProblem, canonical_nquads


def decode_receipt(proof_value: str) -> dict[str, Any]:
    raw = keys.multibase_decode(proof_value)
    obj = cbor2.loads(raw)
    if not isinstance(obj, dict):
        raise ValueError("receipt is not a map")
    # LD-CBOR style: {"merkleRoot", "targetHash", "path", "anchors"} possibly keyed by small ints
    names = {0: "merkleRoot", 1: "targetHash", 2: "path", 3: "anchors"}
    return {names.get(k, k) if isinstance(k, int) else k: v for k, v in obj.items()}


def _hexish(v: Any) -> str:
    if isinstance(v, bytes):
        return v.hex()
    return str(v)


def merkle_root(target: bytes, path: list[Any]) -> bytes:
    node = target
    for step in path:
        if not isinstance(step, dict) or len(step) != 1:
            raise ValueError("malformed merkle path step")
        (side, value), = step.items()
        sibling = bytes.fromhex(_hexish(value))
        if side in ("left", 0, "l"):
            node = hashlib.sha256(sibling + node).digest()
        elif side in ("right", 1, "r"):
            node = hashlib.sha256(node + sibling).digest()
        else:
            raise ValueError(f"unknown merkle path side {side!r}")
    return node


def check(doc: dict[str, Any], rep: Any, ctx: Any) -> None:
    proofs = [p for p in (doc.get("proof") if isinstance(doc.get("proof"), list) else [doc.get("proof")])
              if isinstance(p, dict)]
    merkle = next((p for p in proofs if p.get("type") == "MerkleProof2019"), None)
    if merkle is None:
        rep.add("signature", SKIPPED, "Blockcerts proof type is not supported (only MerkleProof2019)")
        return
    try:
        receipt = decode_receipt(str(merkle.get("proofValue", "")))
        unsigned = {k: v for k, v in doc.items() if k != "proof"}
        digest = hashlib.sha256(canonical_nquads(unsigned, ctx.loader).encode()).digest()
    except ContextNotAvailable as exc:
        rep.add("signature", SKIPPED, f"Merkle proof not checked: {exc}")
        return
    except (ValueError, CanonicalizationError, JsonLdProblem, keys.KeyError_, cbor2.CBORDecodeError) as exc:
        rep.add("signature", FAIL, f"the Blockcerts receipt cannot be checked: {exc}")
        return
    target = _hexish(receipt.get("targetHash"))
    if target != digest.hex():
        rep.add("signature", FAIL, "the certificate content does not match its Merkle receipt (altered)")
        return
    try:
        root = merkle_root(digest, list(receipt.get("path") or []))
    except ValueError as exc:
        rep.add("signature", FAIL, f"the Merkle receipt is malformed: {exc}")
        return
    if root.hex() != _hexish(receipt.get("merkleRoot")):
        rep.add("signature", FAIL, "the Merkle path does not lead to the receipt's root")
        return
    rep.add("signature", PASS, "the certificate matches its Merkle proof (content unaltered)")
    anchors = [str(a) for a in receipt.get("anchors") or []]
    mock = any(":mocknet" in a or "mocknet" in a for a in anchors)
    if mock:
        rep.add("anchor", SKIPPED, "anchored on a test network (mocknet): no blockchain to check")
    else:
        rep.add("anchor", SKIPPED, "blockchain anchor not checked (needs a blockchain explorer"
                + ("" if ctx.online else "; online checks are off") + ")")
