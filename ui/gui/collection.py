"""The collection: badge cards or a list, sorting, filters, instant search, and import by drag and drop."""

from __future__ import annotations

from pathlib import Path

from wallet.service import expiry

FILTER_DAYS, expires_at = expiry.FILTER_DAYS, expiry.expires_at

from .models import CredentialTableModel
from .qt import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QModelIndex,
    QRect,
    QStackedWidget,
    QLabel,
    Qt,
    QTableView,
    QHeaderView,
    QPushButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from .util import status_text

from .collection_cards import CARD, CardDelegate, two_lines
from .collection_filter import SORT_ROLE, CredentialFilter


class EmptyState(QWidget):
    """A sentence and the one button that helps, instead of an empty box."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.addStretch(1)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.label)
        self.button = QPushButton()
        lay.addWidget(self.button, 0, Qt.AlignmentFlag.AlignCenter)
        lay.addStretch(1)
        self._slot = None

    def show_state(self, heading: str, sentence: str, button: str, slot) -> None:  # noqa: ANN001
        import html

        self.label.setText(f"<h2>{html.escape(heading)}</h2><p>{html.escape(sentence)}</p>")
        self.button.setText(button)
        if self._slot is not None:
            self.button.clicked.disconnect(self._slot)
        self._slot = slot
        self.button.clicked.connect(slot)
        self.button.setVisible(bool(button))


class CollectionPage(QWidget):
    search_changed = Signal(str)
    open_credential = Signal(str)
    files_dropped = Signal(list)
    import_requested = Signal()
    paste_requested = Signal()
    qr_requested = Signal()

    FORMATS = ["", "ob2", "ob3", "clr2", "vc", "vc-jwt", "sd-jwt-vc", "blockcerts", "edc", "pdf"]
    STATUSES = ["", "verified", "warning", "invalid", "unverified"]

    SORTS = ("newest", "title", "expires")

    def __init__(self, model: CredentialTableModel, parent: QWidget | None = None, images=None):  # noqa: ANN001
        super().__init__(parent)
        self.total = 0  # credentials in the wallet (the model holds only the search's hits)
        self.setAcceptDrops(True)
        self.model = model
        self.proxy = CredentialFilter(self)
        self.proxy.setSourceModel(model)
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search titles, issuers, skills, tags, notes…"))
        self.search.setAccessibleName(self.tr("Search credentials"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.search_changed)
        bar.addWidget(self.search, 3)
        self.fmt = QComboBox()
        self.fmt.setAccessibleName(self.tr("Filter by format"))
        for f in self.FORMATS:
            self.fmt.addItem(f or self.tr("All formats"), f)
        self.status = QComboBox()
        self.status.setAccessibleName(self.tr("Filter by status"))
        for st in self.STATUSES:
            self.status.addItem(status_text(st) if st else self.tr("Any status"), st)
        self.issuer = QComboBox()
        self.issuer.setAccessibleName(self.tr("Filter by issuer"))
        self.tag = QComboBox()
        self.tag.setAccessibleName(self.tr("Filter by tag"))
        self.skill = QComboBox()
        self.skill.setAccessibleName(self.tr("Filter by skill"))
        self.skill_map: dict[str, set[str]] = {}
        self.expiry = QComboBox()
        self.expiry.setAccessibleName(self.tr("Filter by expiry"))
        self.expiry.addItem(self.tr("Any expiry"), None)
        self.expiry.addItem(self.tr("Expiring within %1 days").replace("%1", str(FILTER_DAYS)), FILTER_DAYS)
        self.set_choices([], [], {})
        filters = QHBoxLayout()
        for combo in (self.fmt, self.status, self.issuer, self.tag, self.skill, self.expiry):
            combo.currentIndexChanged.connect(self._filters)
            filters.addWidget(combo)
        for combo in (self.issuer, self.tag, self.skill):  # a long issuer name must not widen the window
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
        filters.addStretch(1)
        self.sort = QComboBox()
        self.sort.setAccessibleName(self.tr("Sort by"))
        for key, label in zip(self.SORTS, (self.tr("Newest first"), self.tr("Title A–Z"), self.tr("Expires soonest"))):
            self.sort.addItem(label, key)
        self.sort.currentIndexChanged.connect(self._sort)
        filters.addWidget(self.sort)
        self.view_toggle = QPushButton(self.tr("List view"))
        self.view_toggle.setCheckable(True)
        self.view_toggle.toggled.connect(self._toggle_view)
        filters.addWidget(self.view_toggle)
        paste = QPushButton(self.tr("Paste"))
        paste.setToolTip(self.tr("Import a credential from the clipboard (JSON, JWT, SD-JWT)"))
        paste.clicked.connect(self.paste_requested)
        bar.addWidget(paste)
        qr_btn = QPushButton(self.tr("QR image…"))
        qr_btn.setToolTip(self.tr("Import a credential from a QR code image or screenshot"))
        qr_btn.clicked.connect(self.qr_requested)
        bar.addWidget(qr_btn)
        lay.addLayout(bar)
        lay.addLayout(filters)

        self.cards = QListView()
        self.cards.setViewMode(QListView.ViewMode.IconMode)
        self.cards.setResizeMode(QListView.ResizeMode.Adjust)
        self.cards.setMovement(QListView.Movement.Static)
        self.cards.setUniformItemSizes(True)
        self.cards.setSpacing(4)
        self.delegate = CardDelegate(self.cards, images)
        self.cards.setItemDelegate(self.delegate)
        if images is not None:
            images.loaded.connect(lambda _cid: self.cards.viewport().update())
        self.cards.setModel(self.proxy)
        self.cards.setAccessibleName(self.tr("Credential cards"))
        self.cards.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        # newest first, as the wallet lists them, until a column header is clicked: sorting 10,000 rows by
        # a column calls back into Python some 200,000 times (most of a cold start's first paint)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(self.tr("Credential list"))
        for v in (self.cards, self.table):
            v.activated.connect(self._activated)
            v.doubleClicked.connect(self._activated)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.cards)
        self.stack.addWidget(self.table)
        self.empty = EmptyState()
        self.stack.addWidget(self.empty)
        lay.addWidget(self.stack)
        for sig in (self.proxy.modelReset, self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.layoutChanged):
            sig.connect(self.update_empty)
        self.update_empty()

    # -- empty states ------------------------------------------------------------------------------
    def set_total(self, n: int) -> None:
        self.total = n
        self.update_empty()

    def filtering(self) -> bool:
        return bool(self.search.text().strip()) or any(
            c.currentIndex() > 0 for c in (self.fmt, self.status, self.issuer, self.tag, self.skill, self.expiry))

    def update_empty(self) -> None:
        """An empty wallet or a search without hits gets a sentence and the one button that helps."""
        if self.proxy.rowCount() > 0:
            if self.stack.currentWidget() is self.empty:
                self.stack.setCurrentIndex(1 if self.view_toggle.isChecked() else 0)
            return
        if self.total == 0 and not self.filtering():
            self.empty.show_state(self.tr("Your wallet is empty"),
                                  self.tr("Add the badges and certificates you have earned: files, baked badge "
                                          "images, or drop them onto this window."),
                                  self.tr("Add your first credential…"), self.import_requested.emit)
        else:
            text = self.search.text().strip()
            sentence = (self.tr("No credential matches “%1”.").replace("%1", text) if text else
                        self.tr("No credential matches these filters."))
            self.empty.show_state(self.tr("Nothing found"), sentence, self.tr("Clear the search"), self.clear_search)
        self.stack.setCurrentWidget(self.empty)

    def clear_search(self) -> None:
        for combo in (self.fmt, self.status, self.issuer, self.tag, self.skill, self.expiry):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self._filters()
        self.search.clear()  # a new search runs (search_changed)

    def _sort(self) -> None:
        key = self.sort.currentData()
        col, order = {"title": (0, Qt.SortOrder.AscendingOrder), "expires": (5, Qt.SortOrder.AscendingOrder)}.get(
            key, (2, Qt.SortOrder.DescendingOrder))
        self.table.sortByColumn(col, order)  # sorts the shared proxy (cards too) and moves the header's arrow

    def set_choices(self, issuers: list[str], tags: list[str], skills: dict[str, set[str]]) -> None:
        """Refill the issuer, tag and skill filters, keeping the current choice where it still exists."""
        self.skill_map = skills
        for combo, everything, values in ((self.issuer, self.tr("All issuers"), issuers),
                                          (self.tag, self.tr("All tags"), tags),
                                          (self.skill, self.tr("All skills"), sorted(skills, key=str.casefold))):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, "")
            for v in values:
                combo.addItem(v, v)
            idx = combo.findData(current)
            combo.setCurrentIndex(max(0, idx))
            combo.blockSignals(False)
        self._filters()

    def _filters(self) -> None:
        skill = self.skill.currentData() or ""
        self.proxy.set_filters(self.fmt.currentData() or "", self.status.currentData() or "",
                               self.issuer.currentData() or "", self.tag.currentData() or "",
                               self.skill_map.get(skill) if skill else None)
        if hasattr(self, "expiry"):
            self.proxy.set_expiring(self.expiry.currentData())
        if hasattr(self, "empty"):
            self.update_empty()

    def _toggle_view(self, table: bool) -> None:
        self.stack.setCurrentIndex(1 if table else 0)
        self.update_empty()
        self.view_toggle.setText(self.tr("Card view") if table else self.tr("List view"))

    def _activated(self, index: QModelIndex) -> None:
        cid = self.proxy.data(index, Qt.ItemDataRole.UserRole)
        if cid:
            self.open_credential.emit(cid)

    def selected_ids(self) -> list[str]:
        view = self.table if self.view_toggle.isChecked() else self.cards
        rows = {i.row() for i in view.selectionModel().selectedIndexes()}
        return [self.proxy.data(self.proxy.index(r, 0), Qt.ItemDataRole.UserRole) for r in sorted(rows)]

    # drag and drop of files and folders
    def dragEnterEvent(self, event) -> None:  # noqa: ANN001, N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: ANN001, N802
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.files_dropped.emit(paths)
            event.acceptProposedAction()


# the filter proxy lives in collection_filter, the cards in collection_cards; their names stay importable here
__all__ = ["CollectionPage", "CardDelegate", "CredentialFilter", "EmptyState", "QRect", "CARD", "SORT_ROLE",
           "two_lines"]
