"""The main window: a sidebar of screens; composes widgets and moves data between them and the worker."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from wallet.service import Wallet

from .about import add_help_menu
from .collection import CollectionPage
from .detail import DetailDialog
from .models import CredentialTableModel
from .pages import LogPage, SettingsPage, SkillsPage, VerifyPage
from .qt import (
    QAction,
    QApplication,
    QFileDialog,
    QGuiApplication,
    QHBoxLayout,
    QInputDialog,
    QKeySequence,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QPushButton,
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
        self.collection = CollectionPage(self.model)
        self.skills = SkillsPage()
        self.verify = VerifyPage(wallet, worker)
        self.log = LogPage()
        self.settings = SettingsPage(wallet, worker)
        self.locked_page = LockedPage(lock_hint)
        self.pages = QStackedWidget()
        self.nav = QListWidget()
        self.nav.setAccessibleName(self.tr("Screens"))
        self.nav.setFixedWidth(170)
        for label, page in ((self.tr("Collection"), self.collection), (self.tr("Skills"), self.skills),
                            (self.tr("Verify"), self.verify), (self.tr("Shared"), self.log),
                            (self.tr("Settings"), self.settings)):
            self.nav.addItem(label)
            self.pages.addWidget(page)
        self.pages.addWidget(self.locked_page)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        central = QWidget()
        row = QHBoxLayout(central)
        row.addWidget(self.nav)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self._toolbar()
        add_respond_menu(self)
        add_help_menu(self)
        self.collection.search_changed.connect(lambda _t: self.refresh())
        self.collection.open_credential.connect(self.open_credential)
        self.collection.files_dropped.connect(self.import_paths)
        self.collection.import_requested.connect(self.choose_files)
        self.collection.paste_requested.connect(self.paste)
        self.collection.qr_requested.connect(self.import_qr_image)
        self.skills.open_credential.connect(self.open_credential)
        self.settings.lock_requested.connect(self.lock)
        self.settings.restored.connect(self.refresh)
        self.settings.autolock_changed.connect(lambda m: setattr(self.idle, "seconds", m * 60))
        self.locked_page.unlock_requested.connect(self.unlock)
        import time

        self.idle = InactivityTimer(600, idle_clock or time.monotonic, self)
        self.idle.timed_out.connect(self.lock)
        QApplication.instance().installEventFilter(self.idle)
        self.nav.setCurrentRow(0)
        self.refresh()

    def _toolbar(self) -> None:
        tb = QToolBar(self.tr("Actions"))
        tb.setMovable(False)
        self.addToolBar(tb)
        for text, shortcut, slot in ((self.tr("Add credentials…"), QKeySequence.StandardKey.Open, self.choose_files),
                                     (self.tr("Share…"), QKeySequence("Ctrl+Shift+S"), self.share_selected),
                                     (self.tr("New goal…"), QKeySequence("Ctrl+G"), self.new_stack),
                                     (self.tr("Export portfolio PDF…"), QKeySequence("Ctrl+P"), self.export_pdf),
                                     (self.tr("Lock"), QKeySequence("Ctrl+L"), self.lock)):
            act = QAction(text, self)
            act.setShortcut(shortcut)
            act.triggered.connect(slot)
            tb.addAction(act)
            self.addAction(act)

    # -- data in --------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.wallet.vault.locked:
            return
        text = self.collection.search.text().strip() or None

        def job() -> dict[str, Any]:
            w = self.wallet
            stacks = [w.stack_progress(s["name"]) for s in w.stacks()]
            rows = w.list(text)
            # element completeness for the newest credentials (each needs its full record)
            completeness = [(s.id, s.title, w.elements(s.id)) for s in rows[:COMPLETENESS_LIMIT]]
            return {"rows": rows, "skills": w.skills(), "stacks": stacks, "log": w.disclosure_log(),
                    "completeness": completeness,
                    "online": w.online, "autolock": int(w.setting("gui.autolock_minutes", 10)),
                    "trust": w.trust_list().to_setting(), "count": w.count()}

        self.worker.run(job, self._show, self._error)

    def _show(self, d: dict[str, Any]) -> None:
        self.model.set_rows(d["rows"])
        issuers = sorted({s.issuer_name for s in d["rows"] if s.issuer_name}, key=str.casefold)
        tags = sorted({t for s in d["rows"] for t in s.tags}, key=str.casefold)
        self.collection.set_choices(issuers, tags, {e.skill: {ev.id for ev in e.credentials} for e in d["skills"]})
        self.skills.show_data(d["skills"], d["stacks"], d["completeness"])
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
        if not other and len(added) == 1:
            self.statusBar().showMessage(self.tr("Added 1 credential."), 5000)
            return
        lines = [self.tr("Added %1 of %2.").replace("%1", str(len(added))).replace("%2", str(len(results)))]
        lines += [f"• {r.error}" for r in other[:30]]
        QMessageBox.information(self, self.tr("Import finished"), "\n".join(lines))

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
        if self.wallet.vault.locked:
            return
        self.model.set_rows([])
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
        super().closeEvent(event)

    def stop_idle_timer(self) -> None:
        if self.idle.active:
            self.idle.stop()
            self.idle.timed_out.disconnect(self.lock)

    def unlock(self) -> None:
        from .unlock import UnlockDialog

        dlg = UnlockDialog(self.wallet.vault.home, self.worker, self)
        if dlg.exec() and dlg.wallet is not None:
            self.wallet = dlg.wallet
            self.verify.wallet = self.settings.wallet = dlg.wallet
            self.nav.setEnabled(True)
            self.nav.setCurrentRow(0)
            self.pages.setCurrentIndex(0)
            self.idle.touch()
            self.refresh()

    def _error(self, exc: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Something went wrong"), str(exc))


class _ProgressRelay(QWidget):
    step = Signal(int, int)


__all__ = ["MainWindow", "QLineEdit"]
