"""The main window's screens besides the collection (Skills, Verify, Shared, Settings), made when first shown
or first asked for (``window.skills``), not while the window opens: the window is on screen sooner, and a
refresh does not rebuild screens nobody looks at.  What a refresh has for a screen that is not made yet, or
not on screen, waits for it and is shown when it is (the latest data for each of its methods)."""

from __future__ import annotations

from typing import Any

from .pages import LogPage, SettingsPage, SkillsPage, VerifyPage
from .qt import QWidget

# the nav's names -> the window's attribute for each screen made lazily
LAZY = {"skills": "skills", "verify": "verify", "shared": "log", "settings": "settings"}


class MainWindowPages:
    """Part of :class:`ui.gui.main_window.MainWindow` (a mixin): its screens, made on demand."""

    def _init_pages(self) -> None:
        self._made: dict[str, QWidget] = {}
        self._slots: dict[str, QWidget] = {}  # an empty placeholder in the stack until the screen is made
        self._waiting: dict[tuple[str, str], tuple[Any, ...]] = {}  # (screen, method) -> its latest arguments

    def _slot(self, attr: str) -> QWidget:
        slot = self._slots[attr] = QWidget()
        return slot

    def _make(self, attr: str) -> QWidget:
        if attr == "skills":
            page: QWidget = SkillsPage()
            page.import_requested.connect(self.choose_files)
            page.open_credential.connect(self.open_credential)
        elif attr == "verify":
            page = VerifyPage(self.wallet, self.worker)
        elif attr == "log":
            page = LogPage()
            page.share_requested.connect(lambda: self.nav.setCurrentRow(0))
        else:
            page = SettingsPage(self.wallet, self.worker)
            page.lock_requested.connect(self.lock)
            page.restored.connect(self.refresh)
            page.theme_changed.connect(self.set_theme)
            page.autolock_changed.connect(lambda m: setattr(self.idle, "seconds", m * 60))
        return page

    def page(self, attr: str) -> QWidget:
        """The screen ``attr`` ("skills", "verify", "log", "settings"), made now if it was not, with what
        waited for it shown."""
        page = self._made.get(attr)
        if page is None:
            page = self._made[attr] = self._make(attr)
            slot = self._slots.pop(attr)
            i = self.pages.indexOf(slot)
            current = self.pages.currentIndex() == i
            self.pages.insertWidget(i, page)
            self.pages.removeWidget(slot)
            slot.deleteLater()
            if current:
                self.pages.setCurrentIndex(i)
        for key in [k for k in self._waiting if k[0] == attr]:
            getattr(page, key[1])(*self._waiting.pop(key))
        return page

    def to_page(self, attr: str, method: str, *args: Any) -> None:
        """Call ``method(*args)`` on a screen now if it is on screen, else when it is shown or asked for."""
        page = self._made.get(attr)
        if page is not None and self.pages.currentWidget() is page:
            getattr(page, method)(*args)
        else:
            self._waiting[(attr, method)] = args

    def made(self, attr: str) -> QWidget | None:
        """The screen if it is made, else None (nothing is made)."""
        return self._made.get(attr)

    def _go(self, row: int) -> None:
        """The nav's row changed: show that screen, made first if needed."""
        item = self.nav.item(row) if row >= 0 else None
        attr = LAZY.get(item.data(256)) if item is not None else None  # Qt.ItemDataRole.UserRole
        if attr is not None:
            self.page(attr)
        self.pages.setCurrentIndex(row)

    skills = property(lambda self: self.page("skills"))
    verify = property(lambda self: self.page("verify"))
    log = property(lambda self: self.page("log"))
    settings = property(lambda self: self.page("settings"))
