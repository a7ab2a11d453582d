"""RFC 8252 §7.3: the loopback redirect for the authorization code flow on a desktop.

A listener on 127.0.0.1 with a port the system picks; the redirect URI is ``http://127.0.0.1:<port>/callback``.
It waits, for a bounded time and cancellably, for the one request the authorization server sends the browser
to; it reads at most one request line and a few headers from each connection, answers a short page, and
hands back the query parameters.  A request for another path that carries authorization response parameters
(the server redirected somewhere else than the URI this wallet gave) or a response whose ``state`` is not
the one sent stops the flow: nothing is sent to the token endpoint then.
"""

from __future__ import annotations

import select
import socket
import time
import urllib.parse
from collections.abc import Callable

from ..errors import Cancelled
from .links import single_params
from .offer import IssuerError

CALLBACK_PATH = "/callback"
MAX_REQUEST_BYTES = 16 * 1024
_PAGE = ("<!doctype html><meta charset=utf-8><title>credwallet</title>"
         "<p style='font-family:sans-serif'>{}</p>")


class RedirectRefused(IssuerError):
    """The redirect did not come back as this wallet asked (wrong path, wrong state, an error)."""


class LoopbackRedirect:
    def __init__(self) -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(8)
        self._sock.setblocking(False)
        self.port = self._sock.getsockname()[1]

    @property
    def redirect_uri(self) -> str:
        return f"http://127.0.0.1:{self.port}{CALLBACK_PATH}"

    def close(self) -> None:
        self._sock.close()

    def __enter__(self) -> LoopbackRedirect:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def wait(self, state: str, timeout: float, cancel: Callable[[], bool] | None = None) -> dict[str, str]:
        """The authorization response's parameters (``code`` present, ``state`` checked)."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise IssuerError(f"no answer from the browser within {timeout:.0f} seconds; nothing was sent")
            if cancel and cancel():
                raise Cancelled("stopped while waiting for the browser; nothing was sent")
            ready, _, _ = select.select([self._sock], [], [], min(left, 0.2))
            if not ready:
                continue
            try:
                conn, _addr = self._sock.accept()
            except BlockingIOError:
                continue
            with conn:
                params = self._one(conn, deadline)
            if params is None:
                continue
            if "error" in params:
                desc = params.get("error_description", "")
                raise RedirectRefused(f"the authorization server answered {params['error'][:60]!r}"
                                      + (f" ({desc[:200]})" if desc else "") + "; nothing was received")
            if params.get("state") != state:
                raise RedirectRefused("the browser came back with a state this wallet did not send "
                                      "(a forged or replayed redirect); nothing was sent")
            if not params.get("code"):
                raise RedirectRefused("the browser came back without an authorization code")
            return params

    def _one(self, conn: socket.socket, deadline: float) -> dict[str, str] | None:
        conn.settimeout(max(0.1, min(5.0, deadline - time.monotonic())))
        data = b""
        try:
            while b"\r\n\r\n" not in data and len(data) < MAX_REQUEST_BYTES:
                chunk = conn.recv(4096)
                if not chunk:
                    break
                data += chunk
        except OSError:
            return None
        line = data.split(b"\r\n", 1)[0].decode("latin-1")
        parts = line.split(" ")
        if len(parts) != 3 or parts[0] != "GET":
            self._answer(conn, 405, "Not a redirect.")
            return None
        try:
            target = urllib.parse.urlsplit(parts[1])
            params = single_params(target.query, "authorization response")
        except Exception:  # noqa: BLE001 - a repeated parameter: refused below as a bad redirect
            self._answer(conn, 400, "This answer could not be read.")
            raise RedirectRefused("the browser came back with a malformed answer; nothing was sent") from None
        if target.path != CALLBACK_PATH:
            if {"code", "state", "error"} & params.keys():
                self._answer(conn, 400, "This is not the address credwallet asked for.")
                raise RedirectRefused(f"the authorization server redirected to {target.path[:100]!r}, not to the "
                                      "redirect_uri this wallet gave; nothing was sent")
            self._answer(conn, 404, "Not found.")
            return None
        ok = params.get("code") and "error" not in params
        self._answer(conn, 200 if ok else 400, "You can close this window and return to credwallet."
                     if ok else "credwallet did not receive permission. You can close this window.")
        return params

    @staticmethod
    def _answer(conn: socket.socket, status: int, text: str) -> None:
        body = _PAGE.format(text).encode("utf-8")
        head = (f"HTTP/1.1 {status} {'OK' if status == 200 else 'Error'}\r\nContent-Type: text/html; charset=utf-8\r\n"
                f"Content-Length: {len(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n")
        try:
            conn.sendall(head.encode("ascii") + body)
        except OSError:
            pass
