"""Answer a request…: a verifier's OpenID4VP request (pasted link or QR image) -> a consent screen that says
who is asking (checked identity, or "unverified"), which credential answers each query (a picker when several
fit) and exactly which claims would be revealed, in plain words, with a checkbox for each claim the verifier
can do without -> send (off the GUI thread) -> what the verifier said, with its follow-up address shown and
opened only if the learner clicks Open."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from wallet.service import Wallet, labels
from wallet.errors import WalletError

from .qt import (
    QAction,
    QCheckBox,
    QComboBox,
    QDesktopServices,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    Qt,
    QUrl,
    QVBoxLayout,
    QWidget,
)
from .worker import DbWorker


def add_respond_menu(window: QMainWindow) -> QAction:
    """"Answer a request…" on the window's menu bar (the window has ``wallet`` and ``worker``)."""
    menu = window.menuBar().addMenu(window.tr("&Exchange"))
    act = QAction(window.tr("Answer a request…"), window)
    act.triggered.connect(lambda: open_respond(window))
    menu.addAction(act)
    return act


def open_respond(window: Any, text: str = "") -> RespondDialog:
    """The consent dialog; ``text``: a request handed over by the desktop (a link the learner clicked),
    shown in the first step, read only when the learner presses Continue."""
    dlg = RespondDialog(window.wallet, window.worker, window)
    if text:
        dlg.text.setPlainText(text)
    dlg.open()
    window.respond_dialog = dlg
    return dlg


def claim_words(pointer: str) -> str:
    """A claim in the label catalogue's words ('/given_name' and 'given_name' -> 'Given name')."""
    return labels.pointer(pointer if pointer.startswith("/") else "/" + pointer)


class QueryBox(QGroupBox):
    """One credential query: the credential picker, the claims it would reveal, the optional ones as checkboxes."""

    def __init__(self, off: Any, result: Any, required: bool, on_change: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.off, self.result, self.required = off, result, required
        self.setTitle((self.tr("%1 (asked for)") if required else self.tr("%1 (optional)")).replace("%1", result.query.id))
        lay = QVBoxLayout(self)
        self.answer = QCheckBox(self.tr("Answer this part"))
        self.answer.setChecked(required)
        self.answer.setVisible(not required)
        self.answer.toggled.connect(on_change)
        lay.addWidget(self.answer)
        self.picker = QComboBox()
        self.picker.setAccessibleName(self.tr("Credential for %1").replace("%1", result.query.id))
        for m in result.matches:
            self.picker.addItem(m.candidate.title, m.candidate.id)
        self.picker.setVisible(len(result.matches) > 1)
        lay.addWidget(self.picker)
        self.claims_box = QVBoxLayout()
        lay.addLayout(self.claims_box)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.preview)
        self.checks: dict[str, QCheckBox] = {}
        self.on_change = on_change
        if not result.matches:
            self.answer.setChecked(False)
            self.answer.setEnabled(False)
            self.preview.setText(html.escape(self.tr("No credential in your wallet fits: %1").replace("%1", result.why_none)))
        self.picker.currentIndexChanged.connect(self._rebuild)
        self._rebuild()

    def match(self) -> Any:
        if not self.result.matches:
            return None
        return self.result.matches[max(self.picker.currentIndex(), 0)]

    def _rebuild(self) -> None:
        claim_name, optional_claims = Wallet.vp_claim_name, Wallet.vp_optional_claims

        while self.claims_box.count():
            w = self.claims_box.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.checks = {}
        m = self.match()
        if m is None:
            return
        optional = set(optional_claims(m))
        for c in m.options[0].claims:
            name = claim_name(c)
            box = QCheckBox(claim_words("/" + "/".join("*" if p is None else str(p) for p in c.path)))
            box.setChecked(True)
            box.setEnabled(name in optional)
            box.setToolTip(self.tr("You may leave this out") if name in optional
                           else self.tr("The verifier needs this to accept the answer"))
            box.toggled.connect(self.on_change)
            self.claims_box.addWidget(box)
            self.checks[name] = box

    def declined(self) -> set[str]:
        return {name for name, box in self.checks.items() if not box.isChecked()}


