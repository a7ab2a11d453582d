"""wallet.exchange.http: the refusals, the size cap, the deadline, no redirect followed."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from wallet.exchange.http import ExchangeRefused, HttpClient

RELEASE = threading.Event()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *a: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        if self.path == "/big":
            body = b"x" * 3000
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/big-undeclared":  # no Content-Length: the cap must hold while reading
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            for _ in range(10):
                self.wfile.write(b"y" * 1000)
        elif self.path == "/slow":  # answers nothing until the test is over
            RELEASE.wait(30)
        elif self.path == "/drip":  # one byte at a time, forever: a per-read timeout alone would never fire
            self.send_response(200)
            self.end_headers()
            while not RELEASE.is_set():
                try:
                    self.wfile.write(b"z")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.05)
        elif self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "https://elsewhere.example/")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send_response(400)
            body = b'{"error":"invalid_request"}'
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)


@pytest.fixture
def base() -> Iterator[str]:
    RELEASE.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    RELEASE.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("url", ["ftp://issuer.example/x", "http://issuer.example/x", "http://localhost/x",
                                 "http://10.0.0.1/x", "file:///etc/passwd", "https:///nohost", "http://[::1"])
def test_refused_before_any_connection(url: str) -> None:
    client = HttpClient(allow_loopback_http=True)
    with pytest.raises(ExchangeRefused):
        client.get(url)
    assert all("status" not in e for e in client.log)


def test_loopback_http_needs_the_flag(base: str) -> None:
    with pytest.raises(ExchangeRefused, match="allow-loopback-http"):
        HttpClient().get(base + "/anything")
    resp = HttpClient(allow_loopback_http=True).get(base + "/anything")
    assert resp.status == 400 and resp.json() == {"error": "invalid_request"}  # a status is handed back


def test_size_cap_declared_and_undeclared(base: str) -> None:
    client = HttpClient(allow_loopback_http=True, max_bytes=2000)
    for path in ("/big", "/big-undeclared"):
        with pytest.raises(ExchangeRefused, match="more than 2,000 bytes"):
            client.get(base + path)


@pytest.mark.parametrize("path", ["/slow", "/drip"])
def test_deadline_against_a_slow_server(base: str, path: str) -> None:
    client = HttpClient(allow_loopback_http=True, timeout=0.5)
    with pytest.raises(ExchangeRefused):
        client.get(base + path)
    assert "outcome" in client.log[-1]


def test_redirect_is_handed_back_not_followed(base: str) -> None:
    client = HttpClient(allow_loopback_http=True)
    resp = client.get(base + "/redirect")
    assert resp.status == 302 and resp.headers["location"] == "https://elsewhere.example/"
    assert len(client.log) == 1
