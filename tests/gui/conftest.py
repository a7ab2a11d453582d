"""Fixtures of the desktop app's tests.  A test module may define its own ``window`` (another wallet, a real
worker thread): a module's fixture takes precedence over this one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ui.gui.app import make_demo_wallet
from ui.gui.main_window import MainWindow
from ui.gui.worker import DbWorker

PW = "demo-passphrase-for-tests"


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    """The main window on the demo wallet, its database jobs run synchronously (no thread timing)."""
    wallet = make_demo_wallet(tmp_path / "demo", PW)
    win = MainWindow(wallet, DbWorker(synchronous=True), " — demo")
    qtbot.addWidget(win)
    win.show()
    yield win
    if not win.wallet.vault.locked:
        win.wallet.lock()
