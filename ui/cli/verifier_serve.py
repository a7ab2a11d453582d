"""`credwallet verifier serve`: the bundled web verifier page on 127.0.0.1 (stdlib http.server).

Only the page's own files are served (index.html, verifier.css, dist/); an optional ``extra_dir`` is
served under /inputs/ (files an employer or a test hands to the page with ?file= / ?qr= / ?trust=).
It listens on the loopback interface only: it is for an employer on the same machine, not a server.
"""

from __future__ import annotations

import functools
import http.server
import posixpath
import urllib.parse
from pathlib import Path

_UI = Path(__file__).resolve().parent.parent
# a checkout has the page in ui/web/verifier; an installed wheel carries it as the package ui.web_verifier
PAGE_DIR = next((d for d in (_UI / "web" / "verifier", _UI / "web_verifier") if (d / "index.html").is_file()),
                _UI / "web" / "verifier")
PAGE_FILES = ("index.html", "verifier.css", "dist/verifier.js", "dist/verifier.js.LEGAL.txt", "dist/manifest.json",
              "dist/zxing-reader.js")
TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
         ".json": "application/json", ".txt": "text/plain; charset=utf-8"}


class _Handler(http.server.BaseHTTPRequestHandler):
    extra_dir: Path | None = None
    server_version = "credwallet-verifier"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet: the page is local
        pass

    def _resolve(self) -> Path | None:
        path = posixpath.normpath(urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)).lstrip("/")
        if path in ("", "."):
            path = "index.html"
        if path in PAGE_FILES:
            return PAGE_DIR / path
        if self.extra_dir is not None and path.startswith("inputs/") and ".." not in path.split("/"):
            p = (self.extra_dir / path[len("inputs/"):]).resolve()
            if p.is_file() and self.extra_dir.resolve() in p.parents:
                return p
        return None

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        p = self._resolve()
        if p is None or not p.is_file():
            self.send_error(404)
            return
        body = p.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", TYPES.get(p.suffix, "application/octet-stream"))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")
        self.end_headers()
        self.wfile.write(body)


def make_server(port: int = 8765, extra_dir: Path | None = None) -> http.server.ThreadingHTTPServer:
    """A server for the page on 127.0.0.1:``port`` (0 picks a free port); call serve_forever()."""
    handler = type("Handler", (_Handler,), {"extra_dir": extra_dir})
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler))
