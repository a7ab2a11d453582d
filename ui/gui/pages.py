"""The other screens: skills portfolio, verify (employer mode), disclosure log, settings."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from wallet.service import AUTOLOCK_MINUTES

from .qt import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Qt,
    Signal,
)
from .util import disclosed_html, status_text
from .worker import DbWorker

MARKS = {"pass": "✓", "fail": "✗", "skipped": "–"}
EVIDENCE_ROLE = 257  # on a skill row: which list of evidence to show when it is opened


class SkillsPage(QWidget):
    open_credential = Signal(str)
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        from .collection import EmptyState
        from .qt import QStackedWidget

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack)
        content = QWidget()
        self.stack.addWidget(content)
        self.empty = EmptyState()
        self.empty.show_state(self.tr("No skills yet"),
                              self.tr("Skills appear here when your credentials name the skills they show. Add a "
                                      "badge or a certificate and its skills are listed with the evidence behind "
                                      "them."),
                              self.tr("Add credentials…"), self.import_requested.emit)
        self.stack.addWidget(self.empty)
        lay = QVBoxLayout(content)
        lay.addWidget(QLabel("<h2>" + html.escape(self.tr("What you can do")) + "</h2>"))
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Skill / evidence"), self.tr("Strength"), self.tr("Evidence / status")])
        self.tree.setAccessibleName(self.tr("Skills and the credentials behind them"))
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemExpanded.connect(self.fill_evidence)
        self._evidence: list[list[Any]] = []
        lay.addWidget(self.tree, 3)
        lay.addWidget(QLabel("<h3>" + html.escape(self.tr("How completely each credential is described")) + "</h3>"))
        self.completeness = QTreeWidget()
        self.completeness.setHeaderLabels([self.tr("Credential"), self.tr("Micro-credential elements"),
                                           self.tr("Not described")])
        self.completeness.setRootIsDecorated(False)
        self.completeness.setAccessibleName(self.tr("Micro-credential element completeness"))
        self.completeness.itemActivated.connect(self._activated)
        lay.addWidget(self.completeness, 2)
        lay.addWidget(QLabel("<h3>" + html.escape(self.tr("Goals (stacks)")) + "</h3>"))
        self.stacks = QWidget()
        self.stacks_lay = QVBoxLayout(self.stacks)
        lay.addWidget(self.stacks, 1)

    def show_data(self, skills: list, stacks: list[dict], completeness: list[tuple] | None = None,  # noqa: ANN001
                  strongest: list[str] | None = None) -> None:
        """``strongest``: each skill's strongest evidence, when worked out already (off the GUI thread)."""
        self.stack.setCurrentWidget(self.empty if not skills and not stacks and not completeness else
                                    self.stack.widget(0))
        self.completeness.clear()
        for cid, title, el in completeness or []:
            labels = el["labels"]
            item = QTreeWidgetItem(self.completeness, [title, el["completeness"],
                                                       ", ".join(labels[k] for k in el["missing"])])
            item.setData(0, 256, cid)
            item.setToolTip(2, self.tr("This describes the credential, not you: the issuer did not include these."))
        self.completeness.resizeColumnToContents(0)
        self.tree.clear()
        self._evidence = []
        groups: dict[str, QTreeWidgetItem] = {}
        if strongest is None or len(strongest) != len(skills):
            strongest = [e.strongest for e in skills]
        for e, strong in zip(skills, strongest, strict=True):
            fw = e.framework or self.tr("Other skills")
            group = groups.get(fw)
            if group is None:
                group = groups[fw] = QTreeWidgetItem(self.tree, [fw])
                group.setExpanded(True)
            item = QTreeWidgetItem(group, [e.skill, self.tr(strong), str(len(e.credentials))])
            if e.credentials:  # the evidence rows are made when the skill is opened (10,000 rows cost 0.2 s)
                item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
                item.setData(0, EVIDENCE_ROLE, len(self._evidence))
                self._evidence.append(list(e.credentials))
        self.tree.resizeColumnToContents(0)
        while self.stacks_lay.count():
            w = self.stacks_lay.takeAt(0).widget()
            if w:
                w.deleteLater()
        if not stacks:
            self.stacks_lay.addWidget(QLabel(self.tr("No goals yet. Create one with “New goal…” in the toolbar.")))
        for st in stacks:
            box = QGroupBox(st["name"])
            bl = QVBoxLayout(box)
            if st["target_credits"]:
                bar = QProgressBar()
                bar.setRange(0, int(st["target_credits"]))
                bar.setValue(int(min(st["credits_earned"], st["target_credits"])))
                bar.setFormat(self.tr("%1 of %2 credits").replace("%1", f"{st['credits_earned']:g}").replace(
                    "%2", f"{st['target_credits']:g}"))
                bar.setAccessibleName(self.tr("Credits toward %1").replace("%1", st["name"]))
                bl.addWidget(bar)
            if st["required_skills"]:
                bl.addWidget(QLabel(self.tr("Skills covered: %1").replace("%1", ", ".join(st["skills_covered"]) or "–")))
                bl.addWidget(QLabel(self.tr("Still to show: %1").replace("%1", ", ".join(st["skills_missing"]) or "–")))
            self.stacks_lay.addWidget(box)

    def fill_evidence(self, item: QTreeWidgetItem) -> None:
        """The credentials behind a skill, added the first time it is opened."""
        n = item.data(0, EVIDENCE_ROLE)
        if n is None or item.childCount():
            return
        for ev in self._evidence[n]:
            child = QTreeWidgetItem(item, [ev.title, self.tr(ev.strength), status_text(ev.status)])
            child.setData(0, 256, ev.id)

    def _activated(self, item: QTreeWidgetItem) -> None:
        cid = item.data(0, 256)
        if cid:
            self.open_credential.emit(cid)


