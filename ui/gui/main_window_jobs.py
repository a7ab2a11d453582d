"""The main window's jobs on the worker: refreshing every view, opening a credential, and importing
(files, pasted text, QR code images, from an issuer) with the summary that follows."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wallet.service import AUTOLOCK_MINUTES, expiry, messages

from .detail import DetailDialog
from .heap import settle_after_refresh
from .qt import (
    QFileDialog,
    QGuiApplication,
    QMessageBox,
    QProgressDialog,
    Qt,
    QWidget,
    Signal,
)

COMPLETENESS_LIMIT = 200


class MainWindowJobs:
    """Part of :class:`ui.gui.main_window.MainWindow` (a mixin): data in, and imports."""

    # -- data in --------------------------------------------------------------------------------
    def refresh(self, *, expiring: bool = False, then: Callable[[], None] | None = None) -> None:
        """Read everything the views show, on the worker, and show it.  ``expiring``: also the unlock notice
        of what expires soon (from the same rows, not a second pass over the vault); ``then()`` runs after."""
        if self.wallet.locked:
            return
        text = self.collection.search.text().strip() or None

        def job() -> dict[str, Any]:
            w = self.wallet
            stacks = [w.stack_progress(s["name"]) for s in w.stacks()]
            rows = w.credentials(text)
            # element completeness for the newest credentials (each needs its full record)
            completeness = [(s.id, s.title, w.elements(s.id)) for s in rows[:COMPLETENESS_LIMIT]]
            skills = w.skills_of(rows) if text is None else w.skills()  # the rows are the whole collection
            # everything that walks all the rows is done here, off the GUI thread (10,000 rows: ~0.1 s)
            order, ordered = self.model.sorted_rows(rows)
            return {"rows": ordered, "order": order, "skills": skills, "stacks": stacks, "log": w.disclosure_log(),
                    "completeness": completeness, "strongest": [e.strongest for e in skills],
                    "issuers": sorted({s.issuer_name for s in rows if s.issuer_name}, key=str.casefold),
                    "tags": sorted({t for s in rows for t in s.tags}, key=str.casefold),
                    "skill_ids": {e.skill: {ev.id for ev in e.credentials} for e in skills},
                    "online": w.online, "autolock": int(w.setting(AUTOLOCK_MINUTES)), "updates": w.updates_enabled(),
                    "trust": w.trusted_issuers(), "count": w.count(),
                    "expiring": None if not expiring else w.expiring(expiry.NOTICE_DAYS) if text is not None
                    else expiry.expiring(rows, expiry.NOTICE_DAYS, w.clock())}

        self.worker.run(job, (lambda d: (self._show(d), then())) if then else self._show, self._error)

    def _show(self, d: dict[str, Any]) -> None:
        self.collection.total = d["count"]
        self.model.set_rows(d["rows"], d["order"])
        settle_after_refresh()  # the old rows are gone: keep the next full collection short (heap.py)
        self.collection.set_total(d["count"])
        self.collection.set_choices(d["issuers"], d["tags"], d["skill_ids"])
        self.to_page("skills", "show_data", d["skills"], d["stacks"], d["completeness"], d["strongest"])
        self.to_page("log", "show_data", d["log"])
        self.to_page("settings", "show_data", d["online"], d["autolock"], d["trust"], d["updates"])
        self.idle.seconds = d["autolock"] * 60
        n, shown = d["count"], len(d["rows"])
        msg = self.tr("%1 credentials").replace("%1", str(n)) if shown == n else \
            self.tr("%1 of %2 credentials").replace("%1", str(shown)).replace("%2", str(n))
        self.statusBar().showMessage(msg)
        if d["expiring"] is not None:
            self.notice.show_expiring_soon(d["expiring"])

    def open_credential(self, cid: str) -> None:
        def job():  # noqa: ANN202
            return self.wallet.get(cid), self.wallet.elements(cid)

        def show(result) -> None:  # noqa: ANN001
            dlg = DetailDialog(self.wallet, self.worker, result[0], result[1], self)
            dlg.changed.connect(self.refresh)
            dlg.open()

        self.worker.run(job, show, self._error)

    # -- import ---------------------------------------------------------------------------------
    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Add credentials"), "",
                                                self.tr("Credentials (*.json *.jwt *.txt *.png *.svg *.pdf);;All files (*)"))
        if files:
            self.import_paths([Path(f) for f in files])

    def paste(self) -> None:
        text = QGuiApplication.clipboard().text().strip()
        if not text:
            QMessageBox.information(self, self.tr("Paste"), self.tr("The clipboard holds no text."))
            return
        self.worker.run(self._with_hint(lambda: [self.wallet.import_bytes(text.encode("utf-8"), self.tr("pasted text"))]),
                        self._imported, self._error)

    def import_qr_image(self, files: list[str] | None = None) -> None:
        if files is None:
            files, _ = QFileDialog.getOpenFileNames(self, self.tr("QR code image"), "",
                                                    self.tr("Images (*.png *.jpg *.jpeg)"))
        if not files:
            return
        from ui.render.qr import decode_images

        def job():  # noqa: ANN202
            texts = decode_images([Path(f) for f in files])
            return [self.wallet.import_bytes(t.encode("utf-8"), self.tr("QR code in %1").replace("%1", Path(files[0]).name))
                    for t in texts]

        self.worker.run(self._with_hint(job), self._imported, self._error)

    def _progress(self, text: str) -> tuple[QProgressDialog, dict[str, bool], _ProgressRelay]:
        """A window-modal progress dialog for a long job, its Cancel flag, and the relay the worker reports
        its steps through (shown after 300 ms, so a short job never flashes it)."""
        progress = QProgressDialog(text, self.tr("Cancel"), 0, 0, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        state = {"cancel": False}
        progress.canceled.connect(lambda: state.update(cancel=True))
        relay = _ProgressRelay(self)
        relay.step.connect(lambda done, total: (progress.setMaximum(total), progress.setValue(done)))
        return progress, state, relay

    def import_paths(self, paths: list[Path]) -> None:
        progress, state, relay = self._progress(self.tr("Checking and adding credentials…"))

        def job():  # noqa: ANN202
            return self.wallet.import_paths(paths, progress=lambda d, t, _l: relay.step.emit(d, t),
                                            cancel=lambda: state["cancel"])

        def done(results) -> None:  # noqa: ANN001
            progress.close()
            self._imported(results)

        def failed(exc: BaseException) -> None:
            progress.close()
            self._error(exc)
            self.refresh()

        self.worker.run(self._with_hint(job), done, failed)

    def _with_hint(self, job: Callable[[], list[Any]]) -> Callable[[], tuple[list[Any], Path | None]]:
        """The import job, and on the worker too the demo-trust hint for what it added (from the import results:
        whose credentials were stored, and whether the trust list names them)."""
        def with_hint() -> tuple[list[Any], Path | None]:
            results = job()
            try:
                hint = self.wallet.demo_trust_list_needed(results)
            except Exception:  # noqa: BLE001 - a hint, never in the way of the summary
                hint = None
            return results, hint
        return with_hint

    def _imported(self, done: tuple[list[Any], Path | None]) -> None:
        results, demo_trust = done
        self.refresh()
        added = [r for r in results if r.ok]
        other = [r for r in results if not r.ok]
        if not other and len(added) == 1 and demo_trust is None:
            self.statusBar().showMessage(self.tr("Added 1 credential."), 5000)
            return
        lines = [self.tr("Added %1 of %2.").replace("%1", str(len(added))).replace("%2", str(len(results)))]
        if demo_trust is not None:
            lines.append(self.tr("These are demo credentials: to trust their issuers, choose Settings → Import "
                                 "trust list… and open %1.").replace("%1", str(demo_trust)))
        lines += [f"• {messages.translate(r.error)}" for r in other[:30]]
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Import finished"), "\n".join(lines),
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("import-summary")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # window-modal, not a nested event loop: the app (and its worker) keep running

    # -- check again --------------------------------------------------------------------------
    def recheck_all(self, ids: list[str] | None = None) -> None:
        """Check every credential (or ``ids``) again, as ``credwallet verify --all`` does: the checking runs
        in the checking process, the worker only stores each batch; each stored batch updates its rows at
        once (in pieces, never all 10,000 at the end), then the views are refreshed."""
        if self.wallet.locked:
            return
        from wallet.errors import Cancelled
        from wallet.service import rechecked_fields

        progress, state, relay = self._progress(self.tr("Checking your credentials again…"))
        relay.batch.connect(lambda fields: self.model.update_rows(fields, lambda row, f: dataclasses.replace(row, **f)))
        wallet = self.wallet

        def job() -> int:
            refs = ids if ids is not None else [s.id for s in wallet.credentials()]
            last = [0.0]

            def step(done: int, total: int, _cid: str) -> None:  # at most ~10 progress events a second
                now = time.monotonic()
                if done == total or now - last[0] >= 0.1:
                    last[0] = now
                    relay.step.emit(done, total)

            def stored(batch: list[Any]) -> None:  # the rows' new fields, made here: the GUI thread replaces them
                relay.batch.emit({r.id: rechecked_fields(r) for r in batch})

            wallet.reverify_many(refs, progress=step, cancel=lambda: state["cancel"], stored=stored, collect=False)
            return len(refs)

        def done(n: int) -> None:
            progress.close()
            said = self.tr("Checked %1 credentials again.").replace("%1", str(n))
            self.refresh(then=lambda: self.statusBar().showMessage(said, 5000))

        def failed(exc: BaseException) -> None:
            progress.close()
            if not isinstance(exc, Cancelled):
                self._error(exc)
            self.refresh()

        self.worker.run(job, done, failed)

    def receive_from_issuer(self, text: str = "") -> None:
        from .receive import ReceiveDialog

        dlg = ReceiveDialog(self.wallet, self.worker, self, text=text)
        dlg.received.connect(self.refresh)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.show()


class _ProgressRelay(QWidget):
    step = Signal(int, int)
    batch = Signal(object)  # a re-check's stored batch: {id: the fields of its row (wallet.service.rechecked_fields)}
