"""The layout's rules, checked on the syntax trees (docs/architecture.md):

- ui/** reaches the core through one door: it imports only wallet.service, wallet.model, wallet.errors
  and wallet.paths;
- the use cases in wallet/service/ import the session and lower layers, never each other;
- the facade stays a facade (wallet/service/__init__.py: composition and delegation, <= 150 lines);
- formats never imports verify; no layer below the facade imports it;
- ruff's banned-API rule is selected, so the PySide6 ban that pyproject configures is enforced.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UI_ALLOWED = {"wallet.service", "wallet.model", "wallet.errors", "wallet.paths"}
USE_CASES = {"importing", "checking", "sharing", "portfolio", "collection", "backup"}


def _module_name(path: Path) -> str:
    parts = list((path.relative_to(ROOT) if path.is_relative_to(ROOT) else Path(path.name)).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module an import statement in ``path`` names, made absolute (``from wallet import paths`` is
    wallet.paths; ``from . import x`` inside wallet/service is wallet.service.x), with its line."""
    tree = ast.parse(path.read_text("utf-8"), str(path))
    here = _module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for a in node.names:
                # `from wallet import paths` imports the module wallet.paths; `from wallet.service import Wallet`
                # imports a name of wallet.service
                candidate = f"{module}.{a.name}"
                is_module = (ROOT / Path(*candidate.split("."))).with_suffix(".py").exists() or \
                    (ROOT / Path(*candidate.split(".")) / "__init__.py").exists()
                out.append((node.lineno, candidate if is_module else module))
    return out


def ui_offences(root: Path = ROOT / "ui") -> list[str]:
    bad = []
    for f in sorted(root.rglob("*.py")):
        for line, mod in imported_modules(f):
            if (mod == "wallet" or mod.startswith("wallet.")) and mod not in UI_ALLOWED:
                bad.append(f"{f.relative_to(root)}:{line}: imports {mod}")
    return bad


def test_ui_imports_only_the_four_wallet_modules() -> None:
    assert ui_offences() == []


def test_the_ui_rule_catches_a_front_end_reaching_into_the_core(tmp_path: Path) -> None:
    """The walk is not vacuous: each way of reaching past the door is caught (plain, from-package,
    aliased, inside a function), and the door itself is let through."""
    (tmp_path / "probe.py").write_text("from wallet.service import Wallet\nfrom wallet import errors, paths\n"
                                       "from wallet import vault\nimport wallet.formats.detect as d\n"
                                       "def f():\n    from wallet.present import qr\n"
                                       "    from wallet.fsutil import write_atomic\n")
    found = [o.split(": imports ")[1] for o in ui_offences(tmp_path)]
    assert found == ["wallet.vault", "wallet.formats.detect", "wallet.present.qr", "wallet.fsutil"]


def test_use_cases_never_import_each_other() -> None:
    bad = []
    for name in sorted(USE_CASES):
        f = ROOT / "wallet" / "service" / f"{name}.py"
        assert f.exists(), f
        for line, mod in imported_modules(f):
            if mod.startswith("wallet.service"):
                target = mod.removeprefix("wallet.service").lstrip(".").split(".")[0]
                if target in USE_CASES or target == "":
                    bad.append(f"{f.relative_to(ROOT)}:{line}: imports {mod}")
    assert bad == []


def test_the_facade_is_composition_and_delegation() -> None:
    init = ROOT / "wallet" / "service" / "__init__.py"
    assert len(init.read_text("utf-8").splitlines()) <= 150
    tree = ast.parse(init.read_text("utf-8"))
    wallet_cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Wallet")
    long_methods = [n.name for n in wallet_cls.body if isinstance(n, ast.FunctionDef) and len(n.body) > 3]
    assert long_methods == []


@pytest.mark.parametrize("lower", ["wallet/crypto", "wallet/formats", "wallet/verify", "wallet/present",
                                   "wallet/vault", "wallet/portfolio", "wallet/exchange"])
def test_lower_layers_never_import_the_facade(lower: str) -> None:
    bad = [f"{f.relative_to(ROOT)}:{line}: {mod}" for f in sorted((ROOT / lower).rglob("*.py"))
           for line, mod in imported_modules(f) if mod.startswith("wallet.service") or mod.startswith("ui")]
    assert bad == []


def test_formats_never_imports_verify() -> None:
    bad = [f"{f.relative_to(ROOT)}:{line}: {mod}" for f in sorted((ROOT / "wallet" / "formats").rglob("*.py"))
           for line, mod in imported_modules(f) if mod.startswith("wallet.verify")]
    assert bad == []


def test_ruff_selects_the_banned_api_rule() -> None:
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    lint = conf["tool"]["ruff"]["lint"]
    selected = lint.get("select", []) + lint.get("extend-select", [])
    assert any("TID251".startswith(s) for s in selected)
    assert "PySide6" in lint["flake8-tidy-imports"]["banned-api"]
    ignored = {f for files, rules in lint.get("per-file-ignores", {}).items() if "TID251" in rules
               for f in [files]}
    assert not any(f.startswith("wallet") for f in ignored)  # the ban holds in the core


def test_ruff_refuses_qt_in_the_core() -> None:
    """The rule is live, not only configured: ruff (where installed) flags a PySide6 import under wallet/."""
    import shutil
    import subprocess
    import sys

    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed here")
    probe = ROOT / "wallet" / "_probe_qt_ban.py"
    probe.write_text("from PySide6.QtCore import QObject\n\nassert QObject\n")
    try:
        out = subprocess.run([ruff, "check", "--no-cache", "--output-format", "concise", str(probe),
                              str(ROOT / "ui" / "gui" / "qt.py")], capture_output=True, text=True, cwd=ROOT, timeout=120)
    finally:
        probe.unlink()
    banned = [line for line in out.stdout.splitlines() if "TID251" in line]  # with pyproject's own selection
    assert len(banned) == 1 and "_probe_qt_ban.py" in banned[0]  # ui/ (qt.py) may use Qt
