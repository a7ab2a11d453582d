"""Issue 13, section 6: restoring a backup into an existing wallet.

The attacker: someone who hands the learner a backup file ("here are your certificates") made with the
attacker's own passphrase by the real backup code, from a wallet the attacker prepared: its trust list
trusts the attacker's key as "Harvard University", its fetch cache holds a forged DID document for
harvard.edu, its stored reports say `verified` for forged and tampered credentials, its stored
normalized view relabels a real credential, and its settings turn online checks on.

Restoring it into the victim's existing wallet must take only credentials, tags, notes and stacks,
check each credential again with the victim's own checks (offline, the victim's trust list), and leave
the victim's settings, trust list, fetch cache, holder keys, disclosure log and existing reports as they
were.  Restoring into an empty folder is the learner's own wallet coming back: everything returns.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519

from tests import factory
from tests.conftest import PASSPHRASE
from wallet.crypto import publickeys as keys
from wallet.crypto import signing
from wallet.errors import BackupError, WalletError
from wallet.model import VERIFIED, Check, VerificationReport
from wallet.service import Wallet, credential_id_for
from wallet.verify import trust as trust_mod

ATTACKER_PW = "the attacker's own passphrase, 2026"
ATTACKER = ed25519.Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"credwallet test attacker").digest())
ATTACKER_DID = "did:key:" + keys.to_multikey(ATTACKER.public_key())
ATTACKER_VM = f"{ATTACKER_DID}#{ATTACKER_DID.split(':')[-1]}"
REAL_HARVARD = ed25519.Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"credwallet test harvard").digest())
WEB_DID = "did:web:harvard.edu"
WEB_VM = WEB_DID + "#key-1"
DID_URL = "https://harvard.edu/.well-known/did.json"
STATUS_URL = "https://harvard.edu/status/1"
AT = "2026-02-01T00:00:00Z"


def _did_doc(key: ed25519.Ed25519PrivateKey) -> dict[str, Any]:
    vm = {"id": WEB_VM, "type": "Multikey", "controller": WEB_DID,
          "publicKeyMultibase": keys.to_multikey(key.public_key())}
    return {"@context": ["https://www.w3.org/ns/did/v1"], "id": WEB_DID, "verificationMethod": [vm],
            "assertionMethod": [WEB_VM]}


def _cache_entry(doc: Any) -> dict[str, str]:
    return {"at": AT, "body": base64.b64encode(json.dumps(doc).encode()).decode()}


def _signed_by(i: int, title: str, issuer_id: str, vm: str, key: ed25519.Ed25519PrivateKey) -> bytes:
    cred = factory.ob3(i, title)
    cred["issuer"] = {"id": issuer_id, "type": ["Profile"], "name": "Harvard University"}

    return json.dumps(signing.sign_data_integrity(cred, key, vm, created=AT, loader=factory._loader())).encode()


def _tampered(i: int) -> bytes:
    """A credential the test issuer really signed for "Intro to Spreadsheets", renamed after signing."""
    doc = factory.signed(factory.ob3(i, "Intro to Spreadsheets"))
    doc = copy.deepcopy(doc)
    doc["name"] = doc["credentialSubject"]["achievement"]["name"] = "Doctor of Medicine (MD)"
    return json.dumps(doc).encode()


FORGED_WEB = _signed_by(101, "Doctor of Medicine (MD)", WEB_DID, WEB_VM, ATTACKER)
FORGED_KEY = _signed_by(102, "Doctor of Medicine (MD)", ATTACKER_DID, ATTACKER_VM, ATTACKER)
TAMPERED = _tampered(103)
RELABELLED = factory.ob3_bytes(104, "Intro to Spreadsheets")
LEGIT_A = factory.ob3_bytes(105, "Python Basics")
LEGIT_B = factory.ob3_bytes(106, "Data Analysis")
SHARED = factory.ob3_bytes(107, "Shared badge")  # in both wallets
VICTIM_OWN = factory.ob3_bytes(108, "Victim's own badge")


def _id(data: bytes) -> str:
    return credential_id_for(hashlib.sha256(data).hexdigest())


def _forge_report(w: Wallet, cid: str) -> None:
    w.store.set_report(cid, VerificationReport(VERIFIED, [
        Check("signature", "pass", "signature valid (forged report)", AT),
        Check("issuer_trust", "pass", "Harvard University is in your trust list", AT)], AT))


@pytest.fixture(scope="module")
def attacker_backup(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The attacker's wallet, backed up with the attacker's passphrase by the real backup code."""
    home = tmp_path_factory.mktemp("attacker") / "wallet"
    w, _code = Wallet.create(home, ATTACKER_PW)
    try:
        trust = trust_mod.TrustList([
            trust_mod.TrustedIssuer(WEB_DID, "Harvard University", jwk=keys.to_jwk(ATTACKER.public_key())),
            trust_mod.TrustedIssuer(ATTACKER_DID, "Harvard University", did=ATTACKER_DID),
        ])
        w.save_trust_list(trust)
        w.set_setting(Wallet.FETCH_CACHE, {DID_URL: _cache_entry(_did_doc(ATTACKER)),
                                           STATUS_URL: _cache_entry({"forged": "status list: nothing revoked"})})
        w.set_online(True)
        w.set_setting("skills.synonyms", {"Medicine": ["Python"]})
        for data, name in ((FORGED_WEB, "md.json"), (FORGED_KEY, "md2.json"), (RELABELLED, "sheets.json"),
                           (LEGIT_A, "a.json"), (LEGIT_B, "b.json"), (SHARED, "shared.json")):
            r = w.import_bytes(data, name, online=False)
            assert r.id, r.error
        r = w.import_bytes(TAMPERED, "tampered.json", online=False, keep_invalid=True)
        assert r.id and r.status == "invalid"
        for data in (FORGED_WEB, FORGED_KEY, TAMPERED):
            _forge_report(w, _id(data))
        # the stored normalized view of a real credential, relabelled in the attacker's database
        rid = _id(RELABELLED)
        norm = json.loads(w.store.db.execute("SELECT normalized FROM credentials WHERE id = ?", (rid,)).fetchone()[0])
        norm["title"] = "Doctor of Medicine (MD)"
        with w.store.transaction() as db:
            db.execute("UPDATE credentials SET normalized = ?, title = ?, issuer_name = ? WHERE id = ?",
                       (json.dumps(norm), "Doctor of Medicine (MD)", "Harvard Medical School", rid))
        w.tag(_id(LEGIT_A), "career")
        w.tag(_id(LEGIT_B), "career")
        w.note(_id(LEGIT_A), "my first course")
        w.tag(_id(SHARED), "from-backup")
        w.note(_id(SHARED), "the backup's note")
        w.create_stack("Data career", 10, ["Python"])
        w.stack_add("Data career", [_id(LEGIT_A), _id(LEGIT_B), _id(SHARED)])
        w.holder()
        w.store.log_disclosure(AT, "https://attacker.example", "file", [_id(FORGED_KEY)], [], None)
        out = home.parent / "certificates.cwbak"
        w.backup(out)
    finally:
        w.lock()
    return out


