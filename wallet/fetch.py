"""The only door to the network.  Closed unless the learner turned online checks on.

Every fetch is https only, has one total deadline (connect, TLS, headers and body together, not a
timeout per read), a size cap, and goes only to global addresses: the host is resolved once, every
address it resolves to must be global (``ipaddress.ip_address(a).is_global``), and the connection is
made to that checked address itself, so a second DNS answer (DNS rebinding) cannot send it elsewhere.
Redirects are followed by hand (at most three), each one checked the same way.  Every fetch is
recorded (URL, outcome, bytes, time) for the verification report.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from .clock import iso, system_clock
from .sandbox import network_hint

DEFAULT_TIMEOUT = 10.0  # seconds, for the whole fetch
DEFAULT_MAX_BYTES = 2 * 1024 * 1024
MAX_REDIRECTS = 3
_CHUNK = 64 * 1024


class FetchRefused(Exception):
    """The fetch was not attempted (offline) or was refused/failed; the message says why."""


def _check_url(url: str) -> urllib.parse.SplitResult:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise FetchRefused(f"only https URLs are fetched, not {url[:200]!r}")
    try:
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError as exc:
        raise FetchRefused(f"malformed URL {url[:200]!r}") from exc
    return parts


def address_allowed(ip: ipaddress.IPv4Address | ipaddress.IPv6Address, allow_loopback: bool = False) -> bool:
    """Only public addresses: never private, loopback, link-local, shared, reserved or multicast ones."""
    if allow_loopback and ip.is_loopback:
        return True
    return ip.is_global and not ip.is_multicast


def resolve_checked(host: str, port: int, allow_loopback: bool = False) -> list[tuple[Any, ...]]:
    """The socket addresses to connect to, each checked; refused if any address the host has is not global."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchRefused(f"cannot resolve {host}.{network_hint()}") from exc
    out = []
    for family, _type, _proto, _name, sockaddr in infos:
        ip = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if not address_allowed(ip, allow_loopback):
            raise FetchRefused(f"{host} resolves to a private or local address ({ip}), not a public one; not fetched")
        out.append((family, sockaddr))
    if not out:
        raise FetchRefused(f"cannot resolve {host}")
    return out


def connect_checked(host: str, port: int, deadline: _Deadline, targets: list[tuple[Any, ...]],
                    allow_loopback: bool = False) -> socket.socket:
    """A socket connected to one of ``targets`` (family, address), each already checked: the checked address
    itself, never a second lookup; the peer is checked again once connected (belt and braces)."""
    last: OSError | None = None
    for family, sockaddr in targets:
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.settimeout(deadline.left())
            sock.connect(sockaddr)
            peer = ipaddress.ip_address(sock.getpeername()[0].split("%", 1)[0])
            if not address_allowed(peer, allow_loopback):
                raise FetchRefused(f"{host} connected to a non-public address ({peer}); not fetched")
            return sock
        except OSError as exc:
            sock.close()
            last = exc
        except BaseException:
            sock.close()
            raise
    raise FetchRefused(f"could not connect to {host}: {last}.{network_hint()}")


class _Deadline:
    def __init__(self, seconds: float, url: str):
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.url = url

    def left(self) -> float:
        left = self.at - time.monotonic()
        if left <= 0:
            raise FetchRefused(f"{self.url[:200]} took longer than {self.seconds:g} s; not fetched")
        return left


