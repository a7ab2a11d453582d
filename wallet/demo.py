"""The demo wallet: a fresh wallet holding the bundled demo credentials, every one checked for real
(``credwallet --demo``, the screenshots, the tests).  Headless: no Qt."""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from . import paths

if TYPE_CHECKING:
    from .service import Wallet

def demo_files() -> list[Path]:
    folder = paths.resources_dir() / "demo" / "credentials"
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def make_demo_wallet(home: Path, passphrase: str | None = None) -> Wallet:
    """A fresh wallet in ``home`` holding the demo credentials (its key is known only to this process).

    The demo issuers go into its trusted list first, so every demo credential verifies for real."""
    from .service import Wallet

    wallet, _code = Wallet.create(home, passphrase or secrets.token_urlsafe(24))
    demo = paths.resources_dir() / "demo"
    wallet.use_holder_p256(json.loads((demo / "holder-p256.demo.jwk.json").read_text("utf-8")))
    wallet.import_trust_list(demo / "trust.json")
    wallet.import_paths(demo_files())
    ids = {s.title: s.id for s in wallet.credentials()}
    wallet.create_stack("Data analyst", 12, ["Python", "SQL", "Statistics", "Data visualisation", "Machine learning"])
    wallet.stack_add("Data analyst", [ids[t] for t in ("Data Analysis with Python", "Applied Statistics") if t in ids])
    return wallet