@pytest.fixture
def victim(wallet: Wallet) -> Wallet:
    """The learner's existing wallet: their own trust list, cache (the real harvard.edu key), settings."""
    wallet.save_trust_list(trust_mod.TrustList([trust_mod.TrustedIssuer(factory.DID, "Test Issuer", did=factory.DID)]))
    wallet.set_setting(Wallet.FETCH_CACHE, {DID_URL: _cache_entry(_did_doc(REAL_HARVARD))})
    wallet.set_online(False)
    wallet.set_setting("skills.synonyms", {"Spreadsheets": ["Excel"]})
    wallet.holder()
    for data, name in ((SHARED, "shared.json"), (VICTIM_OWN, "own.json")):
        assert wallet.import_bytes(data, name).id
    wallet.tag(_id(SHARED), "mine")
    wallet.store.log_disclosure(AT, "https://employer.example", "qr", [_id(VICTIM_OWN)], [], None)
    return wallet


def _protected(w: Wallet) -> dict[str, Any]:
    """Everything of the existing wallet a merge must leave exactly as it was."""
    dump = w.store.dump()
    keep = {_id(SHARED), _id(VICTIM_OWN)}
    return {
        "settings": sorted((r["key"], r["value"]) for r in dump["settings"]),
        "holder_keys": dump["holder_keys"],
        "disclosure_log": dump["disclosure_log"],
        "credentials": [r for r in dump["credentials"] if r["id"] in keep],
        "reports": [r for r in dump["reports"] if r["credential_id"] in keep],
        "tags": sorted((r["credential_id"], r["tag"]) for r in dump["tags"] if r["credential_id"] in keep),
    }


