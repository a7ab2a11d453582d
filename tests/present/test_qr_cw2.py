"""CW2, the QR payload format written since CW1 (docs/qr-format.md): lossless, smaller, strict to read."""

from __future__ import annotations

import json
import os
import random
import zlib

import cbor2
import pytest

from wallet.errors import BadInput
from wallet.present import qr
from wallet.present.verifier import verify_presentation

AUD, NONCE = "https://careers.example", "n-cw2"


def _verify(texts_or_text, demo):  # noqa: ANN001, ANN202
    return verify_presentation(texts_or_text, demo.verify_context(), audience=AUD, nonce=NONCE)


def _shared(demo, title: str):  # noqa: ANN001, ANN202
    ref = next(s.id for s in demo.credentials() if s.title == title)
    return demo.present([ref], audience=AUD, nonce=NONCE)


@pytest.mark.parametrize("title", ["Digital Literacy Essentials", "First Aid at Work", "Basic Life Support (BLS) Provider",
                                   "Data Analysis with Python", "Data Analyst Pathway — Learner Record",
                                   "Workplace Spanish (CEFR B1)"])
def test_cw2_gives_back_exactly_what_was_shared(demo, title: str) -> None:  # noqa: ANN001
    shared = _shared(demo, title)
    texts = qr.encode_for_qr(shared.presentation())
    assert all("#CW2:" in t for t in texts)
    back = qr.from_texts(texts[::-1])
    p = shared.presentation()
    if p.kind == "sd-jwt":
        assert back.text == p.text  # byte for byte: every digest and signature still holds
    else:
        assert json.loads(back.text) == json.loads(p.text)
    assert _verify(texts, demo).status == _verify(shared.text, demo).status


@pytest.mark.parametrize("title", ["Digital Literacy Essentials", "First Aid at Work"])
def test_enveloped_jwts_travel_as_bytes_and_need_fewer_codes(demo, title: str) -> None:  # noqa: ANN001
    """A VP carrying a VC-JWT (data: URL) needed two CW1 codes; CW2 carries the JWT's bytes, not its base64url
    text, and the whole code as digits (QR numeric mode): one code."""
    p = _shared(demo, title).presentation()
    assert len(qr.envelope_cw2(p)) < 0.8 * len(qr.envelope(p))
    assert len(qr.encode_for_qr(p)) == 1
    assert not all(qr.fits(t) for t in qr.to_texts(p, version="CW1"))  # CW1 did not fit in one


def test_cw1_codes_are_still_read(demo) -> None:  # noqa: ANN001
    shared = _shared(demo, "Basic Life Support (BLS) Provider")
    old = qr.to_texts(shared.presentation(), parts=2, version="CW1")
    assert all("#CW1:" in t for t in old)
    assert qr.from_texts(old).text == shared.presentation().text
    assert _verify(old, demo).status == _verify(shared.text, demo).status


def test_digit_codec_round_trips_and_refuses_what_it_did_not_write() -> None:
    rnd = random.Random(7)
    for n in list(range(0, 40)) + [1000, 4095]:
        b = bytes(rnd.getrandbits(8) for _ in range(n))
        assert qr.digits_decode(qr.digits_encode(b)) == b
    assert qr.digits_encode(b"\xff" * 7) == str(256**7 - 1)
    with pytest.raises(BadInput):
        qr.digits_decode("1" * 18)  # 17 + 1: no group of bytes is written as one digit
    with pytest.raises(BadInput):
        qr.digits_decode("999")  # 999 > 255: not one byte
    with pytest.raises(BadInput):
        qr.digits_decode("١٢٣")  # Arabic-Indic digits are digits to Python, not to this format


def test_tampered_or_mixed_codes_are_refused(demo) -> None:  # noqa: ANN001
    shared = _shared(demo, "Basic Life Support (BLS) Provider")
    parts = qr.to_texts(shared.presentation(), parts=3)
    assert [qr.part_of(t)[1:] for t in parts] == [(1, 3), (2, 3), (3, 3)]
    # a digit changed in transit: the set id no longer fits, or the payload no longer opens or verifies
    head, body = parts[1].rsplit(":", 1)
    changed = head + ":" + ("1" if body[0] != "1" else "2") + body[1:]
    with pytest.raises(BadInput, match="do not fit"):
        qr.from_texts([parts[0], changed, parts[2]])
    # CW1 and CW2 parts are never put together
    old = qr.to_texts(shared.presentation(), parts=3, version="CW1")
    with pytest.raises(BadInput, match="different sequences"):
        qr.from_texts([parts[0], old[1], parts[2]])


def _cw2(obj) -> str:  # noqa: ANN001
    c = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, qr.ZDICT)
    return "CW2:" + qr.digits_encode(c.compress(cbor2.dumps(obj)) + c.flush())


def test_forged_envelopes_are_refused_clearly() -> None:
    vp = json.dumps({"type": ["VerifiablePresentation"], "verifiableCredential": ["\u00000"]}).encode()
    blob = [b"data:application/vc+jwt", b"{}", b"{}", b"sig"]
    for obj, why in [
        ([2, vp, []], None),  # no JWT lifted out: the marker-like string is kept as it is
        ([2, vp, [blob, blob]], "malformed"),  # a JWT carried but never used
        ([2, json.dumps({"a": "\u00009"}).encode(), [blob]], "malformed"),  # a marker pointing nowhere
        ([2, json.dumps({"a": "\u00000", "b": "\u00000"}).encode(), [blob]], "malformed"),  # used twice
        ([2, vp, [[b"data:x", 1, 2, 3]]], "malformed"),
        ([2, b"[1,2]", []], "malformed"),
        ([2, b'{"a":1,"a":2}', []], "duplicate|repeated|twice|malformed"),
        ([3, b"{}"], "not a presentation envelope"),
        ([1, "x", [], None], "malformed"),
        ({"t": "vp"}, "not a presentation envelope"),
    ]:
        if why is None:
            assert json.loads(qr.from_texts([_cw2(obj)]).text)["verifiableCredential"] == ["\u00000"]
            continue
        with pytest.raises(BadInput, match=why):
            qr.from_texts([_cw2(obj)])


def test_a_vp_holding_marker_like_strings_round_trips_unchanged(demo) -> None:  # noqa: ANN001
    p = _shared(demo, "Digital Literacy Essentials").presentation()
    vp = json.loads(p.text)
    vp["note"] = "\u00000"
    q = qr.Presentation("vp", json.dumps(vp))
    assert json.loads(qr.from_texts(qr.encode_for_qr(q)).text) == vp


def test_random_digit_strings_are_refused_not_crashed() -> None:
    rnd = random.Random(int.from_bytes(os.urandom(4), "big"))
    for _ in range(300):
        n = rnd.choice([3, 5, 8, 17, 34, 51, 170])
        text = "CW2:" + "".join(rnd.choice("0123456789") for _ in range(n))
        with pytest.raises(BadInput):
            qr.from_texts([text])
