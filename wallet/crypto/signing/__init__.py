"""Everything that uses a PRIVATE key, kept apart from verification (as pyca/cryptography keeps its hazmat
layer apart from its recipes): the issuer's signatures (the demo issuer in resources/demo, the tests) and
the holder's (a Verifiable Presentation's proof, a key binding JWT, made in wallet.present).

Verification never imports this package: wallet/verify, wallet/formats and wallet/present/verifier*
check with public keys only (tests/test_signing_apart.py walks their imports).  The encodings and the
canonical forms a signature covers are shared with the verifier (crypto.dataintegrity, crypto.jose,
crypto.bbs2023, crypto.ecdsa_sd), so what is signed here is exactly what is checked there.
"""

from __future__ import annotations

import copy
import hashlib
import json
import secrets
from typing import Any

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from .. import bbs, bbs2023, ecdsa_sd, sd_primitives
from .. import publickeys as keys
from ..dataintegrity import curve_of, is_jcs, proof_config, transform
from ..jose import _HASH, JoseError
from ..jsonld import DocumentLoader, canonical_nquads

__all__ = ["add_bbs2023_base_proof", "add_ecdsa_sd_base_proof", "bbs_public_key", "bbs_sign", "sign_data_integrity",
           "sign_jws"]


# --- Data Integrity (eddsa-rdfc-2022, ecdsa-rdfc-2019) --------------------------------------------


