"""Attack class: make the wallet do unbounded work (issue 13, section 7).

Each test starts from something real (a credential signed in the test with the test issuer's key, a
demo credential, a PDF the code itself can read), makes it hostile, and asserts a clean WalletError or
a failed check: never a traceback, never exit 3 "internal error", never a hang.  Hang protection rests
on the code's own budgets; the timeout marks below only stop a broken build from hanging the suite.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import http.server
import io
import ipaddress
import json
import os
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from tests import factory
from ui.cli.main import main as cli
from wallet import fetch as fetchmod
from wallet.crypto import signing
from wallet.crypto import publickeys as keys
from wallet.errors import BadInput, TooLarge, WalletError
from wallet.fetch import Fetcher, FetchRefused
from wallet.formats import detect
from wallet.formats import pdf as pdffmt
from wallet.model import INVALID
from wallet.present.verifier import verify_presentation
from wallet.service import Wallet
from wallet.verify import engine

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo" / "credentials"
VC2 = "https://www.w3.org/ns/credentials/v2"
DEEP = 100_000  # far past the strict loader's 64 levels and Python's recursion limit


def deep_json(value_marker: str, text: str) -> str:
    """``text`` (JSON) with the string ``"<value_marker>"`` replaced by arrays nested DEEP levels."""
    return text.replace(json.dumps(value_marker), "[" * DEEP + "]" * DEEP)


def sign_jwt(payload_json: str, typ: str | None = None) -> str:
    header = {"alg": "EdDSA", "kid": factory.VM} | ({"typ": typ} if typ else {})
    return signing.sign_jws(header, payload_json.encode(), factory.KEY)


def vc_jwt_payload(i: int) -> dict[str, Any]:
    cred = factory.ob3(i)
    return {"iss": factory.DID, "nbf": 1767225600, "jti": cred["id"], "vc": cred}


def _cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli(args)
    out = capsys.readouterr()
    return code, out.out + out.err


# --- JWT payloads, SD-JWT disclosures, JSON: the strict loader, and no internal errors ---------------


def test_the_unmodified_vc_jwt_is_read(tmp_path: Path) -> None:
    """Baseline for the attacks below: the same construction, not made hostile, is a readable credential."""
    parsed = detect.parse(sign_jwt(json.dumps(vc_jwt_payload(1))).encode(), "fine.jwt")
    assert parsed.format == "vc-jwt"
    report = engine.verify(parsed)
    assert next(c for c in report.checks if c.id == "signature").status == "pass"


def test_deeply_nested_jwt_payload_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    payload = vc_jwt_payload(2)
    payload["vc"]["credentialSubject"]["extra"] = "DEEP"
    token = sign_jwt(deep_json("DEEP", json.dumps(payload)))  # really signed: only the nesting is hostile
    with pytest.raises(BadInput, match="deep.jwt.*nested deeper"):
        detect.parse(token.encode(), "deep.jwt")
    f = tmp_path / "deep.jwt"
    f.write_text(token)
    code, out = _cli(["verify", str(f), "--wallet", str(tmp_path / "none")], capsys)
    assert code == 2, out
    assert "internal error" not in out and "deep.jwt" in out


@pytest.mark.parametrize("hostile, why", [
    ('{"iss": "%s", "iss": "did:key:z6MkOther", "vc": %s}', "duplicate key"),
    ('{"iss": "%s", "nbf": NaN, "vc": %s}', "NaN"),
    ('{"iss": "%s", "nbf": 1e999, "vc": %s}', "out of range"),
])
def test_jwt_payload_duplicate_keys_and_non_numbers_are_bad_input(hostile: str, why: str) -> None:
    token = sign_jwt(hostile % (factory.DID, json.dumps(factory.ob3(3))))
    with pytest.raises(BadInput, match=why):
        detect.parse(token.encode(), "odd.jwt")


def _sd_jwt_with(disclosure_json: str) -> str:
    raw = keys.b64u_encode(disclosure_json.encode())
    digest = base64.urlsafe_b64encode(hashlib.sha256(raw.encode()).digest()).rstrip(b"=").decode()
    payload = {"iss": factory.DID, "iat": 1767225600, "vct": "https://credentials.example/first-aid",
               "_sd": [digest], "_sd_alg": "sha-256"}
    return sign_jwt(json.dumps(payload), typ="dc+sd-jwt") + "~" + raw + "~"


def test_the_unmodified_sd_jwt_is_read() -> None:
    parsed = detect.parse(_sd_jwt_with(json.dumps(["salt-1", "given_name", "Ada"])).encode(), "fine.txt")
    assert parsed.format == "sd-jwt-vc" and parsed.payload["claims"]["given_name"] == "Ada"


@pytest.mark.parametrize("disclosure, why", [
    (deep_json("DEEP", json.dumps(["salt-2", "given_name", "DEEP"])), "nested deeper"),
    ('["salt-3", "given_name", "Ada", "given_name"]', "not a \\[salt"),
    ('["salt-4", "given_name", NaN]', "NaN"),
])
def test_hostile_sd_jwt_disclosures_are_bad_input(disclosure: str, why: str, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    token = _sd_jwt_with(disclosure)  # its digest is in the signed payload: only the content is hostile
    with pytest.raises(BadInput, match=why):
        detect.parse(token.encode(), "sd.txt")
    f = tmp_path / "sd.txt"
    f.write_text(token)
    code, out = _cli(["verify", str(f), "--wallet", str(tmp_path / "none")], capsys)
    assert code == 2 and "internal error" not in out, out


def test_deep_sd_jwt_presented_to_an_employer_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    token = _sd_jwt_with(deep_json("DEEP", json.dumps(["salt-5", "given_name", "DEEP"])))
    code, out = _cli(["verify-presentation", "--text", token, "--wallet", str(tmp_path / "none")], capsys)
    assert code in (1, 2) and "internal error" not in out, out


def test_deep_vp_jwt_payload_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    vp = {"iss": factory.DID, "vp": {"@context": [VC2], "type": ["VerifiablePresentation"],
                                     "verifiableCredential": "DEEP"}}
    token = sign_jwt(deep_json("DEEP", json.dumps(vp)))
    with pytest.raises(BadInput, match="nested deeper"):
        verify_presentation(token, engine.VerifyContext(), source="vp.jwt")
    code, out = _cli(["verify-presentation", "--text", token, "--wallet", str(tmp_path / "none")], capsys)
    assert code == 2 and "internal error" not in out, out


def test_vocab_null_context_is_a_failed_check_not_an_internal_error(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    signed = factory.signed(factory.ob3(4))
    assert engine.verify(detect.parse(json.dumps(signed).encode(), "ok.json")).status != INVALID
    signed["@context"] = [VC2, {"@vocab": None}]  # crashed pyld's context processing (KeyError)
    f = tmp_path / "vocab.json"
    f.write_text(json.dumps(signed))
    report = engine.verify(detect.parse(f.read_bytes(), str(f)))
    assert report.status == INVALID
    code, out = _cli(["verify", str(f), "--wallet", str(tmp_path / "none")], capsys)
    assert code in (1, 2) and "internal error" not in out, out


def test_deep_but_legal_nesting_in_a_signed_credential_never_crashes(tmp_path: Path) -> None:
    signed = factory.signed(factory.ob3(5))
    signed["credentialSubject"]["achievement"]["criteria"]["narrative"] = "DEEP"
    text = json.dumps(signed).replace('"DEEP"', "[" * 58 + '"x"' + "]" * 58)  # inside the 64-level limit
    report = engine.verify(detect.parse(text.encode(), "nested.json"))
    assert report.status == INVALID  # the edit is not signed; the point is that it ends as a check


def test_an_unforeseen_failure_in_a_check_is_a_failed_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever a future library raises on hostile data, the engine reports a failed check (fail closed)."""
    parsed = detect.parse(factory.ob3_bytes(6), "real.json")

    def boom(*_a: Any, **_k: Any) -> None:
        raise KeyError("@vocab")

    monkeypatch.setattr(engine.status, "check", boom)
    report = engine.verify(parsed)
    assert report.status == INVALID
    assert any(c.status == "fail" and "could not be checked" in c.message for c in report.checks)


