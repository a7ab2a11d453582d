"""The one Session every use case works on: the open vault, the clock, typed settings, the verification
context and the holder keys.  Use cases (importing, checking, sharing, portfolio, collection, backup) are
functions of a Session; they import this module and lower layers, never each other."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar, overload

from .. import paths
from .. import settings as S
from ..bounded import check_one
from ..clock import Clock, iso, system_clock
from ..errors import NoWallet
from ..fetch import Fetcher
from ..model import Credential
from ..present import holder as holder_mod
from ..present.holder import HolderKeys
from ..vault import Keystore, Vault, check_passphrase
from ..vault.keys import UnlockThrottle
from ..vault.store import Store
from ..verify.engine import VerifyContext
from ..verify.trust import TrustList

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")
Progress = Callable[[int, int, str], None]
CancelFlag = Callable[[], bool]


class Session:
    # parses and verifies one input on import, in the checking process (wallet.bounded); a module-level
    # function, as it is handed to that process by name
    input_checker: Callable[..., Any] = staticmethod(check_one)

    def __init__(self, vault: Vault, clock: Clock = system_clock):
        self.vault = vault
        self.clock = clock
        self._holder: HolderKeys | None = None

    # -- opening ----------------------------------------------------------------------------
    @classmethod
    def create(cls, home: Path, passphrase: str) -> tuple[Session, str]:
        vault, code = Vault.create(home, passphrase)
        session = cls(vault)
        session.holder()  # the learner's holder keys are made at init
        return session, code

    @classmethod
    def open(cls, home: Path, passphrase: str, *, throttle: UnlockThrottle | None = None) -> Session:
        return cls(Vault.unlock(home, passphrase=passphrase, throttle=throttle))

    @classmethod
    def open_with_keyring(cls, home: Path, keystore: Keystore) -> Session | None:
        vault = Vault.unlock_from_keyring(home, keystore)
        return None if vault is None else cls(vault)

    @classmethod
    def recover(cls, home: Path, recovery_code: str, new_passphrase: str) -> Session:
        """Open with the recovery code and set a new passphrase: nothing is lost."""
        check_passphrase(new_passphrase)
        vault = Vault.unlock(home, recovery_code=recovery_code)
        vault.change_passphrase(new_passphrase)
        return cls(vault)

    def lock(self) -> None:
        self._holder = None
        self.vault.lock()

    def change_passphrase(self, new_passphrase: str) -> None:
        self.vault.change_passphrase(new_passphrase)

    def remember_in_keyring(self, keystore: Keystore) -> None:
        self.vault.remember(keystore)

    def forget_in_keyring(self, keystore: Keystore) -> None:
        keystore.delete(self.vault.wallet_id)

    @property
    def wallet_dir(self) -> Path:
        return self.vault.home

    @property
    def wallet_id(self) -> str:
        return str(self.vault.wallet_id)

    @property
    def locked(self) -> bool:
        return bool(self.vault.locked)

    @property
    def store(self) -> Store:
        return self.vault.store

    def get(self, ref: str) -> Credential:
        """A stored credential by its id or a unique prefix of it."""
        return self.store.get(self.store.resolve_id(ref))

    # -- settings (declared in wallet.settings) ---------------------------------------------
    def setting(self, key: str | S.Setting[T], default: Any = None) -> Any:
        declared = S.lookup(key)
        value = self.store.get_setting(declared.key)
        if value is None:
            return declared.fresh_default() if default is None else default
        return value

    def set_setting(self, key: str | S.Setting[T], value: Any) -> None:
        declared = S.lookup(key)
        self.store.set_setting(declared.key, declared.check(value))

    @property
    def max_file_bytes(self) -> int:
        return int(self.setting(S.MAX_FILE_BYTES))

    @property
    def check_seconds(self) -> float:
        """Budget to parse and verify one input on import (wallet.bounded)."""
        return float(self.setting(S.CHECK_SECONDS))

    @property
    def online(self) -> bool:
        return bool(self.setting(S.ONLINE))

    def trust_list(self) -> TrustList:
        return TrustList.from_setting(self.setting(S.TRUSTED_ISSUERS))

    def save_trust_list(self, trust: TrustList) -> None:
        self.set_setting(S.TRUSTED_ISSUERS, trust.to_setting())

    # -- the verification context -----------------------------------------------------------
    def verify_context(self, online: bool | None = None) -> VerifyContext:
        """Checks run against the learner's trust list, with what earlier online checks fetched (keys,
        DID documents, status lists) available offline, dated."""
        return VerifyContext(
            clock=self.clock,
            fetcher=Fetcher(online=self.online if online is None else online, cache=dict(self.setting(S.FETCH_CACHE))),
            trust=self.trust_list(),
            holder_dids=tuple(self.holder_dids()),
        )

    def keep_fetched(self, ctx: VerifyContext) -> None:
        """Remember what an online check fetched (newest first, bounded), inside the encrypted vault."""
        f = ctx.fetcher
        if f.cache is None or not f.dirty:
            return
        newest = sorted(f.cache.items(), key=lambda kv: str(kv[1].get("at", "")), reverse=True)[: S.FETCH_CACHE_MAX]
        self.set_setting(S.FETCH_CACHE, dict(newest))
        f.dirty = False

    # -- holder keys --------------------------------------------------------------------------
    def holder_dids(self) -> list[str]:
        """The holder's DID, if the keys exist (reading never creates them: verifying writes nothing)."""
        ed = self.store.holder_key(holder_mod.ED25519)
        if ed is None:
            return []
        from ..crypto import publickeys as keys_mod

        return ["did:key:" + keys_mod.multikey_from_jwk(ed)]

    def holder(self) -> HolderKeys:
        """The learner's holder keys, made on first use (init) and kept encrypted in the vault."""
        if self._holder is not None:
            return self._holder
        ed = self.store.holder_key(holder_mod.ED25519)
        p256 = self.store.holder_key(holder_mod.P256)
        now = iso(self.clock())
        if ed is None:
            ed = holder_mod.private_jwk(holder_mod.generate().ed25519)
            self.store.set_holder_key(holder_mod.ED25519, "ed25519-1", ed, now)
        if p256 is None:
            p256 = holder_mod.private_jwk(holder_mod.generate().p256)
            self.store.set_holder_key(holder_mod.P256, "p256-1", p256, now)
        hk = HolderKeys(holder_mod.from_private_jwk(ed), holder_mod.from_private_jwk(p256))  # type: ignore[arg-type]
        self._holder = hk
        return hk

    def use_holder_p256(self, private_jwk: dict[str, Any]) -> None:
        """Replace the P-256 holder key (the demo wallet uses the demo holder key its SD-JWT is bound to)."""
        holder_mod.from_private_jwk(private_jwk)
        self.store.set_holder_key(holder_mod.P256, "p256-demo", private_jwk, iso(self.clock()))
        self._holder = None


