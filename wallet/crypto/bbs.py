"""BBS signatures and proofs (IRTF CFRG draft "The BBS Signature Scheme", ciphersuite BLS12-381-SHA-256)
on py_ecc's BLS12-381 arithmetic, pairing and hash-to-curve: Verify and ProofVerify, ProofGen (the
holder's disclosure), and Sign (the demo issuer and tests).

Used by the bbs-2023 Data Integrity cryptosuite: the issuer signs every statement as one message; the
holder derives a zero-knowledge proof that discloses some of them; the verifier checks that proof
(ProofVerify) or, for the holder's own copy, the signature (Verify).  Generators are derived from
fixed seeds, so they are computed once per process and reused.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from py_ecc.bls.g2_primitives import subgroup_check
from py_ecc.bls.hash import expand_message_xmd
from py_ecc.bls.hash_to_curve import hash_to_G1
from py_ecc.bls.point_compression import compress_G1, decompress_G1, decompress_G2
from py_ecc.bls.typing import G1Compressed, G2Compressed
from py_ecc.optimized_bls12_381 import (
    FQ12,
    G2,
    Z1,
    add,
    curve_order,
    final_exponentiate,
    is_inf,
    multiply,
    neg,
    pairing,
)

CIPHERSUITE_ID = b"BBS_BLS12381G1_XMD:SHA-256_SSWU_RO_"
API_ID = CIPHERSUITE_ID + b"H2G_HM2S_"
BLIND_API_ID = CIPHERSUITE_ID + b"BLIND_H2G_HM2S_"
EXPAND_LEN = 48
POINT_LEN, SCALAR_LEN = 48, 32
# P1 of the ciphersuite: create_generators(1) from the "BP_MESSAGE_GENERATOR_SEED" (checked by a test)
P1_HEX = "a8ce256102840821a3e94ea9025e4662b205762f9776b3a766c872b948f1fd225e7c59698588e70d11406d161b4e28c9"
MAX_MESSAGES = 512  # a credential has far fewer statements; this bounds the work an input can ask for


class BbsError(ValueError):
    pass


def _expand(msg: bytes, dst: bytes, length: int = EXPAND_LEN) -> bytes:
    # py_ecc annotates the hash argument as a hash object; it is called as a constructor, as here
    return expand_message_xmd(msg, dst, length, hashlib.sha256)  # type: ignore[arg-type]


def hash_to_scalar(msg: bytes, dst: bytes) -> int:
    return int.from_bytes(_expand(msg, dst), "big") % curve_order


def messages_to_scalars(messages: list[bytes], api_id: bytes = API_ID) -> list[int]:
    dst = api_id + b"MAP_MSG_TO_SCALAR_AS_HASH_"
    return [hash_to_scalar(m, dst) for m in messages]


_GEN_LOCK = threading.Lock()
_GENERATORS: dict[bytes, list[Any]] = {}


def create_generators(count: int, api_id: bytes = API_ID, seed_name: bytes = b"MESSAGE_GENERATOR_SEED") -> list[Any]:
    """The first ``count`` generators; each one depends only on those before it, so they are cached."""
    if not 0 < count <= MAX_MESSAGES + 1:
        raise BbsError(f"{count} generators asked for")
    seed_dst, gen_dst = api_id + b"SIG_GENERATOR_SEED_", api_id + b"SIG_GENERATOR_DST_"
    key = api_id + b"|" + seed_name
    with _GEN_LOCK:
        cached = _GENERATORS.setdefault(key, [])
        if len(cached) < count:
            v = _expand(api_id + seed_name, seed_dst)
            for i in range(1, count + 1):
                v = _expand(v + i.to_bytes(8, "big"), seed_dst)
                if i > len(cached):
                    cached.append(hash_to_G1(v, gen_dst, hashlib.sha256))  # type: ignore[arg-type]
        return cached[:count]


@lru_cache(maxsize=1)
def p1() -> Any:
    return decompress_G1(G1Compressed(int(P1_HEX, 16)))


def point_to_octets(p: Any) -> bytes:
    return compress_G1(p).to_bytes(POINT_LEN, "big")


def octets_to_g1(b: bytes) -> Any:
    try:
        p = decompress_G1(G1Compressed(int.from_bytes(b, "big")))
    except ValueError as exc:
        raise BbsError(f"not a BLS12-381 G1 point ({exc})") from exc
    if is_inf(p) or not subgroup_check(p):
        raise BbsError("a proof point is the identity or outside the prime-order subgroup")
    return p


@lru_cache(maxsize=64)  # an issuer's key is checked once (the G2 subgroup check is the slow part)
def octets_to_pubkey(pk: bytes) -> Any:
    if len(pk) != 96:
        raise BbsError("a BBS public key is 96 bytes (a compressed BLS12-381 G2 point)")
    try:
        w = decompress_G2(G2Compressed((int.from_bytes(pk[:48], "big"), int.from_bytes(pk[48:], "big"))))
    except ValueError as exc:
        raise BbsError(f"not a BLS12-381 G2 point ({exc})") from exc
    if is_inf(w) or not subgroup_check(w):
        raise BbsError("the public key is the identity or outside the prime-order subgroup")
    return w


def _scalar(b: bytes) -> int:
    s = int.from_bytes(b, "big")
    if not 0 < s < curve_order:
        raise BbsError("a proof scalar is out of range")
    return s


class Scalar(int):
    """An integer serialized as a 32-octet scalar (a plain int is an 8-octet count or index)."""


def serialize(items: list[Any]) -> bytes:
    """Points compressed; scalars as 32 octets; plain integers as 8."""
    out = []
    for el in items:
        if isinstance(el, Scalar):
            out.append(int(el).to_bytes(SCALAR_LEN, "big"))
        elif isinstance(el, int):
            out.append(el.to_bytes(8, "big"))
        elif isinstance(el, bytes):
            out.append(el)
        else:
            out.append(point_to_octets(el))
    return b"".join(out)


def _sum(terms: list[tuple[Any, int]], start: Any = Z1) -> Any:
    acc = start
    for point, k in terms:
        acc = add(acc, multiply(point, k % curve_order))
    return acc


def calculate_domain(pk: bytes, generators: list[Any], header: bytes, api_id: bytes = API_ID) -> int:
    q1, hs = generators[0], generators[1:]
    dom_octs = serialize([len(hs), q1, *hs]) + api_id
    dom_input = pk + dom_octs + len(header).to_bytes(8, "big") + header
    return hash_to_scalar(dom_input, api_id + b"H2S_")


def _pairing_is_one(a: Any, w: Any, b: Any) -> bool:
    """e(a, w) * e(b, -BP2) == 1, with one final exponentiation."""
    f = pairing(w, a, final_exponentiate=False) * pairing(neg(G2), b, final_exponentiate=False)
    return final_exponentiate(f) == FQ12.one()


def verify_signature(pk: bytes, signature: bytes, header: bytes, messages: list[bytes]) -> bool:
    """BBS Verify: the holder's check of the issuer's signature over all messages."""
    if len(signature) != POINT_LEN + SCALAR_LEN:
        raise BbsError("a BBS signature is 80 bytes")
    if len(messages) > MAX_MESSAGES:
        raise BbsError("too many messages")
    w = octets_to_pubkey(pk)
    a = octets_to_g1(signature[:POINT_LEN])
    e = int.from_bytes(signature[POINT_LEN:], "big")
    if not 0 <= e < curve_order:
        raise BbsError("the signature's scalar is out of range")
    generators = create_generators(len(messages) + 1)
    domain = calculate_domain(pk, generators, header)
    scalars = messages_to_scalars(messages)
    b = _sum([(generators[0], domain)] + list(zip(generators[1:], scalars, strict=True)), p1())
    # e(A, W + BP2 * e) * e(B, -BP2) == 1
    f = pairing(add(w, multiply(G2, e)), a, final_exponentiate=False) * pairing(neg(G2), b, final_exponentiate=False)
    return final_exponentiate(f) == FQ12.one()


def verify_proof(pk: bytes, proof: bytes, header: bytes, ph: bytes, disclosed_messages: list[bytes],
                 disclosed_indexes: list[int]) -> bool:
    """BBS ProofVerify (the proof layout with D, e^, r1^, r3^: draft 06 and later)."""
    _, total = _proof_shape(proof, disclosed_messages, disclosed_indexes)
    return _core_proof_verify(pk, proof, create_generators(total + 1), header, ph,
                              messages_to_scalars(disclosed_messages), disclosed_indexes, API_ID)


def verify_blind_proof(pk: bytes, proof: bytes, header: bytes, ph: bytes, signer_messages: int,
                       disclosed_messages: list[bytes], disclosed_indexes: list[int]) -> bool:
    """BlindProofVerify (draft "Blind BBS Signatures"): a proof of a signature over ``signer_messages``
    messages from the issuer plus messages the holder committed to (here: the holder's secret, never
    disclosed), for anonymous holder binding."""
    _, total = _proof_shape(proof, disclosed_messages, disclosed_indexes)
    committed = total - 1 - signer_messages  # the prover's blind factor counts as a committed message
    if not 0 <= signer_messages <= total - 1 or committed < 0 or any(i >= signer_messages for i in disclosed_indexes):
        raise BbsError("the proof does not fit the number of signed messages it names")
    generators = create_generators(signer_messages + 1, BLIND_API_ID) + \
        create_generators(committed + 1, b"BLIND_" + BLIND_API_ID)
    return _core_proof_verify(pk, proof, generators, header, ph,
                              messages_to_scalars(disclosed_messages, BLIND_API_ID), disclosed_indexes, BLIND_API_ID)


def _proof_shape(proof: bytes, disclosed_messages: list[bytes], disclosed_indexes: list[int]) -> tuple[int, int]:
    """(undisclosed, total) message counts a proof of this length stands for, or BbsError."""
    floor = 3 * POINT_LEN + 4 * SCALAR_LEN
    if len(proof) < floor or (len(proof) - floor) % SCALAR_LEN:
        raise BbsError(f"a BBS proof of {len(proof)} bytes has no valid layout")
    if len(disclosed_messages) != len(disclosed_indexes):
        raise BbsError("disclosed messages and indexes differ in number")
    u = (len(proof) - floor) // SCALAR_LEN
    r = len(disclosed_indexes)
    total = u + r
    if total > MAX_MESSAGES:
        raise BbsError("too many messages")
    if len(set(disclosed_indexes)) != r or any(not 0 <= i < total for i in disclosed_indexes):
        raise BbsError("disclosed indexes are repeated or out of range")
    return u, total


def _core_proof_verify(pk: bytes, proof: bytes, generators: list[Any], header: bytes, ph: bytes, msgs: list[int],
                       disclosed_indexes: list[int], api_id: bytes) -> bool:
    """CoreProofVerify: recompute the challenge from the proof, then the pairing equation."""
    w = octets_to_pubkey(pk)
    abar, bbar, d = (octets_to_g1(proof[i * POINT_LEN:(i + 1) * POINT_LEN]) for i in range(3))
    n_scalars = (len(proof) - 3 * POINT_LEN) // SCALAR_LEN
    scalars = [_scalar(proof[3 * POINT_LEN + i * SCALAR_LEN: 3 * POINT_LEN + (i + 1) * SCALAR_LEN])
               for i in range(n_scalars)]
    e_hat, r1_hat, r3_hat, commitments, c = scalars[0], scalars[1], scalars[2], scalars[3:-1], scalars[-1]
    q1, hs = generators[0], generators[1:]
    undisclosed = [i for i in range(len(hs)) if i not in set(disclosed_indexes)]
    domain = calculate_domain(pk, generators, header, api_id)
    t1 = _sum([(bbar, c), (abar, e_hat), (d, r1_hat)])
    bv = _sum([(q1, domain)] + [(hs[i], m) for i, m in zip(disclosed_indexes, msgs, strict=True)], p1())
    t2 = _sum([(bv, c), (d, r3_hat)] + [(hs[j], m) for j, m in zip(undisclosed, commitments, strict=True)])
    c_arr: list[Any] = [len(disclosed_indexes)]
    for i, m in zip(disclosed_indexes, msgs, strict=True):
        c_arr += [i, Scalar(m)]
    c_arr += [abar, bbar, d, t1, t2, Scalar(domain)]
    challenge = hash_to_scalar(serialize(c_arr) + len(ph).to_bytes(8, "big") + ph, api_id + b"H2S_")
    if challenge != c:
        return False
    return _pairing_is_one(abar, w, bbar)


# --- the prover's side (the holder: a proof from a signature; signing is in crypto.signing) ---------


def _b(pk: bytes, generators: list[Any], header: bytes, scalars: list[int]) -> tuple[Any, int]:
    domain = calculate_domain(pk, generators, header)
    return _sum([(generators[0], domain)] + list(zip(generators[1:], scalars, strict=True)), p1()), domain


def random_scalars(count: int) -> list[int]:
    return [int.from_bytes(secrets.token_bytes(EXPAND_LEN), "big") % curve_order for _ in range(count)]


def proof_gen(pk: bytes, signature: bytes, header: bytes, ph: bytes, messages: list[bytes], disclosed_indexes: list[int],
              randomness: Callable[[int], list[int]] = random_scalars) -> bytes:
    """BBS ProofGen: a zero-knowledge proof of the signature that reveals only the disclosed messages."""
    total = len(messages)
    if total > MAX_MESSAGES or len(set(disclosed_indexes)) != len(disclosed_indexes) or \
            any(not 0 <= i < total for i in disclosed_indexes):
        raise BbsError("disclosed indexes are repeated or out of range")
    a = octets_to_g1(signature[:POINT_LEN])
    e = int.from_bytes(signature[POINT_LEN:], "big")
    disclosed = sorted(disclosed_indexes)
    undisclosed = [i for i in range(total) if i not in set(disclosed)]
    generators = create_generators(total + 1)
    scalars = messages_to_scalars(messages)
    r1, r2, e_t, r1_t, r3_t, *m_t = randomness(5 + len(undisclosed))
    b, domain = _b(pk, generators, header, scalars)
    d = multiply(b, r2)
    abar = multiply(a, r1 * r2 % curve_order)
    bbar = add(multiply(d, r1), neg(multiply(abar, e)))
    t1 = _sum([(abar, e_t), (d, r1_t)])
    t2 = _sum([(d, r3_t)] + [(generators[1 + j], m) for j, m in zip(undisclosed, m_t, strict=True)])
    c_arr: list[Any] = [len(disclosed)]
    for i in disclosed:
        c_arr += [i, Scalar(scalars[i])]
    c_arr += [abar, bbar, d, t1, t2, Scalar(domain)]
    c = hash_to_scalar(serialize(c_arr) + len(ph).to_bytes(8, "big") + ph, API_ID + b"H2S_")
    r3 = pow(r2, -1, curve_order)
    hats = [(e_t + e * c) % curve_order, (r1_t - r1 * c) % curve_order, (r3_t - r3 * c) % curve_order]
    hats += [(m + scalars[j] * c) % curve_order for j, m in zip(undisclosed, m_t, strict=True)]
    return serialize([abar, bbar, d, *map(Scalar, hats), Scalar(c)])
