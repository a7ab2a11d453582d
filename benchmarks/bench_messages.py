"""Check messages in German from their English text alone (wallet/messages.py reverse lookup), as a report
stored before message ids is shown: cold (first sight of each message) and warm, with budgets.

    python benchmarks/bench_messages.py
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wallet import messages, paths  # noqa: E402
from wallet.formats import detect  # noqa: E402
from wallet.verify import engine  # noqa: E402
from wallet.verify.engine import VerifyContext  # noqa: E402
from wallet.verify.trust import TrustList, parse_entries  # noqa: E402


def main() -> int:
    demo = paths.resources_dir() / "demo"
    ctx = VerifyContext(trust=TrustList(parse_entries(json.loads((demo / "trust.json").read_text()))))
    english: list[str] = []
    for f in sorted((demo / "credentials").iterdir()):
        english += [c.message for c in engine.verify(detect.parse(f.read_bytes(), f.name), ctx).checks]
    distinct = sorted(set(english))
    messages._best.cache_clear()
    messages._translate.cache_clear()
    t = time.perf_counter()
    messages._patterns()
    compile_s = time.perf_counter() - t
    t = time.perf_counter()
    for m in distinct:
        messages.translate(m, "de")
    cold = (time.perf_counter() - t) / len(distinct)
    t = time.perf_counter()
    for _ in range(20):
        for m in english:
            messages.translate(m, "de")
    warm = (time.perf_counter() - t) / (20 * len(english))
    print(f"credwallet messages — {len(messages._patterns())} templates, {len(distinct)} distinct demo-set messages")
    print("| figure | budget | measured | result |")
    print("|---|---|---|---|")
    print(f"| compile the English templates (once per process, only when not in English) | ≤ 250 ms | {compile_s * 1000:.1f} ms | {'pass' if compile_s <= 0.25 else 'FAIL'} |")
    print(f"| a stored message in German, first sight | ≤ 5 ms | {cold * 1000:.2f} ms | {'pass' if cold <= 0.005 else 'FAIL'} |")
    print(f"| a stored message in German, seen before | ≤ 0.05 ms | {warm * 1000:.4f} ms | {'pass' if warm <= 0.00005 else 'FAIL'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
