"""Every cryptographic parameter of the vault lives here, and only here.

Key hierarchy
-------------
- A random 256-bit *data key* opens the SQLCipher database as a raw key (no PBKDF on open).
- The data key is wrapped (AES-256-GCM) under a key derived from the passphrase with Argon2id,
  and again under a key derived from the recovery code.  Each wrap is a "slot" in the header.
- Backups are sealed under a key derived from the data key with HKDF-SHA256.

Argon2id parameters are above OWASP's minimum (m=19 MiB, t=2, p=1): m=128 MiB, t=8, p=2, tuned
to take roughly 0.3-1 s on a laptop.  They are stored per slot, so they can be raised later without
breaking old wallets; they are never lowered for speed.
"""

from __future__ import annotations

import base64
import os
import secrets
from dataclasses import dataclass
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

DATA_KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12

# Floors: a header asking for less than this is refused (it could only be a downgrade attack).
ARGON2_MIN_MEMORY_KIB = 19 * 1024
ARGON2_MIN_TIME = 2


@dataclass(frozen=True)
class Argon2Params:
    memory_kib: int = 128 * 1024
    time_cost: int = 8
    parallelism: int = 2

    def to_json(self) -> dict[str, int | str]:
        return {
            "name": "argon2id",
            "memory_kib": self.memory_kib,
            "time_cost": self.time_cost,
            "parallelism": self.parallelism,
        }

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Argon2Params:
        if obj.get("name") != "argon2id":
            raise ValueError(f"unknown key derivation {obj.get('name')!r}")
        p = cls(int(obj["memory_kib"]), int(obj["time_cost"]), int(obj["parallelism"]))
        if p.memory_kib < ARGON2_MIN_MEMORY_KIB or p.time_cost < ARGON2_MIN_TIME or not 1 <= p.parallelism <= 16:
            raise ValueError("key derivation parameters are below the safe minimum")
        if p.memory_kib > 4 * 1024 * 1024 or p.time_cost > 64:
            raise ValueError("key derivation parameters are unreasonably large")
        return p


DEFAULT_KDF = Argon2Params()


def derive_key(secret: str, salt: bytes, params: Argon2Params) -> bytes:
    return hash_secret_raw(
        secret.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def new_data_key() -> bytes:
    return secrets.token_bytes(DATA_KEY_BYTES)


def new_salt() -> bytes:
    return secrets.token_bytes(SALT_BYTES)


def seal(key: bytes, plaintext: bytes, aad: bytes) -> tuple[bytes, bytes]:
    nonce = os.urandom(NONCE_BYTES)
    return nonce, AESGCM(key).encrypt(nonce, plaintext, aad)


def open_sealed(key: bytes, nonce: bytes, ciphertext: bytes, aad: bytes) -> bytes | None:
    """Decrypt, or None when the key is wrong or anything was changed."""
    try:
        return AESGCM(key).decrypt(nonce, ciphertext, aad)
    except (InvalidTag, ValueError):
        return None


def hkdf(key: bytes, salt: bytes, info: bytes, length: int = 32) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(key)


def b64e(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


def b64d(s: str) -> bytes:
    return base64.b64decode(s.encode("ascii"), validate=True)


# --- recovery codes -------------------------------------------------------------------------
# 30 characters of Crockford base32 = 150 bits, shown as six groups of five.  Crockford's alphabet
# has no I, L, O or U, and decoding folds the look-alikes, so a code typed from paper still works.
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECOVERY_CHARS = 30


def new_recovery_code() -> str:
    raw = "".join(secrets.choice(_CROCKFORD) for _ in range(RECOVERY_CHARS))
    return "-".join(raw[i : i + 5] for i in range(0, RECOVERY_CHARS, 5))


def normalize_recovery_code(code: str) -> str:
    s = code.upper().replace("-", "").replace(" ", "")
    s = s.translate(str.maketrans("OIL", "011"))
    return s
