"""An OpenID4VCI 1.0 issuer (and its authorization server) for tests, on 127.0.0.1.

It implements the server side well enough to drive every flow of the wallet's client: the offer by value
or by reference, issuer metadata at the inserted well-known path (unsigned, or signed as ``application/jwt``),
RFC 8414 metadata, the pre-authorized code grant (single use, with or without a transaction code), the
authorization code grant with PKCE S256 and ``issuer_state``, the nonce endpoint (single-use nonces), ``jwt``
proofs checked for real (typ, signature with the header's key, aud, nonce, iat), the three formats signed
with the demo issuers' keys (dc+sd-jwt bound to the proof's key, jwt_vc_json, ldp_vc with eddsa-rdfc-2022),
deferred issuance and batches.  ``faults`` switch on misbehaviour for the negative tests; ``log`` records
every request (method, path, body) so a test can assert what was, or was not, sent.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from tests import factory
from wallet.crypto import jose
from wallet.crypto.signing import sign_jws
from wallet.crypto import publickeys as keys

DEMO = "https://demo.credwallet.org"
PRE = "urn:ietf:params:oauth:grant-type:pre-authorized_code"


def _seed(label: str) -> bytes:  # the demo issuers' keys (resources/demo/issue_demo.py derives them the same way)
    return hashlib.sha256(f"credwallet demo key: {label}".encode()).digest()


NURSING = ec.derive_private_key(int.from_bytes(_seed("nursing-board"), "big")
                                % (int("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16) - 1) + 1,
                                ec.SECP256R1())
NURSING_ID = f"{DEMO}/issuers/nursing-board"
HARBOR = ed25519.Ed25519PrivateKey.from_private_bytes(_seed("harbor-library"))
HARBOR_DID = "did:key:" + keys.to_multikey(HARBOR.public_key())
METADATA_KEY = ec.generate_private_key(ec.SECP256R1())  # signs the signed metadata


def _logo_png() -> str:
    import io

    from PIL import Image, ImageDraw

    img = Image.new("RGB", (48, 48), (20, 110, 160))
    ImageDraw.Draw(img).ellipse((10, 10, 38, 38), fill=(250, 250, 250))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


LOGO = _logo_png()


def b64u(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def sd_jwt(holder_jwk: dict[str, Any], n: int, tamper: bool = False) -> str:
    claims = {"given_name": "Amira", "family_name": "Haddad", "license_number": f"BLS-2026-{n:04d}"}
    discs, digests = [], []
    for k, v in claims.items():
        raw = b64u(json.dumps([b64u(secrets.token_bytes(16)), k, v]).encode())
        discs.append(raw)
        digests.append(b64u(hashlib.sha256(raw.encode()).digest()))
    payload = {"iss": NURSING_ID, "iat": 1767225600, "exp": 1830297600, "vct": f"{DEMO}/vct/basic-life-support",
               "issuer_name": "State Board of Nursing (demo)",
               "achievement": {"name": f"Basic Life Support (BLS) Provider {n}",
                               "description": "Adult, child and infant CPR."},
               "_sd": sorted(digests), "_sd_alg": "sha-256", "cnf": {"jwk": holder_jwk}}
    token = sign_jws({"alg": "ES256", "typ": "dc+sd-jwt"}, json.dumps(payload).encode(), NURSING)
    if tamper:  # the issuer's name changed after signing: the signature no longer matches
        h, p, s = token.split(".")
        body = json.loads(base64.urlsafe_b64decode(p + "=="))
        body["issuer_name"] = "Harvard Medical School"
        token = ".".join([h, b64u(json.dumps(body).encode()), s])
    return token + "~" + "".join(d + "~" for d in discs)


def vc_jwt(n: int) -> str:
    cred = {"@context": ["https://www.w3.org/ns/credentials/v2",
                         "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
            "id": f"urn:uuid:6a1c2f0e-0000-4a00-8000-{n:012d}", "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": {"id": HARBOR_DID, "type": ["Profile"], "name": "Harbor City Library"},
            "validFrom": "2026-01-22T15:00:00Z", "name": f"Digital Literacy {n}",
            "credentialSubject": {"type": ["AchievementSubject"], "name": "Amira Haddad",
                                  "achievement": {"id": f"{DEMO}/achievements/digital-literacy-{n}",
                                                  "type": ["Achievement"], "name": f"Digital Literacy {n}",
                                                  "description": "Uses digital tools.",
                                                  "criteria": {"narrative": "Workshops."}}}}
    vm = f"{HARBOR_DID}#{HARBOR_DID.split(':')[-1]}"
    return sign_jws({"alg": "EdDSA", "typ": "vc+jwt", "kid": vm}, json.dumps(cred).encode(), HARBOR)


def configurations() -> dict[str, Any]:
    proof = {"jwt": {"proof_signing_alg_values_supported": ["ES256", "EdDSA"]}}
    return {
        "bls_sd_jwt": {"format": "dc+sd-jwt", "vct": f"{DEMO}/vct/basic-life-support", "scope": "bls",
                       "cryptographic_binding_methods_supported": ["jwk"], "proof_types_supported": proof,
                       "credential_metadata": {"display": [{"name": "Basic Life Support", "locale": "en",
                                                            "description": "CPR and AED provider card"}]}},
        "literacy_jwt": {"format": "jwt_vc_json", "scope": "literacy",
                         "credential_definition": {"type": ["VerifiableCredential", "OpenBadgeCredential"]},
                         "cryptographic_binding_methods_supported": ["did:key"], "proof_types_supported": proof,
                         "credential_metadata": {"display": [{"name": "Digital Literacy", "locale": "en"}]}},
        "badge_ldp": {"format": "ldp_vc", "scope": "badge",
                      "credential_definition": {"type": ["VerifiableCredential", "OpenBadgeCredential"]},
                      "credential_metadata": {"display": [{"name": "Open Badge", "locale": "en"}]}},
        "licence_mdoc": {"format": "mso_mdoc", "doctype": "org.iso.18013.5.1.mDL",
                         "credential_metadata": {"display": [{"name": "Driving licence"}]}},
    }


class IssuerServer:
    def __init__(self, path: str = "/issuer", **faults: Any) -> None:
        self.faults: dict[str, Any] = dict(faults)
        self.log: list[tuple[str, str, bytes]] = []
        self.pre_codes: dict[str, dict[str, Any]] = {}
        self.auth_codes: dict[str, dict[str, Any]] = {}
        self.tokens: dict[str, dict[str, Any]] = {}
        self.nonces: set[str] = set()
        self.transactions: dict[str, dict[str, Any]] = {}
        self.by_ref: dict[str, dict[str, Any]] = {}
        self.pushed: dict[str, dict[str, str]] = {}
        self.token_forms: list[dict[str, str]] = []
        self.credential_requests: list[dict[str, Any]] = []
        self.issued = 0
        self.issuer_states: list[str | None] = []
        self.proof_headers: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a: Any) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                server._handle(self, "GET", b"")

            def do_POST(self) -> None:  # noqa: N802
                n = int(self.headers.get("Content-Length") or 0)
                server._handle(self, "POST", self.rfile.read(n) if n else b"")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.path = path
        self.id = self.base + path
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> IssuerServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # -- offers ---------------------------------------------------------------------------------------
    def offer(self, ids: list[str], *, tx_code: str | None = None, tx: dict[str, Any] | None = None,
              pre: bool = True, issuer_state: str | None = None, issuer: str | None = None) -> dict[str, Any]:
        grants: dict[str, Any] = {}
        if pre:
            code = secrets.token_urlsafe(16)
            self.pre_codes[code] = {"tx_code": tx_code, "used": False, "ids": ids}
            g: dict[str, Any] = {"pre-authorized_code": code}
            if tx_code is not None:
                g["tx_code"] = tx if tx is not None else {"input_mode": "numeric", "length": len(tx_code),
                                                          "description": "sent to you by e-mail"}
            grants[PRE] = g
        else:
            grants["authorization_code"] = {"issuer_state": issuer_state} if issuer_state else {}
        return {"credential_issuer": issuer or self.id, "credential_configuration_ids": ids, "grants": grants}

    def offer_uri(self, offer: dict[str, Any]) -> str:
        ref = secrets.token_urlsafe(8)
        self.by_ref[ref] = offer
        return f"{self.id}/offers/{ref}"

    # -- metadata -------------------------------------------------------------------------------------
    def metadata(self) -> dict[str, Any]:
        m: dict[str, Any] = {
            "credential_issuer": self.faults.get("metadata_issuer", self.id),
            "credential_endpoint": f"{self.id}/credential", "nonce_endpoint": f"{self.id}/nonce",
            "deferred_credential_endpoint": f"{self.id}/deferred",
            "display": [{"name": "Riverside Training Centre", "locale": "en",
                         "logo": {"uri": LOGO, "alt_text": "Riverside logo"}}],
            "credential_configurations_supported": configurations(),
        }
        if self.faults.get("batch_size"):
            m["batch_credential_issuance"] = {"batch_size": self.faults["batch_size"]}
        return m

    def as_metadata(self) -> dict[str, Any]:
        m = {"issuer": self.id, "token_endpoint": f"{self.id}/token",
             "authorization_endpoint": f"{self.id}/authorize", "response_types_supported": ["code"],
             "code_challenge_methods_supported": ["S256"],
             "pre-authorized_grant_anonymous_access_supported": not self.faults.get("client_id_required"),
             "authorization_response_iss_parameter_supported": True}
        if self.faults.get("par"):
            m.update(pushed_authorization_request_endpoint=f"{self.id}/par", require_pushed_authorization_requests=True)
        return m

    # -- dispatch -------------------------------------------------------------------------------------
    def _handle(self, h: BaseHTTPRequestHandler, method: str, body: bytes) -> None:
        url = urllib.parse.urlsplit(h.path)
        with self.lock:
            self.log.append((method, url.path, body))
        q = dict(urllib.parse.parse_qsl(url.query))
        p = url.path
        try:
            if p == "/.well-known/openid-credential-issuer" + self.path:
                if self.faults.get("signed_metadata") and "application/jwt" in (h.headers.get("Accept") or ""):
                    claims = dict(self.metadata(), sub=self.id, iat=int(time.time()))
                    tok = sign_jws({"alg": "ES256", "typ": "openidvci-issuer-metadata+jwt",
                                             "jwk": keys.to_jwk(METADATA_KEY.public_key())},
                                            json.dumps(claims).encode(), METADATA_KEY)
                    if self.faults.get("signed_metadata") == "tampered":
                        a, b, c = tok.split(".")
                        claims["credential_endpoint"] = "https://evil.example/credential"
                        tok = ".".join([a, b64u(json.dumps(claims).encode()), c])
                    return self._send(h, 200, tok.encode(), "application/jwt")
                if self.faults.get("metadata_body") is not None:
                    return self._send(h, 200, self.faults["metadata_body"], "application/json")
                return self._json(h, 200, self.metadata())
            if p == "/.well-known/oauth-authorization-server" + self.path:
                return self._json(h, 200, self.as_metadata())
            if p.startswith(self.path + "/offers/"):
                offer = json.dumps(self.by_ref[p.rsplit("/", 1)[1]]).encode()
                return self._send(h, 200, offer, self.faults.get("offer_type", "application/json"))
            if p == self.path + "/authorize":
                if self.faults.get("par"):  # only a request pushed before is accepted
                    pushed = self.pushed.pop(q.get("request_uri", ""), None)
                    if pushed is None or q.get("client_id") != pushed.get("client_id"):
                        return self._json(h, 400, {"error": "invalid_request_uri"})
                    q = pushed
                return self._authorize(h, q)
            if p == self.path + "/par" and method == "POST":
                uri = "urn:ietf:params:oauth:request_uri:" + secrets.token_urlsafe(12)
                self.pushed[uri] = dict(urllib.parse.parse_qsl(body.decode()))
                return self._json(h, 201, {"request_uri": uri, "expires_in": 60})
            if p == self.path + "/token" and method == "POST":
                return self._token(h, dict(urllib.parse.parse_qsl(body.decode())))
            if p == self.path + "/nonce" and method == "POST":
                n = secrets.token_urlsafe(12)
                self.nonces.add(n)
                return self._json(h, 200, {"c_nonce": n}, {"Cache-Control": "no-store"})
            if p == self.path + "/credential" and method == "POST":
                return self._credential(h, json.loads(body))
            if p == self.path + "/deferred" and method == "POST":
                return self._deferred(h, json.loads(body))
        except (KeyError, ValueError) as exc:
            return self._json(h, 400, {"error": "invalid_request", "error_description": str(exc)[:100]})
        return self._json(h, 404, {"error": "not_found"})

    def _send(self, h: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str,
              extra: dict[str, str] | None = None) -> None:
        h.send_response(status)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(body)

    def _json(self, h: BaseHTTPRequestHandler, status: int, obj: Any, extra: dict[str, str] | None = None) -> None:
        self._send(h, status, json.dumps(obj).encode(), "application/json", extra)

    def _authorize(self, h: BaseHTTPRequestHandler, q: dict[str, str]) -> None:
        self.issuer_states.append(q.get("issuer_state"))
        redirect = q["redirect_uri"]
        if (q.get("response_type") != "code" or q.get("code_challenge_method") != "S256"
                or not redirect.startswith("http://127.0.0.1:")):
            return self._json(h, 400, {"error": "invalid_request"})
        code = secrets.token_urlsafe(16)
        self.auth_codes[code] = {"challenge": q["code_challenge"], "redirect_uri": redirect, "used": False}
        target = self.faults.get("redirect_to", redirect)
        if callable(target):
            target = target(redirect)
        state = self.faults.get("state", q["state"])
        loc = f"{target}?" + urllib.parse.urlencode({"code": code, "state": state, "iss": self.id})
        h.send_response(302)
        h.send_header("Location", loc)
        h.send_header("Content-Length", "0")
        h.end_headers()

    def _token(self, h: BaseHTTPRequestHandler, form: dict[str, str]) -> None:
        self.token_forms.append(form)
        grant = form.get("grant_type")
        if grant == PRE:
            rec = self.pre_codes.get(form.get("pre-authorized_code", ""))
            if rec is None or rec["used"]:
                return self._json(h, 400, {"error": "invalid_grant", "error_description": "unknown or used code"})
            if rec["tx_code"] is not None and form.get("tx_code") != rec["tx_code"]:
                return self._json(h, 400, {"error": "invalid_grant", "error_description": "wrong transaction code"})
            rec["used"] = True
            ids = rec["ids"]
        elif grant == "authorization_code":
            rec = self.auth_codes.get(form.get("code", ""))
            if rec is None or rec["used"]:
                return self._json(h, 400, {"error": "invalid_grant"})
            rec["used"] = True
            verifier = form.get("code_verifier", "")
            if b64u(hashlib.sha256(verifier.encode()).digest()) != rec["challenge"]:
                return self._json(h, 400, {"error": "invalid_grant", "error_description": "PKCE verifier mismatch"})
            if form.get("redirect_uri") != rec["redirect_uri"]:
                return self._json(h, 400, {"error": "invalid_grant", "error_description": "redirect_uri mismatch"})
            ids = list(configurations())
        else:
            return self._json(h, 400, {"error": "unsupported_grant_type"})
        if self.faults.get("client_id_required") and not form.get("client_id"):
            return self._json(h, 400, {"error": "invalid_client"})
        tok = secrets.token_urlsafe(24)
        answer: dict[str, Any] = {"access_token": tok, "token_type": self.faults.get("token_type", "Bearer"),
                                  "expires_in": 600}
        self.tokens[tok] = {"ids": ids, "identifiers": {}}
        if self.faults.get("identifiers"):  # two datasets of each configuration, named in the token response
            answer["authorization_details"] = []
            for cid in ids:
                names = [f"{cid}-2025", f"{cid}-2026"]
                self.tokens[tok]["identifiers"].update({n: cid for n in names})
                answer["authorization_details"].append({"type": "openid_credential", "credential_configuration_id": cid,
                                                        "credential_identifiers": names})
        self._json(h, 200, answer, {"Cache-Control": "no-store"})

    def _check_proof(self, proof: str) -> tuple[str | None, dict[str, Any] | None]:
        jws = jose.parse_compact(proof)
        hdr = jws.header
        self.proof_headers.append(hdr)
        if hdr.get("typ") != "openid4vci-proof+jwt" or ("jwk" in hdr) == ("kid" in hdr):
            return "invalid_proof", None
        if "kid" in hdr:  # a did:key URL: the key is in the DID itself
            did = str(hdr["kid"]).split("#", 1)[0]
            if not did.startswith("did:key:"):
                return "invalid_proof", None
            key = keys.from_multikey(did.removeprefix("did:key:"))
            jose.verify(jws, key)
            hdr = dict(hdr, jwk=keys.to_jwk(key))
        else:
            jose.verify(jws, keys.from_jwk(hdr["jwk"]), allow_embedded_jwk=True)
        claims = json.loads(jws.payload)
        if claims.get("aud") != self.id or abs(claims.get("iat", 0) - time.time()) > 300:
            return "invalid_proof", None
        nonce = claims.get("nonce")
        if self.faults.get("wrong_nonce") or nonce not in self.nonces:
            return "invalid_nonce", None
        return None, hdr["jwk"]  # the proofs of one request share its c_nonce; it is spent after them all

    def _credential(self, h: BaseHTTPRequestHandler, req: dict[str, Any]) -> None:
        auth = h.headers.get("Authorization", "")
        grant = self.tokens.get(auth.removeprefix("Bearer "))
        if grant is None:
            return self._json(h, 401, {"error": "invalid_token"})
        self.credential_requests.append(req)
        if grant["identifiers"]:  # §8.2: credential_identifier, and not credential_configuration_id, then
            if "credential_configuration_id" in req or req.get("credential_identifier") not in grant["identifiers"]:
                return self._json(h, 400, {"error": "unknown_credential_identifier"})
            cid = grant["identifiers"][req["credential_identifier"]]
        else:
            cid = req.get("credential_configuration_id")
        if cid not in grant["ids"] or cid not in configurations():
            return self._json(h, 400, {"error": "unknown_credential_configuration"})
        jwks = []
        if "proof_types_supported" in configurations()[cid]:
            proofs = (req.get("proofs") or {}).get("jwt")
            if not isinstance(proofs, list) or not proofs or len(proofs) > max(1, self.faults.get("batch_size", 1)):
                return self._json(h, 400, {"error": "invalid_proof"})
            for pr in proofs:
                try:
                    err, jwk = self._check_proof(pr)
                except jose.JoseError:
                    err, jwk = "invalid_proof", None
                if err:
                    return self._json(h, 400, {"error": err})
                jwks.append(jwk)
            self.nonces.discard(json.loads(jose.parse_compact(proofs[0]).payload).get("nonce"))
        creds = [{"credential": self._make(cid, jwk)} for jwk in (jwks or [None])]
        if self.faults.get("extra_credentials"):
            creds += [{"credential": self._make(cid, jwks[0] if jwks else None)}] * self.faults["extra_credentials"]
        if self.faults.get("oversized"):
            return self._send(h, 200, b'{"credentials":[{"credential":"' + b"A" * (5 * 1024 * 1024) + b'"}]}',
                              "application/json")
        if self.faults.get("deferred"):
            tid = secrets.token_urlsafe(12)
            self.transactions[tid] = {"creds": creds, "polls_left": self.faults["deferred"]}
            return self._json(h, 202, {"transaction_id": tid, "interval": 5})
        self._json(h, 200, {"credentials": creds})

    def _deferred(self, h: BaseHTTPRequestHandler, req: dict[str, Any]) -> None:
        if self.tokens.get(h.headers.get("Authorization", "").removeprefix("Bearer ")) is None:
            return self._json(h, 401, {"error": "invalid_token"})
        tx = self.transactions.get(req.get("transaction_id"))
        if tx is None:
            return self._json(h, 400, {"error": "invalid_transaction_id"})
        tx["polls_left"] -= 1
        if tx["polls_left"] > 0:
            return self._json(h, 202, {"transaction_id": req["transaction_id"], "interval": 5})
        del self.transactions[req["transaction_id"]]
        self._json(h, 200, {"credentials": tx["creds"]})

    def _make(self, cid: str, jwk: dict[str, Any] | None) -> Any:
        self.issued += 1
        n = self.issued + secrets.randbelow(10**6) * 100
        if cid == "bls_sd_jwt":
            return sd_jwt(jwk or {}, n, tamper=bool(self.faults.get("tamper")))
        if cid == "literacy_jwt":
            return vc_jwt(n)
        return factory.signed(factory.ob3(n % 10**9))


def browser(fault: str | None = None):  # noqa: ANN201
    """Plays the system browser: follows the authorize URL's redirect to the wallet's loopback listener (in a
    thread, as a real browser would run beside the wallet).  The thread is kept on ``.threads``."""
    import http.client

    threads: list[threading.Thread] = []

    def open_url(url: str) -> None:
        def run() -> None:
            parts = urllib.parse.urlsplit(url)
            c = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
            c.request("GET", f"{parts.path}?{parts.query}")
            r = c.getresponse()
            loc = r.getheader("Location")
            c.close()
            if not loc:
                return
            lp = urllib.parse.urlsplit(loc)
            c = http.client.HTTPConnection(lp.hostname, lp.port, timeout=10)
            try:
                c.request("GET", f"{lp.path}?{lp.query}")
                c.getresponse().read()
            except OSError:
                pass
            finally:
                c.close()

        t = threading.Thread(target=run, daemon=True)
        threads.append(t)
        t.start()

    open_url.threads = threads  # type: ignore[attr-defined]
    return open_url
