"""Print the portfolio: the PDF (ui.render.pdf) is built on the worker, then each page is rendered and
painted onto a QPrinter the system print dialog set up.  The dialog is injectable (tests)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from .qt import QApplication, QDialog, QImage, QMessageBox, QPainter, QPrintDialog, QPrinter, QRect, Qt, QWidget


def default_dialog(printer: QPrinter, parent: QWidget) -> QDialog:
    return QPrintDialog(printer, parent)


def page_images(pdf_path: Path, dpi: int) -> list[bytes]:
    """Each page rendered at ``dpi``, PNG-compressed (a 300 dpi A4 page is 35 MB as raw pixels: only one at a
    time is decoded, while it is painted)."""
    import io

    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf_path))
    out = []
    try:
        for i in range(len(doc)):
            buf = io.BytesIO()
            doc[i].render(scale=dpi / 72).to_pil().save(buf, "PNG", compress_level=1)
            out.append(buf.getvalue())
    finally:
        doc.close()
    return out


def paint_pages(printer: QPrinter, pages: list[bytes]) -> int:
    """Each page (PNG bytes) fitted to the printer's page, aspect kept; returns the pages painted."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be started")
    try:
        for n, png in enumerate(pages):
            img = QImage()
            if not img.loadFromData(png, "PNG"):
                raise OSError(f"page {n + 1} could not be rendered")
            if n:
                printer.newPage()
            area = painter.viewport()
            size = img.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(QRect(area.x(), area.y(), size.width(), size.height()))
            painter.setWindow(img.rect())
            painter.drawImage(0, 0, img)
            painter.setViewport(area)
            painter.setWindow(QRect(0, 0, area.width(), area.height()))
    finally:
        painter.end()
    return len(pages)


def print_portfolio(window, ids: list[str], dialog_factory=None) -> None:  # noqa: ANN001
    """Build the portfolio PDF for ``ids`` (none: every credential that can be checked) and print it."""
    from ui.render import pdf

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dlg = (dialog_factory or default_dialog)(printer, window)
    if dlg.exec() != QDialog.DialogCode.Accepted:
        return
    tmp = Path(tempfile.mkdtemp(prefix="credwallet-print-"))
    wallet = window.wallet
    dpi = min(300, max(96, printer.resolution()))

    def job():  # noqa: ANN202
        chosen = ids or [s.id for s in wallet.credentials() if s.status in ("verified", "warning")]
        pdf.build(wallet, tmp / "portfolio.pdf", chosen)
        return page_images(tmp / "portfolio.pdf", dpi)

    def done(pages: list[bytes]) -> None:
        shutil.rmtree(tmp, ignore_errors=True)
        try:
            n = paint_pages(printer, pages)
        except OSError as exc:
            QMessageBox.warning(window, QApplication.translate("printing", "Cannot print"), str(exc))
            return
        sent = QApplication.translate("printing", "Sent %1 pages to the printer.")
        window.statusBar().showMessage(sent.replace("%1", str(n)), 5000)
        window.printed = n

    def failed(exc: BaseException) -> None:
        shutil.rmtree(tmp, ignore_errors=True)
        QMessageBox.warning(window, QApplication.translate("printing", "Cannot print"), str(exc))

    window.statusBar().showMessage(QApplication.translate("printing", "Preparing the portfolio for printing…"))
    window.worker.run(job, done, failed)
