"""BBS signatures and proofs (IRTF CFRG draft "The BBS Signature Scheme", ciphersuite BLS12-381-SHA-256)
on BLS12-381 (``bls12381``: native arkworks when installed, py_ecc as the reference and fallback):
Verify and ProofVerify, ProofGen (the holder's disclosure), and Sign (the demo issuer and tests).

Used by the bbs-2023 Data Integrity cryptosuite: the issuer signs every statement as one message; the
holder derives a zero-knowledge proof that discloses some of them; the verifier checks that proof
(ProofVerify) or, for the holder's own copy, the signature (Verify).  Generators are derived from
fixed seeds, so they are computed once per process and backend and reused.  Every function takes an
optional ``backend`` (a ``bls12381`` backend name) so the tests can run the same inputs on both.
"""


from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from . import bls12381
from .bls12381 import CURVE_ORDER as curve_order

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


def _bk(backend: str | None) -> Any:
    try:
        return bls12381.backend(backend)
    except bls12381.BlsError as exc:
        raise BbsError(str(exc)) from exc


def _expand(msg: bytes, dst: bytes, length: int = EXPAND_LEN) -> bytes:
    return bls12381.expand_message_xmd(msg, dst, length)


def hash_to_scalar(msg: bytes, dst: bytes) -> int:
    return int.from_bytes(_expand(msg, dst), "big") % curve_order


def messages_to_scalars(messages: list[bytes], api_id: bytes = API_ID) -> list[int]:
    dst = api_id + b"MAP_MSG_TO_SCALAR_AS_HASH_"
    return [hash_to_scalar(m, dst) for m in messages]


_GEN_LOCK = threading.Lock()
_GENERATORS: dict[tuple[str, bytes], list[Any]] = {}


def create_generators(count: int, api_id: bytes = API_ID, seed_name: bytes = b"MESSAGE_GENERATOR_SEED",
                      backend: str | None = None) -> list[Any]:
    """The first ``count`` generators; each one depends only on those before it, so they are cached."""
    if not 0 < count <= MAX_MESSAGES + 1:
        raise BbsError(f"{count} generators asked for")
    bk = _bk(backend)
    seed_dst, gen_dst = api_id + b"SIG_GENERATOR_SEED_", api_id + b"SIG_GENERATOR_DST_"
    key = (bk.name, api_id + b"|" + seed_name)
    with _GEN_LOCK:
        cached = _GENERATORS.setdefault(key, [])
        if len(cached) < count:
            v = _expand(api_id + seed_name, seed_dst)
            for i in range(1, count + 1):
                v = _expand(v + i.to_bytes(8, "big"), seed_dst)
                if i > len(cached):
                    cached.append(bk.hash_to_g1(v, gen_dst))
        return cached[:count]


def p1(backend: str | None = None) -> Any:
    return _p1(_bk(backend).name)


@lru_cache(maxsize=4)
def _p1(name: str) -> Any:
    return _bk(name).g1_decode(bytes.fromhex(P1_HEX))


def point_to_octets(p: Any, backend: str | None = None) -> bytes:
    return _bk(backend).g1_encode(p)


def octets_to_g1(b: bytes, backend: str | None = None) -> Any:
    try:
        return _bk(backend).g1_decode(b)
    except bls12381.BlsError as exc:
        raise BbsError(str(exc).replace("the G1 point", "a proof point")) from exc


def octets_to_pubkey(pk: bytes, backend: str | None = None) -> Any:
    if len(pk) != 96:
        raise BbsError("a BBS public key is 96 bytes (a compressed BLS12-381 G2 point)")
    return _pubkey(bytes(pk), _bk(backend).name)


@lru_cache(maxsize=64)  # an issuer's key is checked once (the G2 subgroup check is the slow part)
def _pubkey(pk: bytes, name: str) -> Any:
    try:
        return _bk(name).g2_decode(pk)
    except bls12381.BlsError as exc:
        raise BbsError(str(exc).replace("the G2 point", "the public key")) from exc


def _scalar(b: bytes) -> int:
    s = int.from_bytes(b, "big")
    if not 0 < s < curve_order:
        raise BbsError("a proof scalar is out of range")
    return s


class Scalar(int):
    """An integer serialized as a 32-octet scalar (a plain int is an 8-octet count or index)."""


def serialize(items: list[Any], backend: str | None = None) -> bytes:
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
            out.append(point_to_octets(el, backend))
    return b"".join(out)


def calculate_domain(pk: bytes, generators: list[Any], header: bytes, api_id: bytes = API_ID,
                     backend: str | None = None) -> int:
    q1, hs = generators[0], generators[1:]
    dom_octs = serialize([len(hs), q1, *hs], backend) + api_id
    dom_input = pk + dom_octs + len(header).to_bytes(8, "big") + header
    return hash_to_scalar(dom_input, api_id + b"H2S_")


