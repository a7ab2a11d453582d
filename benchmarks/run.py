"""Run every benchmark and write one table to docs/benchmarks.md (figure, budget, measured, result, machine).

    QT_QPA_PLATFORM=offscreen python benchmarks/run.py
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTES = "<!-- written by hand below this line; benchmarks/run.py keeps it -->"
BENCHES = ["bench_vault.py", "bench_gui.py", "bench_gui_stall.py", "bench_verify.py", "bench_portfolio.py",
           "bench_present.py", "bench_bbs.py", "bench_pdf.py", "bench_fuzz.py", "bench_bounded.py", "bench_web.py",
           "bench_receive.py", "bench_respond.py", "bench_status.py", "bench_messages.py"]


def main() -> int:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"), PYTHONPATH=str(ROOT))
    rows: list[str] = []
    extra: list[str] = []
    for b in BENCHES:
        started = time.monotonic()
        p = subprocess.run([sys.executable, str(ROOT / "benchmarks" / b)], capture_output=True, text=True, env=env,
                           timeout=900, cwd=ROOT)
        if p.returncode != 0:
            rows.append(f"| {b} | — | failed: {p.stderr.strip().splitlines()[-1] if p.stderr.strip() else p.returncode} | FAIL |")
            continue
        lines = [ln for ln in p.stdout.splitlines() if ln.startswith("|")]
        for ln in lines:
            cells = [c.strip() for c in ln.strip("|").split("|")]
            if len(cells) in (4, 5) and cells[0] not in ("figure",) and not set(cells[0]) <= {"-"}:
                rows.append("| " + " | ".join(cells + [""] * (5 - len(cells))) + " |")  # "what changed" optional
            elif len(cells) > 5:
                extra.append(ln)
        print(f"{b}: {time.monotonic() - started:.0f} s", file=sys.stderr)
    machine = (f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
               f"CPython {platform.python_version()}")
    table = ["| figure | budget | measured | result | what changed |", "|---|---|---|---|---|"] + rows
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    out = ["# Benchmarks", "", f"Measured by `benchmarks/run.py` on {machine}, {time.strftime('%Y-%m-%d')} "
           f"(load average {load:.1f} at the end; the machine is shared).", "",
           *table, ""]
    if extra:
        out += ["## Presentation sizes (QR at error correction M)", "", *[ln for ln in extra], ""]
    notes = ROOT / "docs" / "benchmarks-notes.md"  # hand-written: profiles, what was tried, what is left
    if notes.exists():
        out += [notes.read_text("utf-8").rstrip()]
    text = "\n".join(out) + "\n"
    doc = ROOT / "docs" / "benchmarks.md"
    kept = doc.read_text("utf-8").partition(NOTES)[2] if doc.exists() else ""
    if kept:  # the hand-written part (what changed, which library and why) survives a re-run
        text += "\n" + NOTES + kept
    doc.write_text(text, "utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