# --- PDF attachments: declared size first, then a capped incremental inflate --------------------------


def pdf_with_attachment(blob: bytes, name: str = "credential.json") -> bytes:
    doc = pikepdf.new()
    doc.add_blank_page()
    doc.attachments[name] = pikepdf.AttachedFileSpec(doc, blob)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def flate_bomb(inflated: int, levels: int = 1) -> bytes:
    """``inflated`` zero bytes, deflated ``levels`` times (made in 1 MB steps: little memory)."""
    c = zlib.compressobj(9)
    step = bytes(1 << 20)
    parts = [c.compress(step) for _ in range(inflated >> 20)]
    data = b"".join(parts) + c.flush()
    for _ in range(levels - 1):
        data = zlib.compress(data, 9)
    return data


def make_hostile(pdf_bytes: bytes, raw: bytes, filters: list[str], declared: int | None) -> bytes:
    """The PDF with its attachment's stored stream replaced (a PDF bomb), and its declared size set."""
    doc = pikepdf.open(io.BytesIO(pdf_bytes))
    spec = next(iter(doc.attachments.values()))
    stream = spec.obj.EF.F
    stream.write(raw, filter=[pikepdf.Name(f) for f in filters] if len(filters) > 1 else pikepdf.Name(filters[0]))
    if declared is not None:
        stream.Params = pikepdf.Dictionary(Size=declared)
    elif "/Params" in stream:
        del stream["/Params"]
    out = io.BytesIO()
    doc.save(out, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)  # as written
    return out.getvalue()


