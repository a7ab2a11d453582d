"""The Wallet facade: the one API every front end (CLI, GUI, PDF) calls.

Synchronous and thread-agnostic; the GUI runs these calls on its single database worker.  Long
operations take ``progress(done, total, label)`` and ``cancel()`` callables with no Qt in them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import paths
from .bounded import DEFAULT_CHECK_SECONDS, BoundedChecker, check_one, prestart
from .clock import Clock, iso, system_clock
from .errors import BackupError, BadInput, Cancelled, NoWallet, WalletError
from .fetch import Fetcher
from .formats import detect
from .fsutil import read_capped, write_atomic
from .model import INVALID, Credential, Normalized, Summary, VerificationReport
from .present import holder as holder_mod
from .present import sdjwt_presentation as present_sd
from .present import vp as present_vp
from .present.holder import HolderKeys
from .vault import Keystore, Vault
from .vault import backup as backup_mod
from .vault.keys import UnlockThrottle
from .verify import engine
from .verify import trust as trust_mod
from .verify import verdict as verdict_mod
from .verify.engine import VerifyContext
from .verify.trust import TrustList

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


def verdict_headline(report: VerificationReport, normalized: Normalized | None = None) -> str:
    """The one-line verdict every front end shows (CLI, desktop, PDF): how the issuer was confirmed,
    and that an unconfirmed issuer's name is the credential's own claim.  See wallet.verify.verdict."""
    return verdict_mod.headline(report, normalized)


def issuer_confirmation(report: VerificationReport) -> dict[str, Any]:
    """How the issuer was confirmed (the rung of the ladder), for JSON output."""
    return dict(verdict_mod.confirmation(report))


STATUS_WORDS = verdict_mod.STATUS_WORDS


def credential_id_for(sha256: str) -> str:
    return sha256[:16]


DEFAULT_AUDIENCE = "https://verify.credwallet.org"


@dataclass
class Shared:
    """A presentation made by the learner (``present --json`` shape in docs/cli.md)."""

    kind: str  # "sd-jwt" | "vp"
    text: str
    audience: str
    nonce: str
    expires: str
    credential_ids: list[str]
    disclosed: list[dict[str, Any]]
    notes: list[str]

    def presentation(self) -> Any:
        from .present.qr import Presentation

        return Presentation(self.kind, self.text)


def _vp_item(c: Credential) -> dict[str, Any]:
    """How a stored credential travels inside a Verifiable Presentation."""
    from .present.vp import enveloped

    if c.format == "pdf":
        raise WalletError(f"'{c.normalized.title}' is a PDF document, not a verifiable credential; it cannot be "
                          "put in a presentation")
    parsed = detect.parse(c.original, c.id)
    info = parsed.payload if isinstance(parsed.payload, dict) else {}
    if info.get("kind") == "vc":
        return info["doc"]
    if info.get("kind") in ("jws", "ob2-signed"):
        return enveloped("application/vc+jwt" if info["kind"] == "jws" else "application/jwt", info["token"])
    raise WalletError(f"'{c.normalized.title}' ({c.format}) cannot be presented: its issuer did not sign it "
                      "(a hosted badge is checked at the issuer's site)")


def _refuse_others(creds: list[Credential], hk: HolderKeys) -> None:
    """A credential issued to another key than the one that signs the presentation would reach the employer
    as "issued to someone else": say so now rather than hand it out (the verifier's own rule decides)."""
    from .present.verifier import Presenter, presented_by_subject, subject_keys

    me = Presenter(claimed=hk.did, dids=(hk.did,), key=hk.ed25519.public_key())
    for c in creds:
        parsed = detect.parse(c.original, c.id)
        if presented_by_subject(parsed, me) is False:
            dids, _cnf = subject_keys(parsed)
            raise WalletError(f"'{c.normalized.title}' was issued to {dids[0] if dids else 'another holder key'}, "
                              "not to this wallet's holder key: an employer would see it as issued to someone else")


# parse + verify result: (parsed, report), or a one-line error message
Checked = tuple[detect.Parsed, VerificationReport] | str
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


def verify_input(data: bytes, source: str, max_bytes: int, ctx: VerifyContext) -> Any:
    """Check whatever ``verify`` was given, without storing it: a credential gives ``(parsed, report)``; a
    presentation (a VP, a VP-JWT, an SD-JWT with key binding, a credwallet QR text) is checked as
    ``verify_presentation`` checks it and gives its ``PresentationResult``."""
    if len(data) > max_bytes:
        raise BadInput(f"over the {max_bytes:,}-byte limit", path=source)
    from .present import verifier

    if verifier.is_presentation(data):
        return verifier.verify_presentation(data, ctx, source=source)
    return check_bytes(data, source, max_bytes, ctx)


VERIFIER_URL_SETTING = "share.verifier_url"


def verifier_url(value: Any) -> str:
    """The page every QR code opens: an https URL without a #fragment (http only for 127.0.0.1/localhost);
    empty means the project's default.  Anything else is refused before anything is shared."""
    import urllib.parse

    from .present.qr import DEFAULT_VERIFIER_URL

    if not value:
        return DEFAULT_VERIFIER_URL
    parts = urllib.parse.urlsplit(str(value))
    local = parts.hostname in ("127.0.0.1", "localhost", "::1")
    if parts.fragment or not parts.hostname or not (parts.scheme == "https" or (parts.scheme == "http" and local)):
        raise BadInput(f"verifier URL {str(value)[:80]!r}: expected an https URL without a #fragment "
                       "(http only for 127.0.0.1 or localhost)")
    return str(value)


class Wallet:
    # parses and verifies one input on import, in the checking process (wallet.bounded); a module-level
    # function, as it is handed to that process by name
    input_checker = staticmethod(check_one)

    def __init__(self, vault: Vault, clock: Clock = system_clock):
        self.vault = vault
        self.clock = clock

    @staticmethod
    def prepare_checks() -> None:
        """Start the import checking process in the background (the desktop app calls this at start-up, so
        the first import does not wait for it to load); the first import starts it otherwise."""
        prestart()

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
        wallet = cls(vault)
        wallet.holder()  # the learner's holder keys are made at init
        return wallet, code

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
        self._holder = None
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

    @property
    def check_seconds(self) -> float:
        """Wall-clock budget to parse and verify one input on import (wallet.bounded)."""
        return float(self.setting("import.check_seconds", DEFAULT_CHECK_SECONDS))

    # -- import -----------------------------------------------------------------------------
    def import_bytes(self, data: bytes, source: str, file_name: str | None = None, *, online: bool | None = None,
                     keep_invalid: bool = False, checked: Checked | None = None) -> ImportResult:
        """Parse, verify and store one credential (one transaction).  Never raises for bad input: the
        result says why.  Invalid credentials are refused unless ``keep_invalid``; warnings are stored
        and flagged.  ``checked`` carries a parse+verify result computed elsewhere."""
        ctx = self.verify_context(online) if checked is None else None
        if checked is None and ctx is not None:
            with BoundedChecker(ctx, self.max_file_bytes, self.check_seconds, check=self.input_checker) as checker:
                checked = checker.check(data, source)
        result, cred = self._prepare(data, source, file_name, online, keep_invalid, checked, _Pending(), ctx)
        if ctx is not None:
            self.keep_fetched(ctx)
        if cred is not None:
            try:
                with self.store.transaction() as db:
                    self.store.insert(db, cred)
            except WalletError as exc:
                result.id, result.error = None, str(exc)
        return result

    def _prepare(self, data: bytes, source: str, file_name: str | None, online: bool | None, keep_invalid: bool,
                 checked: Checked | None, pending: _Pending, ctx: VerifyContext | None = None,
                 ) -> tuple[ImportResult, Credential | None]:
        result = ImportResult(input=source)
        try:
            if checked is None:
                checked = check_bytes(data, source, self.max_file_bytes, ctx or self.verify_context(online))
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

    FETCH_CACHE = "fetch.cache"
    FETCH_CACHE_MAX = 200

    def verify_context(self, online: bool | None = None) -> VerifyContext:
        """Checks run against the learner's trust list, with what earlier online checks fetched (keys,
        DID documents, status lists) available offline, dated."""
        return VerifyContext(
            clock=self.clock,
            fetcher=Fetcher(online=self.online if online is None else online,
                            cache=dict(self.setting(self.FETCH_CACHE, {}))),
            trust=self.trust_list(),
            holder_dids=tuple(self.holder_dids()),
        )

    def holder_dids(self) -> list[str]:
        """The holder's DID, if the keys exist (reading never creates them: verifying writes nothing)."""
        ed = self.store.holder_key(holder_mod.ED25519)
        if ed is None:
            return []
        from .crypto import publickeys as keys_mod

        return ["did:key:" + keys_mod.multikey_from_jwk(ed)]

    # -- holder keys and sharing ------------------------------------------------------------
    def holder(self) -> HolderKeys:
        """The learner's holder keys, made on first use (init) and kept encrypted in the vault."""
        cached = getattr(self, "_holder", None)
        if cached is not None:
            return cached
        ed = self.store.holder_key(holder_mod.ED25519)
        p256 = self.store.holder_key(holder_mod.P256)
        now = iso(self.clock())
        if ed is None:
            key = holder_mod.generate().ed25519
            ed = holder_mod.private_jwk(key)
            self.store.set_holder_key(holder_mod.ED25519, "ed25519-1", ed, now)
        if p256 is None:
            pkey = holder_mod.generate().p256
            p256 = holder_mod.private_jwk(pkey)
            self.store.set_holder_key(holder_mod.P256, "p256-1", p256, now)
        hk = HolderKeys(holder_mod.from_private_jwk(ed), holder_mod.from_private_jwk(p256))  # type: ignore[arg-type]
        self._holder = hk
        return hk

    def use_holder_p256(self, private_jwk: dict[str, Any]) -> None:
        """Replace the P-256 holder key (the demo wallet uses the demo holder key its SD-JWT is bound to)."""
        holder_mod.from_private_jwk(private_jwk)
        self.store.set_holder_key(holder_mod.P256, "p256-demo", private_jwk, iso(self.clock()))
        self._holder = None

    def present(self, refs: list[str], disclose: list[str] | dict[str, list[str]] | None = None, *,
                audience: str | None = None, nonce: str | None = None, expires_days: int = 30,
                form: str = "file") -> Shared:
        """Make a presentation of the chosen credentials, log it, and return it.  ``disclose``: JSON
        Pointers applied to every selectively disclosable credential that has them, or a choice per
        credential id (a selectively disclosable credential left out shows only its mandatory fields)."""
        if not refs:
            raise WalletError("choose at least one credential to share")
        if not 1 <= expires_days <= 3650:
            raise WalletError("a presentation may be valid for 1 to 3650 days")
        creds = [self.get(r) for r in refs]
        audience = audience or DEFAULT_AUDIENCE
        nonce = nonce or secrets.token_urlsafe(12)
        now = self.clock()
        expires = now + dt.timedelta(days=expires_days)
        hk = self.holder()
        sd_creds = [c for c in creds if c.format == "sd-jwt-vc"]
        if sd_creds and len(creds) > 1:
            raise WalletError("share an SD-JWT credential on its own (one per presentation)")
        if sd_creds:
            c = sd_creds[0]
            token = c.original.decode("ascii").strip()
            chosen = disclose.get(c.id, []) if isinstance(disclose, dict) else disclose
            from .crypto.sdjwt import SdJwtError

            try:
                text, pointers = present_sd.present(token, chosen, hk.p256, audience=audience, nonce=nonce,
                                                    iat=int(now.timestamp()), exp=int(expires.timestamp()))
            except SdJwtError as exc:  # a tampered credential kept with --keep-invalid: never shared
                raise WalletError(f"{c.normalized.title or c.id}: cannot share it: {exc}") from exc
            shared = Shared("sd-jwt", text, audience, nonce, iso(expires), [c.id],
                            [{"id": c.id, "title": c.normalized.title, "disclosed": pointers}], [])
        else:
            vp_doc = self._make_vp(creds, disclose, hk, audience, nonce, now, expires)
            shared = Shared("vp", json.dumps(vp_doc["vp"], ensure_ascii=False), audience, nonce, iso(expires),
                            [c.id for c in creds], vp_doc["disclosed"], vp_doc["notes"])
        self.store.log_disclosure(iso(now), audience, form, shared.credential_ids, shared.disclosed, shared.expires)
        return shared

    def _make_vp(self, creds: list[Credential], disclose: list[str] | dict[str, list[str]] | None, hk: HolderKeys,
                 audience: str, nonce: str, now: dt.datetime, expires: dt.datetime) -> dict[str, Any]:
        """A Verifiable Presentation: ecdsa-sd-2023 / bbs-2023 credentials with a derived proof for the chosen
        fields (see ``present``; without a choice, all but personal details), the rest whole."""
        from .crypto.jsonld import DocumentLoader
        from .formats.vc import selective_fields
        from .present import di_sd

        docs = [(c, _vp_item(c)) for c in creds]
        _refuse_others(creds, hk)
        fields = {c.id: f for c, d in docs if (f := selective_fields(d)) is not None}
        chosen = di_sd.choose([(c.id, d) for c, d in docs], fields, disclose)
        items, disclosed, notes = [], [], []
        loader = DocumentLoader()
        for c, d in docs:
            title = c.normalized.title
            sel = fields.get(c.id)
            if sel is None:
                items.append(d)
                disclosed.append({"id": c.id, "title": title, "disclosed": "whole credential"})
                notes.append(f"'{title}' is shared as a whole: every field in it is visible")
                continue
            mandatory = sel[1]
            items.append(di_sd.derive(d, chosen[c.id], title, loader))
            disclosed.append({"id": c.id, "title": title, "disclosed": chosen[c.id], "always_shared": mandatory})
            if mandatory:
                notes.append(f"'{title}': the issuer always shows {', '.join(mandatory)}")
        vp = present_vp.make_vp(items, hk.ed25519, hk.did, domain=audience, challenge=nonce, created=iso(now),
                                expires=iso(expires), loader=loader)
        return {"vp": vp, "disclosed": disclosed, "notes": notes}

    # -- skills portfolio -------------------------------------------------------------------
    def synonyms(self) -> dict[str, str]:
        from .portfolio.skills import load_synonyms

        return load_synonyms(self.setting("skills.synonyms", {}))

    def add_synonym(self, canonical: str, alias: str) -> None:
        table = dict(self.setting("skills.synonyms", {}))
        table.setdefault(canonical, [])
        if alias not in table[canonical]:
            table[canonical].append(alias)
        self.set_setting("skills.synonyms", table)

    def skills(self, framework: str | None = None) -> list[Any]:
        from .portfolio.skills import aggregate

        return aggregate(self.store.skill_rows(), self.store.list(), self.synonyms(), framework)

    def elements(self, ref: str) -> dict[str, Any]:
        from .portfolio.elements import elements

        return elements(self.get(ref).normalized)

    def create_stack(self, name: str, target_credits: float | None = None, required_skills: list[str] | None = None) -> None:
        name = name.strip()
        if not name:
            raise WalletError("a stack needs a name")
        if target_credits is not None and target_credits <= 0:
            raise WalletError("the credit target must be positive")
        self.store.create_stack(name, target_credits, list(required_skills or []), iso(self.clock()))

    def stack_add(self, name: str, refs: list[str]) -> None:
        self.store.stack_add(name, [self.store.resolve_id(r) for r in refs])

    def stack_remove(self, name: str, ref: str) -> None:
        self.store.stack_remove(name, self.store.resolve_id(ref))

    def stacks(self) -> list[dict[str, Any]]:
        return self.store.stacks()

    def stack_progress(self, name: str) -> dict[str, Any]:
        from .errors import NotFound
        from .portfolio.stacks import progress

        stack = next((s for s in self.store.stacks() if s["name"] == name), None)
        if stack is None:
            raise NotFound(f"no stack named {name!r}")
        credits = {}
        for cid in stack["credentials"]:
            c = self.store.get(cid).normalized.credits
            if c and isinstance(c.get("value"), int | float | str):
                try:
                    credits[cid] = float(c["value"])
                except ValueError:
                    pass
        return progress(stack, credits, self.skills(), self.synonyms())

    def disclosure_log(self) -> list[dict[str, Any]]:
        return self.store.disclosures()

    def verify_presentation(self, data: Any, *, audience: str | None = None, nonce: str | None = None,
                            source: str = "presentation", online: bool | None = None) -> Any:
        from .present.verifier import verify_presentation

        return verify_presentation(data, self.verify_context(online), audience=audience, nonce=nonce, source=source)

    def verify_input(self, data: bytes, source: str, online: bool | None = None) -> Any:
        """A credential or a presentation, checked without storing it (see the module's ``verify_input``),
        against the learner's trusted issuers."""
        return verify_input(data, source, self.max_file_bytes, self.verify_context(online))

    def verify_bytes(self, data: bytes, source: str, online: bool | None = None) -> tuple[detect.Parsed, VerificationReport]:
        """Check a credential without storing it."""
        return check_bytes(data, source, self.max_file_bytes, self.verify_context(online))

    def reverify(self, ref: str, online: bool | None = None, ctx: VerifyContext | None = None) -> Credential:
        """Check a stored credential again and keep the new report (pass ``ctx`` to check many)."""
        cred = self.get(ref)
        parsed = detect.parse(cred.original, cred.file_name or cred.id)
        ctx = ctx or self.verify_context(online)
        report = engine.verify(parsed, ctx)
        self.store.set_checked(cred.id, parsed.normalized, report)
        self.keep_fetched(ctx)
        cred.report, cred.normalized = report, parsed.normalized
        return cred

    def keep_fetched(self, ctx: VerifyContext) -> None:
        """Remember what an online check fetched (newest first, bounded), inside the encrypted vault."""
        f = ctx.fetcher
        if f.cache is None or not f.dirty:
            return
        newest = sorted(f.cache.items(), key=lambda kv: kv[1].get("at", ""), reverse=True)[: self.FETCH_CACHE_MAX]
        self.set_setting(self.FETCH_CACHE, dict(newest))
        f.dirty = False

    def import_paths(
        self,
        inputs: Iterable[str | os.PathLike[str]],
        progress: Progress | None = None,
        cancel: CancelFlag | None = None,
        *,
        online: bool | None = None,
        keep_invalid: bool = False,
    ) -> list[ImportResult]:
        """Import files and folders (recursively), committing in batches."""
        files: list[Path] = []
        for item in inputs:
            p = Path(item)
            if p.is_dir():
                files += [f for f in sorted(p.rglob("*")) if f.is_file() and not f.name.startswith(".")]
            else:
                files.append(p)
        total = len(files)
        ctx = self.verify_context(online)  # built once: trust list, holder key, online flag
        results: list[ImportResult] = []
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

        def read_all() -> Iterable[tuple[tuple[Path, bytes | None], bytes | str, str]]:
            for path in files:
                try:
                    data = read_capped(path, self.max_file_bytes)
                except WalletError as exc:
                    yield (path, None), str(exc), str(path)
                else:
                    yield (path, data), data, str(path)

        # each input is parsed and verified in a worker process within its time budget (wallet.bounded)
        with BoundedChecker(ctx, self.max_file_bytes, self.check_seconds, check=self.input_checker) as checker:
            for done, ((path, data), checked) in enumerate(checker.check_many(read_all())):
                if cancel and cancel():
                    commit()
                    raise Cancelled(f"import stopped after {done} of {total} files")
                if progress:
                    progress(done, total, str(path))
                if data is None:  # the file could not be read
                    results.append(ImportResult(input=str(path), error=checked))
                    continue
                result, cred = self._prepare(data, str(path), path.name, online, keep_invalid, checked, pending, ctx)
                results.append(result)
                if cred is not None:
                    batch.append((result, cred))
                if len(batch) >= IMPORT_BATCH or time.monotonic() - last_commit > 0.5:
                    commit()
        commit()
        self.keep_fetched(ctx)
        if progress:
            progress(total, total, "")
        return results

    # -- reading ----------------------------------------------------------------------------
    def list(self, search: str | None = None, *, skill: str | None = None, framework: str | None = None,
             level: str | None = None, **filters: Any) -> list[Summary]:
        """Credentials, newest first.  ``search`` is full text; filters: status, fmt, tag, issuer, since,
        until (ISO dates), skill (any name of it, synonyms folded), framework (skills from it)."""
        ids = None
        if skill or framework:
            from .portfolio.skills import fold, skill_key

            syn = self.synonyms()
            want = skill_key(skill, None, None, None, syn)[0] if skill else None
            ids = set()
            for e in self.skills(framework):
                names = {skill_key(e.skill, None, None, None, syn)[0], skill_key(e.skill, e.framework, e.code, e.url, syn)[0]}
                if want is None or want in names or fold(skill or "") == fold(e.skill):
                    ids.update(ev.id for ev in e.credentials)
        if level:
            at = self.store.ids_at_level(level)
            ids = at if ids is None else ids & at
        return self.store.list(search, ids=ids, **filters)

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
        """Merge a backup into this wallet (see ``merge_backup``); returns the ids of the credentials added."""
        return self.merge_backup(path, passphrase=passphrase, recovery_code=recovery_code).added

    def merge_backup(self, path: Path, *, passphrase: str | None = None, recovery_code: str | None = None,
                     progress: Progress | None = None, cancel: CancelFlag | None = None) -> RestoreResult:
        """Add a backup's credentials, with their tags, notes and stacks, to this (existing) wallet.

        The backup is only as trustworthy as whoever made it, so nothing of it is taken on its word:
        each credential is parsed and checked again exactly as ``import`` does, offline, against this
        wallet's own trust list; its stored report and normalized view are discarded and rebuilt here.
        Invalid or unreadable ones are refused (listed in the result), duplicates are skipped.  This
        wallet's settings, trusted issuers, fetched keys and status lists, holder keys, disclosure log
        and the reports of the credentials it already holds are never touched.  A damaged or tampered
        file is refused before anything is written; everything else is one transaction."""
        src = Path(path)
        opened = backup_mod.read_backup(src, passphrase=passphrase, recovery_code=recovery_code)
        tables = opened.tables
        rows = _backup_rows(tables, "credentials", src)
        tags = _backup_rows(tables, "tags", src)
        stacks = _backup_rows(tables, "stacks", src)
        members = _backup_rows(tables, "stack_items", src)
        result = RestoreResult("merge")
        ctx = self.verify_context(online=False)
        pending = _Pending()
        prepared: list[Credential] = []
        id_map: dict[str, str] = {}  # the backup's credential id -> the id it has in this wallet
        total = len(rows)
        for done, row in enumerate(rows):
            if cancel and cancel():
                raise Cancelled(f"restore stopped after {done} of {total} credentials; nothing was changed")
            bid = _text(row.get("id"), "credentials", "id", src)
            if progress:
                progress(done, total, bid)
            original = row.get("original")
            file_name = row.get("file_name") if isinstance(row.get("file_name"), str) else None
            if not isinstance(original, bytes):
                result.refused.append({"id": bid, "status": None, "error": "no original credential bytes"})
                continue
            r, cred = self._prepare(original, f"{src.name}: credential {bid}", file_name, False, False, None,
                                    pending, ctx)
            if r.duplicate and r.id:
                id_map[bid] = r.id
                if r.id not in pending.status:  # not merely twice in this backup
                    result.already_present.append(r.id)
            elif cred is None:
                result.refused.append({"id": bid, "status": r.status, "error": r.error or "refused"})
            else:
                cred.notes = row.get("notes") if isinstance(row.get("notes"), str) else ""
                if isinstance(row.get("imported_at"), str) and row["imported_at"]:
                    cred.imported_at = row["imported_at"]
                id_map[bid] = cred.id
                prepared.append(cred)
        by_id = {c.id: c for c in prepared}
        for t in tags:
            cid = id_map.get(_text(t.get("credential_id"), "tags", "credential_id", src))
            tag = _text(t.get("tag"), "tags", "tag", src).strip()
            if cid in by_id and tag and tag not in by_id[cid].tags:
                by_id[cid].tags.append(tag)
        new_stacks = [_stack_row(s, src) for s in stacks]
        items = [(_text(m.get("stack"), "stack_items", "stack", src),
                  id_map.get(_text(m.get("credential_id"), "stack_items", "credential_id", src))) for m in members]
        if progress:
            progress(total, total, "")
        with self.store.transaction() as db:
            for cred in prepared:
                self.store.insert(db, cred)
            for name, target, required, created in new_stacks:
                db.execute("INSERT OR IGNORE INTO stacks VALUES (?,?,?,?)", (name, target, required, created))
            for stack, cid in items:  # into a stack of the backup, or this wallet's stack of the same name
                if cid and db.execute("SELECT 1 FROM stacks WHERE name = ?", (stack,)).fetchone():
                    db.execute("INSERT OR IGNORE INTO stack_items VALUES (?, ?)", (stack, cid))
        result.added = [c.id for c in prepared]
        result.statuses = {c.id: c.report.status for c in prepared}
        return result

    @classmethod
    def restore_new(cls, home: Path, path: Path, *, passphrase: str | None = None,
                    recovery_code: str | None = None) -> tuple[Wallet, list[str]]:
        """Recreate a wallet from a backup where none exists; the backup's passphrase opens it.  This is the
        learner's own wallet coming back, so everything returns: settings, trusted issuers, fetched keys,
        reports, holder keys and the disclosure log."""
        if Vault.exists(home):
            raise WalletError("a wallet already exists here; unlock it to restore into it", path=str(home))
        src = Path(path)
        opened = backup_mod.read_backup(src, passphrase=passphrase, recovery_code=recovery_code)
        vault = Vault._create_from(home, opened.key_header, opened.data_key)
        wallet = cls(vault)
        try:
            with wallet.store.transaction() as db:
                added = wallet.store.load_all(db, opened.tables)
        except BaseException as exc:
            vault.lock()
            for f in (Vault.header_path(home), Vault.db_path(home)):
                f.unlink(missing_ok=True)
            if isinstance(exc, KeyError | TypeError | ValueError | AttributeError):
                raise BackupError(f"backup content is not a credwallet wallet ({type(exc).__name__}: {exc})",
                                  path=str(src)) from exc
            raise
        return wallet, added


    # -- OpenID4VP: answering a verifier (issue 16; the work is in wallet/exchange/vp.py) -----------------
    def vp_offer(self, text: str, *, allow_loopback_http: bool = False, trust_roots: list[Any] | None = None) -> Any:
        """Read and check a verifier's request, and match it against the stored credentials (nothing is sent)."""
        from .exchange import vp as vp_mod
        from .exchange.http import HttpClient

        return vp_mod.offer(self, text, http=HttpClient(allow_loopback_http=allow_loopback_http),
                            trust=vp_mod.trust_from_settings(self, trust_roots or []), now=self.clock())

    def vp_decide(self, offer: Any, select: dict[str, list[str]] | None = None,
                  decline_claims: dict[str, set[str]] | None = None, decline_queries: set[str] | None = None) -> Any:
        from .exchange import vp as vp_mod

        return vp_mod.decide(offer, select, decline_claims, decline_queries)

    def vp_send(self, answer: Any) -> Any:
        """Send the answer the learner agreed to; it goes into the disclosure log."""
        from .exchange import vp as vp_mod

        return vp_mod.send(self, answer, now=self.clock())

    def vp_decline(self, offer: Any) -> Any:
        from .exchange import vp as vp_mod

        return vp_mod.decline(self, offer, now=self.clock())

    def vp_add_trust_root(self, data: bytes, source: str) -> list[str]:
        from .exchange import vp as vp_mod

        return vp_mod.add_root(self, data, source)

    def vp_add_attester(self, issuer: str, jwk: dict[str, Any]) -> None:
        from .exchange import vp as vp_mod

        vp_mod.add_attester(self, issuer, jwk)


@dataclass
class RestoreResult:
    """What restoring a backup did (the extra keys of ``restore --json`` in docs/cli.md)."""

    mode: str  # "merge": into an existing wallet; "new": a wallet made from the backup
    added: list[str] = field(default_factory=list)
    already_present: list[str] = field(default_factory=list)  # ids in this wallet
    refused: list[dict[str, Any]] = field(default_factory=list)  # {"id": id in the backup, "status", "error"}
    statuses: dict[str, str] = field(default_factory=dict)  # added id -> status of this wallet's own check


def _backup_rows(tables: dict[str, Any], table: str, src: Path) -> list[dict[str, Any]]:
    rows = tables.get(table, [])
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise BackupError(f"backup content is not a credwallet wallet (table {table})", path=str(src))
    return rows


def _text(value: Any, table: str, column: str, src: Path) -> str:
    if not isinstance(value, str):
        raise BackupError(f"backup content is not a credwallet wallet ({table}.{column} is not text)", path=str(src))
    return value


def _stack_row(row: dict[str, Any], src: Path) -> tuple[str, float | None, str, str]:
    name = _text(row.get("name"), "stacks", "name", src)
    target = row.get("target_credits")
    required = row.get("required_skills", "[]")
    try:
        skills = json.loads(required) if isinstance(required, str) else None
    except (ValueError, RecursionError):
        skills = None
    if (not name.strip() or (target is not None and (isinstance(target, bool) or not isinstance(target, int | float)))
            or not isinstance(skills, list) or not all(isinstance(s, str) for s in skills)):
        raise BackupError(f"backup content is not a credwallet wallet (stack {name[:40]!r})", path=str(src))
    created = row.get("created") if isinstance(row.get("created"), str) else ""
    return name, None if target is None else float(target), json.dumps(skills), created


def require_wallet(home: Path) -> None:
    if not Vault.exists(home):
        raise NoWallet("no wallet here; create one with 'credwallet init'", path=str(home))
