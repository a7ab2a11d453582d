"""The disclosure log screen: everything the learner has shared, with whom, and how."""

from __future__ import annotations

import html

from .qt import (
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Qt,
    Signal,
)


class LogPage(QWidget):
    """Everything shared, as a table: when, to whom, what, how, until when."""

    share_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        from .collection import EmptyState
        from .qt import QStackedWidget

        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("<h2>" + html.escape(self.tr("Everything you have shared")) + "</h2>"))
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setUniformRowHeights(False)
        self.table.setWordWrap(True)
        self.table.setSortingEnabled(True)
        self.table.setHeaderLabels([self.tr("Date"), self.tr("To whom"), self.tr("What"), self.tr("How"),
                                    self.tr("Expires")])
        self.table.setAccessibleName(self.tr("Disclosure log"))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.empty = EmptyState()
        self.empty.show_state(self.tr("Nothing shared yet"),
                              self.tr("When you share credentials (a QR code, a file or a PDF), each time is listed "
                                      "here: to whom, what they saw, and until when."),
                              self.tr("Share from your collection…"), self.share_requested.emit)
        self.stack.addWidget(self.empty)
        lay.addWidget(self.stack)

    def how(self, form: str) -> str:
        return {"qr": self.tr("QR code"), "file": self.tr("File"), "pdf": self.tr("Portfolio PDF"),
                "openid4vp": self.tr("Online request")}.get(form, form)

    def show_data(self, entries: list[dict]) -> None:
        self.table.setSortingEnabled(False)
        self.table.clear()
        for e in entries:
            what = "\n".join(
                f"{d['title']}: " + (d["disclosed"] if isinstance(d["disclosed"], str) else ", ".join(d["disclosed"]))
                for d in e["disclosed"])
            item = QTreeWidgetItem([e["at"][:16].replace("T", " "), e["audience"], what, self.how(e["form"]),
                                    (e.get("expires") or "")[:16].replace("T", " ") or "–"])
            item.setToolTip(2, what)
            item.setToolTip(1, e["audience"])
            self.table.addTopLevelItem(item)
        for col in (0, 1, 3, 4):
            self.table.resizeColumnToContents(col)
        from .qt import QHeaderView

        header = self.table.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # what was shown gets the room
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.stack.setCurrentWidget(self.table if entries else self.empty)