def test_a_credential_attached_to_a_pdf_is_read() -> None:
    parsed = detect.parse(pdf_with_attachment(factory.ob3_bytes(7)), "cert.pdf")
    assert parsed.format == "ob3" and parsed.normalized.extra["attachment"] == "credential.json"


@pytest.mark.timeout(120)
@pytest.mark.parametrize("levels", [1, 2])
def test_pdf_bomb_is_refused_naming_the_file(levels: int) -> None:
    real = pdf_with_attachment(factory.ob3_bytes(8))
    bomb = make_hostile(real, flate_bomb(64 << 20, levels), ["/FlateDecode"] * levels, declared=100)  # lies
    with pytest.raises(TooLarge, match=r"bomb\.pdf.*attachment 'credential\.json' inflates to more than"):
        detect.parse(bomb, "bomb.pdf")


def test_pdf_attachment_declaring_a_huge_size_is_refused_before_inflating() -> None:
    real = pdf_with_attachment(factory.ob3_bytes(9))
    hostile = make_hostile(real, zlib.compress(factory.ob3_bytes(9)), ["/FlateDecode"], declared=10 << 30)
    with pytest.raises(TooLarge, match=r"declares 10,737,418,240 bytes"):
        detect.parse(hostile, "big.pdf")


def test_pdf_attachment_in_an_unread_encoding_leaves_a_document(tmp_path: Path) -> None:
    real = pdf_with_attachment(factory.ob3_bytes(10))
    hostile = make_hostile(real, b"\x00" * 100, ["/LZWDecode"], declared=None)
    parsed = detect.parse(hostile, "lzw.pdf")
    assert parsed.format == "pdf" and "LZWDecode" in parsed.normalized.extra["attachments_not_read"][0]


def test_inflate_cap_holds_for_a_stream_without_an_end() -> None:
    endless = zlib.compressobj(9)
    data = b"".join(endless.compress(bytes(1 << 20)) for _ in range(16)) + endless.flush(zlib.Z_SYNC_FLUSH)
    with pytest.raises(TooLarge):
        pdffmt.inflate_capped(data, 1 << 20, "attachment 'x'", "a.pdf")


