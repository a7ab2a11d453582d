"""Create-or-unlock dialog.  Key derivation runs on the worker so the window never freezes."""

from __future__ import annotations

from pathlib import Path

from wallet.errors import WalletError
from wallet.service import Wallet

from .qt import QDialog, QDialogButtonBox, QLabel, QLineEdit, QMessageBox, QVBoxLayout, QWidget
from .worker import DbWorker


class UnlockDialog(QDialog):
    def __init__(self, home: Path, worker: DbWorker, parent: QWidget | None = None):
        super().__init__(parent)
        self.home = home
        self.worker = worker
        self.wallet: Wallet | None = None
        self.creating = not Wallet.exists(home)
        self.setWindowTitle(self.tr("Create your wallet") if self.creating else self.tr("Unlock your wallet"))
        lay = QVBoxLayout(self)
        intro = (
            self.tr("Choose a passphrase. It protects every credential in this wallet.")
            if self.creating
            else self.tr("Enter your passphrase to open the wallet in %1.").replace("%1", str(home))
        )
        lay.addWidget(QLabel(intro))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        lay.addWidget(self.passphrase)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setPlaceholderText(self.tr("Repeat the passphrase"))
        self.repeat.setAccessibleName(self.tr("Repeat passphrase"))
        self.repeat.setVisible(self.creating)
        lay.addWidget(self.repeat)
        self.message = QLabel()
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

    def _submit(self) -> None:
        pw = self.passphrase.text()
        if self.creating and pw != self.repeat.text():
            self.message.setText(self.tr("The two passphrases do not match."))
            return
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("Creating…") if self.creating else self.tr("Unlocking…"))
        if self.creating:
            self.worker.run(lambda: Wallet.create(self.home, pw), self._created, self._failed)
        else:
            self.worker.run(lambda: Wallet.open(self.home, pw), self._opened, self._failed)

    def _created(self, result: tuple[Wallet, str]) -> None:
        wallet, code = result
        QMessageBox.information(
            self,
            self.tr("Your recovery code"),
            self.tr("Write this recovery code down and keep it safe. It is shown only once.\n\n%1").replace("%1", code),
        )
        self._opened(wallet)

    def _opened(self, wallet: Wallet) -> None:
        self.wallet = wallet
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(str(exc) if isinstance(exc, WalletError) else self.tr("Unexpected error: %1").replace("%1", repr(exc)))
