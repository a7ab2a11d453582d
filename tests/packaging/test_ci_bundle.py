"""packaging/ci_bundle.sh decides whether CI builds the Linux bundle: by a hash of its inputs, compared with the
stamp of the last bundle someone verified.  Checked on a copy of the inputs, without building anything."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    if shutil.which("sha256sum") is None:
        pytest.skip("sha256sum (coreutils) is not installed")
    shutil.copytree(ROOT / "packaging", tmp_path / "packaging", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "setup.py"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def job(tree: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(tree / "packaging" / "ci_bundle.sh"), *args], capture_output=True, text=True,
                          timeout=60)


def test_the_committed_stamp_names_a_verified_run() -> None:
    text = (ROOT / "packaging" / "bundle-verified.txt").read_text("utf-8")
    assert "inputs-sha256: " in text and "verified: " in text and " s on Linux" in text


def test_inputs_decide_and_the_flatpak_files_and_the_stamp_do_not(tree: Path) -> None:
    first = job(tree, "hash").stdout.strip()
    assert len(first) == 64
    (tree / "packaging" / "flatpak" / "python3-modules.json").write_text("{}\n")  # not in the bundle
    (tree / "packaging" / "bundle-verified.txt").write_text(f"inputs-sha256: {first}\n")
    assert job(tree, "hash").stdout.strip() == first
    assert job(tree, "check").returncode == 0
    with open(tree / "packaging" / "credwallet.spec", "a") as spec:  # an input: CI must build again
        spec.write("\n# changed\n")
    changed = job(tree, "check")
    assert changed.returncode == 1 and "changed" in changed.stdout
    (tree / "packaging" / "credwallet.spec").write_text((ROOT / "packaging" / "credwallet.spec").read_text())
    assert job(tree, "check").returncode == 0
    (tree / "setup.py").write_text("# another setup\n")
    assert job(tree, "check").returncode == 1


def test_stamp_needs_a_successful_run_of_the_same_inputs(tree: Path) -> None:
    out = tree / "out"
    refused = job(tree, "stamp", str(out))
    assert refused.returncode == 2 and "no successful run" in refused.stderr
    out.mkdir()
    (out / "verified.txt").write_text("inputs-sha256: " + "0" * 64 + "\nverified: earlier\n")  # other inputs
    stale = job(tree, "stamp", str(out))
    assert stale.returncode == 1 and "changed since that run" in stale.stderr
    now = job(tree, "hash").stdout.strip()
    (out / "verified.txt").write_text(f"inputs-sha256: {now}\nverified: now in 1 s on Linux x86_64\n")
    assert job(tree, "stamp", str(out)).returncode == 0
    assert job(tree, "check").returncode == 0