@pytest.mark.timeout(120)
def test_pdf_bomb_import_stores_nothing(wallet: Wallet, tmp_path: Path) -> None:
    real = pdf_with_attachment(factory.ob3_bytes(11))
    f = tmp_path / "bomb.pdf"
    f.write_bytes(make_hostile(real, flate_bomb(64 << 20, 2), ["/FlateDecode", "/FlateDecode"], declared=None))
    (tmp_path / "fine.pdf").write_bytes(real)
    results = {Path(r.input).name: r for r in wallet.import_paths([f, tmp_path / "fine.pdf"])}
    assert "inflates to more than" in (results["bomb.pdf"].error or "")
    assert results["fine.pdf"].ok and wallet.count() == 1


# --- Bulk import: a wall-clock budget per input ------------------------------------------------------

STALL = b"credwallet-test-stall"
CRASH = b"credwallet-test-crash"


def stalling_check(data: bytes, source: str, max_bytes: int, ctx: Any) -> Any:
    """The import check, with a hot loop nobody bounded for inputs carrying the marker (it runs in the
    checking process, so it is a module-level function)."""
    from wallet.bounded import check_one

    if STALL in data:
        while True:  # stands for an expansion, canonicalization or pairing that never ends
            time.sleep(0.05)
    if CRASH in data:
        os._exit(70)  # stands for a memory bomb that kills the checking process
    return check_one(data, source, max_bytes, ctx)


def _hostile_copy(i: int, marker: bytes) -> bytes:
    doc = json.loads(factory.ob3_bytes(i))
    doc["credentialSubject"]["achievement"]["description"] = marker.decode()
    return json.dumps(doc).encode()


@pytest.mark.timeout(180)
def test_an_input_over_its_budget_is_refused_and_the_import_goes_on(wallet: Wallet, tmp_path: Path) -> None:
    wallet.set_setting("import.check_seconds", 2.0)
    wallet.input_checker = stalling_check
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.json").write_bytes(factory.ob3_bytes(20))
    (folder / "b-stall.json").write_bytes(_hostile_copy(21, STALL))
    (folder / "c.json").write_bytes(factory.ob3_bytes(22))
    (folder / "d-crash.json").write_bytes(_hostile_copy(23, CRASH))
    (folder / "e.json").write_bytes(factory.ob3_bytes(24))
    results = {Path(r.input).name: r for r in wallet.import_paths([folder])}
    assert "took too long to check" in (results["b-stall.json"].error or "")
    assert "b-stall.json" in (results["b-stall.json"].error or "")
    assert "stopped the checker" in (results["d-crash.json"].error or "")
    assert all(results[n].ok for n in ("a.json", "c.json", "e.json")), results
    assert wallet.count() == 3


@pytest.mark.timeout(120)
def test_a_single_import_is_bounded_too(wallet: Wallet) -> None:
    wallet.set_setting("import.check_seconds", 1.0)
    wallet.input_checker = stalling_check
    r = wallet.import_bytes(_hostile_copy(25, STALL), "pasted text")
    assert not r.ok and "took too long to check" in (r.error or "")
    assert wallet.import_bytes(factory.ob3_bytes(26), "pasted text").ok  # and the next one is checked


def test_the_budget_is_a_setting_with_a_default(wallet: Wallet) -> None:
    from wallet.bounded import DEFAULT_CHECK_SECONDS

    assert wallet.check_seconds == DEFAULT_CHECK_SECONDS == 5.0
    wallet.set_setting("import.check_seconds", 7.5)
    assert wallet.check_seconds == 7.5


