"""Skills portfolio over 10,000 credentials: aggregation and a filtered search, with budgets.

    python benchmarks/bench_portfolio.py [--n 10000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_vault import fill, timed  # noqa: E402
from wallet.service import Wallet  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wallet, _ = Wallet.create(Path(tmp) / "w", "benchmark passphrase")
        fill(wallet, args.n)
        skills = wallet.skills()
        agg = timed(lambda: wallet.skills(), 7)
        search = timed(lambda: wallet.credentials("statistics"), 20)
        filtered = timed(lambda: wallet.credentials("data", status="unverified", since="2020-01-01"), 20)
        wallet.lock()
    print(f"credwallet portfolio — {args.n:,} credentials, {len(skills)} distinct skills")
    print("| figure | budget | measured | result |")
    print("|---|---|---|---|")
    print(f"| skills aggregation | ≤ 200 ms | {agg * 1000:.0f} ms | {'pass' if agg <= 0.2 else 'FAIL'} |")
    print(f"| full-text search | ≤ 20 ms | {search * 1000:.1f} ms | {'pass' if search <= 0.02 else 'FAIL'} |")
    print(f"| search + status + date filter | ≤ 20 ms | {filtered * 1000:.1f} ms | {'pass' if filtered <= 0.02 else 'FAIL'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
