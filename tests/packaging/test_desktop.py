"""Desktop integration files: valid for the freedesktop tools, and in step with each other and the app.

The validators are Debian's `desktop-file-utils`, `appstream` and `shared-mime-info` (.ci/run installs
them); where one is missing its test says skipped and why.
"""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import wallet
from wallet import paths
from wallet.vault import backup

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{paths.APP_ID}.desktop"
METAINFO = LINUX / f"{paths.APP_ID}.metainfo.xml"
MIME = LINUX / f"{paths.APP_ID}.xml"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
SCHEMES = {"openid-credential-offer", "openid4vp", "haip-vp"}


def _tool(name: str) -> str:
    exe = shutil.which(name)
    if exe is None:
        pytest.skip(f"{name} is not installed (Debian package: see .ci/run); the file was not validated")
    return exe


def _desktop() -> configparser.SectionProxy:
    cp = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    cp.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    cp.read(DESKTOP, encoding="utf-8")
    return cp["Desktop Entry"]


def _mime_types() -> dict[str, ET.Element]:
    root = ET.parse(MIME).getroot()
    return {m.get("type", ""): m for m in root.iter(f"{MIME_NS}mime-type")}


def test_desktop_file_validates() -> None:
    r = subprocess.run([_tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and not r.stdout.strip(), r.stdout + r.stderr  # hints are printed too: none


def test_metainfo_validates() -> None:
    r = subprocess.run([_tool("appstreamcli"), "validate", "--no-net", "--pedantic", str(METAINFO)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr
    assert not re.search(r"^[EW]:", r.stdout, re.M), r.stdout  # no error and no warning, only infos


def test_mime_package_compiles_and_matches_the_files_we_write(tmp_path: Path) -> None:
    exe = _tool("update-mime-database")
    (tmp_path / "packages").mkdir()
    shutil.copy(MIME, tmp_path / "packages")
    r = subprocess.run([exe, str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and "error" not in r.stderr.lower(), r.stderr
    globs = (tmp_path / "globs2").read_text("utf-8")
    assert "application/x-credwallet-backup:*.cwbak" in globs
    assert "application/x-credwallet-presentation:*.cwvp" in globs


def test_backup_magic_is_the_one_the_vault_writes() -> None:
    (match,) = _mime_types()["application/x-credwallet-backup"].iter(f"{MIME_NS}match")
    assert match.get("offset") == "0" and match.get("type") == "string"
    assert backup.MAGIC.startswith(match.get("value", "").encode())
    assert len(match.get("value", "")) >= 8  # distinctive enough not to claim other files


def test_one_app_id_everywhere() -> None:
    entry = _desktop()
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == paths.APP_ID
    assert root.findtext("launchable[@type='desktop-id']") == DESKTOP.name
    assert entry["Icon"] == paths.APP_ID
    assert entry["Exec"].split()[0] == "credwallet" and entry["Exec"].split()[1] in ("%u", "%U")
    assert "credwallet" in [b.text for b in root.iter("binary")]


def test_desktop_file_claims_the_link_schemes_and_our_file_types() -> None:
    claimed = {m for m in _desktop()["MimeType"].split(";") if m}
    assert {f"x-scheme-handler/{s}" for s in SCHEMES} <= claimed
    ours = set(_mime_types())
    assert ours and ours <= claimed, "a MIME type defined for our files is not opened by the app"
    provided = {m.text for m in ET.parse(METAINFO).getroot().iter("mediatype")}
    assert provided == ours


def test_metainfo_screenshots_are_the_ones_in_docs_and_release_matches_version() -> None:
    root = ET.parse(METAINFO).getroot()
    images = [i.text or "" for i in root.iter("image")]
    assert images and all(u.startswith("https://") for u in images)
    for url in images:
        assert (ROOT / "docs" / "screenshots" / url.rsplit("/", 1)[1]).is_file(), url
    releases = [r.get("version") for r in root.iter("release")]
    assert releases[0] == wallet.__version__, "add release notes for the new version to the metainfo"
    assert root.find("content_rating") is not None


def test_install_script_makes_a_tree_that_validates(tmp_path: Path) -> None:
    """What a user (or the bundle) installs: menu entry with the given command, metadata, MIME, icons."""
    r = subprocess.run(["sh", str(LINUX / "install-desktop-files.sh"), "--prefix", str(tmp_path),
                        "--exec", "/opt/credwallet/credwallet"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    share = tmp_path / "share"
    installed = share / "applications" / DESKTOP.name
    assert "Exec=/opt/credwallet/credwallet %u" in installed.read_text("utf-8").splitlines()
    for size in (16, 48, 256, 512):
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{paths.APP_ID}.png").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{paths.APP_ID}.svg").is_file()
    r = subprocess.run([_tool("desktop-file-validate"), str(installed)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and not r.stdout.strip(), r.stdout
    r = subprocess.run([_tool("appstreamcli"), "validate-tree", "--no-net", str(share.parent)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and not re.search(r"^\s*[EW]:", r.stdout, re.M), r.stdout + r.stderr


def test_install_script_refuses_an_exec_that_would_break_the_desktop_file(tmp_path: Path) -> None:
    r = subprocess.run(["sh", str(LINUX / "install-desktop-files.sh"), "--prefix", str(tmp_path),
                        "--exec", "/opt/my apps/credwallet"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and not (tmp_path / "share").exists()
