"""The demo wallet: a fresh wallet holding the bundled demo credentials, every one checked for real
(``credwallet --demo``, the screenshots, the tests).  Headless: no Qt."""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from . import paths

if TYPE_CHECKING:
    from .service import Wallet

def demo_files() -> list[Path]:
    folder = paths.resources_dir() / "demo" / "credentials"
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def make_demo_wallet(home: Path, passphrase: str | None = None) -> Wallet:
    """A fresh wallet in ``home`` holding the demo credentials (its key is known only to this process).

    The demo issuers go into its trusted list first, so every demo credential verifies for real."""
    from .service import Wallet

    wallet, _code = Wallet.create(home, passphrase or secrets.token_urlsafe(24))
    demo = paths.resources_dir() / "demo"
    wallet.use_holder_p256(json.loads((demo / "holder-p256.demo.jwk.json").read_text("utf-8")))
    wallet.use_holder_ed25519(json.loads((demo / "holder-ed25519.demo.jwk.json").read_text("utf-8")))
    wallet.import_trust_list(demo / "trust.json")
    wallet.import_paths(demo_files())
    ids = {s.title: s.id for s in wallet.credentials()}
    wallet.create_stack("Data analyst", 12, ["Python", "SQL", "Statistics", "Data visualisation", "Machine learning"])
    wallet.stack_add("Data analyst", [ids[t] for t in ("Data Analysis with Python", "Applied Statistics") if t in ids])
    return wallet


def example_badge(i: int, title: str, issuer: str, color: tuple[int, int, int] | None) -> bytes:
    """For the screenshots: a credential signed here by a throw-away key (its issuer is therefore not confirmed), with its own image."""
    import base64
    import hashlib
    import io
    import json

    from cryptography.hazmat.primitives.asymmetric import ed25519
    from PIL import Image, ImageDraw

    from .crypto import publickeys as keys
    from .crypto.jsonld import DocumentLoader
    from .crypto.signing import sign_data_integrity

    key = ed25519.Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"credwallet screenshots").digest())
    did = "did:key:" + keys.to_multikey(key.public_key())
    achievement = {"id": f"https://example.org/achievements/{i}", "type": ["Achievement"], "name": title,
                   "description": "A screenshot example.", "criteria": {"narrative": "Shown in docs/screenshots."}}
    if color:
        img = Image.new("RGBA", (128, 128), (0, 0, 0, 0))
        d = ImageDraw.Draw(img)
        d.regular_polygon((64, 64, 60), 6, fill=color)
        d.ellipse((34, 34, 94, 94), fill=(255, 255, 255, 230))
        d.regular_polygon((64, 64, 20), 5, fill=color)
        buf = io.BytesIO()
        img.save(buf, "PNG")
        achievement["image"] = {"id": "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode(),
                                "type": "Image"}
    cred = {"@context": ["https://www.w3.org/ns/credentials/v2",
                         "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
            "id": f"urn:uuid:00000000-0000-4000-8000-{i:012d}", "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": {"id": did, "type": ["Profile"], "name": issuer}, "validFrom": "2026-05-01T00:00:00Z",
            "validUntil": "2027-05-01T00:00:00Z", "name": title,
            "credentialSubject": {"type": ["AchievementSubject"], "name": "Amira Haddad", "achievement": achievement}}
    signed = sign_data_integrity(cred, key, f"{did}#{did.split(':')[-1]}", created=str(cred["validFrom"]),
                                loader=DocumentLoader())
    return json.dumps(signed).encode()
