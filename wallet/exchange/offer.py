"""OpenID4VCI 1.0 §4.1: the Credential Offer, by value (``credential_offer``) or by reference
(``credential_offer_uri``), in an ``openid-credential-offer://`` URL, an https link, or pasted JSON.

Parsing refuses anything the text does not allow (both parameters, neither, a repeated parameter, an issuer
identifier that is not an https URL without query or fragment, an empty or repeated configuration id, a
``tx_code`` outside its rules) and ignores parameters it does not know, as §4.1.1 says.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from ..errors import BadInput, CannotProceed
from .http import ExchangeRefused, HttpClient, check_url
from .links import require_scheme, single_params

OFFER_SCHEME = "openid-credential-offer"
PRE_AUTH_GRANT = "urn:ietf:params:oauth:grant-type:pre-authorized_code"
AUTH_CODE_GRANT = "authorization_code"
MAX_CONFIGURATIONS = 20
MAX_OFFER_BYTES = 64 * 1024


class OfferError(BadInput):
    """The offer itself is malformed or not allowed (exit 2)."""


class IssuerError(CannotProceed):
    """The issuer could not be reached, or refused, or answered with something unusable (exit 3)."""


def call(fn: Any, *args: Any, **kw: Any) -> Any:
    """One bounded request; a network failure or refusal becomes an IssuerError a learner can read."""
    try:
        return fn(*args, **kw)
    except ExchangeRefused as exc:
        raise IssuerError(str(exc)) from exc


@dataclass
class TxCode:
    input_mode: str = "numeric"  # "numeric" | "text"
    length: int | None = None
    description: str = ""

    def check(self, value: str | None) -> str:
        """The learner's transaction code, checked against what the offer says before it is sent."""
        if value is None or value == "":
            raise OfferError("this offer needs a transaction code (the issuer sent it separately"
                             + (f": {self.description}" if self.description else "") + "); pass --tx-code CODE")
        if self.input_mode == "numeric" and not value.isdigit():
            raise OfferError("the transaction code is digits only")
        if self.length is not None and len(value) != self.length:
            raise OfferError(f"the transaction code has {self.length} characters, not {len(value)}")
        return value

    def to_json(self) -> dict[str, Any]:
        return {"input_mode": self.input_mode, "length": self.length, "description": self.description}


@dataclass
class Offer:
    credential_issuer: str
    configuration_ids: list[str]
    pre_authorized_code: str | None = None
    tx_code: TxCode | None = None
    pre_auth_server: str | None = None
    authorization_code: bool = False  # the authorization_code grant was offered
    issuer_state: str | None = None
    auth_code_server: str | None = None
    grants_given: bool = False
    by_reference: str | None = None  # the credential_offer_uri it was fetched from
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def grant(self) -> str:
        """The grant this wallet uses: pre-authorized when offered (no browser needed), else the code flow."""
        return PRE_AUTH_GRANT if self.pre_authorized_code else AUTH_CODE_GRANT


def _issuer_id(value: Any, allow_loopback_http: bool) -> str:
    if not isinstance(value, str) or not value:
        raise OfferError("the offer has no credential_issuer")
    try:
        parts = check_url(value, allow_loopback_http)
    except ExchangeRefused as exc:
        raise OfferError(f"credential_issuer: {exc}") from exc
    if parts.query or parts.fragment or "?" in value or "#" in value:
        raise OfferError(f"credential_issuer {value[:100]!r} must not have a query or fragment")
    return value


def _opt_str(obj: dict[str, Any], key: str, where: str, limit: int = 4096) -> str | None:
    v = obj.get(key)
    if v is None:
        return None
    if not isinstance(v, str) or not v or len(v) > limit:
        raise OfferError(f"{where}.{key} must be a non-empty string")
    return v


