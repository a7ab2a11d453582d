"""The native BLS12-381 backend (py-arkworks-bls12381) against the reference (py_ecc), on the W3C
vc-di-bbs vectors and on inputs made here: the same bytes in, the same bytes and verdicts out.  And the
attacks on the curve layer (points outside the subgroup, the identity, non-canonical encodings) are
refused by both.  Where the native package is missing, the tests that need it skip and say so; the
fallback to py_ecc is tested either way."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from wallet.crypto import bbs, bbs2023, bls12381
from wallet.crypto.did import KeyResolver
from wallet.crypto.jsonld import DocumentLoader

V = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "w3c-vc-di-bbs" / "TestVectors"
LOADER = DocumentLoader(inline_contexts=True)
NATIVE = pytest.mark.skipif(not bls12381.native_available(),
                            reason="py-arkworks-bls12381 is not installed: BBS runs on py_ecc only")
BACKENDS = [pytest.param("arkworks", marks=NATIVE), "py_ecc"]


def vec(name: str):  # noqa: ANN201
    return json.loads((V / name).read_text())


def unsecured(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "proof"}


def _base_messages() -> tuple[bytes, bytes, bytes, list[bytes]]:
    """(pk, signature, header, messages) of the W3C base proof, through the real transformation."""
    from wallet.crypto import sd_primitives

    signed = vec("addSignedSDBase.json")
    signature, header, pk, hmac_key, pointers = bbs2023.FORMAT.items(signed["proof"]["proofValue"], bbs2023.BASE)
    grouped = sd_primitives.canonicalize_and_group(unsecured(signed), bbs2023.shuffled_labeler(hmac_key),
                                                   {"mandatory": pointers}, LOADER)
    g = grouped.groups["mandatory"]
    return pk, signature, header, [g.non_matching[i].encode() for i in sorted(g.non_matching)]


def test_expand_message_xmd_matches_py_ecc() -> None:
    """Our RFC 9380 expand_message_xmd (kept so hashing never imports py_ecc) against py_ecc's."""
    from py_ecc.bls.hash import expand_message_xmd

    for msg, dst, n in [(b"", b"QUUX-V01-CS02-with-expander-SHA256-128", 32), (b"abc", bbs.API_ID + b"H2S_", 48),
                        (b"q128_" + b"q" * 128, b"D" * 255, 255), (bytes(range(256)) * 4, b"x", 48 * 20)]:
        assert bls12381.expand_message_xmd(msg, dst, n) == expand_message_xmd(msg, dst, n, hashlib.sha256)
    with pytest.raises(bls12381.BlsError):
        bls12381.expand_message_xmd(b"", b"D" * 256, 32)


@NATIVE
def test_generators_and_hash_to_curve_are_the_same_points() -> None:
    """hash_to_curve G1 with the ciphersuite's DSTs: 40 generators and P1, byte for byte."""
    for api_id, seed in [(bbs.API_ID, b"MESSAGE_GENERATOR_SEED"), (bbs.API_ID, b"BP_MESSAGE_GENERATOR_SEED"),
                         (bbs.BLIND_API_ID, b"MESSAGE_GENERATOR_SEED")]:
        native = bbs.create_generators(40, api_id, seed, backend="arkworks")
        ref = bbs.create_generators(40, api_id, seed, backend="py_ecc")
        assert [bbs.point_to_octets(p, "arkworks") for p in native] == [bbs.point_to_octets(p, "py_ecc") for p in ref]
    assert bbs.point_to_octets(bbs.create_generators(1, seed_name=b"BP_MESSAGE_GENERATOR_SEED", backend="arkworks")[0],
                               "arkworks").hex() == bbs.P1_HEX


@NATIVE
def test_multi_scalar_multiplication_agrees() -> None:
    ark, ref = bls12381.backend("arkworks"), bls12381.backend("py_ecc")
    gens = {name: bbs.create_generators(6, backend=name) for name in ("arkworks", "py_ecc")}
    draws = bbs.seeded_scalars(b"msm cross-check")(6)
    draws[2] = 0  # a zero scalar, and one above the order (reduced)
    draws[3] = bbs.curve_order + 5
    a = ark.msm(gens["arkworks"], draws, bbs.p1("arkworks"))
    b = ref.msm(gens["py_ecc"], draws, bbs.p1("py_ecc"))
    assert ark.g1_encode(a) == ref.g1_encode(b)
    assert ark.g1_encode(ark.msm([], [], bbs.p1("arkworks"))) == bytes.fromhex(bbs.P1_HEX)
    with pytest.raises(bls12381.BlsError):
        ark.msm(gens["arkworks"], draws[:-1])


