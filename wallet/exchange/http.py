"""Bounded HTTP for the OpenID4VCI / OpenID4VP clients.

The same rules as :mod:`wallet.fetch` (one deadline for the whole exchange, a size cap, global addresses
only, the connection made to the address that was checked), plus what the protocols need: POST with a
form or JSON body, any status code handed back (protocol errors arrive as 400 with a JSON body), the
response's headers, and no redirect followed by itself (a protocol redirect is shown to the learner first).

https only.  Plain http is allowed only when ``allow_loopback_http`` is set (the ``--allow-loopback-http``
flag of ``receive`` and ``respond``) and the host is the literal loopback address 127.0.0.1 or ::1, so that
in-test issuers and verifiers on this machine can be reached; a name that merely resolves to loopback is
refused.  Every request is logged (method, URL, status, bytes, time), never its body: bodies carry tokens.
"""

from __future__ import annotations

import http.client
import json as jsonlib
import socket
import ssl
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from ..clock import iso, system_clock
from ..fetch import _Deadline, _shut, connect_checked, resolve_checked

DEFAULT_TIMEOUT = 15.0
DEFAULT_MAX_BYTES = 4 * 1024 * 1024
_CHUNK = 64 * 1024
LOOPBACK_HOSTS = ("127.0.0.1", "::1")


class ExchangeRefused(Exception):
    """A request was not made, or failed; the message says why in words a learner can act on."""


@dataclass
class Response:
    status: int
    headers: dict[str, str]  # lower-cased names
    body: bytes
    url: str

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    def json(self) -> Any:
        """The body as a JSON object; a clear refusal when it is not one."""
        from ..formats.jsonutil import loads_strict

        try:
            return loads_strict(self.body)
        except Exception as exc:  # noqa: BLE001 - any parse failure is the same refusal
            raise ExchangeRefused(f"{self.url[:200]} did not answer with JSON ({exc})") from exc


def check_url(url: str, allow_loopback_http: bool) -> urllib.parse.SplitResult:
    """https, or http to a literal loopback address when the flag allows it; nothing else."""
    if not isinstance(url, str):
        raise ExchangeRefused("the address is not a string")
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError as exc:  # also a malformed IPv6 literal ("http://[::1")
        raise ExchangeRefused(f"malformed URL {url[:200]!r}") from exc
    if not parts.hostname:
        raise ExchangeRefused(f"malformed URL {url[:200]!r}")
    if parts.scheme == "https":
        return parts
    if parts.scheme == "http":
        if not allow_loopback_http:
            raise ExchangeRefused(f"only https addresses are used, not {url[:200]!r} "
                                  "(--allow-loopback-http allows http to 127.0.0.1 or ::1 for testing)")
        if parts.hostname not in LOOPBACK_HOSTS:
            raise ExchangeRefused(f"plain http is allowed only to 127.0.0.1 or ::1, not {parts.hostname!r}")
        return parts
    raise ExchangeRefused(f"only https addresses are used, not {url[:200]!r}")


