"""What believing a status list costs: a credential with a revocation entry, verified online with its issuer's
signed 16 KB BitstringStatusList (the list credential is verified like any credential), against the same
credential without a status entry; and an SD-JWT VC with a Token Status List, against one without.

    python benchmarks/bench_status.py [--n 200]

The lists are served from memory (no network), so the figures are the checking alone. Budget: the status
check adds at most 5 ms per credential (one more signature, canonicalization of the list, the bitstring).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import factory  # noqa: E402
from tests.security.test_status_list_trust import IAT, TOKEN_URI, status_token  # noqa: E402
from tests.verify.test_engine import StatusFetcher  # noqa: E402
from wallet.crypto import signing  # noqa: E402
from wallet.formats import detect  # noqa: E402
from wallet.verify import engine  # noqa: E402
from wallet.verify.engine import VerifyContext  # noqa: E402

URL = "https://status.example/bench"
BUDGET_MS = 5.0


def _per_credential(data: bytes, docs: dict[str, bytes], n: int) -> float:
    started = time.perf_counter()
    for _ in range(n):
        report = engine.verify(detect.parse(data, "b"), VerifyContext(fetcher=StatusFetcher(docs)))
    assert next(c for c in report.checks if c.id == "status").status in ("pass", "fail")
    return (time.perf_counter() - started) / n * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200)
    n = ap.parse_args().n
    entry = {"id": f"{URL}#7", "type": "BitstringStatusListEntry", "statusPurpose": "revocation",
             "statusListIndex": "7", "statusListCredential": URL}
    plain = json.dumps(factory.signed(factory.ob3(1))).encode()
    with_status = json.dumps(factory.signed(factory.ob3(2, extra={"credentialStatus": entry}))).encode()
    docs = {URL: factory.status_list_bytes(URL, {7})}
    base = _per_credential(plain, {}, n)
    listed = _per_credential(with_status, docs, n)

    def sd(status: bool) -> bytes:
        payload = {"iss": factory.DID, "vct": "https://credentials.example/x", "iat": IAT, "_sd_alg": "sha-256", "_sd": []}
        if status:
            payload["status"] = {"status_list": {"idx": 7, "uri": TOKEN_URI}}
        return (signing.sign_jws({"alg": "EdDSA", "typ": "dc+sd-jwt", "kid": factory.VM}, json.dumps(payload).encode(),
                                 factory.KEY) + "~").encode()

    sd_base = _per_credential(sd(False), {}, n)
    sd_listed = _per_credential(sd(True), {TOKEN_URI: status_token({7}).encode()}, n)
    print("| figure | budget | measured | result |")
    print("|---|---|---|---|")
    for name, without, with_ in (("status check with the issuer's signed BitstringStatusList (Data Integrity)", base, listed),
                                 ("status check with the issuer's signed Token Status List (SD-JWT VC)", sd_base, sd_listed)):
        extra = with_ - without
        print(f"| {name}: time added per credential ({without:.2f} ms without, {with_:.2f} ms with) "
              f"| <= {BUDGET_MS:.0f} ms | {extra:.2f} ms | {'ok' if extra <= BUDGET_MS else 'OVER'} |")

if __name__ == "__main__":
    main()
