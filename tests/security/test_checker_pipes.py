"""Attack class: hang an import through the pipes to the checking process (wallet.bounded, checker_worker).

A pipe holds about 64 KiB.  The parent used to write each input itself: with the checking process busy
(an input over its budget) or itself waiting to hand back a large result the parent had not read yet, the
parent's write of the next large input waited for good, and with it the budget that should have stopped
the stalled one.  Two really signed credentials of a few hundred kilobytes, with a few thousand skills,
were enough.  Each test here ends, and says what happened to every input; the timeout marks only stop a
broken build from hanging the suite.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from tests import factory
from tests.security.test_bounded_work import CRASH, STALL, _hostile_copy, stalling_check
from wallet.service import Wallet

PIPE = 64 * 1024


def big_signed(i: int, skills: int = 900) -> bytes:
    """A really signed OB 3.0 credential with ``skills`` alignments: a few hundred kilobytes in, and a display
    record of more than a pipe's worth coming back from the check."""
    cred = factory.ob3(i)
    cred["credentialSubject"]["achievement"]["alignment"] = [
        {"type": ["Alignment"], "targetName": f"Skill {n} " + "s" * 120, "targetUrl": f"https://skills.example/{n}"}
        for n in range(skills)]
    return json.dumps(factory.signed(cred)).encode()


@pytest.fixture(scope="module")
def bigs() -> list[bytes]:
    return [big_signed(900 + n) for n in range(3)]


def test_the_inputs_are_bigger_than_a_pipe_and_so_are_their_results(bigs: list[bytes]) -> None:
    """The premise of the tests below: neither the input nor what its check sends back fits in a pipe."""
    from wallet.checker_worker import Checking, check_one
    from wallet.clock import system_clock

    checking = Checking({"online": False, "fetch_cache": {}, "trusted_issuers": [], "holder_jwk": None,
                         "clock": system_clock}, 20 * 1024 * 1024, check_one)
    checked, _fetched = checking.run(bigs[0], "big.json")
    assert isinstance(checked, tuple) and checked[1].status != "invalid"
    assert len(bigs[0]) > 2 * PIPE and len(pickle.dumps(checked)) > 2 * PIPE


@pytest.mark.timeout(240)
def test_large_inputs_with_large_results_are_all_checked(wallet: Wallet, tmp_path: Path, bigs: list[bytes]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n, data in enumerate(bigs):
        (folder / f"big-{n}.json").write_bytes(data)
    (folder / "small.json").write_bytes(factory.ob3_bytes(910))
    results = wallet.import_paths([folder])
    assert [r.ok for r in results] == [True] * 4, [r.error for r in results]
    assert wallet.count() == 4


@pytest.mark.timeout(240)
def test_a_large_input_behind_a_stalled_one_does_not_hold_the_budget(wallet: Wallet, tmp_path: Path,
                                                                    bigs: list[bytes]) -> None:
    wallet.set_setting("import.check_seconds", 2.0)
    wallet.input_checker = stalling_check
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-stall.json").write_bytes(_hostile_copy(911, STALL))
    (folder / "b-big.json").write_bytes(bigs[1])
    (folder / "c-big.json").write_bytes(bigs[2])
    (folder / "d.json").write_bytes(factory.ob3_bytes(912))
    results = {Path(r.input).name: r for r in wallet.import_paths([folder])}
    assert "took too long to check" in (results["a-stall.json"].error or "")
    assert all(results[n].ok for n in ("b-big.json", "c-big.json", "d.json")), results
    assert wallet.count() == 3


@pytest.mark.timeout(240)
def test_a_crash_while_the_queue_fills_blames_only_the_input_it_died_on(wallet: Wallet, tmp_path: Path) -> None:
    """The checking process finishes a good input, dies on the next, and the parent is still queueing large
    files: the good input's result waits in the pipe and must be read, not thrown away with a restart (it was
    then refused as 'took too long', after three budgets of waiting)."""
    wallet.set_setting("import.check_seconds", 1.0)
    wallet.input_checker = stalling_check
    assert wallet.import_bytes(factory.ob3_bytes(920), "warm-up").ok  # the checking process is up and warm
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "000-good.json").write_bytes(factory.ob3_bytes(921))
    (folder / "001-crash.json").write_bytes(_hostile_copy(922, CRASH))
    for n in range(2, 6):
        (folder / f"{n:03d}-good-large.json").write_bytes(factory.ob3_bytes(920 + n) + b" " * (4 << 20))
    results = {Path(r.input).name: r for r in wallet.import_paths([folder])}
    assert "stopped the checker" in (results["001-crash.json"].error or "")
    assert all(r.ok for name, r in results.items() if name != "001-crash.json"), results


@pytest.mark.timeout(240)
def test_when_no_checking_process_starts_again_the_rest_is_checked_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """The checking process dies with inputs queued behind the one that killed it, and a new one cannot be
    started (no file handles, no memory): every input still gets its answer, in-process (an AssertionError
    escaped from the import before)."""
    import multiprocessing.context

    from wallet.bounded import BoundedChecker
    from wallet.clock import system_clock

    spec = {"online": False, "fetch_cache": {}, "trusted_issuers": [], "holder_jwk": None, "clock": system_clock}
    with BoundedChecker(spec, 1 << 20, seconds=2.0, check=stalling_check) as checker:
        got = [*checker.put("warm", factory.ob3_bytes(930), "warm.json"), *checker.drain()]
        got += checker.put("crash", _hostile_copy(931, CRASH), "crash.json")
        got += checker.put("b", factory.ob3_bytes(932), "b.json")  # queued behind the input that kills it
        proc = checker.worker.proc  # type: ignore[union-attr]
        proc.join(60)
        assert not proc.is_alive()

        def refuse(_self: object) -> None:
            raise OSError(24, "Too many open files")

        monkeypatch.setattr(multiprocessing.context.SpawnProcess, "start", refuse)
        got += checker.put("c", factory.ob3_bytes(933), "c.json")
        got += checker.drain()
    answers = dict(got)
    assert set(answers) == {"warm", "crash", "b", "c"}
    assert "stopped the checker" in answers["crash"]
    assert all(isinstance(answers[k], tuple) and answers[k][1].status != "invalid" for k in ("warm", "b", "c"))