@dataclass
class HttpClient:
    """``ssl_context`` exists for tests that serve TLS from this machine; the wallet never sets it."""

    allow_loopback_http: bool = False
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    log: list[dict[str, Any]] = field(default_factory=list)
    ssl_context: ssl.SSLContext | None = field(default=None, repr=False)

    def get(self, url: str, accept: str = "application/json", headers: dict[str, str] | None = None) -> Response:
        return self.request("GET", url, accept=accept, headers=headers)

    def post_form(self, url: str, form: dict[str, str], accept: str = "application/json",
                  headers: dict[str, str] | None = None) -> Response:
        body = urllib.parse.urlencode(form).encode("ascii")
        return self.request("POST", url, body=body, content_type="application/x-www-form-urlencoded",
                            accept=accept, headers=headers)

    def post_json(self, url: str, obj: Any, accept: str = "application/json",
                  headers: dict[str, str] | None = None) -> Response:
        body = jsonlib.dumps(obj, separators=(",", ":")).encode("utf-8")
        return self.request("POST", url, body=body, content_type="application/json", accept=accept, headers=headers)

    def request(self, method: str, url: str, body: bytes | None = None, content_type: str | None = None,
                accept: str = "application/json", headers: dict[str, str] | None = None) -> Response:
        parts = check_url(url, self.allow_loopback_http)
        started = time.monotonic()
        entry: dict[str, Any] = {"method": method, "url": url[:500], "at": iso(system_clock())}
        self.log.append(entry)
        deadline = _Deadline(self.timeout, url)
        try:
            resp = self._exchange(parts, method, url, body, content_type, accept, headers or {}, deadline)
            entry.update(status=resp.status, bytes=len(resp.body))
            return resp
        except _Refusal as exc:
            entry.update(outcome=str(exc))
            raise ExchangeRefused(str(exc)) from None
        except ExchangeRefused as exc:
            entry.update(outcome=str(exc))
            raise
        except Exception as exc:  # FetchRefused from the shared resolver and deadline, OSError, HTTP errors
            entry.update(outcome=f"failed: {exc}")
            raise ExchangeRefused(f"could not reach {url[:200]}: {exc}") from exc
        finally:
            entry["ms"] = round((time.monotonic() - started) * 1000)

    def _connect(self, host: str, port: int, deadline: _Deadline, loopback: bool) -> socket.socket:
        # a literal loopback address (allowed only with the flag) is used as it is, nothing resolved
        targets = ([(socket.AF_INET6 if ":" in host else socket.AF_INET, (host, port))] if loopback
                   else resolve_checked(host, port))
        return connect_checked(host, port, deadline, targets, allow_loopback=loopback)

    def _exchange(self, parts: urllib.parse.SplitResult, method: str, url: str, body: bytes | None,
                  content_type: str | None, accept: str, extra: dict[str, str], deadline: _Deadline) -> Response:
        host = parts.hostname or ""
        tls_wanted = parts.scheme == "https"
        port = parts.port or (443 if tls_wanted else 80)
        loopback = self.allow_loopback_http and host in LOOPBACK_HOSTS  # also https to a test server here
        raw = self._connect(host, port, deadline, loopback=loopback)
        live = [raw]
        watchdog = threading.Timer(deadline.left(), _shut, (live,))
        watchdog.daemon = True
        watchdog.start()
        try:
            if tls_wanted:
                ctx = self.ssl_context or ssl.create_default_context()
                raw.settimeout(deadline.left())
                tls = ctx.wrap_socket(raw, server_hostname=host, do_handshake_on_connect=False)
                live[0] = tls
                tls.do_handshake()
                sock: socket.socket = tls
                conn: http.client.HTTPConnection = http.client.HTTPSConnection(host, port, timeout=deadline.left(),
                                                                               context=ctx)
            else:
                sock = raw
                conn = http.client.HTTPConnection(host, port, timeout=deadline.left())
            conn.sock = sock
            try:
                path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
                hdrs = {"Accept": accept, "User-Agent": "credwallet", "Accept-Encoding": "identity",
                        "Connection": "close", **extra}
                if content_type:
                    hdrs["Content-Type"] = content_type
                conn.request(method, path, body=body, headers=hdrs)
                sock.settimeout(deadline.left())
                resp = conn.getresponse()
                declared = resp.getheader("Content-Length")
                if declared and declared.strip().isdigit() and int(declared) > self.max_bytes:
                    raise _Refusal(f"{url[:200]} answered with more than {self.max_bytes:,} bytes")
                data = bytearray()
                while len(data) <= self.max_bytes:
                    sock.settimeout(deadline.left())
                    chunk = resp.read1(_CHUNK)
                    if not chunk:
                        break
                    data += chunk
                deadline.left()
                if len(data) > self.max_bytes:
                    raise _Refusal(f"{url[:200]} answered with more than {self.max_bytes:,} bytes")
                headers = {k.lower(): v for k, v in resp.getheaders()}
                return Response(resp.status, headers, bytes(data), url)
            finally:
                conn.close()
        except (OSError, http.client.HTTPException) as exc:
            deadline.left()
            raise _Refusal(f"could not reach {url[:200]}: {exc}") from exc
        finally:
            watchdog.cancel()
            live[0].close()


class _Refusal(Exception):
    pass