def sign_data_integrity(doc: dict[str, Any], private_key: ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey,
         verification_method: str, *, cryptosuite: str = "eddsa-rdfc-2022", created: str,
         purpose: str = "assertionMethod", loader: DocumentLoader | None = None,
         extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """A Data Integrity proof (eddsa-rdfc-2022, ecdsa-rdfc-2019) by ``private_key``: the issuer's proof on
    a credential, or the holder's on a presentation (purpose authentication)."""
    loader = loader or DocumentLoader()
    unsecured = {k: v for k, v in copy.deepcopy(doc).items() if k != "proof"}
    proof: dict[str, Any] = {"type": "DataIntegrityProof", "cryptosuite": cryptosuite, "created": created,
                             "verificationMethod": verification_method, "proofPurpose": purpose}
    proof.update(extra or {})
    if is_jcs(cryptosuite) and "@context" in unsecured:
        proof["@context"] = unsecured["@context"]  # "Create Proof": a JCS proof carries the document's @context
    pub = private_key.public_key()
    data = transform(unsecured, proof_config(unsecured, proof, cryptosuite), cryptosuite, loader, curve_of(pub))
    if isinstance(private_key, ed25519.Ed25519PrivateKey):
        sig = private_key.sign(data)
    else:
        size = (private_key.curve.key_size + 7) // 8
        r, s = decode_dss_signature(private_key.sign(
            data, ec.ECDSA(hashes.SHA256() if size == 32 else hashes.SHA384())))
        sig = r.to_bytes(size, "big") + s.to_bytes(size, "big")
    proof["proofValue"] = keys.multibase_encode(sig)
    unsecured["proof"] = proof
    return unsecured


# --- JOSE ----------------------------------------------------------------------------------------


def sign_jws(header: dict[str, Any], payload: bytes, private_key: Any) -> str:
    """A compact JWS over ``payload``: an issuer's JWT, or a holder's key binding JWT or VP-JWT."""
    h = keys.b64u_encode(json.dumps(header, separators=(",", ":")).encode())
    p = keys.b64u_encode(payload)
    data = f"{h}.{p}".encode("ascii")
    alg = header["alg"]
    if isinstance(private_key, ed25519.Ed25519PrivateKey):
        sig = private_key.sign(data)
    elif isinstance(private_key, ec.EllipticCurvePrivateKey):
        size = (private_key.curve.key_size + 7) // 8
        r, s = decode_dss_signature(private_key.sign(data, ec.ECDSA(_HASH[alg[2:5]]())))
        sig = r.to_bytes(size, "big") + s.to_bytes(size, "big")
    elif isinstance(private_key, rsa.RSAPrivateKey):
        hh = _HASH[alg[2:]]()
        pad = padding.PKCS1v15() if alg.startswith("RS") else padding.PSS(padding.MGF1(hh), hh.digest_size)
        sig = private_key.sign(data, pad, hh)
    else:
        raise JoseError("unsupported private key")
    return f"{h}.{p}.{keys.b64u_encode(sig)}"


# --- BBS and bbs-2023 ------------------------------------------------------------------------------


def bbs_public_key(sk: int) -> bytes:
    """The BBS public key (a G2 point, compressed) of secret key ``sk``."""
    return bbs.public_key(sk)


def bbs_sign(sk: int, pk: bytes, header: bytes, messages: list[bytes]) -> bytes:
    """BBS Sign (deterministic: e is hashed from the key, the messages and the domain), on the native
    BLS12-381 backend when it is installed (wallet/crypto/bls12381.py), py_ecc otherwise."""
    return bbs.sign(sk, pk, header, messages)


def add_bbs2023_base_proof(document: dict[str, Any], sk: int, verification_method: str, *, created: str,
                   mandatory_pointers: list[str], loader: DocumentLoader, hmac_key: bytes | None = None,
                   ) -> dict[str, Any]:
    """The issuer's side (the demo issuer, tests): sign ``document`` with a bbs-2023 base proof."""
    unsecured = {k: v for k, v in copy.deepcopy(document).items() if k != "proof"}
    proof: dict[str, Any] = {"type": "DataIntegrityProof", "cryptosuite": "bbs-2023", "created": created,
                             "verificationMethod": verification_method, "proofPurpose": "assertionMethod"}
    config = dict(proof, **({"@context": unsecured["@context"]} if "@context" in unsecured else {}))
    hmac_key = hmac_key or secrets.token_bytes(32)
    grouped = sd_primitives.canonicalize_and_group(unsecured, bbs2023.shuffled_labeler(hmac_key),
                                                   {"mandatory": list(mandatory_pointers)}, loader)
    g = grouped.groups["mandatory"]
    header = bbs2023.proof_header(canonical_nquads(config, loader), [g.matching[i] for i in sorted(g.matching)])
    pk = bbs_public_key(sk)
    signature = bbs_sign(sk, pk, header, [g.non_matching[i].encode() for i in sorted(g.non_matching)])
    payload = cbor2.dumps([signature, header, pk, hmac_key, list(mandatory_pointers)])
    proof["proofValue"] = "u" + keys.b64u_encode(bbs2023.BASE + payload)
    unsecured["proof"] = proof
    return unsecured


# --- ecdsa-sd-2023 ---------------------------------------------------------------------------------


def _p256_sign(key: ec.EllipticCurvePrivateKey, data: bytes) -> bytes:
    r, s = decode_dss_signature(key.sign(data, ec.ECDSA(hashes.SHA256())))
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def add_ecdsa_sd_base_proof(document: dict[str, Any], issuer_key: ec.EllipticCurvePrivateKey, verification_method: str, *,
                   created: str, mandatory_pointers: list[str], loader: DocumentLoader,
                   hmac_key: bytes | None = None, ephemeral_key: ec.EllipticCurvePrivateKey | None = None,
                   ) -> dict[str, Any]:
    """The issuer's side (the demo issuer, tests): sign ``document`` with an ecdsa-sd-2023 base proof."""
    unsecured = {k: v for k, v in copy.deepcopy(document).items() if k != "proof"}
    proof: dict[str, Any] = {"type": "DataIntegrityProof", "cryptosuite": "ecdsa-sd-2023", "created": created,
                             "verificationMethod": verification_method, "proofPurpose": "assertionMethod"}
    config = dict(proof, **({"@context": unsecured["@context"]} if "@context" in unsecured else {}))
    proof_hash = hashlib.sha256(canonical_nquads(config, loader).encode()).digest()
    hmac_key = hmac_key or secrets.token_bytes(32)
    ephemeral_key = ephemeral_key or ec.generate_private_key(ec.SECP256R1())
    grouped = sd_primitives.canonicalize_and_group(unsecured, sd_primitives.hmac_labeler(hmac_key),
                                                   {"mandatory": list(mandatory_pointers)}, loader)
    mandatory, optional = ecdsa_sd.split_mandatory(grouped)
    public_key = keys.multibase_decode(keys.to_multikey(ephemeral_key.public_key()))
    signatures = [_p256_sign(ephemeral_key, q.encode()) for q in optional]
    mandatory_hash = hashlib.sha256("".join(mandatory).encode()).digest()
    base_signature = _p256_sign(issuer_key, proof_hash + public_key + mandatory_hash)
    payload = cbor2.dumps([base_signature, public_key, hmac_key, signatures, list(mandatory_pointers)])
    proof["proofValue"] = "u" + keys.b64u_encode(ecdsa_sd.BASE_HEADER + payload)
    unsecured["proof"] = proof
    return unsecured
