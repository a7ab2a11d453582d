"""The desktop app, offscreen: the demo wallet's window lists the demo credentials."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from ui.gui.app import demo_files, make_demo_wallet
from ui.gui.main_window import MainWindow
from ui.gui.models import CredentialTableModel
from ui.gui.worker import DbWorker


def test_demo_window_lists_demo_credentials(qtbot: QtBot, tmp_path: Path) -> None:
    wallet = make_demo_wallet(tmp_path / "demo")
    worker = DbWorker(synchronous=True)
    win = MainWindow(wallet, worker, " — demo")
    qtbot.addWidget(win)
    win.show()
    assert win.model.rowCount() == len(demo_files()) > 0
    titles = {win.model.summary(r).title for r in range(win.model.rowCount())}
    assert {"First Aid at Work", "Data Analysis with Python", "Basic Life Support (BLS) Provider"} <= titles
    win.search.setText("statistics")
    assert [win.model.summary(r).title for r in range(win.model.rowCount())] == ["Applied Statistics"]
    img = win.grab()
    assert img.width() > 100 and img.height() > 100
    wallet.lock()


def test_credential_model_passes_model_tester(qtmodeltester, tmp_path: Path) -> None:
    wallet = make_demo_wallet(tmp_path / "demo")
    model = CredentialTableModel()
    model.set_rows(wallet.list())
    qtmodeltester.check(model)
    wallet.lock()


def test_background_worker_delivers_on_gui_thread(qtbot: QtBot) -> None:
    worker = DbWorker()
    got: list[object] = []
    worker.run(lambda: 41 + 1, got.append)
    qtbot.waitUntil(lambda: got == [42], timeout=5000)
    errors: list[BaseException] = []
    worker.run(lambda: 1 / 0, None, errors.append)
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=5000)
    assert isinstance(errors[0], ZeroDivisionError)
    worker.shutdown()
