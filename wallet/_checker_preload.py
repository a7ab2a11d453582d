"""Imported once by the checking process when it starts (wallet.checker_worker): loads the wallet and warms
the JSON-LD caches with a bundled demo credential, so the first input is not charged for the warm-up."""

from __future__ import annotations

from .verify import inputs  # noqa: F401 - the modules every check needs

assert inputs


def _warm() -> None:
    from . import paths
    from .formats import detect
    from .verify import engine

    try:
        demo = paths.resources_dir() / "demo" / "credentials" / "ob3-data-analysis-python.json"
        engine.verify(detect.parse(demo.read_bytes(), "warm-up"))
    except Exception:  # noqa: BLE001 - warming is an optimisation only
        pass


_warm()