class VerifyPage(QWidget):
    """Employer mode: a QR image or screenshot, a presentation file, or pasted text -> the verdict."""

    def __init__(self, wallet, worker: DbWorker, parent: QWidget | None = None):  # noqa: ANN001
        super().__init__(parent)
        self.wallet, self.worker = wallet, worker
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("<h2>" + html.escape(self.tr("Check what someone shared with you")) + "</h2>"))
        row = QHBoxLayout()
        open_img = QPushButton(self.tr("Open QR image…"))
        open_img.clicked.connect(self._open_images)
        open_file = QPushButton(self.tr("Open presentation file…"))
        open_file.clicked.connect(self._open_file)
        row.addWidget(open_img)
        row.addWidget(open_file)
        lay.addLayout(row)
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
            out.append(f"<tr><td>{MARKS.get(c.status, '?')}</td><td>{html.escape(c.message)}</td></tr>")
        out.append("</table>")
        self.result.setHtml("".join(out))

    def _error(self, exc: BaseException) -> None:
        t_cannot_read_this = self.tr("Cannot read this")
        self.result.setHtml(f"<h2 style='color:#b3261e'>{html.escape(t_cannot_read_this)}</h2>"
                            f"<p>{html.escape(str(exc))}</p>")


class LogPage(QWidget):
    """Everything shared, as a table: when, to whom, what, how, until when."""

    share_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        from .collection import EmptyState
        from .qt import QStackedWidget

        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("<h2>" + html.escape(self.tr("Everything you have shared")) + "</h2>"))
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setUniformRowHeights(False)
        self.table.setWordWrap(True)
        self.table.setSortingEnabled(True)
        self.table.setHeaderLabels([self.tr("Date"), self.tr("To whom"), self.tr("What"), self.tr("How"),
                                    self.tr("Expires")])
        self.table.setAccessibleName(self.tr("Disclosure log"))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.empty = EmptyState()
        self.empty.show_state(self.tr("Nothing shared yet"),
                              self.tr("When you share credentials (a QR code, a file or a PDF), each time is listed "
                                      "here: to whom, what they saw, and until when."),
                              self.tr("Share from your collection…"), self.share_requested.emit)
        self.stack.addWidget(self.empty)
        lay.addWidget(self.stack)

    def how(self, form: str) -> str:
        return {"qr": self.tr("QR code"), "file": self.tr("File"), "pdf": self.tr("Portfolio PDF"),
                "openid4vp": self.tr("Online request")}.get(form, form)

    def show_data(self, entries: list[dict]) -> None:
        self.table.setSortingEnabled(False)
        self.table.clear()
        for e in entries:
            what = "\n".join(
                f"{d['title']}: " + (d["disclosed"] if isinstance(d["disclosed"], str) else ", ".join(d["disclosed"]))
                for d in e["disclosed"])
            item = QTreeWidgetItem([e["at"][:16].replace("T", " "), e["audience"], what, self.how(e["form"]),
                                    (e.get("expires") or "")[:16].replace("T", " ") or "–"])
            item.setToolTip(2, what)
            item.setToolTip(1, e["audience"])
            self.table.addTopLevelItem(item)
        for col in (0, 1, 3, 4):
            self.table.resizeColumnToContents(col)
        from .qt import QHeaderView

        header = self.table.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # what was shown gets the room
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.stack.setCurrentWidget(self.table if entries else self.empty)


