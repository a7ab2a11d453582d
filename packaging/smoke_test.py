"""Smoke-test a built credwallet (the PyInstaller bundle, or any installed `credwallet` command) from outside.

    python3 packaging/smoke_test.py dist/credwallet/credwallet [--resources DIR] [--out DIR]

Standard library only, so it runs with any Python 3.9+ (the bundle itself needs none).  It checks:
  1. `--version` prints the version;
  2. `init`, then the demo issuers trusted, the demo set imported and `verify --all`: nothing invalid,
     the Data Integrity, JWT and SD-JWT credentials verified (they need the bundled contexts and crypto);
  3. a selective-disclosure presentation as QR codes, read back by `verify-presentation --qr` (the QR
     round trip the tests do: Qt rendering, zxing-cpp decoding, the holder's signature);
  4. `--demo` offscreen: the window opens full and is grabbed to OUT/demo.png (CREDWALLET_SMOKE_GRAB).
Exit 0 when all pass; otherwise it says which step failed and exits 1.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

PASSPHRASE = "smoke-test passphrase, not a secret"
AUDIENCE, NONCE = "https://employer.example", "smoke-1"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("exe", help="the credwallet executable to test")
    ap.add_argument("--resources", help="its resources folder (default: found beside a PyInstaller bundle)")
    ap.add_argument("--out", help="where to keep the demo grab (default: a temporary folder)")
    args = ap.parse_args()
    exe = str(Path(args.exe).resolve())
    resources = Path(args.resources) if args.resources else Path(exe).parent / "_internal" / "wallet" / "resources"
    if not (resources / "demo" / "trust.json").is_file():
        print(f"smoke: no demo set under {resources} (give --resources)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="credwallet-smoke-") as tmp:
        t = Path(tmp)
        out = Path(args.out) if args.out else t
        out.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "CREDWALLET_"))}
        env.update(QT_QPA_PLATFORM="offscreen", CREDWALLET_HOME=str(t / "wallet"), HOME=str(t / "home"),
                   CREDWALLET_STATE_DIR=str(t / "state"), CREDWALLET_PASSPHRASE=PASSPHRASE)

        def run(*a: str, ok: tuple[int, ...] = (0,), extra: dict[str, str] | None = None):  # noqa: ANN202
            r = subprocess.run([exe, *a], capture_output=True, text=True, timeout=300, env={**env, **(extra or {})},
                               cwd=tmp)
            if r.returncode not in ok:
                raise SystemExit(f"smoke: `credwallet {' '.join(a)}` exited {r.returncode}:\n{r.stderr[-2000:]}")
            return json.loads(r.stdout) if "--json" in a else r.stdout

        version = run("--version").strip()
        assert version.startswith("credwallet "), version
        print(f"ok  1 {version}")

        run("init", "--json")
        run("issuers", "import", str(resources / "demo" / "trust.json"), "--json")
        run("import", str(resources / "demo" / "credentials"), "--json")
        checked = run("verify", "--all", "--json")
        statuses = {c["title"]: c["status"] for c in checked["results"]} if isinstance(checked, dict) else \
            {c.get("title", c.get("id")): c["status"] for c in checked}
        bad = {k: v for k, v in statuses.items() if v == "invalid"}
        verified = sum(v == "verified" for v in statuses.values())
        if bad or verified < len(statuses) - 2:  # the Blockcerts anchor and the plain PDF cannot be checked offline
            raise SystemExit(f"smoke: demo set not verified: {statuses}")
        print(f"ok  2 init, import and verify of {len(statuses)} demo credentials ({verified} verified)")

        listed = run("list", "--json")
        cert = next(c["id"] for c in listed if c["title"].startswith("Cloud Data Engineering"))
        shared = run("present", cert, "--disclose", "/credentialSubject/result", "--audience", AUDIENCE,
                     "--nonce", NONCE, "--qr", str(t / "qr.png"), "--json")
        back = run("verify-presentation", "--qr", *shared["qr_files"][::-1], "--audience", AUDIENCE,
                   "--nonce", NONCE, "--json")
        if back["status"] != "verified":
            raise SystemExit(f"smoke: QR round trip: {back['status']}: {back['checks']}")
        print(f"ok  3 QR round trip ({len(shared['qr_files'])} code(s), verified)")

        shot = out / "demo.png"
        run("--demo", extra={"CREDWALLET_SMOKE_GRAB": str(shot), "CREDWALLET_PASSPHRASE": ""})
        seen = json.loads(shot.with_suffix(".json").read_text("utf-8"))
        if not seen["rows"] or seen["statuses"].get("invalid") or not seen["icon"]:
            raise SystemExit(f"smoke: demo window: {seen}")
        print(f"ok  4 --demo window grabbed ({seen['rows']} credentials) -> {shot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
