"""Translations: Qt .qm catalogues in resources/translations, chosen by the machine-local setting,
CREDWALLET_LANG, or the system locale.  Adding a language needs no code change: drop in a .qm."""

from __future__ import annotations

import json
import os

from wallet import paths
from wallet.service import ensure_private_dir, write_atomic

from .qt import QApplication, QTranslator

_installed: list[QTranslator] = []


def available() -> dict[str, str]:
    names = {"en": "English", "de": "Deutsch"}
    found = {"en": "English"}
    for qm in sorted((paths.resources_dir() / "translations").glob("credwallet_*.qm")):
        code = qm.stem.split("_", 1)[1]
        found[code] = names.get(code, code)
    return found


def _prefs_file():  # noqa: ANN202
    return paths.state_dir() / "gui.json"


def chosen_language() -> str:
    env = os.environ.get("CREDWALLET_LANG")
    if env:
        return env
    try:
        lang = json.loads(_prefs_file().read_text("utf-8")).get("language")
        if lang:
            return str(lang)
    except (OSError, ValueError, AttributeError):
        pass
    from PySide6.QtCore import QLocale

    return QLocale.system().name().split("_")[0]


def read_prefs() -> dict:
    """The machine-local GUI preferences (language, theme): {} when there are none or they are unreadable."""
    try:
        prefs = json.loads(_prefs_file().read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return prefs if isinstance(prefs, dict) else {}


def save_pref(key: str, value: str) -> None:
    """Set one preference, keeping the others."""
    prefs = read_prefs()
    prefs[key] = value
    ensure_private_dir(paths.state_dir())
    write_atomic(_prefs_file(), json.dumps(prefs).encode())


def save_language(code: str) -> None:
    save_pref("language", code)


def install(app: QApplication, code: str | None = None) -> str:
    """Install the catalogue for ``code`` (default: the chosen language); returns the language used.  The
    core's label catalogue (wallet/labels.py: status words, field names, units, dates) follows it."""
    from wallet.service import labels

    used = _install_qm(app, code)
    labels.use(used)
    return used


def _install_qm(app: QApplication, code: str | None) -> str:
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    code = code or chosen_language()
    qm = paths.resources_dir() / "translations" / f"credwallet_{code}.qm"
    if code != "en" and qm.exists():
        t = QTranslator(app)
        if t.load(str(qm)):
            app.installTranslator(t)
            _installed.append(t)
            _install_qt_own(app, code)
            return code
    return "en"


def _install_qt_own(app: QApplication, code: str) -> None:
    """Qt's own catalogue (the dialogs' standard buttons: Close, Cancel, Yes...), shipped with PySide6."""
    from PySide6.QtCore import QLibraryInfo

    t = QTranslator(app)
    if t.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(t)
        _installed.append(t)
