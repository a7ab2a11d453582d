"""Write python3-modules.json: the Python packages credwallet runs on, pinned, for the Flatpak manifest.

    python packaging/flatpak/make_python_modules.py [--python 3.13] [--out packaging/flatpak/python3-modules.json]

Run it in the environment whose versions are to be shipped (the locked one: the CI venv).  It walks the
installed requirement closure of pyproject.toml's dependencies (no extras; markers evaluated for Linux and
--python), leaves out
PySide6 and shiboken6 (the io.qt.PySide.BaseApp base brings them, built against the runtime's Qt), and asks
PyPI for each pinned version's files: a wheel that runs on Linux x86_64 with --python (pure, abi3 or that
CPython's), else the sdist.  Each file goes in with its URL and sha256, as PyPI publishes them; the module
installs them with pip, offline (--no-index), inside the build sandbox.  --python is the runtime's
Python: org.kde.Platform 6.10 is built on freedesktop-sdk 25.08, which has Python 3.13.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
import urllib.request
from importlib import metadata
from pathlib import Path
from typing import Any

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_sdist_filename, parse_wheel_filename
from packaging.version import InvalidVersion, Version

FROM_BASE = {"pyside6", "pyside6-essentials", "pyside6-addons", "shiboken6"}
HERE = Path(__file__).resolve().parent


def closure(roots: list[str], python: str) -> dict[str, str]:
    """name -> version of what ``roots`` (requirement strings) need, transitively, on Linux x86_64: the
    installed version; for a requirement the installed one does not meet (or that is not installed: a
    build requirement), the newest on PyPI that does, without its own requirements (setuptools has none)."""
    env = dict(default_environment(), python_version=python, python_full_version=f"{python}.0",
               sys_platform="linux", platform_system="Linux", platform_machine="x86_64", extra="")
    seen: dict[str, str] = {}
    todo = list(roots)
    while todo:
        req = Requirement(todo.pop())
        name = canonicalize_name(req.name)
        if name in seen or name in FROM_BASE or (req.marker is not None and not req.marker.evaluate(env)):
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            dist = None
        if dist is not None and req.specifier.contains(dist.version, prereleases=True):
            seen[name] = dist.version
            todo += dist.requires or []
        else:
            versions = {v for f in index_files(name) for _k, v in [_version_of(f["filename"])] if v is not None}
            best = max(req.specifier.filter(versions), default=None)
            if best is None:
                raise SystemExit(f"{req}: no version on PyPI meets it")
            seen[name] = str(best)
    return dict(sorted(seen.items()))


def index_files(name: str) -> list[dict[str, Any]]:
    """PyPI's files of a project, from its simple index (PEP 691 JSON: what pip reads), yanked ones left out."""
    req = urllib.request.Request(f"https://pypi.org/simple/{canonicalize_name(name)}/",
                                 headers={"Accept": "application/vnd.pypi.simple.v1+json"})
    with urllib.request.urlopen(req, timeout=30) as r:  # noqa: S310 - a fixed https address
        return [f for f in json.load(r)["files"] if not f.get("yanked")]


def fits(filename: str, python: str) -> bool:
    cp = "cp" + python.replace(".", "")
    try:
        _n, _v, _b, tags = parse_wheel_filename(filename)
    except ValueError:
        return False
    for t in tags:
        linux = t.platform == "any" or (re.match(r"(many|musl)linux", t.platform) is not None
                                        and t.platform.endswith("x86_64") and t.platform.startswith("many"))
        py_ok = (t.interpreter in ("py3", "py2.py3") and t.abi == "none") or \
            (t.abi == "abi3" and t.interpreter.startswith("cp3") and int(t.interpreter[3:]) <= int(cp[3:])) or \
            (t.interpreter == cp and t.abi == cp)
        if linux and py_ok:
            return True
    return False


def _version_of(filename: str) -> tuple[str, Version | None]:
    try:
        if filename.endswith(".whl"):
            return "wheel", parse_wheel_filename(filename)[1]
        return "sdist", parse_sdist_filename(filename)[1]
    except (InvalidVersion, ValueError):
        return "other", None


def pypi_file(name: str, version: str, python: str) -> dict[str, str]:
    """The file to ship for ``name==version``, with its sha256 as PyPI publishes it."""
    files = index_files(name)
    wanted = Version(version)
    mine = [(kind, f) for f in files for kind, v in [_version_of(f["filename"])] if v == wanted]
    wheels = [f for kind, f in mine if kind == "wheel" and fits(f["filename"], python)]
    # the most widely compatible wheel first (pure, then the oldest manylinux), else the sdist
    wheels.sort(key=lambda f: ("none-any" not in f["filename"], f["filename"]))
    pick = wheels[0] if wheels else next((f for kind, f in mine if kind == "sdist"), None)
    if pick is None or "sha256" not in pick.get("hashes", {}):
        raise SystemExit(f"{name} {version}: no wheel for Linux x86_64 / Python {python} and no sdist on PyPI")
    return {"type": "file", "url": pick["url"], "sha256": pick["hashes"]["sha256"]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--python", default="3.13")
    ap.add_argument("--out", type=Path, default=HERE / "python3-modules.json")
    args = ap.parse_args()
    pyproject = tomllib.loads((HERE.parents[1] / "pyproject.toml").read_text("utf-8"))
    # the run-time dependencies, from the checkout's pyproject, and what building credwallet itself needs
    dists = closure(pyproject["project"]["dependencies"] + pyproject["build-system"]["requires"], args.python)
    names = list(dists)
    sources = [pypi_file(n, v, args.python) for n, v in dists.items()]
    module = {
        "name": "python3-modules",
        "buildsystem": "simple",
        "build-commands": [
            "pip3 install --verbose --exists-action=i --no-index --find-links=\"file://${PWD}\" "
            "--prefix=${FLATPAK_DEST} --no-build-isolation " + " ".join(names)],
        "sources": sources,
        "x-generated-by": "packaging/flatpak/make_python_modules.py",
        "x-pinned": dists,
    }
    args.out.write_text(json.dumps(module, indent=2) + "\n", "utf-8")
    print(f"{args.out}: {len(sources)} packages for Python {args.python}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
