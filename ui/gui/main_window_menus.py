"""The main window's toolbar and menus: the actions with their shortcuts, and View → Appearance."""

from __future__ import annotations

from .qt import (
    QAction,
    QActionGroup,
    QKeySequence,
    QSize,
    QSizePolicy,
    Qt,
    QToolBar,
    QWidget,
)


class MainWindowMenus:
    """Part of :class:`ui.gui.main_window.MainWindow` (a mixin): its toolbar and its View menu."""

    def _toolbar(self) -> None:
        """Desktop order: the primary action first, Lock at the far end; every action has a shortcut, and
        its tooltip says which."""
        from .icons import icon

        tb = QToolBar(self.tr("Actions"))
        tb.setObjectName("actions")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tb.setIconSize(QSize(20, 20))
        self.addToolBar(tb)
        self.toolbar = tb
        self.toolbar_actions: dict[str, QAction] = {}
        for key, text, shortcut, slot in (
                ("add", self.tr("Add credentials…"), QKeySequence(QKeySequence.StandardKey.Open), self.choose_files),
                ("receive", self.tr("Receive from an issuer…"), QKeySequence("Ctrl+R"), lambda: self.receive_from_issuer()),
                ("share", self.tr("Share…"), QKeySequence("Ctrl+Shift+S"), self.share_selected),
                ("goal", self.tr("New goal…"), QKeySequence("Ctrl+G"), self.new_stack),
                ("export-pdf", self.tr("Export portfolio PDF…"), QKeySequence("Ctrl+E"), self.export_pdf),
                ("print", self.tr("Print portfolio…"), QKeySequence(QKeySequence.StandardKey.Print), self.print_portfolio),
                ("lock", self.tr("Lock"), QKeySequence("Ctrl+L"), self.lock)):
            if key == "lock":
                spacer = QWidget()
                spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
                tb.addWidget(spacer)
            act = QAction(icon(key), text, self)
            act.setShortcut(shortcut)
            act.setToolTip(f"{text.rstrip('…')} ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})")
            act.triggered.connect(slot)
            tb.addAction(act)
            self.addAction(act)
            self.toolbar_actions[key] = act
        self.toolbar_actions["add"].setPriority(QAction.Priority.HighPriority)

    def _view_menu(self) -> None:
        """View → Check all credentials again (as ``credwallet verify --all``; F5), and View → Appearance: system,
        light or dark; applied at once and remembered on this computer."""
        from . import theme

        menu = self.menuBar().addMenu(self.tr("&View"))
        recheck = QAction(self.tr("Check all credentials again"), self)
        recheck.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        recheck.triggered.connect(lambda: self.recheck_all())
        menu.addAction(recheck)
        self.recheck_action = recheck
        sub = menu.addMenu(self.tr("Appearance"))
        group = QActionGroup(self)
        group.setExclusive(True)
        self.theme_actions: dict[str, QAction] = {}
        for mode, label in (("system", self.tr("Follow the system")), ("light", self.tr("Light")),
                            ("dark", self.tr("Dark"))):
            act = QAction(label, self)
            act.setCheckable(True)
            act.setChecked(theme.current() == mode)
            act.triggered.connect(lambda _c=False, m=mode: self.set_theme(m))
            group.addAction(act)
            sub.addAction(act)
            self.theme_actions[mode] = act

    def set_theme(self, mode: str) -> None:
        from . import icons, theme

        theme.apply(mode)
        theme.save(mode)
        icons.clear_cache()
        for key, act in self.toolbar_actions.items():
            act.setIcon(icons.icon(key))
        for i in range(self.nav.count()):
            self.nav.item(i).setIcon(icons.icon(self.nav.item(i).data(Qt.ItemDataRole.UserRole)))
        self.theme_actions[mode].setChecked(True)
        self.to_page("settings", "show_theme", mode)
