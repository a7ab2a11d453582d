"""The encrypted wallet: keys, passphrase, recovery, keyring fallbacks, migrations."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, MemoryKeyring, snapshot
from tests.factory import ob3_bytes
from wallet.errors import CorruptWallet, KeyringUnavailable, NoWallet, WalletError, WalletExists, WrongPassphrase
from wallet.service import Wallet
from wallet.vault import Keystore, KeyHeader, UnlockThrottle, Vault
from wallet.vault import crypto
from wallet.vault.store import SCHEMA_VERSION, Store

GOLDEN = Path(__file__).parent / "golden" / "schema1"


def _cred(i: int, text: str = "") -> bytes:
    return ob3_bytes(i, f"Badge {i} {text}".strip())


def test_round_trip(wallet_home: Path) -> None:
    w = Wallet.open(wallet_home, PASSPHRASE)
    r = w.import_bytes(_cred(1, "Carpentry"), "one.json", "one.json")
    assert r.ok and r.id
    w.lock()
    with pytest.raises(WalletError):
        w.credentials()  # locked: the database is closed
    w2 = Wallet.open(wallet_home, PASSPHRASE)
    cred = w2.get(r.id)
    assert cred.original == _cred(1, "Carpentry")
    assert cred.normalized.title == "Badge 1 Carpentry"
    assert cred.file_name == "one.json"


def test_files_are_owner_only(wallet_home: Path) -> None:
    assert wallet_home.stat().st_mode & 0o777 == 0o700
    for f in wallet_home.iterdir():
        assert f.stat().st_mode & 0o777 == 0o600, f


def test_wrong_passphrase_leaves_files_identical(wallet_home: Path) -> None:
    before = snapshot(wallet_home)
    throttle = UnlockThrottle(sleep=lambda s: None)
    with pytest.raises(WrongPassphrase) as ei:
        Wallet.open(wallet_home, "not the passphrase", throttle=throttle)
    assert "wrong passphrase" in str(ei.value)
    assert ei.value.exit_code == 3
    assert snapshot(wallet_home) == before
    Wallet.open(wallet_home, PASSPHRASE).lock()  # still opens: nothing was reset


def test_repeated_failures_are_slowed_down(wallet_home: Path, tmp_path: Path) -> None:
    slept: list[float] = []
    throttle = UnlockThrottle(state_dir=tmp_path / "state", sleep=slept.append)
    for _ in range(6):
        with pytest.raises(WrongPassphrase):
            Vault.unlock(wallet_home, passphrase="nope-nope", throttle=throttle)
    assert slept == [1.0, 2.0, 4.0]  # three free attempts, then doubling delays
    Vault.unlock(wallet_home, passphrase=PASSPHRASE, throttle=throttle).lock()
    assert throttle.delay_for(Vault.unlock(wallet_home, passphrase=PASSPHRASE, throttle=throttle).wallet_id) == 0


def test_recovery_code_sets_new_passphrase(wallet_home: Path, recovery_code: str, data_key: bytes) -> None:
    w = Wallet(Vault.unlock(wallet_home, data_key=data_key))
    rid = w.import_bytes(_cred(2), "two.json").id
    w.lock()
    # typed from paper: lower case, spaces instead of dashes, O for 0
    typed = recovery_code.lower().replace("-", " ").replace("0", "o")
    w2 = Wallet.recover(wallet_home, typed, "a brand new passphrase")
    assert w2.get(rid).original == _cred(2)
    w2.lock()
    with pytest.raises(WrongPassphrase):
        Wallet.open(wallet_home, PASSPHRASE, throttle=UnlockThrottle(sleep=lambda s: None))
    Wallet.open(wallet_home, "a brand new passphrase").lock()
    with pytest.raises(WrongPassphrase):
        Wallet.recover(wallet_home, "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA", "whatever-long")


def test_passphrase_change_does_not_reencrypt(wallet_home: Path) -> None:
    w = Wallet.open(wallet_home, PASSPHRASE)
    w.import_bytes(_cred(3), "three.json")
    w.lock()
    db_before = (wallet_home / "wallet.db").read_bytes()
    w = Wallet.open(wallet_home, PASSPHRASE)
    w.change_passphrase("another good passphrase")
    w.lock()
    assert (wallet_home / "wallet.db").read_bytes() == db_before
    with pytest.raises(WrongPassphrase):
        Wallet.open(wallet_home, PASSPHRASE, throttle=UnlockThrottle(sleep=lambda s: None))
    assert Wallet.open(wallet_home, "another good passphrase").count() == 1


def test_short_passphrase_refused(tmp_path: Path) -> None:
    with pytest.raises(WalletError, match="at least 8"):
        Vault.create(tmp_path / "w", "short")
    assert not (tmp_path / "w" / "wallet.header.json").exists()


def test_init_over_existing_wallet_refused(wallet_home: Path) -> None:
    with pytest.raises(WalletExists):
        Vault.create(wallet_home, PASSPHRASE)


def test_missing_wallet(tmp_path: Path) -> None:
    with pytest.raises(NoWallet):
        Wallet.open(tmp_path / "nothing", PASSPHRASE)


def test_kdf_parameters_are_at_least_owasp_minimum(wallet_home: Path) -> None:
    header = KeyHeader.load(wallet_home / "wallet.header.json")
    for slot in header.slots.values():
        assert slot.kdf.memory_kib >= 19 * 1024 and slot.kdf.time_cost >= 2
    # a header edited to weaken the KDF is refused, not used
    obj = json.loads((wallet_home / "wallet.header.json").read_text())
    obj["slots"]["passphrase"]["kdf"]["memory_kib"] = 1024
    with pytest.raises(CorruptWallet, match="below the safe minimum"):
        KeyHeader.from_bytes(json.dumps(obj).encode())


def test_slots_are_bound_to_their_wallet(wallet_home: Path, tmp_path: Path) -> None:
    """A slot copied from another wallet's header does not open this one."""
    other, _ = Vault.create(tmp_path / "other", "other passphrase!")
    other.lock()
    mine = json.loads((wallet_home / "wallet.header.json").read_text())
    theirs = json.loads((tmp_path / "other" / "wallet.header.json").read_text())
    mine["slots"]["passphrase"] = theirs["slots"]["passphrase"]
    (wallet_home / "wallet.header.json").write_text(json.dumps(mine))
    with pytest.raises(WrongPassphrase):
        Vault.unlock(wallet_home, passphrase="other passphrase!", throttle=UnlockThrottle(sleep=lambda s: None))