class RespondDialog(QDialog):
    def __init__(self, wallet: Any, worker: DbWorker, parent: QWidget | None = None, *,
                 allow_loopback_http: bool = False):
        super().__init__(parent)
        self.wallet, self.worker = wallet, worker
        self.allow_loopback_http = allow_loopback_http
        self.off: Any = None
        self.answer: Any = None
        self.sent: Any = None
        self.boxes: list[QueryBox] = []
        self.setWindowTitle(self.tr("Answer a request"))
        self.resize(680, 620)
        self.pages = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.addWidget(self.pages)
        self._input_page()
        self._consent_page()
        self._result_page()

    # -- 1. the request ----------------------------------------------------------------------------------
    def _input_page(self) -> None:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addWidget(QLabel(self.tr("Paste the link the verifier gave you (openid4vp://…), or open a picture of "
                                     "its QR code. Nothing is sent until you agree on the next screen.")))
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(self.tr("Request link"))
        lay.addWidget(self.text, 1)
        row = QHBoxLayout()
        self.image_button = QPushButton(self.tr("Open QR image…"))
        self.image_button.clicked.connect(self.choose_image)
        self.go = QPushButton(self.tr("Continue"))
        self.go.setDefault(True)
        self.go.clicked.connect(self.load)
        self.status = QLabel()
        self.status.setWordWrap(True)
        row.addWidget(self.image_button)
        row.addStretch(1)
        row.addWidget(self.go)
        lay.addLayout(row)
        lay.addWidget(self.status)
        self.pages.addWidget(page)

    def choose_image(self, files: list[str] | None = None) -> None:
        if not files:
            files, _ = QFileDialog.getOpenFileNames(self, self.tr("QR code image"), "",
                                                    self.tr("Images (*.png *.jpg *.jpeg)"))
        if not files:
            return
        from ui.render.qr import decode_images

        try:
            self.text.setPlainText(decode_images([Path(files[0])])[0])
        except WalletError as exc:
            self.status.setText(str(exc))
            return
        self.load()

    def load(self) -> None:
        text = self.text.toPlainText().strip()
        if not text:
            self.status.setText(self.tr("Paste a request first."))
            return
        self.go.setEnabled(False)
        self.status.setText(self.tr("Reading the request…"))
        allow = self.allow_loopback_http
        self.worker.run(lambda: self.wallet.vp_offer(text, allow_loopback_http=allow), self._offered, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.go.setEnabled(True)
        self.send_button.setEnabled(True)
        msg = str(exc) if isinstance(exc, WalletError) else self.tr("Something went wrong: %1").replace("%1", str(exc))
        self.status.setText(html.escape(msg))
        self.consent_status.setText(html.escape(msg))

    # -- 2. consent ---------------------------------------------------------------------------------------
    def _consent_page(self) -> None:
        page = QWidget()
        lay = QVBoxLayout(page)
        self.who = QLabel()
        self.who.setWordWrap(True)
        self.who.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.who)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        lay.addWidget(self.scroll, 1)
        self.consent_status = QLabel()
        self.consent_status.setWordWrap(True)
        lay.addWidget(self.consent_status)
        row = QHBoxLayout()
        self.decline_button = QPushButton(self.tr("Decline"))
        self.decline_button.clicked.connect(self.decline)
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.clicked.connect(self.send)
        row.addStretch(1)
        row.addWidget(self.decline_button)
        row.addWidget(self.send_button)
        lay.addLayout(row)
        self.pages.addWidget(page)

    def _offered(self, off: Any) -> None:
        try:
            self._show_offer(off)
        except WalletError as exc:  # e.g. a credential that cannot be shown field by field
            self._failed(exc)

    def _show_offer(self, off: Any) -> None:
        required_query = Wallet.vp_required_query

        self.off = off
        self.go.setEnabled(True)
        v = off.request.verifier
        if v.verified:
            head = self.tr("<b>%1</b> asks for the following.").replace("%1", html.escape(v.name))
        else:
            head = self.tr("<b>Unverified:</b> nothing proves who sent this request. It names itself "
                           "<b>%1</b>.").replace("%1", html.escape(v.client_id))
        self.who.setText(f"{head}<br><small>{html.escape(v.how)}<br>"
                         + html.escape(self.tr("Your answer goes to %1").replace("%1", off.request.response_uri))
                         + "</small>")
        inner = QWidget()
        lay = QVBoxLayout(inner)
        self.boxes = [QueryBox(off, r, required_query(off.request.query, r.query.id), self.refresh_preview)
                      for r in off.results]
        for b in self.boxes:
            lay.addWidget(b)
        lay.addStretch(1)
        self.scroll.setWidget(inner)
        self.pages.setCurrentIndex(1)
        self.refresh_preview()

    def choices(self) -> tuple[dict[str, list[str]], dict[str, set[str]], set[str]]:
        select, declined, skip = {}, {}, set()
        for b in self.boxes:
            qid = b.result.query.id
            if not b.answer.isChecked() or b.match() is None:
                skip.add(qid)
                continue
            select[qid] = [b.match().candidate.id]
            if b.declined():
                declined[qid] = b.declined()
        return select, declined, skip

    def refresh_preview(self, *_: Any) -> None:
        """Work out the answer for the current choices and show, per query, exactly what it reveals."""
        try:
            self.answer = self.wallet.vp_decide(self.off, *self.choices())
        except WalletError as exc:
            self.answer = None
            self.send_button.setEnabled(False)
            self.consent_status.setText(html.escape(str(exc)))
            for b in self.boxes:
                if b.result.matches:
                    b.preview.setText("")
            return
        self.send_button.setEnabled(True)
        self.consent_status.setText("")
        by_query = {c["query"]: c for c in self.answer.claims()}
        for b in self.boxes:
            c = by_query.get(b.result.query.id)
            if c is None:
                if b.result.matches:
                    b.preview.setText(html.escape(self.tr("Not answered: nothing from this credential is sent.")))
                continue
            shown = [claim_words(x) for x in c["claims"]] or [self.tr("(only what the issuer always shows)")]
            lines = [self.tr("Would reveal: %1").replace("%1", ", ".join(shown))]
            if c["always_shown"]:
                lines.append(self.tr("Always shown with it: %1").replace(
                    "%1", ", ".join(claim_words(x) for x in c["always_shown"])))
            b.preview.setText("<br>".join(html.escape(line) for line in lines))

    def send(self) -> None:
        if self.answer is None:
            return
        self.send_button.setEnabled(False)
        self.consent_status.setText(self.tr("Sending…"))
        answer = self.answer
        self.worker.run(lambda: self.wallet.vp_send(answer), self._sent, self._failed)

    def decline(self) -> None:
        off = self.off
        if off is not None:
            self.worker.run(lambda: self.wallet.vp_decline(off), None, lambda _e: None)
        self.reject()

    # -- 3. what the verifier said ----------------------------------------------------------------------------
    def _result_page(self) -> None:
        page = QWidget()
        lay = QVBoxLayout(page)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.result)
        self.redirect = QLabel()
        self.redirect.setWordWrap(True)
        self.redirect.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.redirect)
        row = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.clicked.connect(self.open_redirect)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        row.addStretch(1)
        row.addWidget(self.open_button)
        row.addWidget(close)
        lay.addLayout(row)
        lay.addStretch(1)
        self.pages.addWidget(page)

    def _sent(self, sent: Any) -> None:
        self.sent = sent
        r = sent.to_json()
        who = html.escape(r["verifier"]["name"] if r["verifier"]["verified"] else self.tr("an unverified verifier"))
        if sent.reply.accepted:
            head = self.tr("Sent to %1. The verifier accepted it.").replace("%1", who)
        else:
            head = self.tr("Sent to %1, but the verifier did not accept it: %2").replace("%1", who).replace(
                "%2", html.escape(sent.reply.error or ""))
        lines = [f"<b>{head}</b>"] + [html.escape(f"{c['title']}: {', '.join(claim_words(x) for x in c['claims'])}")
                                      for c in r["claims"]]
        lines += [html.escape(n) for n in sent.notes]
        self.result.setText("<br>".join(lines))
        url = sent.reply.redirect_uri
        self.open_button.setVisible(bool(url))
        self.redirect.setText(self.tr("The verifier asks you to continue at:\n%1").replace("%1", url) if url else "")
        self.pages.setCurrentIndex(2)

    def open_redirect(self) -> None:
        url = self.sent.reply.redirect_uri if self.sent and self.sent.reply else None
        if url and not QDesktopServices.openUrl(QUrl(url)):
            QMessageBox.information(self, self.tr("Open"), self.tr("Could not open %1").replace("%1", url))
