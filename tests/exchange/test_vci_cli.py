"""`credwallet receive`: the contract in docs/cli.md (flags, --json shape, exit codes, asking first)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.cli.test_cli import run  # one way to run the CLI in tests
from tests.conftest import PASSPHRASE
from tests.exchange.issuer_server import IssuerServer
from ui.cli.main import main
from wallet.exchange.offer import offer_link

ROOT = Path(__file__).resolve().parents[2]
IMPORT_KEYS = {"input", "id", "format", "status", "checks", "error", "duplicate"}


@pytest.fixture
def env(wallet_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    monkeypatch.setenv("CREDWALLET_HOME", str(wallet_home))
    monkeypatch.setenv("CREDWALLET_PASSPHRASE", PASSPHRASE)
    assert main(["issuers", "import", str(ROOT / "resources" / "demo" / "trust.json")]) == 0
    capsys.readouterr()
    return wallet_home




def test_receive_json_is_the_import_shape_inside_issuer_and_credentials(env, capsys) -> None:  # noqa: ANN001
    with IssuerServer() as srv:
        link = offer_link(srv.offer(["bls_sd_jwt", "badge_ldp"], tx_code="123456"))
        code, out, _err = run(capsys, "receive", link, "--tx-code", "123456", "--yes", "--allow-loopback-http",
                              "--json")
    assert code == 0, (out, _err)
    assert out["issuer"]["id"] == srv.id and out["issuer"]["name"] == "Riverside Training Centre"
    assert [set(c) for c in out["credentials"]] == [IMPORT_KEYS, IMPORT_KEYS]
    assert out["credentials"][0]["status"] == "verified" and out["pending"] == [] and out["errors"] == []
    code, listed, _ = run(capsys, "list", "--json")
    assert code == 0 and len(listed) == 2
    assert {(r["received_from"]["issuer"], r["received_from"]["issuer_name"]) for r in listed} == {
        (srv.id, "Riverside Training Centre")}
    code, text, _ = run(capsys, "list")
    assert text.count("(received from Riverside Training Centre, 20") == 2


def test_receive_without_a_terminal_needs_yes_and_sends_nothing(env, capsys, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    with IssuerServer() as srv:
        code, _out, err = run(capsys, "receive", offer_link(srv.offer(["bls_sd_jwt"])), "--allow-loopback-http")
        assert code == 2 and "--yes" in err
        assert srv.log == []


def test_receive_prints_the_offer_and_asks(env, capsys, monkeypatch) -> None:  # noqa: ANN001
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Tty("n\n"))
    with IssuerServer() as srv:
        code, out, err = run(capsys, "receive", offer_link(srv.offer(["bls_sd_jwt"])), "--allow-loopback-http")
        assert code == 0 and "Nothing was requested" in out
        assert "Riverside Training Centre" in err and "Basic Life Support (dc+sd-jwt)" in err
        assert [m for m, _p, _b in srv.log if m == "POST"] == []


def test_receive_exit_codes(env, capsys) -> None:  # noqa: ANN001
    with IssuerServer(tamper=True) as srv:
        code, out, _ = run(capsys, "receive", offer_link(srv.offer(["bls_sd_jwt"])), "--yes",
                           "--allow-loopback-http", "--json")
        assert code == 1 and out["credentials"][0]["status"] == "invalid"
    code, out, err = run(capsys, "receive", "openid-credential-offer://?nothing=1", "--yes", "--json")
    assert code == 2 and "credential_offer" in out["error"]
    with IssuerServer() as srv:
        link = offer_link(srv.offer(["bls_sd_jwt"]))
    code, out, _ = run(capsys, "receive", link, "--yes", "--allow-loopback-http", "--json")  # the issuer is gone
    assert code == 3 and out["exit_code"] == 3
    code, _out, err = run(capsys, "receive", "--yes")
    assert code == 2


def test_receive_from_stdin_and_deferred(env, capsys, monkeypatch) -> None:  # noqa: ANN001
    with IssuerServer(deferred=1) as srv:
        link = offer_link(srv.offer(["literacy_jwt"]))
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(link.encode())))
        code, out, _ = run(capsys, "receive", "-", "--yes", "--allow-loopback-http", "--json")
        assert code == 0 and out["credentials"] == [] and len(out["pending"]) == 1
        code, out, _ = run(capsys, "receive", "--deferred", "--allow-loopback-http", "--json")
        assert code == 0 and [c["status"] for c in out["deferred"][0]["credentials"]] == ["verified"]
        code, out, _ = run(capsys, "receive", "--deferred", "--allow-loopback-http")
        assert code == 0 and "No credentials are waiting" in out
