"""Child process for the crash test: imports credentials forever, reporting each commit.

Usage: python -m tests.vault.crash_worker WALLET_DIR START   (data key hex in CRASH_KEY)
Prints "COMMITTED <id> <sha256>" after each import transaction has committed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tests.factory import ob3_bytes
from wallet.service import Wallet
from wallet.vault import Vault


def main() -> None:
    home, start = Path(sys.argv[1]), int(sys.argv[2])
    w = Wallet(Vault.unlock(home, data_key=bytes.fromhex(os.environ["CRASH_KEY"])))
    i = start
    while True:
        data = ob3_bytes(i, f"Crash badge {i}", "x" * (i % 5000))
        r = w.import_bytes(data, f"{i}.json")
        if r.error:
            print(f"ERROR {r.error}", flush=True)
            sys.exit(1)
        print(f"COMMITTED {r.id} {i}", flush=True)
        i += 1


if __name__ == "__main__":
    main()
