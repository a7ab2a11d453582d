"""Fuzz every importer and the presentation verifier: 500 generated inputs per format and presentation
kind by default, 2,000 x 100 with ``--long`` (fixed seeds, so a run is repeatable, and the default run's
inputs are the first of the long run's); only WalletError escapes, and a refused input leaves the vault
unchanged.  How long one input takes (budget: a second, two for a
BBS credential, whose pairings run in pure Python) is measured by benchmarks/bench_fuzz.py with the same
mutations; a test never times an input, so a busy machine cannot fail it.  A hang is caught by the
per-test timeout."""

from __future__ import annotations

import random

import pytest

from tests.factory import ob3_bytes
from wallet import paths
from wallet.errors import WalletError
from wallet.present import qr
from wallet.present.verifier import verify_presentation

DEMO = paths.resources_dir() / "demo" / "credentials"
QUICK, FULL = 500, 2000  # inputs per format: by default, and (x 100) with --long


def mutate(seed: bytes, rng: random.Random) -> bytes:
    b = bytearray(seed)
    for _ in range(rng.randint(1, 8)):
        op = rng.random()
        pos = rng.randrange(max(1, len(b)))
        if op < 0.35 and b:
            b[pos] ^= 1 << rng.randrange(8)
        elif op < 0.5:
            del b[pos:]
        elif op < 0.7:
            b[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 24)))
        elif op < 0.85 and b:
            del b[pos : pos + rng.randint(1, 64)]
        else:  # splice in a structural token
            tok = rng.choice([b"{", b"}", b"[", b"]", b'"', b",", b":", b"~", b".", b"\x00", b"null", b"1e999",
                              b'"@context"', b'"proof"', b"IEND", b"iTXt", b"<!ENTITY", b"%PDF-"])
            b[pos:pos] = tok
    return bytes(b)


SEEDS = {p.name: p.read_bytes() for p in sorted(DEMO.iterdir())}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_importers(demo, name: str, count) -> None:  # noqa: ANN001
    rng = random.Random(f"import:{name}")
    db = demo.store.db
    for _ in range(count(QUICK, FULL)):
        data = mutate(SEEDS[name], rng)
        before = db.total_changes
        r = demo.import_bytes(data, "fuzz")
        if r.error:
            assert db.total_changes == before, "a refused input changed the vault"
            assert "internal error" not in r.error, r.error
        elif not r.duplicate:
            demo.delete(r.id)  # a harmless mutation (e.g. whitespace) may still verify


def _presentations(demo) -> dict[str, str]:  # noqa: ANN001
    ids = {s.format: s.id for s in demo.credentials()}
    sd = demo.present([ids["sd-jwt-vc"]], audience="https://a.example", nonce="n")
    vp = demo.present([ids["ob3"]], audience="https://a.example", nonce="n")
    return {"sd-jwt": sd.text, "vp": vp.text, "qr": qr.encode_for_qr(vp.presentation())[0]}


@pytest.mark.parametrize("kind", ["sd-jwt", "vp", "qr"])
def test_presentation_verifier(demo, kind: str, count) -> None:  # noqa: ANN001
    seed = _presentations(demo)[kind].encode()
    rng = random.Random(f"present:{kind}")
    ctx = demo.verify_context()
    accepted = 0
    n = count(QUICK, FULL)
    for _ in range(n):
        data = mutate(seed, rng)
        try:
            res = verify_presentation(data, ctx, audience="https://a.example", nonce="n")
            accepted += res.status == "verified"
        except WalletError:
            pass
    # mutations that keep a presentation valid can only touch what no signature covers (whitespace, padding)
    assert accepted < n * 0.05


def test_unsigned_seed_fuzz_smoke(demo) -> None:  # noqa: ANN001
    r = demo.import_bytes(ob3_bytes(77, "Fuzz seed"), "seed")
    assert r.ok
    demo.delete(r.id)
