"""One authenticated, encrypted file holding the whole wallet.

Layout::

    MAGIC (16 bytes) | header length (4, big-endian) | header JSON | chunk*
    chunk = length (4, big-endian) | AES-256-GCM ciphertext

The header carries a copy of the wallet's key header (so the backup opens with the passphrase or
recovery code that was current when it was made), a random salt and a nonce prefix.  The payload key
is HKDF-SHA256(data key, salt).  Each chunk's nonce is prefix(7) | counter(4) | last-flag(1) and its
associated data is the SHA-256 of MAGIC + header, so reordering, truncating, extending or editing any
byte (header included) is detected before anything is written to the wallet.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..clock import iso, system_clock
from ..errors import BackupError, WrongPassphrase
from ..fsutil import write_atomic
from . import crypto
from .keys import SLOT_PASSPHRASE, SLOT_RECOVERY, KeyHeader
from .store import SCHEMA_VERSION

MAGIC = b"CREDWALLET-BAK\x00\x01"
CHUNK = 1 << 20
MAX_HEADER = 1 << 16
INFO = b"credwallet backup v1"


@dataclass
class OpenedBackup:
    key_header: KeyHeader
    data_key: bytes
    schema_version: int
    created: str
    tables: dict[str, list[dict[str, Any]]]


def _encode_rows(tables: dict[str, list[dict[str, Any]]]) -> bytes:
    def enc(v: Any) -> Any:
        return {"$b": crypto.b64e(bytes(v))} if isinstance(v, bytes | bytearray | memoryview) else v

    obj = {t: [{k: enc(v) for k, v in row.items()} for row in rows] for t, rows in tables.items()}
    return json.dumps(obj, separators=(",", ":")).encode("utf-8")


def _decode_rows(data: bytes) -> dict[str, list[dict[str, Any]]]:
    def dec(v: Any) -> Any:
        return crypto.b64d(v["$b"]) if isinstance(v, dict) and set(v) == {"$b"} else v

    obj = json.loads(data.decode("utf-8"))
    return {str(t): [{str(k): dec(v) for k, v in row.items()} for row in rows] for t, rows in obj.items()}


def write_backup(out: Path, key_header: KeyHeader, data_key: bytes, tables: dict[str, list[dict[str, Any]]]) -> int:
    salt = crypto.new_salt()
    prefix = os.urandom(7)
    header = {
        "version": 1,
        "created": iso(system_clock()),
        "schema_version": SCHEMA_VERSION,
        "salt": crypto.b64e(salt),
        "nonce_prefix": crypto.b64e(prefix),
        "key_header": json.loads(key_header.to_bytes()),
    }
    hbytes = json.dumps(header, sort_keys=True).encode("utf-8")
    aad = hashlib.sha256(MAGIC + hbytes).digest()
    key = crypto.hkdf(data_key, salt, INFO)
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    aes = AESGCM(key)
    plain = zlib.compress(_encode_rows(tables), 6)
    parts = [MAGIC, struct.pack(">I", len(hbytes)), hbytes]
    chunks = [plain[i : i + CHUNK] for i in range(0, len(plain), CHUNK)] or [b""]
    for i, chunk in enumerate(chunks):
        nonce = prefix + struct.pack(">I", i) + (b"\x01" if i == len(chunks) - 1 else b"\x00")
        ct = aes.encrypt(nonce, chunk, aad)
        parts += [struct.pack(">I", len(ct)), ct]
    blob = b"".join(parts)
    write_atomic(out, blob)
    return len(blob)


def read_backup(path: Path, *, passphrase: str | None = None, recovery_code: str | None = None,
                max_bytes: int = 2 << 30) -> OpenedBackup:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise BackupError("backup is larger than the allowed size", path=name)
        data = path.read_bytes()
    except OSError as exc:
        raise BackupError(f"cannot read backup: {exc.strerror or exc}", path=name) from exc
    if not data.startswith(MAGIC):
        raise BackupError("not a credwallet backup", path=name)
    try:
        (hlen,) = struct.unpack_from(">I", data, len(MAGIC))
        if hlen > MAX_HEADER:
            raise ValueError("header too large")
        pos = len(MAGIC) + 4
        hbytes = data[pos : pos + hlen]
        if len(hbytes) != hlen:
            raise ValueError("truncated header")
        pos += hlen
        header = json.loads(hbytes.decode("utf-8"))
        salt = crypto.b64d(header["salt"])
        prefix = crypto.b64d(header["nonce_prefix"])
        if len(prefix) != 7:
            raise ValueError("bad nonce prefix")
        key_header = KeyHeader.from_bytes(json.dumps(header["key_header"]).encode(), name)
        schema_version = int(header["schema_version"])
    except (ValueError, KeyError, TypeError, struct.error, UnicodeDecodeError) as exc:
        raise BackupError(f"damaged backup header ({exc})", path=name) from exc
    except Exception as exc:  # CorruptWallet from the embedded key header
        raise BackupError(f"damaged backup header ({exc})", path=name) from exc
    if schema_version > SCHEMA_VERSION:
        raise BackupError("made by a newer credwallet; update before restoring", path=name)

    try:
        if recovery_code is not None:
            data_key = key_header.unwrap(SLOT_RECOVERY, crypto.normalize_recovery_code(recovery_code))
        else:
            data_key = key_header.unwrap(SLOT_PASSPHRASE, passphrase or "")
    except WrongPassphrase as exc:
        raise WrongPassphrase(f"{exc} for this backup", path=name) from exc

    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    aes = AESGCM(crypto.hkdf(data_key, salt, INFO))
    aad = hashlib.sha256(MAGIC + hbytes).digest()
    plain = []
    i = 0
    last = False
    while pos < len(data):
        if last:
            raise BackupError("backup has data after its end (tampered?)", path=name)
        if pos + 4 > len(data):
            raise BackupError("backup is truncated", path=name)
        (clen,) = struct.unpack_from(">I", data, pos)
        pos += 4
        ct = data[pos : pos + clen]
        if len(ct) != clen or clen < 16:
            raise BackupError("backup is truncated", path=name)
        pos += clen
        for flag in (b"\x00", b"\x01"):
            try:
                plain.append(aes.decrypt(prefix + struct.pack(">I", i) + flag, ct, aad))
                last = flag == b"\x01"
                break
            except InvalidTag:
                continue
        else:
            raise BackupError("backup failed its integrity check (damaged or tampered)", path=name)
        i += 1
    if not last:
        raise BackupError("backup is truncated (its last part is missing)", path=name)
    try:
        tables = _decode_rows(zlib.decompress(b"".join(plain)))
    except (zlib.error, ValueError, TypeError, AttributeError) as exc:
        raise BackupError(f"backup content is unreadable ({exc})", path=name) from exc
    return OpenedBackup(key_header, data_key, schema_version, str(header.get("created", "")), tables)