def test_attackers_backup_brings_no_trust_cache_settings_or_verdicts(victim: Wallet, attacker_backup: Path) -> None:
    before = _protected(victim)
    result = victim.merge_backup(attacker_backup, passphrase=ATTACKER_PW)

    # the victim's trust list, fetch cache, settings, holder keys, disclosure log, own records: untouched
    assert _protected(victim) == before
    assert [e.name for e in victim.trust_list().entries.values()] == ["Test Issuer"]
    assert victim.online is False
    assert set(victim.setting(Wallet.FETCH_CACHE)) == {DID_URL}

    # every merged credential's report is the victim's own offline check of its original bytes
    assert result.mode == "merge" and result.added
    for cid in result.added:
        cred = victim.get(cid)
        own = victim.verify_bytes(cred.original, cid, online=False)[1]
        assert cred.report.status == own.status == result.statuses[cid]
        assert [(c.id, c.status) for c in cred.report.checks] == [(c.id, c.status) for c in own.checks]
        assert not any("forged report" in c.message for c in cred.report.checks)


def test_forged_credentials_are_not_shown_verified(victim: Wallet, attacker_backup: Path) -> None:
    result = victim.merge_backup(attacker_backup, passphrase=ATTACKER_PW)
    refused = {r["id"]: r for r in result.refused}

    # signed by the attacker's key as did:web:harvard.edu: the victim's cached harvard.edu key does not match
    assert _id(FORGED_WEB) in refused and refused[_id(FORGED_WEB)]["status"] == "invalid"
    # signed after the fact edited: refused like an import would refuse it, despite its "verified" report
    assert _id(TAMPERED) in refused and refused[_id(TAMPERED)]["status"] == "invalid"
    for cid in (_id(FORGED_WEB), _id(TAMPERED)):
        assert not victim.store.summaries(ids={cid})

    # signed by the attacker's own did:key under the name "Harvard University": kept, but not as verified,
    # and the victim's trust list does not confirm the name
    forged = victim.get(_id(FORGED_KEY))
    assert forged.report.status != VERIFIED
    assert not any(c.id == "issuer_trust" and c.status == "pass" for c in forged.report.checks)
    assert not [s for s in victim.credentials() if s.status == VERIFIED and "Medicine" in s.title]

    # the relabelled real credential shows what its issuer signed, not the backup's stored view
    sheets = victim.get(_id(RELABELLED))
    assert sheets.normalized.title == "Intro to Spreadsheets"
    assert [s.title for s in victim.credentials("spreadsheets")] == ["Intro to Spreadsheets"]
    assert not victim.credentials("Harvard Medical School")


