"""Where things live.  One place, with environment overrides for tests and portable use.

- ``CREDWALLET_HOME``: the wallet directory (database + key header).  ``--wallet DIR`` wins over it.
- ``CREDWALLET_STATE_DIR``: machine-local state that is not part of the wallet (unlock throttling).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "credwallet"
APP_ID = "org.credwallet.CredWallet"

DB_NAME = "wallet.db"
HEADER_NAME = "wallet.header.json"


def wallet_dir(override: str | os.PathLike[str] | None = None) -> Path:
    if override:
        return Path(override).expanduser()
    env = os.environ.get("CREDWALLET_HOME")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def state_dir() -> Path:
    env = os.environ.get("CREDWALLET_STATE_DIR")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))


def resources_dir() -> Path:
    """The bundled resources (contexts, demo credentials, icons, translations, skills).

    Installed from a wheel (or frozen by PyInstaller) they are the package data ``wallet/resources``;
    in a checkout (also an editable install) they are the repository's top-level ``resources/``."""
    here = Path(__file__).resolve().parent
    packaged = here / "resources"
    if packaged.is_dir():
        return packaged
    return here.parent / "resources"
