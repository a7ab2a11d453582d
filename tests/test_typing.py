"""mypy on wallet/, with the configuration in pyproject.toml ([tool.mypy]: normal on the core, strict on
wallet.model).  A type error in the core fails the suite as a pyflakes error does."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.timeout(900)
def test_mypy_is_clean_on_wallet() -> None:
    try:
        from mypy import api
    except ImportError:
        pytest.skip("mypy is not installed (pip install -e '.[test]' brings it)")
    with tempfile.TemporaryDirectory() as cache:
        out, err, status = api.run(["--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", cache,
                                    "--no-error-summary", "--hide-error-context", str(ROOT / "wallet")])
    assert status == 0, out + err


def test_mypy_checks_the_model_strictly() -> None:
    """The strict flags are on for wallet.model and the service facade (set flag by flag: "strict" in a
    per-module section would turn them on everywhere), and the rest of the core is checked too."""
    import tomllib

    conf = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mypy"]
    assert conf["files"] == ["wallet"] and conf["check_untyped_defs"] is True
    model = next(o for o in conf["overrides"] if "wallet.model" in o["module"])
    assert {"wallet.service", "wallet.service.*"} <= set(model["module"])
    assert not any(o.get("ignore_errors") for o in conf["overrides"])  # no part of the core is skipped
    for flag in ("disallow_untyped_defs", "disallow_any_generics", "warn_return_any", "disallow_untyped_calls"):
        assert model.get(flag) is True, flag
    assert not any(o.get("strict") for o in conf["overrides"])
