"""The one place Qt is imported (as Anki's aqt.qt): views import Qt names from here."""

from __future__ import annotations

from PySide6.QtCore import (  # noqa: F401
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QIcon, QKeySequence  # noqa: F401
from PySide6.QtWidgets import (  # noqa: F401
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QStatusBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)
