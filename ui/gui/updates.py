"""Help → Check for updates…, and the one quiet check at start when the learner turned update checks on.

The setting is read on the database worker; the feed is fetched on a thread of its own (never the GUI
thread, and never holding up the database worker for the fetch's 10 seconds).  The answer is a sentence
and a link: nothing is downloaded or run.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from .qt import QAction, QLabel, QMainWindow, QMessageBox, QObject, Qt
from .worker import DbWorker


class UpdateChecker(QObject):
    def __init__(self, window: QMainWindow, worker: DbWorker) -> None:
        super().__init__(window)
        self.window, self.worker = window, worker
        self.net = DbWorker(synchronous=getattr(worker, "_sync", False), name="update-check")
        # the fetch (Wallet.check_feed): tests replace it with one allowed to reach 127.0.0.1 over http
        self.check_feed: Callable[[str], Any] = lambda url: self.window.wallet.check_feed(url)
        self.last: Any = None  # the last answer (an UpdateCheck), for tests and the notice

    def add_action(self, menu: Any) -> QAction:
        act = QAction(self.window.tr("Check for &updates…"), self.window)
        act.triggered.connect(self.check_now)
        menu.addAction(act)
        return act

    # -- at start: only when turned on, and quietly ---------------------------------------------------
    def check_at_start(self) -> None:
        wallet = self.window.wallet
        if wallet.locked:
            return
        self.worker.run(lambda: wallet.update_feed() if wallet.updates_enabled() else None,
                        lambda url: url and self._fetch(url, self._quiet_answer, lambda _e: None), lambda _e: None)

    def _quiet_answer(self, result: Any) -> None:
        """A newer version: in the notice bar, or, when it already says something (what expires soon), as a
        link at the end of the status bar, so that neither notice hides the other."""
        if not result.newer:
            return
        notice = self.window.notice
        if not notice.isHidden():  # (isVisible is False until the window is shown)
            link = html.escape(result.latest.url, quote=True)
            label = QLabel(html.escape(self.tr("credwallet %1 is available").replace("%1", result.latest.version))
                           + f' — <a href="{link}">{link}</a>')
            label.setOpenExternalLinks(True)
            self.window.statusBar().addPermanentWidget(label)
            self.status_label = label
        else:
            notice.show_update_available(result.latest.version, result.latest.url)

    # -- Help → Check for updates… ----------------------------------------------------------------------
    def check_now(self) -> None:
        wallet = self.window.wallet
        if wallet.locked:
            QMessageBox.information(self.window, self.tr("Check for updates"), self.tr("Unlock your wallet first."))
            return
        self.worker.run(lambda: (wallet.updates_enabled(), wallet.update_feed_url()), self._asked, self._failed)

    def _asked(self, state: tuple[bool, str]) -> None:
        on, url = state
        if not on:
            answer = QMessageBox.question(
                self.window, self.tr("Check for updates"),
                self.tr("Update checks are off, so credwallet asks nobody. Turn them on and check now?\n\n"
                        "credwallet will read the project's release feed (%1) now and at each start. "
                        "It never downloads or installs anything itself.").replace("%1", url))
            if answer != QMessageBox.StandardButton.Yes:
                return
            wallet = self.window.wallet
            self.worker.run(lambda: wallet.set_updates(True), lambda _r: self._set_on(url), self._failed)
            return
        self._fetch(url, self._show_answer, self._failed)

    def _set_on(self, url: str) -> None:
        settings = getattr(self.window, "settings", None)
        if settings is not None:
            settings.show_updates(True)
        self._fetch(url, self._show_answer, self._failed)

    def _fetch(self, url: str, done: Callable[[Any], None], failed: Callable[[BaseException], None]) -> None:
        def remember(result: Any) -> None:
            self.last = result
            done(result)

        self.net.run(lambda: self.check_feed(url), remember, failed)

    def _show_answer(self, result: Any) -> None:
        title = self.tr("Check for updates")
        if result.newer:
            link = html.escape(result.latest.url, quote=True)
            text = self.tr("credwallet %1 is available (you have %2).").replace(
                "%1", html.escape(result.latest.version)).replace("%2", html.escape(result.current))
            text += "<br><br>" + self.tr("Get it from %1. credwallet does not download or install anything "
                                         "itself.").replace("%1", f'<a href="{link}">{link}</a>')
            box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self.window)
            box.setTextFormat(Qt.TextFormat.RichText)
            box.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            box.open()
            self.box = box
        else:
            self.box = QMessageBox(QMessageBox.Icon.Information, title, self.tr(
                "credwallet %1 is up to date.").replace("%1", result.current), QMessageBox.StandardButton.Ok,
                self.window)
            self.box.open()

    def _failed(self, exc: BaseException) -> None:
        self.box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Check for updates"), str(exc),
                               QMessageBox.StandardButton.Ok, self.window)
        self.box.open()

    def shutdown(self) -> None:
        self.net.shutdown(wait=False)
