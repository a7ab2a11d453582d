"""Bounded work for hostile inputs (issue 13, section 7): every figure is a worst case an attacker picks.

    python benchmarks/bench_bounded.py

- the largest credential the import accepts (just under the 20 MB cap), really signed, answered;
- a 2 MB credential of 20,000 small nodes (the shape that took 274 s) answered in-process and on import;
- a 1 MB PDF whose attachment inflates to 1 GB refused, time and peak memory of the process reading it;
- a JWT payload and an SD-JWT disclosure nested 100,000 levels deep refused.

Each case runs in its own subprocess (peak memory is that process's own high-water mark, VmHWM); a case
that does not finish is stopped at 60 s.  The import rows go through the wallet, whose checking process
enforces the per-input budget.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ANSWER_BUDGET = 5.0  # s: any credential up to the import size cap
PDF_BUDGET = 2.0  # s: a PDF bomb refused...
PDF_MEMORY = 200  # MB: ...under this peak resident memory
DEEP_BUDGET = 1.0  # s: a deep-nesting token refused
CASE_TIMEOUT = 60.0

CASE = r'''
import json, resource, sys, time
sys.path.insert(0, {root!r})
kind, path = sys.argv[1], sys.argv[2]
from wallet.errors import WalletError
from wallet.formats import detect
from wallet.verify import engine
def peak_mb():
    # VmHWM: this process's own peak (ru_maxrss would carry the parent's peak across fork and exec)
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
data = open(path, "rb").read()
rss0 = peak_mb()
t = time.perf_counter()
try:
    parsed = detect.parse(data, path)
    outcome = engine.verify(parsed).status
except WalletError as exc:
    outcome = "refused: " + str(exc)[-90:]
el = time.perf_counter() - t
print(json.dumps({{"s": el, "rss_mb": peak_mb(), "rss0_mb": rss0, "outcome": outcome}}))
'''


def run_case(path: Path) -> dict:
    code = CASE.format(root=str(ROOT))
    try:
        p = subprocess.run([sys.executable, "-c", code, "case", str(path)], capture_output=True, text=True,
                           timeout=CASE_TIMEOUT, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"s": None, "rss_mb": None, "outcome": f"not answered within {CASE_TIMEOUT:.0f} s"}
    if p.returncode != 0:
        return {"s": None, "rss_mb": None, "outcome": "crashed: " + (p.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(p.stdout.strip().splitlines()[-1])


def largest_signed(cap: int) -> bytes:
    from tests import factory

    base = len(factory.ob3_bytes(900))
    cred = factory.ob3(900, description="x" * (cap - base - 4096))  # one long (legal) literal, then signed
    return json.dumps(factory.signed(cred)).encode()


def many_nodes(n: int) -> bytes:
    """A real signed credential, then 20,000 alignment nodes added (the proof no longer covers it; the
    verifier must still do all the work to find that out, which is what an attacker sends)."""
    from tests import factory

    doc = json.loads(factory.ob3_bytes(901))
    doc["credentialSubject"]["achievement"]["alignment"] = [
        {"type": ["Alignment"], "targetName": f"Skill {i}", "targetUrl": f"https://skills.example/{i}",
         "targetType": "ceasn:Competency"} for i in range(n)]
    return json.dumps(doc).encode()


def timed_import(files: list[Path], home: Path) -> tuple[float, list[str]]:
    from wallet.service import Wallet

    wallet, _ = Wallet.create(home, "benchmark passphrase")
    wallet.import_bytes(b"{}", "warm-up")  # the checking process is up and warm, as in a running app
    t = time.perf_counter()
    results = wallet.import_paths(files)
    el = time.perf_counter() - t
    wallet.lock()
    return el, [r.error or r.status or "" for r in results]


def fmt_s(v: float | None) -> str:
    return "—" if v is None else f"{v:.2f} s"


def main() -> int:
    from wallet.service import DEFAULT_MAX_FILE_BYTES
    from tests.security.test_bounded_work import (DEEP, _sd_jwt_with, deep_json, flate_bomb, make_hostile,
                                                  pdf_with_attachment, sign_jwt, vc_jwt_payload)
    from tests import factory

    rows: list[tuple[str, str, str, bool]] = []
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        big = d / "largest.json"
        big.write_bytes(largest_signed(DEFAULT_MAX_FILE_BYTES - 1024))
        nodes = d / "nodes.json"
        nodes.write_bytes(many_nodes(20_000))
        bomb = d / "bomb.pdf"
        bomb.write_bytes(make_hostile(pdf_with_attachment(factory.ob3_bytes(902)), flate_bomb(1 << 30),
                                      ["/FlateDecode"], declared=None))
        payload = vc_jwt_payload(903)
        payload["vc"]["credentialSubject"]["extra"] = "DEEP"
        deep_jwt = d / "deep.jwt"
        deep_jwt.write_text(sign_jwt(deep_json("DEEP", json.dumps(payload))))
        deep_sd = d / "deep-sd.txt"
        deep_sd.write_text(_sd_jwt_with(deep_json("DEEP", json.dumps(["salt", "given_name", "DEEP"]))))

        r = run_case(big)
        rows.append((f"largest signed credential ({big.stat().st_size / 2**20:.2f} MiB, cap 20 MiB), verify in-process",
                     f"≤ {ANSWER_BUDGET:.0f} s", f"{fmt_s(r['s'])} ({r['outcome'][:40]})",
                     r["s"] is not None and r["s"] <= ANSWER_BUDGET))
        r = run_case(nodes)
        rows.append((f"2 MB credential, 20,000 nodes ({nodes.stat().st_size / 1e6:.1f} MB), verify in-process",
                     f"≤ {ANSWER_BUDGET:.0f} s", f"{fmt_s(r['s'])} ({r['outcome'][:40]})",
                     r["s"] is not None and r["s"] <= ANSWER_BUDGET))
        for f in (big, nodes):
            el, outcome = timed_import([f], d / f"w-{f.stem}")
            rows.append((f"import of {f.name} (per-input budget {ANSWER_BUDGET:.0f} s)", f"≤ {ANSWER_BUDGET + 0.5:.1f} s",
                         f"{el:.2f} s ({outcome[0][-40:]})", el <= ANSWER_BUDGET + 0.5))
        r = run_case(bomb)
        refused = r["outcome"].startswith("refused")
        rows.append((f"PDF bomb ({bomb.stat().st_size / 1e6:.1f} MB → 1 GB) refused", f"≤ {PDF_BUDGET:.0f} s",
                     f"{fmt_s(r['s'])} ({r['outcome'][-45:]})", refused and r["s"] is not None and r["s"] <= PDF_BUDGET))
        rows.append(("PDF bomb: peak resident memory of the reading process", f"< {PDF_MEMORY} MB",
                     "—" if r["rss_mb"] is None else f"{r['rss_mb']:.0f} MB (before: {r['rss0_mb']:.0f} MB)",
                     r["rss_mb"] is not None and r["rss_mb"] < PDF_MEMORY))
        for name, f in ((f"JWT payload nested {DEEP:,} deep refused", deep_jwt),
                        (f"SD-JWT disclosure nested {DEEP:,} deep refused", deep_sd)):
            r = run_case(f)
            ok = r["outcome"].startswith("refused") and r["s"] is not None and r["s"] <= DEEP_BUDGET
            rows.append((name, f"≤ {DEEP_BUDGET:.0f} s", f"{fmt_s(r['s'])} ({r['outcome'][-35:]})", ok))
    print(f"credwallet bounded work — hostile inputs — {platform.machine()}, {os.cpu_count()} cores, "
          f"CPython {platform.python_version()}")
    print("| figure | budget | measured | result |")
    print("|---|---|---|---|")
    for fig, budget, measured, ok in rows:
        print(f"| {fig} | {budget} | {measured.replace('|', '/')} | {'pass' if ok else 'FAIL'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
