"""Portfolio PDF with 50 credentials (each with its own verifiable QR code). Budget: <= 5 s.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_pdf.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication  # noqa: E402

from tests.factory import ob3_bytes  # noqa: E402
from ui.render import pdf  # noqa: E402
from wallet.service import Wallet  # noqa: E402


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        wallet, _ = Wallet.create(Path(tmp) / "w", "benchmark passphrase")
        ids = [wallet.import_bytes(ob3_bytes(i, f"Benchmark Course {i}", "Learners analyse data sets. " * 4), str(i)).id
               for i in range(50)]
        t = time.perf_counter()
        info = pdf.build(wallet, Path(tmp) / "p.pdf", ids, name="Benchmark Learner", headline="50 credentials")
        took = time.perf_counter() - t
        size = (Path(tmp) / "p.pdf").stat().st_size
        wallet.lock()
    print("| figure | budget | measured | result |")
    print("|---|---|---|---|")
    print(f"| portfolio PDF, 50 credentials ({info['qr_codes']} QR codes, {size / 1024:.0f} KiB) | ≤ 5 s |"
          f" {took:.2f} s | {'pass' if took <= 5 else 'FAIL'} |")
    app.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
