"""An OpenID4VP 1.0 verifier written for the tests, on 127.0.0.1 (plain http: the wallet reaches it with
--allow-loopback-http).  It makes requests (unsigned, or signed under each client identifier prefix, passed
by value or by request_uri with GET or POST), and receives direct_post and direct_post.jwt answers: it
decrypts them with its own key and checks every presentation the way a verifier must (issuer signature,
KB-JWT nonce and audience, the Data Integrity challenge and domain), keeping what it received for the test
to assert on.  Keys and certificates are made here with ``cryptography``; nothing is shared with the wallet
but what travels over HTTP.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import secrets
import threading
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID
from jwcrypto import jwe, jwk

from wallet.crypto.signing import sign_jws
from wallet.crypto import publickeys as keys


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def sign(header: dict[str, Any], payload: dict[str, Any], key: Any) -> str:
    return sign_jws(header, json.dumps(payload).encode(), key)


# --- an x509 PKI made in the test --------------------------------------------------------------------------


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


@dataclass
class Pki:
    root_key: Any
    root: x509.Certificate
    leaf_key: Any
    leaf: x509.Certificate

    @property
    def root_pem(self) -> bytes:
        return self.root.public_bytes(Encoding.PEM)

    def x5c(self) -> list[str]:
        return [base64.b64encode(self.leaf.public_bytes(Encoding.DER)).decode()]

    def leaf_hash(self) -> str:
        return b64u(hashlib.sha256(self.leaf.public_bytes(Encoding.DER)).digest())


def make_pki(dns: str, root_cn: str = "Test Verifier Root") -> Pki:
    now = dt.datetime.now(dt.UTC)
    root_key = ec.generate_private_key(ec.SECP256R1())
    root = (x509.CertificateBuilder().subject_name(_name(root_cn)).issuer_name(_name(root_cn))
            .public_key(root_key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False)
            .sign(root_key, hashes.SHA256()))
    leaf_key = ec.generate_private_key(ec.SECP256R1())
    leaf = (x509.CertificateBuilder().subject_name(_name(dns)).issuer_name(root.subject)
            .public_key(leaf_key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=10))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(dns)]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False)
            .sign(root_key, hashes.SHA256()))
    return Pki(root_key, root, leaf_key, leaf)


# --- the verifier ----------------------------------------------------------------------------------------


@dataclass
class Received:
    form: dict[str, str]
    payload: dict[str, Any]  # decrypted when direct_post.jwt
    encrypted: bool


@dataclass
class Pending:
    request_id: str
    params: dict[str, Any]
    token: str | None
    signer: Any = None
    header: dict[str, Any] = field(default_factory=dict)
    wallet_nonces: list[str] = field(default_factory=list)


class Verifier:
    """The test verifier.  ``make_request`` returns the link a wallet gets."""

    def __init__(self, redirect_uri: str | None = None, reject: bool = False):
        self.enc_key = jwk.JWK.generate(kty="EC", crv="P-256", kid="enc-1", use="enc", alg="ECDH-ES")
        self.pending: dict[str, Pending] = {}
        self.received: list[Received] = []
        self.reject = reject
        self.redirect_uri = redirect_uri
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Verifier:  # noqa: PYI034 - not subclassed
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- requests -----------------------------------------------------------------------------------------
    def make_request(self, dcql: dict[str, Any], *, prefix: str = "redirect_uri", mode: str = "direct_post",
                     by_reference: bool = False, method: str = "get", signer: Any = None,
                     header: dict[str, Any] | None = None, client_value: str | None = None,
                     response_uri: str | None = None, nonce: str | None = None, scheme: str = "openid4vp",
                     extra: dict[str, Any] | None = None, enc_values: list[str] | None = None) -> str:
        rid = secrets.token_urlsafe(8)
        response_uri = response_uri or f"{self.base}/response/{rid}"
        value = client_value if client_value is not None else response_uri
        client_id = value if prefix == "pre-registered" else f"{prefix}:{value}"
        meta: dict[str, Any] = {"vp_formats_supported": {"dc+sd-jwt": {}, "ldp_vc": {}}}
        if mode == "direct_post.jwt":
            meta["jwks"] = {"keys": [json.loads(self.enc_key.export_public())]}
            if enc_values is not None:
                meta["encrypted_response_enc_values_supported"] = enc_values
        params: dict[str, Any] = {"client_id": client_id, "response_type": "vp_token", "response_mode": mode,
                                  "response_uri": response_uri, "nonce": nonce or secrets.token_urlsafe(16),
                                  "state": secrets.token_urlsafe(8), "dcql_query": dcql, "client_metadata": meta,
                                  **(extra or {})}
        self.pending[rid] = Pending(rid, params, None, signer, dict(header or {}))  # objects are made when served
        if signer is None and not by_reference:
            q = {k: (json.dumps(v) if isinstance(v, dict | list) else v) for k, v in params.items()}
            return f"{scheme}://?{urllib.parse.urlencode(q)}"
        link = {"client_id": client_id}
        if by_reference or signer is not None:
            link["request_uri"] = f"{self.base}/request/{rid}"
            if method == "post":
                link["request_uri_method"] = "post"
        return f"{scheme}://?{urllib.parse.urlencode(link)}"

    def request_object(self, rid: str, wallet_nonce: str | None) -> str:
        p = self.pending[rid]
        payload = dict(p.params, aud="https://self-issued.me/v2", iat=int(dt.datetime.now().timestamp()))
        if wallet_nonce is not None:
            payload["wallet_nonce"] = wallet_nonce
        if p.signer is None:  # an unsigned request object (alg none), as a redirect_uri client passes one
            return f"{b64u(json.dumps({'alg': 'none'}).encode())}.{b64u(json.dumps(payload).encode())}."
        return sign({"typ": "oauth-authz-req+jwt", "alg": "ES256" if isinstance(p.signer, ec.EllipticCurvePrivateKey)
                     else "EdDSA", **p.header}, payload, p.signer)

    def params(self, link_or_rid: str | None = None) -> dict[str, Any]:
        return next(iter(self.pending.values())).params if link_or_rid is None else self.pending[link_or_rid].params

    def last_params(self) -> dict[str, Any]:
        return list(self.pending.values())[-1].params

    # -- answers ------------------------------------------------------------------------------------------
    def _receive(self, rid: str, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        p = self.pending.get(rid)
        if p is None:
            return 404, {"error": "invalid_request"}
        if "response" in form:
            token = jwe.JWE()
            token.deserialize(form["response"], key=self.enc_key)
            payload = json.loads(token.payload)
            header = token.jose_header
            payload["_jwe_header"] = header
            encrypted = True
        else:
            payload = {k: (json.loads(v) if k == "vp_token" else v) for k, v in form.items()}
            encrypted = False
        with self.lock:
            self.received.append(Received(form, payload, encrypted))
        if "error" in payload:
            return 200, {}
        if payload.get("state") != p.params.get("state"):
            return 400, {"error": "invalid_request", "error_description": "state mismatch"}
        if self.reject:
            return 400, {"error": "invalid_request", "error_description": "not good enough"}
        return 200, ({"redirect_uri": self.redirect_uri} if self.redirect_uri else {})

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        verifier = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, body: bytes, ctype: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _form(self) -> dict[str, str]:
                n = int(self.headers.get("Content-Length") or 0)
                return dict(urllib.parse.parse_qsl(self.rfile.read(n).decode()))

            def do_GET(self) -> None:  # noqa: N802
                parts = self.path.strip("/").split("/")
                if len(parts) == 2 and parts[0] == "request" and parts[1] in verifier.pending:
                    self._send(200, verifier.request_object(parts[1], None).encode(), "application/oauth-authz-req+jwt")
                else:
                    self._send(404, b"{}", "application/json")

            def do_POST(self) -> None:  # noqa: N802
                parts = self.path.strip("/").split("/")
                form = self._form()
                if len(parts) == 2 and parts[0] == "request" and parts[1] in verifier.pending:
                    verifier.pending[parts[1]].wallet_nonces.append(form.get("wallet_nonce", ""))
                    body = verifier.request_object(parts[1], form.get("wallet_nonce")).encode()
                    self._send(200, body, "application/oauth-authz-req+jwt")
                elif len(parts) == 2 and parts[0] == "response":
                    status, obj = verifier._receive(parts[1], form)
                    self._send(status, json.dumps(obj).encode(), "application/json")
                else:
                    self._send(404, b"{}", "application/json")

        return Handler


def did_key_signer() -> tuple[Any, str, str]:
    """(Ed25519 private key, did:key, kid) for a decentralized_identifier verifier."""
    key = ed25519.Ed25519PrivateKey.generate()
    did = "did:key:" + keys.to_multikey(key.public_key())
    return key, did, f"{did}#{did.split(':')[-1]}"


def attestation(attester_key: Any, iss: str, sub: str, holder_pub: Any, *, redirect_uris: list[str] | None = None,
                exp_in: int = 3600) -> str:
    now = int(dt.datetime.now().timestamp())
    payload: dict[str, Any] = {"iss": iss, "sub": sub, "iat": now, "exp": now + exp_in,
                               "cnf": {"jwk": keys.to_jwk(holder_pub)}}
    if redirect_uris is not None:
        payload["redirect_uris"] = redirect_uris
    return sign({"typ": "verifier-attestation+jwt", "alg": "ES256"}, payload, attester_key)