def test_lock_forgets_key(wallet: Wallet) -> None:
    wallet.lock()
    assert wallet.vault.locked
    with pytest.raises(WalletError, match="locked"):
        _ = wallet.vault.data_key


def test_wrong_data_key_is_a_clear_error(wallet_home: Path) -> None:
    with pytest.raises(WrongPassphrase):
        Vault.unlock(wallet_home, data_key=b"\x00" * 32)


def test_damaged_header_is_a_clear_error(wallet_home: Path) -> None:
    (wallet_home / "wallet.header.json").write_text("{not json")
    with pytest.raises(CorruptWallet, match="damaged key header"):
        Vault.unlock(wallet_home, passphrase=PASSPHRASE)


# --- keyring -----------------------------------------------------------------------------------


def test_keyring_remembers_key(wallet_home: Path, data_key: bytes) -> None:
    ks = Keystore(MemoryKeyring())
    Vault.unlock(wallet_home, data_key=data_key).remember(ks)
    w = Wallet.open_with_keyring(wallet_home, ks)
    assert w is not None and w.vault.data_key == data_key
    stored = next(iter(ks._backend.items.values()))
    assert stored != data_key.hex()  # base64, never the database key verbatim as hex either way
    # header still holds the wrapped key: the keyring is never the only copy
    assert Vault.unlock(wallet_home, passphrase=PASSPHRASE).data_key == data_key


def test_keyring_absent() -> None:
    from keyring.backends import fail

    ks = Keystore(fail.Keyring())
    ok, why = ks.available()
    assert not ok and "no secure keyring" in why
    with pytest.raises(KeyringUnavailable, match="no secure keyring"):
        ks.get("x")


def test_keyring_plaintext_backend_refused() -> None:
    class PlaintextKeyring(MemoryKeyring):
        pass

    with pytest.raises(KeyringUnavailable):
        Keystore(PlaintextKeyring()).set("x", b"k" * 32)


