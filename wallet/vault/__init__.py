"""The encrypted wallet on disk: key header + SQLCipher database in one owner-only folder."""

from __future__ import annotations

from pathlib import Path

from .. import paths
from ..errors import CorruptWallet, NoWallet, WalletError, WalletExists, WrongPassphrase
from ..fsutil import ensure_private_dir
from . import crypto
from .keys import SLOT_PASSPHRASE, SLOT_RECOVERY, KeyHeader, UnlockThrottle
from .keystore import Keystore
from .store import Store

MIN_PASSPHRASE = 8

__all__ = ["Vault", "Keystore", "Store", "KeyHeader", "UnlockThrottle", "check_passphrase"]


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise WalletError(f"the passphrase must have at least {MIN_PASSPHRASE} characters")


class Vault:
    """An unlocked wallet.  ``lock()`` forgets the key and closes the database."""

    def __init__(self, home: Path, header: KeyHeader, store: Store, data_key: bytes):
        self.home = home
        self.header = header
        self.store = store
        self._data_key: bytes | None = data_key

    # -- locations --------------------------------------------------------------------------
    @staticmethod
    def header_path(home: Path) -> Path:
        return home / paths.HEADER_NAME

    @staticmethod
    def db_path(home: Path) -> Path:
        return home / paths.DB_NAME

    @classmethod
    def exists(cls, home: Path) -> bool:
        return cls.header_path(home).exists()

    @property
    def wallet_id(self) -> str:
        return self.header.wallet_id

    @property
    def data_key(self) -> bytes:
        if self._data_key is None:
            from ..errors import Locked

            raise Locked("the wallet is locked")
        return self._data_key

    # -- lifecycle --------------------------------------------------------------------------
    @classmethod
    def create(cls, home: Path, passphrase: str, *, schema_version: int | None = None) -> tuple[Vault, str]:
        """Make a new wallet; returns it and the recovery code (shown once, never stored)."""
        check_passphrase(passphrase)
        if cls.exists(home):
            raise WalletExists("a wallet already exists here", path=str(home))
        ensure_private_dir(home)
        data_key = crypto.new_data_key()
        code = crypto.new_recovery_code()
        header = KeyHeader.new(passphrase, code, data_key)
        return cls._create_from(home, header, data_key, schema_version), code

    @classmethod
    def _create_from(cls, home: Path, header: KeyHeader, data_key: bytes, schema_version: int | None = None) -> Vault:
        ensure_private_dir(home)
        db = cls.db_path(home)
        if db.exists():
            raise WalletExists("a database exists here without a key header; move it away first", path=str(db))
        # Database first, header last: a crash in between leaves no header, so no half-made wallet.
        kwargs = {} if schema_version is None else {"target_version": schema_version}
        store = Store.open(db, data_key, create=True, **kwargs)
        try:
            header.save(cls.header_path(home))
        except BaseException:
            store.close()
            db.unlink(missing_ok=True)
            raise
        return cls(home, header, store, data_key)

    @classmethod
    def unlock(
        cls,
        home: Path,
        *,
        passphrase: str | None = None,
        recovery_code: str | None = None,
        data_key: bytes | None = None,
        throttle: UnlockThrottle | None = None,
    ) -> Vault:
        if not cls.exists(home):
            raise NoWallet("no wallet here; create one with 'credwallet init'", path=str(home))
        header = KeyHeader.load(cls.header_path(home))
        if data_key is None:
            throttle = throttle or UnlockThrottle()
            throttle.before_attempt(header.wallet_id)
            try:
                if recovery_code is not None:
                    data_key = header.unwrap(SLOT_RECOVERY, crypto.normalize_recovery_code(recovery_code))
                elif passphrase is not None:
                    data_key = header.unwrap(SLOT_PASSPHRASE, passphrase)
                else:
                    raise WrongPassphrase("no passphrase given")
            except WrongPassphrase:
                throttle.failed(header.wallet_id)
                raise
            throttle.succeeded(header.wallet_id)
        db = cls.db_path(home)
        if not db.exists():
            # never make an empty database here: that would show an empty wallet as if it were this one
            # (``create`` makes new wallets; a lost database comes back from a backup)
            raise CorruptWallet("the key header is here but the database (where the credentials are) is missing; "
                                "restore it from a backup, or move this folder away and make a new wallet with "
                                "'credwallet init'", path=str(db))
        store = Store.open(db, data_key)
        return cls(home, header, store, data_key)

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-wrap the data key under a new passphrase; the database is not re-encrypted."""
        check_passphrase(new_passphrase)
        header = KeyHeader.from_bytes(self.header.to_bytes())
        header.wrap(SLOT_PASSPHRASE, new_passphrase, self.data_key)
        header.save(self.header_path(self.home))
        self.header = header

    def lock(self) -> None:
        self.store.close()
        self._data_key = None

    @property
    def locked(self) -> bool:
        return self._data_key is None

    # -- keyring ----------------------------------------------------------------------------
    def remember(self, keystore: Keystore) -> None:
        keystore.set(self.wallet_id, self.data_key)

    @classmethod
    def unlock_from_keyring(cls, home: Path, keystore: Keystore) -> Vault | None:
        """The data key from the OS keyring, or None.  Raises KeyringUnavailable if the keyring can't be used."""
        if not cls.exists(home):
            raise NoWallet("no wallet here; create one with 'credwallet init'", path=str(home))
        header = KeyHeader.load(cls.header_path(home))
        key = keystore.get(header.wallet_id)
        if key is None:
            return None
        try:
            return cls.unlock(home, data_key=key)
        except WrongPassphrase:
            return None  # a stale keyring entry: fall back to the passphrase
