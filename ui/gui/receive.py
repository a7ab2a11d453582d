"""Receive from an issuer (OpenID4VCI): paste a link or choose a QR image; see who offers what; give the
transaction code if one is needed; confirm; follow the progress (with Cancel); read what was added.

Nothing is sent to the issuer before "Receive" is pressed: looking the offer up reads only the offer and
the issuer's public metadata.  The network work runs on the wallet's worker thread (ui/gui/worker.py); the
dialog hears progress through a queued signal and asks the work to stop through a flag.
"""

from __future__ import annotations

import base64
import html
from typing import Any

from wallet.service import Wallet

from .qt import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QGuiApplication,
    QHBoxLayout,
    QImage,
    QLabel,
    QLineEdit,
    QObject,
    QPixmap,
    QProgressBar,
    QPushButton,
    Qt,
    QTextBrowser,
    QVBoxLayout,
    Signal,
)
from .worker import DbWorker


class _Relay(QObject):
    step = Signal(int, int, str)


def _logo(uri: str) -> QPixmap | None:
    """A data: logo from the metadata (no fetch is made for an https logo: it would tell the issuer's host
    that the offer is being looked at before the learner has decided anything)."""
    if not uri.startswith("data:image/") or ";base64," not in uri[:80]:
        return None
    try:
        raw = base64.b64decode(uri.split(",", 1)[1], validate=False)
    except ValueError:
        return None
    img = QImage.fromData(raw[:512 * 1024])
    if img.isNull():
        return None
    return QPixmap.fromImage(img).scaled(64, 64, Qt.AspectRatioMode.KeepAspectRatio,
                                         Qt.TransformationMode.SmoothTransformation)