def test_keyring_raising() -> None:
    class Broken(MemoryKeyring):
        def get_password(self, service: str, user: str) -> str | None:
            raise RuntimeError("dbus went away")

    with pytest.raises(KeyringUnavailable, match="dbus went away"):
        Keystore(Broken()).get("x")


def test_keyring_hanging_is_abandoned() -> None:
    release = threading.Event()

    class Hanging(MemoryKeyring):
        def get_password(self, service: str, user: str) -> str | None:
            release.wait(30)
            return None

    assert Keystore().timeout == 5.0
    try:
        with pytest.raises(KeyringUnavailable, match="did not answer within 0.2 s"):
            Keystore(Hanging(), timeout=0.2).get("x")
    finally:
        release.set()


def test_cli_falls_back_to_passphrase_when_keyring_fails(wallet_home: Path, capsys, monkeypatch) -> None:
    import keyring

    class Broken(MemoryKeyring):
        def get_password(self, service: str, user: str) -> str | None:
            raise RuntimeError("locked collection")

    keyring.set_keyring(Broken())
    pw = wallet_home.parent / "pw.txt"
    pw.write_text(PASSPHRASE)
    from ui.cli.main import main

    # passphrase given: keyring is not consulted at all
    assert main(["--wallet", str(wallet_home), "--passphrase-file", str(pw), "list"]) == 0
    # no passphrase given: keyring fails, then a prompt is impossible (no tty) -> clear error, exit 3
    monkeypatch.setattr("sys.stdin", None)
    assert main(["--wallet", str(wallet_home), "list"]) == 3
    err = capsys.readouterr().err
    assert "keyring not used" not in err or "locked collection" in err
    assert "no passphrase" in err


# --- schema migrations -------------------------------------------------------------------------


def test_golden_schema1_wallet_opens_and_migrates(tmp_path: Path) -> None:
    home = tmp_path / "golden"
    shutil.copytree(GOLDEN, home)
    w = Wallet.open(home, "golden-passphrase-1")
    assert w.store.schema_version == SCHEMA_VERSION
    rows = {s.title: s for s in w.credentials()}
    assert set(rows) == {"Golden Badge One", "Golden Badge Two"}
    assert rows["Golden Badge One"].tags == ["kept"]
    assert rows["Golden Badge One"].status == "unverified"  # step 2 gave it a report
    assert [s.title for s in w.credentials("schema")] == ["Golden Badge Two"]  # step 3 indexed notes
    assert [s.title for s in w.credentials("kept")] == ["Golden Badge One"]
    one = w.get(rows["Golden Badge One"].id)
    assert json.loads(one.original) == {"id": "urn:golden:1", "name": "Golden Badge One", "issuer": "Golden Issuer"}
    assert w.store.integrity_errors() == []
    assert (home / "wallet.db.schema1.bak").exists()  # backed up before migrating
    w.lock()


@pytest.mark.parametrize("start", range(1, SCHEMA_VERSION + 1))
def test_each_migration_step(tmp_path: Path, start: int) -> None:
    vault, _ = Vault.create(tmp_path / "w", PASSPHRASE, schema_version=start)
    assert vault.store.schema_version == start
    key = vault.data_key
    vault.lock()
    store = Store.open(tmp_path / "w" / "wallet.db", key)
    assert store.schema_version == SCHEMA_VERSION
    store.close()


def test_newer_schema_refused(wallet: Wallet, wallet_home: Path, data_key: bytes) -> None:
    wallet.store.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    wallet.lock()
    with pytest.raises(CorruptWallet, match="newer credwallet"):
        Vault.unlock(wallet_home, data_key=data_key)


def test_crypto_seal_detects_tampering() -> None:
    key = crypto.new_data_key()
    nonce, ct = crypto.seal(key, b"secret", b"aad")
    assert crypto.open_sealed(key, nonce, ct, b"aad") == b"secret"
    assert crypto.open_sealed(key, nonce, ct, b"other") is None
    assert crypto.open_sealed(key, nonce, ct[:-1] + bytes([ct[-1] ^ 1]), b"aad") is None
