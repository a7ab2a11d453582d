"""Help → About: version, licence, data location, and third-party licences read from installed metadata."""

from __future__ import annotations

from email.message import Message
from importlib import metadata
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import wallet
from ui import licenses
from ui.gui.about import AboutDialog
from ui.gui.main_window import MainWindow
from ui.gui.worker import DbWorker
from wallet.service import Wallet

PW = "correct horse battery staple"


def _meta(**fields: str | list[str]) -> Message:
    m = Message()
    for k, v in fields.items():
        for one in v if isinstance(v, list) else [v]:
            m[k.replace("_", "-")] = one
    return m


def test_license_of_prefers_the_spdx_expression_then_the_field_then_classifiers() -> None:
    assert licenses.license_of(_meta(License_Expression="MIT", License="BSD")) == "MIT"
    assert licenses.license_of(_meta(License="BSD-3-Clause")) == "BSD-3-Clause"
    whole_text = "Copyright (c) someone\n\nPermission is hereby granted, free of charge...\n" * 20
    cls = ["License :: OSI Approved :: MIT License", "Programming Language :: Python"]
    assert licenses.license_of(_meta(License=whole_text, Classifier=cls)) == "MIT License"
    assert licenses.license_of(_meta(License=whole_text)) == "Copyright (c) someone"
    assert licenses.license_of(_meta()) == "not stated in its metadata"


def test_third_party_is_the_installed_runtime_closure_without_test_extras() -> None:
    comps = {c.name.lower().replace("_", "-"): c for c in licenses.third_party()}
    app = metadata.distribution("credwallet")
    direct = [r.split(";")[0] for r in app.requires or [] if "extra" not in r]
    for req in direct:
        name = licenses._NAME.match(req).group(1)  # type: ignore[union-attr]
        assert name.lower().replace("_", "-") in comps, f"{name} (a requirement) is not listed"
    assert "cffi" in comps  # needed by cryptography/argon2: the closure, not only direct requirements
    assert "pytest" not in comps and "hypothesis" not in comps  # test extras are not what the app runs on
    assert "credwallet" not in comps
    crypto = comps["cryptography"]
    assert crypto.version == metadata.version("cryptography") and "Apache-2.0" in crypto.license
    texts = dict(crypto.license_texts())
    assert texts and any("Apache License" in t for t in texts.values())


def test_third_party_is_empty_when_the_app_is_not_installed() -> None:
    assert licenses.third_party("credwallet-not-installed-anywhere") == []


def test_about_dialog_shows_version_licence_location_and_components(qtbot: QtBot, tmp_path: Path) -> None:
    dlg = AboutDialog(tmp_path / "my-wallet")
    qtbot.addWidget(dlg)
    dlg.show()
    text = dlg.summary.text()
    assert f"credwallet {wallet.__version__}" in text and "Apache License 2.0" in text
    assert str(tmp_path / "my-wallet") in text
    assert "Apache License" in dlg.tabs.widget(0).toPlainText()
    assert dlg.component_list.topLevelItemCount() == len(dlg.components) >= 10
    row = next(i for i in range(len(dlg.components)) if dlg.components[i].name == "cryptography")
    dlg.component_list.setCurrentItem(dlg.component_list.topLevelItem(row))
    shown = dlg.license_text.toPlainText()
    assert shown.startswith(f"cryptography {metadata.version('cryptography')}") and "Apache License" in shown


def test_help_menu_opens_about_with_this_wallets_folder(qtbot: QtBot, tmp_path: Path) -> None:
    w, _code = Wallet.create(tmp_path / "w", PW)
    win = MainWindow(w, DbWorker(synchronous=True))
    qtbot.addWidget(win)
    (help_menu,) = [a.menu() for a in win.menuBar().actions() if a.menu() is not None and "Help" in a.text()]
    (about,) = [a for a in help_menu.actions() if "About" in a.text()]
    about.trigger()
    dlg = win.findChild(AboutDialog)
    assert dlg is not None and dlg.isVisible()
    assert str(tmp_path / "w") in dlg.summary.text()
    dlg.close()
    w.lock()


@pytest.mark.parametrize("size", [16, 96])
def test_about_icon_is_the_app_icon(qtbot: QtBot, size: int) -> None:
    from ui.gui.icon import app_pixmap

    pm = app_pixmap(size)
    assert not pm.isNull() and pm.width() == size
