"""Help → Check for updates…, the setting in Settings, the quiet check at start, and the Flatpak sandbox
notice, with a real feed served from 127.0.0.1 (tests/test_updates.py's server)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.test_updates import CURRENT, NEWER, FeedServer, _info
from ui.gui.main_window import MainWindow
from ui.gui.qt import QMessageBox
from ui.gui.worker import DbWorker
from wallet import updates
from wallet.service import Wallet


@pytest.fixture
def server() -> Iterator[FeedServer]:
    s = FeedServer()
    yield s
    s.close()


@pytest.fixture
def loopback_feed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real check, allowed to reach the test server over plain http on 127.0.0.1."""
    monkeypatch.setattr(Wallet, "check_feed", staticmethod(functools.partial(updates.check, allow_loopback_http=True)))


def window(qtbot: QtBot, wallet: Wallet) -> MainWindow:  # noqa: F811
    win = MainWindow(wallet, DbWorker(synchronous=True))
    qtbot.addWidget(win)
    win.show()
    return win


def help_action(win: MainWindow, words: str):  # noqa: ANN201
    (menu,) = [a.menu() for a in win.menuBar().actions() if a.menu() is not None and "Help" in a.text()]
    (act,) = [a for a in menu.actions() if words in a.text().replace("&", "")]
    return act


def test_no_check_at_start_while_off_and_the_setting_is_off_by_default(qtbot: QtBot, wallet: Wallet,
                                                                       server: FeedServer, loopback_feed: None) -> None:
    wallet.set_updates(False, server.url("/newer.json"))
    win = window(qtbot, wallet)
    assert not win.settings.updates.isChecked() and server.requests == [] and not win.notice.isVisible()


def test_quiet_notice_at_start_when_on_and_newer(qtbot: QtBot, wallet: Wallet, server: FeedServer,
                                                 loopback_feed: None) -> None:
    wallet.set_updates(True, server.url("/newer.json"))
    win = window(qtbot, wallet)
    qtbot.waitUntil(lambda: win.notice.isVisible())
    assert NEWER in win.notice.label.text() and f"https://credwallet.org/releases/{NEWER}" in win.notice.label.text()
    assert not win.notice.action.isVisible()  # a link, no button that would do anything by itself
    assert win.settings.updates.isChecked() and server.requests == [("GET", "/newer.json")]


def test_no_notice_at_start_when_up_to_date_or_the_feed_is_broken(qtbot: QtBot, wallet: Wallet, server: FeedServer,
                                                                  loopback_feed: None) -> None:
    server.bodies["/broken.json"] = b"{not json"
    for path in ("/same.json", "/broken.json"):
        wallet.set_updates(True, server.url(path))
        win = window(qtbot, wallet)
        assert not win.notice.isVisible()
        win.close()
    assert [p for _m, p in server.requests] == ["/same.json", "/broken.json"]


def test_help_check_for_updates_asks_before_turning_on(qtbot: QtBot, wallet: Wallet, server: FeedServer,
                                                       loopback_feed: None, monkeypatch: pytest.MonkeyPatch) -> None:
    wallet.set_updates(False, server.url("/newer.json"))
    win = window(qtbot, wallet)
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a, **k: (asked.append(text), answer[0])[1])
    act = help_action(win, "Check for updates")
    act.trigger()
    assert asked and server.url("/newer.json") in asked[0] and "never downloads" in asked[0]
    assert server.requests == [] and not wallet.updates_enabled()  # declined: nothing fetched, still off
    answer[0] = QMessageBox.StandardButton.Yes
    act.trigger()
    qtbot.waitUntil(lambda: win.update_checker.last is not None)
    assert wallet.updates_enabled() and win.settings.updates.isChecked()
    box = win.update_checker.box
    assert NEWER in box.text() and CURRENT in box.text() and f"https://credwallet.org/releases/{NEWER}" in box.text()
    assert server.requests == [("GET", "/newer.json")]
    box.close()


def test_help_check_says_up_to_date_and_shows_failures(qtbot: QtBot, wallet: Wallet, server: FeedServer,
                                                       loopback_feed: None) -> None:
    wallet.set_updates(True, server.url("/same.json"))
    win = window(qtbot, wallet)
    server.requests.clear()
    help_action(win, "Check for updates").trigger()
    qtbot.waitUntil(lambda: getattr(win.update_checker, "box", None) is not None)
    assert "up to date" in win.update_checker.box.text() and server.requests == [("GET", "/same.json")]
    win.update_checker.box.close()
    server.bodies["/same.json"] = b'{"format": "credwallet-releases/1", "releases": [{"version": "x!"}]}'
    help_action(win, "Check for updates").trigger()
    box = win.update_checker.box
    assert box.icon() == QMessageBox.Icon.Warning and "not a version number" in box.text()
    box.close()


def test_settings_checkbox_turns_update_checks_on_and_off(qtbot: QtBot, wallet: Wallet) -> None:
    win = window(qtbot, wallet)
    win.settings.updates.setChecked(True)
    assert wallet.updates_enabled()
    win.settings.updates.setChecked(False)
    assert not wallet.updates_enabled()


def test_settings_say_when_a_flatpak_sandbox_has_no_network(qtbot: QtBot, wallet: Wallet, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    _info(tmp_path, monkeypatch, "ipc;")
    win = window(qtbot, wallet)
    win.pages.setCurrentWidget(win.settings)
    assert not win.settings.no_network.isVisible()  # online checks off: nothing to say
    win.settings.online.setChecked(True)
    assert win.settings.no_network.isVisible() and wallet.online
    assert "flatpak override --user --share=network org.credwallet.CredWallet" in win.settings.no_network.text()
    win.settings.online.setChecked(False)
    assert not win.settings.no_network.isVisible()
    win.close()
    _info(tmp_path, monkeypatch, "network;ipc;")  # the learner granted the network: no notice
    win = window(qtbot, wallet)
    win.pages.setCurrentWidget(win.settings)
    win.settings.online.setChecked(True)
    assert win.settings.isVisible() and not win.settings.no_network.isVisible()


def test_update_notice_does_not_hide_the_expiry_notice(qtbot: QtBot, wallet: Wallet, server: FeedServer,
                                                       loopback_feed: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Something expires soon and a newer version exists: both are said, the expiry in the notice bar."""
    from ui.gui.notices import NoticeBar

    shown = NoticeBar.show_expiring_soon

    def expiring(bar: NoticeBar, _rows: list) -> None:  # noqa: ANN001
        shown(bar, [type("S", (), {"title": "Data Analysis with Python", "expires": "2026-12-24T00:00:00Z"})()])

    monkeypatch.setattr(NoticeBar, "show_expiring_soon", expiring)
    wallet.set_updates(True, server.url("/newer.json"))
    win = window(qtbot, wallet)
    assert win.notice.isVisible() and "Data Analysis with Python" in win.notice.label.text()
    assert win.notice.action.isVisible()  # "Show them" still there
    assert NEWER in win.update_checker.status_label.text() and server.requests == [("GET", "/newer.json")]