def test_legitimate_credentials_merge_with_tags_notes_and_stacks(victim: Wallet, attacker_backup: Path) -> None:
    result = victim.merge_backup(attacker_backup, passphrase=ATTACKER_PW)
    a, b = victim.get(_id(LEGIT_A)), victim.get(_id(LEGIT_B))
    assert {a.id, b.id, _id(RELABELLED), _id(FORGED_KEY)} == set(result.added)
    assert a.original == LEGIT_A and b.original == LEGIT_B
    assert a.tags == ["career"] and a.notes == "my first course" and b.tags == ["career"]
    assert a.report.status == VERIFIED  # the victim trusts the test issuer: its own check says so
    stack = next(s for s in victim.stacks() if s["name"] == "Data career")
    assert sorted(stack["credentials"]) == sorted([a.id, b.id, _id(SHARED)])
    assert stack["target_credits"] == 10 and stack["required_skills"] == ["Python"]
    assert {s.id for s in victim.credentials("python")} == {a.id}  # indexed for search
    assert victim.store.integrity_errors() == []


def test_a_credential_already_in_the_wallet_is_not_duplicated(victim: Wallet, attacker_backup: Path) -> None:
    count = victim.count()
    before = victim.get(_id(SHARED))
    result = victim.merge_backup(attacker_backup, passphrase=ATTACKER_PW)
    assert result.already_present == [_id(SHARED)]
    assert victim.count() == count + len(result.added)
    after = victim.get(_id(SHARED))
    assert (after.tags, after.notes, after.report.to_json()) == (["mine"], "", before.report.to_json())
    # restoring the same backup again adds nothing
    again = victim.merge_backup(attacker_backup, passphrase=ATTACKER_PW)
    assert again.added == [] and victim.count() == count + len(result.added)
    assert sorted(again.already_present) == sorted([_id(SHARED), *result.added])


@pytest.mark.parametrize("fail_at", [1, 2, 4])  # first credential, midway, after the last one (before stacks)
def test_failure_midway_leaves_the_wallet_unchanged(victim: Wallet, attacker_backup: Path,
                                                    monkeypatch: pytest.MonkeyPatch, fail_at: int) -> None:
    from wallet.vault import store as store_mod

    before = victim.store.dump()
    fts = victim.store.db.execute("SELECT count(*) FROM credential_fts").fetchone()[0]
    skills = victim.store.skill_rows()
    real_insert = store_mod.Store.insert
    calls = {"n": 0}

    def crashing_insert(self: Any, db: Any, cred: Any) -> None:
        calls["n"] += 1
        real_insert(self, db, cred)  # the row really went in, inside the restore's transaction
        if calls["n"] == fail_at:
            raise RuntimeError("simulated crash while restoring")

    monkeypatch.setattr(store_mod.Store, "insert", crashing_insert)
    with pytest.raises(RuntimeError, match="simulated crash"):
        victim.merge_backup(attacker_backup, passphrase=ATTACKER_PW)
    assert calls["n"] == fail_at
    assert victim.store.dump() == before
    assert victim.store.db.execute("SELECT count(*) FROM credential_fts").fetchone()[0] == fts
    assert victim.store.skill_rows() == skills
    monkeypatch.undo()
    assert len(victim.merge_backup(attacker_backup, passphrase=ATTACKER_PW).added) == 4  # and it works afterwards


def test_cancel_before_the_write_changes_nothing(victim: Wallet, attacker_backup: Path) -> None:
    from wallet.errors import Cancelled

    before = victim.store.dump()
    seen: list[int] = []
    with pytest.raises(Cancelled):
        victim.merge_backup(attacker_backup, passphrase=ATTACKER_PW, progress=lambda d, t, _l: seen.append(d),
                            cancel=lambda: len(seen) >= 3)
    assert victim.store.dump() == before


