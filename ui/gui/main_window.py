"""The main window: the collection, with search.  Composes widgets; holds no wallet logic."""

from __future__ import annotations

from wallet.model import Summary
from wallet.service import Wallet

from .models import CredentialTableModel
from .qt import QHeaderView, QLineEdit, QMainWindow, QSortFilterProxyModel, QTableView, Qt, QVBoxLayout, QWidget
from .worker import DbWorker


class MainWindow(QMainWindow):
    def __init__(self, wallet: Wallet, worker: DbWorker, title_suffix: str = ""):
        super().__init__()
        self.wallet = wallet
        self.worker = worker
        self.setWindowTitle(self.tr("credwallet") + title_suffix)
        self.resize(960, 600)
        central = QWidget()
        lay = QVBoxLayout(central)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search titles, issuers, skills, tags, notes…"))
        self.search.setAccessibleName(self.tr("Search"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh)
        lay.addWidget(self.search)
        self.model = CredentialTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(self.tr("Credentials"))
        lay.addWidget(self.table)
        self.setCentralWidget(central)
        self.refresh()

    def refresh(self) -> None:
        text = self.search.text().strip() or None
        self.worker.run(lambda: self.wallet.list(text), self._show_rows)

    def _show_rows(self, rows: list[Summary]) -> None:
        self.model.set_rows(rows)
        self.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        n = len(rows)
        self.statusBar().showMessage(self.tr("%n credential(s)", "", n))