def wallet_home(override: str | os.PathLike[str] | None = None) -> Path:
    return paths.wallet_dir(override)


def require_wallet(home: Path) -> None:
    if not Vault.exists(home):
        raise NoWallet("no wallet here; create one with 'credwallet init'", path=str(home))


class UseCase(Generic[P, R]):
    """A use-case function ``fn(session, ...)`` exposed as a method of an object with a ``session``
    (``Wallet.get = UseCase(collection.get)``): one line per method, the signature kept for type checkers."""

    def __init__(self, fn: Callable[Concatenate[Session, P], R]) -> None:
        self.fn = fn
        self.__doc__ = fn.__doc__

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> UseCase[P, R]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> Callable[P, R]: ...

    def __get__(self, obj: object | None, owner: type | None = None) -> UseCase[P, R] | Callable[P, R]:
        if obj is None:
            return self
        bound: Callable[P, R] = functools.partial(self.fn, obj.session)  # type: ignore[attr-defined]
        return bound


class SessionAttr(Generic[T]):
    """An attribute of the session, read (and, where it may be, set) through its owner:
    ``Wallet.clock = SessionAttr[Clock]("clock", settable=True)``."""

    def __init__(self, name: str, *, settable: bool = False) -> None:
        self.name, self.settable = name, settable

    def __get__(self, obj: object | None, owner: type | None = None) -> T:
        if obj is None:
            return self  # type: ignore[return-value]
        value: T = getattr(obj.session, self.name)  # type: ignore[attr-defined]
        return value

    def __set__(self, obj: object, value: T) -> None:
        if not self.settable:
            raise AttributeError(f"{self.name} cannot be set")
        setattr(obj.session, self.name, value)  # type: ignore[attr-defined]
