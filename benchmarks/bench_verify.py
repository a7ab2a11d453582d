"""Verification throughput: Open Badges 3.0 eddsa-rdfc-2022 credentials, each from a fresh issuer key.

    python benchmarks/bench_verify.py [--n 2000] [--bulk 10000] [--stored 1000] [--profile]
    python benchmarks/bench_verify.py --paired OTHER_CHECKOUT [--n 100] [--rounds 100]

Reports (issue 19 targets as budgets):
- the time per credential verified one after another on one core (≤ 0.35 ms), and the same with the
  JSON-LD fast walk switched off (pyld alone, the reference: for comparison, no budget);
- a bulk import of a folder of 10,000 (read, parse, verify, store in the encrypted wallet; ≤ 8 s on 2 cores);
- ``credwallet verify --all`` through the CLI: the time per credential beyond the fixed start-up (from
  1,000 and 200 stored), against the in-process time per credential, and the all-in figure.
``--profile`` prints the top of a cProfile of the one-after-another loop instead (docs/benchmarks-notes.md).
``--paired`` compares this checkout with another one (e.g. a ``git worktree`` of the commit before) on a
shared machine: two worker processes verify the same credentials in alternating rounds, and the median of
the per-round ratios of processor time is printed (neighbours' load hits both sides of a pair alike).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# --paired runs this script's workers against another checkout's code: BENCH_VERIFY_TREE names it
ROOT = Path(os.environ.get("BENCH_VERIFY_TREE") or Path(__file__).resolve().parents[1])
sys.path.insert(0, str(ROOT))

from cryptography.hazmat.primitives.asymmetric import ed25519  # noqa: E402

from tests.factory import ob3  # noqa: E402
from wallet.crypto import jsonld_fast  # noqa: E402
from wallet.crypto import publickeys as keys  # noqa: E402
from wallet.crypto import signing  # noqa: E402
from wallet.crypto.jsonld import DocumentLoader  # noqa: E402
from wallet.formats import detect  # noqa: E402
from wallet.service import Wallet  # noqa: E402
from wallet.verify import engine  # noqa: E402

VERIFY_MS = 0.35  # per credential, one core
BULK_SECONDS = 8.0  # a folder of 10,000
PASSPHRASE = "benchmark passphrase"


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


def per_credential_ms(creds: list[bytes], fast: bool, rounds: int = 3) -> tuple[float, float]:
    """(processor ms, wall-clock ms) per credential, each the best of ``rounds`` passes.  One core, one
    thread: on a quiet machine the two agree; on a shared one the processor time is the code's cost and
    the wall-clock time includes the neighbours'."""
    jsonld_fast.ENABLED = fast
    ctx = engine.VerifyContext()
    engine.verify(detect.parse(creds[0], "warm-up"), ctx)
    cpu = wall = float("inf")
    for _ in range(rounds):
        t, c = time.perf_counter(), time.process_time()
        for i, data in enumerate(creds):
            report = engine.verify(detect.parse(data, str(i)), ctx)
            assert next(c for c in report.checks if c.id == "signature").status == "pass"
        cpu = min(cpu, (time.process_time() - c) / len(creds) * 1000)
        wall = min(wall, (time.perf_counter() - t) / len(creds) * 1000)
    jsonld_fast.ENABLED = True
    return cpu, wall


def profile(creds: list[bytes]) -> str:
    ctx = engine.VerifyContext()
    engine.verify(detect.parse(creds[0], "warm-up"), ctx)
    prof = cProfile.Profile()
    prof.enable()
    for i, data in enumerate(creds):
        engine.verify(detect.parse(data, str(i)), ctx)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).strip_dirs().sort_stats("tottime").print_stats(15)
    return out.getvalue()


def _worker(creds_file: str) -> int:
    """--worker: verify the credentials in ``creds_file`` once per line read from stdin; print the
    processor ms per credential."""
    creds = [c.encode() for c in json.loads(Path(creds_file).read_text())]
    ctx = engine.VerifyContext()
    for data in creds[:20]:
        engine.verify(detect.parse(data, "warm-up"), ctx)
    for _line in sys.stdin:
        c = time.process_time()
        for i, data in enumerate(creds):
            report = engine.verify(detect.parse(data, str(i)), ctx)
        took = (time.process_time() - c) / len(creds) * 1000
        assert next(x for x in report.checks if x.id == "signature").status == "pass"
        print(took, flush=True)
    return 0


