"""The depth guard of strict JSON (wallet/formats/jsonutil.py) runs on every input before json.loads: it must
count exactly the brackets outside strings, however an attacker hides them (escaped quotes, backslashes,
unterminated strings), and refuse what nests deeper than MAX_DEPTH."""

from __future__ import annotations

import random
import re

import pytest

from wallet.errors import BadInput
from wallet.formats.jsonutil import MAX_DEPTH, _depth_ok, loads_strict

_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]', re.S)


def _reference(text: str) -> bool:
    """The guard as first written: one token at a time, strings skipped whole."""
    depth = 0
    for m in _TOKENS.finditer(text):
        ch = m.group()[0]
        if ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return False
        elif ch in "]}":
            depth -= 1
    return True


def test_agrees_with_the_token_by_token_guard_on_random_bracket_soup() -> None:
    rng = random.Random(1919)
    alphabet = '[]{}"\\a:,'
    for _ in range(3000):
        n = rng.randrange(0, 300)
        weights = [rng.random() for _ in alphabet]
        text = "".join(rng.choices(alphabet, weights, k=n))
        assert _depth_ok(text) == _reference(text), text


@pytest.mark.parametrize("text, ok", [
    ("[" * MAX_DEPTH + "]" * MAX_DEPTH, True),
    ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), False),
    ('{"a":' * (MAX_DEPTH + 1) + "1" + "}" * (MAX_DEPTH + 1), False),
    ('["' + "[" * 500 + '"]', True),  # brackets inside a string do not nest
    ('["\\"' + "[" * 500 + '"]', True),  # ... nor after an escaped quote in it
    ('["\\\\"' + ",[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 2), False),  # an escaped backslash ends the string
    ('"unterminated ' + "[" * 500, True),
    ("[]" * 10_000, True),  # many brackets, shallow
])
def test_edge_cases(text: str, ok: bool) -> None:
    assert _depth_ok(text) is ok is _reference(text)


def test_a_deep_document_is_refused_with_a_clear_error() -> None:
    with pytest.raises(BadInput, match="deeper"):
        loads_strict(b'{"a":' * 100 + b"1" + b"}" * 100, "deep.json")
