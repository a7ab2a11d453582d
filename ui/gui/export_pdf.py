"""Export portfolio PDF: choose the credentials (selection, a goal, or everything shareable), a name,
a headline and the page size; the PDF is built in the background and previewed page by page before
it is saved."""

from __future__ import annotations

import html
import shutil
import tempfile
from pathlib import Path

from wallet.service import PROFILE_NAME, messages

from .qt import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QImage,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPixmap,
    QPushButton,
    QScrollArea,
    Qt,
    QVBoxLayout,
    QWidget,
)
from .worker import DbWorker


def render_pages(pdf_path: Path, scale: float = 0.9, limit: int = 12) -> list[bytes]:
    """PNG bytes of the first pages (pdfium), for the preview."""
    import io

    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf_path))
    out = []
    for i in range(min(len(doc), limit)):
        buf = io.BytesIO()
        doc[i].render(scale=scale).to_pil().save(buf, "PNG")
        out.append(buf.getvalue())
    doc.close()
    return out


class ExportPdfDialog(QDialog):
    def __init__(self, wallet, worker: DbWorker, selected: list[str], stacks: list[str],  # noqa: ANN001
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.wallet, self.worker, self.selected = wallet, worker, selected
        self.tmpdir = Path(tempfile.mkdtemp(prefix="credwallet-pdf-"))
        self.built: Path | None = None
        self.setWindowTitle(self.tr("Export portfolio PDF"))
        self.resize(760, 760)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.which = QComboBox()
        self.which.setAccessibleName(self.tr("Credentials to include"))
        if selected:
            self.which.addItem(self.tr("The %1 selected credentials").replace("%1", str(len(selected))), ("ids", selected))
        self.which.addItem(self.tr("Every credential that can be checked"), ("all", None))
        for s in stacks:
            self.which.addItem(self.tr("Goal: %1").replace("%1", s), ("stack", s))
        form.addRow(self.tr("Include:"), self.which)
        self.name = QLineEdit(str(wallet.setting(PROFILE_NAME) or ""))  # asked once, kept in the settings
        self.name.setAccessibleName(self.tr("Your name"))
        form.addRow(self.tr("Your name:"), self.name)
        self.headline = QLineEdit()
        self.headline.setAccessibleName(self.tr("Headline"))
        self.headline.setPlaceholderText(self.tr("e.g. Data analyst in training"))
        form.addRow(self.tr("Headline:"), self.headline)
        self.size = QComboBox()
        self.size.addItems(["A4", "Letter"])
        self.size.setAccessibleName(self.tr("Page size"))
        form.addRow(self.tr("Page size:"), self.size)
        lay.addLayout(form)
        self.build_btn = QPushButton(self.tr("Build preview"))
        self.build_btn.clicked.connect(self.build)
        lay.addWidget(self.build_btn)
        self.info = QLabel()
        self.info.setWordWrap(True)
        lay.addWidget(self.info)
        self.pages = QWidget()
        self.pages_lay = QVBoxLayout(self.pages)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.pages)
        lay.addWidget(scroll, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.save_btn = QPushButton(self.tr("Save PDF…"))
        self.save_btn.setEnabled(False)
        self.save_btn.clicked.connect(self.save)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        row.addWidget(self.save_btn)
        row.addWidget(close)
        lay.addLayout(row)
        self.finished.connect(lambda _r: shutil.rmtree(self.tmpdir, ignore_errors=True))

    def _ids(self, kind: str, value: object) -> list[str]:
        if kind == "ids":
            return list(value)
        if kind == "stack":
            return self.wallet.stack_progress(value)["credentials"]
        return [s.id for s in self.wallet.credentials() if s.status in ("verified", "warning")]

    def build(self) -> None:
        from ui.render import pdf

        out = self.tmpdir / "portfolio.pdf"
        name, headline, size = self.name.text().strip(), self.headline.text().strip(), self.size.currentText()
        kind, value = self.which.currentData()  # widgets are read here, on the GUI thread
        self.build_btn.setEnabled(False)
        self.info.setText(self.tr("Building…"))

        def job():  # noqa: ANN202
            if name and name != (self.wallet.setting(PROFILE_NAME) or ""):
                self.wallet.set_setting(PROFILE_NAME, name)  # kept for the next time
            info = pdf.build(self.wallet, out, self._ids(kind, value), name=name, headline=headline, page_size=size)
            return info, [QImage.fromData(png) for png in render_pages(out)]  # decoded here, not on the GUI thread

        self.worker.run(job, self._built, self._failed)

    def _built(self, result) -> None:  # noqa: ANN001
        info, images = result
        self.built = Path(info["out"])
        lines = [self.tr("%1 credentials, %2 QR codes; each presentation is also attached to the PDF.").replace(
            "%1", str(info["credentials"])).replace("%2", str(info["qr_codes"]))]
        lines += [self.tr("Left out: %1 (%2)").replace("%1", s["title"]).replace("%2", messages.translate(s["reason"]))
                  for s in info["skipped"]]
        self.info.setText("<br>".join(html.escape(x) for x in lines))
        while self.pages_lay.count():
            w = self.pages_lay.takeAt(0).widget()
            if w:
                w.deleteLater()
        for img in images:
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(img))
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.pages_lay.addWidget(label)
        self.build_btn.setEnabled(True)
        self.save_btn.setEnabled(True)

    def _failed(self, exc: BaseException) -> None:
        self.build_btn.setEnabled(True)
        self.info.setText("")
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Cannot build the PDF"), str(exc),
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("pdf-error")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # no nested event loop while the worker may still deliver

    def save(self) -> None:
        if self.built is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save portfolio"), "portfolio.pdf", "PDF (*.pdf)")
        if path:
            from wallet.service import write_atomic

            write_atomic(Path(path), self.built.read_bytes(), mode=0o644)
            self.accept()