def paired(other: Path, creds: list[bytes], rounds: int) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        creds_file = Path(tmp) / "creds.json"
        creds_file.write_text(json.dumps([c.decode() for c in creds]))
        workers = {}
        for tree in (other.resolve(), ROOT):
            env = dict(os.environ, PYTHONPATH=str(tree), BENCH_VERIFY_TREE=str(tree))
            workers[tree] = subprocess.Popen(
                [sys.executable, str(Path(__file__).resolve()), "--worker", str(creds_file)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env, cwd=tree)
        times: dict[Path, list[float]] = {t: [] for t in workers}
        ratios = []
        for _ in range(rounds):
            pair = []
            for tree, w in workers.items():
                assert w.stdin is not None and w.stdout is not None
                w.stdin.write("go\n")
                w.stdin.flush()
                pair.append(float(w.stdout.readline()))
                times[tree].append(pair[-1])
            ratios.append(pair[1] / pair[0])
        for w in workers.values():
            assert w.stdin is not None
            w.stdin.close()
            w.wait()
    ratios.sort()
    lines = [f"{t}: min {min(v):.4f} ms, median {sorted(v)[len(v) // 2]:.4f} ms per credential (processor time)"
             for t, v in times.items()]
    lines.append(f"this checkout / {other}: median ratio {ratios[len(ratios) // 2]:.3f} "
                 f"(quartiles {ratios[len(ratios) // 4]:.3f}-{ratios[3 * len(ratios) // 4]:.3f}, {rounds} pairs, "
                 f"load average {os.getloadavg()[0]:.1f})")
    return "\n".join(lines)


def _cpu_now() -> tuple[float, float]:
    """Processor seconds so far of this process and of its checking process (wallet.bounded's worker)."""
    import resource

    from wallet import bounded

    u = resource.getrusage(resource.RUSAGE_SELF)
    proc = bounded.SHARED_WORKER.proc
    worker = bounded._cpu_seconds(proc.pid) if proc is not None and proc.is_alive() else None
    return u.ru_utime + u.ru_stime, worker or 0.0


def bulk_import(creds: list[bytes]) -> tuple[float, Path, tempfile.TemporaryDirectory, float, float]:
    tmp = tempfile.TemporaryDirectory()
    folder = Path(tmp.name) / "in"
    folder.mkdir()
    for i, data in enumerate(creds):
        (folder / f"{i:05d}.json").write_bytes(data)
    home = Path(tmp.name) / "w"
    wallet, _ = Wallet.create(home, PASSPHRASE)
    before = _cpu_now()  # the checking process starts inside the import (counted), as from the CLI
    t = time.perf_counter()
    results = wallet.import_paths([folder])
    took = time.perf_counter() - t
    after = _cpu_now()
    assert sum(1 for r in results if r.ok) == len(creds), [r.error for r in results if not r.ok][:3]
    wallet.lock()
    return took, home, tmp, after[0] - before[0], after[1] - before[1]


def cli_verify_all(home: Path) -> tuple[float, int]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), CREDWALLET_PASSPHRASE=PASSPHRASE)
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "ui.cli.main", "--wallet", str(home), "--json", "verify", "--all"],
                       capture_output=True, text=True, env=env, timeout=900, cwd=ROOT)
    took = time.perf_counter() - t
    assert p.returncode == 0, p.stderr[-500:]
    return took, len(json.loads(p.stdout))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000, help="credentials verified one after another")
    ap.add_argument("--bulk", type=int, default=10_000, help="credentials in the folder imported")
    ap.add_argument("--stored", type=int, default=1000, help="credentials re-checked by verify --all")
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--paired", type=Path, help="another checkout to compare with, round by round")
    ap.add_argument("--rounds", type=int, default=100, help="rounds of --paired")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        return _worker(args.worker)
    if args.paired:
        print(paired(args.paired, make(args.n if args.n != 2000 else 100), args.rounds))
        return 0
    creds = make(max(args.n, args.bulk, args.stored))
    if args.profile:
        print(profile(creds[: args.n]))
        return 0
    seq_ms, seq_wall = per_credential_ms(creds[: args.n], fast=True)
    pyld_ms, pyld_wall = per_credential_ms(creds[: args.n], fast=False)
    bulk_s, _home, tmp, parent_cpu, worker_cpu = bulk_import(creds[: args.bulk])
    tmp.cleanup()
    small = max(1, args.stored // 5)
    _s, home, tmp, *_cpu = bulk_import(creds[: args.stored])
    cli_s, checked = cli_verify_all(home)
    tmp.cleanup()
    _s, home, tmp, *_cpu = bulk_import(creds[: small])
    cli_small_s, _n = cli_verify_all(home)
    tmp.cleanup()
    inproc_ms = per_credential_ms(creds[: args.stored], fast=True, rounds=1)[1]
    cli_ms = cli_s / checked * 1000
    marginal_ms = (cli_s - cli_small_s) / (checked - small) * 1000  # start-up, key derivation, worker start cancel out
    startup_s = cli_s - marginal_ms * checked / 1000
    print(f"credwallet verification — OB 3.0 eddsa-rdfc-2022 credentials, fresh keys — "
          f"{platform.machine()}, {os.cpu_count()} cores, CPython {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f} at the end")
    print("| figure | budget | measured | result | what changed |")
    print("|---|---|---|---|---|")
    print(f"| verify one after another (1 core), per OB 3.0 eddsa-rdfc-2022 credential, processor time "
          f"| ≤ {VERIFY_MS} ms | {seq_ms:.3f} ms ({1000 / seq_ms:,.0f}/s; wall {seq_wall:.3f} ms) "
          f"| {'pass' if seq_ms <= VERIFY_MS else 'not met'} "
          f"| JSON-LD to RDF in one walk (crypto/jsonld_fast), node shapes remembered, RDFC without hashing a lone "
          f"blank node, a leaner signed view; see the notes below |")
    print(f"| same, pyld alone (the reference path, for comparison) | — | {pyld_ms:.3f} ms ({1000 / pyld_ms:,.0f}/s; "
          f"wall {pyld_wall:.3f} ms) | info | |")
    busiest = max(parent_cpu, worker_cpu)  # the two run side by side: on two free cores, the wall time
    bulk_result = ("pass" if bulk_s <= BULK_SECONDS else
                   f"pass on processor time (machine loaded; wall {bulk_s:.1f} s)" if busiest <= BULK_SECONDS else "not met")
    print(f"| bulk import of a folder of {args.bulk:,}: read, parse, verify, store (2 cores) | ≤ {BULK_SECONDS:g} s "
          f"| {bulk_s:.1f} s ({args.bulk / bulk_s:,.0f}/s); processor time: storing process {parent_cpu:.1f} s, "
          f"checking process {worker_cpu:.1f} s | {bulk_result} "
          f"| full-text rows rewritten by rowid (the import was quadratic), faster verification in the checker |")
    ok = 0 < marginal_ms <= inproc_ms
    load = os.getloadavg()[0]
    # this benchmark's own two processes count in the load average: beyond that, another's work is in it
    cli_result = ("pass" if ok else "not met") if load <= (os.cpu_count() or 1) + 2 and marginal_ms > 0 else \
        f"not measurable here (load average {load:.0f} on {os.cpu_count()} cores: start-up varies by seconds)"
    print(f"| verify --all through the CLI, per credential beyond start-up ({checked:,} against {small:,} stored) "
          f"| ≤ in-process one after another ({inproc_ms:.2f} ms) | {marginal_ms:.2f} ms (all in {cli_ms:.2f} ms "
          f"per credential for {checked:,}; start-up, key derivation and the checking process ≈ {startup_s:.1f} s) "
          f"| {cli_result} "
          f"| batched like bulk import: checked in the checking process beside the storing one, one transaction "
          f"per 200 (was one per credential, in-process) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
