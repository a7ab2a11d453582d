"""The key header: the data key wrapped once per way in (passphrase, recovery code).

The header is a small JSON file beside the database.  It holds no secret in the clear: each slot
is an AES-GCM wrap of the data key under an Argon2id-derived key, bound (as associated data) to the
wallet id, the slot name and the header version, so slots cannot be swapped between wallets.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import paths
from ..clock import iso, system_clock
from ..errors import CorruptWallet, WrongPassphrase
from ..fsutil import ensure_private_dir, write_atomic
from . import crypto

HEADER_FORMAT = "credwallet-key-header"
HEADER_VERSION = 1
SLOT_PASSPHRASE = "passphrase"
SLOT_RECOVERY = "recovery"


@dataclass
class Slot:
    kdf: crypto.Argon2Params
    salt: bytes
    nonce: bytes
    wrapped: bytes

    def to_json(self) -> dict[str, Any]:
        return {
            "kdf": self.kdf.to_json(),
            "salt": crypto.b64e(self.salt),
            "nonce": crypto.b64e(self.nonce),
            "wrapped": crypto.b64e(self.wrapped),
        }

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Slot:
        return cls(
            crypto.Argon2Params.from_json(obj["kdf"]),
            crypto.b64d(obj["salt"]),
            crypto.b64d(obj["nonce"]),
            crypto.b64d(obj["wrapped"]),
        )


@dataclass
class KeyHeader:
    wallet_id: str
    created: str
    slots: dict[str, Slot] = field(default_factory=dict)

    # -- (de)serialization ------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        obj = {
            "format": HEADER_FORMAT,
            "version": HEADER_VERSION,
            "wallet_id": self.wallet_id,
            "created": self.created,
            "slots": {name: s.to_json() for name, s in sorted(self.slots.items())},
        }
        return (json.dumps(obj, indent=2, sort_keys=True) + "\n").encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes, source: str = "key header") -> KeyHeader:
        try:
            obj = json.loads(data.decode("utf-8"))
            if obj.get("format") != HEADER_FORMAT:
                raise ValueError("not a credwallet key header")
            if obj.get("version") != HEADER_VERSION:
                raise ValueError(f"unsupported header version {obj.get('version')!r}")
            slots = {str(k): Slot.from_json(v) for k, v in obj["slots"].items()}
            if SLOT_PASSPHRASE not in slots:
                raise ValueError("no passphrase slot")
            return cls(str(obj["wallet_id"]), str(obj["created"]), slots)
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
            raise CorruptWallet(f"damaged key header ({exc})", path=source) from exc

    @classmethod
    def load(cls, path: Path) -> KeyHeader:
        try:
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise CorruptWallet("key header is missing", path=str(path)) from exc
        return cls.from_bytes(data, str(path))

    def save(self, path: Path) -> None:
        write_atomic(path, self.to_bytes())

    # -- slots ------------------------------------------------------------------------------
    def _aad(self, slot: str) -> bytes:
        return f"{HEADER_FORMAT}/v{HEADER_VERSION}/{self.wallet_id}/{slot}".encode()

    def wrap(self, slot: str, secret: str, data_key: bytes, kdf: crypto.Argon2Params | None = None) -> None:
        kdf = kdf or crypto.DEFAULT_KDF
        salt = crypto.new_salt()
        kek = crypto.derive_key(secret, salt, kdf)
        nonce, wrapped = crypto.seal(kek, data_key, self._aad(slot))
        self.slots[slot] = Slot(kdf, salt, nonce, wrapped)

    def unwrap(self, slot: str, secret: str) -> bytes:
        s = self.slots.get(slot)
        if s is None:
            raise WrongPassphrase(f"this wallet has no {slot} slot")
        kek = crypto.derive_key(secret, s.salt, s.kdf)
        key = crypto.open_sealed(kek, s.nonce, s.wrapped, self._aad(slot))
        if key is None or len(key) != crypto.DATA_KEY_BYTES:
            what = "recovery code" if slot == SLOT_RECOVERY else "passphrase"
            raise WrongPassphrase(f"wrong {what}")
        return key

    @classmethod
    def new(cls, passphrase: str, recovery_code: str, data_key: bytes) -> KeyHeader:
        h = cls(wallet_id=str(uuid.uuid4()), created=iso(system_clock()))
        h.wrap(SLOT_PASSPHRASE, passphrase, data_key)
        h.wrap(SLOT_RECOVERY, crypto.normalize_recovery_code(recovery_code), data_key)
        return h


class UnlockThrottle:
    """Slows repeated failed unlocks of one wallet, across processes.

    The count lives in the machine-local state dir (never in the wallet folder, whose files stay
    byte-identical after a failed attempt).  After three failures each attempt waits 1, 2, 4 ... s,
    capped at 30 s; a success clears the count.
    """

    FREE_ATTEMPTS = 3
    MAX_DELAY = 30.0

    def __init__(self, state_dir: Path | None = None, sleep: Callable[[float], None] = time.sleep):
        self.path = (state_dir or paths.state_dir()) / "unlock-failures.json"
        self.sleep = sleep

    def _read(self) -> dict[str, int]:
        try:
            obj = json.loads(self.path.read_text("utf-8"))
            return {str(k): int(v) for k, v in obj.items()}
        except (OSError, ValueError, AttributeError, TypeError):
            return {}

    def _write(self, counts: dict[str, int]) -> None:
        try:
            ensure_private_dir(self.path.parent)
            write_atomic(self.path, json.dumps(counts).encode())
        except Exception:  # noqa: BLE001 - throttling must never block an unlock
            pass

    def delay_for(self, wallet_id: str) -> float:
        n = self._read().get(wallet_id, 0)
        if n < self.FREE_ATTEMPTS:
            return 0.0
        return min(self.MAX_DELAY, 2.0 ** (n - self.FREE_ATTEMPTS))

    def before_attempt(self, wallet_id: str) -> None:
        d = self.delay_for(wallet_id)
        if d:
            self.sleep(d)

    def failed(self, wallet_id: str) -> None:
        counts = self._read()
        counts[wallet_id] = counts.get(wallet_id, 0) + 1
        self._write(counts)

    def succeeded(self, wallet_id: str) -> None:
        counts = self._read()
        if counts.pop(wallet_id, None) is not None:
            self._write(counts)
