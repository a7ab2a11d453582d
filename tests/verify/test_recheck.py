"""`verify --all`: stored credentials checked again in batches (wallet.recheck), in the checking process,
one transaction per batch.  The batched path must give what one-by-one re-checking gives, catch a stored
credential that was altered after import, and never keep an older verdict for one it could not check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import factory
from tests.cli.test_cli import run
from tests.conftest import PASSPHRASE
from tests.security.test_bounded_work import STALL, stalling_check
from wallet import recheck as recheck_mod
from wallet.errors import Cancelled
from wallet.service import Wallet


def _import(wallet: Wallet, tmp_path: Path, n: int, **kw: str) -> list[str]:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for i in range(n):
        (folder / f"{i:03d}.json").write_bytes(factory.ob3_bytes(100 + i, f"Badge {i}", **kw))
    results = wallet.import_paths([folder])
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    return [r.id for r in results]


def _tamper(wallet: Wallet, cid: str, field: str, value: str) -> None:
    """What an attacker with the database (or a bad disk) does: change a signed field of the stored original."""
    row = wallet.store.db.execute("SELECT original FROM credentials WHERE id = ?", (cid,)).fetchone()
    doc = json.loads(bytes(row[0]))
    doc["credentialSubject"]["achievement"][field] = value
    with wallet.store.transaction() as db:
        db.execute("UPDATE credentials SET original = ? WHERE id = ?", (json.dumps(doc).encode(), cid))


def test_batched_recheck_gives_what_one_by_one_gives(wallet: Wallet, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recheck_mod, "RECHECK_BATCH", 3)  # several batches, one of them partial
    ids = _import(wallet, tmp_path, 7)
    seen: list[tuple[int, int]] = []
    got = wallet.reverify_many(ids, progress=lambda d, t, _label: seen.append((d, t)))
    assert [g.id for g in got] == ids
    for g in got:
        one = wallet.reverify(g.id)
        assert g.report.status == one.report.status
        assert [(c.id, c.status, c.message) for c in g.report.checks] == \
               [(c.id, c.status, c.message) for c in one.report.checks]
        assert g.normalized.title == one.normalized.title
    assert seen[0] == (0, 7) and seen[-1] == (7, 7)
    # the full-text rows were rewritten in place (by rowid), one per credential, still found by search
    fts = wallet.store.db.execute("SELECT count(*), count(DISTINCT credential_id) FROM credential_fts").fetchone()
    assert tuple(fts) == (7, 7)
    assert [s.id for s in wallet.credentials("Badge 3")] == [ids[3]]


def test_a_record_read_differently_is_rewritten_with_its_search_rows(wallet: Wallet, tmp_path: Path) -> None:
    """A re-check rewrites a record only when it comes out different (the usual re-check writes the report
    alone): one stored with a stale display record (an older reader, a changed database) is rewritten,
    and its search row follows."""
    from wallet.vault.index import reindex

    ids = _import(wallet, tmp_path, 3)
    row = wallet.store.db.execute("SELECT normalized FROM credentials WHERE id = ?", (ids[1],)).fetchone()
    stale = dict(json.loads(row[0]), title="Stale Title")
    with wallet.store.transaction() as db:
        db.execute("UPDATE credentials SET normalized = ?, title = ? WHERE id = ?",
                   (json.dumps(stale), "Stale Title", ids[1]))
        reindex(db, ids[1])
    assert [s.id for s in wallet.credentials("Stale")] == [ids[1]]
    wallet.reverify_many(ids)
    assert wallet.get(ids[1]).normalized.title == "Badge 1" and wallet.credentials("Stale") == []
    assert [s.id for s in wallet.credentials("Badge 1")] == [ids[1]]
    fts = wallet.store.db.execute("SELECT count(*), count(DISTINCT credential_id) FROM credential_fts").fetchone()
    assert tuple(fts) == (3, 3)


def test_a_stored_credential_altered_after_import_is_caught(wallet: Wallet, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recheck_mod, "RECHECK_BATCH", 2)
    ids = _import(wallet, tmp_path, 5)
    before = {i: wallet.get(i).report.status for i in ids}
    assert set(before.values()) <= {"verified", "warning"}
    _tamper(wallet, ids[3], "name", "Doctorate in Medicine")
    got = {g.id: g for g in wallet.reverify_many(ids)}
    assert got[ids[3]].report.status == "invalid"
    assert next(c for c in got[ids[3]].report.checks if c.id == "signature").status == "fail"
    assert wallet.get(ids[3]).report.status == "invalid"  # stored, not only shown
    assert all(wallet.get(i).report.status == before[i] for i in ids if i != ids[3])


@pytest.mark.timeout(180)
def test_a_credential_that_cannot_be_checked_in_time_does_not_keep_its_old_verdict(
        wallet: Wallet, tmp_path: Path) -> None:
    ids = _import(wallet, tmp_path, 2)
    (tmp_path / "slow").mkdir()
    (tmp_path / "slow" / "slow.json").write_bytes(factory.ob3_bytes(150, "Slow", description=STALL.decode()))
    slow = wallet.import_paths([tmp_path / "slow"])[0]
    assert slow.ok and wallet.get(slow.id).report.status in ("verified", "warning")
    wallet.set_setting("import.check_seconds", 1.0)
    wallet.input_checker = stalling_check  # the stored one now sends the checker into a loop nobody bounded
    got = {g.id: g for g in wallet.reverify_many([ids[0], slow.id, ids[1]])}
    assert got[slow.id].report.status == "unverified" and "took too long" in (got[slow.id].error or "")
    assert "took too long" in got[slow.id].report.checks[0].message
    assert wallet.get(slow.id).report.status == "unverified"
    assert got[ids[0]].report.status in ("verified", "warning") and got[ids[1]].report.status in ("verified", "warning")


def test_cancel_keeps_every_finished_batch(wallet: Wallet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recheck_mod, "RECHECK_BATCH", 2)
    ids = _import(wallet, tmp_path, 5)
    for cid in ids:
        _tamper(wallet, cid, "description", "altered")
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(Cancelled, match="after 3 of 5"):
        wallet.reverify_many(ids, cancel=cancel)
    statuses = [wallet.get(i).report.status for i in ids]
    assert statuses[:3] == ["invalid"] * 3  # two full batches and the one in flight stored
    assert "invalid" not in statuses[3:]


@pytest.fixture
def cli_env(wallet_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CREDWALLET_HOME", str(wallet_home))
    monkeypatch.setenv("CREDWALLET_PASSPHRASE", PASSPHRASE)
    return wallet_home


def test_cli_verify_all_json_and_exit_code(cli_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "in"
    f.mkdir()
    for i in range(3):
        (f / f"{i}.json").write_bytes(factory.ob3_bytes(200 + i, f"Badge {i}"))
    code, out, _ = run(capsys, "import", str(f), "--json")
    assert code == 0
    code, out, _ = run(capsys, "verify", "--all", "--json")
    assert code == 0 and len(out) == 3
    assert all(set(r) >= {"id", "title", "status", "checks"} for r in out)
    w = Wallet.open(cli_env, PASSPHRASE)
    try:
        _tamper(w, out[1]["id"], "name", "Something else")
    finally:
        w.lock()
    code, again, _ = run(capsys, "verify", "--all", "--json")
    assert code == 1  # an invalid credential
    assert {r["id"]: r["status"] for r in again}[out[1]["id"]] == "invalid"
    assert [r["id"] for r in again] == [r["id"] for r in out]