@dataclass
class Fetcher:
    """``cache`` maps URL -> {"at": ISO date, "body": base64}: what an earlier online check fetched.
    Offline, a cached document is used and reported with its date; online, it is refreshed.

    ``allow_loopback`` and ``ssl_context`` exist for tests that serve documents from this machine; the
    wallet never sets them."""

    online: bool = False
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    log: list[dict[str, Any]] = field(default_factory=list)
    cache: dict[str, dict[str, str]] | None = None
    dirty: bool = False
    allow_loopback: bool = False
    ssl_context: ssl.SSLContext | None = field(default=None, repr=False)

    def __getstate__(self) -> dict[str, Any]:  # an SSLContext cannot be pickled (the import worker gets a copy)
        state = dict(self.__dict__)
        state["ssl_context"] = None
        return state

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
            data = self._get(url, accept, _Deadline(self.timeout, url))
            entry.update(outcome="ok", bytes=len(data))
            if self.cache is not None:
                import base64

                self.cache[url] = {"at": entry["at"], "body": base64.b64encode(data).decode("ascii")}
                self.dirty = True
            return data
        except FetchRefused as exc:
            entry.update(outcome=str(exc))
            raise
        except (OSError, http.client.HTTPException, ValueError) as exc:
            entry.update(outcome=f"failed: {exc}")
            raise FetchRefused(f"could not fetch {url[:200]}: {exc}") from exc
        finally:
            entry["ms"] = round((time.monotonic() - started) * 1000)

    def _get(self, url: str, accept: str, deadline: _Deadline) -> bytes:
        for _hop in range(MAX_REDIRECTS + 1):
            status, location, body = self._request(url, accept, deadline)
            if status in (301, 302, 303, 307, 308):
                if not location:
                    raise FetchRefused(f"{url[:200]} redirects nowhere")
                url = urllib.parse.urljoin(url, location)
                continue
            if status != 200:
                raise FetchRefused(f"{url[:200]} answered HTTP {status}")
            return body
        raise FetchRefused(f"more than {MAX_REDIRECTS} redirects; not followed")

    def _connect(self, host: str, port: int, deadline: _Deadline) -> socket.socket:
        return connect_checked(host, port, deadline, resolve_checked(host, port, self.allow_loopback),
                               self.allow_loopback)

    def _request(self, url: str, accept: str, deadline: _Deadline) -> tuple[int, str | None, bytes]:
        parts = _check_url(url)
        host, port = parts.hostname or "", parts.port or 443
        raw = self._connect(host, port, deadline)
        live = [raw]  # the socket in use (the TLS one once the handshake starts)
        # one watchdog for the whole exchange: at the deadline the socket is shut, whatever call is waiting
        watchdog = threading.Timer(deadline.left(), _shut, (live,))
        watchdog.daemon = True
        watchdog.start()
        try:
            ctx = self.ssl_context or ssl.create_default_context()
            raw.settimeout(deadline.left())
            tls = ctx.wrap_socket(raw, server_hostname=host, do_handshake_on_connect=False)
            live[0] = tls
            tls.do_handshake()
            conn = http.client.HTTPSConnection(host, port, timeout=deadline.left(), context=ctx)
            conn.sock = tls
            try:
                path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
                conn.request("GET", path, headers={"Accept": accept, "User-Agent": "credwallet",
                                                   "Accept-Encoding": "identity", "Connection": "close"})
                tls.settimeout(deadline.left())
                resp = conn.getresponse()
                if resp.status in (301, 302, 303, 307, 308):
                    return resp.status, resp.getheader("Location"), b""
                declared = resp.getheader("Content-Length")
                if declared and declared.strip().isdigit() and int(declared) > self.max_bytes:
                    raise FetchRefused(f"{url[:200]} is larger than {self.max_bytes:,} bytes")
                body = bytearray()
                while len(body) <= self.max_bytes:
                    tls.settimeout(deadline.left())
                    chunk = resp.read1(_CHUNK) if hasattr(resp, "read1") else resp.read(_CHUNK)
                    if not chunk:
                        break
                    body += chunk
                deadline.left()
                if len(body) > self.max_bytes:
                    raise FetchRefused(f"{url[:200]} is larger than {self.max_bytes:,} bytes")
                return resp.status, None, bytes(body)
            finally:
                conn.close()
        except (OSError, http.client.HTTPException) as exc:
            deadline.left()  # past the deadline: say so, not "connection reset"
            raise FetchRefused(f"could not fetch {url[:200]}: {exc}") from exc
        finally:
            watchdog.cancel()
            live[0].close()


def _shut(live: list[socket.socket]) -> None:
    try:
        socket.socket.shutdown(live[0], socket.SHUT_RDWR)  # the plain socket call, also under TLS
    except (OSError, ValueError):
        pass
