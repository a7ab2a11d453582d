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

    asked: list[str] = []

    class Broken(MemoryKeyring):
        def get_password(self, service: str, user: str) -> str | None:
            asked.append(user)
            raise RuntimeError("locked collection")

    keyring.set_keyring(Broken())
    pw = wallet_home.parent / "pw.txt"
    pw.write_text(PASSPHRASE)
    from ui.cli.main import main

    # passphrase given: keyring is not consulted at all
    assert main(["--wallet", str(wallet_home), "--passphrase-file", str(pw), "list"]) == 0
    assert asked == []
    # no passphrase given: keyring fails, then a prompt is impossible (no tty) -> clear error, exit 3
    monkeypatch.setattr("sys.stdin", None)
    assert main(["--wallet", str(wallet_home), "list"]) == 3
    err = capsys.readouterr().err
    assert len(asked) == 1  # the keyring was asked, failed, and the passphrase path was taken
    # the failure ends as the passphrase error, never as the keyring's own exception
    assert err.startswith("credwallet: no passphrase") and "RuntimeError" not in err and "Traceback" not in err


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


# --- a missing database is an error, never an empty wallet --------------------------------------


def test_unlock_with_the_database_missing_is_a_clear_error_and_creates_nothing(wallet_home: Path) -> None:
    """A wallet whose database was lost (or moved) must not open as an empty wallet: the learner would think
    the credentials were gone, and the next import would write over the place the backup goes back to."""
    w = Wallet.open(wallet_home, PASSPHRASE)
    assert w.import_bytes(_cred(1), "one.json").ok
    w.lock()
    for f in wallet_home.glob("wallet.db*"):
        f.unlink()
    with pytest.raises(CorruptWallet, match="database .* is missing; restore it from a backup") as err:
        Wallet.open(wallet_home, PASSPHRASE)
    assert err.value.exit_code == 3 and "wallet.db" in str(err.value)
    assert not any(wallet_home.glob("wallet.db*"))  # nothing was made in its place


def test_cli_says_the_database_is_missing_exit_3(wallet_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ui.cli.main import main

    for f in wallet_home.glob("wallet.db*"):
        f.unlink()
    pw = wallet_home.parent / "pw.txt"
    pw.write_text(PASSPHRASE)
    assert main(["--wallet", str(wallet_home), "--passphrase-file", str(pw), "list"]) == 3
    err = capsys.readouterr().err
    assert "database" in err and "missing" in err and "Traceback" not in err
    assert not any(wallet_home.glob("wallet.db*"))


# --- released migration steps compute what they computed when released ---------------------------


def _schema4_wallet_with_skills(home: Path) -> tuple[bytes, dict[str, dict]]:
    """A wallet at schema 4 holding credentials with skills, written as schema-4 code wrote them."""
    from wallet.model import Normalized, Skill

    vault, _ = Vault.create(home, PASSPHRASE, schema_version=4)
    norms = {
        "assessed01": Normalized(title="Exam", criteria="Passed a proctored exam",
                                 skills=[Skill("SQL", "ESCO", "S1.2", "https://esco.example/sql")]),
        "typed00001": Normalized(title="Degree", extra={"achievement_type": "Degree"}, skills=[Skill("Law")]),
        "attended01": Normalized(title="Talk", criteria="Attended the talk", skills=[Skill("Listening"),
                                                                                     Skill("Notes")]),
    }
    with vault.store.transaction() as db:
        for cid, n in norms.items():
            db.execute("INSERT INTO credentials (id, sha256, credential_key, format, original, normalized, title,"
                       " issuer_name, issued, file_name, imported_at, notes) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                       (cid, cid * 4, None, "ob3", b"{}", json.dumps(n.to_json()), n.title, "", None, None,
                        "2026-11-25T00:00:00Z", ""))
    key = vault.data_key
    vault.lock()
    return key, {cid: n.to_json() for cid, n in norms.items()}


def test_migration_step5_does_not_call_live_portfolio_or_model_code(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Step 5 fills the skills index with each skill's strength.  If it called portfolio.strength_of (or the
    model's search fields, for step 3), changing that code later would change what an old wallet's upgrade
    computes: the store's own rule is never to edit a released step.  The live code is made to fail here;
    the upgrade must not notice."""
    key, _ = _schema4_wallet_with_skills(tmp_path / "w")

    def changed(*_a: object) -> str:
        raise AssertionError("a released migration step called live code")

    monkeypatch.setattr("wallet.portfolio.strength.strength_of", changed)
    monkeypatch.setattr("wallet.model.Normalized.evidence_strength", changed)
    monkeypatch.setattr("wallet.model.Normalized.search_fields", changed)
    store = Store.open(tmp_path / "w" / "wallet.db", key)
    try:
        assert store.schema_version == SCHEMA_VERSION
        rows = sorted(store.skill_rows())
    finally:
        store.close()
    assert rows == [
        ("assessed01", "SQL", "ESCO", "S1.2", "https://esco.example/sql", "assessed"),
        ("attended01", "Listening", None, None, None, "participation"),
        ("attended01", "Notes", None, None, None, "participation"),
        ("typed00001", "Law", None, None, None, "assessed"),
    ]


def test_migration_step5_agrees_with_todays_strength_rule(tmp_path: Path) -> None:
    """Frozen is not different: today the frozen copy and portfolio.strength_of give the same answers (when
    the live rule changes, this test shows it, and the new rule gets a new step)."""
    from wallet.model import Normalized
    from wallet.portfolio.strength import strength_of

    key, norms = _schema4_wallet_with_skills(tmp_path / "w")
    store = Store.open(tmp_path / "w" / "wallet.db", key)
    try:
        got = {cid: strength for cid, *_rest, strength in store.skill_rows()}
    finally:
        store.close()
    assert got == {cid: strength_of(Normalized.from_json(n)) for cid, n in norms.items()}
