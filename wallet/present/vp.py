"""W3C Verifiable Presentations (VC 2.0) signed by the holder with eddsa-rdfc-2022, bound to the
verifier's domain and a challenge, for credentials that are signed as a whole."""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives.asymmetric import ed25519

from ..crypto import signing
from ..crypto.jsonld import DocumentLoader

VC_V2 = "https://www.w3.org/ns/credentials/v2"


def enveloped(media_type: str, token: str) -> dict[str, Any]:
    """A credential that is not JSON-LD (VC-JWT, signed OB 2.0) carried inside the presentation."""
    return {"@context": VC_V2, "id": f"data:{media_type},{token}", "type": "EnvelopedVerifiableCredential"}


def make_vp(credentials: list[dict[str, Any]], holder_key: ed25519.Ed25519PrivateKey, holder_did: str, *,
            domain: str, challenge: str, created: str, expires: str | None,
            loader: DocumentLoader | None = None) -> dict[str, Any]:
    vp = {
        "@context": [VC_V2],
        "type": ["VerifiablePresentation"],
        "holder": holder_did,
        "verifiableCredential": credentials,
    }
    extra: dict[str, Any] = {"domain": domain, "challenge": challenge}
    if expires:
        extra["expires"] = expires
    return signing.sign_data_integrity(vp, holder_key, f"{holder_did}#{holder_did.split(':')[-1]}", created=created,
                              purpose="authentication", loader=loader, extra=extra)
