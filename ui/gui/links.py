"""What the app does with a link or file it was opened with (`credwallet %u` from the desktop, or handed
over by a second launch): bring the window forward and take the learner to the right place.

- ``openid-credential-offer://`` (an issuer offers a credential): the "Receive from an issuer" dialog opens
  with the link filled in; nothing is looked up or sent until the learner asks (ui/gui/receive.py).
- ``openid4vp://``, ``haip-vp://`` (a verifier asks for credentials): the "Answer a request" dialog opens with
  the request filled in; it is read only when the learner continues, and nothing is sent before they agree
  on the consent screen (ui/gui/respond.py).  While the wallet is locked, the learner is told to unlock.
- a ``.cwbak`` backup: Settings, where Restore is (restoring replaces the wallet: never done by a click).
- a ``.cwvp`` presentation: the Verify screen checks it.
- any other file: added to the collection, checked on the way in, as if dropped on the window.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from wallet.service import read_input

from .qt import QT_TRANSLATE_NOOP, QApplication, QMessageBox, QWidget

OFFER_SCHEMES = {"openid-credential-offer"}
REQUEST_SCHEMES = {"openid4vp", "haip-vp"}
MAX_PRESENTATION = 2 * 1024 * 1024

# Long messages, marked for pyside6-lupdate in the "links" context and translated where they are shown.
REQUEST_TEXT = QT_TRANSLATE_NOOP(
    "links",
    "A verifier's link asks you to share credentials (OpenID for Verifiable Presentations). Unlock your "
    "wallet, then open the link again: you will see exactly what would be shared before anything is sent.")
BACKUP_TEXT = QT_TRANSLATE_NOOP(
    "links",
    "To restore this backup, use \"Restore from backup…\" in Settings. Restoring replaces what is in "
    "this wallet now.")


def classify(arg: str) -> tuple[str, str]:
    """(kind, value): offer, request, backup, presentation, credential, missing or unknown."""
    parts = urlsplit(arg)
    scheme = parts.scheme.lower()
    if scheme in OFFER_SCHEMES:
        return "offer", arg
    if scheme in REQUEST_SCHEMES:
        return "request", arg
    if scheme == "file":
        arg = unquote(parts.path)
    elif len(scheme) > 1:  # one letter is a Windows drive
        return "unknown", arg
    path = Path(arg)
    if not path.is_file():
        return "missing", arg
    suffix = path.suffix.lower()
    return {".cwbak": "backup", ".cwvp": "presentation"}.get(suffix, "credential"), str(path)


def open_target(window, arg: str) -> str:  # noqa: ANN001 - a MainWindow
    """Act on one argument in ``window``; returns its kind (for tests and logs)."""
    window.showNormal()
    window.raise_()
    window.activateWindow()
    kind, value = classify(arg)
    if kind == "offer" and not window.wallet.locked:
        window.receive_from_issuer(value)
    elif kind == "request" and not window.wallet.locked:
        from .respond import open_respond

        open_respond(window, value)  # nothing is read or sent before the learner continues and agrees
    elif kind == "request":
        _tell(window, QApplication.translate("links", "Sharing with a verifier"),
              QApplication.translate("links", REQUEST_TEXT))
    elif kind in ("missing", "unknown"):
        _tell(window, QApplication.translate("links", "Cannot open this"),
              QApplication.translate("links", "credwallet cannot open this:") + "\n" + value[:300])
    elif window.wallet.locked:
        _tell(window, QApplication.translate("links", "Your wallet is locked"),
              QApplication.translate("links", "Unlock your wallet, then open the file again:") + "\n" + value)
    elif kind == "backup":
        window.nav.setCurrentRow(window.pages.indexOf(window.settings))
        _tell(window, QApplication.translate("links", "A credwallet backup"),
              QApplication.translate("links", BACKUP_TEXT) + "\n" + value)
    elif kind == "presentation":
        window.nav.setCurrentRow(window.pages.indexOf(window.verify))
        try:
            window.verify.check(read_input(Path(value), MAX_PRESENTATION).decode("utf-8", "replace"))
        except Exception as exc:  # noqa: BLE001 - a WalletError (too big, unreadable) or an OS error
            window.verify._error(exc)
    else:
        window.import_paths([Path(value)])
    return kind


def _tell(parent: QWidget, title: str, text: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("link-message")
    box.open()  # not modal to the event loop: later launches can still hand over
    return box


def open_all(window, args: list[str]) -> list[str]:  # noqa: ANN001 - a MainWindow
    """A launch's arguments (from the command line or a later launch): none just brings the window up."""
    if not args:
        window.showNormal()
        window.raise_()
        window.activateWindow()
    return [open_target(window, a) for a in args]
