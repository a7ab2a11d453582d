"""The wheel a learner (or a bundler) installs carries everything the app needs.

`python -m build` makes the sdist and then the wheel *from that sdist*, as a release would; the wheel is
installed with `--no-deps` into a fresh folder outside the checkout and run from there with only that
folder and this venv's site-packages on the path (`python -S`: no .pth, so not even the editable install
can reach back into the checkout).  A file that exists only in the checkout shows up here as a
failure: a JSON-LD credential that no longer verifies, a demo that cannot be built.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

import wallet
from wallet import paths

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
_IGNORE_ANYWHERE = shutil.ignore_patterns(".git", ".venv", "*.egg-info", "__pycache__", "*.pyc", ".pytest_cache",
                                          ".hypothesis", "node_modules")


def IGNORE(folder: str, names: list[str]) -> set[str]:  # noqa: N802 - used like shutil's ignore patterns
    """What a build leaves in the checkout (build/, dist/, out/ at the top) never goes in; the web verifier's
    committed bundle (ui/web/verifier/dist) does."""
    top = {"build", "dist", "out"} if Path(folder) == ROOT else set()
    return set(_IGNORE_ANYWHERE(folder, names)) | (top & set(names))

pytestmark = pytest.mark.slow


def _runtime_resources() -> set[str]:
    """Every file under resources/ that the app may read (the maintainers' .py scripts stay behind)."""
    return {p.relative_to(RESOURCES).as_posix() for p in RESOURCES.rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
            and not p.name.startswith(".")}


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess[str]:  # noqa: ANN003
    return subprocess.run(cmd, capture_output=True, text=True, timeout=240, **kw)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    pytest.importorskip("build", reason="the 'build' package is in the test extras: pip install -e '.[test]'")
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=IGNORE)  # never write build/ or *.egg-info into the checkout
    r = _run([sys.executable, "-m", "build", "--outdir", str(tmp / "dist"), str(src)])
    assert r.returncode == 0, f"python -m build failed:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}"
    (wheel,) = (tmp / "dist").glob("credwallet-*.whl")
    (sdist,) = (tmp / "dist").glob("credwallet-*.tar.gz")
    site = tmp / "site"  # outside the checkout
    r = _run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-compile", "--target", str(site),
              str(wheel)])
    assert r.returncode == 0, r.stderr[-3000:]
    venv_site = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "CREDWALLET_"))}
    env.update(PYTHONPATH=os.pathsep.join([str(site), *sorted(venv_site)]), QT_QPA_PLATFORM="offscreen",
               CREDWALLET_HOME=str(tmp / "no-wallet-here"), CREDWALLET_STATE_DIR=str(tmp / "state"),
               PYTHONDONTWRITEBYTECODE="1")
    return {"tmp": tmp, "wheel": wheel, "sdist": sdist, "site": site, "env": env}  # type: ignore[dict-item]


def _installed(built, *args: str) -> subprocess.CompletedProcess[str]:  # noqa: ANN001
    """Run the installed console script, from a folder outside the checkout, without site processing."""
    script = built["site"] / "bin" / "credwallet"
    return _run([sys.executable, "-S", str(script), *args], env=built["env"], cwd=built["tmp"])


def test_wheel_carries_the_verifier_page_and_serves_it(built) -> None:  # noqa: ANN001
    """`credwallet verifier serve` works from an installed wheel: the page and its built bundle are there (its
    JS sources and node_modules are not)."""
    with zipfile.ZipFile(built["wheel"]) as z:
        names = set(z.namelist())
    page = {n for n in names if n.startswith("ui/web_verifier/")}
    assert {"ui/web_verifier/index.html", "ui/web_verifier/verifier.css", "ui/web_verifier/dist/verifier.js",
            "ui/web_verifier/dist/manifest.json"} <= page
    assert not any("/src/" in n or "node_modules" in n for n in page)
    code = ("from ui.cli.verifier_serve import PAGE_DIR, PAGE_FILES; "
            "print(all((PAGE_DIR / f).is_file() for f in PAGE_FILES), PAGE_DIR)")
    r = _run([sys.executable, "-S", "-c", code], env=built["env"], cwd=built["tmp"])
    assert r.returncode == 0 and r.stdout.startswith("True "), r.stdout + r.stderr
    assert str(built["site"]) in r.stdout  # the installed copy, not the checkout


