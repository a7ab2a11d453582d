"""Bad input, per parser: only WalletError escapes, and a refused input writes nothing to the vault.
How long one input takes is measured by benchmarks/bench_fuzz.py against its budget; here a hang is
caught by the per-test timeout (pyproject.toml), never by timing a single input."""

from __future__ import annotations

import json
import struct
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wallet import paths
from wallet.errors import WalletError
from wallet.formats import detect
from wallet.verify import engine

DEMO = paths.resources_dir() / "demo" / "credentials"
SEEDS = {p.name: p.read_bytes() for p in sorted(DEMO.iterdir())}
FUZZ = settings(max_examples=120, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def handle(data: bytes) -> None:
    """Parse and verify; anything but a WalletError (or a clean result) is a bug."""
    try:
        parsed = detect.parse(data, "fuzz")
        engine.verify(parsed)
    except WalletError as exc:
        assert str(exc).startswith("fuzz"), exc


def _mutate(seed: bytes, data: st.DataObject) -> bytes:
    b = bytearray(seed)
    for _ in range(data.draw(st.integers(1, 6))):
        op = data.draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        pos = data.draw(st.integers(0, max(0, len(b) - 1)))
        if op == "flip" and b:
            b[pos] ^= 1 << data.draw(st.integers(0, 7))
        elif op == "cut":
            del b[pos:]
        elif op == "insert":
            b[pos:pos] = data.draw(st.binary(min_size=1, max_size=16))
        elif op == "delete" and b:
            del b[pos : pos + data.draw(st.integers(1, 32))]
    return bytes(b)


@pytest.mark.parametrize("seed", sorted(SEEDS))
@FUZZ
@given(data=st.data())
def test_mutated_demo_files(seed: str, data: st.DataObject) -> None:
    handle(_mutate(SEEDS[seed], data))


json_leaf = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=False),
                      st.text(max_size=30))
json_values = st.recursive(json_leaf, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                              st.dictionaries(st.text(max_size=12), inner, max_size=4)),
                           max_leaves=20)


def _replace_somewhere(obj, data: st.DataObject):  # noqa: ANN001, ANN202
    if isinstance(obj, dict) and obj and data.draw(st.booleans()):
        key = data.draw(st.sampled_from(sorted(obj)))
        obj[key] = _replace_somewhere(obj[key], data)
        return obj
    if isinstance(obj, list) and obj and data.draw(st.booleans()):
        i = data.draw(st.integers(0, len(obj) - 1))
        obj[i] = _replace_somewhere(obj[i], data)
        return obj
    return data.draw(json_values)


@pytest.mark.parametrize("seed", ["ob3-data-analysis-python.json", "clr-data-analyst-pathway.json",
                                  "blockcerts-project-management.json"])
@FUZZ
@given(data=st.data())
def test_wrong_types_anywhere_in_json(seed: str, data: st.DataObject) -> None:
    obj = json.loads(SEEDS[seed])
    handle(json.dumps(_replace_somewhere(obj, data)).encode())


@pytest.mark.parametrize("data,why", [
    (b'{"a": 1, "a": 2}', "duplicate key"),
    (b'{"n": NaN}', "NaN"),
    (b'{"n": 1e999}', "out of range"),
    (b'{"n": ' + b"9" * 5000 + b"}", "invalid JSON"),
    (b"[" * 100000 + b"]" * 100000, "nested"),
    (b'{"a":' * 5000 + b"1" + b"}" * 5000, "nested"),
    (b"{\"a\": \"\xff\"}", "not UTF-8"),
])
def test_hostile_json(data: bytes, why: str) -> None:
    with pytest.raises(WalletError, match=why):
        detect.parse(data, "fuzz")


def _png_with(chunks: list[tuple[bytes, bytes]]) -> bytes:
    out = b"\x89PNG\r\n\x1a\n"
    for ctype, body in chunks:
        out += struct.pack(">I", len(body)) + ctype + body + struct.pack(">I", zlib.crc32(ctype + body) & 0xFFFFFFFF)
    return out


def test_png_bombs_and_lies(monkeypatch: pytest.MonkeyPatch) -> None:
    from wallet.formats import baked

    inflated: list[int] = []
    real = zlib.decompressobj

    class Measured:  # how much the parser lets the bomb inflate (what a timing assert used to stand for)
        def __init__(self) -> None:
            self._d = real()

        def __getattr__(self, name: str):  # noqa: ANN204
            return getattr(self._d, name)

        def decompress(self, data: bytes, max_length: int = 0) -> bytes:
            out = self._d.decompress(data, max_length)
            inflated.append(len(out))
            return out

    monkeypatch.setattr(baked.zlib, "decompressobj", Measured)
    bomb = zlib.compress(b"{" + b" " * (64 * 1024 * 1024))
    cases = {
        "inflates beyond": _png_with([(b"iTXt", b"openbadges\x00\x01\x00\x00\x00" + bomb), (b"IEND", b"")]),
        "runs past the end": b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 2**31) + b"iTXt" + b"x" * 10,
        "checksum": _png_with([(b"IEND", b"")])[:-1] + b"\x00",
        "no baked badge": _png_with([(b"IHDR", b"\x00" * 13), (b"IEND", b"")]),
        "more than one": _png_with([(b"tEXt", b"openbadges\x00{}"), (b"tEXt", b"openbadges\x00{}"), (b"IEND", b"")]),
    }
    for why, data in cases.items():
        with pytest.raises(WalletError, match=why):
            detect.parse(data, "fuzz.png")
    assert inflated and max(inflated) <= baked.MAX_TEXT < 64 * 1024 * 1024  # stopped at the cap, not inflated


@pytest.mark.parametrize("svg,why", [
    (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
     b'<svg xmlns="http://www.w3.org/2000/svg">&b;</svg>', "DTD subset"),
    (b'<?xml version="1.0"?><!DOCTYPE svg SYSTEM "file:///etc/passwd"><svg xmlns="http://www.w3.org/2000/svg">'
     b'<t>x</t></svg>', "no baked badge"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><unclosed></svg>', "not well-formed"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org">'
     b"<openbadges:assertion>{not json</openbadges:assertion></svg>", "not a credential|invalid JSON|neither"),
])
def test_hostile_svg(svg: bytes, why: str) -> None:
    with pytest.raises(WalletError, match=why):
        detect.parse(svg, "fuzz.svg")


def test_refused_input_writes_nothing(wallet) -> None:  # noqa: ANN001
    from tests.conftest import snapshot

    before = wallet.store.db.execute("SELECT count(*), total_changes() FROM credentials").fetchone()
    files_before = snapshot(wallet.vault.home)
    for data in (b"\x89PNG\r\n\x1a\n", b'{"@context": "x"}', SEEDS["ob3-data-analysis-python.json"][:500]):
        assert wallet.import_bytes(data, "bad").error
    assert wallet.store.db.execute("SELECT count(*), total_changes() FROM credentials").fetchone() == before
    assert snapshot(wallet.vault.home) == files_before
