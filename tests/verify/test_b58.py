"""credwallet's base58btc decoder (wallet.crypto.publickeys.b58decode) against the base58 package."""

from __future__ import annotations

import os

import base58
import pytest

from wallet.crypto.publickeys import KeyFormatError, b58decode, multibase_decode


@pytest.mark.parametrize("data", [b"", b"\0", b"\0\0\x01", b"\x01", b"\xff" * 64, b"\0" * 3 + os.urandom(61)]
                         + [os.urandom(n) for n in (1, 2, 31, 32, 33, 64, 100)])
def test_same_bytes_as_the_base58_package(data: bytes) -> None:
    text = base58.b58encode(data).decode()
    assert b58decode(text) == base58.b58decode(text) == data
    if text:  # multibase refuses an empty value
        assert multibase_decode("z" + text) == data


@pytest.mark.parametrize("bad", ["0", "O", "I", "l", "z1+", "abc def", "é"])
def test_characters_outside_the_alphabet_are_refused(bad: str) -> None:
    with pytest.raises(KeyFormatError, match="invalid base58btc"):
        b58decode(bad)


@pytest.mark.parametrize("length", range(12))
def test_every_length_modulo_four_and_leading_zeros(length: int) -> None:
    """The digits are taken four at a time after a head of len % 4: every remainder, with and without
    leading zero bytes (base58 '1's)."""
    for data in (bytes(range(1, length + 1)), b"\0" * 2 + bytes(range(200, 200 + length)), b"\xff" * length):
        text = base58.b58encode(data).decode()
        assert b58decode(text) == data


def test_a_tampered_signature_value_decodes_to_other_bytes() -> None:
    """One digit changed anywhere in a proofValue changes the decoded signature (no digit is skipped)."""
    sig = os.urandom(64)
    text = base58.b58encode(sig).decode()
    for i in range(len(text)):
        other = "2" if text[i] != "2" else "3"
        assert b58decode(text[:i] + other + text[i + 1:]) != sig