def test_wheel_and_sdist_carry_every_resource(built) -> None:  # noqa: ANN001
    want = _runtime_resources()
    assert {"contexts/index.json", "demo/trust.json", "skills/synonyms.json"} <= want  # the walk found them
    with zipfile.ZipFile(built["wheel"]) as z:
        names = set(z.namelist())
    in_wheel = {n.removeprefix("wallet/resources/") for n in names if n.startswith("wallet/resources/")}
    assert want - in_wheel == set(), "resources missing from the wheel"
    assert not any(n.endswith(".py") for n in in_wheel), "maintainer scripts leaked into the wheel"
    assert not any(n.startswith(("tests/", "resources/", "benchmarks/")) for n in names)
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    with tarfile.open(built["sdist"]) as t:
        members = {m.name.split("/", 1)[1] for m in t.getmembers() if "/" in m.name}
    assert {f"resources/{r}" for r in want} - members == set(), "resources missing from the sdist"
    assert {"LICENSE", "setup.py", "pyproject.toml"} <= members


def test_installed_wheel_runs_outside_the_checkout(built) -> None:  # noqa: ANN001
    r = _run([sys.executable, "-S", "-c",
              "import wallet, ui, wallet.paths as p; print(wallet.__file__); print(ui.__file__); "
              "print(p.resources_dir())"], env=built["env"], cwd=built["tmp"])
    assert r.returncode == 0, r.stderr
    for line in r.stdout.split():
        assert Path(line).is_relative_to(built["site"]), f"{line} is not from the installed wheel"
        assert not Path(line).is_relative_to(ROOT)
    r = _installed(built, "--version")
    assert r.returncode == 0 and r.stdout.strip() == f"credwallet {wallet.__version__}", (r.stdout, r.stderr)


def test_installed_wheel_verifies_a_json_ld_credential(built) -> None:  # noqa: ANN001
    """Data Integrity needs the bundled contexts: without them this is 'invalid' (JSON-LD error)."""
    demo = built["site"] / "wallet" / "resources" / "demo" / "credentials" / "ob3-data-analysis-python.json"
    r = _installed(built, "--json", "verify", str(demo))
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    report = json.loads(r.stdout)
    assert report["status"] in ("verified", "warning")
    checks = {c["id"]: c["status"] for c in report["checks"]}
    assert checks["signature"] == "pass"


def test_smoke_test_passes_on_the_installed_wheel(built) -> None:  # noqa: ANN001
    """packaging/smoke_test.py, the script that checks the frozen bundle, run here on the installed wheel:
    init + import + verify of the demo set, a QR round trip, and the --demo window grabbed offscreen."""
    wrapper = built["tmp"] / "credwallet-installed"
    env = built["env"]
    wrapper.write_text(f"#!/bin/sh\nexport PYTHONPATH='{env['PYTHONPATH']}'\n"
                       f"exec '{sys.executable}' -S '{built['site'] / 'bin' / 'credwallet'}' \"$@\"\n")
    wrapper.chmod(0o755)
    out = built["tmp"] / "smoke"
    r = _run([sys.executable, str(ROOT / "packaging" / "smoke_test.py"), str(wrapper),
              "--resources", str(built["site"] / "wallet" / "resources"), "--out", str(out)],
             env=built["env"], cwd=built["tmp"])
    assert r.returncode == 0, r.stdout + r.stderr[-3000:]
    assert [ln[:5] for ln in r.stdout.splitlines()] == ["ok  1", "ok  2", "ok  3", "ok  4"]
    seen = json.loads((out / "demo.json").read_text("utf-8"))
    n_demo = len([p for p in (paths.resources_dir() / "demo" / "credentials").iterdir() if p.is_file()])
    assert seen["rows"] == n_demo and "demo" in seen["title"] and seen["icon"]
    assert seen["statuses"].get("verified", 0) >= n_demo - 2  # the Blockcerts anchor and the plain PDF cannot be
    from PIL import Image

    with Image.open(out / "demo.png") as im:
        assert im.width >= 600 and im.height >= 400
        assert len(im.convert("RGB").resize((64, 40)).getcolors(4096) or []) > 8  # drawn, not a blank grab
