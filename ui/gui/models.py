"""Qt models over wallet summaries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wallet.service import labels
from wallet.model import Summary

from .qt import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, QObject, Qt

STATUS_TEXT = {k: labels.status(k, "en") for k in ("verified", "warning", "invalid", "unverified")}  # English; shown: labels.status


class CredentialTableModel(QAbstractTableModel):
    COLUMNS = (QT_TRANSLATE_NOOP("CredentialTableModel", "Title"), QT_TRANSLATE_NOOP("CredentialTableModel", "Issuer"),
               QT_TRANSLATE_NOOP("CredentialTableModel", "Issued"), QT_TRANSLATE_NOOP("CredentialTableModel", "Status"),
               QT_TRANSLATE_NOOP("CredentialTableModel", "Format"), QT_TRANSLATE_NOOP("CredentialTableModel", "Expires"))
    SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # what the columns sort by (dates as ISO text, no expiry last)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[Summary] = []
        self._order: tuple[int, Qt.SortOrder] | None = None  # the view's sort, applied here (see sort)
        self._where: dict[str, int] | None = None  # id -> row, made when rows are updated in place

    def set_rows(self, rows: list[Summary], order: tuple[int, Qt.SortOrder] | None | bool = False) -> None:
        """Show ``rows``; ``order``: the sort they already have (``sorted_rows``, on the worker), or
        False to sort them here."""
        rows = list(rows)
        if order is False or order != self._order:
            rows = self._sorted(rows)
        self.beginResetModel()
        self._rows = rows
        self._where = None
        self.endResetModel()

    def update_rows(self, changed: dict[str, Any], make: Callable[[Summary, Any], Summary]) -> int:
        """Replace the rows whose ids are in ``changed`` by ``make(row, changed[id])``, in place (a re-check's
        batch: the rows keep their places and selections; the next refresh sorts them).  One dataChanged
        per run of neighbouring rows, so the filter looks again at those rows only.  Returns how many."""
        if self._where is None:
            self._where = {s.id: i for i, s in enumerate(self._rows)}
        where = sorted(i for i in (self._where.get(cid) for cid in changed) if i is not None)
        for i in where:
            self._rows[i] = make(self._rows[i], changed[self._rows[i].id])
        last = len(self.COLUMNS) - 1
        start = 0
        for k in range(1, len(where) + 1):
            if k == len(where) or where[k] != where[k - 1] + 1:
                self.dataChanged.emit(self.index(where[start], 0), self.index(where[k - 1], last))
                start = k
        return len(where)

    def sorted_rows(self, rows: list[Summary]) -> tuple[tuple[int, Qt.SortOrder] | None, list[Summary]]:
        """(the sort applied, the rows in it): safe to call off the GUI thread; ``set_rows`` re-sorts
        if the view's sort changed in between."""
        order = self._order
        return order, self._sorted(list(rows), order)

    def _key(self, column: int) -> Any:
        if column == 2:
            return lambda s: (s.issued or "")[:10]
        if column == 3:
            return lambda s: self.tr(STATUS_TEXT.get(s.status, s.status)).casefold()
        if column == 4:
            return lambda s: s.format.casefold()
        if column == 1:
            return lambda s: (s.issuer_name or "").casefold()
        if column == 5:  # Expires: soonest first, no expiry after every date
            return lambda s: s.expires or "\uffff"
        untitled = self.tr("(untitled)").casefold()
        return lambda s: (s.title or "").casefold() or untitled

    def _sorted(self, rows: list[Summary], by: Any = False) -> list[Summary]:
        by = self._order if by is False else by
        if by is None:
            return rows
        column, order = by
        return sorted(rows, key=self._key(column), reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in Python, by a key computed once per row (case-insensitive, stable, as the proxy's own
        sort was): a proxy sorting 10,000 rows calls ``data`` some 200,000 times on the GUI thread."""
        if not 0 <= column < len(self.COLUMNS):
            self._order = None
            return
        self._order = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = {id(s): i for i, s in enumerate(self._rows)}
        self._rows = self._sorted(self._rows)
        self._where = None
        moved = [old[id(s)] for s in self._rows]
        persistent = self.persistentIndexList()
        if persistent:
            where = {o: n for n, o in enumerate(moved)}
            self.changePersistentIndexList(persistent, [self.index(where[i.row()], i.column()) for i in persistent])
        self.layoutChanged.emit()

    def summary(self, row: int) -> Summary:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        s = self._rows[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (0, 1):
            # the whole title and issuer: a card or a narrow column may show them shortened
            return "\n".join(x for x in (s.title or self.tr("(untitled)"), s.issuer_name, s.headline) if x)
        if role == self.SORT_ROLE:
            col = index.column()
            if col == 5:
                return s.expires or "\uffff"  # no expiry sorts after every date
            if col in (2, 3, 4):
                return (s.issued or "", s.status, s.format)[col - 2]
            return (s.title if col == 0 else s.issuer_name or "").casefold()
        if role == Qt.ItemDataRole.ToolTipRole and s.headline:
            return s.headline  # the verdict, in the words the detail view, the CLI and the PDF use
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            col = index.column()
            if col == 0:
                return s.title or self.tr("(untitled)")
            if col == 1:
                return s.issuer_name
            if col == 2:
                return (s.issued or "")[:10]
            if col == 3:
                return labels.status(s.status)
            if col == 4:
                return s.format
            if col == 5:
                return (s.expires or "")[:10]
        if role == Qt.ItemDataRole.UserRole:
            return s.id
        if role == Qt.ItemDataRole.UserRole + 1:
            return s
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{s.title}, {s.issuer_name}, {labels.status(s.status)}. {s.headline}".rstrip(". ")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return self.tr(self.COLUMNS[section])
        return None
