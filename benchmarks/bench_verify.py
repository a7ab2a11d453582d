"""Verification throughput: Open Badges 3.0 eddsa-rdfc-2022 credentials, each from a fresh issuer key.

    python benchmarks/bench_verify.py [--n 1000]

Reports credentials/s verified one after another (one core), and for a bulk import of a folder
(read, parse, verify, store in the encrypted wallet in batched transactions).  Budget: >= 600 credentials/s.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cryptography.hazmat.primitives.asymmetric import ed25519  # noqa: E402

from tests.factory import ob3  # noqa: E402
from wallet.crypto import signing
from wallet.crypto import publickeys as keys
from wallet.crypto.jsonld import DocumentLoader  # noqa: E402
from wallet.formats import detect  # noqa: E402
from wallet.service import Wallet  # noqa: E402
from wallet.verify import engine  # noqa: E402

BUDGET = 600.0


def make(n: int) -> list[bytes]:
    loader = DocumentLoader()
    out = []
    for i in range(n):
        k = ed25519.Ed25519PrivateKey.generate()
        did = "did:key:" + keys.to_multikey(k.public_key())
        cred = ob3(i, f"Benchmark badge {i}")
        cred["issuer"]["id"] = did
        out.append(json.dumps(signing.sign_data_integrity(cred, k, f"{did}#{did[8:]}", created=cred["validFrom"],
                                                 loader=loader)).encode())
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    args = ap.parse_args()
    creds = make(args.n)
    ctx = engine.VerifyContext()
    engine.verify(detect.parse(creds[0], "warm-up"), ctx)
    t = time.perf_counter()
    for i, data in enumerate(creds):
        report = engine.verify(detect.parse(data, str(i)), ctx)
        assert next(c for c in report.checks if c.id == "signature").status == "pass"
    seq = args.n / (time.perf_counter() - t)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for i, data in enumerate(creds):
            (folder / f"{i:05d}.json").write_bytes(data)
        wallet, _ = Wallet.create(Path(tmp) / "w", "benchmark passphrase")
        t = time.perf_counter()
        results = wallet.import_paths([folder])
        bulk = args.n / (time.perf_counter() - t)
        assert sum(1 for r in results if r.ok) == args.n, [r.error for r in results if not r.ok][:3]
        wallet.lock()
    print(f"credwallet verification — {args.n:,} OB 3.0 eddsa-rdfc-2022 credentials, fresh keys — "
          f"{platform.machine()}, {os.cpu_count()} cores, CPython {platform.python_version()}")
    print("| figure | budget | measured | result |")
    print("|---|---|---|---|")
    print(f"| verify one after another (1 core) | ≥ {BUDGET:.0f}/s | {seq:.0f}/s | {'pass' if seq >= BUDGET else 'FAIL'} |")
    print(f"| bulk import of a folder: read, parse, verify, store | ≥ {BUDGET:.0f}/s | {bulk:.0f}/s |"
          f" {'pass' if bulk >= BUDGET else 'FAIL'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
