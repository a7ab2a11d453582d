"""A notice bar above the screens: something the learner should know now, one button to act on it."""

from __future__ import annotations

from .qt import QFrame, QHBoxLayout, QLabel, QPushButton, Qt, Signal, QWidget


class NoticeBar(QFrame):
    show_expiring = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("notice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#notice { background: palette(alternate-base); border: 1px solid #b26a00;"
                           " border-radius: 6px; margin: 4px; }")
        row = QHBoxLayout(self)
        self.label = QLabel()
        self.label.setWordWrap(True)
        row.addWidget(self.label, 1)
        self.action = QPushButton(self.tr("Show them"))
        self.action.clicked.connect(self.show_expiring)
        row.addWidget(self.action)
        close = QPushButton(self.tr("Dismiss"))
        close.clicked.connect(self.hide)
        row.addWidget(close)
        self.hide()

    def show_update_available(self, version: str, url: str) -> None:
        """The quiet notice of an update check at start: a sentence and the release page's link, no button."""
        import html

        link = html.escape(url, quote=True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setOpenExternalLinks(True)
        self.label.setText(html.escape(self.tr("credwallet %1 is available: %2").replace("%1", version)).replace(
            "%2", f'<a href="{link}">{link}</a>'))
        self.action.hide()
        self.show()

    def show_expiring_soon(self, summaries: list) -> None:  # noqa: ANN001 - wallet Summary rows, soonest first
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.action.show()
        if not summaries:
            self.hide()
            return
        first = summaries[0]
        if len(summaries) == 1:
            text = self.tr("“%1” expires on %2.").replace("%1", first.title).replace(
                "%2", (first.expires or "")[:10])
        else:
            text = self.tr("%1 credentials expire within 30 days; the first, “%2”, on %3.").replace(
                "%1", str(len(summaries))).replace("%2", first.title).replace("%3", (first.expires or "")[:10])
        self.label.setText(text)
        self.show()
