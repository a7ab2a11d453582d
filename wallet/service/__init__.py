"""The Wallet facade, the one door of ui/** (which imports only this, wallet.model, .errors, .paths): use cases over one
``Session`` (desktop and exchange ones as mixins), one delegating line per method; long ones take progress/cancel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import __version__, expiry, images, labels, messages, paths
from .. import settings as S
from ..bounded import prestart
from ..clock import Clock, iso, system_clock
from ..crypto.pointers import pointer_label, value_at
from ..demo import example_badge, make_demo_wallet
from ..fsutil import ensure_private_dir, read_capped, require_folder, write_atomic
from ..settings import (AUTOLOCK_MINUTES, CHECK_SECONDS, MAX_FILE_BYTES, MAX_INPUT_BYTES, PROFILE_NAME, SETTINGS,
                        VERIFIER_URL, Setting, verifier_url)
from ..vault import Keystore, Vault
from ..vault.keys import UnlockThrottle
from ..vault.store import Store
from ..verify.inputs import Checked, check_bytes
from . import backup as backing, checking, collection, importing, portfolio, sharing
from .desktop import DesktopUseCases
from .exchange import ExchangeUseCases
from .backup import RestoreResult
from .checking import (STATUS_WORDS, check_file, check_presentation, is_qr_text, issuer_confirmation, read_input,
                       rechecked_fields, verdict_headline, verify_input)
from .collection import readable_original
from .importing import IMPORT_BATCH
from .session import (CancelFlag, ImportResult, Progress, Session, SessionAttr, UseCase, credential_id_for,
                      require_wallet)
from .sharing import (DEFAULT_AUDIENCE, DisclosedView, DisclosureOptions, FieldChoice, Shared, disclosure_options,
                      qr_version, sequence_hint, shown_by_default)

DEFAULT_MAX_FILE_BYTES, VERIFIER_URL_SETTING = MAX_INPUT_BYTES, VERIFIER_URL.key


class Wallet(DesktopUseCases, ExchangeUseCases):
    FETCH_CACHE = S.FETCH_CACHE

    def __init__(self, vault: Vault | Session, clock: Clock = system_clock):
        self.session = vault if isinstance(vault, Session) else Session(vault, clock)

    # -- opening ------------------------------------------------------------------------------
    home = staticmethod(paths.wallet_dir)
    exists = staticmethod(Vault.exists)
    prepare_checks = staticmethod(prestart)  # start the checking process early (the desktop app, at start-up)

    @classmethod
    def create(cls, home: Path, passphrase: str) -> tuple[Wallet, str]:
        session, code = Session.create(home, passphrase)
        return cls(session), code

    @classmethod
    def open(cls, home: Path, passphrase: str, *, throttle: UnlockThrottle | None = None) -> Wallet:
        return cls(Session.open(home, passphrase, throttle=throttle))

    @classmethod
    def open_with_keyring(cls, home: Path, keystore: Keystore) -> Wallet | None:
        session = Session.open_with_keyring(home, keystore)
        return None if session is None else cls(session)

    @classmethod
    def recover(cls, home: Path, recovery_code: str, new_passphrase: str) -> Wallet:
        return cls(Session.recover(home, recovery_code, new_passphrase))

    @classmethod
    def restore_new(cls, home: Path, path: Path, *, passphrase: str | None = None,
                    recovery_code: str | None = None) -> tuple[Wallet, list[str]]:
        session, added = backing.restore_new(home, path, passphrase=passphrase, recovery_code=recovery_code)
        return cls(session), added

    # -- the session: vault, clock, settings, holder keys ---------------------------------------
    session: Session
    vault = SessionAttr[Vault]("vault")
    store = SessionAttr[Store]("store")  # for tests and tools; the front ends never need it
    locked = SessionAttr[bool]("locked")
    wallet_dir = SessionAttr[Path]("wallet_dir")
    wallet_id = SessionAttr[str]("wallet_id")
    clock = SessionAttr[Clock]("clock", settable=True)
    input_checker = SessionAttr[Callable[..., Any]]("input_checker", settable=True)
    max_file_bytes = SessionAttr[int]("max_file_bytes")
    check_seconds = SessionAttr[float]("check_seconds")
    online = SessionAttr[bool]("online")
    lock = UseCase(Session.lock)
    change_passphrase = UseCase(Session.change_passphrase)
    remember_in_keyring = UseCase(Session.remember_in_keyring)
    forget_in_keyring = UseCase(Session.forget_in_keyring)
    setting = UseCase(Session.setting)
    set_setting = UseCase(Session.set_setting)
    trust_list = UseCase(Session.trust_list)
    save_trust_list = UseCase(Session.save_trust_list)
    verify_context = UseCase(Session.verify_context)
    keep_fetched = UseCase(Session.keep_fetched)
    holder_dids = UseCase(Session.holder_dids)
    holder = UseCase(Session.holder)
    use_holder_p256 = UseCase(Session.use_holder_p256)
    # -- use cases --------------------------------------------------------------------------------
    import_bytes = UseCase(importing.import_bytes)
    import_paths = UseCase(importing.import_paths)
    set_online = UseCase(checking.set_online)
    verify_file = UseCase(checking.verify_file)
    verify_input = UseCase(checking.verify_input_with)
    verify_bytes = UseCase(checking.verify_bytes)
    verify_presentation = UseCase(checking.verify_presentation)
    reverify = UseCase(checking.reverify)
    trusted_issuers = UseCase(checking.trusted_issuers)
    import_trust_list = UseCase(checking.import_trust_list)
    trust_issuer = UseCase(checking.trust_issuer)
    untrust_issuer = UseCase(checking.untrust_issuer)
    export_trust_list = UseCase(checking.export_trust_list)
    present = UseCase(sharing.present)
    disclose_for = UseCase(sharing.pointers_for)
    credentials = UseCase(collection.credentials)
    get = UseCase(collection.get)
    count = UseCase(collection.count)
    delete = UseCase(collection.delete)
    tag = UseCase(collection.tag)
    untag = UseCase(collection.untag)
    note = UseCase(collection.note)
    export_original = UseCase(collection.export_original)
    disclosure_log = UseCase(collection.disclosure_log)
    synonyms = UseCase(portfolio.synonyms)
    add_synonym = UseCase(portfolio.add_synonym)
    skills = UseCase(portfolio.skills)
    elements = UseCase(portfolio.elements)
    create_stack = UseCase(portfolio.create_stack)
    stack_add = UseCase(portfolio.stack_add)
    stack_remove = UseCase(portfolio.stack_remove)
    delete_stack = UseCase(portfolio.delete_stack)
    stacks = UseCase(portfolio.stacks)
    stack_progress = UseCase(portfolio.stack_progress)
    backup = UseCase(backing.backup)
    restore = UseCase(backing.restore)
    merge_backup = UseCase(backing.merge_backup)
    reverify_many, skills_of = UseCase(checking.reverify_many), UseCase(portfolio.skills_of)


__all__ = [  # what ui/ may use besides Wallet (tests/test_architecture.py keeps ui/ to this door)
    "__version__", "AUTOLOCK_MINUTES", "CancelFlag", "check_bytes", "check_file", "check_presentation",
    "CHECK_SECONDS", "Checked", "credential_id_for", "DEFAULT_AUDIENCE", "DEFAULT_MAX_FILE_BYTES",
    "DisclosedView", "disclosure_options", "DisclosureOptions", "ensure_private_dir", "example_badge", "expiry",
    "FieldChoice", "images", "IMPORT_BATCH", "ImportResult", "is_qr_text", "iso", "issuer_confirmation",
    "Keystore", "labels", "make_demo_wallet", "MAX_FILE_BYTES", "MAX_INPUT_BYTES", "messages", "pointer_label",
    "PROFILE_NAME", "Progress", "qr_version", "read_capped", "read_input", "readable_original", "require_folder",
    "rechecked_fields", "require_wallet", "RestoreResult", "sequence_hint", "Session", "Setting", "SETTINGS",
    "Shared", "shown_by_default", "STATUS_WORDS", "value_at", "verdict_headline", "verifier_url", "VERIFIER_URL",
    "VERIFIER_URL_SETTING", "verify_input", "Wallet", "write_atomic",
]
