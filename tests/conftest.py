"""Shared fixtures.  Tests never touch the real user's wallet, keyring or state dir."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from wallet.vault import Vault  # noqa: E402

PASSPHRASE = "correct horse battery staple"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


class MemoryKeyring(KeyringBackend):
    """A secure-looking in-memory keyring backend for tests."""

    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, user: str) -> str | None:
        return self.items.get((service, user))

    def set_password(self, service: str, user: str, pw: str) -> None:
        self.items[(service, user)] = pw

    def delete_password(self, service: str, user: str) -> None:
        self.items.pop((service, user), None)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--long", action="store_true", default=False,
                     help="reliability suites: multiply every count by 100 (not in CI)")


@pytest.fixture(scope="session")
def scale(request: pytest.FixtureRequest) -> int:
    return 100 if request.config.getoption("--long") else 1


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    state = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("CREDWALLET_STATE_DIR", str(state))
    monkeypatch.delenv("CREDWALLET_HOME", raising=False)
    monkeypatch.delenv("CREDWALLET_PASSPHRASE", raising=False)
    monkeypatch.delenv("CREDWALLET_NEW_PASSPHRASE", raising=False)
    monkeypatch.delenv("CREDWALLET_BACKUP_PASSPHRASE", raising=False)
    monkeypatch.delenv("CREDWALLET_RECOVERY_CODE", raising=False)
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())  # headless default: no keyring unless a test installs one


@pytest.fixture(scope="session")
def _template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes, str]:
    """One real wallet (real Argon2id) made once per session; tests get copies of it."""
    home = tmp_path_factory.mktemp("template") / "wallet"
    vault, code = Vault.create(home, PASSPHRASE)
    key = vault.data_key
    vault.lock()
    return home, key, code


@pytest.fixture
def wallet_home(_template: tuple[Path, bytes, str], tmp_path: Path) -> Path:
    home = tmp_path / "wallet"
    shutil.copytree(_template[0], home)
    return home


@pytest.fixture
def data_key(_template: tuple[Path, bytes, str]) -> bytes:
    return _template[1]


@pytest.fixture
def recovery_code(_template: tuple[Path, bytes, str]) -> str:
    return _template[2]


@pytest.fixture
def wallet(wallet_home: Path, data_key: bytes):  # noqa: ANN201
    from wallet.service import Wallet

    w = Wallet(Vault.unlock(wallet_home, data_key=data_key))
    yield w
    if not w.vault.locked:
        w.lock()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
