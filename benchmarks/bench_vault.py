"""Vault benchmarks, printed next to their budgets (not a timed test).

    python benchmarks/bench_vault.py [--n 10000]

Figures: key derivation (by design 0.3-1 s), open a wallet of N credentials after key derivation,
list all, one full-text search.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wallet.model import Normalized, Skill, VerificationReport  # noqa: E402
from wallet.service import Wallet, credential_id_for  # noqa: E402
from wallet.vault import Vault, crypto  # noqa: E402
from wallet.model import Credential  # noqa: E402

WORDS = ("data analysis python welding first aid spreadsheet carpentry nursing barista forklift "
         "leadership teamwork statistics chemistry design marketing accounting law music").split()


def fill(wallet: Wallet, n: int) -> None:
    with wallet.store.transaction() as db:
        for i in range(n):
            w1, w2 = WORDS[i % len(WORDS)], WORDS[(i * 7) % len(WORDS)]
            data = json.dumps({"id": f"urn:bench:{i}", "name": f"{w1} {w2} {i}", "pad": "x" * 600}).encode()
            sha = hashlib.sha256(data).hexdigest()
            norm = Normalized(title=f"{w1.title()} {w2} level {i % 5}", issuer_name=f"Issuer {i % 40}",
                              description=f"Learners show {w1} and {w2} in practice. " * 3,
                              issued=f"20{10 + i % 16:02d}-01-01", credential_id=f"urn:bench:{i}",
                              skills=[Skill(w1), Skill(w2, "ESCO")])
            cred = Credential(credential_id_for(sha), "unknown", data, sha, norm,
                              VerificationReport.unverified("bench", ""), imported_at="2026-01-01T00:00:00Z")
            wallet.store.insert(db, cred)


def timed(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def row(name: str, budget: str, measured: float, ok: bool | None) -> str:
    verdict = "—" if ok is None else ("pass" if ok else "FAIL")
    return f"| {name} | {budget} | {measured * 1000:.1f} ms | {verdict} |"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "w"
        wallet, _ = Wallet.create(home, "benchmark passphrase")
        key = wallet.vault.data_key
        fill(wallet, args.n)
        wallet.lock()
        kdf = timed(lambda: crypto.derive_key("benchmark passphrase", b"s" * 16, crypto.DEFAULT_KDF), 3)

        def open_it() -> None:
            Vault.unlock(home, data_key=key).lock()

        opened = timed(open_it)
        w = Wallet(Vault.unlock(home, data_key=key))
        listed = timed(lambda: w.credentials())
        searched = timed(lambda: w.credentials("python"), 20)
        hits = len(w.credentials("python"))
        w.lock()
    print(f"credwallet vault benchmarks — {args.n:,} credentials — {platform.machine()}, "
          f"{platform.python_implementation()} {platform.python_version()}")
    print("| figure | budget | measured | result |")
    print("|---|---|---|---|")
    print(row("key derivation (Argon2id)", "0.3–1 s by design", kdf, 0.3 <= kdf <= 1.0))
    print(row(f"open wallet of {args.n:,} (after KDF)", "≤ 300 ms", opened, opened <= 0.3))
    print(row(f"list all {args.n:,}", "≤ 200 ms", listed, listed <= 0.2))
    print(row(f"full-text search ({hits} hits)", "≤ 20 ms", searched, searched <= 0.02))
    return 0


if __name__ == "__main__":
    sys.exit(main())
