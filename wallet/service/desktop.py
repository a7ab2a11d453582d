"""Use cases the desktop app's first hour needs (issue 18): a credential's badge image, what expires soon,
and whether freshly imported demo files come from issuers this wallet does not trust yet; and update checks
(issue 17: off by default, never download anything).
``DesktopUseCases`` puts them on ``Wallet`` (one line each, as in ``__init__``)."""

from __future__ import annotations

import json
from pathlib import Path
from collections.abc import Iterable
from typing import Any

from .. import expiry, images, paths, sandbox, updates
from .. import settings as S
from ..fetch import Fetcher
from ..model import Summary
from .session import ImportResult, Session, UseCase


def credential_image(s: Session, ref: str) -> Any:
    """The image to show for a credential (wallet.images.BadgeImage) or None: initials then.  A remote image
    is fetched only with online checks on (bounded), and kept in the vault."""
    fetcher = None
    if s.online:
        fetcher = Fetcher(online=True, timeout=images.FETCH_SECONDS, max_bytes=images.MAX_IMAGE_BYTES)
    return images.image_bytes(s.get(ref), s.store, fetcher)


def demo_trust_list_needed(s: Session, results: Iterable[ImportResult]) -> Path | None:
    """The demo trust list (resources/demo/trust.json) when a credential these imports stored was issued by a
    demo issuer the trust list does not name (each result says whose credential it stored): the import
    summary then says, in one line, how to trust them."""
    trust = s.trust_list()
    untrusted = {r.issuer_id for r in results if r.ok and r.id and r.issuer_id and trust.find(r.issuer_id) is None}
    if not untrusted:
        return None
    trust_file = paths.resources_dir() / "demo" / "trust.json"
    try:
        demo_ids = {e["id"] for e in json.loads(trust_file.read_text("utf-8"))["issuers"]}
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return trust_file if untrusted & demo_ids else None


def expiring(s: Session, within_days: int) -> list[Summary]:
    """Credentials that expire within ``within_days`` days from now, soonest first."""
    return expiry.expiring(s.store.summaries(), within_days, s.clock())


def updates_enabled(s: Session) -> bool:
    return bool(s.setting(S.UPDATES_CHECK))


def set_updates(s: Session, on: bool, feed_url: str | None = None) -> None:
    """Turn update checks on or off (and, given, set the feed's address: https; empty is the project's)."""
    if feed_url is not None:  # first: a refused address changes nothing
        s.set_setting(S.UPDATES_FEED_URL, feed_url)
    s.set_setting(S.UPDATES_CHECK, bool(on))


def update_feed_url(s: Session) -> str:
    """The release feed update checks read (the project's, unless the learner set another)."""
    return updates.feed_url(s.setting(S.UPDATES_FEED_URL))


def update_feed(s: Session) -> str:
    """The release feed to ask, or ``UpdatesOff`` (nothing fetched) when the learner has not turned checks on.
    Reads the vault only: the fetch itself (``Wallet.check_feed``) may run on any thread."""
    if not s.setting(S.UPDATES_CHECK):
        raise updates.UpdatesOff()
    return update_feed_url(s)


def check_for_updates(s: Session, *, allow_loopback_http: bool = False,
                      timeout: float = updates.FEED_SECONDS) -> updates.UpdateCheck:
    """Is a newer version out?  Only when update checks are on; one bounded GET of the feed, nothing else."""
    return updates.check(update_feed(s), allow_loopback_http=allow_loopback_http, timeout=timeout)


class DesktopUseCases:
    check_feed = staticmethod(updates.check)  # no vault: the GUI runs it on a network thread
    network_hint = staticmethod(sandbox.network_hint)  # "" unless in a sandbox without network
    NETWORK_OVERRIDE = sandbox.NETWORK_OVERRIDE  # the command that gives the Flatpak app the network

    @staticmethod
    def sandbox_without_network() -> bool:
        """True inside a Flatpak sandbox that does not share the network (the manifest's default)."""
        return sandbox.network_shared() is False

    updates_enabled = UseCase(updates_enabled)
    set_updates = UseCase(set_updates)
    update_feed = UseCase(update_feed)
    update_feed_url = UseCase(update_feed_url)
    check_for_updates = UseCase(check_for_updates)
    credential_image = UseCase(credential_image)
    demo_trust_list_needed = UseCase(demo_trust_list_needed)
    expiring = UseCase(expiring)
    use_holder_ed25519 = UseCase(Session.use_holder_ed25519)
