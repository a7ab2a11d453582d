"""What every check of a credential shares: the context it runs in (clock, fetcher, trust list, document
loader, key resolver) and the report it adds its checks to."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..clock import Clock, iso, system_clock
from ..crypto.did import KeyResolver
from ..crypto.publickeys import multikey_from_jwk
from ..crypto.jsonld import DocumentLoader
from ..fetch import Fetcher
from ..messages import msg
from ..model import NOT_CONFIRMED, Check, VerificationReport
from . import verdict
from .trust import TrustList

log = logging.getLogger(__name__)


@dataclass
class VerifyContext:
    clock: Clock = system_clock
    fetcher: Fetcher = field(default_factory=Fetcher)
    trust: TrustList = field(default_factory=TrustList)
    extra_documents: dict[str, Any] = field(default_factory=dict)  # tests: contexts not bundled
    holder_dids: tuple[str, ...] = ()

    # Made on first use: a context built only to be handed to the checking process (import) never loads
    # JSON-LD or resolves a key in the parent.
    @cached_property
    def loader(self) -> DocumentLoader:
        return DocumentLoader(self.fetcher, self.extra_documents)

    @cached_property
    def resolver(self) -> KeyResolver:
        return KeyResolver(self.fetcher, self.trust.key_map())

    @property
    def online(self) -> bool:
        return self.fetcher.online


def holder_did(public_jwk: dict[str, Any]) -> str:
    """The holder's DID (a did:key) from their Ed25519 key, as VerifyContext.holder_dids lists it."""
    return "did:key:" + multikey_from_jwk(public_jwk)


class Report:
    def __init__(self, ctx: VerifyContext):
        self.ctx = ctx
        self.at = iso(ctx.clock())
        self.checks: list[Check] = []
        self.issuer: dict[str, Any] = {"confirmation": NOT_CONFIRMED}  # see VerificationReport.issuer
        self.of_status_list = False  # checking a fetched status list itself: its own status is not followed

    def add(self, cid: str, status_: str, message: str, important: bool = True) -> None:
        self.checks.append(Check(cid, status_, message, self.at, important))

    def finish(self, unverifiable: bool = False) -> VerificationReport:
        overall = verdict.rollup(self.checks, unverifiable)
        return VerificationReport(overall, self.checks, self.at, list(self.ctx.fetcher.log), dict(self.issuer))


def unforeseen_failure(exc: BaseException) -> str:
    """The failed-check message for an input that made a check fail in a way no check foresaw."""
    log.warning("unforeseen failure while checking a credential: %s", type(exc).__name__)
    if isinstance(exc, RecursionError):
        return msg("check.unforeseen.too_deep")
    if isinstance(exc, MemoryError):
        return msg("check.unforeseen.too_large")
    return msg("check.unforeseen.malformed", type=type(exc).__name__, detail=str(exc)[:120])
