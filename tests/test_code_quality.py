"""House rules a machine can check: no undefined names or dead imports (pyflakes), a headless core
that never imports Qt and never prints."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_pyflakes_is_clean() -> None:
    from pyflakes.api import checkPath
    from pyflakes.reporter import Reporter

    class Collect(Reporter):
        def __init__(self) -> None:
            self.messages: list[str] = []

        def unexpectedError(self, filename, msg) -> None:  # noqa: ANN001, N802
            self.messages.append(f"{filename}: {msg}")

        def syntaxError(self, filename, msg, lineno, offset, text) -> None:  # noqa: ANN001, N802
            self.messages.append(f"{filename}:{lineno}: {msg}")

        def flake(self, message) -> None:  # noqa: ANN001
            self.messages.append(str(message))

    rep = Collect()
    for folder in ("wallet", "ui", "tests", "benchmarks"):
        for f in sorted((ROOT / folder).rglob("*.py")):
            if f.name == "qt.py" and f.parent.name == "gui":
                continue  # the one module that re-exports Qt names
            checkPath(str(f), rep)
    assert rep.messages == []


def test_core_never_imports_qt_and_never_prints() -> None:
    offenders = []
    for f in (ROOT / "wallet").rglob("*.py"):
        for n, line in enumerate(f.read_text("utf-8").splitlines(), 1):
            if re.match(r"\s*(from|import)\s+(PySide6|shiboken6)", line) or re.match(r"\s*print\(", line):
                offenders.append(f"{f.relative_to(ROOT)}:{n}")
    assert offenders == []


def test_every_gui_string_can_be_translated() -> None:
    """pyside6-lupdate does not see tr() calls inside f-strings: those strings would stay English."""
    import ast

    offenders = []
    for f in sorted((ROOT / "ui" / "gui").rglob("*.py")):
        for node in ast.walk(ast.parse(f.read_text("utf-8"))):
            if isinstance(node, ast.JoinedStr):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Call) and getattr(inner.func, "attr", "") == "tr":
                        offenders.append(f"{f.relative_to(ROOT)}:{inner.lineno}")
    assert offenders == []
