"""What keeps the GUI thread free (issue 19), checked for behaviour, never for time: the collection is
sorted by the model (one key per row) with the order the proxy used to give; a refresh's passes over
all rows happen in the worker's job; skill evidence rows appear when a skill is opened; the share
dialog's QR images and the PDF preview's page images are made in the worker's job."""

from __future__ import annotations


import pytest

from ui.gui.collection import CredentialFilter
from ui.gui.main_window import MainWindow
from ui.gui.models import CredentialTableModel
from ui.gui.qt import QSortFilterProxyModel, Qt
from wallet.model import Summary



def summary(i: int, title: str, issuer: str = "", issued: str | None = None, status: str = "verified",
            fmt: str = "ob3") -> Summary:
    return Summary(f"id{i}", fmt, title, issuer, issued, status, [], "2026-01-01T00:00:00Z")


ROWS = [summary(0, "beta", "Zeta U", "2024-05-01", "invalid"), summary(1, "Alpha", "acme", "2021-01-01"),
        summary(2, "", "Mid", None, "warning", "pdf"), summary(3, "alpha", "Acme", "2023-03-03", "unverified"),
        summary(4, "Gamma", "", "2022-02-02", "verified", "vc-jwt")]


def order_by_qt(column: int, order: Qt.SortOrder, rows: list[Summary] = ROWS) -> list[str]:
    """The order Qt's own proxy sort gives (the behaviour before this change): the reference."""
    model = CredentialTableModel()
    model.set_rows(rows)
    proxy = QSortFilterProxyModel()
    proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setSourceModel(model)
    proxy.sort(column, order)
    return [proxy.data(proxy.index(r, 0), Qt.ItemDataRole.UserRole) for r in range(proxy.rowCount())]


def shown_keys(model: CredentialTableModel, ids: list[str], column: int) -> list[str]:
    """What a person sees in the sorted column, row by row (rows that tie may come in either order)."""
    by_id = {s.id: s for s in ROWS}
    probe = CredentialTableModel()
    probe.set_rows([by_id[i] for i in ids])
    return [str(probe.data(probe.index(r, column))).casefold() for r in range(len(ids))]


@pytest.mark.parametrize("column", range(5))
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_model_sort_gives_the_order_the_proxy_gave(qapp, column: int, order: Qt.SortOrder) -> None:  # noqa: ANN001
    model = CredentialTableModel()
    proxy = CredentialFilter()
    proxy.setSourceModel(model)
    model.set_rows(ROWS)
    proxy.sort(column, order)  # what the table's header does

    def ids() -> list[str]:
        return [proxy.data(proxy.index(r, 0), Qt.ItemDataRole.UserRole) for r in range(proxy.rowCount())]

    def same(got: list[str], want: list[str]) -> bool:
        return sorted(got) == sorted(want) and shown_keys(model, got, column) == shown_keys(model, want, column)

    assert same(ids(), order_by_qt(column, order))
    assert shown_keys(model, ids(), column) != shown_keys(model, [s.id for s in ROWS], column)  # it did sort
    # rows set later (a refresh) are sorted the same way, whether here or already on the worker
    model.set_rows(list(reversed(ROWS)))
    assert same(ids(), order_by_qt(column, order))
    applied, rows = model.sorted_rows(list(reversed(ROWS)))
    assert applied == (column, order)
    model.set_rows(rows, applied)
    assert same(ids(), order_by_qt(column, order))
    # the sort changed between the worker's job and its delivery: set_rows sorts again
    other = Qt.SortOrder.AscendingOrder if order == Qt.SortOrder.DescendingOrder else Qt.SortOrder.DescendingOrder
    model.sort(column, other)
    model.set_rows(rows, applied)
    assert same(ids(), order_by_qt(column, other))


def test_sorting_keeps_the_selection_on_the_same_credentials(qapp) -> None:  # noqa: ANN001
    from PySide6.QtCore import QItemSelectionModel

    from ui.gui.qt import QTableView

    model = CredentialTableModel()
    proxy = CredentialFilter()
    proxy.setSourceModel(model)
    model.set_rows(ROWS)
    view = QTableView()
    view.setModel(proxy)
    chosen = {"id1", "id4"}
    for r in range(proxy.rowCount()):
        if proxy.data(proxy.index(r, 0), Qt.ItemDataRole.UserRole) in chosen:
            view.selectionModel().select(proxy.index(r, 0), QItemSelectionModel.SelectionFlag.Select)
    view.setSortingEnabled(True)
    view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    selected = {proxy.data(i, Qt.ItemDataRole.UserRole) for i in view.selectionModel().selectedIndexes()}
    assert selected == chosen