def test_the_budget_is_set_from_the_command_line(wallet_home: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import PASSPHRASE

    monkeypatch.setenv("CREDWALLET_PASSPHRASE", PASSPHRASE)
    code, out = _cli(["settings", "check-seconds", "2.5", "--json", "--wallet", str(wallet_home)], capsys)
    assert code == 0 and json.loads(out[:out.rindex("}") + 1])["check_seconds"] == 2.5
    code, out = _cli(["settings", "check-seconds", "0", "--wallet", str(wallet_home)], capsys)
    assert code == 2 and "between 1 and 600" in out


# --- Fetches: https only, global addresses only, one total deadline, a size cap -------------------------


def _self_signed(tmp: Path) -> tuple[Path, Path, ssl.SSLContext]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_pem, key_pem = tmp / "cert.pem", tmp / "key.pem"
    cert_pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_pem.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    client = ssl.create_default_context(cafile=str(cert_pem))
    return cert_pem, key_pem, client


class LocalServer:
    """An https server on 127.0.0.1; ``routes`` maps a path to a handler function."""

    def __init__(self, tmp: Path):
        cert, key, self.client_ctx = _self_signed(tmp)
        self.routes: dict[str, Callable[[http.server.BaseHTTPRequestHandler], None]] = {}
        self.connections = 0
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                server.routes.get(self.path, _not_found)(self)

            def log_message(self, *_a: Any) -> None:
                pass

        class Counting(http.server.ThreadingHTTPServer):
            daemon_threads = True

            def get_request(self) -> tuple[socket.socket, Any]:
                sock, addr = super().get_request()
                server.connections += 1
                return sock, addr

        self.httpd = Counting(("127.0.0.1", 0), Handler)
        sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        sctx.load_cert_chain(str(cert), str(key))
        self.httpd.socket = sctx.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"https://{host}:{self.port}{path}"

    def fetcher(self, **kw: Any) -> Fetcher:
        return Fetcher(online=True, allow_loopback=True, ssl_context=self.client_ctx, **kw)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _not_found(h: http.server.BaseHTTPRequestHandler) -> None:
    h.send_response(404)
    h.end_headers()


def _json_doc(h: http.server.BaseHTTPRequestHandler) -> None:
    body = json.dumps({"ok": True}).encode()
    h.send_response(200)
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    h.wfile.write(body)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LocalServer]:
    s = LocalServer(tmp_path)
    s.routes["/doc.json"] = _json_doc
    yield s
    s.close()


def test_the_test_server_really_serves(server: LocalServer) -> None:
    """Baseline: with the test-only loopback override the document is fetched, so refusals below are real."""
    assert json.loads(server.fetcher().get(server.url("/doc.json"))) == {"ok": True}
    assert server.connections == 1


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_loopback_is_refused_by_default(server: LocalServer, host: str) -> None:
    f = Fetcher(online=True, ssl_context=server.client_ctx)
    with pytest.raises(FetchRefused, match="private or local"):
        f.get(server.url("/doc.json", host))
    assert server.connections == 0  # refused before connecting
    assert "private or local" in f.log[-1]["outcome"]


@pytest.mark.parametrize("addrs", [["10.1.2.3"], ["169.254.169.254"], ["100.64.0.1"], ["93.184.216.34", "127.0.0.1"],
                                   ["::1"], ["::ffff:127.0.0.1"], ["fd00::1"], ["224.0.0.1"], ["0.0.0.0"]])
