"""Credential detail: the badge, every normalized field, skills, evidence, the report check by check,
the raw original, notes and tags, export, check again, delete."""

from __future__ import annotations

import html
from pathlib import Path


from wallet.model import Credential
from wallet.service import issuer_confirmation, labels, messages, readable_original, verdict_headline

from .qt import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPixmap,
    QPlainTextEdit,
    QPushButton,
    Qt,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    Signal,
)
from .util import STATUS_COLORS, status_text
from .worker import DbWorker

MARKS = {"pass": "✓", "fail": "✗", "skipped": "–"}


def _credit_words(c: dict | None) -> str:
    """{"value": 5, "system": "ECTS"} -> '5 credits (ECTS)', in the chosen language."""
    if not c:
        return ""
    try:
        n = float(c["value"])
    except (KeyError, TypeError, ValueError):
        return str(c.get("value", ""))
    system = str(c.get("system") or "")
    return labels.credits(n) + (f" ({system})" if system and system.casefold() != "credits" else "")


def raw_text(c: Credential) -> str:
    """The original, readable: pretty JSON, or a JWT's decoded parts (wallet.service.readable_original)."""
    return readable_original(c)


class DetailDialog(QDialog):
    changed = Signal()

    def __init__(self, wallet, worker: DbWorker, cred: Credential, elements: dict, parent: QWidget | None = None):  # noqa: ANN001
        super().__init__(parent)
        self.wallet, self.worker, self.cred = wallet, worker, cred
        self.setWindowTitle(cred.normalized.title or self.tr("Credential"))
        self.resize(760, 640)
        lay = QVBoxLayout(self)
        head = QHBoxLayout()
        self.image = QLabel()
        self.image.setFixedSize(128, 128)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._show_image()
        head.addWidget(self.image)
        title = QLabel(f"<h2 style='white-space:pre-wrap'>{html.escape(cred.normalized.title or '')}</h2>"
                       f"<p>{html.escape(cred.normalized.issuer_name or cred.normalized.issuer_id)}</p>"
                       f"<p><span style='color:white;background:{STATUS_COLORS.get(cred.report.status)};'>"
                       f"&nbsp;{html.escape(status_text(cred.report.status))}&nbsp;</span>"
                       f" &nbsp;{html.escape(cred.format)}</p>"
                       f"<p>{html.escape(self._headline())}</p>")
        title.setWordWrap(True)
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        head.addWidget(title, 1)
        lay.addLayout(head)
        tabs = QTabWidget()
        self.details = QTextBrowser()
        self.details.setOpenExternalLinks(False)
        self.details.setHtml(self._details_html(elements))
        tabs.addTab(self.details, self.tr("Details"))
        self.checks = QTextBrowser()
        self.checks.setHtml(self._checks_html())
        tabs.addTab(self.checks, self.tr("Verification"))
        raw = QPlainTextEdit(raw_text(cred))
        raw.setReadOnly(True)
        raw.setAccessibleName(self.tr("Original credential"))
        tabs.addTab(raw, self.tr("Original"))
        notes_w = QWidget()
        nl = QVBoxLayout(notes_w)
        self.tags = QLineEdit(", ".join(cred.tags))
        self.tags.setPlaceholderText(self.tr("Tags, separated by commas"))
        self.tags.setAccessibleName(self.tr("Tags"))
        self.notes = QPlainTextEdit(cred.notes)
        self.notes.setPlaceholderText(self.tr("Your notes (only you can see them)"))
        self.notes.setAccessibleName(self.tr("Notes"))
        save = QPushButton(self.tr("Save notes and tags"))
        save.clicked.connect(self._save_notes)
        nl.addWidget(QLabel(self.tr("Tags")))
        nl.addWidget(self.tags)
        nl.addWidget(QLabel(self.tr("Notes")))
        nl.addWidget(self.notes)
        nl.addWidget(save)
        tabs.addTab(notes_w, self.tr("Notes and tags"))
        lay.addWidget(tabs)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        again = buttons.addButton(self.tr("Check again"), QDialogButtonBox.ButtonRole.ActionRole)
        again.clicked.connect(self._check_again)
        export = buttons.addButton(self.tr("Export original…"), QDialogButtonBox.ButtonRole.ActionRole)
        export.clicked.connect(self._export)
        delete = buttons.addButton(self.tr("Delete…"), QDialogButtonBox.ButtonRole.DestructiveRole)
        delete.clicked.connect(self._delete)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def _headline(self) -> str:
        """The verdict line in the chosen language (wallet.labels.headline)."""
        c, n = self.cred, self.cred.normalized
        return labels.headline(verdict_headline(c.report, n), c.report.status, issuer_confirmation(c.report),
                               n.issuer_name or n.issuer_id)

    def _show_image(self) -> None:
        """The credential's own image (what the proof covers, or the baked file), else its initials."""
        from .images import BadgeImages

        images = getattr(self.parent(), "images", None)
        if not isinstance(images, BadgeImages):
            images = self._own_images = BadgeImages(self.worker, lambda: self.wallet, self,
                                                    synchronous=getattr(self.worker, "_sync", False))
        self._images = images
        images.loaded.connect(self._image_loaded)
        self._image_loaded(self.cred.id)

    def _image_loaded(self, cid: str) -> None:
        if cid != self.cred.id:
            return
        from .images import MISSING

        img = self._images.get(cid)
        if img is None:  # loading: the initials until it comes
            img = MISSING
        if img is MISSING:
            from .util import initials_image

            n = self.cred.normalized
            self.image.setPixmap(QPixmap.fromImage(initials_image(n.title, n.issuer_name, 112)))
            self.image.setAccessibleName(self.tr("Initials (the credential has no image to show)"))
            return
        self.image.setText("")
        self.image.setPixmap(QPixmap.fromImage(img).scaled(128, 128, Qt.AspectRatioMode.KeepAspectRatio,
                                                           Qt.TransformationMode.SmoothTransformation))
        self.image.setAccessibleName(self.tr("Badge image"))

    def _details_html(self, elements: dict) -> str:
        n = self.cred.normalized
        L = labels.text  # noqa: N806 - the catalogue's words, in the language chosen (wallet/labels.py)
        results = "; ".join(str(r.get("value") or r.get("achievedLevel") or r.get("status") or "")
                            for r in n.extra.get("results") or [] if isinstance(r, dict)).strip("; ")
        rows = [
            (L("label.issued_to"), n.subject_name or n.subject_id), (L("label.issued_by"), n.issuer_name),
            (self.tr("Issuer id"), n.issuer_id), (L("label.issued"), labels.date(n.issued)),
            (L("label.expires"), labels.date(n.expires)), (L("label.description"), n.description),
            (L("label.criteria"), n.criteria),
            (L("label.credits"), _credit_words(n.credits)),
            (L("label.level"), f"{n.level.get('framework', '')} {n.level['value']}" if n.level else ""),
            (L("label.results"), results),
            (L("label.sharing"), self.tr("you choose which of its %1 fields to show").replace(
                "%1", str(len(n.extra["disclosable"]))) if n.extra.get("disclosable") else ""),
            (L("label.file"), self.cred.file_name or ""), (L("label.imported"), labels.date(self.cred.imported_at)),
        ]
        out = ["<table cellpadding='3'>"]
        for k, v in rows:
            if v:
                out.append(f"<tr><td valign='top'><b>{html.escape(k)}</b></td><td>{html.escape(str(v))}</td></tr>")
        out.append("</table>")
        skills = [html.escape(sk.name) + (f" <i>({html.escape(sk.framework)})</i>" if sk.framework else "")
                  for sk in n.skills]
        evidence = [html.escape(ev.get("name") or ev.get("url") or "") for ev in n.evidence]
        nested = [f"{html.escape(i['title'])} — {html.escape(i['issuer'])}" for i in n.extra.get("nested") or []]
        for title, items in ((labels.text("label.skills"), skills), (self.tr("Evidence"), evidence),
                             (self.tr("Credentials in this record"), nested)):
            if items:
                out.append(f"<h3>{html.escape(title)}</h3><ul>" + "".join(f"<li>{x}</li>" for x in items) + "</ul>")
        n_present, n_missing = len(elements.get("present", [])), len(elements.get("missing", []))
        heading = labels.text("element.heading", completeness=labels.text(
            "element.completeness", n=n_present, total=n_present + n_missing))
        out.append(f"<h3>{html.escape(heading)}</h3>")
        out.append("<p>" + html.escape(self.tr("How completely the issuer described this credential:")) + "</p><ul>")
        for k in elements.get("present", []):
            out.append(f"<li>✓ {html.escape(labels.element(k))}</li>")
        for k in elements.get("missing", []):
            out.append(f"<li style='color:gray'>– {html.escape(labels.element(k))}</li>")
        out.append("</ul>")
        return "".join(out)

    def _checks_html(self) -> str:
        rep = self.cred.report
        t_checked = self.tr("checked")
        out = [f"<p><b>{html.escape(status_text(rep.status))}</b> — "
               f"{html.escape(t_checked)} {html.escape(rep.checked_at[:16].replace('T', ' '))}</p>"
               f"<p>{html.escape(self._headline())}</p><table>"]
        for c in rep.checks:
            color = {"pass": "#1e7d32", "fail": "#b3261e"}.get(c.status, "#5f6368")
            out.append(f"<tr><td style='color:{color}'>{MARKS.get(c.status, '?')}</td>"
                       f"<td>{html.escape(messages.check_text(c))}</td></tr>")
        out.append("</table>")
        for f in rep.fetches:
            t_fetched = self.tr("fetched")
            out.append(f"<p>{html.escape(t_fetched)} {html.escape(f.get('url', ''))}: {html.escape(str(f.get('outcome')))}</p>")
        return "".join(out)

    def _save_notes(self) -> None:
        tags = [t.strip() for t in self.tags.text().split(",") if t.strip()]
        notes = self.notes.toPlainText()
        cid, old = self.cred.id, set(self.cred.tags)

        def job() -> None:
            for t in old - set(tags):
                self.wallet.untag(cid, t)
            for t in set(tags) - old:
                self.wallet.tag(cid, t)
            self.wallet.note(cid, notes)

        self.worker.run(job, lambda _: self.changed.emit(), self._error)

    def _check_again(self) -> None:
        self.worker.run(lambda: self.wallet.reverify(self.cred.id), self._rechecked, self._error)

    def _rechecked(self, cred: Credential) -> None:
        self.cred = cred
        self.checks.setHtml(self._checks_html())
        self.changed.emit()

    def _export(self) -> None:
        name = self.cred.file_name or f"{self.cred.id}.{'json' if self.cred.original[:1] == b'{' else 'bin'}"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export original"), name)
        if path:
            self.worker.run(lambda: self.wallet.export_original(self.cred.id, Path(path)), None, self._error)

    def _delete(self) -> None:
        answer = QMessageBox.question(
            self, self.tr("Delete credential"),
            self.tr("Delete “%1” and everything about it from this wallet? This cannot be undone.").replace(
                "%1", self.cred.normalized.title))
        if answer == QMessageBox.StandardButton.Yes:
            self.worker.run(lambda: self.wallet.delete(self.cred.id), lambda _: (self.changed.emit(), self.accept()),
                            self._error)

    def _error(self, exc: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Something went wrong"), messages.error_text(exc))
