"""Share: choose fields, audience and expiry, preview exactly what the employer will see, then show the
QR (large, a sequence if needed), save it as PNG/SVG, save the presentation file, or copy the text."""

from __future__ import annotations

import html
from pathlib import Path

from wallet.model import Credential
from wallet.service import disclosure_options, labels

from .qt import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QImage,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPixmap,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    Qt,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from .util import ForgetfulClipboard, disclosed_html
from .worker import DbWorker

CRED_ROLE = Qt.ItemDataRole.UserRole + 1  # which credential a field belongs to


def _hint(value: object) -> str:
    """A short look at a field's value, so 'alignment › 2' says which skill it is."""
    if isinstance(value, dict):
        value = next((value[k] for k in ("targetName", "name", "value", "identityHash", "narrative", "id")
                      if isinstance(value.get(k), str)), "")
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if isinstance(v, str | int | float))
    if isinstance(value, bool) or not isinstance(value, str | int | float) or value == "":
        return ""
    text = str(value)
    return " — " + (text if len(text) <= 48 else text[:47] + "…")


def qr_png(text: str) -> bytes:
    """The QR image of ``text`` as PNG: safe off the GUI thread (the QR encoding is the slow part)."""
    from ui.render.qr import png_bytes

    return png_bytes(text, box=8)


def qr_pixmap(text: str, size: int = 420, png: bytes | None = None) -> QPixmap:
    img = QImage()
    img.loadFromData(png if png is not None else qr_png(text))
    return QPixmap.fromImage(img).scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                                         Qt.TransformationMode.FastTransformation)