@pytest.mark.parametrize("backend", BACKENDS)
def test_w3c_vectors_on_each_backend(backend: str) -> None:
    """Key, deterministic signature, the holder's check, the verifier's check and the blind (holder
    bound) proof check of the W3C vectors, run on each backend."""
    material = vec("BBSKeyMaterial.json")
    sk = int(material["privateKeyHex"], 16)
    assert bbs.public_key(sk, backend).hex() == material["publicKeyHex"]
    pk, signature, header, messages = _base_messages()
    assert bbs.sign(sk, pk, header, messages, backend) == signature
    assert bbs.verify_signature(pk, signature, header, messages, backend)
    assert not bbs.verify_signature(pk, signature, header, messages[:-1] + [messages[-1] + b"."], backend)

    revealed = vec("derivedRevealDocument.json")
    proof, _labels, _mi, selective_idx, ph = bbs2023.FORMAT.items(revealed["proof"]["proofValue"], bbs2023.DERIVED)
    disclosed = _disclosed_messages(revealed)
    assert bbs.verify_proof(pk, proof, header, ph, disclosed, selective_idx, backend)
    assert not bbs.verify_proof(pk, proof, header, ph + b"!", disclosed, selective_idx, backend)

    hb = V / "HolderBinding"
    doc = json.loads((hb / "derivedRevealDocument.json").read_text())
    items = bbs2023.FORMAT.items(doc["proof"]["proofValue"], bbs2023.HOLDER_BOUND_DERIVED, 6)
    hb_proof, _c, mandatory_idx, hb_selective, hb_ph, signer_messages = items
    nquads = json.loads((hb / "verifyNQuads.json").read_text())
    config = (hb / "addProofConfigCanon.txt").read_text()
    mandatory = [nquads[i] for i in mandatory_idx]
    hb_disclosed = [q.encode() for i, q in enumerate(nquads) if i not in set(mandatory_idx)]
    hb_key = KeyResolver().resolve(doc["proof"]["verificationMethod"]).key.raw
    hb_header = bbs2023.proof_header(config, mandatory)
    assert bbs.verify_blind_proof(hb_key, hb_proof, hb_header, hb_ph, signer_messages, hb_disclosed, hb_selective,
                                  backend)
    assert not bbs.verify_blind_proof(hb_key, hb_proof, hb_header, hb_ph, signer_messages,
                                      hb_disclosed[::-1], hb_selective, backend)


def _disclosed_messages(revealed: dict) -> list[bytes]:
    from wallet.crypto import sd_primitives

    _proof, labels, mandatory_idx, _sel, _ph = bbs2023.FORMAT.items(revealed["proof"]["proofValue"], bbs2023.DERIVED)
    label_map = {f"c14n{k}": f"b{v}" for k, v in labels.items()}
    nquads = sd_primitives.relabelled_nquads(unsecured(revealed), LOADER, label_map)
    return [q.encode() for i, q in enumerate(nquads) if i not in set(mandatory_idx)]


@NATIVE
def test_proofs_are_byte_identical_and_cross_verify() -> None:
    """With the same randomness both backends make the same proof; a proof made by one verifies on the
    other; a proof made for other messages fails on both."""
    pk, signature, header, messages = _base_messages()
    disclosed = [0, 2, 3, len(messages) - 1]
    seed = bbs.seeded_scalars(b"cross-check seed")
    native = bbs.proof_gen(pk, signature, header, b"ph", messages, disclosed, seed, "arkworks")
    ref = bbs.proof_gen(pk, signature, header, b"ph", messages, disclosed, seed, "py_ecc")
    assert native == ref
    fresh = bbs.proof_gen(pk, signature, header, b"ph", messages, disclosed, backend="arkworks")
    assert fresh != native  # real randomness: unlinkable
    shown = [messages[i] for i in disclosed]
    for proof in (native, fresh):
        for backend in ("arkworks", "py_ecc"):
            assert bbs.verify_proof(pk, proof, header, b"ph", shown, disclosed, backend)
            assert not bbs.verify_proof(pk, proof, header, b"ph", [b"x"] + shown[1:], disclosed, backend)


# --- attacks on the curve layer -------------------------------------------------------------------------

