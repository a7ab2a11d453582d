"""Signing stays apart from verification (as pyca/cryptography keeps hazmat apart from its recipes): the code
that decides whether a credential or a presentation holds (wallet/verify, wallet/formats,
wallet/present/verifier*) never imports wallet.crypto.signing, directly or through anything it imports.
A verifier that can reach a private-key operation is one refactor away from "fixing" a signature."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIGNING = "wallet.crypto.signing"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(f): f for f in (ROOT / "wallet").rglob("*.py")}


def _imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """Every wallet module ``name`` imports, at the top or inside a function (``from X import y`` counts
    as X.y when that is a module, else X)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in known)
    # importing a.b.c runs a/__init__ and a/b/__init__ too
    return {p for m in found if m.startswith("wallet") for p in _parents(m) if p in known}


def _parents(m: str) -> list[str]:
    parts = m.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def _verification_modules(known: dict[str, Path]) -> list[str]:
    return sorted(m for m in known if m.startswith(("wallet.verify", "wallet.formats"))
                  or m.startswith("wallet.present.verifier"))


def _path_to_signing(start: str, known: dict[str, Path]) -> list[str] | None:
    seen = {start: [start]}
    todo = [start]
    while todo:
        m = todo.pop()
        for n in _imports(m, known[m], known):
            if n not in seen:
                seen[n] = seen[m] + [n]
                if n == SIGNING or n.startswith(SIGNING + "."):
                    return seen[n]
                todo.append(n)
    return None


def test_the_walk_sees_the_imports_it_must_refuse() -> None:
    """The walk is not blind: the holder's presentation code does import signing, and is found to."""
    known = _modules()
    assert SIGNING in known
    assert _path_to_signing("wallet.present.vp", known) == ["wallet.present.vp", SIGNING]
    assert _path_to_signing("wallet.present.sdjwt_presentation", known) is not None


def test_verification_never_reaches_the_signing_package() -> None:
    known = _modules()
    checked = _verification_modules(known)
    assert "wallet.verify.engine" in checked and "wallet.present.verifier" in checked and \
        "wallet.formats.detect" in checked and len(checked) > 20
    paths = {m: p for m in checked if (p := _path_to_signing(m, known))}
    assert paths == {}, "verification reaches the signing package: " + "; ".join(
        " -> ".join(p) for p in paths.values())


def test_verifying_loads_no_signing_code() -> None:
    """The same, as Python sees it: check a real credential and a real presentation in a fresh interpreter
    and look at what was loaded."""
    code = (
        "import sys, json\n"
        "from wallet import paths\n"
        "from wallet.formats import detect\n"
        "from wallet.verify import engine\n"
        "from wallet.present.verifier import verify_presentation, is_presentation\n"
        "assert 'wallet.crypto.signing' not in sys.modules, 'loaded on import'\n"
        "demo = paths.resources_dir() / 'demo' / 'credentials'\n"
        "files = sorted(demo.iterdir())\n"
        "assert len(files) > 3\n"
        "for f in files:\n"
        "    data = f.read_bytes()\n"
        "    if is_presentation(data):\n"
        "        verify_presentation(data, engine.VerifyContext())\n"
        "    else:\n"
        "        try:\n"
        "            engine.verify(detect.parse(data, f.name))\n"
        "        except Exception as exc:\n"
        "            print('skipped', f.name, type(exc).__name__)\n"
        "print('SIGNING' if 'wallet.crypto.signing' in sys.modules else 'CLEAN')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "CLEAN", out.stdout