class ShareDialog(QDialog):
    def __init__(self, wallet, worker: DbWorker, creds: list[Credential], clipboard: ForgetfulClipboard,  # noqa: ANN001
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.wallet, self.worker, self.creds, self.clipboard = wallet, worker, creds, clipboard
        self.shared = None
        self.texts: list[str] = []
        self.pngs: list[bytes] = []  # the QR images of self.texts, made on the worker
        self.part = 0
        self.setWindowTitle(self.tr("Share"))
        self.resize(720, 640)
        self.pages = QStackedWidget()
        lay = QVBoxLayout(self)
        lay.addWidget(self.pages)
        self.pages.addWidget(self._choose_page())
        self.pages.addWidget(self._result_page())

    # -- step 1: what, to whom, how long ----------------------------------------------------
    def _choose_page(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.addWidget(QLabel("<h3>" + html.escape(self.tr("What will be shared")) + "</h3>"))
        self.fields = QListWidget()
        self.fields.setAccessibleName(self.tr("Fields to share"))
        sd = [c for c in self.creds if c.format == "sd-jwt-vc"]
        for opt in disclosure_options(self.creds):  # the fields offered and the default ticks: the core's policy
            if not opt.fields:
                item = QListWidgetItem(self.tr("%1 — shared as a whole (every field is visible)").replace(
                    "%1", opt.title))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.fields.addItem(item)
                continue
            head = QListWidgetItem(self.tr("%1 — choose fields:").replace("%1", opt.title))
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: full contrast, bold, not a choice
            bold = head.font()
            bold.setBold(True)
            head.setFont(bold)
            self.fields.addItem(head)
            for _label, path in opt.always_shared_labels:
                item = QListWidgetItem("    " + labels.pointer(path) + "  " + self.tr("(always shown: the issuer requires it)"))
                item.setFlags(Qt.ItemFlag.ItemIsUserCheckable)  # checked, greyed: not the learner's choice
                item.setCheckState(Qt.CheckState.Checked)
                item.setToolTip(path)
                self.fields.addItem(item)
            for f in opt.fields:
                item = QListWidgetItem("    " + labels.pointer(f.pointer) + _hint(f.value))
                item.setData(Qt.ItemDataRole.UserRole, f.pointer)
                item.setData(CRED_ROLE, opt.credential_id)
                item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                item.setCheckState(Qt.CheckState.Checked if f.shown_by_default else Qt.CheckState.Unchecked)
                item.setToolTip(f.pointer if f.shown_by_default else
                                self.tr("Personal detail: not shared unless you tick it") + f"\n{f.pointer}")
                self.fields.addItem(item)
        lay.addWidget(self.fields)
        form = QFormLayout()
        self.audience = QLineEdit()
        self.audience.setPlaceholderText("https://employer.example")
        self.audience.setAccessibleName(self.tr("Audience"))
        form.addRow(self.tr("Who is it for (their web address):"), self.audience)
        self.nonce = QLineEdit()
        self.nonce.setPlaceholderText(self.tr("optional: the code the employer gave you"))
        self.nonce.setAccessibleName(self.tr("Nonce"))
        form.addRow(self.tr("Their request code:"), self.nonce)
        self.days = QSpinBox()
        self.days.setRange(1, 3650)
        self.days.setValue(30)
        self.days.setSuffix(self.tr(" days"))
        self.days.setAccessibleName(self.tr("Valid for"))
        form.addRow(self.tr("Valid for:"), self.days)
        lay.addLayout(form)
        if sd and len(self.creds) > 1:
            lay.addWidget(QLabel(self.tr("An SD-JWT credential is shared on its own; choose it alone.")))
        row = QHBoxLayout()
        row.addStretch(1)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        self.make = QPushButton(self.tr("Create presentation"))
        self.make.setDefault(True)
        self.make.clicked.connect(self._make)
        row.addWidget(cancel)
        row.addWidget(self.make)
        lay.addLayout(row)
        return w

    def chosen_paths(self) -> dict[str, list[str]] | None:
        """The ticked fields of each selectively disclosable credential (None when there is none)."""
        chosen: dict[str, list[str]] = {c.id: [] for c in self.creds if c.normalized.extra.get("disclosable")}
        if not chosen:
            return None
        for i in range(self.fields.count()):
            item = self.fields.item(i)
            path = item.data(Qt.ItemDataRole.UserRole)
            if path and item.checkState() == Qt.CheckState.Checked:
                chosen[item.data(CRED_ROLE)].append(path)
        return chosen

    def _make(self) -> None:
        ids = [c.id for c in self.creds]
        paths = self.chosen_paths()
        aud = self.audience.text().strip() or None
        nonce = self.nonce.text().strip() or None
        days = self.days.value()
        self.make.setEnabled(False)

        def job():  # noqa: ANN202
            shared = self.wallet.present(ids, paths, audience=aud, nonce=nonce, expires_days=days, form="qr")
            preview = self.wallet.verify_presentation(shared.text, audience=shared.audience, nonce=shared.nonce)
            return shared, shared.qr, preview, [qr_png(t) for t in shared.qr]

        self.worker.run(job, self._made, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.make.setEnabled(True)
        QMessageBox.warning(self, self.tr("Cannot share"), str(exc))

    # -- step 2: preview and output -----------------------------------------------------------
    def _result_page(self) -> QWidget:
        w = QWidget()
        lay = QHBoxLayout(w)
        left = QVBoxLayout()
        self.qr = QLabel()
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setMinimumSize(420, 420)
        self.qr.setAccessibleName(self.tr("QR code"))
        left.addWidget(self.qr)
        nav = QHBoxLayout()
        self.prev = QPushButton(self.tr("◀ Previous"))
        self.prev.clicked.connect(lambda: self._show_part(self.part - 1))
        self.part_label = QLabel()
        self.next = QPushButton(self.tr("Next ▶"))
        self.next.clicked.connect(lambda: self._show_part(self.part + 1))
        for x in (self.prev, self.part_label, self.next):
            nav.addWidget(x)
        left.addLayout(nav)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #5f6368")
        left.addWidget(self.hint)
        lay.addLayout(left)
        right = QVBoxLayout()
        right.addWidget(QLabel("<b>" + html.escape(self.tr("What the employer will see")) + "</b>"))
        self.preview = QTextBrowser()
        right.addWidget(self.preview)
        for label, slot in ((self.tr("Present full screen"), self.present_full_screen),
                            (self.tr("Save QR as PNG…"), lambda: self._save_qr("png")),
                            (self.tr("Save QR as SVG…"), lambda: self._save_qr("svg")),
                            (self.tr("Save presentation file…"), self._save_file),
                            (self.tr("Copy text (cleared in 60 s)"), self._copy),
                            (self.tr("Done"), self.accept)):
            b = QPushButton(label)
            b.clicked.connect(slot)
            right.addWidget(b)
        lay.addLayout(right)
        return w

    def _made(self, result) -> None:  # noqa: ANN001
        self.shared, self.texts, preview, self.pngs = result
        hint = self.shared.hint
        self.hint.setText(hint[:1].upper() + hint[1:] + "." if hint else "")
        self.hint.setVisible(bool(hint))
        out = []
        for d in preview.disclosed:
            t_issued_by = self.tr("issued by")
            out.append(f"<h4>{html.escape(d['credential'])}</h4><p>{html.escape(t_issued_by)} "
                       f"{html.escape(d['issuer'])}</p>")
            out.append(disclosed_html(d, self.tr("The whole credential, every field in it.")))
        t_for = self.tr("For")
        t_valid_until = self.tr("valid until")
        out.append(f"<p>{html.escape(t_for)} {html.escape(self.shared.audience)}, "
                   f"{html.escape(t_valid_until)} {html.escape(labels.date(self.shared.expires))}.</p>")
        self.preview.setHtml("".join(out))
        self.pages.setCurrentIndex(1)
        self._show_part(0)

    def _show_part(self, i: int) -> None:
        if not self.texts:
            return
        self.part = max(0, min(i, len(self.texts) - 1))
        png = self.pngs[self.part] if len(self.pngs) == len(self.texts) else None
        self.qr.setPixmap(qr_pixmap(self.texts[self.part], png=png))
        n = len(self.texts)
        self.part_label.setText(self.tr("Code %1 of %2").replace("%1", str(self.part + 1)).replace("%2", str(n)))
        for b in (self.prev, self.next, self.part_label):
            b.setVisible(n > 1)

    def present_full_screen(self) -> None:
        """A large presenter view for a phone to scan from the screen; arrow keys step through a sequence."""
        if not self.texts:
            return
        self.presenter = PresenterView(self.texts, self, self.pngs)
        self.presenter.showFullScreen()

    def _save_qr(self, ext: str) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save QR code"), f"credential-qr.{ext}")
        if path:
            from ui.render.qr import write

            write(self.texts, Path(path))

    def _save_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save presentation"), "presentation.cwvp")
        if path and self.shared is not None:
            self.shared.save(Path(path))

    def _copy(self) -> None:
        if self.texts:
            self.clipboard.copy(self.texts[0] if len(self.texts) == 1 else self.shared.text)


__all__ = ["ShareDialog"]


class PresenterView(QWidget):
    """Full-screen QR on white; Left/Right (or Space) move through a sequence, Esc closes."""

    def __init__(self, texts: list[str], parent: QWidget | None = None, pngs: list[bytes] | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.texts, self.i = texts, 0
        self.pngs = pngs if pngs and len(pngs) == len(texts) else None  # made already: no QR encoding here
        self.setWindowTitle(self.tr("Scan with your phone"))
        self.setStyleSheet("background: white; color: black;")
        lay = QVBoxLayout(self)
        self.code = QLabel()
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setAccessibleName(self.tr("QR code"))
        self.caption = QLabel()
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.code, 1)
        lay.addWidget(self.caption)
        self.show_code(0)

    def show_code(self, i: int) -> None:
        self.i = i % len(self.texts)
        side = max(300, min(self.height() or 800, self.width() or 800) - 80)
        self.code.setPixmap(qr_pixmap(self.texts[self.i], side, self.pngs[self.i] if self.pngs else None))
        n = len(self.texts)
        self.caption.setText(self.tr("Code %1 of %2 — press → for the next, Esc to close").replace(
            "%1", str(self.i + 1)).replace("%2", str(n)) if n > 1 else self.tr("Press Esc to close"))

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802
        self.show_code(self.i)
        super().resizeEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.close()
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_PageDown):
            self.show_code(self.i + 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp):
            self.show_code(self.i - 1)
        else:
            super().keyPressEvent(event)
