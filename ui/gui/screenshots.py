"""Render every screen of the demo wallet to docs/screenshots/*.png (offscreen grabs).

    QT_QPA_PLATFORM=offscreen python -m ui.gui.screenshots [OUT_DIR]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from .qt import QApplication


def main(out: Path) -> list[Path]:
    from wallet.service import make_demo_wallet
    from .detail import DetailDialog
    from .main_window import MainWindow
    from .share import ShareDialog
    from .worker import DbWorker

    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    shots = []
    with tempfile.TemporaryDirectory() as tmp:
        wallet = make_demo_wallet(Path(tmp) / "w", "demo-screens")
        win = MainWindow(wallet, DbWorker(synchronous=True), " — demo")
        win.resize(1100, 720)
        win.show()

        def grab(widget, name: str) -> None:  # noqa: ANN001
            app.processEvents()
            p = out / f"{name}.png"
            widget.grab().save(str(p))
            shots.append(p)

        grab(win, "01-collection")
        win.collection.view_toggle.setChecked(True)
        grab(win, "02-collection-list")
        win.collection.view_toggle.setChecked(False)
        ids = {s.title: s.id for s in wallet.credentials()}
        dlg = DetailDialog(wallet, win.worker, wallet.get(ids["Data Analysis with Python"]),
                           wallet.elements(ids["Data Analysis with Python"]), win)
        dlg.show()
        grab(dlg, "03-credential-detail")
        dlg.findChild(type(dlg.checks)).parent()  # keep the tab widget alive
        tabs = dlg.details.parentWidget().parentWidget()
        tabs.setCurrentIndex(1)
        grab(dlg, "04-credential-checks")
        dlg.close()
        win.nav.setCurrentRow(1)
        grab(win, "05-skills")
        sd = wallet.get(ids["Basic Life Support (BLS) Provider"])
        share = ShareDialog(wallet, win.worker, [sd], win.clipboard, win)
        share.audience.setText("https://careers.acme.example")
        share.show()
        grab(share, "06-share-choose")
        share._make()
        grab(share, "07-share-qr")
        share.close()
        cert = wallet.get(ids["Cloud Data Engineering — Professional Certificate"])
        share = ShareDialog(wallet, win.worker, [cert], win.clipboard, win)  # ecdsa-sd-2023: field by field
        share.audience.setText("https://careers.acme.example")
        share.show()
        grab(share, "06b-share-fields")
        share._make()
        grab(share, "07b-share-fields-qr")
        share.close()
        shared = wallet.present([ids["Applied Statistics"]], audience="https://careers.acme.example", nonce="R-2291")
        win.nav.setCurrentRow(2)
        win.verify.audience.setText("https://careers.acme.example")
        win.verify.nonce.setText("R-2291")
        win.verify.check(shared.text)
        grab(win, "08-verify")
        win.refresh()
        win.nav.setCurrentRow(3)
        grab(win, "09-shared-log")
        win.nav.setCurrentRow(4)
        grab(win, "10-settings")
        from .about import AboutDialog

        about = AboutDialog(None, win)  # the learner's default wallet folder, not this temporary one
        about.show()
        grab(about, "12-about")
        about.close()
        win.lock()
        grab(win, "11-locked")
        win.close()
    shots += first_hour(out)
    return shots


def first_hour(out: Path) -> list[Path]:
    """Issue 18: the empty states, cards with images and long titles, recovery from the unlock dialog, the
    dark theme."""
    from . import theme
    from .app import make_demo_wallet
    from .main_window import MainWindow
    from .unlock import UnlockDialog
    from .worker import DbWorker
    from wallet.service import Wallet, example_badge

    app = QApplication.instance() or QApplication([])
    shots: list[Path] = []

    def grab(widget, name: str) -> None:  # noqa: ANN001
        for _ in range(3):
            app.processEvents()
        p = out / f"{name}.png"
        widget.grab().save(str(p))
        shots.append(p)

    with tempfile.TemporaryDirectory() as tmp:
        empty, _code = Wallet.create(Path(tmp) / "empty", "screenshots-empty")
        win = MainWindow(empty, DbWorker(synchronous=True))
        win.resize(1100, 720)
        win.show()
        grab(win, "20-empty-wallet")
        win.nav.setCurrentRow(1)
        grab(win, "21-empty-skills")
        win.nav.setCurrentRow(3)
        grab(win, "22-empty-shared")
        win.close()
        empty.lock()

        wallet = make_demo_wallet(Path(tmp) / "w", "demo-screens")
        long_title = ("Advanced Professional Certificate in Applied Data Science, Machine Learning Engineering and "
                      "Responsible Artificial Intelligence for Public Sector Organisations (Level 7, 60 ECTS credits)")
        extra = [(901, long_title[:200], "Northbridge Institute of Technology and Applied Sciences, Faculty of "
                  "Continuing Education", (40, 110, 200)),
                 (902, "データサイエンスと機械学習の応用に関する上級専門職証明書（オンライン課程）", "東京工業大学 情報理工学院",
                  (200, 60, 90)),
                 (903, "شهادة مهنية متقدمة في تحليل البيانات وتعلم الآلة والذكاء الاصطناعي التطبيقي",
                  "جامعة الملك عبد الله للعلوم والتقنية", (20, 140, 90)),
                 (904, "Workshop: Giving Feedback", "Harbor City Library", None)]
        for i, title, issuer, color in extra:
            wallet.import_bytes(example_badge(i, title, issuer, color), f"screenshot-{i}.json")
        win = MainWindow(wallet, DbWorker(synchronous=True), " — demo")
        win.resize(1100, 760)
        win.show()
        win.collection.sort.setCurrentIndex(win.collection.SORTS.index("title"))
        grab(win, "23-cards-images-long-titles")
        win.collection.search.setText("astronomy")
        grab(win, "24-search-no-hits")
        win.collection.clear_search()
        win.collection.sort.setCurrentIndex(win.collection.SORTS.index("expires"))
        win.collection.view_toggle.setChecked(True)
        grab(win, "25-list-expires-column")
        win.collection.view_toggle.setChecked(False)
        win.set_theme("dark")
        grab(win, "26-dark-theme")
        win.set_theme("system")
        shared = wallet.present([s.id for s in wallet.credentials() if s.title == "Applied Statistics"],
                                audience="https://careers.acme.example", expires_days=14, form="qr")
        assert shared.text
        win.refresh()
        win.nav.setCurrentRow(3)
        grab(win, "27-shared-log-table")
        win.close()
        home = wallet.wallet_dir
        wallet.lock()
        dlg = UnlockDialog(home, DbWorker(synchronous=True))
        dlg.show()
        grab(dlg, "28-unlock-with-recovery")
        rec = dlg.recover()
        rec.code.setText("7K2QH-M4XJD-...")
        grab(rec, "29-recovery-dialog")
        rec.close()
        dlg.close()
        theme.apply("system")
    return shots


if __name__ == "__main__":
    for p in main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "docs" / "screenshots"):
        print(p)
