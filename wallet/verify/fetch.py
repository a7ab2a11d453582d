"""The only door to the network.  Closed unless the learner turned online checks on.

Every fetch is https only, bounded in time and size, refuses redirects to private, loopback or
link-local addresses, and is recorded (URL, outcome, bytes, time) for the verification report.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

from ..clock import iso, system_clock

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 2 * 1024 * 1024


class FetchRefused(Exception):
    """The fetch was not attempted (offline) or was refused/failed; the message says why."""


def _check_host(host: str) -> None:
    try:
        infos = socket.getaddrinfo(host, 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise FetchRefused(f"cannot resolve {host}") from exc
    for info in infos:
        ip = ipaddress.ip_address(info[4][0])
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved or ip.is_unspecified:
            raise FetchRefused(f"{host} resolves to a private or local address ({ip}); not fetched")


def _check_url(url: str) -> urllib.parse.SplitResult:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise FetchRefused(f"only https URLs are fetched, not {url!r}")
    return parts


class _SafeRedirect(urllib.request.HTTPRedirectHandler):
    max_redirections = 3

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201
        parts = _check_url(newurl)
        _check_host(parts.hostname or "")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@dataclass
class Fetcher:
    """``cache`` maps URL -> {"at": ISO date, "body": base64}: what an earlier online check fetched.
    Offline, a cached document is used and reported with its date; online, it is refreshed."""

    online: bool = False
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    log: list[dict[str, Any]] = field(default_factory=list)
    cache: dict[str, dict[str, str]] | None = None
    dirty: bool = False

    def fetched_at(self, url: str) -> str | None:
        """When the document last used for ``url`` was fetched (for messages like 'checked 2 Nov')."""
        hit = (self.cache or {}).get(url)
        return hit.get("at") if hit else None

    def get(self, url: str, accept: str = "application/json") -> bytes:
        if not self.online:
            hit = (self.cache or {}).get(url)
            if hit is not None:
                import base64

                self.log.append({"url": url, "at": hit["at"], "outcome": f"from cache (fetched {hit['at'][:10]})"})
                return base64.b64decode(hit["body"])
            raise FetchRefused("online checks are off")
        started = time.monotonic()
        entry: dict[str, Any] = {"url": url, "at": iso(system_clock())}
        self.log.append(entry)
        try:
            parts = _check_url(url)
            _check_host(parts.hostname or "")
            opener = urllib.request.build_opener(_SafeRedirect)
            req = urllib.request.Request(url, headers={"Accept": accept, "User-Agent": "credwallet"})
            with opener.open(req, timeout=self.timeout) as resp:  # noqa: S310 - https checked above
                data = resp.read(self.max_bytes + 1)
            if len(data) > self.max_bytes:
                raise FetchRefused(f"{url} is larger than {self.max_bytes:,} bytes")
            entry.update(outcome="ok", bytes=len(data))
            if self.cache is not None:
                import base64

                self.cache[url] = {"at": entry["at"], "body": base64.b64encode(data).decode("ascii")}
                self.dirty = True
            return data
        except FetchRefused as exc:
            entry.update(outcome=str(exc))
            raise
        except (urllib.error.URLError, OSError, ValueError) as exc:
            entry.update(outcome=f"failed: {exc}")
            raise FetchRefused(f"could not fetch {url}: {exc}") from exc
        finally:
            entry["ms"] = round((time.monotonic() - started) * 1000)
