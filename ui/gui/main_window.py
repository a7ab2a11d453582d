"""The main window: a sidebar of screens; composes widgets and moves data between them and the worker."""

from __future__ import annotations

import html

from wallet.service import Wallet, messages

from .about import add_help_menu
from .collection import CollectionPage
from .main_window_jobs import COMPLETENESS_LIMIT, MainWindowJobs
from .main_window_menus import MainWindowMenus
from .models import CredentialTableModel
from .main_window_pages import MainWindowPages
from .qt import (
    QApplication,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSize,
    QStackedWidget,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from .respond import add_respond_menu
from .share import ShareDialog
from .util import ForgetfulClipboard, InactivityTimer
from .worker import DbWorker


class LockedPage(QWidget):
    unlock_requested = Signal()

    def __init__(self, hint: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.addStretch(1)
        label = QLabel("<h2>" + html.escape(self.tr("Your wallet is locked")) + "</h2>" + hint)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(label)
        b = QPushButton(self.tr("Unlock…"))
        b.clicked.connect(self.unlock_requested)
        lay.addWidget(b, 0, Qt.AlignmentFlag.AlignCenter)
        lay.addStretch(1)


class MainWindow(MainWindowMenus, MainWindowJobs, MainWindowPages, QMainWindow):
    locked = Signal()

    def __init__(self, wallet: Wallet, worker: DbWorker, title_suffix: str = "", *, idle_clock=None,  # noqa: ANN001
                 lock_hint: str = ""):
        super().__init__()
        self.wallet = wallet
        self.worker = worker
        self.clipboard = ForgetfulClipboard(60, self)
        self.setWindowTitle(self.tr("credwallet") + title_suffix)
        self.resize(1100, 720)
        self.model = CredentialTableModel(self)
        from .images import BadgeImages

        self.images = BadgeImages(worker, lambda: self.wallet, self, synchronous=getattr(worker, "_sync", False))
        self.collection = CollectionPage(self.model, images=self.images)
        self._init_pages()  # the other screens are made when first shown (main_window_pages)
        self.locked_page = LockedPage(lock_hint)
        self.pages = QStackedWidget()
        self.nav = QListWidget()
        self.nav.setAccessibleName(self.tr("Screens"))
        self.nav.setFixedWidth(170)
        from .icons import icon

        self.nav.setIconSize(QSize(20, 20))
        for label, page, name in ((self.tr("Collection"), self.collection, "collection"),
                                  (self.tr("Skills"), self._slot("skills"), "skills"),
                                  (self.tr("Verify"), self._slot("verify"), "verify"),
                                  (self.tr("Shared"), self._slot("log"), "shared"),
                                  (self.tr("Settings"), self._slot("settings"), "settings")):
            self.nav.addItem(QListWidgetItem(icon(name), label))
            self.nav.item(self.nav.count() - 1).setData(Qt.ItemDataRole.UserRole, name)
            self.pages.addWidget(page)
        self.pages.addWidget(self.locked_page)
        self.nav.currentRowChanged.connect(self._go)
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        from .notices import NoticeBar

        self.notice = NoticeBar()
        self.notice.show_expiring.connect(self.show_expiring)
        outer.addWidget(self.notice)
        row = QHBoxLayout()
        outer.addLayout(row, 1)
        row.addWidget(self.nav)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self._toolbar()
        self._view_menu()
        add_respond_menu(self)
        add_help_menu(self)
        from .updates import UpdateChecker

        self.update_checker = UpdateChecker(self, worker)
        self.update_checker.add_action(self.help_menu)
        self.collection.search_changed.connect(lambda _t: self.refresh())
        self.collection.open_credential.connect(self.open_credential)
        self.collection.files_dropped.connect(self.import_paths)
        self.collection.import_requested.connect(self.choose_files)
        self.collection.paste_requested.connect(self.paste)
        self.collection.qr_requested.connect(self.import_qr_image)
        self.locked_page.unlock_requested.connect(self.unlock)
        import time

        self.idle = InactivityTimer(600, idle_clock or time.monotonic, self)
        self.idle.timed_out.connect(self.lock)
        QApplication.instance().installEventFilter(self.idle)
        self.nav.setCurrentRow(0)
        if getattr(worker, "_sync", False):
            self.refresh(expiring=True)
        else:  # the window first, then its rows: the worker's job would compete with building and painting it
            QTimer.singleShot(0, self, lambda: self.refresh(expiring=True))  # not after the window is gone
        self.update_checker.check_at_start()  # only when the learner turned update checks on

    # -- expiry notice ----------------------------------------------------------------------------
    def check_expiring(self) -> None:
        """A notice when something expires within 30 days (NOTICE_DAYS); on unlock, ``refresh(expiring=True)``
        works it out from the rows it reads anyway."""
        from wallet.service import expiry

        if self.wallet.locked:
            return
        self.worker.run(lambda: self.wallet.expiring(expiry.NOTICE_DAYS), self.notice.show_expiring_soon,
                        lambda _e: None)

    def show_expiring(self) -> None:
        from wallet.service import expiry

        self.nav.setCurrentRow(0)
        self.collection.expiry.setCurrentIndex(self.collection.expiry.findData(expiry.FILTER_DAYS))
        self.collection.sort.setCurrentIndex(self.collection.SORTS.index("expires"))

    # -- share, goals, lock ---------------------------------------------------------------------
    def share_selected(self) -> None:
        ids = self.collection.selected_ids()
        if not ids:
            QMessageBox.information(self, self.tr("Share"), self.tr("Select the credentials to share first."))
            return
        self.worker.run(lambda: [self.wallet.get(i) for i in ids],
                        lambda creds: self._open_share(creds), self._error)

    def _open_share(self, creds) -> None:  # noqa: ANN001
        dlg = ShareDialog(self.wallet, self.worker, creds, self.clipboard, self)
        dlg.finished.connect(lambda _r: self.refresh())
        dlg.open()
        self.share_dialog = dlg

    def export_pdf(self) -> None:
        ids = self.collection.selected_ids()
        self.worker.run(lambda: [s["name"] for s in self.wallet.stacks()],
                        lambda stacks: self._open_export(ids, stacks), self._error)

    def _open_export(self, ids: list[str], stacks: list[str]) -> None:
        from .export_pdf import ExportPdfDialog

        dlg = ExportPdfDialog(self.wallet, self.worker, ids, stacks, self)
        dlg.open()
        self.export_dialog = dlg

    def print_portfolio(self, dialog_factory=None) -> None:  # noqa: ANN001
        """Ctrl+P: the portfolio PDF (the selection, else everything that can be checked) through the system
        print dialog.  ``dialog_factory(printer, parent)`` makes the dialog (tests pass one that does not block)."""
        from .printing import print_portfolio

        print_portfolio(self, self.collection.selected_ids(), dialog_factory)

    def new_stack(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New goal"), self.tr("Name of the goal (e.g. Data analyst):"))
        if not ok or not name.strip():
            return
        target, ok = QInputDialog.getDouble(self, self.tr("New goal"), self.tr("Credits to reach (0 for none):"), 0, 0, 1000)
        skills, _ = QInputDialog.getText(self, self.tr("New goal"), self.tr("Skills it needs, separated by commas:"))
        ids = self.collection.selected_ids()

        def job() -> None:
            self.wallet.create_stack(name, target or None, [s.strip() for s in skills.split(",") if s.strip()])
            if ids:
                self.wallet.stack_add(name, ids)

        self.worker.run(job, lambda _: self.refresh(), self._error)

    def lock(self) -> None:
        """Forget the key, close the database, and clear every view."""
        if self.wallet.locked:
            return
        self.model.set_rows([])
        self.images.clear()
        self.notice.hide()
        self._waiting.clear()  # nothing read from the unlocked wallet waits for a screen
        for attr, clear in (("skills", lambda p: p.show_data([], [])), ("log", lambda p: p.show_data([])),
                            ("verify", lambda p: p.result.clear())):
            if self.made(attr) is not None:  # screens never made show nothing
                clear(self.made(attr))
        self.clipboard.clear_if_ours()
        self.nav.setEnabled(False)
        self.pages.setCurrentWidget(self.locked_page)
        self.worker.run(self.wallet.lock)
        self.statusBar().showMessage(self.tr("Locked"))
        self.locked.emit()

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802
        """A closed window gets no more idle ticks: its timer stops and no longer calls ``lock``."""
        self.stop_idle_timer()
        self.images.shutdown()
        self.update_checker.shutdown()
        super().closeEvent(event)

    def stop_idle_timer(self) -> None:
        if self.idle.active:
            self.idle.stop()
            self.idle.timed_out.disconnect(self.lock)

    def unlock(self) -> None:
        from .unlock import UnlockDialog

        dlg = UnlockDialog(self.wallet.wallet_dir, self.worker, self)
        if dlg.exec() and dlg.wallet is not None:
            self.wallet = dlg.wallet
            for attr in ("verify", "settings"):
                if self.made(attr) is not None:
                    self.made(attr).wallet = dlg.wallet
            self.nav.setEnabled(True)
            self.nav.setCurrentRow(0)
            self.pages.setCurrentIndex(0)
            self.idle.touch()
            self.refresh(expiring=True)

    def _error(self, exc: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Something went wrong"), messages.error_text(exc))


# the toolbar and menus live in main_window_menus, the refresh and import jobs in main_window_jobs
__all__ = ["MainWindow", "QLineEdit", "COMPLETENESS_LIMIT"]
