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
