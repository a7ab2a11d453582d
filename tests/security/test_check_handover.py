"""Attack class: what crosses to the checking process, and an import when no checking process can start.

The parent hands the checking process plain settings (Session.check_spec: online flag, fetch cache, trust
list as stored, the holder's public key, the clock) and the worker builds its verification context from
them (wallet.checker_worker.context_from).  These tests start from credentials really signed (the test
issuer, tests/factory.py), tamper with them where a person would look, and assert that the checks built
on the far side of the hand-over catch it, that the trust list and the holder's DID arrive intact, that the
holder's private key never crosses, and that with no checking process the same checks run in-process.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import pickle
from pathlib import Path
from typing import Any

import pytest

from tests import factory
from ui.cli.main import main as cli
from wallet import bounded
from wallet.checker_worker import Worker, context_from, sendable
from wallet.model import INVALID, TRUST_LIST
from wallet.service import Wallet

FIXED = dt.datetime(2031, 5, 4, 12, 0, tzinfo=dt.timezone.utc)


def _relabelled(i: int) -> bytes:
    """A real credential of the test issuer, its achievement renamed after signing."""
    doc = json.loads(factory.ob3_bytes(i, "Intro to Spreadsheets"))
    doc["credentialSubject"]["achievement"]["name"] = "Doctor of Medicine"
    doc["name"] = "Doctor of Medicine"
    return json.dumps(doc).encode()


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-real.json").write_bytes(factory.ob3_bytes(31))
    (folder / "b-relabelled.json").write_bytes(_relabelled(32))
    (folder / "c-real.json").write_bytes(factory.ob3_bytes(33))
    return folder


def test_the_holder_private_key_never_crosses_and_the_worker_names_the_same_holder(wallet: Wallet) -> None:
    s = wallet.session
    assert s.check_spec()["holder_jwk"] is None or s.store.holder_key("ed25519")  # no key yet: no holder DID
    s.holder()  # the holder keys, as init makes them
    private = s.store.holder_key("ed25519")
    assert private is not None and private.get("d")
    spec = s.check_spec()
    blob = pickle.dumps(sendable(spec))
    assert private["d"].encode() not in blob  # only the public key goes to the checking process
    assert spec["holder_jwk"] == {k: private[k] for k in ("kty", "crv", "x")}
    assert context_from(spec).holder_dids == tuple(s.holder_dids()) == wallet.verify_context().holder_dids


def test_the_trust_list_crosses_as_stored(wallet: Wallet, tmp_path: Path) -> None:
    """Trusted in the parent means trusted in the worker; untrusted stays untrusted (no default trust)."""
    first = wallet.import_bytes(factory.ob3_bytes(34), "first.json")
    assert first.ok
    assert wallet.get(first.id).report.issuer["confirmation"] != TRUST_LIST
    wallet.trust_issuer(factory.DID, "Test Issuer")
    second = wallet.import_bytes(factory.ob3_bytes(35), "second.json")
    assert second.ok and second.issuer_id == factory.DID
    assert wallet.get(second.id).report.issuer["confirmation"] == TRUST_LIST


def test_a_clock_that_cannot_be_pickled_still_reaches_the_worker(wallet: Wallet) -> None:
    wallet.clock = lambda: FIXED  # a test's lambda: the time it says is used throughout
    r = wallet.import_bytes(factory.ob3_bytes(36), "dated.json")
    assert r.ok and wallet.get(r.id).report.checked_at.startswith("2031-05-04")
    expired = factory.ob3_bytes(37, valid_until="2030-01-01T00:00:00Z")  # expired by the worker's clock only
    r2 = wallet.import_bytes(expired, "expired.json", keep_invalid=True)
    assert any(c["id"] == "expiry" and c["status"] == "fail" for c in r2.checks), r2.checks


def test_tampering_is_caught_across_the_hand_over(wallet: Wallet, tmp_path: Path) -> None:
    results = {Path(r.input).name: r for r in wallet.import_paths([_folder(tmp_path)])}
    assert results["a-real.json"].ok and results["c-real.json"].ok
    bad = results["b-relabelled.json"]
    assert not bad.ok and bad.status == INVALID and bad.id is None
    assert wallet.count() == 2


@pytest.mark.timeout(120)
def test_with_no_checking_process_the_same_checks_run_in_process(wallet: Wallet, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    def cannot_start(self: Worker) -> None:
        raise OSError("no processes here")

    monkeypatch.setattr(bounded, "SHARED_WORKER", Worker())  # not the one an earlier test left running
    monkeypatch.setattr(Worker, "start", cannot_start)
    with caplog.at_level(logging.WARNING, logger="wallet.bounded"):
        results = {Path(r.input).name: r for r in wallet.import_paths([_folder(tmp_path)])}
    assert "without a time budget" in caplog.text
    assert results["a-real.json"].ok and results["c-real.json"].ok
    assert results["b-relabelled.json"].status == INVALID and wallet.count() == 2
    # a stored credential tampered in the vault is caught by the in-process re-check as well
    cid = results["a-real.json"].id
    wallet.store.db.execute("UPDATE credentials SET original = ? WHERE id = ?", (_relabelled(31), cid))
    wallet.store.db.commit()
    again = {r.id: r for r in wallet.reverify_many([cid, results["c-real.json"].id])}
    assert again[cid].report.status == INVALID
    assert again[results["c-real.json"].id].report.status != INVALID


def _cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli(args)
    out = capsys.readouterr()
    return code, out.out


def test_the_demo_trust_hint_follows_the_trust_list(wallet_home: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """The hint after importing a demo credential by hand: in the text summary while the demo issuer is not
    trusted, never once it is, never in the JSON output."""
    from tests.conftest import PASSPHRASE

    monkeypatch.setenv("CREDWALLET_PASSPHRASE", PASSPHRASE)
    demo = Path(__file__).resolve().parents[2] / "resources" / "demo"
    base = ["--wallet", str(wallet_home)]
    code, out = _cli([*base, "import", str(demo / "credentials" / "ob3-data-analysis-python.json")], capsys)
    assert code == 0 and str(demo / "trust.json") in out
    code, out = _cli([*base, "--json", "import", str(demo / "credentials" / "ob3-applied-statistics.svg")], capsys)
    rows: Any = json.loads(out)
    assert code == 0 and rows[0]["id"] and "trust.json" not in out
    assert _cli([*base, "issuers", "import", str(demo / "trust.json")], capsys)[0] == 0
    folder = demo / "credentials"
    code, out = _cli([*base, "import", str(folder)], capsys)
    assert "trust.json" not in out
