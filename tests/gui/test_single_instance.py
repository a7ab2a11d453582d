"""One app per wallet: a second `credwallet URL-or-file` hands its argument to the running one.

The end-to-end tests run the real second launch as a separate process (`python -m ui.cli.main ...`),
exactly what the desktop's `Exec=credwallet %u` does, against an app started by `run_app`.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import keyring
import pytest
from pytestqt.qtbot import QtBot

from tests.conftest import MemoryKeyring
from ui.gui import links, single
from ui.gui.main_window import MainWindow
from ui.gui.qt import QApplication, QEvent, QLocalSocket, QMessageBox, QTimer
from ui.gui.worker import DbWorker
from wallet import paths
from wallet.service import Wallet
from wallet.vault import Keystore, Vault

OFFER = ("openid-credential-offer://?credential_offer=%7B%22credential_issuer%22%3A%22https%3A%2F%2F"
         "issuer.example%22%2C%22credential_configuration_ids%22%3A%5B%22UniversityDegree%22%5D%7D")
DEMO = paths.resources_dir() / "demo"


def _messages(window: MainWindow) -> list[str]:
    return [b.text() for b in window.findChildren(QMessageBox, "link-message") if b.isVisible()]


@pytest.fixture
def window(qtbot: QtBot, wallet: Wallet):  # noqa: ANN201
    win = MainWindow(wallet, DbWorker(synchronous=True))
    qtbot.addWidget(win)
    win.show()
    return win


# -- what an opened link or file does ----------------------------------------------------------------
def test_classify() -> None:
    assert links.classify(OFFER)[0] == "offer"
    assert links.classify("OpenID-Credential-Offer://x")[0] == "offer"
    assert links.classify("openid4vp://?request_uri=x")[0] == "request"
    assert links.classify("haip-vp://?request_uri=x")[0] == "request"
    assert links.classify("https://evil.example/badge.json")[0] == "unknown"  # never fetched
    assert links.classify(str(DEMO / "trust.json"))[0] == "credential"
    assert links.classify((DEMO / "trust.json").as_uri()) == ("credential", str(DEMO / "trust.json"))
    assert links.classify("/no/such/file.cwbak")[0] == "missing"


def test_credential_offer_opens_the_receive_dialog_and_sends_nothing(window: MainWindow) -> None:
    from ui.gui.receive import ReceiveDialog

    before = len(window.wallet.credentials())
    assert links.open_all(window, [OFFER]) == ["offer"]
    dlg = window.findChild(ReceiveDialog)
    assert dlg is not None and dlg.link.text() == OFFER and dlg.stage == "start"  # not even looked up yet
    assert _messages(window) == []
    assert len(window.wallet.credentials()) == before
    dlg.close()


def test_verifier_link_opens_the_consent_dialog_and_sends_nothing(window: MainWindow) -> None:
    from ui.gui.respond import RespondDialog

    link = "openid4vp://?client_id=x&request_uri=https://rp.example/r"
    assert links.open_all(window, [link]) == ["request"]
    dlg = window.findChild(RespondDialog)
    assert dlg is not None and dlg.text.toPlainText() == link  # filled in, not read: nothing fetched or sent
    assert dlg.off is None and dlg.sent is None and _messages(window) == []
    dlg.close()


def test_opened_credential_file_is_imported_and_checked(window: MainWindow, qtbot: QtBot) -> None:
    f = DEMO / "credentials" / "ob3-data-analysis-python.json"
    assert links.open_all(window, [str(f)]) == ["credential"]
    _pump(lambda: window.model.rowCount() == 1, timeout=20)
    (s,) = window.wallet.credentials()
    assert s.title == "Data Analysis with Python" and s.status in ("verified", "warning")


def test_opened_backup_goes_to_settings_and_restores_nothing(window: MainWindow, tmp_path: Path) -> None:
    bak = tmp_path / "old.cwbak"
    window.wallet.backup(bak)
    window.wallet.import_paths([DEMO / "credentials" / "vc-jwt-digital-literacy.jwt"])
    assert links.open_all(window, [str(bak)]) == ["backup"]
    assert window.pages.currentWidget() is window.settings
    assert any("Restore from backup" in m for m in _messages(window))
    assert len(window.wallet.credentials()) == 1  # the backup (taken before the import) was not restored


def test_opened_presentation_is_checked_on_the_verify_screen(window: MainWindow, tmp_path: Path) -> None:
    window.wallet.import_paths([DEMO / "credentials" / "vc-jwt-digital-literacy.jwt"])
    (s,) = window.wallet.credentials()
    shared = window.wallet.present([s.id], audience="https://hr.example", nonce="n-1")
    f = tmp_path / "for-hr.cwvp"
    f.write_text(shared.text, "utf-8")
    assert links.open_all(window, [f.as_uri()]) == ["presentation"]
    assert window.pages.currentWidget() is window.verify
    assert "Verified" in window.verify.result.toPlainText()
    forged = tmp_path / "forged.cwvp"
    forged.write_text(shared.text[:-12] + "AAAAAAAAAAAA", "utf-8")  # the holder's signature broken
    links.open_all(window, [str(forged)])
    assert "Not valid" in window.verify.result.toPlainText() or "Cannot read" in window.verify.result.toPlainText()


def test_locked_wallet_opens_nothing(window: MainWindow) -> None:
    window.lock()
    f = DEMO / "credentials" / "vc-jwt-digital-literacy.jwt"
    assert links.open_all(window, [str(f)]) == ["credential"]
    assert any("Unlock your wallet" in m for m in _messages(window))


# -- the local socket ----------------------------------------------------------------------------------
def test_socket_lives_in_a_private_folder_and_only_the_user_can_connect(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    handed, server = single.claim(tmp_path / "w", [])
    assert handed is False and server is not None
    try:
        sock = Path(server.name)
        assert sock.parent == paths.state_dir()
        assert stat.S_IMODE(sock.parent.stat().st_mode) == 0o700
        assert stat.S_ISSOCK(sock.stat().st_mode) and stat.S_IMODE(sock.stat().st_mode) & 0o077 == 0
        assert single.server_name(tmp_path / "other") != server.name  # one instance per wallet
    finally:
        server.close()


def _pump(done, timeout: float = 5.0) -> None:  # noqa: ANN001
    """Process events until ``done()``.  Not qtbot.waitUntil: its QEventLoop returns at once while a quit()
    left over from an earlier run_app test is pending, and then no socket is ever serviced."""
    end = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < end, "timed out"
        QApplication.processEvents()
        time.sleep(0.005)


def _send_raw(qtbot: QtBot, name: str, data: bytes) -> bytes:
    sock = QLocalSocket()
    sock.connectToServer(name)
    _pump(lambda: sock.state() == QLocalSocket.LocalSocketState.ConnectedState)
    sock.write(data)
    got = bytearray()
    sock.readyRead.connect(lambda: got.extend(bytes(sock.readAll().data())))
    _pump(lambda: b"\n" in got or sock.state() == QLocalSocket.LocalSocketState.UnconnectedState)
    return bytes(got)


@pytest.mark.parametrize("payload", [
    b"not json\n",
    b'{"v": 2, "args": ["x"]}\n',
    b'{"v": 1, "args": "openid4vp://x"}\n',
    b'{"v": 1, "args": [1, 2]}\n',
    b'{"v": 1, "args": [' + b",".join([b'"a"'] * 17) + b"]}\n",
])
def test_malformed_hand_off_is_refused_and_opens_nothing(qtbot: QtBot, tmp_path: Path, payload: bytes) -> None:
    handed, server = single.claim(tmp_path / "w", [])
    assert server is not None
    got: list[list[str]] = []
    server.set_handler(got.append)
    try:
        assert _send_raw(qtbot, server.name, payload) == b"refused\n"
        assert got == []
        assert _send_raw(qtbot, server.name, json.dumps({"v": 1, "args": ["a"]}).encode() + b"\n") == b"ok\n"
        assert got == [["a"]]  # the server survived the bad one
    finally:
        server.close()


def test_oversized_hand_off_is_cut_off(qtbot: QtBot, tmp_path: Path) -> None:
    _, server = single.claim(tmp_path / "w", [])
    assert server is not None
    got: list[list[str]] = []
    server.set_handler(got.append)
    try:
        assert _send_raw(qtbot, server.name, b"[" * (single.MAX_MESSAGE + 10)) == b""
        assert got == []
    finally:
        server.close()


def test_stale_socket_from_a_crash_is_taken_over(qapp, tmp_path: Path) -> None:  # noqa: ANN001
    import socket

    name = single.server_name(tmp_path / "w")
    s = socket.socket(socket.AF_UNIX)
    s.bind(name)  # bound, never listening: what a killed app leaves behind
    s.close()
    assert Path(name).exists()
    handed, server = single.claim(tmp_path / "w", [OFFER])
    assert handed is False and server is not None
    server.close()


def test_relative_files_are_made_absolute_links_are_not(tmp_path: Path) -> None:
    assert single.absolute_args(["b.json", OFFER, "C:\\x.json"], cwd=tmp_path)[:2] == [str(tmp_path / "b.json"), OFFER]


# -- end to end: the app, then a second launch from the command line ----------------------------------
def _second_launch(home: Path, *args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(Path(__file__).resolve().parents[2]),
                                                       os.environ.get("PYTHONPATH", "")]))
    return subprocess.Popen([sys.executable, "-m", "ui.cli.main", "--wallet", str(home), *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=str(home.parent))


def test_second_launch_hands_its_link_and_file_to_the_running_app(qapp, wallet_home: Path, data_key: bytes,  # noqa: ANN001
                                                                   tmp_path: Path) -> None:
    from ui.gui.app import run_app

    keyring.set_keyring(MemoryKeyring())  # the app opens this wallet without asking (remembered)
    Wallet(Vault.unlock(wallet_home, data_key=data_key)).remember_in_keyring(Keystore())
    cred = tmp_path / "badge.jwt"
    cred.write_bytes((DEMO / "credentials" / "vc-jwt-digital-literacy.jwt").read_bytes())
    seen: dict[str, object] = {"procs": []}
    deadline = time.monotonic() + 90

    def main_window() -> MainWindow | None:
        wins = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        return wins[0] if wins else None

    def step() -> None:
        win = main_window()
        procs: list[subprocess.Popen[str]] = seen["procs"]  # type: ignore[assignment]
        if win is not None and not procs:
            procs.append(_second_launch(wallet_home, OFFER))
            procs.append(_second_launch(wallet_home, cred.name))  # relative to the launching folder
        if procs and all(p.poll() is not None for p in procs) and win is not None and win.model.rowCount() >= 1:
            seen["codes"] = [p.returncode for p in procs]
            seen["errors"] = [p.stderr.read() for p in procs]  # type: ignore[union-attr]
            seen["messages"] = _messages(win)
            from ui.gui.receive import ReceiveDialog

            seen["offers"] = [d.link.text() for d in win.findChildren(ReceiveDialog)]
            seen["titles"] = [s.title for s in win.wallet.credentials()]
            win.close()
            QApplication.quit()
        elif time.monotonic() > deadline:
            seen["timeout"] = [p.poll() for p in procs]
            QApplication.quit()
        else:
            QTimer.singleShot(100, step)

    QTimer.singleShot(100, step)
    assert run_app(wallet_dir=str(wallet_home)) == 0
    assert "timeout" not in seen, seen
    assert seen["codes"] == [0, 0], seen["errors"]
    assert seen["offers"] == [OFFER]  # the offer waits in the receive dialog; nothing looked up or sent
    assert seen["titles"] == ["Digital Literacy Essentials"]  # the file the second launch named, imported
    # and with the app gone, the socket is closed: a new launch would be the app itself
    assert not single.hand_off(single.server_name(wallet_home), [])
    # nor is its window left behind, where its idle timer would lock through a worker that is shut down
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


def test_only_links_and_existing_files_open_the_app(tmp_path: Path) -> None:
    from ui.cli.main import main, split_open_target

    f = tmp_path / "b.json"
    f.write_text("{}")
    assert split_open_target([OFFER]) == ([], [OFFER])
    assert split_open_target(["--wallet", str(tmp_path), str(f)]) == (["--wallet", str(tmp_path)], [str(f)])
    assert split_open_target(["--wallet", str(f)]) == (["--wallet", str(f)], [])  # an option's value
    assert split_open_target(["import", str(f)]) == (["import", str(f)], [])  # a command's argument
    assert split_open_target(["list"]) == (["list"], [])
    assert main(["lsit"]) == 2  # a typo is still bad usage, not an app launch
    assert main([str(tmp_path / "missing.json")]) == 2
