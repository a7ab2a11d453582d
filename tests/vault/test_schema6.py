"""Schema 6: the expires column is filled from the records a wallet already has, and the image cache works."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import PASSPHRASE
from wallet.model import Normalized
from wallet.service import Wallet
from wallet.vault import Vault
from wallet.vault.store import SCHEMA_VERSION


def test_step6_reads_expiry_from_existing_records(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "w", PASSPHRASE, schema_version=5)
    norm = Normalized(title="Old Badge", issuer_name="Old Issuer", issued="2025-01-01", expires="2027-03-01T00:00:00Z")
    with vault.store.transaction() as db:
        for i, n in enumerate((norm, Normalized(title="No Expiry"))):
            db.execute("INSERT INTO credentials (id, sha256, format, original, normalized, title, issuer_name, issued,"
                       " imported_at) VALUES (?,?,?,?,?,?,?,?,?)",
                       (f"c{i}", f"s{i}", "ob3", b"{}", json.dumps(n.to_json()), n.title, n.issuer_name, n.issued,
                        "2026-01-01"))
    vault.lock()
    w = Wallet.open(tmp_path / "w", PASSPHRASE)
    assert w.store.schema_version == SCHEMA_VERSION >= 6
    rows = {s.title: s.expires for s in w.credentials()}
    assert rows == {"Old Badge": "2027-03-01T00:00:00Z", "No Expiry": None}
    assert w.store.get_image("https://example.org/b.png") is None
    w.store.put_image("https://example.org/b.png", "png", b"\x89PNG...")
    assert w.store.get_image("https://example.org/b.png") == ("png", b"\x89PNG...")
    assert w.store.integrity_errors() == []
    w.lock()


def test_a_recheck_keeps_the_expires_column_in_step(wallet: Wallet) -> None:
    from tests.factory import ob3_bytes

    r = wallet.import_bytes(ob3_bytes(611, "Expiring", valid_until="2027-06-01T00:00:00Z"), "x.json")
    assert {s.title: s.expires for s in wallet.credentials()}["Expiring"] == "2027-06-01T00:00:00Z"
    wallet.reverify(r.id)
    assert {s.title: s.expires for s in wallet.credentials()}["Expiring"] == "2027-06-01T00:00:00Z"
