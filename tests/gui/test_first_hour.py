"""Issue 18 (desktop): what a new user trips over in the first hour — empty states, badge images, long text,
the toolbar and its shortcuts, printing, recovery from the unlock dialog, the theme, expiry."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from tests.conftest import PASSPHRASE
from tests.factory import ob3, signed
from ui.gui.images import MISSING
from ui.gui.main_window import MainWindow
from ui.gui.qt import QApplication, QDialog, QKeySequence, QPalette, QStyleOptionViewItem, Qt
from ui.gui.worker import DbWorker

PW = PASSPHRASE  # the demo wallet's (tests/conftest.py: demo_home)


@pytest.fixture
def window(qtbot: QtBot, demo_home: Path, tmp_path: Path):  # noqa: ANN201
    import shutil

    from wallet.service import Wallet

    home = tmp_path / "demo"
    shutil.copytree(demo_home, home)
    win = MainWindow(Wallet.open(home, PW), DbWorker(synchronous=True), " — demo", idle_clock=lambda: 0.0)
    qtbot.addWidget(win)
    win.show()
    yield win
    if not win.wallet.vault.locked:
        win.wallet.lock()


@pytest.fixture
def empty_window(qtbot: QtBot, wallet):  # noqa: ANN001, ANN201
    win = MainWindow(wallet, DbWorker(synchronous=True), idle_clock=lambda: 0.0)
    qtbot.addWidget(win)
    win.show()
    return win


def shown_titles(win: MainWindow) -> list[str]:
    proxy = win.collection.proxy
    return [proxy.data(proxy.index(r, 0), Qt.ItemDataRole.UserRole + 1).title for r in range(proxy.rowCount())]


def png_bytes(color: tuple[int, int, int], size: int = 32) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (size, size), color).save(buf, "PNG")
    return buf.getvalue()


# --- empty states ------------------------------------------------------------------------------------------

def test_empty_wallet_says_so_and_its_button_adds_credentials(empty_window: MainWindow, monkeypatch) -> None:  # noqa: ANN001
    c = empty_window.collection
    assert c.stack.currentWidget() is c.empty and c.empty.isVisible()
    assert "Your wallet is empty" in c.empty.label.text()
    assert c.empty.button.text() == "Add your first credential…"
    asked: list[bool] = []
    monkeypatch.setattr(empty_window, "choose_files", lambda: asked.append(True))
    c.import_requested.disconnect()
    c.import_requested.connect(empty_window.choose_files)
    c.empty.button.click()
    assert asked == [True]
    # the other empty screens: a sentence and a button, no blank box
    assert empty_window.skills.stack.currentWidget() is empty_window.skills.empty
    assert empty_window.log.stack.currentWidget() is empty_window.log.empty
    assert "Nothing shared yet" in empty_window.log.empty.label.text()
    empty_window.nav.setCurrentRow(3)
    empty_window.log.empty.button.click()
    assert empty_window.nav.currentRow() == 0  # back to the collection, where sharing starts


def test_add_credentials_is_on_the_toolbar_only_once(window: MainWindow) -> None:
    from ui.gui.qt import QPushButton

    labels = [b.text() for b in window.collection.findChildren(QPushButton) if b.isVisible()]
    assert "Add…" not in labels and "Add credentials…" not in labels
    assert [a.text() for a in window.toolbar.actions() if a.text()].count("Add credentials…") == 1


def test_search_without_hits_offers_to_clear_it(window: MainWindow) -> None:
    c = window.collection
    c.search.setText("zzzz-no-such-credential")
    assert window.model.rowCount() == 0
    assert c.stack.currentWidget() is c.empty
    assert "zzzz-no-such-credential" in c.empty.label.text() and c.empty.button.text() == "Clear the search"
    c.empty.button.click()
    assert c.search.text() == "" and window.model.rowCount() == 10
    assert c.stack.currentWidget() is c.cards


def test_skills_page_has_content_on_the_demo(window: MainWindow) -> None:
    assert window.skills.stack.currentWidget() is not window.skills.empty


# --- badge images ------------------------------------------------------------------------------------------

def test_cards_show_baked_images_and_initials_as_fallback(window: MainWindow) -> None:
    ids = {s.title: s.id for s in window.wallet.credentials()}
    baked = window.images.get(ids["First Aid at Work"])
    assert baked is not None and baked is not MISSING and not baked.isNull()
    # the PNG itself: the demo badge is a red disc with initials
    px = baked.pixelColor(baked.width() // 2, baked.height() // 4)
    assert px.red() > 150 and px.green() < 100
    svg = window.images.get(ids["Applied Statistics"])
    assert svg is not None and svg is not MISSING
    # a remote image with online checks off: initials
    assert window.images.get(ids["Data Analysis with Python"]) is MISSING
    assert window.images.get(ids["Certificate of Attendance: Community Volunteering Day"]) is MISSING
    from ui.gui.detail import DetailDialog

    window.open_credential(ids["Data Analysis with Python"])
    dlg = window.findChild(DetailDialog)
    assert dlg is not None and not dlg.image.pixmap().isNull()
    assert dlg.image.accessibleName().startswith("Initials")  # the fallback, drawn like the card's
    dlg.close()


def test_a_signed_data_uri_image_is_shown_on_the_card_and_in_the_detail(window: MainWindow, tmp_path: Path) -> None:
    from ui.gui.detail import DetailDialog

    cred = ob3(801, "Picture Badge")
    uri = "data:image/png;base64," + base64.b64encode(png_bytes((0, 0, 200))).decode()
    cred["credentialSubject"]["achievement"]["image"] = {"id": uri, "type": "Image"}
    f = tmp_path / "picture.json"
    f.write_text(json.dumps(signed(cred)))
    window.import_paths([f])
    cid = next(s.id for s in window.wallet.credentials() if s.title == "Picture Badge")
    img = window.images.get(cid)
    assert img is not None and img is not MISSING
    assert img.pixelColor(img.width() // 2, img.height() // 2).blue() == 200
    window.open_credential(cid)
    dlg = window.findChild(DetailDialog)
    assert dlg is not None and not dlg.image.pixmap().isNull()
    assert dlg.image.pixmap().toImage().pixelColor(10, 10).blue() == 200
    dlg.close()


def test_an_image_added_outside_the_proof_gets_initials(window: MainWindow, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from ui.gui.qt import QMessageBox

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    doc = signed(ob3(802, "Tampered Picture"))
    doc["credentialSubject"]["achievement"]["image"] = (
        "data:image/png;base64," + base64.b64encode(png_bytes((255, 0, 0))).decode())
    f = tmp_path / "tampered.json"
    f.write_text(json.dumps(doc))
    results = window.wallet.import_paths([f], keep_invalid=True)
    window.refresh()
    assert results[0].status == "invalid"
    cid = next(s.id for s in window.wallet.credentials() if s.title == "Tampered Picture")
    assert window.images.get(cid) is MISSING


# --- long text -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("title,issuer", [
    ("Advanced " * 22 + "Certificate", "The Very Long Name of an Institute of Technology and Applied Sciences " * 2),
    ("データサイエンスと機械学習の応用に関する上級専門職証明書" * 4, "東京工業大学 情報理工学院 データサイエンス研究センター"),
    ("شهادة مهنية متقدمة في تحليل البيانات وتعلم الآلة والذكاء الاصطناعي التطبيقي " * 3,
     "جامعة الملك عبد الله للعلوم والتقنية"),
])
def test_long_titles_wrap_to_two_lines_then_elide_inside_the_card(window: MainWindow, title: str, issuer: str) -> None:
    from ui.gui.collection import CARD, CardDelegate
    from wallet.model import Summary

    assert len(title) >= 100
    s = Summary("x", "ob3", title[:200], issuer, "2026-01-01", "verified", [], "2026-01-01")
    opt = QStyleOptionViewItem()
    opt.rect = window.collection.cards.visualRect(window.collection.proxy.index(0, 0))
    opt.rect.setSize(CARD)
    opt.font = window.collection.cards.font()
    lay = CardDelegate().layout(opt, s)
    titles = [line for kind, line, _r in lay["lines"] if kind == "title"]
    issuers = [line for kind, line, _r in lay["lines"] if kind == "issuer"]
    assert len(titles) == 2 and titles[-1].endswith("…") and lay["cut"]
    assert 1 <= len(issuers) <= 2
    from ui.gui.qt import QFont, QFontMetrics

    bold = QFont(opt.font)
    bold.setBold(True)
    for kind, line, rect in lay["lines"]:
        fm = QFontMetrics(bold if kind == "title" else opt.font)
        assert fm.horizontalAdvance(line) <= rect.width() + 1, (kind, line)  # nothing clipped at either edge
        assert lay["card"].contains(rect), kind  # nothing outside the card
    bottoms = [r.bottom() for _k, _l, r in lay["lines"]]
    assert bottoms == sorted(bottoms) and max(bottoms) < lay["card"].bottom() - 30  # above the status pill
    # the whole title is in the tooltip
    window.model.set_rows([s])
    tip = window.model.data(window.model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert title[:200] in tip and issuer in tip


# --- toolbar, shortcuts, printing --------------------------------------------------------------------------

def test_every_toolbar_action_has_a_shortcut_shown_in_its_tooltip(window: MainWindow) -> None:
    acts = [a for a in window.toolbar.actions() if a.text()]
    assert [a.text() for a in acts][0] == "Add credentials…" and acts[-1].text() == "Lock"
    seen = set()
    for a in acts:
        assert not a.shortcut().isEmpty(), a.text()
        assert a.shortcut().toString(QKeySequence.SequenceFormat.NativeText) in a.toolTip()
        assert not a.icon().isNull(), a.text()
        seen.add(a.shortcut().toString())
    assert len(seen) == len(acts)  # no two actions share a key
    keys = {a.text(): a.shortcut() for a in acts}
    assert keys["Print portfolio…"] == QKeySequence(QKeySequence.StandardKey.Print)
    assert keys["Export portfolio PDF…"] == QKeySequence("Ctrl+E")
    for i in range(window.nav.count()):
        assert not window.nav.item(i).icon().isNull()


def test_ctrl_p_prints_the_portfolio_through_an_injected_dialog(window: MainWindow, tmp_path: Path) -> None:
    from ui.gui.qt import QPrinter

    made: list[QPrinter] = []

    class Accepting(QDialog):
        def __init__(self, printer: QPrinter, parent) -> None:  # noqa: ANN001
            super().__init__(parent)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(tmp_path / "printed.pdf"))
            made.append(printer)

        def exec(self) -> int:
            return QDialog.DialogCode.Accepted

    ids = [s.id for s in window.wallet.credentials() if s.title in ("Applied Statistics", "First Aid at Work")]
    window.collection.cards.selectAll()
    window.collection.cards.clearSelection()
    from ui.gui.printing import print_portfolio

    print_portfolio(window, ids, Accepting)
    assert made and getattr(window, "printed", 0) >= 1
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(tmp_path / "printed.pdf"))
    assert len(doc) == window.printed
    doc.close()

    class Cancelling(Accepting):
        def exec(self) -> int:
            return QDialog.DialogCode.Rejected

    window.printed = 0
    window.print_portfolio(Cancelling)
    assert window.printed == 0  # cancelled: nothing built, nothing printed


# --- recovery from the unlock dialog -----------------------------------------------------------------------

def test_recovery_code_from_the_unlock_dialog_sets_a_new_passphrase(qtbot: QtBot, wallet_home: Path,
                                                                     recovery_code: str) -> None:
    from ui.gui.unlock import UnlockDialog
    from wallet.service import Wallet

    dlg = UnlockDialog(wallet_home, DbWorker(synchronous=True))
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.forgot.isVisible() and "recovery code" in dlg.forgot.text()
    rec = dlg.recover()
    qtbot.addWidget(rec)
    rec.code.setText("AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF")
    rec.passphrase.setText("a brand new passphrase")
    rec.repeat.setText("a brand new passphrase")
    rec._submit()
    assert rec.wallet is None and rec.isVisible() and rec.message.text()  # refused, said why
    assert dlg.wallet is None
    rec.repeat.setText("something else entirely")
    rec.code.setText(recovery_code)
    rec._submit()
    assert rec.wallet is None and "do not match" in rec.message.text()
    rec.repeat.setText("a brand new passphrase")
    rec._submit()
    assert rec.wallet is not None and dlg.wallet is rec.wallet and dlg.result() == QDialog.DialogCode.Accepted
    dlg.wallet.lock()
    Wallet.open(wallet_home, "a brand new passphrase").lock()  # the new passphrase opens it
    from wallet.errors import WalletError

    with pytest.raises(WalletError):
        Wallet.open(wallet_home, PASSPHRASE)  # the old one no longer does


def test_creating_a_wallet_does_not_offer_recovery(qtbot: QtBot, tmp_path: Path) -> None:
    from ui.gui.unlock import UnlockDialog

    dlg = UnlockDialog(tmp_path / "new", DbWorker(synchronous=True))
    qtbot.addWidget(dlg)
    dlg.show()
    assert not dlg.forgot.isVisible()


# --- theme -------------------------------------------------------------------------------------------------

def test_dark_theme_is_applied_and_remembered(window: MainWindow) -> None:
    from ui.gui import theme

    try:
        assert theme.chosen() == "system"
        window.theme_actions["dark"].trigger()
        app = QApplication.instance()
        assert theme.is_dark(app.palette()) and app.style().name().lower() == "fusion"
        assert theme.chosen() == "dark"  # remembered on this computer
        assert window.settings.theme.currentData() == "dark"
        theme.apply()  # what the next start does
        assert theme.is_dark(QApplication.instance().palette())
        # icons are redrawn in the light text colour
        img = window.toolbar_actions["lock"].icon().pixmap(24, 24).toImage()
        inked = [img.pixelColor(x, y) for x in range(24) for y in range(24) if img.pixelColor(x, y).alpha() > 200]
        assert inked and min(c.lightness() for c in inked) > 128
        window.settings.theme.setCurrentIndex(window.settings.theme.findData("light"))
        assert not theme.is_dark(QApplication.instance().palette()) and theme.chosen() == "light"
        assert window.theme_actions["light"].isChecked()
    finally:
        window.set_theme("system")
    assert theme.chosen() == "system"
    assert QApplication.instance().palette().color(QPalette.ColorRole.Window).isValid()


# --- expiry ------------------------------------------------------------------------------------------------

def test_expires_column_filter_and_sort(window: MainWindow) -> None:
    from ui.gui.models import CredentialTableModel

    c = window.collection
    col = CredentialTableModel.COLUMNS.index("Expires")
    assert window.model.headerData(col, Qt.Orientation.Horizontal) == "Expires"
    expiring = {s.title: s.expires for s in window.wallet.credentials() if s.expires}
    assert expiring  # the demo has credentials with an expiry (First Aid, BLS)
    # seen from 60 days before the first aid badge expires: only it is "expiring within 90 days"
    first_aid = dt.datetime(2027, 7, 22, tzinfo=dt.timezone.utc)
    c.proxy.now = lambda: first_aid
    c.expiry.setCurrentIndex(c.expiry.findData(90))
    assert shown_titles(window) == ["First Aid at Work"]
    c.proxy.now = lambda: dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
    c.expiry.setCurrentIndex(0)
    c.expiry.setCurrentIndex(c.expiry.findData(90))
    assert shown_titles(window) == [] and c.stack.currentWidget() is c.empty  # says so, offers to clear
    c.empty.button.click()
    assert len(shown_titles(window)) == 10
    c.sort.setCurrentIndex(c.SORTS.index("expires"))
    titles = shown_titles(window)
    dated = sorted(expiring, key=lambda t: expiring[t])
    assert titles[:len(dated)] == dated  # soonest first, those without an expiry after them
    c.sort.setCurrentIndex(c.SORTS.index("title"))
    assert shown_titles(window) == sorted(shown_titles(window), key=str.casefold)


def test_unlock_notice_when_something_expires_within_30_days(window: MainWindow) -> None:
    assert not window.notice.isVisible()  # nothing expires within 30 days of today
    soon = min(s.expires for s in window.wallet.credentials() if s.expires)
    when = dt.datetime.fromisoformat(soon.replace("Z", "+00:00")) - dt.timedelta(days=10)
    window.wallet.clock = lambda: when
    window.check_expiring()
    assert window.notice.isVisible()
    assert soon[:10] in window.notice.label.text()
    window.notice.action.click()
    assert window.collection.expiry.currentData() == 90 and window.nav.currentRow() == 0
    window.lock()
    assert not window.notice.isVisible()


# --- shared log --------------------------------------------------------------------------------------------

def test_shared_log_is_a_table(window: MainWindow) -> None:
    ids = {s.title: s.id for s in window.wallet.credentials()}
    window.wallet.present([ids["Applied Statistics"]], audience="https://careers.acme.example", expires_days=7,
                          form="qr")
    window.refresh()
    t = window.log.table
    assert window.log.stack.currentWidget() is t
    assert [t.headerItem().text(i) for i in range(t.columnCount())] == ["Date", "To whom", "What", "How", "Expires"]
    row = t.topLevelItem(0)
    assert row.text(1) == "https://careers.acme.example"
    assert "Applied Statistics" in row.text(2) and row.text(3) == "QR code"
    assert row.text(4) != "–" and row.text(4) > row.text(0)


# --- first run ---------------------------------------------------------------------------------------------

def test_importing_demo_files_by_hand_says_how_to_trust_the_demo_issuers(empty_window: MainWindow,
                                                                          monkeypatch) -> None:  # noqa: ANN001
    from ui.gui.qt import QMessageBox
    from wallet import paths
    from wallet.demo import demo_files

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "open", lambda box: said.append(box.text()))  # shown without blocking
    first_aid = next(p for p in demo_files() if p.name.startswith("ob2-first-aid"))
    empty_window.import_paths([first_aid])
    trust = paths.resources_dir() / "demo" / "trust.json"
    assert len(said) == 1 and str(trust) in said[0] and "Import trust list" in said[0]
    assert said[0].count("\n") == 1  # the count, then one line
    empty_window.wallet.import_trust_list(trust)
    said.clear()
    empty_window.import_paths([next(p for p in demo_files() if p.name.startswith("vc-jwt"))])
    assert said == []  # trusted now: one credential added, said in the status bar
    assert "Added 1 credential" in empty_window.statusBar().currentMessage()


def test_the_demo_wallet_shares_every_signed_credential(window: MainWindow) -> None:
    """First run: the demo learner owns every demo credential it can present (the Blockcerts certificate is
    issued to the demo holder's did:key), and every signed one shows a verdict, none "issued to someone else"."""
    ids = {s.title: s.id for s in window.wallet.credentials()}
    shared = window.wallet.present([ids["Certificate in Project Management"]], audience="https://acme.example")
    assert shared.text
    statuses = {s.title: s.status for s in window.wallet.credentials()}
    assert sum(v == "verified" for v in statuses.values()) >= 8
