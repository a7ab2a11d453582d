"""Small shared GUI helpers: status colours, the inactivity timer, the clipboard that forgets."""

from __future__ import annotations

import html
import json
import time
from collections.abc import Callable
from typing import Any

from wallet.service import labels, value_at

from .qt import (
    QApplication,
    QColor,
    QEvent,
    QGuiApplication,
    QHBoxLayout,
    QObject,
    QPushButton,
    QTimer,
    Signal,
)

_ACTIVITY = frozenset((QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel,
                       QEvent.Type.MouseMove))  # what counts as the learner being there

STATUS_COLORS = {"verified": "#1e7d32", "warning": "#b26a00", "invalid": "#b3261e", "unverified": "#5f6368"}


def button_row(*buttons: tuple[str, Callable[[], Any]]) -> QHBoxLayout:
    """A row of push buttons side by side, each (label, what a click does)."""
    row = QHBoxLayout()
    for label, slot in buttons:
        b = QPushButton(label)
        b.clicked.connect(slot)
        row.addWidget(b)
    return row


def status_text(status: str) -> str:
    """The verdict in the label catalogue's words (wallet/labels.py): the same in the GUI, CLI and PDF."""
    return labels.status(status)


def status_color(status: str) -> QColor:
    return QColor(STATUS_COLORS.get(status, "#5f6368"))


def initials(title: str) -> str:
    words = [w for w in title.replace("—", " ").split() if w[:1].isalnum()]
    return "".join(w[0] for w in words[:2]).upper() or "?"


def issuer_color(name: str) -> QColor:
    h = sum(ord(c) * 31 ** i for i, c in enumerate(name[:24])) % 360
    return QColor.fromHsl(h, 110, 95)


def initials_image(title: str, issuer: str, side: int):  # noqa: ANN201 - a QImage
    """The fallback badge: the title's initials on a disc in the issuer's colour (the cards draw the same)."""
    from .qt import QFont, QImage, QPainter, QRectF, Qt

    img = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(issuer_color(issuer or title))
    p.drawEllipse(QRectF(2, 2, side - 4, side - 4))
    f = QFont()
    f.setPixelSize(int(side * 0.34))
    f.setBold(True)
    p.setFont(f)
    p.setPen(QColor("white"))
    p.drawText(QRectF(0, 0, side, side), Qt.AlignmentFlag.AlignCenter, initials(title))
    p.end()
    return img


class InactivityTimer(QObject):
    """Fires ``timed_out`` when nothing happened for ``seconds``; the clock is injectable for tests."""

    timed_out = Signal()

    def __init__(self, seconds: int, clock: Callable[[], float] = time.monotonic, parent: QObject | None = None):
        super().__init__(parent)
        self.seconds = seconds
        self.clock = clock
        self.last = clock()
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def touch(self) -> None:
        self.last = self.clock()

    def stop(self) -> None:
        """For good: no more ticks, no more ``timed_out``, no more watching the application's events."""
        self._timer.stop()
        self.seconds = 0
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def check(self) -> None:
        if self.seconds > 0 and self.clock() - self.last >= self.seconds:
            self.last = self.clock()
            self.timed_out.emit()

    def eventFilter(self, obj: QObject, event) -> bool:  # noqa: ANN001, N802
        # every event of the application passes here, on the GUI thread: no import, one set lookup
        if event.type() in _ACTIVITY:
            self.touch()
        return False


class ForgetfulClipboard(QObject):
    """Copies text and clears it after ``seconds`` if it is still what we put there (KeePassXC-style)."""

    def __init__(self, seconds: int = 60, parent: QObject | None = None):
        super().__init__(parent)
        self.seconds = seconds
        self._text: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_if_ours)

    def copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self._text = text
        self._timer.start(self.seconds * 1000)

    def clear_if_ours(self) -> None:
        cb = QGuiApplication.clipboard()
        if self._text is not None and cb.text() == self._text:
            cb.clear()
        self._text = None


def disclosed_html(d: dict[str, Any], whole: str) -> str:
    """What one credential in a presentation discloses, as a list (``whole``: the words for "all of it")."""

    def row(label: str, value: Any) -> str:
        if isinstance(value, dict):  # an alignment, a result: its plain fields, not JSON
            value = "; ".join(f"{labels.field(k)}: {v}" for k, v in value.items()
                              if k not in ("type", "@context") and isinstance(v, str | int | float)) or value
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        return f"<li><b>{html.escape(label)}</b>: {html.escape(shown[:160])}</li>"

    claims = d["claims"]
    if isinstance(claims, dict) and d.get("disclosed_paths"):  # selectively disclosed, field by field
        return "<ul>" + "".join(row(labels.pointer(p), value_at(claims, p, "")) for p in d["disclosed_paths"]) + "</ul>"
    if isinstance(claims, dict):
        return "<ul>" + "".join(row(labels.field(k), v) for k, v in claims.items()) + "</ul>"
    return "<p><i>" + html.escape(whole) + "</i></p>"
