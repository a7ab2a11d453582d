"""Qt models over wallet summaries."""

from __future__ import annotations

from typing import Any

from wallet.model import Summary

from .qt import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, QObject, Qt

STATUS_TEXT = {"verified": "Verified", "warning": "Warning", "invalid": "Invalid", "unverified": "Not checked"}


class CredentialTableModel(QAbstractTableModel):
    COLUMNS = (QT_TRANSLATE_NOOP("CredentialTableModel", "Title"), QT_TRANSLATE_NOOP("CredentialTableModel", "Issuer"),
               QT_TRANSLATE_NOOP("CredentialTableModel", "Issued"), QT_TRANSLATE_NOOP("CredentialTableModel", "Status"),
               QT_TRANSLATE_NOOP("CredentialTableModel", "Format"), QT_TRANSLATE_NOOP("CredentialTableModel", "Expires"))
    SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # what the columns sort by (dates as ISO text, no expiry last)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[Summary] = []

    def set_rows(self, rows: list[Summary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

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
                return self.tr(STATUS_TEXT.get(s.status, s.status))
            if col == 4:
                return s.format
            if col == 5:
                return (s.expires or "")[:10]
        if role == Qt.ItemDataRole.UserRole:
            return s.id
        if role == Qt.ItemDataRole.UserRole + 1:
            return s
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{s.title}, {s.issuer_name}, {STATUS_TEXT.get(s.status, s.status)}. {s.headline}".rstrip(". ")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return self.tr(self.COLUMNS[section])
        return None
