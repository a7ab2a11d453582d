"""Screenshots of the label catalogue at work (issue 18): the German detail view (its fields and its checks) and share dialog
(offscreen grabs), and a page of the portfolio PDF in English and in German (rendered at 100 dpi, the
resolution its QR codes are sized for).

    QT_QPA_PLATFORM=offscreen python -m ui.gui.screenshots_i18n [OUT_DIR]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from .qt import QApplication


def _pdf_page(pdf_path: Path, page: int, out: Path) -> Path:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf_path))
    doc[min(page, len(doc) - 1)].render(scale=100 / 72).to_pil().save(out)
    doc.close()
    return out


def main(out: Path) -> list[Path]:
    from ui.render import pdf
    from wallet.service import PROFILE_NAME, labels

    from . import i18n
    from .app import make_demo_wallet
    from .detail import DetailDialog
    from .share import ShareDialog
    from .util import ForgetfulClipboard
    from .worker import DbWorker

    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        wallet = make_demo_wallet(Path(tmp) / "w", "demo-screens")
        ids = {s.title: s.id for s in wallet.credentials()}
        wallet.set_setting(PROFILE_NAME, "Amira Haddad")
        for lang, name in (("en", "pdf-page"), ("de", "pdf-page-de")):
            built = Path(tmp) / f"portfolio-{lang}.pdf"
            pdf.build(wallet, built, [ids["Data Analysis with Python"], ids["Applied Statistics"],
                                      ids["Cloud Data Engineering — Professional Certificate"]],
                      audience="https://careers.acme.example", lang=lang)
            shots.append(_pdf_page(built, 2, out / f"{name}.png"))
        try:
            i18n.install(app, "de")
            worker = DbWorker(synchronous=True)
            def detail(title: str, shot: str, tab: int = 0) -> None:
                cid = ids[title]
                dlg = DetailDialog(wallet, worker, wallet.get(cid), wallet.elements(cid))
                dlg.resize(760, 760)
                dlg.details.parentWidget().parentWidget().setCurrentIndex(tab)
                dlg.show()
                app.processEvents()
                shots.append(out / shot)
                dlg.grab().save(str(shots[-1]))
                dlg.close()
                dlg.deleteLater()

            detail("Cloud Data Engineering — Professional Certificate", "13-credential-detail-de.png")
            # the checks of a credential with warnings, each message in German (wallet/messages.py)
            detail("Certificate in Project Management", "15-credential-checks-de.png", tab=1)
            cid = ids["Cloud Data Engineering — Professional Certificate"]

            share = ShareDialog(wallet, worker, [wallet.get(cid)], ForgetfulClipboard())
            share.audience.setText("https://careers.acme.example")
            share.show()
            app.processEvents()
            shots.append(out / "14-share-fields-de.png")
            share.grab().save(str(shots[-1]))
            share.close()
            share.deleteLater()
        finally:
            i18n.install(app, "en")
            labels.use(None)
        wallet.lock()
    return shots


if __name__ == "__main__":
    for p in main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "docs" / "screenshots"):
        print(p)