def parse_offer_object(obj: Any, allow_loopback_http: bool = False) -> Offer:
    """The Credential Offer object (§4.1.1), checked."""
    if not isinstance(obj, dict):
        raise OfferError("the credential offer is not a JSON object")
    issuer = _issuer_id(obj.get("credential_issuer"), allow_loopback_http)
    ids = obj.get("credential_configuration_ids")
    if not isinstance(ids, list) or not ids or not all(isinstance(i, str) and i for i in ids):
        raise OfferError("credential_configuration_ids must be a non-empty list of strings")
    if len(set(ids)) != len(ids):
        raise OfferError("credential_configuration_ids repeats an id")
    if len(ids) > MAX_CONFIGURATIONS:
        raise OfferError(f"the offer lists {len(ids)} credentials; at most {MAX_CONFIGURATIONS} are taken at once")
    offer = Offer(issuer, list(ids), raw=obj)
    grants = obj.get("grants")
    if grants is not None and not isinstance(grants, dict):
        raise OfferError("grants must be an object")
    grants = grants or {}
    offer.grants_given = bool(grants)
    pre = grants.get(PRE_AUTH_GRANT)
    if pre is not None:
        if not isinstance(pre, dict):
            raise OfferError("the pre-authorized_code grant must be an object")
        code = _opt_str(pre, "pre-authorized_code", "grants.pre-authorized_code")
        if code is None:
            raise OfferError("the pre-authorized_code grant has no pre-authorized_code")
        offer.pre_authorized_code = code
        offer.pre_auth_server = _opt_str(pre, "authorization_server", "grants.pre-authorized_code")
        tx = pre.get("tx_code")
        if tx is not None:
            if not isinstance(tx, dict):
                raise OfferError("tx_code must be an object")
            mode = tx.get("input_mode", "numeric")
            if mode not in ("numeric", "text"):
                raise OfferError("tx_code.input_mode must be 'numeric' or 'text'")
            length = tx.get("length")
            if length is not None and (isinstance(length, bool) or not isinstance(length, int) or not 1 <= length <= 64):
                raise OfferError("tx_code.length must be a whole number from 1 to 64")
            desc = tx.get("description", "")
            if not isinstance(desc, str) or len(desc) > 300:
                raise OfferError("tx_code.description must be text of at most 300 characters")
            offer.tx_code = TxCode(mode, length, desc)
    auth = grants.get(AUTH_CODE_GRANT)
    if auth is not None:
        if not isinstance(auth, dict):
            raise OfferError("the authorization_code grant must be an object")
        offer.authorization_code = True
        offer.issuer_state = _opt_str(auth, "issuer_state", "grants.authorization_code")
        offer.auth_code_server = _opt_str(auth, "authorization_server", "grants.authorization_code")
    if not grants:  # §4.1.1: the wallet determines the grant from the metadata; the code flow needs none
        offer.authorization_code = True
    return offer


def parse_offer(text: str, http: HttpClient) -> Offer:
    """An offer from the text the learner gave: JSON, or a URL carrying it by value or by reference.  A
    ``credential_offer_uri`` is fetched with a GET (bounded, https only); nothing else is sent."""
    from ..formats.jsonutil import loads_strict

    text = text.strip()
    if text.startswith("{"):
        return parse_offer_object(loads_strict(text.encode("utf-8"), "credential offer"), http.allow_loopback_http)
    parts = require_scheme(text, (OFFER_SCHEME, "https", "http"), "a credential offer")
    params = single_params(parts.query, "credential offer")
    by_value, by_ref = params.get("credential_offer"), params.get("credential_offer_uri")
    if by_value is not None and by_ref is not None:
        raise OfferError("the link carries both credential_offer and credential_offer_uri; only one is allowed")
    if by_value is None and by_ref is None:
        raise OfferError("the link carries neither credential_offer nor credential_offer_uri")
    if parts.scheme.lower() == "http":
        try:  # an http link is read only where http itself would be allowed (a loopback test issuer)
            check_url(text, http.allow_loopback_http)
        except ExchangeRefused as exc:
            raise OfferError(str(exc)) from exc
    if by_value is not None:
        if len(by_value) > MAX_OFFER_BYTES:
            raise OfferError("the credential offer is too large")
        return parse_offer_object(loads_strict(by_value.encode("utf-8"), "credential offer"), http.allow_loopback_http)
    assert by_ref is not None
    try:
        check_url(by_ref, http.allow_loopback_http)
    except ExchangeRefused as exc:
        raise OfferError(f"credential_offer_uri: {exc}") from exc
    resp = call(http.get, by_ref, accept="application/json")
    if resp.status != 200:
        raise IssuerError(f"the offer at {by_ref[:200]} could not be fetched (HTTP {resp.status})")
    if resp.content_type != "application/json":
        raise OfferError(f"the offer at {by_ref[:200]} is not application/json ({resp.content_type or 'no type'})")
    if len(resp.body) > MAX_OFFER_BYTES:
        raise OfferError("the credential offer is too large")
    offer = parse_offer_object(loads_strict(resp.body, "credential offer"), http.allow_loopback_http)
    offer.by_reference = by_ref
    return offer


def offer_link(obj: dict[str, Any], scheme: str = OFFER_SCHEME) -> str:
    """An ``openid-credential-offer://`` link carrying ``obj`` by value (tests and the demo use it)."""
    import json

    return f"{scheme}://?credential_offer=" + urllib.parse.quote(json.dumps(obj, separators=(",", ":")), safe="")