def _pairing_is_one(bk: Any, pairs: list[tuple[Any, Any]]) -> bool:
    """prod e(P, Q) == 1, with one final exponentiation."""
    return bool(bk.pairing_product_is_one(pairs))


def verify_signature(pk: bytes, signature: bytes, header: bytes, messages: list[bytes],
                     backend: str | None = None) -> bool:
    """BBS Verify: the holder's check of the issuer's signature over all messages."""
    if len(signature) != POINT_LEN + SCALAR_LEN:
        raise BbsError("a BBS signature is 80 bytes")
    if len(messages) > MAX_MESSAGES:
        raise BbsError("too many messages")
    bk = _bk(backend)
    w = octets_to_pubkey(pk, bk.name)
    a = octets_to_g1(signature[:POINT_LEN], bk.name)
    e = int.from_bytes(signature[POINT_LEN:], "big")
    if not 0 <= e < curve_order:
        raise BbsError("the signature's scalar is out of range")
    generators = create_generators(len(messages) + 1, backend=bk.name)
    domain = calculate_domain(pk, generators, header, backend=bk.name)
    scalars = messages_to_scalars(messages)
    b = bk.msm(generators, [domain, *scalars], p1(bk.name))
    # e(A, W + BP2 * e) * e(B, -BP2) == 1
    return _pairing_is_one(bk, [(a, bk.g2_add(w, bk.g2_base_mul(e))), (b, bk.g2_neg(bk.g2_base()))])


def verify_proof(pk: bytes, proof: bytes, header: bytes, ph: bytes, disclosed_messages: list[bytes],
                 disclosed_indexes: list[int], backend: str | None = None) -> bool:
    """BBS ProofVerify (the proof layout with D, e^, r1^, r3^: draft 06 and later)."""
    _, total = _proof_shape(proof, disclosed_messages, disclosed_indexes)
    return _core_proof_verify(pk, proof, create_generators(total + 1, backend=backend), header, ph,
                              messages_to_scalars(disclosed_messages), disclosed_indexes, API_ID, backend)


def verify_blind_proof(pk: bytes, proof: bytes, header: bytes, ph: bytes, signer_messages: int,
                       disclosed_messages: list[bytes], disclosed_indexes: list[int],
                       backend: str | None = None) -> bool:
    """BlindProofVerify (draft "Blind BBS Signatures"): a proof of a signature over ``signer_messages``
    messages from the issuer plus messages the holder committed to (here: the holder's secret, never
    disclosed), for anonymous holder binding."""
    _, total = _proof_shape(proof, disclosed_messages, disclosed_indexes)
    committed = total - 1 - signer_messages  # the prover's blind factor counts as a committed message
    if not 0 <= signer_messages <= total - 1 or committed < 0 or any(i >= signer_messages for i in disclosed_indexes):
        raise BbsError("the proof does not fit the number of signed messages it names")
    generators = create_generators(signer_messages + 1, BLIND_API_ID, backend=backend) + \
        create_generators(committed + 1, b"BLIND_" + BLIND_API_ID, backend=backend)
    return _core_proof_verify(pk, proof, generators, header, ph, messages_to_scalars(disclosed_messages, BLIND_API_ID),
                              disclosed_indexes, BLIND_API_ID, backend)


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
                       disclosed_indexes: list[int], api_id: bytes, backend: str | None = None) -> bool:
    """CoreProofVerify: recompute the challenge from the proof, then the pairing equation."""
    bk = _bk(backend)
    w = octets_to_pubkey(pk, bk.name)
    abar, bbar, d = (octets_to_g1(proof[i * POINT_LEN:(i + 1) * POINT_LEN], bk.name) for i in range(3))
    n_scalars = (len(proof) - 3 * POINT_LEN) // SCALAR_LEN
    scalars = [_scalar(proof[3 * POINT_LEN + i * SCALAR_LEN: 3 * POINT_LEN + (i + 1) * SCALAR_LEN])
               for i in range(n_scalars)]
    e_hat, r1_hat, r3_hat, commitments, c = scalars[0], scalars[1], scalars[2], scalars[3:-1], scalars[-1]
    q1, hs = generators[0], generators[1:]
    disclosed_set = set(disclosed_indexes)
    undisclosed = [i for i in range(len(hs)) if i not in disclosed_set]
    domain = calculate_domain(pk, generators, header, api_id, bk.name)
    t1 = bk.msm([bbar, abar, d], [c, e_hat, r1_hat])
    bv = bk.msm([q1, *(hs[i] for i in disclosed_indexes)], [domain, *msgs], p1(bk.name))
    t2 = bk.msm([bv, d, *(hs[j] for j in undisclosed)], [c, r3_hat, *commitments])
    c_arr: list[Any] = [len(disclosed_indexes)]
    for i, m in zip(disclosed_indexes, msgs, strict=True):
        c_arr += [i, Scalar(m)]
    c_arr += [abar, bbar, d, t1, t2, Scalar(domain)]
    challenge = hash_to_scalar(serialize(c_arr, bk.name) + len(ph).to_bytes(8, "big") + ph, api_id + b"H2S_")
    if challenge != c:
        return False
    # e(Abar, W) * e(Bbar, -BP2) == 1
    return _pairing_is_one(bk, [(abar, w), (bbar, bk.g2_neg(bk.g2_base()))])


