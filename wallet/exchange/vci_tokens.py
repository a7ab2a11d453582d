"""OpenID4VCI 1.0 grant and proof of possession, for :mod:`wallet.exchange.vci`: the access token
(pre-authorized code with its transaction code, or the authorization code flow with PKCE S256 through the
system browser and a loopback redirect), the ``c_nonce`` from the nonce endpoint, and the ``jwt`` proof
(``openid4vci-proof+jwt``)."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..crypto.signing import sign_jws
from .http import HttpClient, Response
from .metadata import Configuration, IssuerMetadata
from .offer import PRE_AUTH_GRANT, IssuerError, call

if TYPE_CHECKING:
    from .vci import Preview

PROOF_TYP = "openid4vci-proof+jwt"


def _printable(text: Any, limit: int = 300) -> str:
    s = text if isinstance(text, str) else ""
    return "".join(c for c in s if " " <= c <= "~")[:limit]


def _protocol_error(resp: Response, what: str) -> str:
    try:
        body = resp.json()
    except Exception:  # noqa: BLE001 - an error page that is not JSON
        body = None
    if isinstance(body, dict) and isinstance(body.get("error"), str):
        desc = _printable(body.get("error_description"))
        return f"{what}: the issuer answered {_printable(body['error'], 80)!r}" + (f" ({desc})" if desc else "")
    return f"{what}: the issuer answered HTTP {resp.status}"


def _json_object(resp: Response, what: str) -> dict[str, Any]:
    if resp.content_type not in ("application/json", ""):
        raise IssuerError(f"{what}: expected application/json, got {resp.content_type[:60]!r}")
    try:
        obj = resp.json()
    except Exception as exc:  # noqa: BLE001
        raise IssuerError(f"{what}: {exc}") from exc
    if not isinstance(obj, dict):
        raise IssuerError(f"{what}: the answer is not a JSON object")
    return obj



# --- the grant ----------------------------------------------------------------------------------------------


@dataclass
class Token:
    access_token: str
    details: list[dict[str, Any]]
    anonymous: bool
    client_id: str


def _token(resp: Response, what: str) -> dict[str, Any]:
    if resp.status != 200:
        raise IssuerError(_protocol_error(resp, what))
    body = _json_object(resp, what)
    tok = body.get("access_token")
    if not isinstance(tok, str) or not tok or len(tok) > 16_384:
        raise IssuerError(f"{what}: no usable access_token in the answer")
    ttype = body.get("token_type")
    if not isinstance(ttype, str) or ttype.lower() != "bearer":
        raise IssuerError(f"{what}: the token type {str(ttype)[:40]!r} is not supported (only Bearer)")
    return body


def _details(body: dict[str, Any]) -> list[dict[str, Any]]:
    d = body.get("authorization_details")
    return [x for x in d if isinstance(x, dict) and x.get("type") == "openid_credential"] if isinstance(d, list) else []


def pre_authorized_token(preview: Preview, http: HttpClient, tx_code: str | None, client_id: str) -> Token:
    offer, auth = preview.offer, preview.auth_server
    form = {"grant_type": PRE_AUTH_GRANT, "pre-authorized_code": offer.pre_authorized_code or ""}
    if offer.tx_code is not None:
        form["tx_code"] = offer.tx_code.check(tx_code)
    anonymous = auth.anonymous_pre_auth
    if not anonymous:
        form["client_id"] = client_id
    body = _token(call(http.post_form, auth.token_endpoint, form), "the token request")
    return Token(body["access_token"], _details(body), anonymous, client_id)


def pkce_pair() -> tuple[str, str]:
    """RFC 7636: a 64-character verifier from the unreserved set and its S256 challenge."""
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode("ascii")).digest()).rstrip(b"=").decode()
    return verifier, challenge


def authorization_request(preview: Preview, redirect_uri: str, client_id: str, state: str, challenge: str) -> dict[str, str]:
    configs = [c for c in preview.offered if c.supported]
    params = {"response_type": "code", "client_id": client_id, "redirect_uri": redirect_uri, "state": state,
              "code_challenge": challenge, "code_challenge_method": "S256"}
    if all(c.scope for c in configs):
        params["scope"] = " ".join(dict.fromkeys(c.scope or "" for c in configs))
    else:
        details = [{"type": "openid_credential", "credential_configuration_id": c.id} for c in configs]
        if preview.metadata.credential_issuer != preview.auth_server.issuer:
            for d in details:
                d["locations"] = [preview.metadata.credential_issuer]  # type: ignore[assignment]
        params["authorization_details"] = json.dumps(details, separators=(",", ":"))
    if preview.offer.issuer_state:
        params["issuer_state"] = preview.offer.issuer_state
    return params


def authorization_code_token(preview: Preview, http: HttpClient, client_id: str,
                             open_browser: Callable[[str], Any], cancel: Callable[[], bool] | None,
                             wait_seconds: float) -> Token:
    from .loopback import LoopbackRedirect, RedirectRefused

    auth = preview.auth_server
    verifier, challenge = pkce_pair()
    state = secrets.token_urlsafe(24)
    with LoopbackRedirect() as listener:
        params = authorization_request(preview, listener.redirect_uri, client_id, state, challenge)
        if auth.require_par or auth.par_endpoint:
            if not auth.par_endpoint:
                raise IssuerError("the authorization server requires pushed authorization requests but names no "
                                  "endpoint for them")
            resp = call(http.post_form, auth.par_endpoint, params)
            if resp.status not in (200, 201):
                raise IssuerError(_protocol_error(resp, "the pushed authorization request"))
            body = _json_object(resp, "the pushed authorization request")
            if not isinstance(body.get("request_uri"), str):
                raise IssuerError("the pushed authorization request: no request_uri in the answer")
            query = {"client_id": client_id, "request_uri": body["request_uri"]}
        else:
            query = params
        endpoint = auth.authorization_endpoint or ""
        from .http import check_url

        check_url(endpoint, http.allow_loopback_http)
        sep = "&" if urllib.parse.urlsplit(endpoint).query else "?"
        open_browser(endpoint + sep + urllib.parse.urlencode(query))
        answer = listener.wait(state, wait_seconds, cancel)
        if auth.iss_in_response and answer.get("iss") != auth.issuer:  # RFC 9207
            raise RedirectRefused("the authorization response names another authorization server (iss); "
                                  "nothing was sent")
        form = {"grant_type": "authorization_code", "code": answer["code"], "code_verifier": verifier,
                "redirect_uri": listener.redirect_uri, "client_id": client_id}
    body = _token(call(http.post_form, auth.token_endpoint, form), "the token request")
    return Token(body["access_token"], _details(body), False, client_id)


# --- proofs of possession and the nonce --------------------------------------------------------------------


def _holder_keys(holder: Any, config: Configuration) -> list[tuple[str, Any]]:
    """The learner's keys the issuer accepts a proof from, in order of preference (ES256, then EdDSA)."""
    out = []
    if "ES256" in config.proof_algs:
        out.append(("ES256", holder.p256))
    ed = next((a for a in ("EdDSA", "Ed25519") if a in config.proof_algs), None)
    if ed:
        out.append((ed, holder.ed25519))
    return out


