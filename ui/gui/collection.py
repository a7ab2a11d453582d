"""The collection: badge cards or a list, sorting, filters, instant search, and import by drag and drop."""

from __future__ import annotations

from pathlib import Path

from wallet.service import expiry

FILTER_DAYS, expires_at = expiry.FILTER_DAYS, expiry.expires_at
from wallet.model import Summary

from .images import MISSING
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
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QTextLayout,
    QTextOption,
    QTableView,
    QHeaderView,
    QPushButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from .util import initials, issuer_color, status_color, status_text

CARD = QSize(236, 286)
SORT_ROLE = CredentialTableModel.SORT_ROLE


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


class CredentialFilter(QSortFilterProxyModel):
    """Format and status filters on top of the wallet's own full-text search."""

    def __init__(self, parent=None):  # noqa: ANN001
        super().__init__(parent)
        self.fmt = ""
        self.status = ""
        self.issuer = ""
        self.tag = ""
        self.skill_ids: set[str] | None = None
        self.expiring_days: int | None = None  # only credentials that expire within this many days
        self.now = None  # an injectable clock for the expiry filter (tests); None: the system clock
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortRole(SORT_ROLE)

    def set_expiring(self, days: int | None) -> None:
        def apply() -> None:
            self.expiring_days = days

        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9
            self.beginFilterChange()
            apply()
            self.endFilterChange()
        else:
            apply()
            self.invalidateFilter()

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
        if (not (self.fmt or self.status or self.issuer or self.tag) and self.skill_ids is None
                and self.expiring_days is None):
            return True
        model = self.sourceModel()
        if not isinstance(model, CredentialTableModel) or row >= model.rowCount():
            return True
        s = model.summary(row)
        if self.expiring_days is not None:
            import datetime as dt

            now = self.now() if self.now else dt.datetime.now(dt.timezone.utc)
            t = expires_at(s.expires)
            if t is None or not now <= t <= now + dt.timedelta(days=self.expiring_days):
                return False
        return ((not self.fmt or s.format == self.fmt) and (not self.status or s.status == self.status)
                and (not self.issuer or s.issuer_name == self.issuer) and (not self.tag or self.tag in s.tags)
                and (self.skill_ids is None or s.id in self.skill_ids))


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


__all__ = ["CollectionPage", "CardDelegate", "CredentialFilter", "EmptyState", "QRect"]
