"""The other screens: skills portfolio, verify (employer mode), disclosure log, settings."""

from __future__ import annotations

import html
from pathlib import Path

from wallet.service import messages

from .pages_log import LogPage
from .pages_settings import SettingsPage
from .pages_skills import EVIDENCE_ROLE, SkillsPage
from .qt import (
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from .util import button_row, disclosed_html, status_text
from .worker import DbWorker

MARKS = {"pass": "✓", "fail": "✗", "skipped": "–"}


class VerifyPage(QWidget):
    """Employer mode: a QR image or screenshot, a presentation file, or pasted text -> the verdict."""

    def __init__(self, wallet, worker: DbWorker, parent: QWidget | None = None):  # noqa: ANN001
        super().__init__(parent)
        self.wallet, self.worker = wallet, worker
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("<h2>" + html.escape(self.tr("Check what someone shared with you")) + "</h2>"))
        lay.addLayout(button_row((self.tr("Open QR image…"), self._open_images),
                                 (self.tr("Open presentation file…"), self._open_file)))
        form = QFormLayout()
        self.audience = QLineEdit()
        self.audience.setPlaceholderText(self.tr("optional: your web address, as you gave it to the learner"))
        self.nonce = QLineEdit()
        self.nonce.setPlaceholderText(self.tr("optional: the code you gave the learner"))
        form.addRow(self.tr("Expected audience:"), self.audience)
        form.addRow(self.tr("Expected code:"), self.nonce)
        lay.addLayout(form)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("…or paste the QR text or the presentation here"))
        self.text.setAccessibleName(self.tr("Presentation text"))
        self.text.setMaximumHeight(90)
        lay.addWidget(self.text)
        check = QPushButton(self.tr("Check"))
        check.clicked.connect(lambda: self.check(self.text.toPlainText()))
        lay.addWidget(check)
        self.result = QTextBrowser()
        self.result.setAccessibleName(self.tr("Verdict"))
        lay.addWidget(self.result, 1)

    def _open_images(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("QR code images"), "", self.tr("Images (*.png *.jpg *.jpeg)"))
        if files:
            from ui.render.qr import decode_images

            self.worker.run(lambda: decode_images([Path(f) for f in files]), self.check, self._error)

    def _open_file(self) -> None:
        f, _ = QFileDialog.getOpenFileName(self, self.tr("Presentation file"))
        if f:
            self.check(Path(f).read_text("utf-8", "replace"))

    def check(self, data) -> None:  # noqa: ANN001
        if not data:
            return
        aud = self.audience.text().strip() or None
        nonce = self.nonce.text().strip() or None
        self.worker.run(lambda: self.wallet.verify_presentation(data, audience=aud, nonce=nonce), self.show_result,
                        self._error)

    def show_result(self, res) -> None:  # noqa: ANN001
        color = {"verified": "#1e7d32", "warning": "#b26a00", "invalid": "#b3261e"}.get(res.status, "#5f6368")
        out = [f"<h2 style='color:{color}'>{html.escape(status_text(res.status))}</h2>"]
        for d in res.disclosed:
            t_issued_by = self.tr("issued by")
            out.append(f"<h3>{html.escape(d['credential'])}</h3><p>{html.escape(t_issued_by)} "
                       f"<b>{html.escape(d['issuer'])}</b></p>")
            out.append(disclosed_html(d, self.tr("The whole credential was shared.")))
        out.append("<table>")
        for c in res.checks:
            out.append(f"<tr><td>{MARKS.get(c.status, '?')}</td><td>{html.escape(messages.check_text(c))}</td></tr>")
        out.append("</table>")
        self.result.setHtml("".join(out))

    def _error(self, exc: BaseException) -> None:
        t_cannot_read_this = self.tr("Cannot read this")
        self.result.setHtml(f"<h2 style='color:#b3261e'>{html.escape(t_cannot_read_this)}</h2>"
                            f"<p>{html.escape(messages.error_text(exc))}</p>")


# the skills, log and settings screens live in pages_skills, pages_log and pages_settings; their names stay
# importable from here
__all__ = ["MARKS", "EVIDENCE_ROLE", "SkillsPage", "VerifyPage", "LogPage", "SettingsPage"]
