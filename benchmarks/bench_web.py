"""The web verifier page in headless Chromium: time from page load to verdict, per demo presentation.

    python benchmarks/bench_web.py

Budgets (this 2-core machine): 1 s for an OB 3.0 presentation (eddsa-rdfc-2022), 2 s for bbs-2023.
Measured from navigation start to document.body.dataset.status being set (median of 3 fresh page loads,
each in a fresh browser context so nothing is cached between runs), with the demo trust list loaded.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.web.conftest import ARGS, CHROMIUM  # noqa: E402
from ui.cli.verifier_serve import make_server  # noqa: E402
from ui.gui.app import make_demo_wallet  # noqa: E402
from wallet.errors import WalletError  # noqa: E402
from wallet.present import qr  # noqa: E402

BUDGETS = {"Applied Statistics": 1.0, "Data Analysis with Python": 1.0, "Workplace Spanish (CEFR B1)": 2.0}
RUNS = 3


def main() -> int:
    from playwright.sync_api import sync_playwright

    inputs = Path(tempfile.mkdtemp(prefix="bench-web-"))
    (inputs / "trust.json").write_text((ROOT / "resources/demo/trust.json").read_text("utf-8"), "utf-8")
    wallet = make_demo_wallet(Path(tempfile.mkdtemp(prefix="bench-web-w-")) / "w")
    server = make_server(0, inputs)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/index.html"
    over = 0
    rows: list[str] = []
    print(f"{'presentation':52} {'codes':>5} {'median s':>9} {'budget':>7}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for s in wallet.credentials():
            if s.format == "pdf":
                continue
            try:
                texts = qr.encode_for_qr(wallet.present([s.id], audience="https://employer.example").presentation())
            except WalletError as exc:  # e.g. a demo credential issued to another key: the wallet will not share it
                print(f"{s.title[:52]:52} not presentable: {exc}")
                continue
            (inputs / f"{s.id}.txt").write_text("\n".join(texts), "utf-8")
            times = []
            for _ in range(RUNS):
                ctx = browser.new_context(bypass_csp=True)
                page = ctx.new_page()
                page.goto(f"{base}?qr=inputs/{s.id}.txt&trust=inputs/trust.json")
                page.wait_for_function("document.body.dataset.status !== undefined", timeout=60_000)
                times.append(page.evaluate("(performance.now()) / 1000"))
                ctx.close()
            med = statistics.median(times)
            budget = BUDGETS.get(s.title)
            over += bool(budget and med > budget)
            flag = "" if not budget else ("  OVER" if med > budget else "  ok")
            print(f"{s.title[:52]:52} {len(texts):5} {med:9.2f} {budget or '-':>7}{flag}")
            if budget:
                rows.append(f"| web page, load to verdict: {s.title} ({len(texts)} QR codes) | ≤ {budget:.0f} s | "
                            f"{med:.2f} s | {'FAIL' if med > budget else 'pass'} |")
        browser.close()
    server.shutdown()
    wallet.lock()
    print("| figure | budget | measured | result |")
    print("|---|---|---|---|")
    print("\n".join(rows))
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
