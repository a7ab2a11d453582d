"""The two Data Integrity selective-disclosure suites behind one door: ecdsa-sd-2023 and bbs-2023.

A credential carries either a base proof (the issuer's, kept by the holder, from which disclosures
are derived) or a derived proof (a disclosure, for a verifier).  BBS code (and BLS12-381) is imported
only when a BBS credential is met.
"""

from __future__ import annotations

from typing import Any

from .jsonld import DocumentLoader

SUITES = ("ecdsa-sd-2023", "bbs-2023")


def _suite(doc: Any) -> tuple[Any, dict[str, Any]] | None:
    proof = doc.get("proof") if isinstance(doc, dict) else None
    if not isinstance(proof, dict) or proof.get("cryptosuite") not in SUITES:
        return None
    if proof["cryptosuite"] == "ecdsa-sd-2023":
        from . import ecdsa_sd as module
    else:
        from . import bbs2023 as module  # type: ignore[no-redef]
    return module, proof


def mandatory_pointers(doc: Any) -> list[str] | None:
    """The issuer's mandatory pointers when ``doc`` holds a well-formed base proof, else None."""
    found = _suite(doc)
    if found is None:
        return None
    module, proof = found
    try:
        pointers = module.FORMAT.items(proof.get("proofValue"), module.FORMAT.base)[-1]
    except ValueError:
        return None  # a derived proof (already disclosed) or a broken one: the signature check says which
    if not isinstance(pointers, list) or not all(isinstance(p, str) and p.startswith("/") for p in pointers):
        return None
    return pointers


def is_derived(doc: Any) -> bool:
    found = _suite(doc)
    return found is not None and found[0].FORMAT.is_derived(found[1].get("proofValue"))


def derive(doc: dict[str, Any], pointers: list[str], loader: DocumentLoader) -> dict[str, Any]:
    """The credential as a verifier gets it: the chosen statements, the mandatory ones, a derived proof."""
    found = _suite(doc)
    if found is None:
        raise ValueError("the credential has no selective-disclosure proof to derive from")
    return found[0].derive(doc, pointers, loader).document
