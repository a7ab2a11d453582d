"""The Wallet facade: the one API every front end (CLI, GUI, PDF) calls.

Synchronous and thread-agnostic; the GUI runs these calls on its single database worker.  Long
operations take ``progress(done, total, label)`` and ``cancel()`` callables with no Qt in them.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import paths
from .clock import Clock, iso, system_clock
from .errors import BadInput, Cancelled, NoWallet, WalletError
from .formats import detect
from .fsutil import read_capped, write_atomic
from .model import INVALID, Credential, Summary, VerificationReport
from .verify import engine
from .verify import trust as trust_mod
from .verify.engine import VerifyContext
from .verify.fetch import Fetcher
from .verify.trust import TrustList
from .vault import Keystore, Vault
from .vault import backup as backup_mod
from .vault.keys import UnlockThrottle

log = logging.getLogger(__name__)

DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024
Progress = Callable[[int, int, str], None]
CancelFlag = Callable[[], bool]


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

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_json(self) -> dict[str, Any]:
        return {
            "input": self.input,
            "id": self.id,
            "format": self.format,
            "status": self.status,
            "checks": self.checks,
            "error": self.error,
            "duplicate": self.duplicate,
        }


def credential_id_for(sha256: str) -> str:
    return sha256[:16]


# parse + verify result: (parsed, report), or a one-line error message
Checked = tuple[detect.Parsed, VerificationReport] | str
BULK_THRESHOLD = 48  # below this, starting worker processes costs more than it saves
IMPORT_BATCH = 100


class _Pending:
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


def check_bytes(data: bytes, source: str, max_bytes: int, ctx: VerifyContext) -> Checked:
    """Parse and verify without touching the vault (runs in worker processes too)."""
    if len(data) > max_bytes:
        raise BadInput(f"over the {max_bytes:,}-byte import limit", path=source)
    parsed = detect.parse(data, source)
    return parsed, engine.verify(parsed, ctx)


def _read_only(path: Path, max_bytes: int) -> tuple[Path, bytes | str, None]:
    try:
        return path, read_capped(path, max_bytes), None
    except WalletError as exc:
        return path, str(exc), None


_POOL: dict[str, Any] = {}


def _pool_init(spec: tuple[Any, ...], now: Any) -> None:
    online, trust, holders, max_bytes = spec
    _POOL["ctx"] = VerifyContext(clock=lambda: now, fetcher=Fetcher(online=online), trust=TrustList.from_setting(trust),
                                 holder_dids=tuple(holders))
    _POOL["max"] = max_bytes


def _pool_check(path: Path) -> tuple[Path, bytes | str, Checked | None]:
    path, data, _ = _read_only(path, _POOL["max"])
    if isinstance(data, str):
        return path, data, None
    try:
        parsed, report = check_bytes(data, str(path), _POOL["max"], _POOL["ctx"])  # type: ignore[misc]
        parsed.payload = None  # not needed once verified; spares pickling the whole document back
        return path, data, (parsed, report)
    except WalletError as exc:
        return path, data, str(exc)
    except Exception as exc:  # noqa: BLE001 - reported per file, never kills the import
        return path, data, f"{path}: internal error while reading it ({type(exc).__name__}); please report this"


class Wallet:
    def __init__(self, vault: Vault, clock: Clock = system_clock):
        self.vault = vault
        self.clock = clock

    # -- opening ----------------------------------------------------------------------------
    @staticmethod
    def home(override: str | os.PathLike[str] | None = None) -> Path:
        return paths.wallet_dir(override)

    @staticmethod
    def exists(home: Path) -> bool:
        return Vault.exists(home)

    @classmethod
    def create(cls, home: Path, passphrase: str) -> tuple[Wallet, str]:
        vault, code = Vault.create(home, passphrase)
        return cls(vault), code

    @classmethod
    def open(cls, home: Path, passphrase: str, *, throttle: UnlockThrottle | None = None) -> Wallet:
        return cls(Vault.unlock(home, passphrase=passphrase, throttle=throttle))

    @classmethod
    def open_with_keyring(cls, home: Path, keystore: Keystore) -> Wallet | None:
        vault = Vault.unlock_from_keyring(home, keystore)
        return None if vault is None else cls(vault)

    @classmethod
    def recover(cls, home: Path, recovery_code: str, new_passphrase: str) -> Wallet:
        """Open with the recovery code and set a new passphrase: nothing is lost."""
        from .vault import check_passphrase

        check_passphrase(new_passphrase)
        vault = Vault.unlock(home, recovery_code=recovery_code)
        vault.change_passphrase(new_passphrase)
        return cls(vault)

    def change_passphrase(self, new_passphrase: str) -> None:
        self.vault.change_passphrase(new_passphrase)

    def remember_in_keyring(self, keystore: Keystore) -> None:
        self.vault.remember(keystore)

    def forget_in_keyring(self, keystore: Keystore) -> None:
        keystore.delete(self.vault.wallet_id)

    def lock(self) -> None:
        self.vault.lock()

    @property
    def store(self):  # noqa: ANN201 - the vault's Store
        return self.vault.store

    # -- settings ---------------------------------------------------------------------------
    def setting(self, key: str, default: Any = None) -> Any:
        value = self.store.get_setting(key)
        return default if value is None else value

    def set_setting(self, key: str, value: Any) -> None:
        self.store.set_setting(key, value)

    @property
    def max_file_bytes(self) -> int:
        return int(self.setting("import.max_file_bytes", DEFAULT_MAX_FILE_BYTES))

    # -- import -----------------------------------------------------------------------------
    def import_bytes(self, data: bytes, source: str, file_name: str | None = None, *, online: bool | None = None,
                     keep_invalid: bool = False, checked: Checked | None = None) -> ImportResult:
        """Parse, verify and store one credential (one transaction).  Never raises for bad input: the
        result says why.  Invalid credentials are refused unless ``keep_invalid``; warnings are stored
        and flagged.  ``checked`` carries a parse+verify result computed elsewhere."""
        result, cred = self._prepare(data, source, file_name, online, keep_invalid, checked, _Pending())
        if cred is not None:
            try:
                with self.store.transaction() as db:
                    self.store.insert(db, cred)
            except WalletError as exc:
                result.id, result.error = None, str(exc)
        return result

    def _prepare(self, data: bytes, source: str, file_name: str | None, online: bool | None, keep_invalid: bool,
                 checked: Checked | None, pending: _Pending) -> tuple[ImportResult, Credential | None]:
        result = ImportResult(input=source)
        try:
            if checked is None:
                checked = check_bytes(data, source, self.max_file_bytes, self.verify_context(online))
            if isinstance(checked, str):
                raise WalletError(checked)
            parsed, report = checked
            result.format = parsed.format
            sha = hashlib.sha256(data).hexdigest()
            key = parsed.normalized.credential_id
            existing = pending.find(sha, key) or self.store.find_duplicate(sha, key)
            if existing:
                result.id, result.duplicate = existing, True
                result.status = pending.status.get(existing) or self.store.get(existing).report.status
                result.error = f"already in the wallet as {existing}"
                return result, None
            result.status, result.checks = report.status, [c.to_json() for c in report.checks]
            if report.status == INVALID and not keep_invalid:
                bad = next((c for c in report.checks if c.status == "fail"), None)
                result.error = "refused: invalid credential" + (f" ({bad.message})" if bad else "")
                return result, None
            cred = Credential(
                id=credential_id_for(sha),
                format=parsed.format,
                original=data,
                sha256=sha,
                normalized=parsed.normalized,
                report=report,
                file_name=file_name,
                imported_at=report.checked_at or iso(self.clock()),
            )
            result.id = cred.id
            pending.add(cred)
            return result, cred
        except WalletError as exc:
            result.error = str(exc)
        except Exception as exc:  # noqa: BLE001 - a bug must not lose the rest of a bulk import
            log.error("internal error importing an input: %s", type(exc).__name__)
            result.error = f"{source}: internal error while reading it ({type(exc).__name__}); please report this"
        return result, None

    # -- verification ---------------------------------------------------------------------
    @property
    def online(self) -> bool:
        return bool(self.setting("verify.online", False))

    def set_online(self, on: bool) -> None:
        self.set_setting("verify.online", bool(on))

    def trust_list(self) -> TrustList:
        return TrustList.from_setting(self.setting(trust_mod.SETTING, []))

    def save_trust_list(self, trust: TrustList) -> None:
        self.set_setting(trust_mod.SETTING, trust.to_setting())

    def import_trust_list(self, path: Path) -> int:
        from .formats.jsonutil import loads_strict

        entries = trust_mod.parse_entries(loads_strict(read_capped(Path(path), 5 << 20), str(path)), str(path))
        trust = self.trust_list()
        for e in entries:
            trust.entries[e.id] = e
        self.save_trust_list(trust)
        return len(entries)

    def verify_context(self, online: bool | None = None) -> VerifyContext:
        return VerifyContext(
            clock=self.clock,
            fetcher=Fetcher(online=self.online if online is None else online),
            trust=self.trust_list(),
            holder_dids=tuple(self.holder_dids()),
        )

    def holder_dids(self) -> list[str]:
        return list(self.setting("holder.dids", []))

    def verify_bytes(self, data: bytes, source: str, online: bool | None = None) -> tuple[detect.Parsed, VerificationReport]:
        """Check a credential without storing it."""
        if len(data) > self.max_file_bytes:
            raise BadInput(f"over the {self.max_file_bytes:,}-byte limit", path=source)
        parsed = detect.parse(data, source)
        return parsed, engine.verify(parsed, self.verify_context(online))

    def verify_bytes_checked(self, data: bytes, source: str, online: bool | None = None) -> Checked:
        return check_bytes(data, source, self.max_file_bytes, self.verify_context(online))

    def reverify(self, ref: str, online: bool | None = None) -> Credential:
        """Check a stored credential again and keep the new report."""
        cred = self.get(ref)
        parsed = detect.parse(cred.original, cred.file_name or cred.id)
        report = engine.verify(parsed, self.verify_context(online))
        self.store.set_report(cred.id, report)
        cred.report = report
        return cred

    def import_paths(
        self,
        inputs: Iterable[str | os.PathLike[str]],
        progress: Progress | None = None,
        cancel: CancelFlag | None = None,
        *,
        online: bool | None = None,
        keep_invalid: bool = False,
        workers: int | None = None,
    ) -> list[ImportResult]:
        """Import files and folders (recursively).  Large imports parse and verify on every core."""
        files: list[Path] = []
        for item in inputs:
            p = Path(item)
            if p.is_dir():
                files += [f for f in sorted(p.rglob("*")) if f.is_file() and not f.name.startswith(".")]
            else:
                files.append(p)
        total = len(files)
        workers = workers if workers is not None else (min(os.cpu_count() or 1, 4) if total >= BULK_THRESHOLD else 1)
        ctx = self.verify_context(online)
        spec = (ctx.online, self.setting(trust_mod.SETTING, []), ctx.holder_dids, self.max_file_bytes)
        results: list[ImportResult] = []
        pool = None
        try:
            if workers > 1:
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor

                # spawn, never fork: a forked child would inherit the open database and the key in memory
                pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                           initializer=_pool_init, initargs=(spec, self.clock()))
                checked_iter: Iterable[tuple[Path, bytes | str, Checked | None]] = pool.map(
                    _pool_check, files, chunksize=8)
            else:
                checked_iter = (_read_only(f, self.max_file_bytes) for f in files)
            # Stored in batches: one transaction (one fsync) per batch instead of per credential.
            # A crash loses at most the batch in flight; every committed batch is intact.
            batch: list[tuple[ImportResult, Credential]] = []
            pending = _Pending()
            last_commit = time.monotonic()

            def commit() -> None:
                nonlocal last_commit
                if batch:
                    try:
                        with self.store.transaction() as db:
                            for _r, cred in batch:
                                self.store.insert(db, cred)
                    except WalletError as exc:
                        for r, _c in batch:
                            r.id, r.error = None, str(exc)
                    batch.clear()
                    pending.clear()
                last_commit = time.monotonic()

            for done, (path, data, checked) in enumerate(checked_iter):
                if cancel and cancel():
                    commit()
                    raise Cancelled(f"import stopped after {done} of {total} files")
                if progress:
                    progress(done, total, str(path))
                if isinstance(data, str):  # could not read the file
                    results.append(ImportResult(input=str(path), error=data))
                    continue
                result, cred = self._prepare(data, str(path), path.name, online, keep_invalid, checked, pending)
                results.append(result)
                if cred is not None:
                    batch.append((result, cred))
                if len(batch) >= IMPORT_BATCH or time.monotonic() - last_commit > 0.5:
                    commit()
            commit()
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
        if progress:
            progress(total, total, "")
        return results

    # -- reading ----------------------------------------------------------------------------
    def list(self, search: str | None = None) -> list[Summary]:
        return self.store.list(search)

    def get(self, ref: str) -> Credential:
        return self.store.get(self.store.resolve_id(ref))

    def count(self) -> int:
        return self.store.count()

    # -- editing ----------------------------------------------------------------------------
    def delete(self, ref: str) -> str:
        cid = self.store.resolve_id(ref)
        self.store.delete(cid)
        return cid

    def tag(self, ref: str, tag: str) -> None:
        tag = tag.strip()
        if not tag:
            raise WalletError("a tag cannot be empty")
        self.store.add_tag(self.store.resolve_id(ref), tag)

    def untag(self, ref: str, tag: str) -> None:
        self.store.remove_tag(self.store.resolve_id(ref), tag.strip())

    def note(self, ref: str, text: str) -> None:
        self.store.set_notes(self.store.resolve_id(ref), text)

    def export_original(self, ref: str, out: Path) -> Path:
        cred = self.get(ref)
        write_atomic(Path(out), cred.original)
        return Path(out)

    # -- backup -----------------------------------------------------------------------------
    def backup(self, out: Path) -> int:
        return backup_mod.write_backup(Path(out), self.vault.header, self.vault.data_key, self.store.dump())

    def restore(self, path: Path, *, passphrase: str | None = None, recovery_code: str | None = None) -> list[str]:
        """Add every credential from a backup that is not already here, in one transaction."""
        opened = backup_mod.read_backup(Path(path), passphrase=passphrase, recovery_code=recovery_code)
        return self._load_backup(opened)

    def _load_backup(self, opened: backup_mod.OpenedBackup) -> list[str]:
        have = {r[0] for r in self.store.db.execute("SELECT id FROM credentials")}
        shas = {r[0] for r in self.store.db.execute("SELECT sha256 FROM credentials")}
        skip = set(have)
        for row in opened.tables.get("credentials", []):
            if row.get("sha256") in shas:
                skip.add(row["id"])
        with self.store.transaction() as db:
            return self.store.load_rows(db, opened.tables, skip)

    @classmethod
    def restore_new(cls, home: Path, path: Path, *, passphrase: str | None = None,
                    recovery_code: str | None = None) -> tuple[Wallet, list[str]]:
        """Recreate a wallet from a backup where none exists; the backup's passphrase opens it."""
        if Vault.exists(home):
            raise WalletError("a wallet already exists here; unlock it to restore into it", path=str(home))
        opened = backup_mod.read_backup(Path(path), passphrase=passphrase, recovery_code=recovery_code)
        vault = Vault._create_from(home, opened.key_header, opened.data_key)
        wallet = cls(vault)
        try:
            added = wallet._load_backup(opened)
        except BaseException:
            vault.lock()
            for f in (Vault.header_path(home), Vault.db_path(home)):
                f.unlink(missing_ok=True)
            raise
        return wallet, added


def require_wallet(home: Path) -> None:
    if not Vault.exists(home):
        raise NoWallet("no wallet here; create one with 'credwallet init'", path=str(home))
