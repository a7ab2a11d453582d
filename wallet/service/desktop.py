"""Use cases the desktop app's first hour needs (issue 18): a credential's badge image, what expires soon,
and whether freshly imported demo files come from issuers this wallet does not trust yet.
``DesktopUseCases`` puts them on ``Wallet`` (one line each, as in ``__init__``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import expiry, images, paths
from ..fetch import Fetcher
from ..model import Summary
from .session import Session, UseCase


def credential_image(s: Session, ref: str) -> Any:
    """The image to show for a credential (wallet.images.BadgeImage) or None: initials then.  A remote image
    is fetched only with online checks on (bounded), and kept in the vault."""
    fetcher = None
    if s.online:
        fetcher = Fetcher(online=True, timeout=images.FETCH_SECONDS, max_bytes=images.MAX_IMAGE_BYTES)
    return images.image_bytes(s.get(ref), s.store, fetcher)


def demo_trust_list_needed(s: Session, ids: list[str]) -> Path | None:
    """The demo trust list (resources/demo/trust.json) when any of ``ids`` was issued by a demo issuer this
    wallet does not trust yet: the import summary then says, in one line, how to trust them."""
    trust_file = paths.resources_dir() / "demo" / "trust.json"
    try:
        demo_ids = {e["id"] for e in json.loads(trust_file.read_text("utf-8"))["issuers"]}
    except (OSError, ValueError, KeyError, TypeError):
        return None
    trusted = set(s.trust_list().entries)
    for ref in ids:
        issuer = s.get(ref).normalized.issuer_id
        if issuer in demo_ids and issuer not in trusted:
            return trust_file
    return None


def expiring(s: Session, within_days: int) -> list[Summary]:
    """Credentials that expire within ``within_days`` days from now, soonest first."""
    return expiry.expiring(s.store.summaries(), within_days, s.clock())


class DesktopUseCases:
    credential_image = UseCase(credential_image)
    demo_trust_list_needed = UseCase(demo_trust_list_needed)
    expiring = UseCase(expiring)
    use_holder_ed25519 = UseCase(Session.use_holder_ed25519)
