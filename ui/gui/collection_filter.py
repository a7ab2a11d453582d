"""The collection's filter proxy: format, status, issuer, tag, skill and expiry filters on top of the wallet's
own full-text search, keeping the source model's order."""

from __future__ import annotations

from collections.abc import Callable

from wallet.service import expiry

from .models import CredentialTableModel
from .qt import QModelIndex, QSortFilterProxyModel, Qt

expires_at = expiry.expires_at
SORT_ROLE = CredentialTableModel.SORT_ROLE


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

    def _change(self, apply: Callable[[], None]) -> None:
        """Change what the filter accepts, and refilter once."""
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9
            self.beginFilterChange()
            apply()
            self.endFilterChange()
        else:
            apply()
            self.invalidateFilter()

    def set_expiring(self, days: int | None) -> None:
        if days == self.expiring_days:
            return  # nothing changed: no pass over every row (every refresh sets it again)

        def apply() -> None:
            self.expiring_days = days

        self._change(apply)

    def set_filters(self, fmt: str, status: str, issuer: str = "", tag: str = "",
                    skill_ids: set[str] | None = None) -> None:
        if (fmt, status, issuer, tag, skill_ids) == (self.fmt, self.status, self.issuer, self.tag, self.skill_ids):
            return  # nothing changed: no pass over every row (a refresh sets the same filters again)

        def apply() -> None:
            self.fmt, self.status, self.issuer, self.tag, self.skill_ids = fmt, status, issuer, tag, skill_ids

        self._change(apply)

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
