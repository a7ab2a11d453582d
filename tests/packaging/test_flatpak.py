"""The Flatpak manifest (packaging/flatpak/): its sandbox policy, that what it installs exists, that every Python
package it brings is pinned with a hash, and flatpak-builder's own reading of it where the tool is installed.

Building it needs the KDE runtime, SDK and the PySide BaseApp from Flathub, which this machine cannot fetch:
docs/install.md says what is validated here and what is not."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename
from packaging.version import Version

from wallet import paths, sandbox

yaml = pytest.importorskip("yaml", reason="PyYAML reads the manifest (pip install -e '.[test]' brings it)")

ROOT = Path(__file__).resolve().parents[2]
FLATPAK = ROOT / "packaging" / "flatpak"
MANIFEST = FLATPAK / f"{paths.APP_ID}.yml"
ALLOWED_FINISH_ARGS = {"--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri",
                       "--talk-name=org.freedesktop.secrets"}  # the keyring (optional); nothing else


def manifest() -> dict[str, Any]:
    return yaml.safe_load(MANIFEST.read_text("utf-8"))


def app_module(m: dict[str, Any]) -> dict[str, Any]:
    return next(mod for mod in m["modules"] if isinstance(mod, dict) and mod["name"] == "credwallet")


def test_app_id_command_and_runtime() -> None:
    m = manifest()
    assert m["app-id"] == paths.APP_ID == sandbox.APP_ID
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    assert m["command"] in scripts  # the console script pip installs into /app/bin
    assert (m["runtime"], m["sdk"], m["base"]) == ("org.kde.Platform", "org.kde.Sdk", "io.qt.PySide.BaseApp")
    assert m["runtime-version"] == m["base-version"]  # the BaseApp's PySide6 is built against that runtime's Qt
    assert "/app/cleanup-BaseApp.sh" in m["cleanup-commands"]


def test_sandbox_has_no_network_and_no_file_system() -> None:
    args = manifest()["finish-args"]
    assert len(args) == len(set(args))
    assert set(args) == ALLOWED_FINISH_ARGS, set(args) ^ ALLOWED_FINISH_ARGS
    for arg in args:
        assert not arg.startswith(("--share=network", "--filesystem", "--device=all", "--socket=session-bus",
                                   "--socket=system-bus", "--socket=x11", "--persist")), arg
    assert "--share=network" in sandbox.NETWORK_OVERRIDE and paths.APP_ID in sandbox.NETWORK_OVERRIDE


def test_every_file_it_installs_exists_and_the_desktop_files_are_installed() -> None:
    mod = app_module(manifest())
    (src,) = mod["sources"]
    assert src["type"] == "dir" and (MANIFEST.parent / src["path"]).resolve() == ROOT
    words = [w for cmd in mod["build-commands"] for w in shlex.split(cmd)]
    files = [w for w in words if "/" in w and not w.startswith(("$", "-", "/"))]
    assert files, "no repository files named in the build commands"
    for rel in files:
        assert (ROOT / rel).exists(), f"the manifest installs {rel}, which is not in the repository"
    installed = " ".join(mod["build-commands"])
    for rel, dest in ((f"packaging/linux/{paths.APP_ID}.desktop", "share/applications"),
                      (f"packaging/linux/{paths.APP_ID}.metainfo.xml", "share/metainfo"),
                      (f"packaging/linux/{paths.APP_ID}.xml", "share/mime/packages"),
                      ("resources/icons/hicolor", "share/icons")):
        assert re.search(re.escape(rel) + r"\s+(-t\s+)?\$\{FLATPAK_DEST\}/" + re.escape(dest), installed), rel
    assert (ROOT / "resources/icons/hicolor/scalable/apps" / f"{paths.APP_ID}.svg").is_file()
    pip = next(c for c in mod["build-commands"] if c.startswith("pip3 install"))
    assert "--no-index" in pip and "--no-deps" in pip  # nothing fetched inside the build, no PyPI PySide6


def test_python_modules_are_pinned_with_hashes_and_cover_the_run_time_dependencies() -> None:
    m = manifest()
    assert "python3-modules.json" in m["modules"]
    mod = json.loads((FLATPAK / "python3-modules.json").read_text("utf-8"))
    pinned = {canonicalize_name(k): Version(v) for k, v in mod["x-pinned"].items()}
    for source in mod["sources"]:
        assert source["type"] == "file" and source["url"].startswith("https://files.pythonhosted.org/")
        assert re.fullmatch(r"[0-9a-f]{64}", source["sha256"]), source["url"]
        name = source["url"].rsplit("/", 1)[1]
        if name.endswith(".whl"):
            dist, version, _b, tags = parse_wheel_filename(name)
            assert pinned[canonicalize_name(dist)] == version
            assert all(t.platform == "any" or t.platform.endswith("x86_64") for t in tags), name
    assert len(mod["sources"]) == len(pinned)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    for text in project["project"]["dependencies"] + project["build-system"]["requires"]:
        req = Requirement(text)
        name = canonicalize_name(req.name)
        if name.startswith(("pyside6", "shiboken6")):
            assert name not in pinned  # the BaseApp brings PySide6, built for the runtime's Qt
            continue
        assert name in pinned, f"{req.name} is not in python3-modules.json: run make_python_modules.py"
        assert req.specifier.contains(pinned[name], prereleases=True), f"{name} {pinned[name]} does not meet {req}"
    assert mod["build-commands"][0].startswith("pip3 install") and "--no-index" in mod["build-commands"][0]


def test_qt_file_dialogs_are_left_native_so_the_portal_is_used() -> None:
    """Inside a sandbox Qt's native file dialog is the xdg-desktop-portal one; forcing Qt's own widget
    dialog would show the sandbox's empty file system instead of the learner's files."""
    for path in (ROOT / "ui").rglob("*.py"):
        text = path.read_text("utf-8")
        assert "DontUseNativeDialog" not in text, path
        assert "QT_QPA_PLATFORMTHEME" not in text, path


def test_flatpak_builder_reads_the_manifest(tmp_path: Path) -> None:
    exe = shutil.which("flatpak-builder")
    if exe is None:
        pytest.skip("flatpak-builder is not installed (Debian package flatpak-builder, see .ci/run); "
                    "the manifest was not read by it")
    out = subprocess.run([exe, "--show-manifest", str(MANIFEST)], capture_output=True, text=True, timeout=120,
                         cwd=tmp_path)  # it makes a .flatpak-builder/ state folder where it runs
    assert out.returncode == 0, out.stderr
    shown = json.loads(out.stdout)
    assert shown["id"] == paths.APP_ID and set(shown["finish-args"]) == ALLOWED_FINISH_ARGS
    python = next(m for m in shown["modules"] if m["name"] == "python3-modules")  # the JSON file, included
    assert len(python["sources"]) == len(json.loads((FLATPAK / "python3-modules.json").read_text("utf-8"))["sources"])
