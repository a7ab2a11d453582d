"""Nothing is lost, nothing leaks, nothing goes online.

- SIGKILLs at random moments during import, passphrase change, backup and restore (3 of each by default,
  50 in all x 100 with ``--long``): the wallet
  opens, integrity_check and cipher_integrity_check are clean, every committed credential is
  byte-identical; a write that fails for lack of space loses nothing.
- Canary credentials through every feature: no plaintext outside what the learner disclosed.
- With sockets blocked, every offline feature works and nothing attempts a connection.
- Wrong passphrases (100 by default, 1,000 x 100 with ``--long``): zero opens, files byte-identical.
"""

from __future__ import annotations

import errno
import logging
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, snapshot
from tests.factory import ob3_bytes
from wallet.errors import WalletError, WrongPassphrase
from wallet.service import Wallet
from wallet.vault import KeyHeader, UnlockThrottle, Vault, crypto

ROOT = Path(__file__).resolve().parents[2]
PW_B = "the other passphrase"


def _run_and_kill(mode: str, home: Path, arg: str, key: bytes, rng: random.Random) -> list[str]:
    env = dict(os.environ, CRASH_KEY=key.hex(), CRASH_PW_A=PASSPHRASE, CRASH_PW_B=PW_B, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "tests.reliability.crash_worker", mode, str(home), arg],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True)  # type: ignore[arg-type]
    reader.start()
    deadline = time.monotonic() + 120  # a hang guard only: a loaded machine may take a while to start it
    while not lines and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)
    time.sleep(rng.uniform(0, 0.6 if mode == "passphrase" else 0.3))
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    reader.join(5)
    assert not any(ln.startswith("ERROR") for ln in lines), lines
    return lines


@pytest.mark.slow
@pytest.mark.timeout(900)  # ≈80 s on a busy 2-core machine (each round starts a process and runs Argon2id 4x)
def test_sigkill_during_every_kind_of_write(wallet_home: Path, data_key: bytes, tmp_path: Path, count) -> None:  # noqa: ANN001
    rng = random.Random(50)
    committed: dict[str, int] = {}
    w = Wallet(Vault.unlock(wallet_home, data_key=data_key))
    for i in range(5):
        committed[w.import_bytes(ob3_bytes(10_000 + i, f"Base {i}"), "b").id] = 10_000 + i
    w.backup(tmp_path / "restore-from.cwbak")
    w.lock()
    next_i = 0
    backup = tmp_path / "running.cwbak"
    kills = 0
    modes = ["import", "passphrase", "backup", "restore"]
    rounds = count(12, 50)  # a multiple of 4: every kind of write is killed as often as the others
    for k in range(rounds):
        mode = modes[k % 4]
        arg = {"import": str(next_i), "backup": str(backup), "restore": str(tmp_path / "restore-from.cwbak"),
               "passphrase": "-"}[mode]
        lines = _run_and_kill(mode, wallet_home, arg, data_key, rng)
        kills += 1
        for ln in lines:
            if ln.startswith("COMMITTED"):
                _, cid, i = ln.split()
                committed[cid] = int(i)
                next_i = max(next_i, int(i) + 1)
        next_i += 1
        # the wallet opens with the data key, and with one of the two passphrases
        opened = Wallet(Vault.unlock(wallet_home, data_key=data_key))
        try:
            assert opened.store.integrity_errors() == []
            for cid, i in committed.items():
                name = f"Crash badge {i}" if i < 10_000 else f"Base {i - 10_000}"
                assert opened.get(cid).original == ob3_bytes(i, name)
        finally:
            opened.lock()
        header = KeyHeader.load(wallet_home / "wallet.header.json")
        opens = 0
        for pw in (PASSPHRASE, PW_B):
            try:
                header.unwrap("passphrase", pw)
                opens += 1
            except WrongPassphrase:
                pass
        assert opens == 1, "after a crash during a passphrase change exactly one passphrase must work"
        if backup.exists():  # a backup is either the old complete file or the new one, never a torn one
            assert any(_opens_backup(backup, pw) for pw in (PASSPHRASE, PW_B))
    assert kills == rounds and len(committed) >= 5 + rounds // 4  # each import round commits before its kill


def _opens_backup(path: Path, pw: str) -> bool:
    from wallet.vault.backup import read_backup

    try:
        read_backup(path, passphrase=pw)
        return True
    except WrongPassphrase:
        return False