def _off_subgroup_g1() -> bytes:
    """A point on the curve y^2 = x^3 + 4 that is not in the prime-order subgroup (the cofactor is big,
    so the first x that gives a point almost always does), compressed."""
    from py_ecc.bls.g2_primitives import subgroup_check
    from py_ecc.bls.point_compression import compress_G1
    from py_ecc.fields import optimized_bls12_381_FQ as FQ

    p = FQ.field_modulus
    for x in range(1, 1000):
        rhs = (x ** 3 + 4) % p
        y = pow(rhs, (p + 1) // 4, p)
        if y * y % p == rhs:
            point = (FQ(x), FQ(y), FQ(1))
            if not subgroup_check(point):
                return int(compress_G1(point)).to_bytes(48, "big")
    raise AssertionError("no point found")


def _flip_flags(b: bytes, mask: int) -> bytes:
    return bytes([b[0] ^ mask]) + b[1:]


@pytest.mark.parametrize("backend", BACKENDS)
def test_malformed_points_in_a_real_proof_are_refused(backend: str) -> None:
    """Take the W3C derived proof (really made by a prover); put each malformed point where Abar, Bbar or
    D goes; both backends refuse it with BbsError, never a crash and never True."""
    revealed = vec("derivedRevealDocument.json")
    proof, _labels, _mi, selective_idx, ph = bbs2023.FORMAT.items(revealed["proof"]["proofValue"], bbs2023.DERIVED)
    pk, _sig, header, _m = _base_messages()
    disclosed = _disclosed_messages(revealed)
    real = proof[:48]
    field_modulus_x = (0x1A0111EA397FE69A4B1BA7B6434BACD764774B84F38512BF6730D2A0F6B0F6241EABFFFEB153FFFFB9FEFFFFFFFFAAAB
                       | (1 << 383)).to_bytes(48, "big")  # x = p: not a canonical field element
    bad_points = {
        "outside the subgroup": _off_subgroup_g1(),
        "the identity": b"\xc0" + bytes(47),
        "the identity, non-canonical (garbage under the infinity flag)": b"\xff" * 48,
        "uncompressed flag": _flip_flags(real, 0x80),
        "x not a field element": field_modulus_x,
        "x not on the curve": b"\x80" + bytes(46) + b"\x05",
    }
    for slot in range(3):
        for what, point in bad_points.items():
            forged = proof[:slot * 48] + point + proof[(slot + 1) * 48:]
            try:
                ok = bbs.verify_proof(pk, forged, header, ph, disclosed, selective_idx, backend)
            except bbs.BbsError:
                continue
            raise AssertionError(f"{what} in slot {slot} was not refused (verify said {ok})")
    # and the key: the identity, or a key outside G2's subgroup is refused before any pairing
    for bad_key in (b"\xc0" + bytes(95), b"\xff" * 96, _flip_flags(pk, 0x80)):
        with pytest.raises(bbs.BbsError):
            bbs.verify_proof(bad_key, proof, header, ph, disclosed, selective_idx, backend)
    with pytest.raises(bbs.BbsError):  # a signature whose A is the identity
        bbs.verify_signature(pk, b"\xc0" + bytes(47) + bytes(31) + b"\x01", header, [b"m"], backend)


@NATIVE
def test_both_backends_agree_on_every_single_bit_flip() -> None:
    """Flip each bit of the first point and of the challenge of a real proof: the two backends give the
    same verdict every time (both refuse), so the native one is no more lenient than the reference."""
    revealed = vec("derivedRevealDocument.json")
    proof, _labels, _mi, selective_idx, ph = bbs2023.FORMAT.items(revealed["proof"]["proofValue"], bbs2023.DERIVED)
    pk, _sig, header, _m = _base_messages()
    disclosed = _disclosed_messages(revealed)

    def verdict(p: bytes, backend: str) -> str:
        try:
            return "valid" if bbs.verify_proof(pk, p, header, ph, disclosed, selective_idx, backend) else "invalid"
        except bbs.BbsError:
            return "refused"

    positions = list(range(0, 48 * 8, 7)) + [8 * (len(proof) - 1) + b for b in range(8)]
    for bit in positions:
        forged = bytearray(proof)
        forged[bit // 8] ^= 1 << (bit % 8)
        results = {b: verdict(bytes(forged), b) for b in ("arkworks", "py_ecc")}
        assert results["arkworks"] == results["py_ecc"] != "valid", (bit, results)


def test_fallback_when_the_native_package_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without py-arkworks-bls12381 the default is py_ecc, and BBS still checks the W3C vector."""
    monkeypatch.delenv(bls12381.ENV, raising=False)
    monkeypatch.setattr(bls12381, "native_available", lambda: False)
    assert bls12381.backend().name == "py_ecc"
    pk, signature, header, messages = _base_messages()
    assert bbs.verify_signature(pk, signature, header, messages)
    monkeypatch.setenv(bls12381.ENV, "no-such-backend")
    with pytest.raises(bbs.BbsError, match="unknown BLS12-381 backend"):
        bbs.verify_signature(pk, signature, header, messages)


def test_a_missing_native_package_is_an_error_not_a_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    """Asking for arkworks where it cannot be imported says so (BbsError), it does not fall through."""
    import sys

    monkeypatch.setattr(bls12381, "_BACKENDS", {})
    monkeypatch.setitem(sys.modules, "py_arkworks_bls12381", None)  # what import sees when it is not installed
    assert not bls12381.native_available()
    with pytest.raises(bbs.BbsError, match="not installed"):
        bbs.public_key(5, "arkworks")
