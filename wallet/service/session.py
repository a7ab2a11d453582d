"""The one Session every use case works on: the open vault, the clock, typed settings, the verification
context and the holder keys; and admission to the vault (``admit``: what import and restore store, refuse or
skip as a duplicate).  Use cases (importing, checking, sharing, portfolio, collection, backup) are functions
of a Session; they import this module and lower layers, never each other."""

from __future__ import annotations

import copy
import functools
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar, overload

from .. import settings as S
from ..bounded import check_one
from ..checker_worker import CheckSpec, context_from
from ..clock import Clock, iso, system_clock
from ..errors import NoWallet, WalletError
from ..messages import Message, msg
from ..model import INVALID, Check, Credential
from ..present import holder as holder_mod
from ..present.holder import HolderKeys
from ..vault import Keystore, Vault, check_passphrase
from ..vault.keys import UnlockThrottle
from ..vault.store import Store
from ..verify.engine import VerifyContext
from ..verify.inputs import Checked, check_bytes
from ..verify.report import holder_did
from ..verify.trust import TrustList

log = logging.getLogger(__name__)
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
        declared = key if isinstance(key, S.Setting) else S.lookup(key)
        value = self.store.get_setting(declared.key)
        if value is None:
            return copy.deepcopy(declared.default) if default is None else default
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
        DID documents, status lists) available offline, dated: the context the checking process builds from
        ``check_spec``, built here."""
        return context_from(self.check_spec(online))

    def check_spec(self, online: bool | None = None) -> CheckSpec:
        """What the checking process needs to build the verification context an import checks in (see
        ``verify_context``): the settings as stored, nothing built from them here."""
        ed = self.store.holder_key(holder_mod.ED25519)
        return {"online": self.online if online is None else bool(online),
                "fetch_cache": dict(self.setting(S.FETCH_CACHE)), "trusted_issuers": self.setting(S.TRUSTED_ISSUERS),
                "holder_jwk": {k: ed[k] for k in ("kty", "crv", "x")} if ed else None, "clock": self.clock}

    def keep_fetched(self, ctx: VerifyContext) -> None:
        """Remember what an online check fetched (newest first, bounded), inside the encrypted vault."""
        f = ctx.fetcher
        if f.cache is None or not f.dirty:
            return
        self._save_fetch_cache(f.cache)
        f.dirty = False

    def remember_fetched(self, fetched: dict[str, Any]) -> None:
        """keep_fetched for what the checking process fetched: its new cache entries, added to those kept."""
        if fetched:
            self._save_fetch_cache({**self.setting(S.FETCH_CACHE), **fetched})

    def _save_fetch_cache(self, cache: dict[str, Any]) -> None:
        newest = sorted(cache.items(), key=lambda kv: str(kv[1].get("at", "")), reverse=True)[: S.FETCH_CACHE_MAX]
        self.set_setting(S.FETCH_CACHE, dict(newest))

    # -- holder keys --------------------------------------------------------------------------
    def holder_dids(self) -> list[str]:
        """The holder's DID, if the keys exist (reading never creates them: verifying writes nothing)."""
        ed = self.store.holder_key(holder_mod.ED25519)
        if ed is None:
            return []
        return [holder_did(ed)]

    def holder(self) -> HolderKeys:
        """The learner's holder keys, made on first use (init) and kept encrypted in the vault."""
        if self._holder is not None:
            return self._holder
        ed = self.store.holder_key(holder_mod.ED25519)
        p256 = self.store.holder_key(holder_mod.P256)
        if ed is None:
            ed = holder_mod.private_jwk(holder_mod.generate().ed25519)
            self.store.set_holder_key(holder_mod.ED25519, "ed25519-1", ed, iso(self.clock()))
        if p256 is None:
            p256 = holder_mod.private_jwk(holder_mod.generate().p256)
            self.store.set_holder_key(holder_mod.P256, "p256-1", p256, iso(self.clock()))
        hk = HolderKeys(holder_mod.from_private_jwk(ed), holder_mod.from_private_jwk(p256))  # type: ignore[arg-type]
        self._holder = hk
        return hk

    def use_holder_p256(self, private_jwk: dict[str, Any]) -> None:
        """Replace the P-256 holder key (the demo wallet uses the demo holder key its SD-JWT is bound to)."""
        holder_mod.from_private_jwk(private_jwk)
        self.store.set_holder_key(holder_mod.P256, "p256-demo", private_jwk, iso(self.clock()))
        self._holder = None

    def use_holder_ed25519(self, private_jwk: dict[str, Any]) -> None:
        """Replace the Ed25519 holder key (the demo wallet uses the demo holder did:key its Blockcerts
        certificate is issued to)."""
        from cryptography.hazmat.primitives.asymmetric import ed25519

        if not isinstance(holder_mod.from_private_jwk(private_jwk), ed25519.Ed25519PrivateKey):
            raise WalletError("not an Ed25519 key")
        self.store.set_holder_key(holder_mod.ED25519, "ed25519-demo", private_jwk, iso(self.clock()))
        self._holder = None


