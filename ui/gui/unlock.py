"""First run and unlock.  Create a wallet (passphrase with a strength meter, the recovery code shown once
and confirmed by typing part of it back), restore one from a backup, or unlock (optionally remembered
in the OS keyring).  Key derivation runs on the worker so the window never freezes."""

from __future__ import annotations

import math
import string
from pathlib import Path

from wallet.errors import WalletError
from wallet.service import Keystore, Wallet

from .qt import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from .worker import DbWorker


def strength_bits(pw: str) -> float:
    """A rough entropy estimate: character classes used times length, discounted for repeats."""
    if not pw:
        return 0.0
    pool = sum(n for cls, n in ((string.ascii_lowercase, 26), (string.ascii_uppercase, 26), (string.digits, 10),
                                (string.punctuation + " ", 33)) if any(c in cls for c in pw))
    pool += 100 if any(ord(c) > 127 for c in pw) else 0
    unique = len(set(pw))
    return round(math.log2(max(pool, 2)) * (len(pw) * 0.5 + unique * 0.5), 1)


def strength_words(bits: float) -> str:
    if bits < 40:
        return QDialog.tr("weak")
    if bits < 60:
        return QDialog.tr("fair")
    if bits < 80:
        return QDialog.tr("good")
    return QDialog.tr("strong")


class UnlockDialog(QDialog):
    def __init__(self, home: Path, worker: DbWorker, parent: QWidget | None = None, keystore: Keystore | None = None):
        super().__init__(parent)
        self.home = home
        self.worker = worker
        self.keystore = keystore or Keystore()
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
        self.meter = QProgressBar()
        self.meter.setRange(0, 100)
        self.meter.setAccessibleName(self.tr("Passphrase strength"))
        self.passphrase.textChanged.connect(self._strength)
        for w in (self.repeat, self.meter):
            w.setVisible(self.creating)
            lay.addWidget(w)
        self._strength("")
        self.remember = QCheckBox(self.tr("Remember on this computer (OS keyring)"))
        self.remember.setToolTip(self.tr("The key is kept in your system keyring so you are not asked every time. "
                                         "Your passphrase still works; a backup never depends on it."))
        lay.addWidget(self.remember)
        self.message = QLabel()
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        self.forgot = QPushButton(self.tr("Forgot your passphrase? Use your recovery code"))
        self.forgot.setFlat(True)
        self.forgot.setAutoDefault(False)
        self.forgot.setStyleSheet("text-align: left; color: palette(link); text-decoration: underline;")
        self.forgot.clicked.connect(self.recover)
        self.forgot.setVisible(not self.creating)
        lay.addWidget(self.forgot)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        if self.creating:
            restore = QPushButton(self.tr("Restore from a backup…"))
            restore.clicked.connect(self._restore)
            self.buttons.addButton(restore, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

    def recover(self) -> RecoveryDialog:
        """The same flow as ``credwallet recover``: the recovery code opens the wallet and sets a new passphrase."""
        dlg = RecoveryDialog(self.home, self.worker, self)
        dlg.accepted.connect(lambda: self._opened(dlg.wallet) if dlg.wallet is not None else None)
        dlg.open()
        self.recovery = dlg
        return dlg

    def _strength(self, pw: str) -> None:
        bits = strength_bits(pw)
        self.meter.setValue(int(min(100, bits)))
        self.meter.setFormat(self.tr("Strength: %1").replace("%1", strength_words(bits)) if pw else
                             self.tr("At least 8 characters; a few unrelated words are best"))

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
        groups = code.split("-")
        while True:
            QMessageBox.information(
                self, self.tr("Your recovery code"),
                self.tr("Write this recovery code down and keep it somewhere safe. It is shown only once, and it "
                        "lets you set a new passphrase if you forget yours.\n\n%1").replace("%1", code))
            typed, ok = QInputDialog.getText(self, self.tr("Confirm the recovery code"),
                                             self.tr("Type the third group of your recovery code:"))
            if ok and typed.strip().upper().replace("O", "0") == groups[2]:
                break
            QMessageBox.warning(self, self.tr("Not quite"), self.tr("That was not the third group. Here it is again."))
        self._opened(wallet)

    def _restore(self) -> None:
        f, _ = QFileDialog.getOpenFileName(self, self.tr("Backup file"), "", self.tr("credwallet backups (*.cwbak);;All files (*)"))
        if not f:
            return
        pw, ok = QInputDialog.getText(self, self.tr("Restore"), self.tr("Passphrase of the backed-up wallet:"),
                                      QLineEdit.EchoMode.Password)
        if ok:
            self.worker.run(lambda: Wallet.restore_new(self.home, Path(f), passphrase=pw)[0], self._opened, self._failed)

    def _opened(self, wallet: Wallet) -> None:
        self.wallet = wallet
        if self.remember.isChecked():
            try:
                wallet.remember_in_keyring(self.keystore)
            except WalletError as exc:
                QMessageBox.information(self, self.tr("Keyring"),
                                        self.tr("Not remembered: %1. You will be asked for the passphrase.").replace(
                                            "%1", str(exc)))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(str(exc) if isinstance(exc, WalletError) else self.tr("Unexpected error: %1").replace("%1", repr(exc)))


class RecoveryDialog(QDialog):
    """Recovery code + a new passphrase (twice) -> Wallet.recover on the worker; a wrong code is said so."""

    def __init__(self, home: Path, worker: DbWorker, parent: QWidget | None = None):
        super().__init__(parent)
        self.home, self.worker = home, worker
        self.wallet: Wallet | None = None
        self.setWindowTitle(self.tr("Use your recovery code"))
        self.setMinimumWidth(460)
        lay = QVBoxLayout(self)
        intro = QLabel(self.tr("Type the recovery code you wrote down when you created this wallet, then choose a "
                               "new passphrase. Nothing in the wallet is lost."))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.code = QLineEdit()
        self.code.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        self.code.setAccessibleName(self.tr("Recovery code"))
        lay.addWidget(QLabel(self.tr("Recovery code:")))
        lay.addWidget(self.code)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("New passphrase"))
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName(self.tr("Repeat passphrase"))
        self.repeat.setPlaceholderText(self.tr("Repeat the passphrase"))
        lay.addWidget(QLabel(self.tr("New passphrase (8 characters or more):")))
        lay.addWidget(self.passphrase)
        lay.addWidget(self.repeat)
        self.message = QLabel()
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Set new passphrase"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

    def _submit(self) -> None:
        code, pw = self.code.text().strip(), self.passphrase.text()
        if not code:
            self.message.setText(self.tr("Type your recovery code."))
            return
        if pw != self.repeat.text():
            self.message.setText(self.tr("The two passphrases do not match."))
            return
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("Checking the recovery code…"))
        self.worker.run(lambda: Wallet.recover(self.home, code, pw), self._recovered, self._failed)

    def _recovered(self, wallet: Wallet) -> None:
        self.wallet = wallet
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(str(exc) if isinstance(exc, WalletError) else
                             self.tr("Unexpected error: %1").replace("%1", repr(exc)))
