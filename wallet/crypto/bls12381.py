"""BLS12-381 for BBS: the few group operations the BBS scheme needs, on two implementations behind
one interface.

- ``arkworks`` (py-arkworks-bls12381: Rust bindings to the arkworks curves): native scalar
  multiplication, multi-scalar multiplication, hash-to-curve G1 (RFC 9380 expand_message_xmd SHA-256,
  SSWU, random oracle: the BBS ciphersuite's BLS12381G1_XMD:SHA-256_SSWU_RO_) and multi-pairing with one
  final exponentiation.  The default when the package is installed.
- ``py_ecc`` (pure Python): the reference.  Used when the native package is missing, and by the tests
  that cross-check the native one against it.

Points are opaque objects of the backend that made them; only bytes (compressed, ZCash encoding) and
integers cross between backends.  Decoding refuses malformed encodings, the identity and points
outside the prime-order subgroup, the same way on both.  ``expand_message_xmd`` is here (RFC 9380
section 5.3.1) so that hashing to scalars never needs py_ecc's import (a quarter of a second cold).
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from typing import Any

CURVE_ORDER = 0x73EDA753299D7D483339D80809A1D80553BDA402FFFE5BFEFFFFFFFF00000001
G1_LEN, G2_LEN = 48, 96
ENV = "CREDWALLET_BLS_BACKEND"  # "py_ecc" forces the reference implementation (benchmarks, bug hunts)


class BlsError(ValueError):
    pass


def expand_message_xmd(msg: bytes, dst: bytes, length: int) -> bytes:
    """RFC 9380 section 5.3.1, with SHA-256 (b_in_bytes 32, s_in_bytes 64)."""
    ell = -(-length // 32)
    if ell > 255 or length > 65535 or len(dst) > 255:
        raise BlsError("expand_message_xmd: output or domain separation tag too long")
    dst_prime = dst + bytes([len(dst)])
    b0 = hashlib.sha256(bytes(64) + msg + length.to_bytes(2, "big") + b"\0" + dst_prime).digest()
    bi = hashlib.sha256(b0 + b"\1" + dst_prime).digest()
    out = [bi]
    for i in range(2, ell + 1):
        bi = hashlib.sha256(bytes(x ^ y for x, y in zip(b0, bi, strict=True)) + bytes([i]) + dst_prime).digest()
        out.append(bi)
    return b"".join(out)[:length]


class Arkworks:
    """py-arkworks-bls12381."""

    name = "arkworks"

    def __init__(self) -> None:
        import py_arkworks_bls12381 as ark

        self._G1, self._G2, self._GT, self._S = ark.G1Point, ark.G2Point, ark.GT, ark.Scalar
        self._one_g1, self._one_g2 = ark.G1Point(), ark.G2Point()
        self._identity = ark.G1Point.identity()

    def _decode(self, cls: Any, b: bytes, length: int, what: str) -> Any:
        if len(b) != length:
            raise BlsError(f"not a BLS12-381 {what} point ({len(b)} bytes, not {length})")
        try:
            p = cls.from_compressed_bytes(bytes(b))
        except (ValueError, OverflowError, TypeError) as exc:
            raise BlsError(f"not a BLS12-381 {what} point ({exc})") from exc
        if p == cls.identity() or not p.is_in_subgroup():
            raise BlsError(f"the {what} point is the identity or outside the prime-order subgroup")
        return p

    def g1_decode(self, b: bytes) -> Any:
        return self._decode(self._G1, b, G1_LEN, "G1")

    def g2_decode(self, b: bytes) -> Any:
        return self._decode(self._G2, b, G2_LEN, "G2")

    def g1_encode(self, p: Any) -> bytes:
        return bytes(p.to_compressed_bytes())

    def g2_encode(self, p: Any) -> bytes:
        return bytes(p.to_compressed_bytes())

    def hash_to_g1(self, msg: bytes, dst: bytes) -> Any:
        return self._G1.hash_to_curve(msg, dst)

    def msm(self, points: Sequence[Any], scalars: Sequence[int], start: Any = None) -> Any:
        """start + sum(k_i * P_i); the scalars are reduced modulo the group order."""
        if len(points) != len(scalars):
            raise BlsError("points and scalars differ in number")
        acc = self._G1.multiexp_unchecked(list(points), [self._S(k % CURVE_ORDER) for k in scalars]) \
            if points else self._identity
        return acc if start is None else acc + start

    def g1_add(self, a: Any, b: Any) -> Any:
        return a + b

    def g1_neg(self, a: Any) -> Any:
        return -a

    def g2_base_mul(self, k: int) -> Any:
        return self._one_g2 * self._S(k % CURVE_ORDER)

    def g2_add(self, a: Any, b: Any) -> Any:
        return a + b

    def g2_base(self) -> Any:
        return self._one_g2

    def g2_neg(self, a: Any) -> Any:
        return -a

    def pairing_product_is_one(self, pairs: Sequence[tuple[Any, Any]]) -> bool:
        """prod e(P_i, Q_i) == 1 in GT (one multi-Miller loop, one final exponentiation)."""
        return bool(self._GT.pairing_check([p for p, _ in pairs], [q for _, q in pairs]))


class PyEcc:
    """py_ecc's optimized (projective, pure Python) BLS12-381: the reference."""

    name = "py_ecc"

    def __init__(self) -> None:
        from py_ecc import optimized_bls12_381 as o
        from py_ecc.bls import g2_primitives, hash_to_curve, point_compression

        self._o, self._pc, self._h2c, self._g2p = o, point_compression, hash_to_curve, g2_primitives

    def _check(self, p: Any, what: str) -> Any:
        if self._o.is_inf(p) or not self._g2p.subgroup_check(p):
            raise BlsError(f"the {what} point is the identity or outside the prime-order subgroup")
        return p

    def g1_decode(self, b: bytes) -> Any:
        if len(b) != G1_LEN:
            raise BlsError(f"not a BLS12-381 G1 point ({len(b)} bytes, not {G1_LEN})")
        try:
            p = self._pc.decompress_G1(int.from_bytes(b, "big"))  # type: ignore[arg-type]  # G1Compressed is an int
        except ValueError as exc:
            raise BlsError(f"not a BLS12-381 G1 point ({exc})") from exc
        return self._check(p, "G1")

    def g2_decode(self, b: bytes) -> Any:
        if len(b) != G2_LEN:
            raise BlsError(f"not a BLS12-381 G2 point ({len(b)} bytes, not {G2_LEN})")
        try:
            pair = (int.from_bytes(b[:48], "big"), int.from_bytes(b[48:], "big"))  # G2Compressed: two ints
            p = self._pc.decompress_G2(pair)  # type: ignore[arg-type]
        except ValueError as exc:
            raise BlsError(f"not a BLS12-381 G2 point ({exc})") from exc
        return self._check(p, "G2")

    def g1_encode(self, p: Any) -> bytes:
        return int(self._pc.compress_G1(p)).to_bytes(G1_LEN, "big")

    def g2_encode(self, p: Any) -> bytes:
        z1, z2 = self._pc.compress_G2(p)
        return z1.to_bytes(48, "big") + z2.to_bytes(48, "big")

    def hash_to_g1(self, msg: bytes, dst: bytes) -> Any:
        # py_ecc annotates the hash argument as a hash object; it is called as a constructor, as here
        return self._h2c.hash_to_G1(msg, dst, hashlib.sha256)  # type: ignore[arg-type]

    def msm(self, points: Sequence[Any], scalars: Sequence[int], start: Any = None) -> Any:
        if len(points) != len(scalars):
            raise BlsError("points and scalars differ in number")
        o = self._o
        acc = o.Z1 if start is None else start
        for p, k in zip(points, scalars, strict=True):
            acc = o.add(acc, o.multiply(p, k % CURVE_ORDER))
        return acc

    def g1_add(self, a: Any, b: Any) -> Any:
        return self._o.add(a, b)

    def g1_neg(self, a: Any) -> Any:
        return self._o.neg(a)

    def g2_base_mul(self, k: int) -> Any:
        return self._o.multiply(self._o.G2, k % CURVE_ORDER)

    def g2_add(self, a: Any, b: Any) -> Any:
        return self._o.add(a, b)

    def g2_base(self) -> Any:
        return self._o.G2

    def g2_neg(self, a: Any) -> Any:
        return self._o.neg(a)

    def pairing_product_is_one(self, pairs: Sequence[tuple[Any, Any]]) -> bool:
        o = self._o
        f = o.FQ12.one()
        for p, q in pairs:
            f = f * o.pairing(q, p, final_exponentiate=False)
        return bool(o.final_exponentiate(f) == o.FQ12.one())


Backend = Arkworks | PyEcc
_LOCK = threading.Lock()
_BACKENDS: dict[str, Any] = {}
_CLASSES = {"arkworks": Arkworks, "py_ecc": PyEcc}


def backend(name: str | None = None) -> Backend:
    """The named backend, or the default: arkworks when installed (unless CREDWALLET_BLS_BACKEND says
    otherwise), else py_ecc.  Raises BlsError for an unknown or uninstalled name."""
    if name is None:
        name = os.environ.get(ENV) or ("arkworks" if native_available() else "py_ecc")
    with _LOCK:
        if name not in _BACKENDS:
            cls = _CLASSES.get(name)
            if cls is None:
                raise BlsError(f"unknown BLS12-381 backend {name!r} (known: {', '.join(_CLASSES)})")
            try:
                _BACKENDS[name] = cls()
            except ImportError as exc:
                raise BlsError(f"the BLS12-381 backend {name!r} is not installed ({exc})") from exc
        return _BACKENDS[name]


def native_available() -> bool:
    import importlib

    try:
        importlib.import_module("py_arkworks_bls12381")
    except ImportError:
        return False
    return True
