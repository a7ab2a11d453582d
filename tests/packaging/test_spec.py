"""The PyInstaller spec must not exclude a Qt module the app imports (the bundle would start and then
fail on the first screen that needs it).  CI does not build the bundle: this is what can be checked cheaply."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "credwallet.spec"


def _spec_list(name: str) -> list[str]:
    for node in ast.parse(SPEC.read_text("utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == name for t in node.targets):
            return list(ast.literal_eval(node.value))
    raise AssertionError(f"{name} not found in {SPEC}")


def _qt_modules_used() -> set[str]:
    used = set()
    for f in [*(ROOT / "ui").rglob("*.py"), *(ROOT / "wallet").rglob("*.py")]:
        used |= set(re.findall(r"PySide6\.(Qt\w+)", f.read_text("utf-8")))
    return used


def test_spec_keeps_every_qt_module_the_app_imports() -> None:
    used = _qt_modules_used()
    assert {"QtCore", "QtGui", "QtWidgets", "QtNetwork"} <= used  # the scan sees the imports
    assert used.isdisjoint(_spec_list("QT_UNUSED")), "the spec excludes a Qt module the app imports"


def test_frozen_entry_point_is_the_cli_main() -> None:
    src = (ROOT / "packaging" / "credwallet_main.py").read_text("utf-8")
    assert "from ui.cli.main import main" in src and "sys.exit(main())" in src
