"""Credential records: duplicates, delete, tags, notes, search, export, backup and restore."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, snapshot
from tests.factory import ob3_bytes
from wallet.errors import BackupError, NotFound, WrongPassphrase
from wallet.service import Wallet


def _cred(i: int, name: str | None = None, extra: str = "") -> bytes:
    return ob3_bytes(i, name, extra={"description": extra} if extra else None)


def test_duplicate_same_bytes(wallet: Wallet) -> None:
    a = wallet.import_bytes(_cred(1), "a.json")
    b = wallet.import_bytes(_cred(1), "b.json")
    assert a.ok and not a.duplicate
    assert b.duplicate and b.id == a.id and "already in the wallet" in b.error
    assert wallet.count() == 1


def test_duplicate_same_credential_id_other_bytes(wallet: Wallet) -> None:
    a = wallet.import_bytes(_cred(1), "a.json")
    b = wallet.import_bytes(_cred(1, extra="reformatted"), "b.json")
    assert b.duplicate and b.id == a.id
    assert wallet.count() == 1


def test_bad_input_is_reported_not_stored(wallet: Wallet) -> None:
    for data, why in [(b"\x89PNG\r\n\x1a\nnot really", "PNG is truncated"), (b"hello", "not a credential"), (b"{bad", "invalid JSON"),
                      (b'{"a":1,"a":2}', "duplicate key"), (b"[1,2]", "is a list"),
                      (b'{"n": NaN}', "NaN"), (b"[" * 200 + b"]" * 200, "nested")]:
        r = wallet.import_bytes(data, "bad.bin")
        assert r.error and why in r.error and r.error.startswith("bad.bin"), r.error
    assert wallet.count() == 0


def test_oversized_input_refused(wallet: Wallet, tmp_path: Path) -> None:
    wallet.set_setting("import.max_file_bytes", 100)
    big = tmp_path / "big.json"
    big.write_bytes(_cred(1, extra="y" * 200))
    (r,) = wallet.import_paths([big])
    assert r.error and "limit" in r.error and str(big) in r.error
    assert wallet.count() == 0


def test_delete_removes_everything(wallet: Wallet) -> None:
    rid = wallet.import_bytes(_cred(1, "Welding Basics"), "a.json").id
    wallet.tag(rid, "trades")
    wallet.note(rid, "kept for the portfolio")
    assert [s.id for s in wallet.credentials("welding")] == [rid]
    wallet.delete(rid)
    db = wallet.store.db
    for table, col in [("credentials", "id"), ("tags", "credential_id"), ("reports", "credential_id"),
                       ("credential_fts", "credential_id")]:
        assert db.execute(f"SELECT count(*) FROM {table} WHERE {col} = ?", (rid,)).fetchone()[0] == 0, table
    assert wallet.credentials("welding") == []
    with pytest.raises(NotFound):
        wallet.get(rid)


def test_tags_notes_and_search(wallet: Wallet) -> None:
    a = wallet.import_bytes(_cred(1, "Data Analysis with Python"), "a.json").id
    b = wallet.import_bytes(_cred(2, "Café Barista Skills"), "b.json").id
    wallet.tag(a, "job-hunt")
    wallet.note(b, "ask Maria for the reference")
    assert [s.id for s in wallet.credentials("python")] == [a]
    assert [s.id for s in wallet.credentials("anal")] == [a]  # prefix match on the last word
    assert [s.id for s in wallet.credentials("cafe")] == [b]  # diacritics folded
    assert [s.id for s in wallet.credentials("job-hunt")] == [a]
    assert [s.id for s in wallet.credentials("maria")] == [b]
    assert wallet.credentials('"; DROP TABLE credentials; --') == []  # typed text is data, never FTS syntax
    assert wallet.get(a[:6]).id == a  # unambiguous prefix
    wallet.untag(a, "job-hunt")
    assert wallet.get(a).tags == []


def test_export_is_byte_identical(wallet: Wallet, tmp_path: Path) -> None:
    raw = b"  " + _cred(7, "Odd   spacing").replace(b", ", b" ,\r\n ") + b"\n"
    rid = wallet.import_bytes(raw, "odd.json").id
    out = wallet.export_original(rid, tmp_path / "out.json")
    assert out.read_bytes() == raw
    assert out.stat().st_mode & 0o777 == 0o600


def test_backup_restore_into_new_wallet(wallet: Wallet, tmp_path: Path) -> None:
    originals = {}
    by_number = {}
    for i in range(25):
        r = wallet.import_bytes(_cred(i, f"Badge número {i}"), f"{i}.json")
        originals[r.id] = _cred(i, f"Badge número {i}")
        by_number[i] = r.id
    first = next(iter(originals))
    wallet.tag(first, "favourite")
    wallet.note(first, "restored note")
    wallet.backup(tmp_path / "b.cwbak")
    assert (tmp_path / "b.cwbak").stat().st_mode & 0o777 == 0o600
    new_home = tmp_path / "restored"
    w2, added = Wallet.restore_new(new_home, tmp_path / "b.cwbak", passphrase=PASSPHRASE)
    assert sorted(added) == sorted(originals)
    for rid, raw in originals.items():
        assert w2.get(rid).original == raw
    assert w2.get(first).tags == ["favourite"] and w2.get(first).notes == "restored note"
    assert by_number[3] in [s.id for s in w2.credentials("numero 3")]
    assert w2.store.integrity_errors() == []
    w2.lock()
    Wallet.open(new_home, PASSPHRASE).lock()  # the backed-up passphrase opens the new wallet


def test_restore_merges_without_duplicates(wallet: Wallet, tmp_path: Path) -> None:
    a = wallet.import_bytes(_cred(1), "1.json").id
    wallet.backup(tmp_path / "b.cwbak")
    wallet.delete(a)
    wallet.import_bytes(_cred(2), "2.json")
    assert wallet.restore(tmp_path / "b.cwbak", passphrase=PASSPHRASE) == [a]
    assert wallet.count() == 2
    assert wallet.restore(tmp_path / "b.cwbak", passphrase=PASSPHRASE) == []  # already there
    assert wallet.count() == 2


def test_backup_opens_with_recovery_code(wallet: Wallet, tmp_path: Path, recovery_code: str) -> None:
    wallet.import_bytes(_cred(1), "1.json")
    wallet.backup(tmp_path / "b.cwbak")
    w2, added = Wallet.restore_new(tmp_path / "r", tmp_path / "b.cwbak", recovery_code=recovery_code)
    assert len(added) == 1
    w2.lock()


@pytest.mark.parametrize("where", ["magic", "header", "first_chunk", "last_byte", "truncate", "truncate_chunk",
                                   "append", "wrong_passphrase"])
def test_tampered_backup_refused_and_nothing_changes(wallet: Wallet, tmp_path: Path, where: str) -> None:
    for i in range(5):
        wallet.import_bytes(_cred(i), f"{i}.json")
    good = tmp_path / "b.cwbak"
    wallet.backup(good)
    data = bytearray(good.read_bytes())
    hlen = int.from_bytes(data[16:20], "big")
    pw = PASSPHRASE
    if where == "magic":
        data[0] ^= 1
    elif where == "header":
        i = data.index(b'"created"', 20)
        data[i + 14] = ord("9") if data[i + 14] != ord("9") else ord("8")  # change the date
    elif where == "first_chunk":
        data[20 + hlen + 10] ^= 0x40
    elif where == "last_byte":
        data[-1] ^= 1
    elif where == "truncate":
        data = data[: 20 + hlen]
    elif where == "truncate_chunk":
        data = data[:-7]
    elif where == "append":
        data += data[20 + hlen :]
    elif where == "wrong_passphrase":
        pw = "not the right one"
    bad = tmp_path / "bad.cwbak"
    bad.write_bytes(bytes(data))
    target = tmp_path / "target"
    with pytest.raises((BackupError, WrongPassphrase)) as ei:
        Wallet.restore_new(target, bad, passphrase=pw)
    assert str(bad) in str(ei.value)
    assert not target.exists() or snapshot(target) == {}
    before = snapshot(wallet.vault.home)
    with pytest.raises((BackupError, WrongPassphrase)):
        wallet.restore(bad, passphrase=pw)
    assert wallet.count() == 5
    assert snapshot(wallet.vault.home).keys() == before.keys()
