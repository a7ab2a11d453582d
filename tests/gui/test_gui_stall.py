"""Issue 19, the two stalls that were left (checked for behaviour, never for time): the window's re-check
runs in the checking process and hands its rows over batch by batch; the window's rows are read after the
window is up; the screens besides the collection are made when first shown, and a refresh leaves screens
nobody looks at alone."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ui.gui.app import make_demo_wallet
from ui.gui.main_window import MainWindow
from ui.gui.models import CredentialTableModel
from ui.gui.qt import QApplication
from ui.gui.worker import DbWorker
from wallet.model import Summary

PW = "demo-passphrase-for-tests"


def _row(win: MainWindow, cid: str) -> Summary:
    return next(win.model.summary(r) for r in range(win.model.rowCount()) if win.model.summary(r).id == cid)


def _status(win: MainWindow, cid: str) -> str:
    return _row(win, cid).status


def test_recheck_all_catches_a_tampered_original_in_the_checking_process(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """Attack: a credential the demo issuer really signed, listed as verified, has its stored bytes changed
    underneath the vault (its achievement made grander); the stored report still says verified.  The
    window's re-check must find it invalid, checking in the checking process (never the GUI process's
    threads), and show it in the row as soon as its batch is stored, before the refresh that follows."""
    import wallet.recheck
    from wallet.verify import engine

    w = window.wallet
    target = next(s for s in w.credentials() if s.status == "verified" and s.format == "ob3")
    doc = json.loads(w.get(target.id).original)
    doc["credentialSubject"]["achievement"]["name"] += " (with distinction)"
    with w.store.transaction() as db:
        db.execute("UPDATE credentials SET original = ? WHERE id = ?", (json.dumps(doc).encode(), target.id))
    assert _status(window, target.id) == "verified"  # what the stale stored report says
    before = {s.id: s.status for s in w.credentials()}

    def in_gui_process(*_a, **_k):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("a credential was checked in the GUI process")

    monkeypatch.setattr(engine, "verify", in_gui_process)
    monkeypatch.setattr(wallet.recheck, "RECHECK_BATCH", 3)  # 10 credentials: 4 batches
    events: list[str] = []
    real_update, real_show = window.model.update_rows, window._show
    monkeypatch.setattr(window.model, "update_rows",
                        lambda changed, make: (events.append(f"batch {len(changed)}"), real_update(changed, make))[1])
    monkeypatch.setattr(window, "_show", lambda d: (events.append("refresh"), real_show(d)))
    seen: list[tuple[str, str, str]] = []
    window.model.dataChanged.connect(lambda *_a: seen.append(
        (_row(window, target.id).status, _row(window, target.id).headline, _row(window, target.id).title)))

    window.recheck_all()

    assert events == ["batch 3", "batch 3", "batch 3", "batch 1", "refresh"], events
    listed = next(s for s in w.credentials() if s.id == target.id)
    # shown by its batch, before the refresh, in the words and with the title the vault now lists
    assert (listed.status, listed.headline, listed.title) in seen and listed.status == "invalid"
    assert _status(window, target.id) == "invalid"
    after = {s.id: s.status for s in w.credentials()}
    assert after[target.id] == "invalid"  # stored
    assert {k: v for k, v in after.items() if k != target.id} == {k: v for k, v in before.items() if k != target.id}
    assert window.statusBar().currentMessage() == "Checked 10 credentials again."


def test_update_rows_replaces_rows_in_place_one_signal_per_run(qapp) -> None:  # noqa: ANN001
    model = CredentialTableModel()
    rows = [Summary(f"id{i}", "ob3", f"T{i}", "U", "2024-01-01", "verified", [], "2026-01-01T00:00:00Z")
            for i in range(8)]
    model.set_rows(rows, None)
    runs: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, *_: runs.append((a.row(), b.row())))
    import dataclasses

    n = model.update_rows({"id1": "invalid", "id2": "warning", "id6": "invalid", "gone": "invalid"},
                          lambda row, status: dataclasses.replace(row, status=status))
    assert n == 3 and runs == [(1, 2), (6, 6)]
    assert [model.summary(r).status for r in range(8)] == ["verified", "invalid", "warning", "verified",
                                                           "verified", "verified", "invalid", "verified"]
    assert [model.summary(r).id for r in range(8)] == [f"id{i}" for i in range(8)]  # in place


def test_the_window_is_up_before_its_rows_are_read(qtbot: QtBot, tmp_path: Path) -> None:
    wallet = make_demo_wallet(tmp_path / "demo", PW)
    worker = DbWorker()
    jobs: list[str] = []
    real_run = worker.run
    worker.run = lambda fn, *a: (jobs.append(getattr(fn, "__qualname__", "?")), real_run(fn, *a))[1]
    try:
        win = MainWindow(wallet, worker)
        qtbot.addWidget(win)
        assert not any("refresh" in j or "expiring" in j for j in jobs), jobs  # nothing read while it is built
        win.show()
        # events pumped here, not by qtbot.waitUntil: its wait does not run timers once an earlier test's
        # run_app has quit the application (test_app's demo command)
        end = time.monotonic() + 60  # a busy machine: slow, not wrong
        while win.model.rowCount() != 10 and time.monotonic() < end:
            QApplication.processEvents()
            time.sleep(0.01)
        assert win.model.rowCount() == 10
        assert sum("refresh" in j for j in jobs) == 1 and not any("check_expiring" in j for j in jobs), jobs
    finally:
        worker.shutdown()
        wallet.lock()


def test_the_unlock_notice_comes_with_the_refresh(window: MainWindow) -> None:
    import datetime as dt

    soon = min(s.expires for s in window.wallet.credentials() if s.expires)
    window.wallet.clock = lambda: dt.datetime.fromisoformat(soon.replace("Z", "+00:00")) - dt.timedelta(days=10)
    window.refresh()
    assert not window.notice.isVisible()  # an ordinary refresh leaves the notice alone
    window.refresh(expiring=True)
    assert window.notice.isVisible() and soon[:10] in window.notice.label.text()
    window.collection.search.setText("zzz-no-such-credential")  # a search on: the notice still counts them all
    window.notice.hide()
    window.refresh(expiring=True)
    assert window.notice.isVisible() and soon[:10] in window.notice.label.text()


def test_screens_are_made_when_first_shown(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    assert all(window.made(a) is None for a in ("skills", "verify", "log", "settings"))  # not at start
    window.nav.setCurrentRow(1)
    skills = window.made("skills")
    assert skills is not None and window.pages.currentWidget() is skills
    assert skills.tree.topLevelItemCount() > 0  # what the first refresh had for it, shown now
    assert window.made("settings") is None
    # a hidden screen is not rebuilt by a refresh; it gets the latest data when shown again
    window.nav.setCurrentRow(0)
    calls: list[int] = []
    real = skills.show_data
    monkeypatch.setattr(skills, "show_data", lambda *a: (calls.append(len(a[0])), real(*a)))
    window.refresh()
    window.refresh()
    assert calls == []
    window.nav.setCurrentRow(1)
    assert len(calls) == 1
    # the nav's order and every screen still work, and a link to a screen makes it
    assert window.pages.indexOf(window.settings) == 4 and window.made("settings") is window.settings


def test_lock_clears_screens_even_when_hidden(window: MainWindow) -> None:
    window.nav.setCurrentRow(1)
    assert window.skills.tree.topLevelItemCount() > 0
    window.nav.setCurrentRow(0)
    window.lock()
    assert window.made("skills").tree.topLevelItemCount() == 0
    assert not window._waiting  # nothing read from the wallet waits for a screen


def test_recheck_cancelled_keeps_what_was_stored_and_says_nothing_went_wrong(
        window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    import wallet.recheck
    from ui.gui.qt import QMessageBox, QProgressDialog

    w = window.wallet
    with w.store.transaction() as db:  # every stored report says "unverified": a re-check makes them verified again
        db.execute("UPDATE reports SET status = 'unverified'")
    window.refresh()
    monkeypatch.setattr(wallet.recheck, "RECHECK_BATCH", 3)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(str(a[2])))
    batches: list[int] = []
    real_update = window.model.update_rows

    def update(changed, make):  # noqa: ANN001, ANN202
        batches.append(len(changed))
        window.findChild(QProgressDialog).canceled.emit()  # the learner presses Cancel after the first batch
        return real_update(changed, make)

    monkeypatch.setattr(window.model, "update_rows", update)
    window.recheck_all()
    assert batches == [3] and warned == []
    statuses = [s.status for s in w.credentials()]
    assert len(statuses) == 10 and sum(s != "unverified" for s in statuses) == 3  # the first batch, stored whole


def test_refreshes_free_the_rows_they_replace_although_the_heap_is_frozen(window: MainWindow) -> None:
    """Each refresh freezes what is alive (ui/gui/heap.py) so that a full collection stays short; the rows a
    later refresh replaces must still be freed (reference counting), or every refresh would leak a wallet's
    worth of rows: the frozen set stays the same size over many refreshes."""
    import gc

    window.refresh()
    old = window.model.summary(0)
    sizes = []
    for _ in range(24):
        window.refresh()
        sizes.append(gc.get_freeze_count())
    assert gc.is_tracked(window.model.summary(0)) and window.model.summary(0) is not old  # rows were replaced
    # kept rows would add ~85 frozen objects a refresh here (10 demo credentials): ~1,700 over 20 refreshes;
    # what is alive otherwise wanders by ~150
    assert max(sizes[4:]) - min(sizes[:4]) < 600, sizes