def proof_jwt(key: Any, alg: str, audience: str, nonce: str | None, iat: int, client_id: str | None,
              did_key: bool = False) -> str:
    """Appendix F.1: the key in a ``jwk`` header, or (for a credential bound to a DID) a did:key URL in ``kid``."""
    from ..crypto import publickeys as keys

    header: dict[str, Any] = {"typ": PROOF_TYP, "alg": alg}
    if did_key:
        did = "did:key:" + keys.to_multikey(key.public_key())
        header["kid"] = f"{did}#{did.split(':')[-1]}"
    else:
        header["jwk"] = keys.to_jwk(key.public_key())
    claims: dict[str, Any] = {"aud": audience, "iat": iat}
    if nonce is not None:
        claims["nonce"] = nonce
    if client_id is not None:
        claims["iss"] = client_id
    return sign_jws(header, json.dumps(claims, separators=(",", ":")).encode(), key)


def fresh_nonce(meta: IssuerMetadata, http: HttpClient) -> str | None:
    if not meta.nonce_endpoint:
        return None
    resp = call(http.request, "POST", meta.nonce_endpoint, body=b"")
    if not 200 <= resp.status < 300:
        raise IssuerError(_protocol_error(resp, "the nonce request"))
    nonce = _json_object(resp, "the nonce request").get("c_nonce")
    if not isinstance(nonce, str) or not nonce or len(nonce) > 1024:
        raise IssuerError("the nonce request: no c_nonce in the answer")
    return nonce
