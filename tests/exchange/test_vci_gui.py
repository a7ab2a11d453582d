"""The desktop half of receive: the dialog shows who offers what before anything is sent, asks for the
transaction code, receives on the worker, and reports; the toolbar opens it."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.exchange.issuer_server import IssuerServer
from ui.gui.main_window import MainWindow
from ui.gui.receive import ReceiveDialog
from ui.gui.worker import DbWorker
from wallet.exchange.offer import offer_link

ROOT = Path(__file__).resolve().parents[2]


def test_receive_dialog_previews_then_receives(qtbot: QtBot, wallet, tmp_path: Path) -> None:  # noqa: ANN001
    wallet.import_trust_list(ROOT / "resources" / "demo" / "trust.json")
    with IssuerServer() as srv:
        dlg = ReceiveDialog(wallet, DbWorker(synchronous=True), text=offer_link(
            srv.offer(["bls_sd_jwt", "licence_mdoc"], tx_code="2468")), allow_loopback_http=True)
        qtbot.addWidget(dlg)
        dlg.show()
        dlg.look_button.click()
        assert dlg.stage == "ready", dlg.details.toPlainText()
        assert "Riverside Training Centre" in dlg.issuer.text() and not dlg.logo.pixmap().isNull()
        shown = dlg.details.toPlainText()
        assert "Basic Life Support" in shown and "not a format this wallet reads" in shown
        assert "Nothing has been sent" in shown and dlg.tx_code.isVisible()
        assert [m for m, _p, _b in srv.log if m == "POST"] == []
        dlg.grab().save(str(tmp_path / "receive-offer.png"))
        dlg.tx_code.setText("2468")
        dlg.receive_button.click()
        assert dlg.stage == "done"
        assert "Added 1 credential(s)." in dlg.details.toPlainText()
        dlg.grab().save(str(tmp_path / "receive-done.png"))
    assert wallet.count() == 1


def test_receive_failure_returns_to_the_offer(qtbot: QtBot, wallet) -> None:  # noqa: ANN001
    with IssuerServer() as srv:
        dlg = ReceiveDialog(wallet, DbWorker(synchronous=True), allow_loopback_http=True,
                            text=offer_link(srv.offer(["literacy_jwt"], tx_code="2468")))
        qtbot.addWidget(dlg)
        dlg.look_button.click()
        dlg.tx_code.setText("1111")
        dlg.receive_button.click()
        assert dlg.stage == "ready" and "wrong transaction code" in dlg.details.toPlainText()
    assert wallet.count() == 0


def test_toolbar_opens_the_receive_dialog(qtbot: QtBot, wallet) -> None:  # noqa: ANN001
    win = MainWindow(wallet, DbWorker(synchronous=True))
    qtbot.addWidget(win)
    act = next(a for a in win.actions() if a.text() == "Receive from an issuer…")
    act.trigger()
    dlg = win.findChild(ReceiveDialog)
    assert dlg is not None and dlg.isVisible() and dlg.link.text() == ""
    dlg.close()


def test_paste_a_screenshot_with_the_qr_code(qtbot: QtBot, wallet) -> None:  # noqa: ANN001
    from ui.gui.qt import QGuiApplication, QImage
    from ui.render.qr import png_bytes

    link = "openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fissuer.example%2Fo%2F7"
    dlg = ReceiveDialog(wallet, DbWorker(synchronous=True))
    qtbot.addWidget(dlg)
    QGuiApplication.clipboard().setImage(QImage.fromData(png_bytes(link)))
    dlg.paste_button.click()
    assert dlg.link.text() == link and dlg.stage == "start"  # filled in, not looked up
    QGuiApplication.clipboard().setText(" pasted text ")
    dlg.paste_button.click()
    assert dlg.link.text() == "pasted text"


def test_deferred_credential_asked_for_again_from_the_dialog(qtbot: QtBot, wallet) -> None:  # noqa: ANN001
    wallet.import_trust_list(ROOT / "resources" / "demo" / "trust.json")
    with IssuerServer(deferred=1) as srv:
        dlg = ReceiveDialog(wallet, DbWorker(synchronous=True), allow_loopback_http=True,
                            text=offer_link(srv.offer(["literacy_jwt"])))
        qtbot.addWidget(dlg)
        dlg.look_button.click()
        dlg.receive_button.click()
        assert "Added 0 credential(s)." in dlg.details.toPlainText() and "later" in dlg.details.toPlainText()
        assert wallet.count() == 0
        dlg.pending_button.click()
        assert "Added 1 credential(s)." in dlg.details.toPlainText() and wallet.count() == 1
        dlg.pending_button.click()
        assert "No credentials are waiting" in dlg.details.toPlainText()
