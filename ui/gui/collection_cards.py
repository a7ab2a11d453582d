"""The collection's card view: one credential drawn as a card (badge image or initials, title, issuer,
dates and a status pill)."""

from __future__ import annotations

from wallet.model import Summary

from .images import MISSING
from .qt import (
    QColor,
    QFont,
    QModelIndex,
    QPainter,
    QPainterPath,
    QPen,
    QRectF,
    QSize,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QTextLayout,
    QTextOption,
)
from .util import initials, issuer_color, status_color, status_text

CARD = QSize(236, 286)


def two_lines(text: str, font: QFont, width: float, lines: int = 2) -> tuple[list[str], bool]:
    """``text`` wrapped to at most ``lines`` lines of ``width`` (at word boundaries, anywhere if a word or a
    run of CJK does not fit); the last line elided with "…" when text is left over.  Returns the lines and
    whether anything was cut (then the full text goes into a tooltip)."""
    from .qt import QFontMetrics

    opt = QTextOption()
    opt.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    opt.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
    layout = QTextLayout(text, font)
    layout.setTextOption(opt)
    layout.beginLayout()
    spans: list[tuple[int, int]] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    if len(spans) <= lines:
        return [text[a:a + n].strip() for a, n in spans] or [""], False
    out = [text[a:a + n].strip() for a, n in spans[:lines - 1]]
    rest = text[spans[lines - 1][0]:].strip()
    out.append(QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, int(width)))
    return out, True



class CardDelegate(QStyledItemDelegate):
    """Draws one credential as a card: its badge image (initials when it has none that may be shown), a
    title and an issuer of up to two lines each (then "…", the whole text in the tooltip), the date, the
    expiry and a status pill."""

    def __init__(self, parent=None, images=None):  # noqa: ANN001
        super().__init__(parent)
        self.images = images  # ui.gui.images.BadgeImages, or None: initials only

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        return CARD

    def layout(self, option: QStyleOptionViewItem, s: Summary) -> dict:
        """Where everything goes and the lines drawn (also what tests check: nothing outside the card)."""
        r = QRectF(option.rect).adjusted(8, 8, -8, -8)
        d = 84
        badge = QRectF(r.center().x() - d / 2, r.top() + 14, d, d)
        width = r.width() - 24
        bold = QFont(option.font)
        bold.setBold(True)
        title_lines, title_cut = two_lines(s.title or self.tr("(untitled)"), bold, width)
        named = s.issuer_name or ""
        # an issuer name that is only the credential's own claim is never drawn as if it were confirmed
        if named and s.issuer_confirmation and s.issuer_confirmation != "trust_list":
            named = self.tr("%1 (not confirmed)").replace("%1", named)
        issuer_lines, issuer_cut = two_lines(named, option.font, width) if named else ([], False)
        from .qt import QFontMetrics

        lh_bold, lh = QFontMetrics(bold).height(), QFontMetrics(option.font).height()
        y = badge.bottom() + 8
        rects = []
        for line in title_lines:
            rects.append(("title", line, QRectF(r.left() + 12, y, width, lh_bold)))
            y += lh_bold
        y += 2
        for line in issuer_lines:
            rects.append(("issuer", line, QRectF(r.left() + 12, y, width, lh)))
            y += lh
        dates = (s.issued or "")[:10]
        if s.expires:
            dates += "  ·  " + self.tr("expires %1").replace("%1", s.expires[:10])
        rects.append(("date", dates, QRectF(r.left() + 12, y, width, lh)))
        return {"card": r, "badge": badge, "lines": rects, "cut": title_cut or issuer_cut, "bold": bold}

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        s: Summary | None = index.data(Qt.ItemDataRole.UserRole + 1)
        if s is None:
            return
        pal = option.palette
        lay = self.layout(option, s)
        r, badge = lay["card"], lay["badge"]
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        path = QPainterPath()
        path.addRoundedRect(r, 12, 12)
        p.fillPath(path, pal.highlight() if selected else pal.base())
        p.setPen(QPen(pal.mid().color(), 1))
        p.drawPath(path)
        # badge: the credential's own image, else initials on the issuer's colour
        image = self.images.get(s.id) if self.images is not None else MISSING
        if image is not None and image is not MISSING:
            scaled = image.size().scaled(int(badge.width()), int(badge.height()), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF(badge.center().x() - scaled.width() / 2, badge.center().y() - scaled.height() / 2,
                            scaled.width(), scaled.height())
            p.drawImage(target, image)
        else:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(issuer_color(s.issuer_name or s.title))
            p.drawEllipse(badge)
            f = QFont(option.font)
            f.setPointSizeF(f.pointSizeF() * 1.9)
            f.setBold(True)
            p.setFont(f)
            p.setPen(QColor("white"))
            p.drawText(badge, Qt.AlignmentFlag.AlignCenter, initials(s.title))
        # text: centred, each line within the card
        text_color = pal.highlightedText().color() if selected else pal.text().color()
        sub = QColor(text_color)
        sub.setAlphaF(0.75)
        for kind, line, rect in lay["lines"]:
            p.setFont(lay["bold"] if kind == "title" else option.font)
            p.setPen(text_color if kind == "title" else sub)
            p.drawText(rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter, line)
        # status pill
        p.setFont(option.font)
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
