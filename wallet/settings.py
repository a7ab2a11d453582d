"""Every setting the wallet keeps, declared once: its key, default, type and what it is for.

Settings live in the encrypted vault (``settings`` table, JSON values).  Code names a setting by its
``Setting`` object, never by a bare string; ``lookup`` refuses a key that is not declared here, and
``Setting.check`` refuses a value of the wrong type, each with a ``WalletError`` that names the setting.
"""

from __future__ import annotations

import copy
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from .bounded import DEFAULT_CHECK_SECONDS
from .errors import BadInput, WalletError

T = TypeVar("T")

MAX_INPUT_BYTES = 20 * 1024 * 1024  # the one input cap: import, verify, verify-presentation (a setting raises it)
_KIND_WORDS = {bool: "on or off (true/false)", int: "a whole number", float: "a number", str: "text",
               list: "a list", dict: "a table (JSON object)"}


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One declared setting (after Electrum's ``ConfigVar``)."""

    key: str
    default: T
    type: type
    doc: str
    validate: Callable[[Any], T] | None = None  # a policy beyond the type (a URL's form)

    def check(self, value: Any) -> T:
        """``value`` if it is of this setting's type (and passes its policy); otherwise a clear WalletError."""
        kind = self.type
        ok = isinstance(value, kind) and not (kind in (int, float) and isinstance(value, bool))
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            ok, value = True, float(value)
        if not ok:
            raise BadInput(f"setting {self.key}: expected {_KIND_WORDS.get(kind, kind.__name__)}, "
                           f"got {type(value).__name__}")
        return self.validate(value) if self.validate is not None else value

    def fresh_default(self) -> T:
        return copy.deepcopy(self.default)


def verifier_url(value: Any) -> str:
    """The page every QR code opens: an https URL without a #fragment (http only for 127.0.0.1/localhost);
    empty means the project's default.  Anything else is refused before anything is shared."""
    from .present.qr import DEFAULT_VERIFIER_URL

    if not value:
        return DEFAULT_VERIFIER_URL
    parts = urllib.parse.urlsplit(str(value))
    local = parts.hostname in ("127.0.0.1", "localhost", "::1")
    if parts.fragment or not parts.hostname or not (parts.scheme == "https" or (parts.scheme == "http" and local)):
        raise BadInput(f"verifier URL {str(value)[:80]!r}: expected an https URL without a #fragment "
                       "(http only for 127.0.0.1 or localhost)")
    return str(value)


def _stored_url(value: str) -> str:
    return "" if not value else verifier_url(value)


def _stored_feed(value: str) -> str:
    from .updates import feed_url

    return "" if not value else feed_url(value)


MAX_FILE_BYTES: Setting[int] = Setting(
    "import.max_file_bytes", MAX_INPUT_BYTES, int, "largest input read for import or verification, in bytes")
CHECK_SECONDS: Setting[float] = Setting(
    "import.check_seconds", DEFAULT_CHECK_SECONDS, float, "processor-time budget to parse and verify one input")
ONLINE: Setting[bool] = Setting(
    "verify.online", False, bool, "fetch keys, DID documents and status lists during checks")
TRUSTED_ISSUERS: Setting[list[Any]] = Setting(
    "trust.issuers", [], list, "the learner's trusted issuers (wallet.verify.trust.TrustList.to_setting)")
FETCH_CACHE: Setting[dict[str, Any]] = Setting(
    "fetch.cache", {}, dict, "what online checks fetched, newest first, so later checks work offline")
SYNONYMS: Setting[dict[str, Any]] = Setting(
    "skills.synonyms", {}, dict, "the learner's own skill synonyms: canonical name -> aliases")
VERIFIER_URL: Setting[str] = Setting(
    "share.verifier_url", "", str, "the verifier page QR codes open (empty: the project's page)", _stored_url)
AUTOLOCK_MINUTES: Setting[int] = Setting(
    "gui.autolock_minutes", 10, int, "the desktop app locks after this many idle minutes (0: never)")
VP_ANSWERED_NONCES: Setting[list[Any]] = Setting(
    "exchange.vp.answered_nonces", [], list, "hashes of the OpenID4VP request nonces already answered (replays refused)")
VP_TRUST_ROOTS: Setting[list[Any]] = Setting(
    "exchange.vp.trust_roots", [], list, "PEM root certificates x509_san_dns / x509_hash verifiers are checked against")
VP_TRUSTED_ATTESTERS: Setting[dict[str, Any]] = Setting(
    "exchange.vp.trusted_attesters", {}, dict, "issuer -> public JWK of verifier attestation issuers the learner trusts")
PROFILE_NAME: Setting[str] = Setting(
    "profile.name", "", str, "the wallet owner's name, on the portfolio PDF's cover (asked once, kept)")
UPDATES_CHECK: Setting[bool] = Setting(
    "updates.check", False, bool, "ask the project's release feed whether a newer version exists (never downloads)")
UPDATES_FEED_URL: Setting[str] = Setting(
    "updates.feed_url", "", str, "the release feed update checks read (empty: the project's feed)", _stored_feed)

FETCH_CACHE_MAX = 200  # entries of FETCH_CACHE kept

SETTINGS: dict[str, Setting[Any]] = {s.key: s for s in (
    MAX_FILE_BYTES, CHECK_SECONDS, ONLINE, TRUSTED_ISSUERS, FETCH_CACHE, SYNONYMS, VERIFIER_URL, AUTOLOCK_MINUTES,
    PROFILE_NAME, VP_ANSWERED_NONCES, VP_TRUST_ROOTS, VP_TRUSTED_ATTESTERS, UPDATES_CHECK, UPDATES_FEED_URL)}


def lookup(key: str | Setting[T]) -> Setting[T]:
    """The declared setting for ``key``; an unknown key is refused."""
    name = key.key if isinstance(key, Setting) else key
    found = SETTINGS.get(name) if isinstance(name, str) else None
    if found is None:
        raise WalletError(f"unknown setting {str(name)[:60]!r} (known: {', '.join(sorted(SETTINGS))})")
    return found
