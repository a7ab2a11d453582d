"""The main window: a sidebar of screens; composes widgets and moves data between them and the worker."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from wallet.service import AUTOLOCK_MINUTES, Wallet

from .about import add_help_menu
from .collection import CollectionPage
from .detail import DetailDialog
from .models import CredentialTableModel
from .pages import LogPage, SettingsPage, SkillsPage, VerifyPage
from .qt import (
    QAction,
    QActionGroup,
    QApplication,
    QFileDialog,
    QGuiApplication,
    QHBoxLayout,
    QInputDialog,
    QKeySequence,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSize,
    QSizePolicy,
    QStackedWidget,
    Qt,
    QToolBar,
    QVBoxLayout,
    QWidget,
    Signal,
)
from .respond import add_respond_menu
from .share import ShareDialog
from .util import ForgetfulClipboard, InactivityTimer
from .worker import DbWorker


COMPLETENESS_LIMIT = 200


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


class MainWindow(QMainWindow):
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
        self.skills = SkillsPage()
        self.verify = VerifyPage(wallet, worker)
        self.log = LogPage()
        self.settings = SettingsPage(wallet, worker)
        self.locked_page = LockedPage(lock_hint)
        self.pages = QStackedWidget()
        self.nav = QListWidget()
        self.nav.setAccessibleName(self.tr("Screens"))
        self.nav.setFixedWidth(170)
        from .icons import icon

        self.nav.setIconSize(QSize(20, 20))
        for label, page, name in ((self.tr("Collection"), self.collection, "collection"),
                                  (self.tr("Skills"), self.skills, "skills"),
                                  (self.tr("Verify"), self.verify, "verify"), (self.tr("Shared"), self.log, "shared"),
                                  (self.tr("Settings"), self.settings, "settings")):
            self.nav.addItem(QListWidgetItem(icon(name), label))
            self.nav.item(self.nav.count() - 1).setData(Qt.ItemDataRole.UserRole, name)
            self.pages.addWidget(page)
        self.pages.addWidget(self.locked_page)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
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
        self.skills.import_requested.connect(self.choose_files)
        self.log.share_requested.connect(lambda: self.nav.setCurrentRow(0))
        self.collection.search_changed.connect(lambda _t: self.refresh())
        self.collection.open_credential.connect(self.open_credential)
        self.collection.files_dropped.connect(self.import_paths)
        self.collection.import_requested.connect(self.choose_files)
        self.collection.paste_requested.connect(self.paste)
        self.collection.qr_requested.connect(self.import_qr_image)
        self.skills.open_credential.connect(self.open_credential)
        self.settings.lock_requested.connect(self.lock)
        self.settings.restored.connect(self.refresh)
        self.settings.theme_changed.connect(self.set_theme)
        self.settings.autolock_changed.connect(lambda m: setattr(self.idle, "seconds", m * 60))
        self.locked_page.unlock_requested.connect(self.unlock)
        import time

        self.idle = InactivityTimer(600, idle_clock or time.monotonic, self)
        self.idle.timed_out.connect(self.lock)
        QApplication.instance().installEventFilter(self.idle)
        self.nav.setCurrentRow(0)
        self.refresh()
        self.check_expiring()

    def _toolbar(self) -> None:
        """Desktop order: the primary action first, Lock at the far end; every action has a shortcut, and
        its tooltip says which."""
        from .icons import icon

        tb = QToolBar(self.tr("Actions"))
        tb.setObjectName("actions")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tb.setIconSize(QSize(20, 20))
        self.addToolBar(tb)
        self.toolbar = tb
        self.toolbar_actions: dict[str, QAction] = {}
        for key, text, shortcut, slot in (
                ("add", self.tr("Add credentials…"), QKeySequence(QKeySequence.StandardKey.Open), self.choose_files),
                ("receive", self.tr("Receive from an issuer…"), QKeySequence("Ctrl+R"), lambda: self.receive_from_issuer()),
                ("share", self.tr("Share…"), QKeySequence("Ctrl+Shift+S"), self.share_selected),
                ("goal", self.tr("New goal…"), QKeySequence("Ctrl+G"), self.new_stack),
                ("export-pdf", self.tr("Export portfolio PDF…"), QKeySequence("Ctrl+E"), self.export_pdf),
                ("print", self.tr("Print portfolio…"), QKeySequence(QKeySequence.StandardKey.Print), self.print_portfolio),
                ("lock", self.tr("Lock"), QKeySequence("Ctrl+L"), self.lock)):
            if key == "lock":
                spacer = QWidget()
                spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
                tb.addWidget(spacer)
            act = QAction(icon(key), text, self)
            act.setShortcut(shortcut)
            act.setToolTip(f"{text.rstrip('…')} ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})")
            act.triggered.connect(slot)
            tb.addAction(act)
            self.addAction(act)
            self.toolbar_actions[key] = act
        self.toolbar_actions["add"].setPriority(QAction.Priority.HighPriority)

    def _view_menu(self) -> None:
        """View → Appearance: system, light or dark; applied at once and remembered on this computer."""
        from . import theme

        menu = self.menuBar().addMenu(self.tr("&View"))
        sub = menu.addMenu(self.tr("Appearance"))
        group = QActionGroup(self)
        group.setExclusive(True)
        self.theme_actions: dict[str, QAction] = {}
        for mode, label in (("system", self.tr("Follow the system")), ("light", self.tr("Light")),
                            ("dark", self.tr("Dark"))):
            act = QAction(label, self)
            act.setCheckable(True)
            act.setChecked(theme.current() == mode)
            act.triggered.connect(lambda _c=False, m=mode: self.set_theme(m))
            group.addAction(act)
            sub.addAction(act)
            self.theme_actions[mode] = act

    def set_theme(self, mode: str) -> None:
        from . import icons, theme

        theme.apply(mode)
        theme.save(mode)
        icons.clear_cache()
        for key, act in self.toolbar_actions.items():
            act.setIcon(icons.icon(key))
        for i in range(self.nav.count()):
            self.nav.item(i).setIcon(icons.icon(self.nav.item(i).data(Qt.ItemDataRole.UserRole)))
        self.theme_actions[mode].setChecked(True)
        self.settings.show_theme(mode)

    # -- expiry notice ----------------------------------------------------------------------------
    def check_expiring(self) -> None:
        """On unlock: a notice when something expires within 30 days (NOTICE_DAYS)."""
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

    # -- data in --------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.wallet.locked:
            return
        text = self.collection.search.text().strip() or None

        def job() -> dict[str, Any]:
            w = self.wallet
            stacks = [w.stack_progress(s["name"]) for s in w.stacks()]
            rows = w.credentials(text)
            # element completeness for the newest credentials (each needs its full record)
            completeness = [(s.id, s.title, w.elements(s.id)) for s in rows[:COMPLETENESS_LIMIT]]
            skills = w.skills_of(rows) if text is None else w.skills()  # the rows are the whole collection
            # everything that walks all the rows is done here, off the GUI thread (10,000 rows: ~0.1 s)
            order, ordered = self.model.sorted_rows(rows)
            return {"rows": ordered, "order": order, "skills": skills, "stacks": stacks, "log": w.disclosure_log(),
                    "completeness": completeness, "strongest": [e.strongest for e in skills],
                    "issuers": sorted({s.issuer_name for s in rows if s.issuer_name}, key=str.casefold),
                    "tags": sorted({t for s in rows for t in s.tags}, key=str.casefold),
                    "skill_ids": {e.skill: {ev.id for ev in e.credentials} for e in skills},
                    "online": w.online, "autolock": int(w.setting(AUTOLOCK_MINUTES)),
                    "trust": w.trusted_issuers(), "count": w.count()}

        self.worker.run(job, self._show, self._error)

    def _show(self, d: dict[str, Any]) -> None:
        self.collection.total = d["count"]
        self.model.set_rows(d["rows"], d["order"])
        self.collection.set_total(d["count"])
        self.collection.set_choices(d["issuers"], d["tags"], d["skill_ids"])
        self.skills.show_data(d["skills"], d["stacks"], d["completeness"], d["strongest"])
        self.log.show_data(d["log"])
        self.settings.show_data(d["online"], d["autolock"], d["trust"])
        self.idle.seconds = d["autolock"] * 60
        n, shown = d["count"], len(d["rows"])
        msg = self.tr("%1 credentials").replace("%1", str(n)) if shown == n else \
            self.tr("%1 of %2 credentials").replace("%1", str(shown)).replace("%2", str(n))
        self.statusBar().showMessage(msg)

    def open_credential(self, cid: str) -> None:
        def job():  # noqa: ANN202
            return self.wallet.get(cid), self.wallet.elements(cid)

        def show(result) -> None:  # noqa: ANN001
            dlg = DetailDialog(self.wallet, self.worker, result[0], result[1], self)
            dlg.changed.connect(self.refresh)
            dlg.open()

        self.worker.run(job, show, self._error)

    # -- import ---------------------------------------------------------------------------------
    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Add credentials"), "",
                                                self.tr("Credentials (*.json *.jwt *.txt *.png *.svg *.pdf);;All files (*)"))
        if files:
            self.import_paths([Path(f) for f in files])

    def paste(self) -> None:
        text = QGuiApplication.clipboard().text().strip()
        if not text:
            QMessageBox.information(self, self.tr("Paste"), self.tr("The clipboard holds no text."))
            return
        self.worker.run(lambda: [self.wallet.import_bytes(text.encode("utf-8"), self.tr("pasted text"))],
                        self._imported, self._error)

    def import_qr_image(self, files: list[str] | None = None) -> None:
        if files is None:
            files, _ = QFileDialog.getOpenFileNames(self, self.tr("QR code image"), "",
                                                    self.tr("Images (*.png *.jpg *.jpeg)"))
        if not files:
            return
        from ui.render.qr import decode_images

        def job():  # noqa: ANN202
            texts = decode_images([Path(f) for f in files])
            return [self.wallet.import_bytes(t.encode("utf-8"), self.tr("QR code in %1").replace("%1", Path(files[0]).name))
                    for t in texts]

        self.worker.run(job, self._imported, self._error)

    def import_paths(self, paths: list[Path]) -> None:
        progress = QProgressDialog(self.tr("Checking and adding credentials…"), self.tr("Cancel"), 0, 0, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        state = {"cancel": False}
        progress.canceled.connect(lambda: state.update(cancel=True))
        relay = _ProgressRelay(self)
        relay.step.connect(lambda done, total: (progress.setMaximum(total), progress.setValue(done)))

        def job():  # noqa: ANN202
            return self.wallet.import_paths(paths, progress=lambda d, t, _l: relay.step.emit(d, t),
                                            cancel=lambda: state["cancel"])

        def done(results) -> None:  # noqa: ANN001
            progress.close()
            self._imported(results)

        def failed(exc: BaseException) -> None:
            progress.close()
            self._error(exc)
            self.refresh()

        self.worker.run(job, done, failed)

    def _imported(self, results) -> None:  # noqa: ANN001
        self.refresh()
        added = [r for r in results if r.ok]
        other = [r for r in results if not r.ok]
        try:
            demo_trust = self.wallet.demo_trust_list_needed([r.id for r in added if r.id])
        except Exception:  # noqa: BLE001 - a hint, never in the way of the summary
            demo_trust = None
        if not other and len(added) == 1 and demo_trust is None:
            self.statusBar().showMessage(self.tr("Added 1 credential."), 5000)
            return
        lines = [self.tr("Added %1 of %2.").replace("%1", str(len(added))).replace("%2", str(len(results)))]
        if demo_trust is not None:
            lines.append(self.tr("These are demo credentials: to trust their issuers, choose Settings → Import "
                                 "trust list… and open %1.").replace("%1", str(demo_trust)))
        lines += [f"• {r.error}" for r in other[:30]]
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Import finished"), "\n".join(lines),
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("import-summary")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # window-modal, not a nested event loop: the app (and its worker) keep running

    def receive_from_issuer(self, text: str = "") -> None:
        from .receive import ReceiveDialog

        dlg = ReceiveDialog(self.wallet, self.worker, self, text=text)
        dlg.received.connect(self.refresh)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.show()

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
        self.skills.show_data([], [])
        self.log.show_data([])
        self.verify.result.clear()
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
            self.verify.wallet = self.settings.wallet = dlg.wallet
            self.nav.setEnabled(True)
            self.nav.setCurrentRow(0)
            self.pages.setCurrentIndex(0)
            self.idle.touch()
            self.refresh()
            self.check_expiring()

    def _error(self, exc: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Something went wrong"), str(exc))


class _ProgressRelay(QWidget):
    step = Signal(int, int)


__all__ = ["MainWindow", "QLineEdit"]
