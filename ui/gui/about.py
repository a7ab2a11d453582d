"""Help → About: the version, the licence, where the data lives, and the third-party licences."""

from __future__ import annotations

import html
import platform
import sys
from pathlib import Path

from ui import licenses
from wallet import paths
from wallet.service import __version__

from .icon import app_pixmap
from .qt import (
    PYSIDE_VERSION,
    QAction,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSplitter,
    Qt,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    qVersion,
)

APACHE_URL = "https://www.apache.org/licenses/LICENSE-2.0"


def add_help_menu(window: QMainWindow) -> QAction:
    """A Help menu with "About credwallet" on the window's menu bar (the About role on macOS)."""
    menu = window.menuBar().addMenu(window.tr("&Help"))
    window.help_menu = menu  # type: ignore[attr-defined] - others add to it (Check for updates…)
    act = QAction(window.tr("&About credwallet"), window)
    act.setMenuRole(QAction.MenuRole.AboutRole)
    act.triggered.connect(lambda: show_about(window))
    menu.addAction(act)
    return act


def show_about(window: QWidget) -> AboutDialog:
    home = getattr(getattr(window, "wallet", None), "wallet_dir", None)
    dlg = AboutDialog(home, window)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.open()
    return dlg


def _own_license() -> str:
    text = licenses.own_license_text()
    if text is None:  # a checkout whose installed metadata predates the LICENSE file
        checkout = paths.resources_dir().parent / "LICENSE"
        text = checkout.read_text("utf-8") if checkout.is_file() else None
    return text or f"Apache License 2.0: {APACHE_URL}"


class AboutDialog(QDialog):
    def __init__(self, wallet_home: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About credwallet"))
        self.resize(720, 560)
        lay = QVBoxLayout(self)
        head = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(app_pixmap(96))
        icon.setAccessibleName(self.tr("credwallet icon"))
        head.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        self.summary = QLabel(self._summary_html(wallet_home))
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.summary.setOpenExternalLinks(True)
        head.addWidget(self.summary, 1)
        lay.addLayout(head)

        self.tabs = QTabWidget()
        own = QTextBrowser()
        own.setPlainText(_own_license())
        self.tabs.addTab(own, self.tr("Licence"))
        self.tabs.addTab(self._third_party(), self.tr("Third-party licences"))
        lay.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def _summary_html(self, wallet_home: Path | None) -> str:
        e = html.escape
        home = wallet_home if wallet_home is not None else paths.wallet_dir()
        rows = [(self.tr("Your wallet"), str(home)),
                (self.tr("This computer's settings"), str(paths.state_dir())),
                (self.tr("Built with"), f"Python {platform.python_version()}, Qt {qVersion()}, "
                                        f"PySide6 {PYSIDE_VERSION}")]
        table = "".join(f"<tr><td><b>{e(k)}</b>&nbsp;&nbsp;</td><td>{e(v)}</td></tr>" for k, v in rows)
        tagline = self.tr("A learner-owned wallet for badges and certificates.")
        licence = self.tr("Licence:")
        warranty = self.tr("No warranty; see the licence.")
        return (f"<h2>credwallet {e(__version__)}</h2><p>{e(tagline)}</p>"
                f"<p>{e(licence)} <a href='{APACHE_URL}'>Apache License 2.0</a>. {e(warranty)}</p>"
                f"<table>{table}</table>")

    def _third_party(self) -> QWidget:
        installed = licenses.third_party()
        self.components = installed + licenses.bundled_artwork()
        self.component_list = QTreeWidget()
        self.component_list.setHeaderLabels([self.tr("Component"), self.tr("Version"), self.tr("Licence")])
        self.component_list.setRootIsDecorated(False)
        for c in self.components:
            item = QTreeWidgetItem([c.name, c.version, c.license])
            item.setToolTip(2, c.license)
            self.component_list.addTopLevelItem(item)
        for col in (0, 1):
            self.component_list.resizeColumnToContents(col)
        self.license_text = QTextBrowser()
        self.license_text.setOpenExternalLinks(True)
        self.component_list.currentItemChanged.connect(lambda cur, _prev: self._show_component(cur))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.component_list)
        split.addWidget(self.license_text)
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        if installed:
            note = self.tr("%1 components, read from their installed metadata. Select one to read its licence.")
            v.addWidget(QLabel(note.replace("%1", str(len(installed)))))
            self.component_list.setCurrentItem(self.component_list.topLevelItem(0))
        else:
            self.license_text.setPlainText(self.tr(
                "credwallet is not installed as a package here, so the licences of the software it uses "
                "cannot be read from their metadata. Install it with pip to see them."))
        v.addWidget(split, 1)
        return box

    def _show_component(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        c = self.components[self.component_list.indexOfTopLevelItem(item)]
        licence = self.tr("Licence:")
        head = f"{c.name} {c.version}\n{licence} {c.license}\n"
        if c.homepage:
            head += f"{c.homepage}\n"
        texts = c.license_texts()
        if not texts:
            body = self.tr("Its metadata carries no licence file; the licence above is what it states.")
        else:
            body = "\n\n".join(f"── {name} ──\n\n{text}" for name, text in texts)
        self.license_text.setPlainText(head + "\n" + body)


def main() -> int:  # python -m ui.gui.about: the dialog on its own (screenshots, translators)
    from .qt import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    dlg = AboutDialog()
    dlg.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