def test_skill_evidence_appears_when_the_skill_is_opened(window: MainWindow) -> None:
    tree = window.skills.tree
    skills = [tree.topLevelItem(i).child(j) for i in range(tree.topLevelItemCount())
              for j in range(tree.topLevelItem(i).childCount())]
    python = next(item for item in skills if item.text(0) == "Use Python")
    assert python.childCount() == 0 and int(python.text(2)) >= 1  # counted, not built yet
    assert python.childIndicatorPolicy() == python.ChildIndicatorPolicy.ShowIndicator
    python.setExpanded(True)
    evidence = [python.child(k) for k in range(python.childCount())]
    assert len(evidence) == int(python.text(2))
    assert "Data Analysis with Python" in [e.text(0) for e in evidence]
    cid = evidence[0].data(0, 256)
    opened: list[str] = []
    window.skills.open_credential.connect(opened.append)
    window.skills._activated(evidence[0])
    assert opened == [cid] and window.wallet.get(cid)
    python.setExpanded(False)
    python.setExpanded(True)  # opened again: not added twice
    assert python.childCount() == len(evidence)


def test_refresh_walks_the_rows_in_the_worker_job(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """The job (the worker thread in the app) hands over rows already sorted, the filter choices and
    the skills' strongest evidence; the GUI side only shows them."""
    window.collection.view_toggle.setChecked(True)
    window.collection.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    got: dict = {}
    show = window._show
    monkeypatch.setattr(window, "_show", lambda d: (got.update(d), show(d)))
    window.refresh()
    titles = [s.title.casefold() for s in got["rows"]]
    assert titles == sorted(titles) and got["order"] == (0, Qt.SortOrder.AscendingOrder)
    assert got["issuers"] and got["skill_ids"] and len(got["strongest"]) == len(got["skills"])
    shown = [window.model.summary(r).title.casefold() for r in range(window.model.rowCount())]
    assert shown == titles
    issuers = [window.collection.issuer.itemText(i) for i in range(1, window.collection.issuer.count())]
    assert issuers == got["issuers"]


def test_share_and_pdf_images_are_made_in_the_job(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """The QR images and the PDF page images come out of the worker's job; what runs on the GUI thread
    afterwards (showing a code, stepping through them, the full-screen view) encodes no QR again."""
    import json

    from ui.gui import share
    from ui.gui.export_pdf import ExportPdfDialog
    from ui.gui.qt import QImage
    from ui.render import qr as qrrender

    encoded: list[str] = []
    real_png = qrrender.png_bytes
    monkeypatch.setattr(qrrender, "png_bytes", lambda text, *a, **k: (encoded.append(text), real_png(text, *a, **k))[1])
    w = window.wallet
    bbs = next(s.id for s in w.credentials() if s.format == "ob3" and
               json.loads(w.get(s.id).original).get("proof", {}).get("cryptosuite") == "bbs-2023")
    dlg = share.ShareDialog(w, window.worker, [w.get(bbs)], window.clipboard, window)
    made: list = []
    real_made = dlg._made
    monkeypatch.setattr(dlg, "_made", lambda result: (made.append(result), real_made(result)))
    dlg._make()
    assert dlg.pages.currentIndex() == 1 and dlg.texts
    assert len(made[0]) == 4 and made[0][3] == dlg.pngs and len(dlg.pngs) == len(dlg.texts)  # from the job
    assert encoded == dlg.texts  # each code encoded once, in the job
    for i in range(len(dlg.texts)):
        dlg._show_part(i)
        assert not dlg.qr.pixmap().isNull()
    dlg.present_full_screen()
    dlg.presenter.show_code(1)
    dlg.presenter.close()
    assert encoded == dlg.texts  # showing them encoded nothing more
    dlg.reject()

    pdf = ExportPdfDialog(w, window.worker, [s.id for s in w.credentials()[:3]], [], window)
    built: list = []
    real_built = pdf._built
    monkeypatch.setattr(pdf, "_built", lambda result: (built.append(result), real_built(result)))
    pdf.build()
    images = built[0][1]
    assert images and all(isinstance(i, QImage) and not i.isNull() for i in images)  # decoded in the job
    assert pdf.save_btn.isEnabled() and pdf.pages_lay.count() == len(images)
    pdf.reject()
