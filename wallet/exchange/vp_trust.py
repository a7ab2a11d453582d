"""Who the learner trusts to vouch for verifiers (OpenID4VP): PEM roots for x509_san_dns / x509_hash clients
and verifier attestation issuers, kept in the settings, for :mod:`wallet.exchange.vp`."""

from __future__ import annotations

from typing import Any

from .. import settings as S
from ..errors import WalletError
from .vp_request import VpTrust

ROOTS_SETTING = S.VP_TRUST_ROOTS
ATTESTERS_SETTING = S.VP_TRUSTED_ATTESTERS


def load_pem_roots(data: bytes, source: str) -> list[Any]:
    from cryptography import x509

    try:
        certs = x509.load_pem_x509_certificates(data)
    except ValueError as exc:
        raise WalletError(f"not a PEM certificate ({exc})", path=source) from exc
    return certs


def trust_from_settings(wallet: Any, extra_roots: list[Any] | tuple[Any, ...] = ()) -> VpTrust:
    roots = []
    for pem in wallet.setting(ROOTS_SETTING, []) or []:
        roots += load_pem_roots(pem.encode("ascii"), "trusted verifier roots")
    attesters = dict(wallet.setting(ATTESTERS_SETTING, {}) or {})
    return VpTrust(roots + list(extra_roots), attesters)


def add_root(wallet: Any, data: bytes, source: str) -> list[str]:
    from cryptography.hazmat.primitives.serialization import Encoding

    certs = load_pem_roots(data, source)
    pems = list(wallet.setting(ROOTS_SETTING, []) or [])
    for c in certs:
        pem = c.public_bytes(Encoding.PEM).decode("ascii")
        if pem not in pems:
            pems.append(pem)
    wallet.set_setting(ROOTS_SETTING, pems)
    return [c.subject.rfc4514_string() for c in certs]


def add_attester(wallet: Any, issuer: str, jwk: dict[str, Any]) -> None:
    from ..crypto import publickeys as keys

    try:
        keys.from_jwk(jwk)
    except keys.KeyFormatError as exc:
        raise WalletError(f"the attester key for {issuer} is unusable: {exc}") from exc
    table = dict(wallet.setting(ATTESTERS_SETTING, {}) or {})
    table[issuer] = {k: v for k, v in jwk.items() if k != "d"}
    wallet.set_setting(ATTESTERS_SETTING, table)