def require_wallet(home: Path) -> None:
    if not Vault.exists(home):
        raise NoWallet("no wallet here; create one with 'credwallet init'", path=str(home))


# -- admission to the vault (import and restore admit the same way) -----------------------------
@dataclass
class ImportResult:
    """One input's outcome; ``to_json`` is the documented ``import --json`` shape."""

    input: str
    id: str | None = None
    format: str | None = None
    status: str | None = None
    checks: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    duplicate: bool = False
    issuer_id: str | None = field(default=None, repr=False)  # not in the JSON: whose credential was stored

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_json(self) -> dict[str, Any]:
        return {"input": self.input, "id": self.id, "format": self.format, "status": self.status,
                "checks": self.checks, "error": self.error, "duplicate": self.duplicate}


def credential_id_for(sha256: str) -> str:
    return sha256[:16]


class Pending:
    """Credentials accepted in the batch not yet committed (so duplicates inside one import are caught)."""

    def __init__(self) -> None:
        self.by_sha: dict[str, str] = {}
        self.by_key: dict[str, str] = {}
        self.status: dict[str, str] = {}

    def find(self, sha: str, key: str | None) -> str | None:
        return self.by_sha.get(sha) or (self.by_key.get(key) if key else None)

    def add(self, cred: Credential) -> None:
        self.by_sha[cred.sha256] = cred.id
        if cred.normalized.credential_id:
            self.by_key[cred.normalized.credential_id] = cred.id
        self.status[cred.id] = cred.report.status

    def clear(self) -> None:
        self.by_sha.clear()
        self.by_key.clear()
        self.status.clear()


def admit(s: Session, data: bytes, source: str, file_name: str | None, ctx: VerifyContext | None, keep_invalid: bool,
          checked: Checked | None, pending: Pending) -> tuple[ImportResult, Credential | None]:
    """The record to store for one input (or None, with the reason in the result).  ``checked``: the
    parse+verify result from the checking process; None checks here, in this process, in ``ctx``."""
    result = ImportResult(input=source)
    try:
        if checked is None:
            checked = check_bytes(data, source, s.max_file_bytes, ctx or s.verify_context())
        if isinstance(checked, str):
            raise WalletError(checked)
        parsed, report = checked
        result.format = parsed.format
        sha = hashlib.sha256(data).hexdigest()
        key = parsed.normalized.credential_id
        existing = pending.find(sha, key) or s.store.find_duplicate(sha, key)
        if existing:
            result.id, result.duplicate = existing, True
            result.status = pending.status.get(existing) or s.store.get(existing).report.status
            result.error = msg("error.import.duplicate", id=existing)
            return result, None
        result.status, result.checks = report.status, [c.to_json() for c in report.checks]
        if report.status == INVALID and not keep_invalid:
            bad = next((c for c in report.checks if c.status == "fail"), None)
            result.error = msg("error.import.invalid_because", reason=_nested(bad)) if bad else msg("error.import.invalid")
            return result, None
        cred = Credential(id=credential_id_for(sha), format=parsed.format, original=data, sha256=sha,
                          normalized=parsed.normalized, report=report, file_name=file_name,
                          imported_at=report.checked_at or iso(s.clock()))
        result.id, result.issuer_id = cred.id, parsed.normalized.issuer_id
        pending.add(cred)
        return result, cred
    except WalletError as exc:
        result.error = str(exc)
    except Exception as exc:  # noqa: BLE001 - a bug must not lose the rest of a bulk import
        log.error("internal error importing an input: %s", type(exc).__name__)
        result.error = msg("error.import.internal", source=source, type=type(exc).__name__)

    return result, None


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


def _nested(check: Check) -> Message | str:
    """A check's message inside another message, by its id when it has one (so that it is translated too)."""
    return Message(check.message, check.message_id, check.args) if check.message_id else check.message
