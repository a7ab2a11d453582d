"""Start the desktop app: on the learner's wallet, or (``--demo``) on a throw-away demo wallet."""

from __future__ import annotations

import os
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

from wallet import paths
from wallet.service import Keystore, Wallet, make_demo_wallet

from . import smoke
from .qt import QApplication, QDialog, QLabel, Qt
from .worker import DbWorker


DEMO_PASSPHRASE_NOTE = "This is a demo wallet. Its passphrase is: "


def freeze_startup_heap() -> None:
    """What start-up loaded (the wallet and Qt modules, classes, caches, translations) stays for the life of
    the process: move it out of the garbage collector's sight (``gc.freeze``).  A full collection then walks
    only what was made since: 31,000 objects instead of 91,000 with 10,000 credentials open, 10-40 ms
    instead of 85-300 ms on a busy machine.  It runs on whichever thread allocates and holds the GIL
    throughout, so a long one stalls the GUI thread even when the worker triggered it (issue 19).  Call it
    before any window or dialog is made: what is frozen is never collected as garbage."""
    import gc

    gc.freeze()


def run_app(wallet_dir: str | None = None, demo: bool = False, argv: list[str] | None = None,
            open_args: list[str] | None = None) -> int:
    """The desktop app.  ``open_args``: links or files to open in it (``credwallet %u``); if this wallet's
    app is already running they are handed to it and this launch ends at once (the demo runs on its own)."""
    from . import links, single
    from .main_window import MainWindow
    from .unlock import UnlockDialog

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(paths.APP_NAME)
    app.setDesktopFileName(paths.APP_ID)
    from .icon import app_icon

    app.setWindowIcon(app_icon())
    from . import i18n

    i18n.install(app)
    from . import theme

    theme.apply()
    server = None
    if not demo:
        handed_off, server = single.claim(paths.wallet_dir(wallet_dir), list(open_args or []))
        if handed_off:
            return 0
    worker = DbWorker()
    Wallet.prepare_checks()  # the import checking process loads while the learner unlocks
    freeze_startup_heap()  # before any window or dialog: only what start-up loaded
    tmp: str | None = None
    window = None
    try:
        if demo:
            tmp = tempfile.mkdtemp(prefix="credwallet-demo-")
            home = Path(tmp) / "wallet"
            # Built on the database worker (key derivation, imports, real checks: a few seconds); a small
            # window says so meanwhile instead of nothing appearing at all.
            demo_pw = "demo-" + secrets.token_hex(4)
            future = worker.run(lambda: make_demo_wallet(home, demo_pw))
            splash = QLabel(app.translate("app", "Preparing the demo wallet: checking every credential for real…"))
            splash.setWindowFlags(Qt.WindowType.SplashScreen)
            splash.setMargin(24)
            splash.show()
            while future is not None and not future.done():
                app.processEvents()
                time.sleep(0.03)
            splash.close()
            wallet = future.result() if future is not None else None
            if wallet is None:
                raise RuntimeError("could not build the demo wallet")
        else:
            home = paths.wallet_dir(wallet_dir)
            wallet = None
            if Wallet.exists(home):
                from wallet.errors import WalletError

                try:  # remembered on this computer?
                    wallet = Wallet.open_with_keyring(home, Keystore())
                except WalletError:
                    wallet = None
            if wallet is None:
                dlg = UnlockDialog(home, worker)
                if dlg.exec() != QDialog.DialogCode.Accepted or dlg.wallet is None:
                    return 0
                wallet = dlg.wallet
        hint = f"<p>{DEMO_PASSPHRASE_NOTE}<b>{demo_pw}</b></p>" if demo else ""
        window = MainWindow(wallet, worker, " — demo" if demo else "", lock_hint=hint)
        window.show()
        if open_args:
            links.open_all(window, list(open_args))
        if server is not None:
            server.set_handler(lambda args: links.open_all(window, args))
        if os.environ.get(smoke.ENV):
            smoke.arm(window, Path(os.environ[smoke.ENV]))
        return app.exec()
    finally:
        if window is not None:  # nothing may run on it once its worker is gone (the idle lock would)
            window.close()  # closeEvent stops and disconnects its idle timer
            window.deleteLater()
        if server is not None:
            server.close()
        worker.shutdown()
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
