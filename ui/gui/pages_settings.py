"""The settings screen: online checks, update checks, theme, language, automatic lock, trusted issuers,
passphrase, backup and restore."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from wallet.service import AUTOLOCK_MINUTES

from .qt import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QSpinBox,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from .util import button_row
from .worker import DbWorker


class SettingsPage(QWidget):
    lock_requested = Signal()
    autolock_changed = Signal(int)
    theme_changed = Signal(str)

    def __init__(self, wallet, worker: DbWorker, parent: QWidget | None = None):  # noqa: ANN001
        super().__init__(parent)
        self.wallet, self.worker = wallet, worker
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("<h2>" + html.escape(self.tr("Settings")) + "</h2>"))
        form = QFormLayout()
        self.online = QCheckBox(self.tr("Allow online checks (issuer keys, revocation lists)"))
        self.online.setToolTip(self.tr("Off: nothing ever leaves this computer. On: only https, with limits."))
        self.online.toggled.connect(self._online)
        form.addRow(self.online)
        # inside a Flatpak sandbox without network, online checks cannot reach anything: say so, and how
        self.no_network = QLabel(self.tr(
            "credwallet runs in a Flatpak sandbox without network access, so online checks cannot reach "
            "anything. To allow them, run this command and restart credwallet:\n%1").replace(
            "%1", self.wallet.NETWORK_OVERRIDE) if self.wallet.sandbox_without_network() else "")
        self.no_network.setWordWrap(True)
        self.no_network.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.no_network.hide()
        form.addRow(self.no_network)
        self.updates = QCheckBox(self.tr("Check for new versions at start (reads the project's release feed; "
                                         "never downloads anything)"))
        self.updates.setToolTip(self.tr("Off: credwallet asks nobody. Help → Check for updates… asks once."))
        self.updates.toggled.connect(lambda on: self.worker.run(lambda: self.wallet.set_updates(on)))
        form.addRow(self.updates)
        self.autolock = QSpinBox()
        self.autolock.setRange(0, 240)
        self.autolock.setSuffix(self.tr(" min (0 = never)"))
        self.autolock.setAccessibleName(self.tr("Lock after idle minutes"))
        self.autolock.valueChanged.connect(self._autolock)
        form.addRow(self.tr("Lock when idle for:"), self.autolock)
        self.remember = QCheckBox(self.tr("Remember the key on this computer (OS keyring)"))
        self.remember.setToolTip(self.tr("A convenience copy in your system keyring; your passphrase always works."))
        self.remember.toggled.connect(self._remember)
        form.addRow(self.remember)
        from . import i18n
        from .qt import QComboBox

        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language"))
        current = i18n.chosen_language()
        for code, name in i18n.available().items():
            self.language.addItem(name, code)
            if code == current:
                self.language.setCurrentIndex(self.language.count() - 1)
        self.language.currentIndexChanged.connect(self._language)
        form.addRow(self.tr("Language (after restart):"), self.language)
        from . import theme

        self.theme = QComboBox()
        self.theme.setAccessibleName(self.tr("Appearance"))
        for mode, label in (("system", self.tr("Follow the system")), ("light", self.tr("Light")),
                            ("dark", self.tr("Dark"))):
            self.theme.addItem(label, mode)
        self.show_theme(theme.current())
        self.theme.currentIndexChanged.connect(lambda _i: self.theme_changed.emit(self.theme.currentData()))
        form.addRow(self.tr("Appearance:"), self.theme)
        lay.addLayout(form)
        box = QGroupBox(self.tr("Trusted issuers"))
        bl = QVBoxLayout(box)
        self.issuers = QListWidget()
        self.issuers.setAccessibleName(self.tr("Trusted issuers"))
        bl.addWidget(self.issuers)
        bl.addLayout(button_row((self.tr("Import trust list…"), self._import_trust),
                                (self.tr("Remove selected"), self._remove_issuer)))
        lay.addWidget(box)
        lay.addLayout(button_row((self.tr("Change passphrase…"), self._change_passphrase),
                                 (self.tr("Back up…"), self._backup), (self.tr("Restore…"), self._restore),
                                 (self.tr("Lock now"), self.lock_requested.emit)))
        lay.addStretch(1)

    def show_data(self, online: bool, minutes: int, trust: list[dict], updates: bool | None = None) -> None:
        for w, v in ((self.online, online), (self.autolock, minutes)):
            w.blockSignals(True)
            w.setChecked(v) if isinstance(w, QCheckBox) else w.setValue(v)
            w.blockSignals(False)
        self.no_network.setVisible(online and bool(self.no_network.text()))
        if updates is not None:
            self.show_updates(updates)
        self.issuers.clear()
        for e in trust:
            self.issuers.addItem(f"{e.get('name') or ''}  —  {e['id']}")
            self.issuers.item(self.issuers.count() - 1).setData(256, e["id"])

    def show_updates(self, on: bool) -> None:
        self.updates.blockSignals(True)
        self.updates.setChecked(on)
        self.updates.blockSignals(False)

    def _online(self, on: bool) -> None:
        self.worker.run(lambda: self.wallet.set_online(on))
        self.no_network.setVisible(on and bool(self.no_network.text()))

    def show_theme(self, mode: str) -> None:
        self.theme.blockSignals(True)
        self.theme.setCurrentIndex(max(0, self.theme.findData(mode)))
        self.theme.blockSignals(False)

    def _remember(self, on: bool) -> None:
        from wallet.service import Keystore

        ks = Keystore()

        def job() -> None:
            if on:
                self.wallet.remember_in_keyring(ks)
            else:
                self.wallet.forget_in_keyring(ks)

        def failed(exc: BaseException) -> None:
            self.remember.blockSignals(True)
            self.remember.setChecked(not on)
            self.remember.blockSignals(False)
            QMessageBox.information(self, self.tr("Keyring"), self.tr("The keyring cannot be used: %1").replace(
                "%1", str(exc)))

        self.worker.run(job, None, failed)

    def _language(self) -> None:
        from . import i18n

        i18n.save_language(self.language.currentData())

    def _autolock(self, minutes: int) -> None:
        self.worker.run(lambda: self.wallet.set_setting(AUTOLOCK_MINUTES, minutes))
        self.autolock_changed.emit(minutes)

    def _import_trust(self) -> None:
        f, _ = QFileDialog.getOpenFileName(self, self.tr("Trust list"), "", "JSON (*.json)")
        if f:
            self.worker.run(lambda: (self.wallet.import_trust_list(Path(f)), self.wallet.trusted_issuers())[1],
                            lambda t: self.show_data(self.online.isChecked(), self.autolock.value(), t), self._error)

    def _remove_issuer(self) -> None:
        item = self.issuers.currentItem()
        if item is None:
            return
        iid = item.data(256)

        def job():  # noqa: ANN202
            self.wallet.untrust_issuer(iid)
            return self.wallet.trusted_issuers()

        self.worker.run(job, lambda t: self.show_data(self.online.isChecked(), self.autolock.value(), t), self._error)

    def _change_passphrase(self) -> None:
        pw, ok = QInputDialog.getText(self, self.tr("New passphrase"), self.tr("New passphrase (8 characters or more):"),
                                      QLineEdit.EchoMode.Password)
        if ok and pw:
            self.worker.run(lambda: self.wallet.change_passphrase(pw),
                            lambda _: QMessageBox.information(self, self.tr("Passphrase"), self.tr("Passphrase changed.")),
                            self._error)

    def _backup(self) -> None:
        f, _ = QFileDialog.getSaveFileName(self, self.tr("Back up wallet"), "wallet.cwbak")
        if f:
            self.worker.run(lambda: self.wallet.backup(Path(f)),
                            lambda n: QMessageBox.information(self, self.tr("Backup"), self.tr("Backup written.")),
                            self._error)

    restored = Signal()

    def _restore(self) -> None:
        f, _ = QFileDialog.getOpenFileName(self, self.tr("Restore from backup"), "",
                                           self.tr("credwallet backups (*.cwbak);;All files (*)"))
        if not f:
            return
        pw, ok = QInputDialog.getText(self, self.tr("Restore"), self.tr("Passphrase of the backed-up wallet:"),
                                      QLineEdit.EchoMode.Password)
        if ok:
            self.worker.run(lambda: self.wallet.merge_backup(Path(f), passphrase=pw), self._restored, self._error)

    def _restored(self, result: Any) -> None:
        """Say what the merge did: added, already here, refused (with why), and what was kept."""
        lines = [self.tr("Restored %1 credentials; each was checked again in this wallet.").replace(
            "%1", str(len(result.added)))]
        if result.already_present:
            lines.append(self.tr("%1 were already in the wallet.").replace("%1", str(len(result.already_present))))
        lines += [self.tr("Not restored: %1").replace("%1", r["error"]) for r in result.refused]
        lines.append(self.tr("This wallet's settings, trusted issuers, fetched keys and holder keys were kept."))
        QMessageBox.information(self, self.tr("Restore"), "\n".join(lines))
        self.restored.emit()

    def _error(self, exc: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Something went wrong"), str(exc))
