"""Update checks: does the project's release feed name a newer version than this one?

Off by default (setting ``updates.check``).  When the learner turned it on and a check is asked for, the feed
(``updates.feed_url``, https) is fetched once through the bounded HTTP client (one deadline, a size cap,
global addresses only), parsed strictly as untrusted input, and compared with ``wallet.__version__`` using
``packaging.version``.  The answer is a sentence and a link; nothing is ever downloaded or run.

The feed (docs/updates.md)::

    {"format": "credwallet-releases/1",
     "releases": [{"version": "0.2.0", "date": "2026-12-01", "url": "https://credwallet.org/releases/0.2.0",
                   "notes": "one line"}]}

Unknown keys are ignored (the feed may grow); a known key of the wrong type, an unparseable version, a
link that is not https, or too many entries refuses the whole feed with a ``WalletError`` naming it.
Pre-releases are offered only to someone already running a pre-release.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import asdict, dataclass
from typing import Any

from packaging.version import InvalidVersion, Version

from . import __version__, sandbox
from .errors import BadInput, CannotProceed, WalletError
from .messages import msg

DEFAULT_FEED_URL = "https://credwallet.org/releases.json"
FEED_FORMAT = "credwallet-releases/1"
FEED_SECONDS = 10.0  # the whole fetch: connect, TLS, headers and body
MAX_FEED_BYTES = 256 * 1024
MAX_RELEASES = 500
MAX_TEXT = 2000  # characters of a version, date, link or note


class UpdatesOff(WalletError):
    """The learner has not turned update checks on (exit 2: a usage matter, with how to turn them on)."""

    def __init__(self) -> None:
        super().__init__(msg("error.updates.off"))


class UpdateCheckFailed(CannotProceed):
    """The feed could not be fetched or read (exit 3)."""


@dataclass(frozen=True)
class Release:
    version: str
    url: str
    date: str = ""
    notes: str = ""


@dataclass(frozen=True)
class UpdateCheck:
    current: str
    feed_url: str
    latest: Release | None  # the newest release the feed names that applies (None: the feed lists none)

    @property
    def newer(self) -> bool:
        return self.latest is not None and Version(self.latest.version) > Version(self.current)

    def message(self) -> str:
        if self.newer and self.latest is not None:
            return msg("check.updates.available", latest=self.latest.version, current=self.current,
                       url=self.latest.url)
        return msg("check.updates.up_to_date", current=self.current)

    def to_json(self) -> dict[str, Any]:
        return {"current": self.current, "newer": self.newer, "latest": asdict(self.latest) if self.latest else None,
                "feed_url": self.feed_url, "message": self.message()}


def feed_url(value: Any) -> str:
    """The release feed's address: https (http only to 127.0.0.1, ::1 or localhost, for tests); empty: the
    project's feed."""
    if not value:
        return DEFAULT_FEED_URL
    text = str(value)
    try:
        parts = urllib.parse.urlsplit(text)
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        parts = urllib.parse.urlsplit("")
    local = parts.hostname in ("127.0.0.1", "localhost", "::1")
    if not parts.hostname or not (parts.scheme == "https" or (parts.scheme == "http" and local)):
        raise BadInput(f"update feed URL {text[:80]!r}: expected an https URL (http only for 127.0.0.1 or localhost)")
    return text


def _text(obj: dict[str, Any], key: str, where: str, required: bool = True) -> str:
    value = obj.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value or len(value) > MAX_TEXT:
        raise BadInput(f"{where}: {key!r} must be a non-empty string of at most {MAX_TEXT} characters")
    return value


def parse_feed(data: bytes, source: str) -> list[Release]:
    """The releases a feed names, each checked; a clear ``BadInput`` naming ``source`` on anything else."""
    from .formats.jsonutil import loads_strict

    doc = loads_strict(data, source)  # BadInput naming the feed: not UTF-8, not JSON, duplicate keys, too deep
    if not isinstance(doc, dict):
        raise BadInput("the release feed is not a JSON object", path=source)
    if doc.get("format") != FEED_FORMAT:
        raise BadInput(f"the release feed's format is {str(doc.get('format'))[:60]!r}, expected {FEED_FORMAT!r}",
                       path=source)
    entries = doc.get("releases")
    if not isinstance(entries, list):
        raise BadInput("the release feed has no 'releases' list", path=source)
    if len(entries) > MAX_RELEASES:
        raise BadInput(f"the release feed lists {len(entries)} releases (at most {MAX_RELEASES} are read)",
                       path=source)
    releases = []
    for i, entry in enumerate(entries):
        where = f"{source}: release {i + 1}"
        if not isinstance(entry, dict):
            raise BadInput(f"{where} is not a JSON object")
        version = _text(entry, "version", where)
        try:
            Version(version)
        except InvalidVersion:
            raise BadInput(f"{where}: {version[:60]!r} is not a version number") from None
        url = _text(entry, "url", where)
        parts = urllib.parse.urlsplit(url)
        if parts.scheme != "https" or not parts.netloc:
            raise BadInput(f"{where}: its link {url[:80]!r} is not an https address")
        releases.append(Release(version, url, _text(entry, "date", where, False), _text(entry, "notes", where, False)))
    return releases


def latest(releases: list[Release], current: str) -> Release | None:
    """The newest release; pre-releases count only for someone running a pre-release."""
    pre_ok = Version(current).is_prerelease
    usable = [r for r in releases if pre_ok or not Version(r.version).is_prerelease]
    return max(usable, key=lambda r: Version(r.version), default=None)


def check(url: str, *, current: str = __version__, allow_loopback_http: bool = False,
          timeout: float = FEED_SECONDS, max_bytes: int = MAX_FEED_BYTES) -> UpdateCheck:
    """Fetch the feed at ``url`` (one bounded GET, nothing else) and say whether a newer version exists."""
    from .exchange.http import ExchangeRefused, HttpClient

    client = HttpClient(allow_loopback_http=allow_loopback_http, timeout=timeout, max_bytes=max_bytes)
    try:
        resp = client.get(url)
    except ExchangeRefused as exc:
        raise UpdateCheckFailed(msg("error.updates.failed", reason=str(exc).rstrip("."), hint=sandbox.network_hint())) from None
    if resp.status != 200:
        raise UpdateCheckFailed(msg("error.updates.http", url=url[:200], status=resp.status))
    try:
        releases = parse_feed(resp.body, url[:200])
    except BadInput as exc:
        raise UpdateCheckFailed(msg("error.updates.unreadable", reason=str(exc))) from None  # with the feed named
    return UpdateCheck(current, url, latest(releases, current))