def test_tampered_attacker_backup_is_refused_before_anything_is_written(victim: Wallet, attacker_backup: Path,
                                                                        tmp_path: Path) -> None:
    data = bytearray(attacker_backup.read_bytes())
    data[len(data) // 2] ^= 0x01
    bad = tmp_path / "bad.cwbak"
    bad.write_bytes(bytes(data))
    before = victim.store.dump()
    with pytest.raises(BackupError):
        victim.merge_backup(bad, passphrase=ATTACKER_PW)
    assert victim.store.dump() == before


def test_backup_with_malformed_rows_is_refused_whole(victim: Wallet, attacker_backup: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A backup whose rows are not what credwallet writes (made by hand with the real encryption) is bad input."""
    from wallet.vault import backup as backup_mod

    opened = backup_mod.read_backup(attacker_backup, passphrase=ATTACKER_PW)
    before = victim.store.dump()
    for table, row in (("tags", {"credential_id": _id(LEGIT_A), "tag": ["not", "text"]}),
                       ("stacks", {"name": "x", "target_credits": "lots", "required_skills": "[]", "created": ""}),
                       ("credentials", {"id": 7, "original": b"{}"})):
        tables = copy.deepcopy(opened.tables)
        tables[table] = [*tables.get(table, []), row]
        out = tmp_path / f"{table}.cwbak"
        backup_mod.write_backup(out, opened.key_header, opened.data_key, tables)
        with pytest.raises(WalletError) as ei:
            victim.merge_backup(out, passphrase=ATTACKER_PW)
        assert str(out) in str(ei.value)
        assert victim.store.dump() == before


def test_restore_into_an_empty_folder_restores_everything(attacker_backup: Path, tmp_path: Path) -> None:
    """Into an empty folder the backup is its owner's wallet coming back: settings, trust list, cache,
    reports and holder keys all return, and it opens with the backup's passphrase."""
    home = tmp_path / "fresh"
    w, added = Wallet.restore_new(home, attacker_backup, passphrase=ATTACKER_PW)
    try:
        assert sorted(added) == sorted(_id(d) for d in (FORGED_WEB, FORGED_KEY, TAMPERED, RELABELLED, LEGIT_A,
                                                        LEGIT_B, SHARED))
        assert {e.id: e.name for e in w.trust_list().entries.values()} == {
            WEB_DID: "Harvard University", ATTACKER_DID: "Harvard University"}
        assert w.online is True
        assert set(w.setting(Wallet.FETCH_CACHE)) == {DID_URL, STATUS_URL}
        assert w.setting("skills.synonyms") == {"Medicine": ["Python"]}
        assert w.get(_id(FORGED_KEY)).report.status == VERIFIED  # the stored report, as its owner kept it
        assert w.store.holder_key("ed25519") is not None and len(w.disclosure_log()) == 1
        assert w.get(_id(LEGIT_A)).notes == "my first course"
        assert w.store.integrity_errors() == []
    finally:
        w.lock()
    Wallet.open(home, ATTACKER_PW).lock()


def test_full_restore_refuses_a_wallet_with_content(victim: Wallet, attacker_backup: Path) -> None:
    from wallet.vault import backup as backup_mod

    opened = backup_mod.read_backup(attacker_backup, passphrase=ATTACKER_PW)
    before = victim.store.dump()
    with pytest.raises(WalletError, match="empty wallet"):
        with victim.store.transaction() as db:
            victim.store.load_all(db, opened.tables)
    assert victim.store.dump() == before


def test_cli_restore_into_existing_wallet_reports_the_merge(victim: Wallet, attacker_backup: Path,
                                                            monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    from ui.cli.main import main

    home = victim.vault.home
    victim.lock()
    monkeypatch.setenv("CREDWALLET_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("CREDWALLET_BACKUP_PASSPHRASE", ATTACKER_PW)
    code = main(["--wallet", str(home), "--json", "restore", str(attacker_backup)])
    out = json.loads(capsys.readouterr().out)
    assert out["mode"] == "merge" and _id(LEGIT_A) in out["restored"]
    assert out["already_present"] == [_id(SHARED)]
    assert {r["id"] for r in out["refused"]} == {_id(FORGED_WEB), _id(TAMPERED)}
    assert out["statuses"][_id(FORGED_KEY)] != VERIFIED
    assert code == 1  # some credentials were found invalid, as with import
    w = Wallet.open(home, PASSPHRASE)
    try:
        assert [e.name for e in w.trust_list().entries.values()] == ["Test Issuer"] and w.online is False
    finally:
        w.lock()
