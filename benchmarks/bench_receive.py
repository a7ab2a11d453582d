"""OpenID4VCI receive against the in-test issuer on this machine (loopback, so the figures are the wallet's
own work: parsing, proofs, the ordinary import's checks and the store, not the network).

    python benchmarks/bench_receive.py

Budgets: the preview (offer, issuer and authorization server metadata) <= 100 ms; receiving three
credentials of three formats (token, nonces, proofs, credential requests, import of each) <= 3 s.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.exchange.issuer_server import IssuerServer  # noqa: E402
from wallet.exchange.offer import offer_link  # noqa: E402
from wallet.service import Wallet  # noqa: E402


def main() -> int:
    previews, receives = [], []
    with tempfile.TemporaryDirectory() as tmp, IssuerServer() as srv:
        wallet, _code = Wallet.create(Path(tmp) / "w", "benchmark passphrase, not a secret")
        wallet.import_trust_list(ROOT / "resources" / "demo" / "trust.json")
        wallet.prepare_checks()
        for i in range(6):
            link = offer_link(srv.offer(["bls_sd_jwt", "literacy_jwt", "badge_ldp"]))
            t0 = time.perf_counter()
            pv = wallet.receive_preview(link, allow_loopback_http=True)
            t1 = time.perf_counter()
            res = wallet.receive(pv, allow_loopback_http=True)
            t2 = time.perf_counter()
            assert all(r.error is None for r in res.credentials), res.to_json()
            if i:  # the first round starts the checking process
                previews.append(t1 - t0)
                receives.append(t2 - t1)
        wallet.lock()
    pv_ms = statistics.median(previews) * 1000
    rx_s = statistics.median(receives)
    print("| figure | budget | measured | result |")
    print("|---|---|---|---|")
    print(f"| receive: preview of an offer (3 GETs, loopback) | 100 ms | {pv_ms:.0f} ms | "
          f"{'OK' if pv_ms <= 100 else 'OVER'} |")
    print(f"| receive: 3 credentials, 3 formats, imported (loopback) | 3 s | {rx_s:.2f} s | "
          f"{'OK' if rx_s <= 3 else 'OVER'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
