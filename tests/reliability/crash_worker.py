"""Child process for the crash suite: does one kind of write forever, reporting what is durable.

    python -m tests.reliability.crash_worker MODE WALLET_DIR ARG
MODE import:     imports credentials ARG, ARG+1, ...; prints "COMMITTED <id> <n>" after each commit
MODE passphrase: alternates the passphrase between two values; prints "PASSPHRASE <pw>" after each change
MODE backup:     writes backups to ARG over and over; prints "BACKUP <n>" after each
MODE restore:    restores the backup file ARG into the wallet over and over; prints "RESTORED"
The data key comes in CRASH_KEY (hex); passphrases in CRASH_PW_A / CRASH_PW_B.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tests.factory import ob3_bytes
from wallet.service import Wallet
from wallet.vault import Vault


def main() -> None:
    mode, home, arg = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    w = Wallet(Vault.unlock(home, data_key=bytes.fromhex(os.environ["CRASH_KEY"])))
    n = 0
    while True:
        if mode == "import":
            i = int(arg) + n
            r = w.import_bytes(ob3_bytes(i, f"Crash badge {i}"), f"{i}.json")
            if r.error:
                print(f"ERROR {r.error}", flush=True)
                sys.exit(1)
            print(f"COMMITTED {r.id} {i}", flush=True)
        elif mode == "passphrase":
            pw = os.environ["CRASH_PW_A"] if n % 2 == 0 else os.environ["CRASH_PW_B"]
            w.change_passphrase(pw)
            print(f"PASSPHRASE {pw}", flush=True)
        elif mode == "backup":
            w.backup(Path(arg))
            print(f"BACKUP {n}", flush=True)
        elif mode == "restore":
            w.restore(Path(arg), passphrase=os.environ["CRASH_PW_A"])
            print("RESTORED", flush=True)
        n += 1


if __name__ == "__main__":
    main()
