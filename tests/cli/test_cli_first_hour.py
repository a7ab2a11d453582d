"""Issue 18, the command line as a new user meets it: help, closed pipes, errors that point to the fix,
passphrase precedence, readable output, stacks with credits, the demo-issuer hint, and the README's
examples run as written.  Every credential here was really signed (the demo issuer's files)."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from ui.cli.main import main
from ui.cli.parser import build_parser
from wallet import paths

ROOT = Path(__file__).resolve().parents[2]
PASS = PASSPHRASE  # the demo wallet's (tests/conftest.py: demo_home, env)
DEMO = paths.resources_dir() / "demo"
PY_ID = "5fff"  # "Data Analysis with Python": ids are fingerprints, so the demo's are fixed


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _subprocess_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CREDWALLET_")}
    env.update(PYTHONPATH=str(ROOT), CREDWALLET_HOME=str(home), CREDWALLET_PASSPHRASE=PASS,
               CREDWALLET_STATE_DIR=os.environ["CREDWALLET_STATE_DIR"], QT_QPA_PLATFORM="offscreen", **extra)
    return env


# --- help ----------------------------------------------------------------------------------------


def _subparsers(p: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for a in p._actions:
        if isinstance(a, argparse._SubParsersAction):
            return dict(a.choices)
    return {}


def test_every_command_and_argument_has_help_and_a_description() -> None:
    parser = build_parser()
    missing = []

    def walk(p: argparse.ArgumentParser, name: str) -> None:
        if name and not (p.description or "").strip():
            missing.append(f"{name}: no description")
        for a in p._actions:
            if isinstance(a, argparse._SubParsersAction):
                helps = {c.dest: c.help for c in a._choices_actions}
                for sub, sp in a.choices.items():
                    if not helps.get(sub):
                        missing.append(f"{name} {sub}: no help line")
                    walk(sp, f"{name} {sub}".strip())
            elif not a.help or a.help == argparse.SUPPRESS:
                missing.append(f"{name or 'credwallet'} {a.option_strings or a.dest}: no help")

    walk(parser, "")
    assert not missing, missing
    assert "stack" in _subparsers(parser) and _subparsers(_subparsers(parser)["stack"])["create"].description


def test_top_level_help_ends_with_examples_environment_and_exit_codes(capsys) -> None:  # noqa: ANN001
    with pytest.raises(SystemExit) as done:
        build_parser().parse_args(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    tail = out[out.index("examples:"):]
    assert "CREDWALLET_HOME" in tail and "CREDWALLET_PASSPHRASE" in tail
    assert re.search(r"exit codes:\s+0 +ok\s+1 .*invalid\s+2 .*usage.*\s+3 .*could not proceed", tail, re.S)
    with pytest.raises(SystemExit):
        build_parser().parse_args(["stack", "create", "--help"])
    assert "credits the goal needs" in capsys.readouterr().out


# --- pipes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [["list"], ["show", PY_ID], ["--json", "list"], ["skills"]])
def test_a_closed_pipe_ends_quietly(demo_home: Path, argv: list[str]) -> None:
    """`credwallet list | head`: the reader is gone before the command writes (read end closed at once)."""
    r, w = os.pipe()
    os.close(r)  # nobody will ever read: the first write fails with EPIPE
    try:
        p = subprocess.run([sys.executable, "-m", "ui.cli.main", *argv], stdout=w, stderr=subprocess.PIPE,
                           env=_subprocess_env(demo_home), timeout=120)
    finally:
        os.close(w)
    err = p.stderr.decode()
    assert "Traceback" not in err and "BrokenPipeError" not in err and "Exception ignored" not in err, err
    assert p.returncode == 0


def test_list_piped_into_head_reads_the_first_lines(demo_home: Path) -> None:
    p = subprocess.run("python -m ui.cli.main list | head -2", shell=True, capture_output=True, timeout=120,
                       env={**_subprocess_env(demo_home), "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"})
    assert len(p.stdout.decode().splitlines()) == 2 and not p.stderr, p.stderr


# --- errors that point to the fix ------------------------------------------------------------------


def test_verify_on_a_shared_qr_image_says_use_verify_presentation(env: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    qr = tmp_path / "cv.png"
    assert run(capsys, "present", PY_ID, "--audience", "https://hr.example", "--qr", str(qr))[0] == 0
    code, out, err = run(capsys, "verify", str(qr))
    assert code == 2 and f"this is a shared presentation: use `credwallet verify-presentation --qr {qr}`" in err
    # and verify-presentation reads the image without --qr: the real check, not a parse error
    code, out, err = run(capsys, "--json", "verify-presentation", str(qr), "--audience", "https://hr.example")
    assert code == 0 and json.loads(out)["status"] == "verified", err
    # a tampered image (another, unrelated PNG) is not mistaken for a presentation
    other = tmp_path / "plain.png"
    shutil.copy(DEMO / "credentials" / "ob2-first-aid-baked.png", other)
    code, out, err = run(capsys, "verify", str(other))
    assert code == 0 and "shared presentation" not in err


def test_verify_a_missing_file_says_no_such_file(env: Path, capsys) -> None:  # noqa: ANN001
    code, out, err = run(capsys, "verify", "nothere.json")
    assert code == 2 and "nothere.json: no such file" in err and "no credential with id" not in err
    code, out, err = run(capsys, "verify", "0000")  # an id prefix is still an id
    assert code == 2 and "no credential with id" in err


@pytest.mark.parametrize("argv", [
    ["export", PY_ID, "--out", "{missing}/x.json"], ["backup", "--out", "{missing}/w.cwbak"],
    ["present", PY_ID, "--out", "{missing}/p.json"], ["present", PY_ID, "--qr", "{missing}/cv.png"],
    ["issuers", "export", "--out", "{missing}/t.json"], ["pdf", PY_ID, "--out", "{missing}/p.pdf"],
])
def test_a_missing_output_folder_is_bad_input_not_internal_error(env: Path, tmp_path: Path, capsys,  # noqa: ANN001
                                                                  argv: list[str]) -> None:
    missing = tmp_path / "no" / "such"
    code, out, err = run(capsys, *[a.replace("{missing}", str(missing)) for a in argv])
    assert code == 2 and f"{missing}: no such folder" in err and "internal error" not in err
    assert not missing.exists()


def test_nothing_is_logged_as_shared_when_the_output_folder_is_missing(env: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    before = json.loads(run(capsys, "--json", "log")[1])
    assert run(capsys, "present", PY_ID, "--out", str(tmp_path / "gone" / "p.json"))[0] == 2
    assert json.loads(run(capsys, "--json", "log")[1]) == before


def test_list_dates_and_status_words(env: Path, capsys) -> None:  # noqa: ANN001
    code, out, err = run(capsys, "list", "--since", "2026-13-01")
    assert code == 2 and "YYYY-MM-DD" in err and "2026-13-01" in err
    assert run(capsys, "list", "--until", "yesterday")[0] == 2
    lower = json.loads(run(capsys, "--json", "list", "--status", "verified")[1])
    assert lower and all(r["status"] == "verified" for r in lower)
    for word in ("Verified", "VERIFIED"):
        code, out, _ = run(capsys, "--json", "list", "--status", word)
        assert code == 0 and json.loads(out) == lower
    code, out, _ = run(capsys, "--json", "list", "--status", "Not checked")  # the human words work too
    assert code == 0 and all(r["status"] == "unverified" for r in json.loads(out))
    assert run(capsys, "list", "--status", "good")[0] == 2


def test_skills_from_an_unknown_framework(env: Path, capsys) -> None:  # noqa: ANN001
    code, out, err = run(capsys, "skills", "--framework", "nope")
    assert code == 2 and "no skills from framework 'nope'" in err and "ESCO" in err
    code, out, _ = run(capsys, "--json", "skills", "--framework", "ESCO")
    assert code == 0 and json.loads(out)


def test_import_of_a_hosted_badge_url_offline(env: Path, capsys) -> None:  # noqa: ANN001
    url = "https://badges.example/assertions/42.json"
    code, out, err = run(capsys, "import", url)
    assert code == 2 and f"{url}: to fetch a hosted badge use --online" in out
    assert "https:/badges" not in out + err  # not a mangled path
    code, out, _ = run(capsys, "--json", "import", url)
    assert json.loads(out)[0]["input"] == url and json.loads(out)[0]["id"] is None


# --- passphrases ---------------------------------------------------------------------------------


def test_an_explicit_passphrase_file_wins_over_the_environment(env: Path, tmp_path: Path, monkeypatch,  # noqa: ANN001
                                                               capsys) -> None:  # noqa: ANN001
    good, bad = tmp_path / "good", tmp_path / "bad"
    good.write_text(PASS + "\n")
    bad.write_text("not the passphrase\n")
    monkeypatch.setenv("CREDWALLET_PASSPHRASE", "not the passphrase")
    assert run(capsys, "list", "--passphrase-file", str(good))[0] == 0
    monkeypatch.setenv("CREDWALLET_PASSPHRASE", PASS)
    code, _, err = run(capsys, "list", "--passphrase-file", str(bad))
    assert code == 3 and "passphrase" in err
    code, _, err = run(capsys, "list", "--passphrase-file", str(tmp_path / "nope"))
    assert code == 2 and "no such file" in err


def test_passphrase_change_without_a_new_one_names_the_option(wallet_home: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    from tests.conftest import PASSPHRASE

    monkeypatch.setenv("CREDWALLET_HOME", str(wallet_home))
    monkeypatch.setenv("CREDWALLET_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(sys, "stdin", open(os.devnull))  # not a terminal
    code, _, err = run(capsys, "passphrase", "change")
    assert code == 3 and "--new-passphrase-file" in err and "CREDWALLET_NEW_PASSPHRASE" in err
    import getpass

    answers = iter(["a new passphrase 42", "a new passphrase 42"])
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))  # on a terminal it asks, twice
    assert run(capsys, "passphrase", "change")[0] == 0
    monkeypatch.setenv("CREDWALLET_PASSPHRASE", "a new passphrase 42")
    assert run(capsys, "list")[0] == 0


# --- readable output -----------------------------------------------------------------------------


DICT_REPR = re.compile(r"\{'[^']+': ")


def test_text_output_is_never_a_python_dict(env: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    trust = tmp_path / "trust.json"
    shutil.copy(DEMO / "trust.json", trust)
    for argv in (["issuers", "import", str(trust)], ["issuers", "list"], ["issuers", "export"],
                 ["issuers", "export", "--out", str(tmp_path / "t.json")], ["settings"], ["holder", "show"],
                 ["skills"], ["stack", "list"], ["log"], ["keyring", "status"], ["show", PY_ID], ["list"]):
        code, out, err = run(capsys, *argv)
        assert code == 0, (argv, err)
        assert not DICT_REPR.search(out), (argv, out)
    code, out, _ = run(capsys, "issuers", "import", str(trust))
    assert out.startswith("Imported 7 trusted issuers")
    code, out, _ = run(capsys, "--json", "issuers", "import", str(trust))
    assert json.loads(out)["imported"] == 7


def test_stack_show_lists_credentials_with_credits_and_show_prints_them(env: Path, capsys) -> None:  # noqa: ANN001
    code, out, _ = run(capsys, "--json", "stack", "show", "Data analyst")
    st = json.loads(out)
    assert {m["title"]: m["credits"] for m in st["members"]} == {"Applied Statistics": 4.0,
                                                                  "Data Analysis with Python": 5.0}
    assert st["credits_earned"] == 9.0  # the documented shape is kept
    code, out, _ = run(capsys, "stack", "show", "Data analyst")
    assert "9 of 12 credits (75%)" in out
    assert re.search(r"5fff\w+ +5 credits +Verified +Data Analysis with Python", out), out
    code, out, _ = run(capsys, "show", PY_ID)
    assert re.search(r"Credits: +5 credits", out) and re.search(r"Issued: +14 March 2026", out)
    code, out, _ = run(capsys, "--json", "list")
    cert = next(c["id"] for c in json.loads(out) if c["title"].startswith("Cloud Data Engineering"))
    code, out, _ = run(capsys, "show", cert[:4])  # results and credits of the ecdsa-sd credential
    assert re.search(r"Results: +Distinction", out) and re.search(r"Credits: +6 credits", out)


def test_text_output_in_german(env: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    monkeypatch.setenv("CREDWALLET_LANG", "de")
    code, out, _ = run(capsys, "show", PY_ID)
    assert "Leistungspunkte:" in out and "5 Leistungspunkte" in out and "14. März 2026" in out
    assert "Verifiziert" in out and "Elemente eines Microcredentials" in out
    code, out, _ = run(capsys, "--json", "list", "--status", "verified")
    assert {r["status"] for r in json.loads(out)} == {"verified"}  # --json values never change


# --- first run -----------------------------------------------------------------------------------


def test_importing_the_demo_files_by_hand_says_how_to_trust_the_demo_issuer(wallet_home: Path, monkeypatch,  # noqa: ANN001
                                                                            capsys) -> None:  # noqa: ANN001
    from tests.conftest import PASSPHRASE

    monkeypatch.setenv("CREDWALLET_HOME", str(wallet_home))
    monkeypatch.setenv("CREDWALLET_PASSPHRASE", PASSPHRASE)
    one = DEMO / "credentials" / "ob3-data-analysis-python.json"
    code, out, _ = run(capsys, "import", str(one))
    hint = [ln for ln in out.splitlines() if "trust the demo issuer" in ln]
    assert code == 0 and len(hint) == 1 and f"credwallet issuers import {DEMO / 'trust.json'}" in hint[0]
    cmd = hint[0].split("`")[1].split()
    assert run(capsys, *cmd[1:])[0] == 0  # the hint's own command works...
    assert run(capsys, "verify", PY_ID)[1].splitlines()[0].endswith("Verified (ob3)")  # ...and it verifies
    code, out, _ = run(capsys, "import", str(DEMO / "credentials" / "ob3-applied-statistics.svg"))
    assert code == 0 and "trust the demo issuer" not in out  # trusted now: no hint


# --- the README, as written ----------------------------------------------------------------------


def _readme_block(marker: str) -> list[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    block = text[text.index(f"<!-- {marker} -->"):]
    block = block[block.index("```sh\n") + 6:]
    return [ln for ln in block[:block.index("```")].splitlines() if ln.startswith("credwallet ")]


def test_readme_examples_run_as_written(tmp_path: Path) -> None:
    """Every `credwallet` line of the README's two example blocks, run by a shell, in order, in a folder
    holding the files the README names (the demo credentials), against a fresh wallet."""
    work = tmp_path / "work"
    (work / "certs").mkdir(parents=True)
    for f in (DEMO / "credentials").iterdir():
        shutil.copy(f, work / "certs" / f.name)
    shutil.copy(DEMO / "credentials" / "ob3-data-analysis-python.json", work / "badge.json")
    shutil.copy(DEMO / "credentials" / "ob2-first-aid-baked.png", work / "badge.png")
    (work / "resources").symlink_to(paths.resources_dir())
    bindir = tmp_path / "bin"
    bindir.mkdir()
    shim = bindir / "credwallet"
    shim.write_text(f"#!/bin/sh\nexec {sys.executable} -m ui.cli.main \"$@\"\n")
    shim.chmod(0o755)
    env = _subprocess_env(tmp_path / "wallet", CREDWALLET_NEW_PASSPHRASE=PASS,
                          PATH=f"{bindir}:{os.environ['PATH']}")
    lines = _readme_block("cli-examples") + _readme_block("cli-sharing")
    assert len(lines) >= 20
    ran = []
    for line in lines:
        if "verifier serve" in line:  # runs until Ctrl+C (tests/cli/test_verifier_serve.py serves it)
            continue
        p = subprocess.run(["/bin/sh", "-c", line.split(" # ")[0]], cwd=work, env=env, capture_output=True,
                           timeout=300)
        out, err = p.stdout.decode(), p.stderr.decode()
        assert p.returncode == 0, f"{line}\n{out}\n{err}"
        assert "Traceback" not in err
        if line.startswith("credwallet init"):
            env["CREDWALLET_RECOVERY_CODE"] = re.search(r"([A-Z0-9]{5}(?:-[A-Z0-9]{5}){5})", out).group(1)
        ran.append(line)
    assert (work / "cv.png").exists() and not (work / "cv-1.png").exists()  # one code: the name as given
    seq = sorted(work.glob("cvs-*.png"))
    assert len(seq) >= 2 and [p.name for p in seq] == [f"cvs-{i}.png" for i in range(1, len(seq) + 1)]
    readme_line = next(x for x in ran if x.startswith("credwallet verify-presentation --qr cvs-"))
    assert all(p.name in readme_line for p in seq)  # the README names every code of the sequence
    assert (work / "badge-copy.json").read_bytes() == (work / "badge.json").read_bytes()
    assert (work / "portfolio.pdf").read_bytes()[:5] == b"%PDF-"
    assert len(ran) == len(lines) - 1