# --- the signer's and the prover's side ---------------------------------------------------------------

def public_key(sk: int, backend: str | None = None) -> bytes:
    bk = _bk(backend)
    return bytes(bk.g2_encode(bk.g2_base_mul(sk)))


def _b(pk: bytes, generators: list[Any], header: bytes, scalars: list[int], bk: Any) -> tuple[Any, int]:
    domain = calculate_domain(pk, generators, header, backend=bk.name)
    return bk.msm(generators, [domain, *scalars], p1(bk.name)), domain


def sign(sk: int, pk: bytes, header: bytes, messages: list[bytes], backend: str | None = None) -> bytes:
    """BBS Sign (deterministic: e is hashed from the key, the messages and the domain)."""
    bk = _bk(backend)
    generators = create_generators(len(messages) + 1, backend=bk.name)
    scalars = messages_to_scalars(messages)
    b, domain = _b(pk, generators, header, scalars, bk)
    e = hash_to_scalar(serialize([Scalar(sk), *map(Scalar, scalars), Scalar(domain)]), API_ID + b"H2S_")
    a = bk.msm([b], [pow(sk + e, -1, curve_order)])
    return point_to_octets(a, bk.name) + e.to_bytes(SCALAR_LEN, "big")


def random_scalars(count: int) -> list[int]:
    return [int.from_bytes(secrets.token_bytes(EXPAND_LEN), "big") % curve_order for _ in range(count)]


def seeded_scalars(seed: bytes, dst: bytes = API_ID + b"MOCK_RANDOM_SCALARS_DST_") -> Callable[[int], list[int]]:
    """The draft's mocked_calculate_random_scalars, for reproducing published vectors only."""

    def scalars(count: int) -> list[int]:
        v = _expand(seed, dst, EXPAND_LEN * count)
        return [int.from_bytes(v[i * EXPAND_LEN:(i + 1) * EXPAND_LEN], "big") % curve_order for i in range(count)]

    return scalars


def proof_gen(pk: bytes, signature: bytes, header: bytes, ph: bytes, messages: list[bytes], disclosed_indexes: list[int],
              randomness: Callable[[int], list[int]] = random_scalars, backend: str | None = None) -> bytes:
    """BBS ProofGen: a zero-knowledge proof of the signature that reveals only the disclosed messages."""
    total = len(messages)
    if total > MAX_MESSAGES or len(set(disclosed_indexes)) != len(disclosed_indexes) or \
            any(not 0 <= i < total for i in disclosed_indexes):
        raise BbsError("disclosed indexes are repeated or out of range")
    if len(signature) != POINT_LEN + SCALAR_LEN:
        raise BbsError("a BBS signature is 80 bytes")
    bk = _bk(backend)
    a = octets_to_g1(signature[:POINT_LEN], bk.name)
    e = int.from_bytes(signature[POINT_LEN:], "big")
    disclosed = sorted(disclosed_indexes)
    disclosed_set = set(disclosed)
    undisclosed = [i for i in range(total) if i not in disclosed_set]
    generators = create_generators(total + 1, backend=bk.name)
    scalars = messages_to_scalars(messages)
    r1, r2, e_t, r1_t, r3_t, *m_t = randomness(5 + len(undisclosed))
    b, domain = _b(pk, generators, header, scalars, bk)
    d = bk.msm([b], [r2])
    abar = bk.msm([a], [r1 * r2])
    bbar = bk.msm([d, abar], [r1, -e])
    t1 = bk.msm([abar, d], [e_t, r1_t])
    t2 = bk.msm([d, *(generators[1 + j] for j in undisclosed)], [r3_t, *m_t])
    c_arr: list[Any] = [len(disclosed)]
    for i in disclosed:
        c_arr += [i, Scalar(scalars[i])]
    c_arr += [abar, bbar, d, t1, t2, Scalar(domain)]
    c = hash_to_scalar(serialize(c_arr, bk.name) + len(ph).to_bytes(8, "big") + ph, API_ID + b"H2S_")
    r3 = pow(r2, -1, curve_order)
    hats = [(e_t + e * c) % curve_order, (r1_t - r1 * c) % curve_order, (r3_t - r3 * c) % curve_order]
    hats += [(m + scalars[j] * c) % curve_order for j, m in zip(undisclosed, m_t, strict=True)]
    return serialize([abar, bbar, d, *map(Scalar, hats), Scalar(c)], bk.name)