class SettingsPage(QWidget):
    lock_requested = Signal()
    autolock_changed = Signal(int)
    theme_changed = Signal(str)

    def __init__(self, wallet, worker: DbWorker, parent: QWidget | None = None):  # noqa: ANN001
        super().__init__(parent)
        self.wallet, self.worker = wallet, worker
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("<h2>" + html.escape(self.tr("Settings")) + "</h2>"))
        form = QFormLayout()
        self.online = QCheckBox(self.tr("Allow online checks (issuer keys, revocation lists)"))
        self.online.setToolTip(self.tr("Off: nothing ever leaves this computer. On: only https, with limits."))
        self.online.toggled.connect(lambda on: self.worker.run(lambda: self.wallet.set_online(on)))
        form.addRow(self.online)
        self.autolock = QSpinBox()
        self.autolock.setRange(0, 240)
        self.autolock.setSuffix(self.tr(" min (0 = never)"))
        self.autolock.setAccessibleName(self.tr("Lock after idle minutes"))
        self.autolock.valueChanged.connect(self._autolock)
        form.addRow(self.tr("Lock when idle for:"), self.autolock)
        self.remember = QCheckBox(self.tr("Remember the key on this computer (OS keyring)"))
        self.remember.setToolTip(self.tr("A convenience copy in your system keyring; your passphrase always works."))
        self.remember.toggled.connect(self._remember)
        form.addRow(self.remember)
        from . import i18n
        from .qt import QComboBox

        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language"))
        current = i18n.chosen_language()
        for code, name in i18n.available().items():
            self.language.addItem(name, code)
            if code == current:
                self.language.setCurrentIndex(self.language.count() - 1)
        self.language.currentIndexChanged.connect(self._language)
        form.addRow(self.tr("Language (after restart):"), self.language)
        from . import theme

        self.theme = QComboBox()
        self.theme.setAccessibleName(self.tr("Appearance"))
        for mode, label in (("system", self.tr("Follow the system")), ("light", self.tr("Light")),
                            ("dark", self.tr("Dark"))):
            self.theme.addItem(label, mode)
        self.show_theme(theme.current())
        self.theme.currentIndexChanged.connect(lambda _i: self.theme_changed.emit(self.theme.currentData()))
        form.addRow(self.tr("Appearance:"), self.theme)
        lay.addLayout(form)
        box = QGroupBox(self.tr("Trusted issuers"))
        bl = QVBoxLayout(box)
        self.issuers = QListWidget()
        self.issuers.setAccessibleName(self.tr("Trusted issuers"))
        bl.addWidget(self.issuers)
        row = QHBoxLayout()
        imp = QPushButton(self.tr("Import trust list…"))
        imp.clicked.connect(self._import_trust)
        rm = QPushButton(self.tr("Remove selected"))
        rm.clicked.connect(self._remove_issuer)
        row.addWidget(imp)
        row.addWidget(rm)
        bl.addLayout(row)
        lay.addWidget(box)
        row = QHBoxLayout()
        for label, slot in ((self.tr("Change passphrase…"), self._change_passphrase),
                            (self.tr("Back up…"), self._backup), (self.tr("Restore…"), self._restore),
                            (self.tr("Lock now"), self.lock_requested.emit)):
            b = QPushButton(label)
            b.clicked.connect(slot)
            row.addWidget(b)
        lay.addLayout(row)
        lay.addStretch(1)

    def show_data(self, online: bool, minutes: int, trust: list[dict]) -> None:
        for w, v in ((self.online, online), (self.autolock, minutes)):
            w.blockSignals(True)
            w.setChecked(v) if isinstance(w, QCheckBox) else w.setValue(v)
            w.blockSignals(False)
        self.issuers.clear()
        for e in trust:
            self.issuers.addItem(f"{e.get('name') or ''}  —  {e['id']}")
            self.issuers.item(self.issuers.count() - 1).setData(256, e["id"])

    def show_theme(self, mode: str) -> None:
        self.theme.blockSignals(True)
        self.theme.setCurrentIndex(max(0, self.theme.findData(mode)))
        self.theme.blockSignals(False)

    def _remember(self, on: bool) -> None:
        from wallet.service import Keystore

        ks = Keystore()

        def job() -> None:
            if on:
                self.wallet.remember_in_keyring(ks)
            else:
                self.wallet.forget_in_keyring(ks)

        def failed(exc: BaseException) -> None:
            self.remember.blockSignals(True)
            self.remember.setChecked(not on)
            self.remember.blockSignals(False)
            QMessageBox.information(self, self.tr("Keyring"), self.tr("The keyring cannot be used: %1").replace(
                "%1", str(exc)))

        self.worker.run(job, None, failed)

    def _language(self) -> None:
        from . import i18n

        i18n.save_language(self.language.currentData())

    def _autolock(self, minutes: int) -> None:
        self.worker.run(lambda: self.wallet.set_setting(AUTOLOCK_MINUTES, minutes))
        self.autolock_changed.emit(minutes)

    def _import_trust(self) -> None:
        f, _ = QFileDialog.getOpenFileName(self, self.tr("Trust list"), "", "JSON (*.json)")
        if f:
            self.worker.run(lambda: (self.wallet.import_trust_list(Path(f)), self.wallet.trusted_issuers())[1],
                            lambda t: self.show_data(self.online.isChecked(), self.autolock.value(), t), self._error)

    def _remove_issuer(self) -> None:
        item = self.issuers.currentItem()
        if item is None:
            return
        iid = item.data(256)

        def job():  # noqa: ANN202
            self.wallet.untrust_issuer(iid)
            return self.wallet.trusted_issuers()

        self.worker.run(job, lambda t: self.show_data(self.online.isChecked(), self.autolock.value(), t), self._error)

    def _change_passphrase(self) -> None:
        pw, ok = QInputDialog.getText(self, self.tr("New passphrase"), self.tr("New passphrase (8 characters or more):"),
                                      QLineEdit.EchoMode.Password)
        if ok and pw:
            self.worker.run(lambda: self.wallet.change_passphrase(pw),
                            lambda _: QMessageBox.information(self, self.tr("Passphrase"), self.tr("Passphrase changed.")),
                            self._error)

    def _backup(self) -> None:
        f, _ = QFileDialog.getSaveFileName(self, self.tr("Back up wallet"), "wallet.cwbak")
        if f:
            self.worker.run(lambda: self.wallet.backup(Path(f)),
                            lambda n: QMessageBox.information(self, self.tr("Backup"), self.tr("Backup written.")),
                            self._error)

    restored = Signal()

    def _restore(self) -> None:
        f, _ = QFileDialog.getOpenFileName(self, self.tr("Restore from backup"), "",
                                           self.tr("credwallet backups (*.cwbak);;All files (*)"))
        if not f:
            return
        pw, ok = QInputDialog.getText(self, self.tr("Restore"), self.tr("Passphrase of the backed-up wallet:"),
                                      QLineEdit.EchoMode.Password)
        if ok:
            self.worker.run(lambda: self.wallet.merge_backup(Path(f), passphrase=pw), self._restored, self._error)

    def _restored(self, result: Any) -> None:
        """Say what the merge did: added, already here, refused (with why), and what was kept."""
        lines = [self.tr("Restored %1 credentials; each was checked again in this wallet.").replace(
            "%1", str(len(result.added)))]
        if result.already_present:
            lines.append(self.tr("%1 were already in the wallet.").replace("%1", str(len(result.already_present))))
        lines += [self.tr("Not restored: %1").replace("%1", r["error"]) for r in result.refused]
        lines.append(self.tr("This wallet's settings, trusted issuers, fetched keys and holder keys were kept."))
        QMessageBox.information(self, self.tr("Restore"), "\n".join(lines))
        self.restored.emit()

    def _error(self, exc: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Something went wrong"), str(exc))
