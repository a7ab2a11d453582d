"""Make the golden schema-1 wallet (run once; the output is committed and must never change).

    python tests/vault/golden/make_schema1.py

It holds two credentials (one tagged, one with a note), made by the schema-1 code path.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from wallet.model import Normalized  # noqa: E402
from wallet.vault import Vault  # noqa: E402

PASSPHRASE = "golden-passphrase-1"
OUT = Path(__file__).resolve().parent / "schema1"
CREDS = [
    ({"id": "urn:golden:1", "name": "Golden Badge One", "issuer": "Golden Issuer"}, ["kept"], ""),
    ({"id": "urn:golden:2", "name": "Golden Badge Two"}, [], "a note from schema one"),
]


def main() -> None:
    shutil.rmtree(OUT, ignore_errors=True)
    vault, _code = Vault.create(OUT, PASSPHRASE, schema_version=1)
    assert vault.store.schema_version == 1
    with vault.store.transaction() as db:
        for obj, tags, notes in CREDS:
            data = json.dumps(obj).encode()
            sha = hashlib.sha256(data).hexdigest()
            norm = Normalized(title=obj["name"], issuer_name=obj.get("issuer", ""), credential_id=obj["id"])
            db.execute(
                "INSERT INTO credentials (id, sha256, credential_key, format, original, normalized, title,"
                " issuer_name, issued, file_name, imported_at, notes) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (sha[:16], sha, obj["id"], "unknown", data, json.dumps(norm.to_json()), norm.title,
                 norm.issuer_name, None, "golden.json", "2026-11-25T00:00:00Z", notes),
            )
            for t in tags:
                db.execute("INSERT INTO tags VALUES (?, ?)", (sha[:16], t))
    vault.lock()
    for f in OUT.iterdir():
        print(f.name, f.stat().st_size)


if __name__ == "__main__":
    main()
