"""The collection: badge cards or a list, sorting, filters, instant search, and import by drag and drop."""

from __future__ import annotations

from pathlib import Path

from wallet.model import Summary

from .models import CredentialTableModel
from .qt import (
    QAbstractItemView,
    QColor,
    QComboBox,
    QFont,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QModelIndex,
    QPainter,
    QPainterPath,
    QPen,
    QRect,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QTableView,
    QHeaderView,
    QPushButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from .util import initials, issuer_color, status_color, status_text

CARD = QSize(236, 250)


class CredentialFilter(QSortFilterProxyModel):
    """Format and status filters on top of the wallet's own full-text search."""

    def __init__(self, parent=None):  # noqa: ANN001
        super().__init__(parent)
        self.fmt = ""
        self.status = ""
        self.issuer = ""
        self.tag = ""
        self.skill_ids: set[str] | None = None
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_filters(self, fmt: str, status: str, issuer: str = "", tag: str = "",
                    skill_ids: set[str] | None = None) -> None:
        if (fmt, status, issuer, tag, skill_ids) == (self.fmt, self.status, self.issuer, self.tag, self.skill_ids):
            return  # nothing changed: no pass over every row (a refresh sets the same filters again)

        def apply() -> None:
            self.fmt, self.status, self.issuer, self.tag, self.skill_ids = fmt, status, issuer, tag, skill_ids

        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9
            self.beginFilterChange()
            apply()
            self.endFilterChange()
        else:
            apply()
            self.invalidateFilter()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The table's header sorts the source model (a Python sort by key) and this proxy keeps its
        order: sorting here would call the model's ``data`` twice per comparison."""
        model = self.sourceModel()
        if isinstance(model, CredentialTableModel):
            model.sort(column, order)
        else:
            super().sort(column, order)

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802
        # called once per row on every refresh: with no filter on, answer before touching the row
        if not (self.fmt or self.status or self.issuer or self.tag) and self.skill_ids is None:
            return True
        model = self.sourceModel()
        if not isinstance(model, CredentialTableModel) or row >= model.rowCount():
            return True
        s = model.summary(row)
        return ((not self.fmt or s.format == self.fmt) and (not self.status or s.status == self.status)
                and (not self.issuer or s.issuer_name == self.issuer) and (not self.tag or self.tag in s.tags)
                and (self.skill_ids is None or s.id in self.skill_ids))


class CardDelegate(QStyledItemDelegate):
    """Draws one credential as a card: badge, title, issuer, date and a status pill."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        return CARD

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        s: Summary | None = index.data(Qt.ItemDataRole.UserRole + 1)
        if s is None:
            return
        pal = option.palette
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(option.rect).adjusted(8, 8, -8, -8)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        path = QPainterPath()
        path.addRoundedRect(r, 12, 12)
        p.fillPath(path, pal.highlight() if selected else pal.base())
        p.setPen(QPen(pal.mid().color(), 1))
        p.drawPath(path)
        # badge
        d = 84
        badge = QRectF(r.center().x() - d / 2, r.top() + 16, d, d)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(issuer_color(s.issuer_name or s.title))
        p.drawEllipse(badge)
        f = QFont(option.font)
        f.setPointSizeF(f.pointSizeF() * 1.9)
        f.setBold(True)
        p.setFont(f)
        p.setPen(QColor("white"))
        p.drawText(badge, Qt.AlignmentFlag.AlignCenter, initials(s.title))
        # text
        text_color = pal.highlightedText().color() if selected else pal.text().color()
        f = QFont(option.font)
        f.setBold(True)
        p.setFont(f)
        p.setPen(text_color)
        title_rect = QRectF(r.left() + 12, badge.bottom() + 10, r.width() - 24, 40)
        p.drawText(title_rect, Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap,
                   s.title or self.tr("(untitled)"))
        p.setFont(option.font)
        sub = text_color
        sub.setAlphaF(0.75)
        p.setPen(sub)
        # an issuer name that is only the credential's own claim is never drawn as if it were confirmed
        named = s.issuer_name or ""
        if named and s.issuer_confirmation and s.issuer_confirmation != "trust_list":
            named = self.tr("%1 (not confirmed)").replace("%1", named)
        issuer = p.fontMetrics().elidedText(named, Qt.TextElideMode.ElideRight, int(r.width() - 24))
        p.drawText(QRectF(r.left() + 12, title_rect.bottom() + 2, r.width() - 24, 18),
                   Qt.AlignmentFlag.AlignHCenter, issuer)
        p.drawText(QRectF(r.left() + 12, title_rect.bottom() + 20, r.width() - 24, 18),
                   Qt.AlignmentFlag.AlignHCenter, (s.issued or "")[:10])
        # status pill
        label = status_text(s.status)
        fm = p.fontMetrics()
        w = fm.horizontalAdvance(label) + 20
        pill = QRectF(r.center().x() - w / 2, r.bottom() - 30, w, 22)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(status_color(s.status))
        p.drawRoundedRect(pill, 11, 11)
        p.setPen(QColor("white"))
        p.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)
        p.restore()


class CollectionPage(QWidget):
    search_changed = Signal(str)
    open_credential = Signal(str)
    files_dropped = Signal(list)
    import_requested = Signal()
    paste_requested = Signal()
    qr_requested = Signal()

    FORMATS = ["", "ob2", "ob3", "clr2", "vc", "vc-jwt", "sd-jwt-vc", "blockcerts", "edc", "pdf"]
    STATUSES = ["", "verified", "warning", "invalid", "unverified"]

    def __init__(self, model: CredentialTableModel, parent: QWidget | None = None):
        super().__init__(parent)
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
        self.set_choices([], [], {})
        filters = QHBoxLayout()
        for combo in (self.fmt, self.status, self.issuer, self.tag, self.skill):
            combo.currentIndexChanged.connect(self._filters)
            filters.addWidget(combo)
        filters.addStretch(1)
        self.view_toggle = QPushButton(self.tr("List view"))
        self.view_toggle.setCheckable(True)
        self.view_toggle.toggled.connect(self._toggle_view)
        filters.addWidget(self.view_toggle)
        add = QPushButton(self.tr("Add…"))
        add.setToolTip(self.tr("Import credential files (or drop them onto this window)"))
        add.clicked.connect(self.import_requested)
        bar.addWidget(add)
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
        self.cards.setItemDelegate(CardDelegate(self.cards))
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
        lay.addWidget(self.stack)

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

    def _toggle_view(self, table: bool) -> None:
        self.stack.setCurrentIndex(1 if table else 0)
        self.view_toggle.setText(self.tr("Card view") if table else self.tr("List view"))

    def _activated(self, index: QModelIndex) -> None:
        cid = self.proxy.data(index, Qt.ItemDataRole.UserRole)
        if cid:
            self.open_credential.emit(cid)

    def selected_ids(self) -> list[str]:
        view = self.table if self.stack.currentIndex() == 1 else self.cards
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


__all__ = ["CollectionPage", "CardDelegate", "CredentialFilter", "QRect"]