def test_disk_full_loses_nothing(wallet: Wallet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = [wallet.import_bytes(ob3_bytes(i, f"Kept {i}"), f"{i}").id for i in range(3)]
    # the database cannot grow any more: the next import fails and is rolled back
    pages = wallet.store.db.execute("PRAGMA page_count").fetchone()[0]
    wallet.store.db.execute(f"PRAGMA max_page_count = {pages}")
    r = wallet.import_bytes(ob3_bytes(99, "Too big " + "x" * 20000), "big")
    assert r.error and wallet.count() == 3
    wallet.store.db.execute("PRAGMA max_page_count = 1073741823")
    # a file write that runs out of space leaves no partial file and keeps the previous one
    wallet.backup(tmp_path / "b.cwbak")
    before = (tmp_path / "b.cwbak").read_bytes()
    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(WalletError, match="No space left"):
        wallet.backup(tmp_path / "b.cwbak")
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert (tmp_path / "b.cwbak").read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    for cid in ids:
        assert wallet.get(cid).normalized.title.startswith("Kept")


def test_canaries_never_leak(tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch,
                             qapp) -> None:  # noqa: ANN001
    """Canaries travel through import, verify, present, QR, PDF, backup and logs; they may appear only
    where the learner disclosed them."""
    from ui.gui.app import make_demo_wallet
    from ui.render import pdf
    from wallet.present import qr

    caplog.set_level(logging.DEBUG)
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmpdir))
    secret = ["CANARYsecretA91", "CANARYsecretB92"]  # in a credential that is never shared
    shared_canary = "CANARYsharedC93"  # in a credential that is shared whole, on purpose
    home = tmp_path / "w"
    w = make_demo_wallet(home, PASSPHRASE)
    keep = w.import_bytes(ob3_bytes(801, f"Private {secret[0]}", f"notes {secret[1]}"), "secret.json")
    share = w.import_bytes(ob3_bytes(802, f"Public {shared_canary}"), "public.json")
    assert keep.ok and share.ok
    w.note(share.id, secret[1] + " in a note")
    w.reverify(keep.id)
    sd_id = next(s.id for s in w.credentials() if s.format == "sd-jwt-vc")
    presented = [w.present([share.id], audience="https://a.example").text,
                 w.present([sd_id], audience="https://a.example").text]  # birthdate/e-mail undisclosed
    qr_texts = [t for p in presented for t in qr.encode_for_qr(qr.Presentation("vp" if p.startswith("{") else "sd-jwt", p))]
    out = tmp_path / "p.pdf"
    pdf.build(w, out, [share.id, sd_id], name="Learner")
    w.backup(tmp_path / "b.cwbak")
    undisclosed = secret + ["1999-04-02", "amira.haddad@example.org"]

    def hits(blob: bytes, words: list[str]) -> list[str]:
        return [x for x in words for enc in ("utf-8", "utf-16-le", "utf-16-be") if x.encode(enc) in blob]

    for f in list(home.iterdir()) + list(tmpdir.rglob("*")) + [tmp_path / "b.cwbak"]:
        if f.is_file():
            assert hits(f.read_bytes(), undisclosed + [shared_canary]) == [], f
    for blob in [p.encode() for p in presented] + [t.encode() for t in qr_texts] + [out.read_bytes()]:
        assert hits(blob, undisclosed) == []
    assert shared_canary.encode() in presented[0].encode()  # what the learner chose to share is there
    logs = "\n".join(r.getMessage() for r in caplog.records).encode()
    assert hits(logs, undisclosed + [shared_canary]) == []
    w.lock()


def test_offline_features_open_no_socket(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp) -> None:  # noqa: ANN001
    from ui.gui.app import make_demo_wallet
    from ui.render import pdf
    from wallet.present.verifier import verify_presentation

    attempts: list[tuple] = []

    def refuse(*a, **k):  # noqa: ANN002, ANN003, ANN202
        attempts.append(a)
        raise OSError("network is blocked in this test")

    for name in ("socket", "create_connection", "getaddrinfo"):
        monkeypatch.setattr(socket, name, refuse)
    w = make_demo_wallet(tmp_path / "w", PASSPHRASE)
    assert w.count() == 10 and {s.status for s in w.credentials()} <= {"verified", "warning", "unverified"}
    for s in w.credentials():
        w.reverify(s.id)
    ob3 = next(s.id for s in w.credentials() if s.format == "ob3")
    shared = w.present([ob3], audience="https://a.example", nonce="n")
    assert verify_presentation(shared.text, w.verify_context(), audience="https://a.example", nonce="n").status == "verified"
    w.skills()
    pdf.build(w, tmp_path / "p.pdf", [ob3])
    w.backup(tmp_path / "b.cwbak")
    w2, added = Wallet.restore_new(tmp_path / "r", tmp_path / "b.cwbak", passphrase=PASSPHRASE)
    assert len(added) == 10
    w2.lock()
    w.lock()
    assert attempts == []


@pytest.mark.timeout(600)
def test_a_thousand_wrong_passphrases(tmp_path: Path, count) -> None:  # noqa: ANN001
    """The unlock path 1,000 times with ``--long`` (x 100), 100 times by default (the throttle is at its
    maximum after 8).  The fixture wallet uses the KDF floor the header accepts
    (OWASP's minimum) so the loop takes seconds; the code path is the one real wallets take."""
    home = tmp_path / "w"
    floor = crypto.Argon2Params(crypto.ARGON2_MIN_MEMORY_KIB, crypto.ARGON2_MIN_TIME, 1)
    data_key = crypto.new_data_key()
    h = KeyHeader(wallet_id="thousand", created="2026-11-25T00:00:00Z")
    h.wrap("passphrase", PASSPHRASE, data_key, floor)
    h.wrap("recovery", "0" * 30, data_key, floor)
    vault = Vault._create_from(home, h, data_key)
    vault.lock()
    before = snapshot(home)
    throttle = UnlockThrottle(state_dir=tmp_path / "state", sleep=lambda s: None)
    opened = 0
    for i in range(count(100, 1000)):
        try:
            Vault.unlock(home, passphrase=f"wrong guess {i}", throttle=throttle).lock()
            opened += 1
        except WrongPassphrase:
            pass
    assert opened == 0
    assert snapshot(home) == before
    assert throttle.delay_for("thousand") == UnlockThrottle.MAX_DELAY  # and the throttle is fully engaged
    Vault.unlock(home, passphrase=PASSPHRASE, throttle=throttle).lock()
