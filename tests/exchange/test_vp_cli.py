"""``credwallet respond``: the contract in docs/cli.md (flags, --json shape, exit codes 0/1/2/3), against the
in-test verifier; a QR image of the request; no answer without confirmation."""

from __future__ import annotations

import io
import json

from tests.cli.test_cli import run
from tests.exchange.test_vp_flow import sd_query
from tests.exchange.verifier_server import Verifier, make_pki


def licence_id(capsys) -> str:  # noqa: ANN001
    _code, listed, _ = run(capsys, "list", "--json")
    return next(r["id"] for r in listed if r["format"] == "sd-jwt-vc")


def test_respond_json_contract_and_log(env, capsys) -> None:  # noqa: ANN001
    cid = licence_id(capsys)
    with Verifier(redirect_uri="https://verifier.example/thanks") as v:
        link = v.make_request(sd_query(["given_name"]), mode="direct_post.jwt")
        code, res, err = run(capsys, "respond", link, "--select", f"licence={cid[:8]}", "--yes",
                             "--allow-loopback-http", "--json")
        assert code == 0, err
        assert {"verifier", "credentials", "claims", "sent", "redirect_uri"} <= set(res)
        assert res["sent"] is True and res["redirect_uri"] == "https://verifier.example/thanks"
        assert res["verifier"]["identity"] == "unverified" and res["credentials"][0]["id"] == cid
        assert res["claims"][0]["claims"] == ["/given_name"]
        assert len(v.received) == 1
    code, log, _ = run(capsys, "log", "--json")
    assert log[0]["form"] == "openid4vp" and log[0]["credentials"] == [cid]


def test_human_output_shows_redirect_without_following(env, capsys) -> None:  # noqa: ANN001
    with Verifier(redirect_uri="https://verifier.example/next") as v:
        code, out, _ = run(capsys, "respond", v.make_request(sd_query(["given_name"])), "--yes", "--allow-loopback-http")
        assert code == 0 and "https://verifier.example/next" in out and "not opened" in out


def test_no_yes_and_no_terminal_refuses(env, capsys, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    with Verifier() as v:
        code, _res, err = run(capsys, "respond", v.make_request(sd_query(["given_name"])), "--allow-loopback-http")
        assert code == 2 and "--yes" in err and v.received == []


def test_interactive_no_sends_nothing(env, capsys, monkeypatch) -> None:  # noqa: ANN001
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Tty("n\n"))
    with Verifier() as v:
        code, res, err = run(capsys, "respond", v.make_request(sd_query(["given_name"], ["email"])),
                             "--allow-loopback-http", "--json")
        assert code == 0 and res["sent"] is False and v.received == []
        assert "email" in err and "given_name" in err and "would reveal" in err  # shown before asking


def test_exit_codes(env, capsys, tmp_path) -> None:  # noqa: ANN001
    with Verifier(reject=True) as v:
        code, res, _ = run(capsys, "respond", v.make_request(sd_query(["given_name"])), "--yes",
                           "--allow-loopback-http", "--json")
        assert code == 1 and res["sent"] is True and "not good enough" in res["verifier_error"]
    with Verifier() as v:
        # a bad request: the response_uri is not the client id
        bad = v.make_request(sd_query(["given_name"]), client_value="https://elsewhere.example/cb")
        code, res, _ = run(capsys, "respond", bad, "--yes", "--allow-loopback-http", "--json")
        assert code == 2 and "must be the same address" in res["error"]
        # x509 without a trusted root, then with --trust-root
        pki = make_pki("127.0.0.1")
        signed = v.make_request(sd_query(["given_name"]), prefix="x509_san_dns", client_value="127.0.0.1",
                                signer=pki.leaf_key, header={"x5c": pki.x5c()})
        code, res, _ = run(capsys, "respond", signed, "--yes", "--allow-loopback-http", "--json")
        assert code == 2 and "--trust-root" in res["error"]
        root = tmp_path / "root.pem"
        root.write_bytes(pki.root_pem)
        code, res, _ = run(capsys, "respond", signed, "--yes", "--allow-loopback-http", "--trust-root", str(root), "--json")
        assert code == 0 and res["verifier"]["verified"] and res["verifier"]["name"] == "127.0.0.1"
        # the same request again: a replay
        code, res, _ = run(capsys, "respond", signed, "--yes", "--allow-loopback-http", "--trust-root", str(root), "--json")
        assert code == 2 and "already answered" in res["error"]
        assert len(v.received) == 1
        # usage errors
        code, res, _ = run(capsys, "respond", v.make_request(sd_query(["given_name"])), "--select", "licence",
                           "--yes", "--allow-loopback-http", "--json")
        assert code == 2 and "DCQL_ID=CREDENTIAL_ID" in res["error"]
    with Verifier() as v:
        link = v.make_request(sd_query(["given_name"]), response_uri="http://127.0.0.1:9/gone",
                              client_value="http://127.0.0.1:9/gone")
    code, res, _ = run(capsys, "respond", link, "--yes", "--allow-loopback-http", "--json")
    assert code == 3 and "could not" in res["error"]


def test_request_from_qr_image_file_and_stdin(env, capsys, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from ui.render import qr as qrrender

    with Verifier() as v:
        link = v.make_request(sd_query(["given_name"]), by_reference=True)
        img = tmp_path / "request.png"
        img.write_bytes(qrrender.png_bytes(link))
        code, res, err = run(capsys, "respond", str(img), "--yes", "--allow-loopback-http", "--json")
        assert code == 0 and res["sent"], err
        txt = tmp_path / "request.txt"
        txt.write_text(v.make_request(sd_query(["given_name"]), by_reference=True) + "\n")
        code, res, _ = run(capsys, "respond", str(txt), "--yes", "--allow-loopback-http", "--json")
        assert code == 0 and res["sent"]
        monkeypatch.setattr("sys.stdin", io.StringIO(v.make_request(sd_query(["given_name"]))))
        code, res, _ = run(capsys, "respond", "-", "--yes", "--allow-loopback-http", "--json")
        assert code == 0 and res["sent"]
        assert len(v.received) == 3
    code, res, _ = run(capsys, "respond", "not a request", "--yes", "--json")
    assert code == 2 and "not an OpenID4VP request" in res["error"]
    assert json.dumps(res)
