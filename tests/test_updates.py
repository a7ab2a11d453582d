"""Update checks (issue 17): off by default, one bounded GET of the release feed when on, strict parsing of
what the feed says, and never anything downloaded or run.  The feed is served from 127.0.0.1 by a real
HTTP server that records every request it gets."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from packaging.version import Version

import wallet
from tests.cli.test_cli import run
from tests.conftest import PASSPHRASE
from ui.cli.main import main
from wallet import sandbox, updates
from wallet.errors import EXIT_CANNOT_PROCEED, EXIT_USAGE, BadInput, WalletError
from wallet.fetch import Fetcher, FetchRefused

CURRENT = wallet.__version__
NEWER = f"{Version(CURRENT).major + 1}.0.0"
SLOW_SECONDS = 5.0


def feed(*releases: dict[str, object], fmt: str = updates.FEED_FORMAT) -> bytes:
    return json.dumps({"format": fmt, "releases": list(releases)}).encode()


def release(version: str, url: str | None = None, **more: object) -> dict[str, object]:
    return {"version": version, "url": url or f"https://credwallet.org/releases/{version}", **more}


FEEDS: dict[str, bytes] = {
    "/newer.json": feed(release("0.0.1"), release(NEWER, date="2027-01-01", notes="faster imports"),
                        release(f"{Version(NEWER).major + 1}.0.0rc1")),
    "/same.json": feed(release("0.0.1"), release(CURRENT)),
    "/empty.json": feed(),
    "/oversized.json": feed(*[release(f"0.0.{i}", notes="x" * 1000) for i in range(400)]),
}


class FeedServer:
    def __init__(self) -> None:
        self.requests: list[tuple[str, str]] = []
        self.bodies = dict(FEEDS)
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                outer.requests.append(("GET", self.path))
                if self.path == "/slow.json":
                    time.sleep(SLOW_SECONDS)
                body = outer.bodies.get(self.path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                try:
                    self.wfile.write(body or b"")
                except OSError:
                    pass

            def do_POST(self) -> None:  # noqa: N802
                outer.requests.append(("POST", self.path))
                self.send_response(405)
                self.end_headers()

            def log_message(self, *a: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def cli_env(wallet_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CREDWALLET_HOME", str(wallet_home))
    monkeypatch.setenv("CREDWALLET_PASSPHRASE", PASSPHRASE)
    return wallet_home


@pytest.fixture
def server() -> Iterator[FeedServer]:
    s = FeedServer()
    yield s
    s.close()


def test_off_by_default_and_nothing_is_fetched_while_off(wallet, server: FeedServer) -> None:  # noqa: ANN001
    assert wallet.updates_enabled() is False
    wallet.set_updates(False, server.url("/newer.json"))  # an address set, checks still off
    with pytest.raises(updates.UpdatesOff) as caught:
        wallet.check_for_updates(allow_loopback_http=True)
    assert caught.value.exit_code == EXIT_USAGE and "settings updates on" in str(caught.value)
    with pytest.raises(updates.UpdatesOff):
        wallet.update_feed()
    assert server.requests == []


def test_newer_version_named_with_its_page_and_only_the_feed_is_fetched(wallet, server: FeedServer) -> None:  # noqa: ANN001
    wallet.set_updates(True, server.url("/newer.json"))
    result = wallet.check_for_updates(allow_loopback_http=True)
    assert result.newer and result.latest is not None
    assert result.latest.version == NEWER  # the pre-release above it is not offered to a release user
    assert result.message() == f"credwallet {NEWER} is available (you have {CURRENT}); " \
                               f"see https://credwallet.org/releases/{NEWER}"
    assert result.to_json()["latest"]["notes"] == "faster imports"
    assert server.requests == [("GET", "/newer.json")]  # one GET of the feed; the release page is not fetched


def test_prerelease_offered_to_someone_running_one(server: FeedServer) -> None:
    result = updates.check(server.url("/newer.json"), current=f"{NEWER}b1", allow_loopback_http=True)
    assert result.newer and result.latest is not None and Version(result.latest.version).is_prerelease


@pytest.mark.parametrize("path", ["/same.json", "/empty.json"])
def test_up_to_date(wallet, server: FeedServer, path: str) -> None:  # noqa: ANN001
    wallet.set_updates(True, server.url(path))
    result = wallet.check_for_updates(allow_loopback_http=True)
    assert not result.newer and result.message() == f"credwallet {CURRENT} is up to date"


MALFORMED = {
    "not-json": (b"<html>moved</html>", "JSON"),
    "not-utf8": (b"\xff\xfe{}", "UTF-8"),
    "a-list": (b"[]", "not a JSON object"),
    "wrong-format": (feed(release(NEWER), fmt="other-releases/9"), "format"),
    "no-releases": (json.dumps({"format": updates.FEED_FORMAT}).encode(), "'releases'"),
    "bad-version": (feed(release("latest!")), "not a version number"),
    "version-number": (feed({"version": 2, "url": "https://credwallet.org/"}), "'version'"),
    "javascript-link": (feed(release(NEWER, "javascript:alert(1)")), "not an https address"),
    "http-link": (feed(release(NEWER, "http://credwallet.org/evil")), "not an https address"),
    "duplicate-key": (b'{"format": "credwallet-releases/1", "releases": [], "releases": [{}]}', "duplicate"),
    "too-many": (feed(*[release("0.0.1")] * (updates.MAX_RELEASES + 1)), "at most"),
    "huge-note": (feed(release(NEWER, notes="n" * (updates.MAX_TEXT + 1))), "'notes'"),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_a_malformed_feed_is_refused_with_its_name(wallet, server: FeedServer, name: str) -> None:  # noqa: ANN001
    body, words = MALFORMED[name]
    server.bodies[f"/{name}.json"] = body
    wallet.set_updates(True, server.url(f"/{name}.json"))
    with pytest.raises(updates.UpdateCheckFailed) as caught:
        wallet.check_for_updates(allow_loopback_http=True)
    assert caught.value.exit_code == EXIT_CANNOT_PROCEED
    assert words.lower() in str(caught.value).lower() and f"/{name}.json" in str(caught.value)


def test_an_oversized_feed_is_refused_before_it_is_read_whole(server: FeedServer) -> None:
    assert len(FEEDS["/oversized.json"]) > updates.MAX_FEED_BYTES
    with pytest.raises(updates.UpdateCheckFailed, match="more than"):
        updates.check(server.url("/oversized.json"), allow_loopback_http=True)


def test_a_slow_feed_is_given_up_on_at_the_deadline(server: FeedServer) -> None:
    with pytest.raises(updates.UpdateCheckFailed, match="longer than"):
        updates.check(server.url("/slow.json"), allow_loopback_http=True, timeout=0.5)


def test_an_unreachable_feed_and_an_error_status_say_could_not_check(server: FeedServer) -> None:
    with pytest.raises(updates.UpdateCheckFailed, match="HTTP 404"):
        updates.check(server.url("/missing.json"), allow_loopback_http=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    with pytest.raises(updates.UpdateCheckFailed, match="could not check"):
        updates.check(f"http://127.0.0.1:{closed}/feed.json", allow_loopback_http=True, timeout=2)


def test_https_only_outside_this_machine(wallet, server: FeedServer) -> None:  # noqa: ANN001
    for bad in ("http://credwallet.org/releases.json", "ftp://credwallet.org/r.json", "file:///etc/passwd",
                "https://", "not a url", "http://127.0.0.1:99999/x"):
        with pytest.raises(BadInput):
            wallet.set_updates(True, bad)
        assert not wallet.updates_enabled()  # a refused address changes nothing
    wallet.set_updates(True, server.url("/newer.json"))
    with pytest.raises(updates.UpdateCheckFailed, match="only https"):
        wallet.check_for_updates()  # plain http to this machine only with the test flag
    assert server.requests == []
    wallet.set_updates(True, "")
    assert wallet.update_feed() == updates.DEFAULT_FEED_URL and updates.DEFAULT_FEED_URL.startswith("https://")


def test_cli_update_check_exit_codes_and_json(cli_env: Path, server: FeedServer, capsys) -> None:  # noqa: ANN001
    code, out, err = run(capsys, "update-check")
    assert code == EXIT_USAGE and "settings updates on" in err and server.requests == []
    code, out, _ = run(capsys, "--json", "settings", "update-feed", server.url("/newer.json"))
    assert code == 0 and out["updates"] is False and out["update_feed"] == server.url("/newer.json")
    code, out, _ = run(capsys, "--json", "settings", "updates", "on")
    assert code == 0 and out["updates"] is True
    code, out, _ = run(capsys, "--json", "update-check", "--allow-loopback-http")
    assert code == 0 and out["newer"] is True and out["latest"]["version"] == NEWER and out["current"] == CURRENT
    code, out, _ = run(capsys, "update-check", "--allow-loopback-http")
    assert code == 0 and f"credwallet {NEWER} is available" in out and "does not download" in out
    run(capsys, "settings", "update-feed", server.url("/same.json"))
    code, out, _ = run(capsys, "update-check", "--allow-loopback-http")
    assert code == 0 and "up to date" in out
    server.bodies["/same.json"] = b"garbage"
    code, out, err = run(capsys, "--json", "update-check", "--allow-loopback-http")
    assert code == EXIT_CANNOT_PROCEED and out["exit_code"] == 3 and "same.json" in out["error"]
    assert main(["settings", "updates", "maybe"]) == EXIT_USAGE
    assert [p for _m, p in server.requests] == ["/newer.json", "/newer.json", "/same.json", "/same.json"]


# -- the Flatpak sandbox: no network by default, and the messages say so ---------------------------
def _info(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared: str | None) -> None:
    info = tmp_path / "flatpak-info"
    info.unlink(missing_ok=True)
    if shared is not None:
        info.write_text(f"[Application]\nname={sandbox.APP_ID}\nruntime=runtime/org.kde.Platform/x86_64/6.9\n\n"
                        f"[Context]\nshared={shared}\nsockets=wayland;fallback-x11;\n", "utf-8")
    monkeypatch.setattr(sandbox, "FLATPAK_INFO", info)


def test_sandbox_without_network_is_named_with_the_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _info(tmp_path, monkeypatch, None)
    assert sandbox.network_shared() is None and sandbox.network_hint() == ""  # not in a sandbox: nothing claimed
    _info(tmp_path, monkeypatch, "network;ipc;")
    assert sandbox.network_shared() is True and sandbox.network_hint() == ""
    _info(tmp_path, monkeypatch, "ipc;")
    assert sandbox.network_shared() is False
    assert "flatpak override --user --share=network org.credwallet.CredWallet" in sandbox.network_hint()


def test_online_check_failing_in_a_sandbox_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real fetch with online checks on, where the sandbox has no network (name resolution fails, as
    there): the refusal the report shows carries the override command."""
    def no_network(*_a: object, **_k: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    _info(tmp_path, monkeypatch, "ipc;")
    with pytest.raises(FetchRefused, match="--share=network"):
        Fetcher(online=True, timeout=2).get("https://issuer.example/keys.json")
    _info(tmp_path, monkeypatch, None)
    with pytest.raises(FetchRefused) as caught:
        Fetcher(online=True, timeout=2).get("https://issuer.example/keys.json")
    assert "flatpak" not in str(caught.value)


def test_update_check_failing_in_a_sandbox_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _info(tmp_path, monkeypatch, "ipc;")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    with pytest.raises(WalletError, match="flatpak override --user --share=network"):
        updates.check(f"http://127.0.0.1:{closed}/feed.json", allow_loopback_http=True, timeout=2)


def test_cli_turning_online_checks_on_in_a_sandbox_says_how_to_allow_the_network(
        cli_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # noqa: ANN001
    _info(tmp_path, monkeypatch, "ipc;")
    code, out, err = run(capsys, "--json", "settings", "online", "on")
    assert code == 0 and out["online"] is True and "flatpak override --user --share=network" in err
    _info(tmp_path, monkeypatch, "network;ipc;")
    code, out, err = run(capsys, "--json", "settings", "online", "on")
    assert code == 0 and "flatpak" not in err
