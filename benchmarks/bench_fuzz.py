"""Bad input, per input: how long the wallet takes to refuse (or accept) one mutated file.

    python benchmarks/bench_fuzz.py [--n 500]

The same mutations as tests/reliability/test_fuzz_all.py (same generator, same seeds, so the first
``--n`` inputs here are the test's first ``--n``), plus ``--n`` single flipped bits per seed (the
costly case: the file still parses, so the whole verification runs, pairings included, as in
tests/formats/test_fuzz.py): each demo credential is mutated and imported into a demo wallet (read,
parse, verify, store or refuse), and each kind of presentation is mutated and checked by the
employer's verifier.  Budget per input: <= 1 s; <= 2 s for a BBS credential (bbs-2023:
its pairings run in pure Python, about 0.4 s on an idle machine).  The tests assert only what the
machine's speed cannot change (only WalletError escapes, nothing written); this is where the time is.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.reliability.test_fuzz_all import SEEDS, _presentations, mutate  # noqa: E402
from ui.gui.app import make_demo_wallet  # noqa: E402
from wallet.errors import WalletError  # noqa: E402
from wallet.present.verifier import verify_presentation  # noqa: E402


def budget_for(name: str) -> float:
    return 2.0 if "bbs" in name else 1.0


class Clock:
    """Wall time per input (what a person waits) and CPU time (what a busy machine cannot inflate)."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def __enter__(self) -> Clock:
        self._w, self._c = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.wall.append(time.perf_counter() - self._w)
        self.cpu.append(time.process_time() - self._c)


def row(figure: str, budget: float, clock: Clock) -> str:
    times = clock.wall
    slowest = max(times)
    p99 = statistics.quantiles(times, n=100)[98] if len(times) >= 2 else slowest
    measured = (f"slowest {slowest:.2f} s, CPU {max(clock.cpu):.2f} s (p99 {p99 * 1000:.0f} ms, "
                f"median {statistics.median(times) * 1000:.1f} ms)")
    return f"| {figure} | ≤ {budget:.0f} s per input | {measured} | {'pass' if slowest <= budget else 'FAIL'} |"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=500,
                    help="mutated inputs per seed and family (the test runs 500; 200,000 with --long)")
    args = ap.parse_args()
    rows: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        demo = make_demo_wallet(Path(tmp) / "w", "benchmark passphrase")
        for name in sorted(SEEDS):
            rng = random.Random(f"import:{name}")
            clock = Clock()
            for _ in range(args.n):
                data = mutate(SEEDS[name], rng)
                with clock:
                    r = demo.import_bytes(data, "fuzz")
                if not r.error and not r.duplicate:
                    demo.delete(r.id)
            flips = random.Random(f"flip:{name}")
            for _ in range(args.n):
                b = bytearray(SEEDS[name])
                b[flips.randrange(len(b))] ^= 1 << flips.randrange(8)
                with clock:
                    r = demo.import_bytes(bytes(b), "fuzz")
                if not r.error and not r.duplicate:
                    demo.delete(r.id)
            rows.append(row(f"fuzzed import of {name}, {2 * args.n} inputs", budget_for(name), clock))
        ctx = demo.verify_context()
        for kind, seed in _presentations(demo).items():
            rng = random.Random(f"present:{kind}")
            clock = Clock()
            for _ in range(args.n):
                data = mutate(seed.encode(), rng)
                with clock:
                    try:
                        verify_presentation(data, ctx, audience="https://a.example", nonce="n")
                    except WalletError:
                        pass
            rows.append(row(f"fuzzed presentation check, {args.n} mutations of a {kind}", 1.0, clock))
        demo.lock()
    print(f"credwallet bad input per input — {args.n} mutations per seed — "
          f"{platform.machine()}, {os.cpu_count()} cores, CPython {platform.python_version()}")
    print("| figure | budget | measured | result |")
    print("|---|---|---|---|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
