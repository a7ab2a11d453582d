"""Nothing is lost (SIGKILL at random moments) and nothing leaks (canaries on disk and in logs)."""

from __future__ import annotations

import logging
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.factory import ob3_bytes
from wallet.service import Wallet
from wallet.vault import Vault

ROOT = Path(__file__).resolve().parents[2]


def _expected(i: int) -> bytes:
    return ob3_bytes(i, f"Crash badge {i}", "x" * (i % 5000))


@pytest.mark.slow
@pytest.mark.timeout(600)  # 20 child processes, each killed at a random moment
def test_sigkill_during_import_loses_nothing(wallet_home: Path, data_key: bytes) -> None:
    rng = random.Random(20261125)
    committed: dict[str, int] = {}
    next_i = 0
    env = dict(os.environ, CRASH_KEY=data_key.hex(), PYTHONPATH=str(ROOT))
    for _round in range(20):
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.vault.crash_worker", str(wallet_home), str(next_i)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT, text=True,
        )
        lines: list[str] = []
        reader = threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True)  # type: ignore[arg-type]
        reader.start()
        # wait until it has started writing, then kill it at a random moment
        deadline = time.monotonic() + 120  # a hang guard only: a loaded machine may take a while to start it
        while not lines and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.4))
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        reader.join(5)
        assert not any(line.startswith("ERROR") for line in lines), lines
        for line in lines:
            if line.startswith("COMMITTED"):
                _, cid, i = line.split()
                committed[cid] = int(i)
                next_i = max(next_i, int(i) + 1)
        next_i += 1  # the one in flight may or may not have landed; never reuse its number
        w = Wallet(Vault.unlock(wallet_home, data_key=data_key))
        try:
            assert w.store.integrity_errors() == []
            for cid, i in committed.items():
                assert w.get(cid).original == _expected(i)
        finally:
            w.lock()
    assert len(committed) > 20


def _hits(blob: bytes, canaries: list[str]) -> list[str]:
    found = []
    for c in canaries:
        for enc in ("utf-8", "utf-16-le", "utf-16-be"):
            if c.encode(enc) in blob:
                found.append(f"{c} ({enc})")
    return found


def test_no_plaintext_on_disk_or_in_logs(wallet_home: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    caplog.set_level(logging.DEBUG)
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmpdir))
    monkeypatch.setenv("TMPDIR", str(tmpdir))
    canaries = [f"CANARY{n:04d}zq{os.urandom(4).hex()}" for n in range(6)]
    w = Wallet.open(wallet_home, PASSPHRASE)
    ids = []
    for n, c in enumerate(canaries):
        data = ob3_bytes(100 + n, f"Title {c}", f"about {c}", subject=f"Learner {c}")
        r = w.import_bytes(data, f"canary{n}.json")
        assert r.ok, r.error
        ids.append(r.id)
    w.tag(ids[0], canaries[1] + "tag")
    w.note(ids[1], "note " + canaries[2])
    assert w.credentials(canaries[0].lower())  # they are searchable inside the wallet
    w.delete(ids[5])

    def scan(label: str) -> list[str]:
        hits = []
        for f in list(wallet_home.iterdir()) + list(tmpdir.rglob("*")):
            if f.is_file():
                hits += [f"{label}: {f.name}: {h}" for h in _hits(f.read_bytes(), canaries)]
        return hits

    assert scan("while open") == []  # includes -wal and -shm while the database is open
    w.backup(tmp_path / "backup.cwbak")
    assert _hits((tmp_path / "backup.cwbak").read_bytes(), canaries) == []
    w.lock()
    assert scan("after lock") == []
    logs = "\n".join(r.getMessage() for r in caplog.records)
    assert _hits(logs.encode(), canaries) == []