def test_any_non_global_address_is_refused(monkeypatch: pytest.MonkeyPatch, addrs: list[str]) -> None:
    connected: list[Any] = []

    def fake_getaddrinfo(host: str, port: int, *a: Any, **k: Any) -> list[Any]:
        return [(socket.AF_INET6 if ":" in a_ else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a_, port))
                for a_ in addrs]

    monkeypatch.setattr(fetchmod.socket, "getaddrinfo", fake_getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", lambda self, addr: connected.append(addr))
    with pytest.raises(FetchRefused, match="private or local"):
        Fetcher(online=True).get("https://issuer.example/.well-known/did.json")
    assert connected == []


def test_dns_rebinding_cannot_redirect_the_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first answer is public, every later one is loopback: the connection goes to the checked address."""
    answers = iter([["93.184.216.34"]] + [["127.0.0.1"]] * 10)
    lookups, connected = [], []

    def rebinding_getaddrinfo(host: str, port: int, *a: Any, **k: Any) -> list[Any]:
        lookups.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port)) for ip in next(answers)]

    def record(self: socket.socket, addr: Any) -> None:
        connected.append(addr)
        raise OSError("no network in this test")

    monkeypatch.setattr(fetchmod.socket, "getaddrinfo", rebinding_getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", record)
    with pytest.raises(FetchRefused):
        Fetcher(online=True).get("https://rebind.example/key.json")
    assert lookups == ["rebind.example"] and connected == [("93.184.216.34", 443)]


def test_redirects_are_checked_again(server: LocalServer) -> None:
    def to(location: str) -> Callable[[http.server.BaseHTTPRequestHandler], None]:
        def h(handler: http.server.BaseHTTPRequestHandler) -> None:
            handler.send_response(302)
            handler.send_header("Location", location)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
        return h

    server.routes["/to-private"] = to("https://10.1.2.3/admin")
    server.routes["/to-http"] = to(server.url("/doc.json").replace("https:", "http:"))
    server.routes["/loop"] = to("/loop")
    server.routes["/ok"] = to("/doc.json")
    f = server.fetcher()
    assert json.loads(f.get(server.url("/ok"))) == {"ok": True}
    with pytest.raises(FetchRefused, match="private or local"):
        f.get(server.url("/to-private"))
    with pytest.raises(FetchRefused, match="only https"):
        f.get(server.url("/to-http"))
    with pytest.raises(FetchRefused, match="redirects"):
        f.get(server.url("/loop"))


@pytest.mark.timeout(60)
def test_a_trickling_server_meets_one_total_deadline(server: LocalServer) -> None:
    """One byte every 0.2 s forever: each read succeeds, so only a total deadline can stop it."""
    def trickle(h: http.server.BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.end_headers()
        try:
            while True:
                h.wfile.write(b" ")
                h.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass

    server.routes["/slow"] = trickle
    f = server.fetcher(timeout=1.5)
    with pytest.raises(FetchRefused, match="took longer than 1.5 s"):
        f.get(server.url("/slow"))


def test_a_body_over_the_cap_is_refused(server: LocalServer) -> None:
    def big(h: http.server.BaseHTTPRequestHandler, declare: bool) -> None:
        h.send_response(200)
        if declare:
            h.send_header("Content-Length", str(300_000))
        h.end_headers()
        try:
            h.wfile.write(b"x" * 300_000)
        except OSError:
            pass

    server.routes["/declared"] = lambda h: big(h, True)
    server.routes["/undeclared"] = lambda h: big(h, False)
    f = server.fetcher(max_bytes=100_000)
    for path in ("/declared", "/undeclared"):
        with pytest.raises(FetchRefused, match="larger than 100,000 bytes"):
            f.get(server.url(path))


def test_a_deep_json_document_fetched_online_is_a_clean_failure(server: LocalServer) -> None:
    """A hostile issuer's DID/key document, nested deeply, ends as an unresolved key, not a crash."""
    from wallet.crypto.did import KeyResolver, KeyUnresolved

    def deep(h: http.server.BaseHTTPRequestHandler) -> None:
        body = ("[" * DEEP + "]" * DEEP).encode()
        h.send_response(200)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    server.routes["/key.json"] = deep
    with pytest.raises(KeyUnresolved):
        KeyResolver(server.fetcher(), {}).resolve(server.url("/key.json") + "#key-1")


def test_every_error_is_a_wallet_error_or_a_check() -> None:
    """The classes the tests above rely on stay what the CLI maps to exit 2."""
    assert issubclass(TooLarge, BadInput) and issubclass(BadInput, WalletError) and BadInput.exit_code == 2
