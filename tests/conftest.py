"""Shared fixtures.  Tests never touch the real user's wallet, keyring or state dir."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
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
                     help="reliability suites: the full counts, each multiplied by 100 (not in CI; by default "
                          "they run a quick subset that still covers every kind)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--long"):  # the full counts take hours: no per-test hang guard then
        for item in items:
            item.add_marker(pytest.mark.timeout(0), append=False)


@pytest.fixture(scope="session")
def scale(request: pytest.FixtureRequest) -> int:
    return 100 if request.config.getoption("--long") else 1


@pytest.fixture(scope="session")
def count(request: pytest.FixtureRequest):  # noqa: ANN201
    """``count(quick, full)``: how many rounds a reliability loop runs.  CI (the default) runs ``quick``,
    chosen so every kind is still exercised; ``--long`` runs ``full`` x 100."""
    long = request.config.getoption("--long")
    return lambda quick, full: full * 100 if long else quick


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
    from wallet import labels

    labels.use(None)  # the language a GUI test chose does not follow into the next test (CREDWALLET_LANG does)


def _windows() -> list:  # noqa: ANN202 - QWidgets, without importing Qt where no test did
    """Parentless top-level widgets alive now; empty when no QApplication (most tests never load Qt)."""
    qtw = sys.modules.get("PySide6.QtWidgets")
    app = qtw.QApplication.instance() if qtw is not None else None
    if app is None or not isinstance(app, qtw.QApplication):
        return []
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # what deleteLater() asked for
    return [w for w in app.topLevelWidgets() if w.parentWidget() is None and type(w).__name__ != "QTipLabel"]


def _address(widget) -> int:  # noqa: ANN001
    import shiboken6  # loaded already: only widgets get here

    return shiboken6.getCppPointer(widget)[0]


@pytest.fixture(autouse=True)
def _no_window_survives() -> Iterator[None]:
    """Every window a test creates is closed and deleted by the end of that test (``qtbot.addWidget``
    does both).  A survivor keeps its timers running into later tests: issue 12 saw an earlier test's
    auto-lock fire in the middle of an unrelated one.  Runs after pytest-qt has closed the widgets
    registered with qtbot; a survivor is closed and deleted here, and the test errors."""
    before = {_address(w) for w in _windows()}
    yield
    left = [w for w in _windows() if _address(w) not in before]
    if not left:
        return
    names = [f"{type(w).__name__} {w.windowTitle()!r}" for w in left]
    for w in left:
        w.close()
        w.deleteLater()
    _windows()
    pytest.fail(f"windows survived the test (register them with qtbot.addWidget): {', '.join(names)}")


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


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    """The demo wallet (every demo credential imported and really checked), once per test module."""
    from wallet.demo import make_demo_wallet

    w = make_demo_wallet(tmp_path_factory.mktemp("demo") / "w")
    yield w
    w.lock()


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One locked demo wallet per test module, with PASSPHRASE (real checks take seconds); each test opens
    it afresh."""
    from wallet.demo import make_demo_wallet

    home = tmp_path_factory.mktemp("demo") / "w"
    make_demo_wallet(home, PASSPHRASE).lock()
    return home


@pytest.fixture
def env(demo_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The command line pointed at the module's demo wallet (CREDWALLET_HOME, CREDWALLET_PASSPHRASE)."""
    monkeypatch.setenv("CREDWALLET_HOME", str(demo_home))
    monkeypatch.setenv("CREDWALLET_PASSPHRASE", PASSPHRASE)
    return demo_home

