"""`credwallet verifier serve` serves the page's own files on 127.0.0.1 and nothing else; the verifier URL
setting accepts only pages a QR code may open."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request

import pytest

from ui.cli.main import main
from wallet.errors import BadInput
from wallet.service import verifier_url
from ui.cli.verifier_serve import make_server
from wallet.present.qr import DEFAULT_VERIFIER_URL


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:  # noqa: S310 - our own loopback server
            return r.status, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def test_serves_the_page_and_nothing_else(tmp_path) -> None:  # noqa: ANN001
    (tmp_path / "secret.txt").write_text("x")
    server = make_server(0)
    assert server.server_address[0] == "127.0.0.1"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        status, body = _get(base + "/")
        assert status == 200 and b'src="dist/verifier.js"' in body
        assert _get(base + "/dist/verifier.js")[0] == 200
        for path in ("/../../../wallet/service.py", "/build.mjs", "/package.json", "/src/engine.js",
                     "/%2e%2e/%2e%2e/pyproject.toml", "/inputs/secret.txt", "/node_modules/jsonld/package.json"):
            assert _get(base + path)[0] == 404, path
    finally:
        server.shutdown()
        server.server_close()


def test_port_in_use_is_a_clear_error(capsys) -> None:  # noqa: ANN001
    server = make_server(0)
    try:
        assert main(["verifier", "serve", "--port", str(server.server_address[1])]) == 2
        assert "cannot listen on 127.0.0.1" in capsys.readouterr().err
    finally:
        server.server_close()


@pytest.mark.parametrize("bad", ["http://verify.example.org/", "javascript:alert(1)", "https://x.example/#CW1:",
                                 "ftp://x.example/", "verify.example.org"])
def test_verifier_url_refuses_what_a_qr_code_must_not_open(bad: str) -> None:
    with pytest.raises(BadInput, match="verifier URL"):
        verifier_url(bad)


def test_verifier_url_default_and_accepted() -> None:
    assert verifier_url(None) == verifier_url("") == DEFAULT_VERIFIER_URL
    assert verifier_url("https://verify.example.edu/cw/") == "https://verify.example.edu/cw/"
    assert verifier_url("http://127.0.0.1:8765/") == "http://127.0.0.1:8765/"