class ReceiveDialog(QDialog):
    received = Signal()

    def __init__(self, wallet: Wallet, worker: DbWorker, parent=None, *, text: str = "",  # noqa: ANN001
                 allow_loopback_http: bool = False, open_browser: Any = None):
        super().__init__(parent)
        self.wallet, self.worker = wallet, worker
        self.open_browser = open_browser
        self.preview: Any = None
        self._cancel = False
        self.setWindowTitle(self.tr("Receive from an issuer"))
        self.resize(620, 520)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Paste the issuer's link (or offer), or choose a picture of its QR code.")))
        row = QHBoxLayout()
        self.link = QLineEdit(text)
        self.link.setPlaceholderText("openid-credential-offer://…")
        self.link.setAccessibleName(self.tr("Issuer's link"))
        row.addWidget(self.link, 1)
        self.paste_button = QPushButton(self.tr("Paste"))
        self.paste_button.clicked.connect(self.paste)
        row.addWidget(self.paste_button)
        self.image_button = QPushButton(self.tr("QR image…"))
        self.image_button.clicked.connect(self.choose_image)
        row.addWidget(self.image_button)
        lay.addLayout(row)
        self.loopback = QCheckBox(self.tr("Allow plain http to this computer (for testing issuers only)"))
        self.loopback.setChecked(allow_loopback_http)
        self.loopback.setVisible(allow_loopback_http)
        lay.addWidget(self.loopback)
        self.look_button = QPushButton(self.tr("Look at the offer"))
        self.look_button.clicked.connect(self.look)
        lay.addWidget(self.look_button)
        head = QHBoxLayout()
        self.logo = QLabel()
        self.logo.setFixedSize(64, 64)
        head.addWidget(self.logo)
        self.issuer = QLabel()
        self.issuer.setWordWrap(True)
        self.issuer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        head.addWidget(self.issuer, 1)
        lay.addLayout(head)
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        lay.addWidget(self.details, 1)
        self.tx_label = QLabel()
        self.tx_label.setWordWrap(True)
        self.tx_code = QLineEdit()
        self.tx_code.setAccessibleName(self.tr("Transaction code"))
        lay.addWidget(self.tx_label)
        lay.addWidget(self.tx_code)
        self.progress = QProgressBar()
        lay.addWidget(self.progress)
        buttons = QHBoxLayout()
        self.pending_button = QPushButton(self.tr("Ask again for deferred credentials"))
        self.pending_button.setToolTip(self.tr("Issuers that said they would issue a credential later are asked again"))
        self.pending_button.clicked.connect(self.poll_pending)
        buttons.addWidget(self.pending_button)
        buttons.addStretch(1)
        self.receive_button = QPushButton(self.tr("Receive"))
        self.receive_button.clicked.connect(self.receive)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.accept)
        for b in (self.receive_button, self.cancel_button, self.close_button):
            buttons.addWidget(b)
        lay.addLayout(buttons)
        self._relay = _Relay(self)
        self._relay.step.connect(self._step)
        self._set_stage("start")

    # -- stages -----------------------------------------------------------------------------------------
    def _set_stage(self, stage: str) -> None:
        self.stage = stage
        busy = stage in ("looking", "receiving")
        needs_tx = bool(self.preview is not None and self.preview.needs_tx_code and stage == "ready")
        self.link.setEnabled(stage in ("start", "ready"))
        self.look_button.setEnabled(stage in ("start", "ready"))
        self.receive_button.setEnabled(stage == "ready")
        self.receive_button.setVisible(stage != "done")
        self.pending_button.setEnabled(not busy)
        self.cancel_button.setVisible(busy)
        self.progress.setVisible(busy)
        self.tx_label.setVisible(needs_tx)
        self.tx_code.setVisible(needs_tx)

    def paste(self) -> None:
        """Text from the clipboard, or the QR code in a picture on it (a screenshot of the issuer's page)."""
        board = QGuiApplication.clipboard()
        image = board.image()
        if not image.isNull() and not board.text().strip():
            from PIL import Image

            from wallet.errors import WalletError

            gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
            pil = Image.frombuffer("L", (gray.width(), gray.height()), bytes(gray.constBits()), "raw", "L",
                                   gray.bytesPerLine(), 1)
            try:
                self.link.setText(self.wallet.qr_text_in_image(pil, self.tr("the pasted picture")))
            except WalletError as exc:
                self.details.setPlainText(str(exc))
            return
        self.link.setText(board.text().strip())

    def choose_image(self) -> None:
        f, _ = QFileDialog.getOpenFileName(self, self.tr("QR code image"), "", self.tr("Images (*.png *.jpg *.jpeg)"))
        if f:
            self.link.setText(f)

    def look(self) -> None:
        source = self.link.text().strip()
        allow = self.loopback.isChecked()
        self.preview = None
        self.details.setPlainText(self.tr("Reading the offer and the issuer's public description…"))
        self.progress.setRange(0, 0)
        self._set_stage("looking")

        def job() -> Any:
            return self.wallet.receive_preview(self.wallet.read_link(source), allow_loopback_http=allow)

        self.worker.run(job, self._shown, self._failed)

    def _shown(self, preview: Any) -> None:
        self.preview = preview
        d = preview.to_json()
        iss = d["issuer"]
        name = iss["name"] or self.tr("(the issuer gives no name)")
        described = self.tr("Issuer description:")
        self.issuer.setText(f"<b>{html.escape(name)}</b><br>{html.escape(iss['id'])}<br>"
                            f"<small>{html.escape(described)} {html.escape(iss['metadata'])}</small>")
        pix = _logo(iss.get("logo") or "")
        self.logo.setPixmap(pix) if pix is not None else self.logo.clear()
        items = []
        unsupported = self.tr("not a format this wallet reads; it will not be asked for")
        for c in d["offered"]:
            note = "" if c["supported"] else " — " + unsupported
            desc = f"<br><small>{html.escape(c['description'])}</small>" if c["description"] else ""
            items.append(f"<li><b>{html.escape(c['name'])}</b> ({html.escape(c['format'])}){html.escape(note)}{desc}</li>")
        offered = self.tr("Offered to you:")
        browser = self.tr("Your browser will open so that you can sign in at the issuer.")
        nothing = self.tr("Nothing has been sent to the issuer yet. Press Receive to ask for these credentials.")
        text = "<p>" + html.escape(offered) + "</p><ul>" + "".join(items) + "</ul>"
        if d["browser"]:
            text += "<p>" + html.escape(browser) + "</p>"
        text += "<p>" + html.escape(nothing) + "</p>"
        self.details.setHtml(text)
        tx = d.get("tx_code")
        if tx:
            shape = self.tr("%1 digits") if tx["input_mode"] == "numeric" else self.tr("%1 characters")
            size = shape.replace("%1", str(tx["length"])) if tx.get("length") else ""
            self.tx_label.setText(self.tr("Transaction code") + (f" ({size})" if size else "") + ": "
                                  + html.escape(tx.get("description") or self.tr("the issuer sent it to you separately")))
            self.tx_code.setMaxLength(tx["length"] or 64)
            self.tx_code.setInputMask("")
        self._set_stage("ready")

    def _failed(self, exc: BaseException) -> None:
        self.progress.setRange(0, 1)
        self.details.setPlainText(str(exc))
        self.cancel_button.setEnabled(True)
        self._set_stage("start" if self.preview is None or self.stage == "looking" else "ready")

    def receive(self) -> None:
        if self.preview is None:
            return
        preview, allow = self.preview, self.loopback.isChecked()
        code = self.tx_code.text().strip() or None
        self._cancel = False
        self.progress.setRange(0, 0)
        self._set_stage("receiving")
        relay = self._relay

        def job() -> Any:
            kw: dict[str, Any] = {"progress": lambda d, t, label: relay.step.emit(d, t, label),
                                  "cancel": lambda: self._cancel}
            if self.open_browser is not None:
                kw["open_browser"] = self.open_browser
            return self.wallet.receive(preview, tx_code=code, allow_loopback_http=allow, **kw)

        self.worker.run(job, self._done, self._failed)

    def poll_pending(self) -> None:
        allow = self.loopback.isChecked()
        prev = self.stage
        self.progress.setRange(0, 0)
        self._set_stage("receiving")

        def done(results: list[Any]) -> None:
            self._set_stage(prev)
            if not results:
                self.details.setPlainText(self.tr("No credentials are waiting at an issuer."))
                return
            self._report([r.to_json() for r in results])
            if any(not c["error"] for r in results for c in r.to_json()["credentials"]):
                self.received.emit()

        self.worker.run(lambda: self.wallet.poll_deferred(allow_loopback_http=allow, force=True), done, self._failed)

    def _step(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if label:
            self.progress.setFormat(label)

    def cancel(self) -> None:
        self._cancel = True
        self.cancel_button.setEnabled(False)

    def _done(self, result: Any) -> None:
        added = self._report([result.to_json()])
        self._set_stage("done")
        if added:
            self.received.emit()

    def _report(self, results: list[dict[str, Any]]) -> int:
        lines = []
        added_word = self.tr("Added")
        later = self.tr("the issuer will issue it later; ask again with \"Ask again for deferred credentials\" "
                        "(or credwallet receive --deferred)")
        added = 0
        for r in results:
            for c in r["credentials"]:
                if c["error"]:
                    lines.append(f"<li>✗ {html.escape(c['error'])}</li>")
                else:
                    added += 1
                    lines.append(f"<li>✓ {html.escape(added_word)} {html.escape(c['input'])} — {html.escape(c['status'])}</li>")
            for p in r["pending"]:
                lines.append(f"<li>… {html.escape(p['configuration'])}: {html.escape(later)}</li>")
            for e in r["errors"]:
                lines.append(f"<li>✗ {html.escape(e)}</li>")
        head = self.tr("Added %1 credential(s).").replace("%1", str(added))
        self.details.setHtml(f"<p><b>{html.escape(head)}</b></p><ul>{''.join(lines)}</ul>")
        return added
